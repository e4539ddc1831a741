#include "catalog/sqlite_statement.h"

#include <sqlite3.h>

#include <algorithm>
#include <cstdint>

namespace mura::catalog::sqlite {
namespace {

// The statement's SQL shortened for messages: its first line, at most 80 characters.
std::string sql_excerpt(std::string_view sql) {
  while (!sql.empty() && (sql.front() == ' ' || sql.front() == '\n')) sql.remove_prefix(1);
  std::size_t end = std::min(sql.find('\n'), std::size_t{80});
  std::string excerpt(sql.substr(0, end));
  if (end < sql.size()) excerpt += "...";
  return excerpt;
}

// SQLITE_TRANSIENT without the C-style cast of its macro: SQLite copies the bytes.
sqlite3_destructor_type transient() {
  return reinterpret_cast<sqlite3_destructor_type>(static_cast<std::intptr_t>(-1));
}

}  // namespace

StatusCode status_code_for(int sqlite_result) {
  switch (sqlite_result & 0xff) {
    case SQLITE_OK:
      return StatusCode::kOk;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
    case SQLITE_IOERR:
    case SQLITE_CANTOPEN:
    case SQLITE_PROTOCOL:
      return StatusCode::kUnavailable;
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      return StatusCode::kDataLoss;
    case SQLITE_FULL:
    case SQLITE_NOMEM:
      return StatusCode::kResourceExhausted;
    case SQLITE_READONLY:
    case SQLITE_PERM:
    case SQLITE_AUTH:
      return StatusCode::kPermissionDenied;
    case SQLITE_CONSTRAINT:
      return StatusCode::kFailedPrecondition;
    case SQLITE_TOOBIG:
    case SQLITE_RANGE:
    case SQLITE_MISMATCH:
      return StatusCode::kInvalidArgument;
    case SQLITE_INTERRUPT:
      return StatusCode::kAborted;
    default:
      return StatusCode::kInternal;
  }
}

Query::Query(Database& database, sqlite3_stmt* statement, bool* in_use)
    : database_(&database), statement_(statement), in_use_(in_use) {
  if (in_use_ != nullptr) *in_use_ = true;
}

Query::Query(Query&& other) noexcept
    : database_(other.database_), statement_(other.statement_), in_use_(other.in_use_) {
  other.statement_ = nullptr;
  other.in_use_ = nullptr;
}

Query::~Query() {
  if (statement_ == nullptr) return;
  if (in_use_ == nullptr) {
    sqlite3_finalize(statement_);
    return;
  }
  sqlite3_reset(statement_);
  sqlite3_clear_bindings(statement_);
  *in_use_ = false;
}

Status Query::error(std::string_view action, int code) const {
  return database_->error(
      code, std::string(action) + " \"" + sql_excerpt(sqlite3_sql(statement_)) + "\"");
}

Status Query::bind(int index, std::string_view value) {
  int code =
      sqlite3_bind_text64(statement_, index, value.data(),
                          static_cast<sqlite3_uint64>(value.size()), transient(), SQLITE_UTF8);
  if (code != SQLITE_OK) return error("binding parameter " + std::to_string(index) + " of", code);
  return ok_status();
}

Status Query::bind(int index, std::int64_t value) {
  int code = sqlite3_bind_int64(statement_, index, value);
  if (code != SQLITE_OK) return error("binding parameter " + std::to_string(index) + " of", code);
  return ok_status();
}

Status Query::bind(int index, const std::optional<std::string>& value) {
  return value ? bind(index, std::string_view(*value)) : bind_null(index);
}

Status Query::bind(int index, const std::optional<std::int64_t>& value) {
  return value ? bind(index, *value) : bind_null(index);
}

Status Query::bind_null(int index) {
  int code = sqlite3_bind_null(statement_, index);
  if (code != SQLITE_OK) return error("binding parameter " + std::to_string(index) + " of", code);
  return ok_status();
}

Result<bool> Query::step() {
  int code = sqlite3_step(statement_);
  if (code == SQLITE_ROW) return true;
  if (code == SQLITE_DONE) return false;
  return Error(error("running", code));
}

Status Query::run() {
  MURA_ASSIGN_OR_RETURN(bool row, step());
  if (row)
    return internal_error("catalog: statement \"" + sql_excerpt(sqlite3_sql(statement_)) +
                          "\" returned a row where none was expected");
  return ok_status();
}

std::string Query::text(int column) const {
  const unsigned char* bytes = sqlite3_column_text(statement_, column);
  if (bytes == nullptr) return "";
  auto size = static_cast<std::size_t>(sqlite3_column_bytes(statement_, column));
  return std::string(reinterpret_cast<const char*>(bytes), size);
}

std::int64_t Query::integer(int column) const { return sqlite3_column_int64(statement_, column); }

bool Query::is_null(int column) const {
  return sqlite3_column_type(statement_, column) == SQLITE_NULL;
}

std::optional<std::string> Query::optional_text(int column) const {
  if (is_null(column)) return std::nullopt;
  return text(column);
}

std::optional<std::int64_t> Query::optional_integer(int column) const {
  if (is_null(column)) return std::nullopt;
  return integer(column);
}

void Database::Finalizer::operator()(sqlite3_stmt* statement) const { sqlite3_finalize(statement); }

Result<std::unique_ptr<Database>> Database::open(const std::string& path, OpenMode mode) {
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX;
  if (mode == OpenMode::kCreate) flags |= SQLITE_OPEN_CREATE;
  sqlite3* handle = nullptr;
  int code = sqlite3_open_v2(path.c_str(), &handle, flags, nullptr);
  if (code != SQLITE_OK) {
    std::string message = handle != nullptr ? sqlite3_errmsg(handle) : sqlite3_errstr(code);
    sqlite3_close_v2(handle);
    return Error(status_code_for(code),
                 "catalog " + path + ": cannot open the database: " + message +
                     " (does the directory exist, and may Mura write to it?)");
  }
  return std::unique_ptr<Database>(new Database(path, handle));
}

Database::~Database() {
  statements_.clear();  // every statement must be finalized before the connection closes
  sqlite3_close_v2(handle_);
}

Status Database::error(int code, std::string_view context) const {
  std::string message = sqlite3_errmsg(handle_);
  if (message.empty() || message == "not an error") message = sqlite3_errstr(code);
  return Status(status_code_for(code),
                "catalog " + path_ + ": " + std::string(context) + ": " + message);
}

Status Database::execute(std::string_view sql) {
  std::string script(sql);
  char* message = nullptr;
  int code = sqlite3_exec(handle_, script.c_str(), nullptr, nullptr, &message);
  if (code == SQLITE_OK) return ok_status();
  std::string text = message != nullptr ? message : sqlite3_errstr(code);
  sqlite3_free(message);
  return Status(status_code_for(code),
                "catalog " + path_ + ": running \"" + sql_excerpt(sql) + "\": " + text);
}

Result<sqlite3_stmt*> Database::compile(const std::string& sql) {
  if (sql.size() >= static_cast<std::size_t>(INT32_MAX)) {
    return invalid_argument_error("catalog " + path_ + ": statement too long");
  }
  sqlite3_stmt* statement = nullptr;
  int code = sqlite3_prepare_v3(handle_, sql.c_str(), static_cast<int>(sql.size() + 1),
                                SQLITE_PREPARE_PERSISTENT, &statement, nullptr);
  if (code != SQLITE_OK) {
    Status status = error(code, "preparing \"" + sql_excerpt(sql) + "\"");
    sqlite3_finalize(statement);
    return Error(std::move(status));
  }
  if (statement == nullptr) {
    return internal_error("catalog " + path_ + ": \"" + sql_excerpt(sql) + "\" holds no statement");
  }
  return statement;
}

Result<Query> Database::prepare(const std::string& sql) {
  auto it = statements_.find(sql);
  if (it != statements_.end() && it->second.in_use) {
    MURA_ASSIGN_OR_RETURN(sqlite3_stmt * statement, compile(sql));
    return Query(*this, statement, nullptr);
  }
  if (it == statements_.end()) {
    MURA_ASSIGN_OR_RETURN(sqlite3_stmt * statement, compile(sql));
    it = statements_.emplace(sql, CachedStatement{}).first;
    it->second.statement.reset(statement);
  }
  return Query(*this, it->second.statement.get(), &it->second.in_use);
}

Result<std::optional<std::string>> Database::query_text(const std::string& sql) {
  MURA_ASSIGN_OR_RETURN(Query query, prepare(sql));
  MURA_ASSIGN_OR_RETURN(bool row, query.step());
  if (!row) return std::optional<std::string>();
  return query.optional_text(0);
}

std::int64_t Database::changes() const { return sqlite3_changes64(handle_); }

bool Database::in_transaction() const { return sqlite3_get_autocommit(handle_) == 0; }

}  // namespace mura::catalog::sqlite
