#include "service/kurultai_register.h"

#include <set>

#include "base/digest.h"
#include "base/file_system.h"
#include "base/posix_file_system.h"
#include "catalog/sqlite_statement.h"
#include "storage/ocfl_store.h"

namespace mura::service {
namespace {

namespace k = ::mura::kurultai;
using catalog::sqlite::Database;
using catalog::sqlite::Query;

constexpr int kSchemaVersion = 1;
constexpr std::string_view kSchema = R"sql(
CREATE TABLE ledger (
  position  INTEGER PRIMARY KEY CHECK (position >= 1),
  hash      TEXT NOT NULL UNIQUE,
  prev_hash TEXT NOT NULL UNIQUE,
  entry     TEXT NOT NULL,
  recorded  TEXT NOT NULL
);
CREATE TRIGGER ledger_no_update BEFORE UPDATE ON ledger
  BEGIN SELECT RAISE(ABORT, 'the Kurultai ledger is append-only'); END;
CREATE TRIGGER ledger_no_delete BEFORE DELETE ON ledger
  BEGIN SELECT RAISE(ABORT, 'the Kurultai ledger is append-only'); END;
CREATE TABLE rules (
  id        INTEGER PRIMARY KEY AUTOINCREMENT,
  installed TEXT NOT NULL,
  source    TEXT NOT NULL,
  sha256    TEXT NOT NULL,
  text      TEXT NOT NULL
);
CREATE TABLE bill_records (
  bill      TEXT PRIMARY KEY,
  record_id TEXT NOT NULL UNIQUE
);
PRAGMA user_version = 1;
)sql";

// How many times an append is judged again after another writer moved the head.
constexpr int kAppendAttempts = 3;

// Runs `work` in a write transaction (BEGIN IMMEDIATE), rolling back on any error.
template <typename Work>
Status in_transaction(Database& database, Work&& work) {
  MURA_TRY(database.execute("BEGIN IMMEDIATE"));
  Status status = work();
  if (status.ok()) status = database.execute("COMMIT");
  if (!status.ok() && database.in_transaction()) (void)database.execute("ROLLBACK");
  return status;
}

std::string field_of(const std::string& entry, const char* name) {
  const nlohmann::json json = nlohmann::json::parse(entry, nullptr, false);
  if (!json.is_object() || !json.contains(name) || !json[name].is_string()) return "";
  return json[name].get<std::string>();
}

Result<std::vector<std::string>> read_entries(Database& database, std::size_t after,
                                              const std::string& name) {
  std::vector<std::string> entries;
  MURA_ASSIGN_OR_RETURN(Query query,
                        database.prepare("SELECT position, hash, entry FROM ledger WHERE "
                                         "position > ? ORDER BY position"));
  MURA_TRY(query.bind(1, static_cast<std::int64_t>(after)));
  for (;;) {
    MURA_ASSIGN_OR_RETURN(bool row, query.step());
    if (!row) break;
    const auto expected = static_cast<std::int64_t>(after + entries.size() + 1);
    if (query.integer(0) != expected) {
      return data_loss_error(name + ": entry " + std::to_string(expected) +
                             " is missing (the next stored is " + std::to_string(query.integer(0)) +
                             ")");
    }
    std::string entry = query.text(2);
    if (entry.find("\"hash\":\"" + query.text(1) + "\"") == std::string::npos) {
      return data_loss_error(name + ": entry " + std::to_string(expected) +
                             ": its hash column does not match the entry");
    }
    entries.push_back(std::move(entry));
  }
  return entries;
}

}  // namespace

// ---- SqliteLedgerStore ----

SqliteLedgerStore::SqliteLedgerStore(std::string path, std::unique_ptr<Database> database)
    : path_(std::move(path)), database_(std::move(database)) {}

SqliteLedgerStore::~SqliteLedgerStore() = default;

Status SqliteLedgerStore::with_context(const Status& status) const {
  return status.ok() ? status : status.with_context("Kurultai register");
}

