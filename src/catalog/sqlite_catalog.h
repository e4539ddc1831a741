// The SQLite backend of the catalog: one database file in WAL mode with foreign keys on and a
// busy timeout, its schema versioned by PRAGMA user_version (sqlite_schema.cc).
// Thread-safety: every method may be called from any thread. Writes go through one connection
// guarded by a mutex; reads take a query-only connection from a pool, so readers run in parallel
// with each other and with the writer (WAL). An in-memory catalog (":memory:") has a single
// connection, shared by reads and writes under the mutex.
#pragma once

#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "catalog/catalog.h"
#include "catalog/sqlite_statement.h"

namespace mura::catalog {

class SqliteCatalog final : public Catalog, public access::AccountStore, public access::AuditStore {
 public:
  // Opens (creating when missing) the catalog at `path`, or a private in-memory catalog for
  // ":memory:". Unavailable when the file cannot be opened; FailedPrecondition when its schema is
  // newer than this build knows or WAL mode cannot be enabled; DataLoss when it is not a database.
  static Result<std::unique_ptr<SqliteCatalog>> open(const std::string& path);
  ~SqliteCatalog() override;

  Status put_record(const record::Record& record) override;
  Status append_events(const std::string& id, const std::vector<record::Event>& events) override;
  Result<std::optional<record::Record>> get_record(const std::string& id) override;
  Result<std::vector<record::Event>> events(const std::string& id) override;
  using Catalog::ancestors;
  using Catalog::children;
  Result<Page> children(const std::string& parent, const std::string& cursor, int limit,
                        const Visibility& visibility) override;
  Result<std::vector<RecordSummary>> ancestors(const std::string& id,
                                               const Visibility& visibility) override;
  Result<std::optional<RecordSummary>> summary(const std::string& id) override;
  Result<Page> list(const ListFilter& filter, const std::string& cursor, int limit) override;
  Result<std::int64_t> count(const ListFilter& filter) override;
  Result<std::vector<std::string>> find_by_identifier(const std::string& value) override;
  Result<CatalogStats> stats() override;
  Status begin_batch() override;
  Status commit_batch() override;
  Status rollback_batch() override;
  Status clear() override;
  Result<std::optional<std::string>> setting(const std::string& key) override;
  Status set_setting(const std::string& key, const std::string& value) override;
  Result<access::PolicySettings> policy_settings() override;
  Status set_closure_years(const std::string& collection, std::optional<int> years) override;

  // The account store (sqlite_accounts.cc).
  access::AccountStore& accounts() override { return *this; }
  Status insert_user(const access::User& user) override;
  Status update_user(const access::User& user) override;
  Status delete_user(const std::string& name) override;
  Result<std::optional<access::User>> find_user(const std::string& name) override;
  Result<std::vector<access::User>> users() override;
  Status insert_group(const access::Group& group) override;
  Result<std::optional<access::Group>> find_group(const std::string& name) override;
  Result<std::vector<access::Group>> groups() override;
  Status insert_token(const access::ApiToken& token) override;
  Result<std::optional<access::ApiToken>> find_token(const std::string& id) override;
  Result<std::vector<access::ApiToken>> tokens_of(const std::string& user) override;
  Status revoke_token(const std::string& id) override;
  Status insert_session(const access::Session& session) override;
  Result<std::optional<access::Session>> find_session(const std::string& id_hash) override;
  Status delete_session(const std::string& id_hash) override;
  Status delete_sessions_of(const std::string& user) override;
  Status delete_expired_sessions(const std::string& now) override;

  // The audit store (sqlite_audit.cc).
  access::AuditStore& audit() override { return *this; }
  Result<access::AuditEntry> append_audit(
      access::AuditEntry entry,
      const std::function<std::string(const access::AuditEntry&)>& seal) override;
  Result<std::vector<access::AuditEntry>> audit_entries(std::int64_t after, int limit) override;
  Result<std::vector<access::AuditEntry>> recent_audit_entries(std::int64_t before,
                                                               int limit) override;

