// The SQLite backend of the catalog: one database file in WAL mode with foreign keys on and a
// busy timeout, its schema versioned by PRAGMA user_version (sqlite_schema.cc).
// Thread-safety: every method may be called from any thread. Writes go through one connection
// guarded by a mutex; reads take a query-only connection from a pool, so readers run in parallel
// with each other and with the writer (WAL). An in-memory catalog (":memory:") has a single
// connection, shared by reads and writes under the mutex.
#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "catalog/catalog.h"
#include "catalog/sqlite_statement.h"

namespace mura::catalog {

class SqliteCatalog final : public Catalog {
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

namespace sqlite_internal {

// The schema version this build writes (PRAGMA user_version).
inline constexpr int kSchemaVersion = 2;

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