Result<std::unique_ptr<SqliteLedgerStore>> SqliteLedgerStore::open(const std::string& path) {
  MURA_ASSIGN_OR_RETURN(std::unique_ptr<Database> database,
                        Database::open(path, catalog::sqlite::OpenMode::kCreate));
  MURA_TRY(database->execute("PRAGMA busy_timeout = 10000"));
  MURA_ASSIGN_OR_RETURN(std::optional<std::string> mode,
                        database->query_text("PRAGMA journal_mode = WAL"));
  if (mode.value_or("") != "wal") {
    return failed_precondition_error(path + ": cannot use WAL mode (journal mode \"" +
                                     mode.value_or("") + "\")");
  }
  // Every acknowledged append survives a power cut.
  MURA_TRY(database->execute("PRAGMA synchronous = FULL"));
  MURA_TRY(in_transaction(*database, [&]() -> Status {
    MURA_ASSIGN_OR_RETURN(std::optional<std::string> version,
                          database->query_text("PRAGMA user_version"));
    const int found = std::stoi(version.value_or("0"));
    if (found == 0) return database->execute(kSchema);
    if (found > kSchemaVersion) {
      return failed_precondition_error(path + ": schema version " + std::to_string(found) +
                                       " is newer than this build knows (" +
                                       std::to_string(kSchemaVersion) + "); upgrade Mura");
    }
    return ok_status();
  }));
  return std::unique_ptr<SqliteLedgerStore>(new SqliteLedgerStore(path, std::move(database)));
}

Result<std::vector<std::string>> SqliteLedgerStore::read_all() { return read_from(0); }

Result<std::vector<std::string>> SqliteLedgerStore::read_from(std::size_t count) {
  auto entries = read_entries(*database_, count, path_);
  if (!entries) return Error(with_context(entries.error()));
  return entries;
}

Result<std::size_t> SqliteLedgerStore::size() {
  MURA_ASSIGN_OR_RETURN(std::optional<std::string> count,
                        database_->query_text("SELECT count(*) FROM ledger"));
  return static_cast<std::size_t>(std::stoull(count.value_or("0")));
}

Status SqliteLedgerStore::append(const std::string& entry) { return append_all({entry}); }

Status SqliteLedgerStore::append_all(const std::vector<std::string>& entries) {
  if (entries.empty()) return ok_status();
  const std::string recorded = storage::utc_now();
  return with_context(in_transaction(*database_, [&]() -> Status {
    MURA_ASSIGN_OR_RETURN(Query head, database_->prepare("SELECT position, hash FROM ledger "
                                                         "ORDER BY position DESC LIMIT 1"));
    MURA_ASSIGN_OR_RETURN(bool has_head, head.step());
    std::int64_t position = has_head ? head.integer(0) : 0;
    std::string head_hash = has_head ? head.text(1) : std::string(k::kGenesisHash);
    for (const auto& entry : entries) {
      const std::string prev_hash = field_of(entry, "prev_hash");
      const std::string hash = field_of(entry, "hash");
      if (hash.empty()) return invalid_argument_error(path_ + ": an entry without a hash");
      if (prev_hash != head_hash) {
        return aborted_error(path_ + ": the ledger's head is entry " + std::to_string(position) +
                             " (" + head_hash + "), not " + prev_hash +
                             ": another writer appended first; judge the acts again");
      }
      MURA_ASSIGN_OR_RETURN(Query insert,
                            database_->prepare("INSERT INTO ledger (position, hash, prev_hash, "
                                               "entry, recorded) VALUES (?, ?, ?, ?, ?)"));
      MURA_TRY(insert.bind_all(++position, hash, prev_hash, entry, recorded));
      MURA_TRY(insert.run());
      head_hash = hash;
    }
    return ok_status();
  }));
}

