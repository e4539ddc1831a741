// The catalog: Mura's query side. For every record of the preservation store it keeps what is
// needed to find, list, page and browse it — fields per language, hierarchy, files, events,
// collection membership, OAI-PMH datestamps — and it is derived: `mura reindex` rebuilds it from
// the store alone. One interface with a SQLite backend now (sqlite_catalog.h) and PostgreSQL
// later; catalog_test.cc runs the same suite on each. Every implementation may be called from
// several threads at once. Paging is keyset only: a page costs the same at any depth.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "access/account_store.h"
#include "access/audit_log.h"
#include "access/policy.h"
#include "base/result.h"
#include "record/record.h"

namespace mura::catalog {

// Fields whose values are depositor identifiers (inventory numbers, call numbers, DOIs),
// matched exactly (after trimming) by Catalog::find_by_identifier.
inline constexpr std::string_view kIdentifierFields[] = {"identifier", "call_number",
                                                         "inventory_number", "doi"};

// The closure period of personal data when no setting says otherwise.
inline constexpr int kDefaultClosureYears = 75;

// Page sizes accepted by children() and list().
inline constexpr int kMinPageSize = 1;
inline constexpr int kMaxPageSize = 1000;

// What a listing shows of one record, without loading record.json.
struct RecordSummary {
  std::string id;
  record::Kind kind = record::Kind::kArchivalUnit;
  std::string level;
  std::string parent;
  std::int64_t position = 0;
  // The nearest collection: the record itself if it is a collection, else the closest collection
  // above it; empty when there is none. The OAI-PMH setSpec of the record.
  std::string collection;
  std::string title;     // the first title value, kk first (Record::first_value)
  std::string modified;  // ISO 8601 UTC; the OAI-PMH datestamp
  std::int64_t version = 0;
  bool deleted = false;
  std::int64_t child_count = 0;  // children that are not deleted
  record::AccessPolicy access;
  // What the access policy requires of a caller, as computed when the record was put (the
  // collection's closure period included); pass to access::allows() with a caller and a day.
  access::RecordRequirements requirements;
  friend bool operator==(const RecordSummary&, const RecordSummary&) = default;
};

// Whose view a listing shows. With a caller, list(), count(), children() and ancestors() return
// only records whose metadata the caller may see on `today` — the stored requirements tested by
// access::allows()'s rule inside the query — and child_count counts only such children, so that
// neither a page nor a count reveals a hidden record. Without a caller (the default) nothing is
// hidden: for the command line and maintenance, never for a request.
struct Visibility {
  const access::Caller* caller = nullptr;  // borrowed; must outlive the call
  std::string today;                       // "YYYY-MM-DD" (UTC), as for access::allows()

  // The view of `caller` on `today` (access::today_utc() for requests).
  static Visibility of(const access::Caller& caller, std::string today) {
    return Visibility{&caller, std::move(today)};
  }
  bool filters() const { return caller != nullptr && !caller->administrator; }
};

struct Page {
  std::vector<RecordSummary> items;
  // Pass back to get the next page; empty at the end. Opaque and URL-safe (base64url).
  std::string next_cursor;
};

// Which records list() and count() return. Filters combine with AND.
struct ListFilter {
  std::optional<record::Kind> kind;
  // The ARK of a collection: the collection itself and every record anywhere below it,
  // including below nested collections and archival units. The OAI-PMH set.
  std::string collection;
  // Only the direct children of this record.
  std::string parent;
  // Inclusive bounds on `modified` (OAI-PMH from/until), compared as text: pass timestamps in
  // the form records use ("2026-11-28T10:00:00Z"); a bare date as `modified_since` also works.
  std::string modified_since;
  std::string modified_until;
  // Tombstones are left out unless asked for (OAI-PMH reports them as deleted).
  bool include_deleted = false;
  // Only records waiting for a curator's personal-data review (AccessPolicy::review_pending).
  bool review_pending = false;
  // Whose view: see Visibility. Default: every record.
  Visibility visibility;
};

struct CatalogStats {
  std::int64_t records = 0;  // including tombstones
  std::int64_t deleted = 0;
  std::int64_t files = 0;
  std::int64_t bytes = 0;  // total size of the files
  std::int64_t events = 0;
  friend bool operator==(const CatalogStats&, const CatalogStats&) = default;
};

class Catalog {
 public:
  // Opens the SQLite catalog at `path`, creating it and its schema or migrating an older schema;
  // ":memory:" gives a private in-memory catalog (for tests). See sqlite_catalog.h.
  static Result<std::unique_ptr<Catalog>> open_sqlite(const std::string& path);

  virtual ~Catalog() = default;

  // Inserts or replaces everything the catalog knows of one record — its row, field values per
  // language, files, place in the hierarchy and collection membership — in one transaction, and
  // keeps record.json so get_record() returns the record exactly. Records may arrive in any
  // order (a child before its parent): the result is the same. When the record moves or changes
  // kind, the collection membership of everything below it is recomputed.
  // InvalidArgument for a record without an id, one that is its own parent, a parent that lies
  // below the record (a cycle), a duplicate file path, or a file size beyond 2^63-1.
  virtual Status put_record(const record::Record& record) = 0;

