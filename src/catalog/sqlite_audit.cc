// The SQLite catalog as the audit log's store (access::AuditStore): the table of schema
// version 4. An append reads the last entry and writes the next under the writer's lock, in one
// transaction, so the chain has no forks whatever the number of threads.
#include <limits>

#include "catalog/sqlite_catalog.h"

namespace mura::catalog {
namespace {

using access::AuditEntry;
using sqlite::Database;
using sqlite::Query;

constexpr std::string_view kAuditColumns =
    "sequence, time, actor, action, target, detail, previous_hash, hash";

Result<std::vector<AuditEntry>> read_entries(Query& query) {
  std::vector<AuditEntry> entries;
  while (true) {
    MURA_ASSIGN_OR_RETURN(bool row, query.step());
    if (!row) break;
    entries.push_back(AuditEntry{query.integer(0), query.text(1), query.text(2), query.text(3),
                                 query.text(4), query.text(5), query.text(6), query.text(7)});
  }
  return entries;
}

}  // namespace

Result<AuditEntry> SqliteCatalog::append_audit(
    AuditEntry entry, const std::function<std::string(const AuditEntry&)>& seal) {
  Status written = write("append_audit", [&](Database& database) -> Status {
    {
      MURA_ASSIGN_OR_RETURN(Query last, database.prepare("SELECT sequence, hash FROM audit_log "
                                                         "ORDER BY sequence DESC LIMIT 1"));
      MURA_ASSIGN_OR_RETURN(bool row, last.step());
      entry.sequence = row ? last.integer(0) + 1 : 1;
      entry.previous_hash = row ? last.text(1) : std::string(access::kGenesisHash);
    }
    entry.hash = seal(entry);
    MURA_ASSIGN_OR_RETURN(Query query,
                          database.prepare("INSERT INTO audit_log (" + std::string(kAuditColumns) +
                                           ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)"));
    MURA_TRY(query.bind_all(entry.sequence, entry.time, entry.actor, entry.action, entry.target,
                            entry.detail, entry.previous_hash, entry.hash));
    return query.run();
  });
  if (!written.ok()) return Error(written);
  return entry;
}

Result<std::vector<AuditEntry>> SqliteCatalog::audit_entries(std::int64_t after, int limit) {
  return read_latest<std::vector<AuditEntry>>(
      [&](Database& database) -> Result<std::vector<AuditEntry>> {
        MURA_ASSIGN_OR_RETURN(Query query, database.prepare("SELECT " + std::string(kAuditColumns) +
                                                            " FROM audit_log WHERE sequence > ? "
                                                            "ORDER BY sequence LIMIT ?"));
        MURA_TRY(query.bind_all(after, std::int64_t{limit}));
        return read_entries(query);
      });
}

Result<std::vector<AuditEntry>> SqliteCatalog::recent_audit_entries(std::int64_t before,
                                                                    int limit) {
  return read_latest<std::vector<AuditEntry>>(
      [&](Database& database) -> Result<std::vector<AuditEntry>> {
        // Unbounded from the newest, else below `before`: each a seek on the rowid.
        const std::int64_t bound = before > 0 ? before : std::numeric_limits<std::int64_t>::max();
        MURA_ASSIGN_OR_RETURN(Query query, database.prepare("SELECT " + std::string(kAuditColumns) +
                                                            " FROM audit_log WHERE sequence < ? "
                                                            "ORDER BY sequence DESC LIMIT ?"));
        MURA_TRY(query.bind_all(bound, std::int64_t{limit}));
        return read_entries(query);
      });
}

}  // namespace mura::catalog
