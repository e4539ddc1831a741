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

// Where the entries live: each entry is one line of canonical JSON text. Stores are append-only.
class LedgerStore {
 public:
  virtual ~LedgerStore() = default;
  // Every entry in order. DataLoss when the storage holds a torn or empty entry.
  virtual Result<std::vector<std::string>> read_all() = 0;
  // Appends one entry (without a trailing newline) and returns once it is durable.
  virtual Status append(const std::string& entry) = 0;
  // Names the store in messages ("ledger.jsonl").
  virtual std::string name() const = 0;

  // Appends entries in order, all or (where the store can promise it) none. The default appends
  // one at a time.
  virtual Status append_all(const std::vector<std::string>& entries);
  // The number of entries; the default reads them all.
  virtual Result<std::size_t> size();
  // The entries after the first `count`; the default reads them all.
  virtual Result<std::vector<std::string>> read_from(std::size_t count);
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

// Entries checked as verify_ledger does, as they follow entry `first_position - 1` whose hash is
// `prev_hash`: their acts and hashes. `source` names the store in messages.
struct VerifiedEntries {
  std::vector<Act> acts;
  std::vector<std::string> hashes;
};
Result<VerifiedEntries> verify_entries(const std::vector<std::string>& entries,
                                       std::size_t first_position, std::string_view prev_hash,
                                       std::string_view source);

// The entry text for `act` chained after `prev_hash`, with its hash.
Result<std::string> make_entry(const Act& act, std::string_view prev_hash);

class Ledger {
 public:
  // Reads and verifies the store (verify_ledger's errors).
  static Result<std::unique_ptr<Ledger>> open(std::unique_ptr<LedgerStore> store);

  const std::vector<Act>& acts() const { return acts_; }
  // The hash of each entry, in order.
  const std::vector<std::string>& hashes() const { return hashes_; }
  const std::string& head_hash() const { return head_hash_; }
  LedgerStore& store() { return *store_; }
  // The stored text of entry `position` (1-based). REQUIRES: 1 <= position <= acts().size().
  Result<std::string> entry(std::size_t position) const;

  // Appends `act` after the head and returns its hash. The caller has judged the act (engine.h);
  // the ledger only chains and stores it.
  Result<std::string> append(const Act& act);
  // Appends `acts` in order through LedgerStore::append_all; returns the new head hash.
  Result<std::string> append_all(const std::vector<Act>& acts);

  // Reads the entries another writer appended to the store since this ledger last read it,
  // verifies that they continue the chain, and returns their acts (empty when there are none).
  // DataLoss when the store holds fewer entries than the ledger has read, or a bad entry.
  Result<std::vector<Act>> refresh();

 private:
  Ledger(std::unique_ptr<LedgerStore> store, VerifiedEntries entries);

  std::unique_ptr<LedgerStore> store_;
  std::vector<Act> acts_;
  std::vector<std::string> hashes_;
  std::string head_hash_;
};

}  // namespace mura::kurultai