Result<std::optional<SqliteLedgerStore::Rules>> SqliteLedgerStore::rules() {
  MURA_ASSIGN_OR_RETURN(Query query,
                        database_->prepare("SELECT id, text, source, sha256, installed FROM rules "
                                           "ORDER BY id DESC LIMIT 1"));
  MURA_ASSIGN_OR_RETURN(bool row, query.step());
  if (!row) return std::optional<Rules>();
  return std::optional<Rules>(
      Rules{query.integer(0), query.text(1), query.text(2), query.text(3), query.text(4)});
}

Result<std::int64_t> SqliteLedgerStore::latest_rules_id() {
  MURA_ASSIGN_OR_RETURN(std::optional<std::string> latest,
                        database_->query_text("SELECT coalesce(max(id), 0) FROM rules"));
  return std::stoll(latest.value_or("0"));
}

Status SqliteLedgerStore::install_rules(const std::string& text, const std::string& source) {
  MURA_ASSIGN_OR_RETURN(Query insert,
                        database_->prepare("INSERT INTO rules (installed, source, sha256, text) "
                                           "VALUES (?, ?, ?, ?)"));
  MURA_TRY(insert.bind_all(storage::utc_now(), source, digest_hex(DigestAlgorithm::kSha256, text),
                           text));
  return with_context(insert.run());
}

Result<std::optional<std::string>> SqliteLedgerStore::record_of(std::string_view bill) {
  MURA_ASSIGN_OR_RETURN(Query query,
                        database_->prepare("SELECT record_id FROM bill_records WHERE bill = ?"));
  MURA_TRY(query.bind(1, bill));
  MURA_ASSIGN_OR_RETURN(bool row, query.step());
  if (!row) return std::optional<std::string>();
  return std::optional<std::string>(query.text(0));
}

Status SqliteLedgerStore::set_record_of(std::string_view bill, std::string_view record_id) {
  MURA_ASSIGN_OR_RETURN(Query insert, database_->prepare("INSERT INTO bill_records (bill, "
                                                         "record_id) VALUES (?, ?)"));
  MURA_TRY(insert.bind_all(bill, record_id));
  return with_context(insert.run());
}

// ---- KurultaiRegister ----

KurultaiRegister::KurultaiRegister(Repository& repository, std::string path,
                                   std::string fallback_rules)
    : repository_(repository),
      path_(std::move(path)),
      fallback_rules_(fallback_rules.empty() ? k::default_rules_path()
                                             : std::move(fallback_rules)) {}

KurultaiRegister::~KurultaiRegister() = default;

Result<std::unique_ptr<KurultaiRegister>> KurultaiRegister::open(Repository& repository,
                                                                 std::string fallback_rules) {
  std::unique_ptr<KurultaiRegister> result(new KurultaiRegister(
      repository, join_path(repository.directory(), kKurultaiDatabase), std::move(fallback_rules)));
  std::lock_guard lock(result->mutex_);
  MURA_TRY(result->load_locked());
  return result;
}

Status KurultaiRegister::load_locked() {
  if (!side_store_) {
    MURA_ASSIGN_OR_RETURN(side_store_, SqliteLedgerStore::open(path_));
  }
  MURA_ASSIGN_OR_RETURN(std::optional<SqliteLedgerStore::Rules> rules, side_store_->rules());
  std::unique_ptr<k::Constitution> constitution;
  if (rules) {
    MURA_ASSIGN_OR_RETURN(
        k::Constitution parsed,
        k::Constitution::parse(rules->text, path_ + " rules (" + rules->source + ")"));
    constitution = std::make_unique<k::Constitution>(std::move(parsed));
  } else {
    MURA_ASSIGN_OR_RETURN(k::Constitution parsed, k::Constitution::load_file(fallback_rules_));
    constitution = std::make_unique<k::Constitution>(std::move(parsed));
  }
  MURA_ASSIGN_OR_RETURN(std::unique_ptr<SqliteLedgerStore> ledger_store,
                        SqliteLedgerStore::open(path_));
  MURA_ASSIGN_OR_RETURN(std::unique_ptr<k::Register> book,
                        k::Register::open(*constitution, std::move(ledger_store)));
  register_ = std::move(book);  // before the constitution it borrows is replaced
  constitution_ = std::move(constitution);
  rules_id_ = rules ? rules->id : 0;
  rules_source_ = rules ? rules->source : fallback_rules_;
  rules_sha256_ = rules ? rules->sha256 : "";
  return ok_status();
}

