// The Kurultai register of a repository (docs/adr/0007-kurultai-register.md): its hash-chained
// ledger and the Constitution it is judged by, kept in DIR/kurultai.sqlite, and the register's use
// cases for cli/ and http/ — append acts (publishing the bills they touch as legal_act records,
// kurultai_publish.h), the state at a date, a bill's history, the ledger page by page, verify.
//
// KurultaiRegister is thread-safe: one mutex serialises its use. Several processes may share one
// register (the server and the CLI): every call first takes in what others appended, and an
// append that raced another writer is judged again on the new head.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "kurultai/bill_history.h"
#include "kurultai/ledger.h"
#include "kurultai/register.h"
#include "service/kurultai_publish.h"
#include "service/repository.h"

namespace mura::catalog::sqlite {
class Database;
}

namespace mura::service {

// "kurultai.sqlite": the register's database in the repository directory.
inline constexpr std::string_view kKurultaiDatabase = "kurultai.sqlite";

// The ledger in a SQLite database: table `ledger` (position, hash, prev_hash, entry, recorded),
// append-only by triggers; an append checks in its write transaction that it continues the head
// (Aborted when another writer got there first). Also keeps the installed rules and the record of
// each published bill. One thread at a time.
class SqliteLedgerStore final : public kurultai::LedgerStore {
 public:
  // Opens `path`, creating the database and its schema when missing. Unavailable when it cannot
  // be opened; FailedPrecondition for a schema newer than this build.
  static Result<std::unique_ptr<SqliteLedgerStore>> open(const std::string& path);
  ~SqliteLedgerStore() override;

  Result<std::vector<std::string>> read_all() override;
  Status append(const std::string& entry) override;
  Status append_all(const std::vector<std::string>& entries) override;
  Result<std::size_t> size() override;
  Result<std::vector<std::string>> read_from(std::size_t count) override;
  std::string name() const override { return path_; }

  struct Rules {
    std::int64_t id = 0;  // increases with each installation
    std::string text;     // the TOML file as installed
    std::string source;   // where it was read from
    std::string sha256;
    std::string installed;  // UTC time
  };
  // The rules installed last; nullopt when none are.
  Result<std::optional<Rules>> rules();
  // The id of the rules installed last (0 when none are), without reading them.
  Result<std::int64_t> latest_rules_id();
  Status install_rules(const std::string& text, const std::string& source);

  // The legal_act record of a bill; nullopt when none was assigned.
  Result<std::optional<std::string>> record_of(std::string_view bill);
  Status set_record_of(std::string_view bill, std::string_view record_id);

 private:
  SqliteLedgerStore(std::string path, std::unique_ptr<catalog::sqlite::Database> database);
  Status with_context(const Status& status) const;

  std::string path_;
  std::unique_ptr<catalog::sqlite::Database> database_;
};

// What an append did.
struct AppendReport {
  std::size_t appended = 0;
  std::size_t skipped = 0;  // acts already in the ledger (a file run again)
  std::string head_hash;
  std::vector<PublishedBill> published;
  // Publishing that failed after the acts were stored; `mura kurultai publish` resumes it.
  std::vector<std::string> warnings;
};

// One entry of the ledger, for paging through it.
struct LedgerEntry {
  std::size_t position = 0;  // 1-based
  std::string hash;
  std::string prev_hash;
  const kurultai::Act* act = nullptr;  // valid until the next call on the register
};

// A version of a bill's history with the record version that publishes it.
struct PublishedVersion {
  kurultai::BillVersion version;
  std::int64_t record_version = 0;  // 0 while not published
};

class KurultaiRegister {
 public:
  // Opens the register of `repository`, creating DIR/kurultai.sqlite on first use. It is judged
  // by the rules installed in it; while none are, by `fallback_rules` (a TOML file path;
  // kurultai::default_rules_path() when empty), which the first append installs. Errors of the
  // store, of the rules, and of replaying the ledger (DataLoss for a broken chain).
  static Result<std::unique_ptr<KurultaiRegister>> open(Repository& repository,
                                                        std::string fallback_rules = "");
  ~KurultaiRegister();

  // Installs a new rules file: InvalidArgument for a file that does not load (key and line);
  // FailedPrecondition when an act of the ledger does not pass under it (entry and rule). An
  // unchanged file changes nothing.
  Status install_rules(const std::string& toml_text, const std::string& source);
  // Where the rules in force came from and their sha256 ("" when the fallback is used).
  std::string rules_source() const;
  std::string rules_sha256() const;

  // Judges `acts` in order and appends them all, or none (the first refusal's error names the
  // act: "act 2 of 5: refused by ..."). When the ledger starts with `acts`' own first acts, the
  // acts already there are skipped, so running a file again appends only what is new. Then
  // publishes the bills the appended acts touch (`publish` false: leaves that to publish()).
  Result<AppendReport> append(const std::vector<kurultai::Act>& acts, const Actor& actor,
                              bool publish = true);

  // The state at `date` (earlier dates are replayed).
  Result<kurultai::State> state_at(kurultai::Date date);
  // A bill's history; NotFound for an unknown bill.
  Result<kurultai::BillHistory> bill(std::string_view id);
  // Every bill id, in the order they were introduced.
  std::vector<std::string> bill_ids();
  // The record publishing the bill ("" when none yet) and each history version's record version.
  Result<std::pair<std::string, std::vector<PublishedVersion>>> bill_versions(std::string_view id);

  // Up to `limit` entries after position `after`, and the number of entries in all.
  Result<std::pair<std::vector<LedgerEntry>, std::size_t>> entries(std::size_t after,
                                                                   std::size_t limit);
  // Checks the whole chain as stored (kurultai::verify_ledger).
  Result<kurultai::VerifyReport> verify();

  // Brings the legal_act records of `bill` (every bill when empty) up to date with the ledger.
  Result<std::vector<PublishedBill>> publish(std::string_view bill, const Actor& actor);

  const kurultai::Constitution& constitution() const { return *constitution_; }
  const std::string& path() const { return path_; }

 private:
  KurultaiRegister(Repository& repository, std::string path, std::string fallback_rules);

  // REQUIRES: mutex_ held (the *_locked functions).
  Status load_locked();
  Status refresh_locked();
  Result<PublishedBill> publish_locked(const std::string& bill, const Actor& actor);


  Repository& repository_;
  const std::string path_;
  const std::string fallback_rules_;
  mutable std::mutex mutex_;
  std::unique_ptr<SqliteLedgerStore> side_store_;  // rules and records (the ledger has its own)
  std::int64_t rules_id_ = 0;                      // 0: the fallback rules
  std::string rules_source_;
  std::string rules_sha256_;
  std::unique_ptr<kurultai::Constitution> constitution_;
  std::unique_ptr<kurultai::Register> register_;
};

}  // namespace mura::service