  // Appends events to a record's log after those it has, in order. An event whose identifier
  // the record already has is skipped, so appending the same events twice changes nothing.
  // NotFound when the record is not in the catalog.
  virtual Status append_events(const std::string& id, const std::vector<record::Event>& events) = 0;

  // The record as last put, with its version; std::nullopt when it is not in the catalog.
  // DataLoss when the stored record.json no longer decodes.
  virtual Result<std::optional<record::Record>> get_record(const std::string& id) = 0;

  // The record's events in the order they were appended. NotFound for an unknown record.
  virtual Result<std::vector<record::Event>> events(const std::string& id) = 0;

  // The children of `parent` that are not deleted, ordered by (position, id), `limit` at a time;
  // `cursor` is "" for the first page, then the previous page's next_cursor. An empty `parent`
  // lists the top-level records. An unknown parent has no children (an empty page).
  // With a visibility, only the children the caller may see (a page is full unless it is the
  // last). InvalidArgument for a malformed cursor, a limit outside 1..1000 or a visibility whose
  // `today` is not a YYYY-MM-DD date.
  virtual Result<Page> children(const std::string& parent, const std::string& cursor, int limit,
                                const Visibility& visibility) = 0;
  Result<Page> children(const std::string& parent, const std::string& cursor, int limit) {
    return children(parent, cursor, limit, Visibility{});
  }

  // The ancestors of `id` from the root down to its parent (a breadcrumb); empty for a top-level
  // record. Stops at the first ancestor that is not in the catalog. NotFound for an unknown id.
  // With a visibility: NotFound also when the caller may not see `id`, and the breadcrumb
  // starts below the lowest ancestor the caller may not see (it holds only the visible
  // ancestors nearest the record).
  virtual Result<std::vector<RecordSummary>> ancestors(const std::string& id,
                                                       const Visibility& visibility) = 0;
  Result<std::vector<RecordSummary>> ancestors(const std::string& id) {
    return ancestors(id, Visibility{});
  }

  // One record's summary (deleted or not, never filtered: the caller checks
  // summary.requirements); std::nullopt when the record is not in the catalog.
  virtual Result<std::optional<RecordSummary>> summary(const std::string& id) = 0;

  // Records matching `filter`, ordered by (modified, id), `limit` at a time; cursors as for
  // children(). InvalidArgument for a malformed cursor, a limit outside 1..1000, a
  // modified_since/modified_until that does not start with a YYYY-MM-DD date, or a visibility
  // whose `today` is not one.
  virtual Result<Page> list(const ListFilter& filter, const std::string& cursor, int limit) = 0;

  // How many records list(filter, ...) would return in all.
  virtual Result<std::int64_t> count(const ListFilter& filter) = 0;

  // Ids (sorted) of the records that are not deleted and have `value` in an identifier field
  // (kIdentifierFields), compared exactly after trimming whitespace at both ends.
  // InvalidArgument when `value` is blank.
  virtual Result<std::vector<std::string>> find_by_identifier(const std::string& value) = 0;

  virtual Result<CatalogStats> stats() = 0;

  // Batching for bulk ingest and reindex: every write between begin_batch() and commit_batch()
  // is one transaction, whichever thread makes it. A put_record() that fails inside a batch
  // leaves no trace and the batch stays open. Reads see committed data only (an in-memory
  // SQLite catalog also sees the open batch). FailedPrecondition when a batch is already open
  // (begin) or none is (commit, rollback).
  virtual Status begin_batch() = 0;
  virtual Status commit_batch() = 0;
  virtual Status rollback_batch() = 0;

  // Removes every record, field value, file, event and membership, for a full rebuild.
  // Settings are kept.
  virtual Status clear() = 0;

  // Key/value settings kept with the catalog (e.g. the time of the last reindex). Keys starting
  // with "access." belong to the methods below: InvalidArgument from set_setting().
  virtual Result<std::optional<std::string>> setting(const std::string& key) = 0;
  virtual Status set_setting(const std::string& key, const std::string& value) = 0;

  // Users, groups, API tokens and sessions, kept with the catalog (they are not derived from
  // the store: clear() and `mura reindex` keep them).
  virtual access::AccountStore& accounts() = 0;
  // The audit log's entries, kept with the catalog (not derived: clear() keeps them). Entries
  // appended inside an open batch commit or roll back with it.
  virtual access::AuditStore& audit() = 0;

  // The policy settings kept with the catalog: the closure period of records with personal data,
  // by default (kDefaultClosureYears unless set) and per collection.
  virtual Result<access::PolicySettings> policy_settings() = 0;
  // Sets the closure period of `collection` (an ARK), or the default for "" ; std::nullopt
  // removes the setting (back to the default, or to kDefaultClosureYears). The stored
  // requirements of every record it governs are recomputed in the same transaction.
  // InvalidArgument for years outside 0..200.
  virtual Status set_closure_years(const std::string& collection, std::optional<int> years) = 0;
};

}  // namespace mura::catalog
