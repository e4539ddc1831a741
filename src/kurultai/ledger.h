// The register's ledger: an append-only, hash-chained sequence of acts. Each entry is the act's
// JSON object plus "prev_hash" (the previous entry's hash; 64 zeros for the first) and "hash" =
// sha256 of the canonical JSON of the entry without "hash". Entries are kept by a LedgerStore:
// a JSON-lines file now (ledger_file.h), the catalog's SQLite later. A Ledger is used by one
// thread at a time; writers of one store serialise through the store's owner (see the CLI lock).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "base/result.h"
#include "kurultai/acts.h"

namespace mura::kurultai {

inline constexpr std::string_view kGenesisHash =
    "0000000000000000000000000000000000000000000000000000000000000000";

// Where the entries live: each entry is one line of canonical JSON text.
class LedgerStore {
 public:
  virtual ~LedgerStore() = default;
  // Every entry in order. DataLoss when the storage holds a torn or empty entry.
  virtual Result<std::vector<std::string>> read_all() = 0;
  // Appends one entry (without a trailing newline) and returns once it is durable.
  virtual Status append(const std::string& entry) = 0;
  // Names the store in messages ("ledger.jsonl").
  virtual std::string name() const = 0;
};

// Entries in memory, for tests and for judging acts without storing them.
class MemoryLedgerStore final : public LedgerStore {
 public:
  Result<std::vector<std::string>> read_all() override { return entries_; }
  Status append(const std::string& entry) override {
    entries_.push_back(entry);
    return ok_status();
  }
  std::string name() const override { return "memory ledger"; }
  std::vector<std::string>& entries() { return entries_; }

 private:
  std::vector<std::string> entries_;
};

struct VerifyReport {
  std::size_t entries = 0;
  std::string head_hash;  // kGenesisHash for an empty ledger
};

// Checks every entry: valid JSON, a well-formed act, prev_hash equal to the previous entry's hash
// and hash equal to the recomputed one. DataLoss naming the store, the entry number (1-based) and
// what is wrong at the first bad entry.
Result<VerifyReport> verify_ledger(LedgerStore& store);

// The entry text for `act` chained after `prev_hash`, with its hash.
Result<std::string> make_entry(const Act& act, std::string_view prev_hash);

class Ledger {
 public:
  // Reads and verifies the store (verify_ledger's errors).
  static Result<std::unique_ptr<Ledger>> open(std::unique_ptr<LedgerStore> store);

  const std::vector<Act>& acts() const { return acts_; }
  const std::string& head_hash() const { return head_hash_; }
  LedgerStore& store() { return *store_; }

  // Appends `act` after the head and returns its hash. The caller has judged the act (engine.h);
  // the ledger only chains and stores it.
  Result<std::string> append(const Act& act);

 private:
  Ledger(std::unique_ptr<LedgerStore> store, std::vector<Act> acts, std::string head_hash)
      : store_(std::move(store)), acts_(std::move(acts)), head_hash_(std::move(head_hash)) {}

  std::unique_ptr<LedgerStore> store_;
  std::vector<Act> acts_;
  std::string head_hash_;
};

}  // namespace mura::kurultai
