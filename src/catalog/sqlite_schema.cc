// The SQLite catalog's schema and its migrations. Migration N takes user_version N-1 to N; a
// released migration is never edited, a change is a new one. Everything here is derived from
// the preservation store except `settings`, the accounts (version 3) and the audit log.
#include <cstdint>
#include <iterator>
#include <string>

#include "catalog/sqlite_access.h"
#include "catalog/sqlite_catalog.h"

namespace mura::catalog::sqlite_internal {
namespace {

// Version 1. Empty strings rather than NULL for "none" (parent, level, collection), so that the
// (parent, position, id) index also serves the top-level records (parent = '').
constexpr std::string_view kMigration1 = R"sql(
CREATE TABLE settings (
  key TEXT PRIMARY KEY NOT NULL,
  value TEXT NOT NULL
) WITHOUT ROWID;

-- One row per record. `parent` is not a foreign key: during a parallel reindex a child may
-- arrive before its parent. `collection` is the nearest collection (itself for a collection).
CREATE TABLE records (
  id TEXT PRIMARY KEY NOT NULL,
  kind TEXT NOT NULL,
  level TEXT NOT NULL,
  parent TEXT NOT NULL,
  position INTEGER NOT NULL,
  collection TEXT NOT NULL,
  title TEXT NOT NULL,
  created TEXT NOT NULL,
  modified TEXT NOT NULL,
  version INTEGER NOT NULL,
  deleted INTEGER NOT NULL,
  metadata_access TEXT NOT NULL,
  file_access TEXT NOT NULL,
  access_groups TEXT NOT NULL,  -- JSON array of group names
  embargo_until TEXT,
  personal_data INTEGER NOT NULL,
  closure_years INTEGER,
  review_pending INTEGER NOT NULL,
  record_json TEXT NOT NULL
);
CREATE INDEX records_children ON records (parent, position, id);
CREATE INDEX records_modified ON records (modified, id);
CREATE INDEX records_kind_modified ON records (kind, modified, id);
CREATE INDEX records_parent_modified ON records (parent, modified, id);

-- Field values per language; `seq` is the value's place within its field. Values are trimmed
-- (record_json keeps the exact text).
CREATE TABLE field_values (
  record_id TEXT NOT NULL REFERENCES records (id) ON DELETE CASCADE,
  field TEXT NOT NULL,
  seq INTEGER NOT NULL,
  language TEXT NOT NULL,
  value TEXT NOT NULL,
  PRIMARY KEY (record_id, field, seq)
);
-- Identifier lookup; partial so that long descriptions are not copied into an index. Its WHERE
-- must match find_by_identifier_sql() (the query-plan test checks that it is used).
CREATE INDEX field_values_identifiers ON field_values (field, value)
  WHERE field IN ('identifier', 'call_number', 'inventory_number', 'doi');

CREATE TABLE files (
  record_id TEXT NOT NULL REFERENCES records (id) ON DELETE CASCADE,
  seq INTEGER NOT NULL,
  path TEXT NOT NULL,
  digest TEXT NOT NULL,
  size INTEGER NOT NULL,
  media_type TEXT NOT NULL,
  puid TEXT NOT NULL,
  label TEXT NOT NULL,
  PRIMARY KEY (record_id, path)
);

-- The record's PREMIS events in the order appended. An identifier is recorded once per record.
CREATE TABLE events (
  record_id TEXT NOT NULL REFERENCES records (id) ON DELETE CASCADE,
  seq INTEGER NOT NULL,
  identifier TEXT NOT NULL,
  type TEXT NOT NULL,
  time TEXT NOT NULL,
  agent TEXT NOT NULL,
  outcome TEXT NOT NULL,
  detail TEXT NOT NULL,
  PRIMARY KEY (record_id, seq)
);
CREATE UNIQUE INDEX events_identifier ON events (record_id, identifier) WHERE identifier <> '';

-- Every collection a record lies in (any depth, itself included for a collection), with the
-- record's `modified` copied so that a collection (an OAI-PMH set) pages by (modified, id).
CREATE TABLE collection_members (
  collection_id TEXT NOT NULL,
  record_id TEXT NOT NULL REFERENCES records (id) ON DELETE CASCADE,
  modified TEXT NOT NULL,
  PRIMARY KEY (collection_id, record_id)
) WITHOUT ROWID;
CREATE INDEX collection_members_record ON collection_members (record_id);
CREATE INDEX collection_members_modified ON collection_members (collection_id, modified, record_id);

-- Children that are not deleted, per parent id (which need not be in the catalog yet).
CREATE TABLE child_counts (
  parent TEXT PRIMARY KEY NOT NULL,
  count INTEGER NOT NULL
) WITHOUT ROWID;
)sql";

// Version 2: each record's access requirements (access::requirements_for(), computed at
// put_record time with the closure settings) in columns that list queries filter on; grants as
// "|token|token|" (sqlite_access.h). `metadata_open` marks records open to everyone with no date,
// which a child count never needs to test; the partial index finds the others below a parent.
// Existing rows are filled by fill_requirements().
constexpr std::string_view kMigration2 = R"sql(
ALTER TABLE records ADD COLUMN access_date TEXT NOT NULL DEFAULT '';
ALTER TABLE records ADD COLUMN metadata_grants TEXT NOT NULL DEFAULT '';
ALTER TABLE records ADD COLUMN metadata_open_from TEXT NOT NULL DEFAULT '';
ALTER TABLE records ADD COLUMN files_grants TEXT NOT NULL DEFAULT '';
ALTER TABLE records ADD COLUMN files_open_from TEXT NOT NULL DEFAULT '';
ALTER TABLE records ADD COLUMN metadata_open INTEGER NOT NULL DEFAULT 0;
CREATE INDEX records_guarded_children ON records (parent)
  WHERE deleted = 0 AND metadata_open = 0;
)sql";