Status KurultaiRegister::refresh_locked() {
  MURA_ASSIGN_OR_RETURN(std::int64_t rules_id, side_store_->latest_rules_id());
  if (rules_id != rules_id_) return load_locked();
  auto added = register_->refresh();
  if (!added) {
    // The replay stopped part way: start again from the store.
    Status reload = load_locked();
    return reload.ok() ? Status(added.error()) : reload;
  }
  return ok_status();
}

Status KurultaiRegister::install_rules(const std::string& toml_text, const std::string& source) {
  std::lock_guard lock(mutex_);
  MURA_TRY(refresh_locked());
  MURA_ASSIGN_OR_RETURN(k::Constitution parsed, k::Constitution::parse(toml_text, source));
  if (rules_id_ != 0 && digest_hex(DigestAlgorithm::kSha256, toml_text) == rules_sha256_) {
    return ok_status();
  }
  const auto& acts = register_->acts();
  if (!acts.empty()) {
    auto replayed = k::derive_state(parsed, acts, acts.back().date);
    if (!replayed) {
      return failed_precondition_error(
          "the rules " + source +
          " do not accept the register's ledger: " + replayed.error().message());
    }
  }
  MURA_TRY(side_store_->install_rules(toml_text, source));
  return load_locked();
}

std::string KurultaiRegister::rules_source() const {
  std::lock_guard lock(mutex_);
  return rules_source_;
}

std::string KurultaiRegister::rules_sha256() const {
  std::lock_guard lock(mutex_);
  return rules_sha256_;
}

Result<AppendReport> KurultaiRegister::append(const std::vector<k::Act>& acts, const Actor& actor,
                                              bool publish) {
  std::lock_guard lock(mutex_);
  MURA_TRY(refresh_locked());
  AppendReport report;
  std::vector<k::Act> fresh;
  for (int attempt = 1;; ++attempt) {
    MURA_ASSIGN_OR_RETURN(report.skipped, k::acts_already_in(register_->acts(), acts));
    fresh.assign(acts.begin() + static_cast<std::ptrdiff_t>(report.skipped), acts.end());
    if (fresh.empty()) {
      report.head_hash = register_->head_hash();
      return report;
    }
    if (rules_id_ == 0) {
      // The first append fixes the rules the register is judged by.
      MURA_ASSIGN_OR_RETURN(std::string text, read_file(default_file_system(), fallback_rules_));
      MURA_TRY(side_store_->install_rules(text, fallback_rules_));
      MURA_TRY(load_locked());
    }
    auto head = register_->append_all(fresh);
    if (head) {
      report.head_hash = *head;
      break;
    }
    if (head.error().code() != StatusCode::kAborted || attempt == kAppendAttempts) {
      return Error(head.error());
    }
    MURA_TRY(refresh_locked());
  }
  report.appended = fresh.size();
  if (!publish) return report;
  std::set<std::string> bills;
  for (const auto& act : fresh) {
    if (std::string bill = k::bill_of(act); !bill.empty()) bills.insert(bill);
  }
  for (const auto& bill : bills) {
    auto published = publish_locked(bill, actor);
    if (published) {
      if (published->versions_written > 0) report.published.push_back(std::move(*published));
    } else {
      report.warnings.push_back("bill " + bill +
                                " was not published: " + published.error().message() +
                                " (the acts are stored; `mura kurultai publish` resumes)");
    }
  }
  return report;
}

Result<k::State> KurultaiRegister::state_at(k::Date date) {
  std::lock_guard lock(mutex_);
  MURA_TRY(refresh_locked());
  return register_->state_at(date);
}