 private:
  SqliteCatalog(std::string path, std::unique_ptr<sqlite::Database> writer);

  // Runs `work` on a connection that sees committed data (a pooled reader, or the writer of an
  // in-memory catalog under the mutex).
  template <typename T, typename Work>
  Result<T> read(Work&& work);
  // Runs `work` on the writer in a transaction of its own, or in a savepoint inside an open batch;
  // on failure everything `work` wrote is undone. `context` prefixes the error.
  template <typename Work>
  Status write(std::string_view context, Work&& work);

  // As read(), but while a batch is open on the writer (a long ingest), on the writer under the
  // mutex, so that what this process wrote is seen at once (for accounts and the audit log,
  // whose writes join an open batch).
  template <typename T, typename Work>
  Result<T> read_latest(Work&& work);

  Result<std::unique_ptr<sqlite::Database>> acquire_reader();
  void release_reader(std::unique_ptr<sqlite::Database> reader);

  const std::string path_;
  const bool in_memory_;

  std::mutex write_mutex_;
  std::unique_ptr<sqlite::Database> writer_;  // GUARDED_BY(write_mutex_)
  bool in_batch_ = false;                     // GUARDED_BY(write_mutex_)

  std::mutex readers_mutex_;
  std::vector<std::unique_ptr<sqlite::Database>> idle_readers_;  // GUARDED_BY(readers_mutex_)
};

// The templates of SqliteCatalog, shared by its source files (sqlite_catalog.cc,
// sqlite_accounts.cc, sqlite_audit.cc).

template <typename T, typename Work>
Result<T> SqliteCatalog::read(Work&& work) {
  if (in_memory_) {
    std::lock_guard lock(write_mutex_);
    return work(*writer_);
  }
  MURA_ASSIGN_OR_RETURN(std::unique_ptr<sqlite::Database> reader, acquire_reader());
  Result<T> result = work(*reader);
  release_reader(std::move(reader));
  return result;
}

template <typename Work>
Status SqliteCatalog::write(std::string_view context, Work&& work) {
  std::lock_guard lock(write_mutex_);
  sqlite::Database& database = *writer_;
  if (in_batch_) {
    MURA_TRY(database.execute("SAVEPOINT catalog_write").with_context(context));
    Status status = work(database);
    if (status.ok()) return database.execute("RELEASE catalog_write").with_context(context);
    if (!database.in_transaction()) {
      in_batch_ = false;
      return status.with_context(std::string(context) + " (SQLite rolled back the whole batch)");
    }
    (void)database.execute("ROLLBACK TO catalog_write");
    (void)database.execute("RELEASE catalog_write");
    return status.with_context(context);
  }
  MURA_TRY(database.execute("BEGIN IMMEDIATE").with_context(context));
  Status status = work(database);
  if (status.ok()) status = database.execute("COMMIT");
  if (!status.ok() && database.in_transaction()) (void)database.execute("ROLLBACK");
  return status.ok() ? status : status.with_context(context);
}

template <typename T, typename Work>
Result<T> SqliteCatalog::read_latest(Work&& work) {
  {
    std::unique_lock lock(write_mutex_);
    if (in_memory_ || in_batch_) return work(*writer_);
  }
  return read<T>(std::forward<Work>(work));
}

namespace sqlite_internal {

// The schema version this build writes (PRAGMA user_version).
inline constexpr int kSchemaVersion = 5;

// Brings the schema of `database` to `target` (kSchemaVersion; older versions only for the tests
// of migrations) in one transaction, creating it in an empty database. FailedPrecondition when
// the database's schema is newer than kSchemaVersion.
Status migrate_schema(sqlite::Database& database, int target = kSchemaVersion);

// The SQL of the paged queries (exposed for the query-plan test, which checks that every page is
// served from an index without sorting).
std::string children_sql(bool with_cursor, const Visibility& visibility = {});
std::string list_sql(const ListFilter& filter, bool with_cursor);
std::string find_by_identifier_sql();

}  // namespace sqlite_internal
}  // namespace mura::catalog