// Version 3: accounts (access/account_store.h). Not derived from the store: clear() keeps them.
// Lists of collections and groups are JSON arrays; tokens and sessions keep only digests.
constexpr std::string_view kMigration3 = R"sql(
CREATE TABLE users (
  name TEXT PRIMARY KEY NOT NULL,
  display_name TEXT NOT NULL,
  password_hash TEXT NOT NULL,
  administrator INTEGER NOT NULL,
  curated_collections TEXT NOT NULL,
  member_of TEXT NOT NULL,
  disabled INTEGER NOT NULL,
  created TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE account_groups (
  name TEXT PRIMARY KEY NOT NULL,
  description TEXT NOT NULL,
  created TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE api_tokens (
  id TEXT PRIMARY KEY NOT NULL,
  user_name TEXT NOT NULL REFERENCES users (name) ON DELETE CASCADE,
  secret_hash TEXT NOT NULL,
  scope TEXT NOT NULL,
  label TEXT NOT NULL,
  created TEXT NOT NULL,
  expires TEXT NOT NULL,
  revoked INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX api_tokens_user ON api_tokens (user_name, created);

CREATE TABLE sessions (
  id_hash TEXT PRIMARY KEY NOT NULL,
  user_name TEXT NOT NULL REFERENCES users (name) ON DELETE CASCADE,
  csrf_token TEXT NOT NULL,
  created TEXT NOT NULL,
  expires TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX sessions_user ON sessions (user_name);
CREATE INDEX sessions_expires ON sessions (expires);
)sql";

// Version 4: the audit log (access/audit_log.h), a hash chain in sequence order. Not derived
// from the store: clear() keeps it.
constexpr std::string_view kMigration4 = R"sql(
CREATE TABLE audit_log (
  sequence INTEGER PRIMARY KEY,
  time TEXT NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  target TEXT NOT NULL,
  detail TEXT NOT NULL,
  previous_hash TEXT NOT NULL,
  hash TEXT NOT NULL
);
)sql";

// Version 5: the records waiting for a personal-data review, in list order (a small partial
// index: the review list of a curator never scans the whole catalog).
constexpr std::string_view kMigration5 = R"sql(
CREATE INDEX records_review ON records (modified, id) WHERE review_pending <> 0;
)sql";

struct Migration {
  std::string_view sql;
  // Work that SQL alone cannot do (computing requirements with the access policy), run after
  // `sql` in the same transaction; nullptr when there is none.
  Status (*then)(sqlite::Database& database);
};

constexpr Migration kMigrations[] = {
    {kMigration1, nullptr},
    {kMigration2, fill_requirements},
    {kMigration3, nullptr},
    {kMigration4, nullptr},
    {kMigration5, nullptr},
};
static_assert(std::size(kMigrations) == kSchemaVersion, "one migration per schema version");

}  // namespace

Status migrate_schema(sqlite::Database& database, int target) {
  // IMMEDIATE: two processes opening a new catalog at once must not both create the schema.
  MURA_TRY(database.execute("BEGIN IMMEDIATE"));
  auto migrate = [&]() -> Status {
    std::int64_t version = 0;
    {
      MURA_ASSIGN_OR_RETURN(sqlite::Query query, database.prepare("PRAGMA user_version"));
      MURA_ASSIGN_OR_RETURN(bool row, query.step());
      if (row) version = query.integer(0);
    }
    if (version > kSchemaVersion) {
      return failed_precondition_error(
          "catalog " + database.path() + ": schema version " + std::to_string(version) +
          " is newer than this Mura understands (" + std::to_string(kSchemaVersion) +
          "); upgrade Mura, or rebuild the catalog with `mura reindex` into a new file");
    }
    for (std::int64_t next = version + 1; next <= target; ++next) {
      const std::string context = "migrating the catalog schema to version " + std::to_string(next);
      const Migration& migration = kMigrations[next - 1];
      MURA_TRY(database.execute(migration.sql).with_context(context));
      if (migration.then != nullptr) MURA_TRY(migration.then(database).with_context(context));
      MURA_TRY(database.execute("PRAGMA user_version = " + std::to_string(next)));
    }
    return ok_status();
  };
  Status status = migrate();
  if (!status.ok()) {
    (void)database.execute("ROLLBACK");
    return status;
  }
  return database.execute("COMMIT");
}

}  // namespace mura::catalog::sqlite_internal
