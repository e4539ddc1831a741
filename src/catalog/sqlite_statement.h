// RAII wrappers for the SQLite C API, used by the SQLite catalog. A Database owns one sqlite3*
// connection and a cache of its prepared statements; a Query borrows one cached statement for
// one execution and resets it when it goes out of scope, so a statement never keeps a read
// transaction open. Every SQLite error becomes a Status naming the database, the statement and
// SQLite's message. Not thread-safe: one thread at a time uses a Database and its Queries.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "base/result.h"

struct sqlite3;
struct sqlite3_stmt;

namespace mura::catalog::sqlite {

class Database;

// One execution of a prepared statement: bind parameters (1-based, as SQLite counts them), step
// through the rows, read columns. Move-only; resets the statement and clears its bindings on
// destruction (or finalizes it when it was not cached). REQUIRES: the Database outlives the Query.
class Query {
 public:
  // `in_use` is the cache's flag for a cached statement (cleared on destruction), or nullptr for
  // a statement the Query owns and finalizes.
  Query(Database& database, sqlite3_stmt* statement, bool* in_use);
  Query(Query&& other) noexcept;
  Query& operator=(Query&&) = delete;
  Query(const Query&) = delete;
  Query& operator=(const Query&) = delete;
  ~Query();

  // Text is bound as UTF-8 and copied by SQLite; `std::nullopt` binds NULL.
  Status bind(int index, std::string_view value);
  Status bind(int index, const std::string& value) { return bind(index, std::string_view(value)); }
  Status bind(int index, const char* value) { return bind(index, std::string_view(value)); }
  Status bind(int index, std::int64_t value);
  Status bind(int index, const std::optional<std::string>& value);
  Status bind(int index, const std::optional<std::int64_t>& value);
  Status bind_null(int index);

  // Binds `values` to parameters 1..N in order; stops at the first failure.
  template <typename... Values>
  Status bind_all(const Values&... values) {
    int index = 0;
    Status status;
    ((status.ok() ? (void)(status = bind(++index, values)) : (void)0), ...);
    return status;
  }

  // Advances to the next row: true when a row is available, false when the statement is done.
  Result<bool> step();
  // Runs a statement that returns no rows to completion (INSERT, UPDATE, DELETE, DDL).
  Status run();

  // Column readers for the current row; `column` is 0-based. NULL reads as "" / 0.
  std::string text(int column) const;
  std::int64_t integer(int column) const;
  bool boolean(int column) const { return integer(column) != 0; }
  bool is_null(int column) const;
  std::optional<std::string> optional_text(int column) const;
  std::optional<std::int64_t> optional_integer(int column) const;

 private:
  Status error(std::string_view action, int code) const;

  Database* database_;
  sqlite3_stmt* statement_;
  bool* in_use_;
};

enum class OpenMode { kCreate, kExisting };

// One connection to a SQLite database file (or ":memory:").
class Database {
 public:
  // Opens `path` in multi-thread mode (the caller serializes use of this connection).
  // Unavailable when the file cannot be opened (e.g. its directory is missing).
  static Result<std::unique_ptr<Database>> open(const std::string& path, OpenMode mode);
  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  const std::string& path() const { return path_; }
  sqlite3* handle() const { return handle_; }

  // Runs one or more statements that return no rows (schema scripts, BEGIN, COMMIT, pragmas).
  Status execute(std::string_view sql);
  // Returns the statement for `sql` ready to bind, preparing it on first use and caching it (a
  // second Query of the same SQL while the first is alive gets its own, uncached statement).
  // Internal when the SQL does not compile (a bug, not an input error).
  Result<Query> prepare(const std::string& sql);
  // Runs a statement that returns at most one row and gives its first column as text
  // (std::nullopt when there is no row). For pragmas such as journal_mode.
  Result<std::optional<std::string>> query_text(const std::string& sql);

  // True while a transaction is open on this connection.
  bool in_transaction() const;
  // Rows changed by the last INSERT, UPDATE or DELETE that completed on this connection.
  std::int64_t changes() const;

  // The Status for SQLite result `code` with this connection's error message:
  // "catalog /x/catalog.db: <context>: <message>".
  Status error(int code, std::string_view context) const;

 private:
  struct Finalizer {
    void operator()(sqlite3_stmt* statement) const;
  };
  struct CachedStatement {
    std::unique_ptr<sqlite3_stmt, Finalizer> statement;
    bool in_use = false;
  };

  Result<sqlite3_stmt*> compile(const std::string& sql);

  Database(std::string path, sqlite3* handle) : path_(std::move(path)), handle_(handle) {}

  std::string path_;
  sqlite3* handle_;
  std::unordered_map<std::string, CachedStatement> statements_;
};

// The Status code for a SQLite result code: BUSY/LOCKED/IOERR/CANTOPEN -> Unavailable,
// CORRUPT/NOTADB -> DataLoss, FULL/NOMEM -> ResourceExhausted, READONLY/PERM -> PermissionDenied,
// CONSTRAINT -> FailedPrecondition, TOOBIG/RANGE/MISMATCH -> InvalidArgument, INTERRUPT ->
// Aborted, anything else Internal.
StatusCode status_code_for(int sqlite_result);

}  // namespace mura::catalog::sqlite