Result<k::BillHistory> KurultaiRegister::bill(std::string_view id) {
  std::lock_guard lock(mutex_);
  MURA_TRY(refresh_locked());
  return k::bill_history(*constitution_, register_->acts(), id);
}

std::vector<std::string> KurultaiRegister::bill_ids() {
  std::lock_guard lock(mutex_);
  (void)refresh_locked();
  std::vector<std::string> ids;
  for (const auto& act : register_->acts()) {
    if (act.type == k::ActType::kBillIntroduced) ids.push_back(act.text("bill"));
  }
  return ids;
}

Result<std::pair<std::string, std::vector<PublishedVersion>>> KurultaiRegister::bill_versions(
    std::string_view id) {
  std::lock_guard lock(mutex_);
  MURA_TRY(refresh_locked());
  MURA_ASSIGN_OR_RETURN(k::BillHistory history,
                        k::bill_history(*constitution_, register_->acts(), id));
  MURA_ASSIGN_OR_RETURN(std::optional<std::string> record_id, side_store_->record_of(id));
  std::vector<std::size_t> positions;
  if (record_id) {
    MURA_ASSIGN_OR_RETURN(positions,
                          published_positions(repository_, register_->ledger(), *record_id));
  }
  std::vector<PublishedVersion> versions;
  for (const auto& version : history.versions) {
    PublishedVersion published{version, 0};
    for (std::size_t i = 0; i < positions.size(); ++i) {
      if (positions[i] == version.position)
        published.record_version = static_cast<std::int64_t>(i + 1);
    }
    versions.push_back(std::move(published));
  }
  return std::make_pair(record_id.value_or(""), std::move(versions));
}

Result<std::pair<std::vector<LedgerEntry>, std::size_t>> KurultaiRegister::entries(
    std::size_t after, std::size_t limit) {
  std::lock_guard lock(mutex_);
  MURA_TRY(refresh_locked());
  const k::Ledger& ledger = register_->ledger();
  std::vector<LedgerEntry> page;
  for (std::size_t i = after; i < ledger.acts().size() && page.size() < limit; ++i) {
    page.push_back(LedgerEntry{i + 1, ledger.hashes()[i],
                               i == 0 ? std::string(k::kGenesisHash) : ledger.hashes()[i - 1],
                               &ledger.acts()[i]});
  }
  return std::make_pair(std::move(page), ledger.acts().size());
}

Result<k::VerifyReport> KurultaiRegister::verify() {
  std::lock_guard lock(mutex_);
  return k::verify_ledger(*side_store_);
}

Result<PublishedBill> KurultaiRegister::publish_locked(const std::string& bill,
                                                       const Actor& actor) {
  MURA_TRY(k::bill_history(*constitution_, register_->acts(), bill));
  MURA_ASSIGN_OR_RETURN(std::optional<std::string> record_id, side_store_->record_of(bill));
  if (!record_id) {
    // The identifier is kept before the record is written, so an interrupted publication
    // resumes with the same record.
    record_id = repository_.mint_identifier();
    MURA_TRY(side_store_->set_record_of(bill, *record_id));
  }
  return publish_bill(repository_, *register_, bill, *record_id, actor);
}

Result<std::vector<PublishedBill>> KurultaiRegister::publish(std::string_view bill,
                                                             const Actor& actor) {
  std::lock_guard lock(mutex_);
  MURA_TRY(refresh_locked());
  std::vector<std::string> bills;
  if (!bill.empty()) {
    bills.emplace_back(bill);
  } else {
    for (const auto& act : register_->acts()) {
      if (act.type == k::ActType::kBillIntroduced) bills.push_back(act.text("bill"));
    }
  }
  std::vector<PublishedBill> published;
  for (const auto& id : bills) {
    MURA_ASSIGN_OR_RETURN(PublishedBill result, publish_locked(id, actor));
    published.push_back(std::move(result));
  }
  return published;
}

}  // namespace mura::service
