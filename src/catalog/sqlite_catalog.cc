#include "catalog/sqlite_catalog.h"

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <deque>
#include <functional>
#include <limits>
#include <nlohmann/json.hpp>
#include <set>
#include <utility>
#include <variant>

#include "catalog/sqlite_access.h"
#include "record/record_json.h"

namespace mura::catalog {
namespace {

using record::Record;
using sqlite::Database;
using sqlite::OpenMode;
using sqlite::Query;
using sqlite_internal::Parameter;

constexpr int kBusyTimeoutMilliseconds = 5000;
constexpr std::size_t kMaxIdleReaders = 8;
// Hierarchy walks give up here; real hierarchies are a handful of levels deep.
constexpr int kMaxDepth = 10000;
constexpr std::size_t kMaxCursorLength = 4096;

// Cursors: base64url (no padding) of a tag, then "<length of key>:<key><id>". The tag keeps a
// children() cursor out of list() and back.

enum class CursorKind : char { kChildren = 'c', kList = 'l' };

struct CursorKey {
  std::string key;  // the position (children) or the modified time (list) of the last item
  std::string id;
};

constexpr std::string_view kBase64Alphabet =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

std::string base64url_encode(std::string_view bytes) {
  std::string text;
  std::uint32_t buffer = 0;
  int bits = 0;
  for (char byte : bytes) {
    buffer = (buffer << 8) | static_cast<unsigned char>(byte);
    bits += 8;
    while (bits >= 6) {
      bits -= 6;
      text += kBase64Alphabet[(buffer >> bits) & 63U];
    }
    buffer &= (1U << bits) - 1U;
  }
  if (bits > 0) text += kBase64Alphabet[(buffer << (6 - bits)) & 63U];
  return text;
}

std::optional<std::string> base64url_decode(std::string_view text) {
  if (text.size() % 4 == 1) return std::nullopt;
  std::string bytes;
  std::uint32_t buffer = 0;
  int bits = 0;
  for (char c : text) {
    std::size_t value = kBase64Alphabet.find(c);
    if (value == std::string_view::npos) return std::nullopt;
    buffer = (buffer << 6) | static_cast<std::uint32_t>(value);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes += static_cast<char>((buffer >> bits) & 0xffU);
    }
    buffer &= (1U << bits) - 1U;
  }
  return bytes;
}

std::string encode_cursor(CursorKind kind, std::string_view key, std::string_view id) {
  std::string payload(1, static_cast<char>(kind));
  payload += std::to_string(key.size()) + ":";
  payload += key;
  payload += id;
  return base64url_encode(payload);
}

// std::nullopt for an empty cursor (the first page).
Result<std::optional<CursorKey>> decode_cursor(std::string_view cursor, CursorKind kind) {
  if (cursor.empty()) return std::optional<CursorKey>();
  std::string shown(cursor.substr(0, 40));
  if (shown.size() < cursor.size()) shown += "...";
  auto malformed = [&]() {
    return invalid_argument_error("cursor \"" + shown + "\" is not one this catalog issued for " +
                                  (kind == CursorKind::kChildren ? "children" : "list") +
                                  "; pass the next_cursor of the previous page, or none");
  };
  if (cursor.size() > kMaxCursorLength) return malformed();
  std::optional<std::string> payload = base64url_decode(cursor);
  if (!payload || payload->size() < 3 || (*payload)[0] != static_cast<char>(kind)) {
    return malformed();
  }
  std::string_view rest = std::string_view(*payload).substr(1);
  std::size_t key_size = 0;
  auto [end, error] = std::from_chars(rest.data(), rest.data() + rest.size(), key_size);
  if (error != std::errc() || end == rest.data() || end == rest.data() + rest.size() ||
      *end != ':') {
    return malformed();
  }
  rest.remove_prefix(static_cast<std::size_t>(end - rest.data()) + 1);
  if (key_size >= rest.size()) return malformed();  // the id after the key must not be empty
  return std::optional<CursorKey>(
      CursorKey{std::string(rest.substr(0, key_size)), std::string(rest.substr(key_size))});
}

Result<std::int64_t> cursor_position(const CursorKey& key, std::string_view cursor) {
  std::int64_t position = 0;
  const char* first = key.key.data();
  const char* last = first + key.key.size();
  auto [end, error] = std::from_chars(first, last, position);
  if (error != std::errc() || end != last || key.key.empty()) {
    return invalid_argument_error("cursor \"" + std::string(cursor.substr(0, 40)) +
                                  "\" does not hold a position; pass the next_cursor of the "
                                  "previous page, or none");
  }
  return position;
}

Status check_limit(int limit) {
  if (limit < kMinPageSize || limit > kMaxPageSize) {
    return invalid_argument_error("limit " + std::to_string(limit) + " is outside " +
                                  std::to_string(kMinPageSize) + ".." +
                                  std::to_string(kMaxPageSize));
  }
  return ok_status();
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

Status check_timestamp(std::string_view name, const std::string& value) {
  if (value.empty()) return ok_status();
  bool date = value.size() >= 10 && value[4] == '-' && value[7] == '-';
  for (std::size_t i : {0U, 1U, 2U, 3U, 5U, 6U, 8U, 9U}) date = date && is_digit(value[i]);
  if (!date) {
    return invalid_argument_error(std::string(name) + " \"" + value +
                                  "\" is not an ISO 8601 time (expected e.g. 2026-11-28 or "
                                  "2026-11-28T10:00:00Z)");
  }
  return ok_status();
}

std::string_view trim(std::string_view text) {
  constexpr std::string_view kWhitespace = " \t\n\r\f\v";
  std::size_t first = text.find_first_not_of(kWhitespace);
  if (first == std::string_view::npos) return {};
  std::size_t last = text.find_last_not_of(kWhitespace);
  return text.substr(first, last - first + 1);
}

Status validate_record(const Record& record) {
  if (record.id.empty()) return invalid_argument_error("put_record: the record has no id");
  std::string where = "put_record " + record.id;
  if (record.parent == record.id) {
    return invalid_argument_error(where + ": a record cannot be its own parent");
  }
  std::set<std::string_view> paths;
  for (const auto& file : record.files) {
    if (!paths.insert(file.path).second) {
      return invalid_argument_error(where + ": file path \"" + file.path + "\" is listed twice");
    }
    if (file.size > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
      return invalid_argument_error(where + ": file \"" + file.path + "\" has size " +
                                    std::to_string(file.size) + ", beyond 2^63-1");
    }
  }
  return ok_status();
}

std::string encode_groups(const std::vector<std::string>& groups) {
  return nlohmann::json(groups).dump();
}

std::vector<std::string> decode_groups(const std::string& text) {
  auto json = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  std::vector<std::string> groups;
  if (!json.is_array()) return groups;
  for (const auto& group : json) {
    if (group.is_string()) groups.push_back(group.get<std::string>());
  }
  return groups;
}

// The columns read_summary() reads, then the child count (child_count_expression()).
constexpr std::string_view kSummaryColumns =
    "r.id, r.kind, r.level, r.parent, r.position, r.collection, r.title, r.modified, r.version, "
    "r.deleted, r.metadata_access, r.file_access, r.access_groups, r.embargo_until, "
    "r.personal_data, r.closure_years, r.review_pending, r.metadata_grants, "
    "r.metadata_open_from, r.files_grants, r.files_open_from, ";
constexpr std::string_view kChildCountJoin = " LEFT JOIN child_counts c ON c.parent = r.id";

// "SELECT <summary columns>" with the child count as `visibility` sees it; its parameters are
// appended to `parameters`.
std::string summary_select(const Visibility& visibility, std::vector<Parameter>& parameters) {
  return "SELECT " + std::string(kSummaryColumns) +
         sqlite_internal::child_count_expression(visibility, parameters);
}

Result<RecordSummary> read_summary(const Query& query) {
  RecordSummary summary;
  summary.id = query.text(0);
  std::string kind = query.text(1);
  auto parsed = record::parse_kind(kind);
  if (!parsed) {
    return data_loss_error("record " + summary.id + " has kind \"" + kind +
                           "\", which this Mura does not know; rebuild with `mura reindex`");
  }
  summary.kind = *parsed;
  summary.level = query.text(2);
  summary.parent = query.text(3);
  summary.position = query.integer(4);
  summary.collection = query.text(5);
  summary.title = query.text(6);
  summary.modified = query.text(7);
  summary.version = query.integer(8);
  summary.deleted = query.boolean(9);
  summary.access.metadata =
      record::parse_access_level(query.text(10)).value_or(record::AccessLevel::kClosed);
  summary.access.files =
      record::parse_access_level(query.text(11)).value_or(record::AccessLevel::kClosed);
  summary.access.groups = decode_groups(query.text(12));
  summary.access.embargo_until = query.optional_text(13);
  summary.access.personal_data = query.boolean(14);
  if (auto years = query.optional_integer(15))
    summary.access.closure_years = static_cast<int>(*years);
  summary.access.review_pending = query.boolean(16);
  auto& requirements = summary.requirements;
  requirements.metadata.grants = sqlite_internal::decode_grants(query.text(17));
  requirements.metadata.open_from = query.text(18);
  requirements.metadata.collection = summary.collection;
  requirements.files.grants = sqlite_internal::decode_grants(query.text(19));
  requirements.files.open_from = query.text(20);
  requirements.files.collection = summary.collection;
  summary.child_count = query.integer(21);
  return summary;
}

// Reads every row of `query` as a summary.
Result<std::vector<RecordSummary>> read_summaries(Query& query) {
  std::vector<RecordSummary> summaries;
  while (true) {
    MURA_ASSIGN_OR_RETURN(bool row, query.step());
    if (!row) break;
    MURA_ASSIGN_OR_RETURN(RecordSummary summary, read_summary(query));
    summaries.push_back(std::move(summary));
  }
  return summaries;
}

// The summary of `id` (unfiltered child count), std::nullopt when it is not in the catalog.
Result<std::optional<RecordSummary>> read_one_summary(Database& database, const std::string& id) {
  std::vector<Parameter> unused;
  MURA_ASSIGN_OR_RETURN(Query query,
                        database.prepare(summary_select(Visibility{}, unused) + " FROM records r" +
                                         std::string(kChildCountJoin) + " WHERE r.id = ?"));
  MURA_TRY(query.bind(1, id));
  MURA_ASSIGN_OR_RETURN(std::vector<RecordSummary> rows, read_summaries(query));
  if (rows.empty()) return std::optional<RecordSummary>();
  return std::optional<RecordSummary>(std::move(rows.front()));
}

Result<bool> record_exists(Database& database, const std::string& id) {
  MURA_ASSIGN_OR_RETURN(Query query, database.prepare("SELECT 1 FROM records WHERE id = ?"));
  MURA_TRY(query.bind(1, id));
  return query.step();
}

// A query with its parameters, built together so that they stay in step.
struct BuiltQuery {
  std::string sql;
  std::vector<Parameter> parameters;
};

Status bind_parameters(Query& query, const BuiltQuery& built) {
  int index = 0;
  for (const auto& parameter : built.parameters) {
    ++index;
    MURA_TRY(std::visit([&](const auto& value) { return query.bind(index, value); }, parameter));
  }
  return ok_status();
}

// The children of `parent` after (position, after_id) when a position is given.
BuiltQuery build_children(const std::string& parent, std::optional<std::int64_t> position,
                          const std::string& after_id, int limit, const Visibility& visibility) {
  BuiltQuery built;
  built.sql = summary_select(visibility, built.parameters) + " FROM records r" +
              std::string(kChildCountJoin) + " WHERE r.parent = ? AND r.deleted = 0";
  built.parameters.emplace_back(parent);
  if (position) {
    built.sql += " AND (r.position, r.id) > (?, ?)";
    built.parameters.emplace_back(*position);
    built.parameters.emplace_back(after_id);
  }
  if (visibility.filters()) {
    built.sql += " AND " + sqlite_internal::visible_condition(visibility, "r", built.parameters);
  }
  built.sql += " ORDER BY r.position, r.id LIMIT ?";
  built.parameters.emplace_back(std::int64_t{limit} + 1);  // one more: is there a next page?
  return built;
}

enum class ListShape { kPage, kCount };

BuiltQuery build_list(const ListFilter& filter, const std::optional<CursorKey>& cursor,
                      ListShape shape, int limit) {
  // A collection pages through collection_members, which carries `modified` for this order.
  bool by_collection = !filter.collection.empty();
  std::string modified = by_collection ? "m.modified" : "r.modified";
  std::string id = by_collection ? "m.record_id" : "r.id";
  BuiltQuery built;
  built.sql = shape == ListShape::kCount ? "SELECT count(*)"
                                         : summary_select(filter.visibility, built.parameters);
  built.sql += by_collection ? " FROM collection_members m JOIN records r ON r.id = m.record_id"
                             : " FROM records r";
  if (shape == ListShape::kPage) built.sql += kChildCountJoin;
  std::vector<std::string> conditions;
  if (by_collection) {
    conditions.push_back("m.collection_id = ?");
    built.parameters.emplace_back(filter.collection);
  }
  if (filter.kind) {
    conditions.push_back("r.kind = ?");
    built.parameters.emplace_back(std::string(record::kind_name(*filter.kind)));
  }
  if (!filter.parent.empty()) {
    conditions.push_back("r.parent = ?");
    built.parameters.emplace_back(filter.parent);
  }
  // One lower bound on `modified`, so that the index seek starts at the page, not at
  // modified_since: a cursor at or after modified_since implies it, and one before it is
  // implied by it.
  bool use_cursor = cursor && cursor->key >= filter.modified_since;
  if (!filter.modified_since.empty() && !use_cursor) {
    conditions.push_back(modified + " >= ?");
    built.parameters.emplace_back(filter.modified_since);
  }
  if (!filter.modified_until.empty()) {
    conditions.push_back(modified + " <= ?");
    built.parameters.emplace_back(filter.modified_until);
  }
  if (!filter.include_deleted) conditions.push_back("r.deleted = 0");
  // As the partial index records_review reads it.
  if (filter.review_pending) conditions.push_back("r.review_pending <> 0");
  if (filter.visibility.filters()) {
    conditions.push_back(
        sqlite_internal::visible_condition(filter.visibility, "r", built.parameters));
  }
  if (use_cursor) {
    conditions.push_back("(" + modified + ", " + id + ") > (?, ?)");
    built.parameters.emplace_back(cursor->key);
    built.parameters.emplace_back(cursor->id);
  }
  for (std::size_t i = 0; i < conditions.size(); ++i) {
    built.sql += (i == 0 ? " WHERE " : " AND ") + conditions[i];
  }
  if (shape == ListShape::kPage) {
    built.sql += " ORDER BY " + modified + ", " + id + " LIMIT ?";
    built.parameters.emplace_back(std::int64_t{limit} + 1);  // one more: is there a next page?
  }
  return built;
}

// Turns rows fetched with LIMIT limit+1 into a page and its next cursor.
Page make_page(std::vector<RecordSummary> items, int limit,
               const std::function<std::string(const RecordSummary&)>& cursor_for) {
  Page page;
  if (items.size() > static_cast<std::size_t>(limit)) {
    items.resize(static_cast<std::size_t>(limit));
    page.next_cursor = cursor_for(items.back());
  }
  page.items = std::move(items);
  return page;
}

}  // namespace

namespace sqlite_internal {

std::string children_sql(bool with_cursor, const Visibility& visibility) {
  std::optional<std::int64_t> position;
  if (with_cursor) position = 1;
  return build_children("ark:/99999/p", position, "ark:/99999/x", 1, visibility).sql;
}

std::string list_sql(const ListFilter& filter, bool with_cursor) {
  std::optional<CursorKey> cursor;
  if (with_cursor) cursor = CursorKey{"2026-01-01T00:00:00Z", "ark:/99999/x"};
  return build_list(filter, cursor, ListShape::kPage, 1).sql;
}

std::string find_by_identifier_sql() {
  // The IN list must read exactly as the WHERE of the partial index field_values_identifiers.
  std::string fields;
  for (std::string_view field : kIdentifierFields) {
    fields += (fields.empty() ? "'" : ", '") + std::string(field) + "'";
  }
  return "SELECT DISTINCT v.record_id FROM field_values v JOIN records r ON r.id = v.record_id "
         "WHERE v.field IN (" +
         fields +
         ") AND v.value = ? AND r.deleted = 0 "
         "ORDER BY v.record_id";
}

}  // namespace sqlite_internal

namespace {

// put_record: the record's rows, its hierarchy place and its collection membership.

// Where a record stands: the collections it lies in (sorted) and the nearest of them.
struct Membership {
  std::vector<std::string> collections;
  std::string nearest;
  friend bool operator==(const Membership&, const Membership&) = default;
};

Membership membership_below(const Membership& parent, const std::string& id, bool is_collection) {
  Membership membership = parent;
  if (is_collection) {
    auto at = std::lower_bound(membership.collections.begin(), membership.collections.end(), id);
    if (at == membership.collections.end() || *at != id) membership.collections.insert(at, id);
    membership.nearest = id;
  }
  return membership;
}

struct StoredPlace {
  std::string parent;
  bool deleted = false;
  Membership membership;
};

// The stored place of `id`, std::nullopt when it is not in the catalog.
Result<std::optional<StoredPlace>> load_place(Database& database, const std::string& id) {
  StoredPlace place;
  {
    MURA_ASSIGN_OR_RETURN(Query query,
                          database.prepare("SELECT parent, deleted, collection FROM records "
                                           "WHERE id = ?"));
    MURA_TRY(query.bind(1, id));
    MURA_ASSIGN_OR_RETURN(bool row, query.step());
    if (!row) return std::optional<StoredPlace>();
    place.parent = query.text(0);
    place.deleted = query.boolean(1);
    place.membership.nearest = query.text(2);
  }
  MURA_ASSIGN_OR_RETURN(Query query,
                        database.prepare("SELECT collection_id FROM collection_members "
                                         "WHERE record_id = ? ORDER BY collection_id"));
  MURA_TRY(query.bind(1, id));
  while (true) {
    MURA_ASSIGN_OR_RETURN(bool row, query.step());
    if (!row) break;
    place.membership.collections.push_back(query.text(0));
  }
  return std::optional<StoredPlace>(std::move(place));
}

// InvalidArgument when `record.parent` lies below `record` (putting it would close a loop).
Status check_no_cycle(Database& database, const Record& record) {
  MURA_ASSIGN_OR_RETURN(Query query, database.prepare(R"sql(
    WITH RECURSIVE up(id, depth) AS (
      SELECT ?, 0
      UNION ALL
      SELECT r.parent, up.depth + 1 FROM records r JOIN up ON r.id = up.id
      WHERE r.parent <> '' AND up.depth < ?)
    SELECT 1 FROM up WHERE id = ? LIMIT 1)sql"));
  MURA_TRY(query.bind_all(record.parent, std::int64_t{kMaxDepth}, record.id));
  MURA_ASSIGN_OR_RETURN(bool loop, query.step());
  if (loop) {
    return invalid_argument_error("parent " + record.parent +
                                  " lies below this record; a record cannot be its own ancestor");
  }
  return ok_status();
}

Status write_membership(Database& database, const std::string& id, const std::string& modified,
                        const Membership& membership) {
  {
    MURA_ASSIGN_OR_RETURN(Query query,
                          database.prepare("DELETE FROM collection_members WHERE record_id = ?"));
    MURA_TRY(query.bind(1, id));
    MURA_TRY(query.run());
  }
  for (const auto& collection : membership.collections) {
    MURA_ASSIGN_OR_RETURN(Query query,
                          database.prepare("INSERT INTO collection_members (collection_id, "
                                           "record_id, modified) VALUES (?, ?, ?)"));
    MURA_TRY(query.bind_all(collection, id, modified));
    MURA_TRY(query.run());
  }
  MURA_ASSIGN_OR_RETURN(Query query,
                        database.prepare("UPDATE records SET collection = ? WHERE id = ?"));
  MURA_TRY(query.bind_all(membership.nearest, id));
  return query.run();
}

// Recomputes the membership of everything below `root`, whose membership is `root_membership`.
// A child whose stored membership is already right has a right subtree too (the invariant this
// function keeps), so the walk stops there: only what changed is visited.
Status propagate_membership(Database& database, const std::string& root,
                            const Membership& root_membership) {
  struct Child {
    std::string id;
    bool is_collection;
    std::string modified;
  };
  std::deque<std::pair<std::string, Membership>> pending;
  pending.emplace_back(root, root_membership);
  while (!pending.empty()) {
    auto [id, membership] = std::move(pending.front());
    pending.pop_front();
    std::vector<Child> children;
    {
      MURA_ASSIGN_OR_RETURN(Query query, database.prepare("SELECT id, kind, modified FROM records "
                                                          "WHERE parent = ?"));
      MURA_TRY(query.bind(1, id));
      while (true) {
        MURA_ASSIGN_OR_RETURN(bool row, query.step());
        if (!row) break;
        children.push_back({query.text(0), query.text(1) == "collection", query.text(2)});
      }
    }
    for (const auto& child : children) {
      Membership expected = membership_below(membership, child.id, child.is_collection);
      MURA_ASSIGN_OR_RETURN(std::optional<StoredPlace> stored, load_place(database, child.id));
      if (stored && stored->membership == expected) continue;
      MURA_TRY(write_membership(database, child.id, child.modified, expected));
      // Its collection may have changed, and with it a personal-data closure period.
      if (!stored || stored->membership.nearest != expected.nearest) {
        MURA_TRY(sqlite_internal::refresh_requirements(database, child.id));
      }
      pending.emplace_back(child.id, std::move(expected));
    }
  }
  return ok_status();
}

Status adjust_child_count(Database& database, const std::string& parent, std::int64_t delta) {
  MURA_ASSIGN_OR_RETURN(Query query,
                        database.prepare("INSERT INTO child_counts (parent, count) VALUES (?, ?) "
                                         "ON CONFLICT (parent) DO UPDATE SET "
                                         "count = count + excluded.count"));
  MURA_TRY(query.bind_all(parent, delta));
  return query.run();
}

Status upsert_record_row(Database& database, const Record& record, const std::string& json,
                         const std::string& collection) {
  access::PolicySettings settings;
  // Only a personal-data closure depends on the settings.
  if (record.access.personal_data) {
    MURA_ASSIGN_OR_RETURN(settings, sqlite_internal::load_policy_settings(database, collection));
  }
  const sqlite_internal::StoredRequirements required =
      sqlite_internal::stored_requirements(access::requirements_for(record, collection, settings));
  MURA_ASSIGN_OR_RETURN(Query query, database.prepare(R"sql(
    INSERT INTO records (id, kind, level, parent, position, collection, title, created, modified,
                         version, deleted, metadata_access, file_access, access_groups,
                         embargo_until, personal_data, closure_years, review_pending, record_json,
                         access_date, metadata_grants, metadata_open_from, files_grants,
                         files_open_from, metadata_open)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
    ON CONFLICT (id) DO UPDATE SET
      kind = excluded.kind, level = excluded.level, parent = excluded.parent,
      position = excluded.position, collection = excluded.collection, title = excluded.title,
      created = excluded.created, modified = excluded.modified, version = excluded.version,
      deleted = excluded.deleted, metadata_access = excluded.metadata_access,
      file_access = excluded.file_access, access_groups = excluded.access_groups,
      embargo_until = excluded.embargo_until, personal_data = excluded.personal_data,
      closure_years = excluded.closure_years, review_pending = excluded.review_pending,
      record_json = excluded.record_json, access_date = excluded.access_date,
      metadata_grants = excluded.metadata_grants,
      metadata_open_from = excluded.metadata_open_from, files_grants = excluded.files_grants,
      files_open_from = excluded.files_open_from, metadata_open = excluded.metadata_open)sql"));
  const auto& access = record.access;
  std::optional<std::int64_t> closure_years;
  if (access.closure_years) closure_years = *access.closure_years;
  MURA_TRY(query.bind_all(
      record.id, record::kind_name(record.kind), record.level, record.parent, record.position,
      collection, record.first_value("title"), record.created, record.modified, record.version,
      std::int64_t{record.deleted}, record::access_level_name(access.metadata),
      record::access_level_name(access.files), encode_groups(access.groups), access.embargo_until,
      std::int64_t{access.personal_data}, closure_years, std::int64_t{access.review_pending}, json,
      record.first_value("date"), required.metadata_grants, required.metadata_open_from,
      required.files_grants, required.files_open_from, std::int64_t{required.metadata_open}));
  return query.run();
}

Status replace_field_values(Database& database, const Record& record) {
  {
    MURA_ASSIGN_OR_RETURN(Query query,
                          database.prepare("DELETE FROM field_values WHERE record_id = ?"));
    MURA_TRY(query.bind(1, record.id));
    MURA_TRY(query.run());
  }
  for (const auto& [field, values] : record.fields) {
    for (std::size_t seq = 0; seq < values.size(); ++seq) {
      MURA_ASSIGN_OR_RETURN(Query query,
                            database.prepare("INSERT INTO field_values (record_id, field, seq, "
                                             "language, value) VALUES (?, ?, ?, ?, ?)"));
      MURA_TRY(query.bind_all(record.id, field, static_cast<std::int64_t>(seq),
                              values[seq].language, trim(values[seq].value)));
      MURA_TRY(query.run());
    }
  }
  return ok_status();
}

Status replace_files(Database& database, const Record& record) {
  {
    MURA_ASSIGN_OR_RETURN(Query query, database.prepare("DELETE FROM files WHERE record_id = ?"));
    MURA_TRY(query.bind(1, record.id));
    MURA_TRY(query.run());
  }
  for (std::size_t seq = 0; seq < record.files.size(); ++seq) {
    const auto& file = record.files[seq];
    MURA_ASSIGN_OR_RETURN(Query query,
                          database.prepare("INSERT INTO files (record_id, seq, path, digest, size, "
                                           "media_type, puid, label) "
                                           "VALUES (?, ?, ?, ?, ?, ?, ?, ?)"));
    MURA_TRY(query.bind_all(record.id, static_cast<std::int64_t>(seq), file.path, file.digest,
                            static_cast<std::int64_t>(file.size), file.media_type, file.puid,
                            file.label));
    MURA_TRY(query.run());
  }
  return ok_status();
}

// REQUIRES: a transaction is open on `database`; `record` passed validate_record().
Status put_record_rows(Database& database, const Record& record, const std::string& json) {
  MURA_ASSIGN_OR_RETURN(std::optional<StoredPlace> old, load_place(database, record.id));
  Membership parent_membership;
  if (!record.parent.empty()) {
    MURA_TRY(check_no_cycle(database, record));
    MURA_ASSIGN_OR_RETURN(std::optional<StoredPlace> parent, load_place(database, record.parent));
    if (parent) parent_membership = parent->membership;
  }
  Membership membership =
      membership_below(parent_membership, record.id, record.kind == record::Kind::kCollection);
  MURA_TRY(upsert_record_row(database, record, json, membership.nearest));
  MURA_TRY(replace_field_values(database, record));
  MURA_TRY(replace_files(database, record));
  MURA_TRY(write_membership(database, record.id, record.modified, membership));

  bool counted_before = old && !old->deleted;
  bool counted_now = !record.deleted;
  if (!(counted_before && counted_now && old->parent == record.parent)) {
    if (counted_before) MURA_TRY(adjust_child_count(database, old->parent, -1));
    if (counted_now) MURA_TRY(adjust_child_count(database, record.parent, 1));
  }
  // A new record may already have children (they arrived first); a moved record, or one that
  // became or stopped being a collection, changes the membership of its whole subtree.
  if (!old || old->membership != membership) {
    MURA_TRY(propagate_membership(database, record.id, membership));
  }
  return ok_status();
}

Status append_event_rows(Database& database, const std::string& id,
                         const std::vector<record::Event>& events) {
  MURA_ASSIGN_OR_RETURN(bool exists, record_exists(database, id));
  if (!exists) return not_found_error("the record is not in the catalog; put it first");
  for (const auto& event : events) {
    MURA_ASSIGN_OR_RETURN(Query query, database.prepare(R"sql(
      INSERT OR IGNORE INTO events (record_id, seq, identifier, type, time, agent, outcome, detail)
      VALUES (?1, (SELECT coalesce(max(seq), 0) + 1 FROM events WHERE record_id = ?1),
              ?2, ?3, ?4, ?5, ?6, ?7))sql"));
    MURA_TRY(query.bind_all(id, event.identifier, event.type, event.time, event.agent,
                            event.outcome, event.detail));
    MURA_TRY(query.run());
  }
  return ok_status();
}

Status configure_connection(Database& database) {
  return database.execute("PRAGMA busy_timeout = " + std::to_string(kBusyTimeoutMilliseconds));
}

}  // namespace

Result<std::unique_ptr<Catalog>> Catalog::open_sqlite(const std::string& path) {
  MURA_ASSIGN_OR_RETURN(std::unique_ptr<SqliteCatalog> catalog, SqliteCatalog::open(path));
  return std::unique_ptr<Catalog>(std::move(catalog));
}

Result<std::unique_ptr<SqliteCatalog>> SqliteCatalog::open(const std::string& path) {
  MURA_ASSIGN_OR_RETURN(std::unique_ptr<Database> writer, Database::open(path, OpenMode::kCreate));
  MURA_TRY(configure_connection(*writer));
  MURA_TRY(writer->execute("PRAGMA foreign_keys = ON"));
  if (path != ":memory:" && !path.empty()) {
    MURA_ASSIGN_OR_RETURN(std::optional<std::string> mode,
                          writer->query_text("PRAGMA journal_mode = WAL"));
    if (mode != "wal") {
      return failed_precondition_error(
          "catalog " + path + ": cannot use WAL mode (journal mode \"" + mode.value_or("") +
          "\"); put the catalog on a local filesystem");
    }
    // In WAL mode NORMAL never corrupts; a power cut may lose the last commits, which a derived
    // catalog can rebuild from the store.
    MURA_TRY(writer->execute("PRAGMA synchronous = NORMAL"));
  }
  MURA_TRY(sqlite_internal::migrate_schema(*writer));
  return std::unique_ptr<SqliteCatalog>(new SqliteCatalog(path, std::move(writer)));
}

SqliteCatalog::SqliteCatalog(std::string path, std::unique_ptr<Database> writer)
    : path_(std::move(path)),
      in_memory_(path_ == ":memory:" || path_.empty()),
      writer_(std::move(writer)) {}

SqliteCatalog::~SqliteCatalog() = default;

Result<std::unique_ptr<Database>> SqliteCatalog::acquire_reader() {
  {
    std::lock_guard lock(readers_mutex_);
    if (!idle_readers_.empty()) {
      std::unique_ptr<Database> reader = std::move(idle_readers_.back());
      idle_readers_.pop_back();
      return reader;
    }
  }
  MURA_ASSIGN_OR_RETURN(std::unique_ptr<Database> reader,
                        Database::open(path_, OpenMode::kExisting));
  MURA_TRY(configure_connection(*reader));
  MURA_TRY(reader->execute("PRAGMA query_only = ON"));
  return reader;
}

void SqliteCatalog::release_reader(std::unique_ptr<Database> reader) {
  if (reader->in_transaction() && !reader->execute("ROLLBACK").ok()) return;  // drop it
  std::lock_guard lock(readers_mutex_);
  if (idle_readers_.size() < kMaxIdleReaders) idle_readers_.push_back(std::move(reader));
}

Status SqliteCatalog::put_record(const Record& record) {
  MURA_TRY(validate_record(record));
  std::string json = record::encode_record(record);
  // What get_record() will hand back must decode; refuse what would not (e.g. closure_years 500).
  if (auto decoded = record::decode_record(json); !decoded) {
    return Error(decoded.error().with_context("put_record " + record.id));
  }
  return write("put_record " + record.id,
               [&](Database& database) { return put_record_rows(database, record, json); });
}

Status SqliteCatalog::append_events(const std::string& id,
                                    const std::vector<record::Event>& events) {
  return write("append_events " + id,
               [&](Database& database) { return append_event_rows(database, id, events); });
}

Result<std::optional<Record>> SqliteCatalog::get_record(const std::string& id) {
  return read<std::optional<Record>>([&](Database& database) -> Result<std::optional<Record>> {
    MURA_ASSIGN_OR_RETURN(
        Query query, database.prepare("SELECT record_json, version FROM records WHERE id = ?"));
    MURA_TRY(query.bind(1, id));
    MURA_ASSIGN_OR_RETURN(bool row, query.step());
    if (!row) return std::optional<Record>();
    auto decoded = record::decode_record(query.text(0));
    if (!decoded) {
      return data_loss_error("catalog " + path_ + ": record " + id + ": stored " +
                             decoded.error().message() + "; rebuild with `mura reindex`");
    }
    decoded->version = query.integer(1);
    return std::optional<Record>(std::move(*decoded));
  });
}

Result<std::vector<record::Event>> SqliteCatalog::events(const std::string& id) {
  return read<std::vector<record::Event>>(
      [&](Database& database) -> Result<std::vector<record::Event>> {
        MURA_ASSIGN_OR_RETURN(bool exists, record_exists(database, id));
        if (!exists) return not_found_error("events: record " + id + " is not in the catalog");
        MURA_ASSIGN_OR_RETURN(Query query,
                              database.prepare("SELECT identifier, type, time, agent, outcome, "
                                               "detail FROM events WHERE record_id = ? "
                                               "ORDER BY seq"));
        MURA_TRY(query.bind(1, id));
        std::vector<record::Event> events;
        while (true) {
          MURA_ASSIGN_OR_RETURN(bool row, query.step());
          if (!row) break;
          events.push_back({query.text(0), query.text(1), query.text(2), query.text(3),
                            query.text(4), query.text(5)});
        }
        return events;
      });
}

Result<Page> SqliteCatalog::children(const std::string& parent, const std::string& cursor,
                                     int limit, const Visibility& visibility) {
  MURA_TRY(check_limit(limit).with_context("children of " + parent));
  MURA_TRY(sqlite_internal::check_visibility(visibility).with_context("children of " + parent));
  MURA_ASSIGN_OR_RETURN(std::optional<CursorKey> after,
                        decode_cursor(cursor, CursorKind::kChildren));
  std::optional<std::int64_t> position;
  if (after) {
    MURA_ASSIGN_OR_RETURN(position, cursor_position(*after, cursor));
  }
  BuiltQuery built = build_children(parent, position, after ? after->id : "", limit, visibility);
  return read<Page>([&](Database& database) -> Result<Page> {
    MURA_ASSIGN_OR_RETURN(Query query, database.prepare(built.sql));
    MURA_TRY(bind_parameters(query, built));
    MURA_ASSIGN_OR_RETURN(std::vector<RecordSummary> items, read_summaries(query));
    return make_page(std::move(items), limit, [](const RecordSummary& last) {
      return encode_cursor(CursorKind::kChildren, std::to_string(last.position), last.id);
    });
  });
}

Result<std::vector<RecordSummary>> SqliteCatalog::ancestors(const std::string& id,
                                                            const Visibility& visibility) {
  MURA_TRY(sqlite_internal::check_visibility(visibility).with_context("ancestors of " + id));
  BuiltQuery built;
  built.sql =
      "WITH RECURSIVE up(id, depth) AS ("
      " SELECT parent, 1 FROM records WHERE id = ? AND parent <> ''"
      " UNION ALL"
      " SELECT r.parent, up.depth + 1 FROM records r JOIN up ON r.id = up.id"
      " WHERE r.parent <> '' AND up.depth < ?) ";
  built.parameters = {id, std::int64_t{kMaxDepth}};
  built.sql += summary_select(visibility, built.parameters) +
               " FROM up JOIN records r ON r.id = up.id" + std::string(kChildCountJoin) +
               " ORDER BY up.depth DESC";
  auto allowed = [&](const RecordSummary& summary) {
    return !visibility.filters() ||
           access::allows(*visibility.caller, summary.requirements.metadata, visibility.today);
  };
  return read<std::vector<RecordSummary>>(
      [&](Database& database) -> Result<std::vector<RecordSummary>> {
        MURA_ASSIGN_OR_RETURN(std::optional<RecordSummary> self, read_one_summary(database, id));
        if (!self || !allowed(*self)) {
          return not_found_error("ancestors: record " + id + " is not in the catalog");
        }
        MURA_ASSIGN_OR_RETURN(Query query, database.prepare(built.sql));
        MURA_TRY(bind_parameters(query, built));
        MURA_ASSIGN_OR_RETURN(std::vector<RecordSummary> chain, read_summaries(query));
        // The few rows of a breadcrumb are tested here with the policy itself; the chain is
        // cut above the lowest ancestor the caller may not see.
        auto hidden = std::find_if(chain.rbegin(), chain.rend(),
                                   [&](const RecordSummary& summary) { return !allowed(summary); });
        chain.erase(chain.begin(), hidden.base());
        return chain;
      });
}

Result<std::optional<RecordSummary>> SqliteCatalog::summary(const std::string& id) {
  return read<std::optional<RecordSummary>>(
      [&](Database& database) { return read_one_summary(database, id); });
}

Result<Page> SqliteCatalog::list(const ListFilter& filter, const std::string& cursor, int limit) {
  MURA_TRY(check_limit(limit).with_context("list"));
  MURA_TRY(sqlite_internal::check_visibility(filter.visibility).with_context("list"));
  MURA_TRY(check_timestamp("modified_since", filter.modified_since).with_context("list"));
  MURA_TRY(check_timestamp("modified_until", filter.modified_until).with_context("list"));
  MURA_ASSIGN_OR_RETURN(std::optional<CursorKey> after, decode_cursor(cursor, CursorKind::kList));
  BuiltQuery built = build_list(filter, after, ListShape::kPage, limit);
  return read<Page>([&](Database& database) -> Result<Page> {
    MURA_ASSIGN_OR_RETURN(Query query, database.prepare(built.sql));
    MURA_TRY(bind_parameters(query, built));
    MURA_ASSIGN_OR_RETURN(std::vector<RecordSummary> items, read_summaries(query));
    return make_page(std::move(items), limit, [](const RecordSummary& last) {
      return encode_cursor(CursorKind::kList, last.modified, last.id);
    });
  });
}

Result<std::int64_t> SqliteCatalog::count(const ListFilter& filter) {
  MURA_TRY(check_timestamp("modified_since", filter.modified_since).with_context("count"));
  MURA_TRY(check_timestamp("modified_until", filter.modified_until).with_context("count"));
  MURA_TRY(sqlite_internal::check_visibility(filter.visibility).with_context("count"));
  BuiltQuery built = build_list(filter, std::nullopt, ListShape::kCount, 0);
  return read<std::int64_t>([&](Database& database) -> Result<std::int64_t> {
    MURA_ASSIGN_OR_RETURN(Query query, database.prepare(built.sql));
    MURA_TRY(bind_parameters(query, built));
    MURA_ASSIGN_OR_RETURN(bool row, query.step());
    return row ? query.integer(0) : 0;
  });
}

Result<std::vector<std::string>> SqliteCatalog::find_by_identifier(const std::string& value) {
  std::string_view trimmed = trim(value);
  if (trimmed.empty()) return invalid_argument_error("find_by_identifier: the value is blank");
  return read<std::vector<std::string>>(
      [&](Database& database) -> Result<std::vector<std::string>> {
        MURA_ASSIGN_OR_RETURN(Query query,
                              database.prepare(sqlite_internal::find_by_identifier_sql()));
        MURA_TRY(query.bind(1, trimmed));
        std::vector<std::string> ids;
        while (true) {
          MURA_ASSIGN_OR_RETURN(bool row, query.step());
          if (!row) break;
          ids.push_back(query.text(0));
        }
        return ids;
      });
}

Result<CatalogStats> SqliteCatalog::stats() {
  return read<CatalogStats>([&](Database& database) -> Result<CatalogStats> {
    // One statement, one snapshot.
    MURA_ASSIGN_OR_RETURN(Query query,
                          database.prepare("SELECT (SELECT count(*) FROM records), "
                                           "(SELECT count(*) FROM records WHERE deleted <> 0), "
                                           "(SELECT count(*) FROM files), "
                                           "(SELECT coalesce(sum(size), 0) FROM files), "
                                           "(SELECT count(*) FROM events)"));
    MURA_ASSIGN_OR_RETURN(bool row, query.step());
    CatalogStats stats;
    if (row) {
      stats = {query.integer(0), query.integer(1), query.integer(2), query.integer(3),
               query.integer(4)};
    }
    return stats;
  });
}

Status SqliteCatalog::begin_batch() {
  std::lock_guard lock(write_mutex_);
  if (in_batch_) {
    return failed_precondition_error(
        "begin_batch: a batch is already open; commit or roll it back "
        "first");
  }
  MURA_TRY(writer_->execute("BEGIN IMMEDIATE").with_context("begin_batch"));
  in_batch_ = true;
  return ok_status();
}

Status SqliteCatalog::commit_batch() {
  std::lock_guard lock(write_mutex_);
  if (!in_batch_) return failed_precondition_error("commit_batch: no batch is open");
  Status status = writer_->execute("COMMIT");
  if (status.ok() || !writer_->in_transaction()) in_batch_ = false;
  return status.ok() ? status : status.with_context("commit_batch");
}

Status SqliteCatalog::rollback_batch() {
  std::lock_guard lock(write_mutex_);
  if (!in_batch_) return failed_precondition_error("rollback_batch: no batch is open");
  in_batch_ = false;
  if (!writer_->in_transaction()) return ok_status();
  return writer_->execute("ROLLBACK").with_context("rollback_batch");
}

Status SqliteCatalog::clear() {
  return write("clear", [](Database& database) {
    // Children first, so that no foreign-key cascade has anything left to do.
    return database.execute(
        "DELETE FROM events; DELETE FROM field_values; DELETE FROM files; "
        "DELETE FROM collection_members; DELETE FROM child_counts; DELETE FROM records;");
  });
}

Result<std::optional<std::string>> SqliteCatalog::setting(const std::string& key) {
  return read<std::optional<std::string>>(
      [&](Database& database) -> Result<std::optional<std::string>> {
        MURA_ASSIGN_OR_RETURN(Query query,
                              database.prepare("SELECT value FROM settings WHERE key = ?"));
        MURA_TRY(query.bind(1, key));
        MURA_ASSIGN_OR_RETURN(bool row, query.step());
        if (!row) return std::optional<std::string>();
        return std::optional<std::string>(query.text(0));
      });
}

Status SqliteCatalog::set_setting(const std::string& key, const std::string& value) {
  if (key.starts_with(sqlite_internal::kReservedKeyPrefix)) {
    return invalid_argument_error("set_setting: \"" + key +
                                  "\" is kept by the catalog's access settings; use "
                                  "set_closure_years()");
  }
  return write("set_setting " + key, [&](Database& database) -> Status {
    MURA_ASSIGN_OR_RETURN(
        Query query, database.prepare("INSERT INTO settings (key, value) VALUES (?, ?) "
                                      "ON CONFLICT (key) DO UPDATE SET value = excluded.value"));
    MURA_TRY(query.bind_all(key, value));
    return query.run();
  });
}

}  // namespace mura::catalog

namespace mura::catalog {

Result<access::PolicySettings> SqliteCatalog::policy_settings() {
  return read<access::PolicySettings>(
      [](Database& database) { return sqlite_internal::load_policy_settings(database); });
}

Status SqliteCatalog::set_closure_years(const std::string& collection, std::optional<int> years) {
  const std::string where = collection.empty() ? std::string("the default") : collection;
  if (years && (*years < 0 || *years > 200)) {
    return invalid_argument_error("closure period of " + where + ": " + std::to_string(*years) +
                                  " is not a number of years from 0 to 200");
  }
  const std::string key = collection.empty()
                              ? std::string(sqlite_internal::kClosureYearsKey)
                              : std::string(sqlite_internal::kClosureYearsKey) + ":" + collection;
  return write("set_closure_years " + where, [&](Database& database) -> Status {
    if (years) {
      MURA_ASSIGN_OR_RETURN(
          Query query, database.prepare("INSERT INTO settings (key, value) VALUES (?, ?) "
                                        "ON CONFLICT (key) DO UPDATE SET value = excluded.value"));
      MURA_TRY(query.bind_all(key, std::to_string(*years)));
      MURA_TRY(query.run());
    } else {
      MURA_ASSIGN_OR_RETURN(Query query, database.prepare("DELETE FROM settings WHERE key = ?"));
      MURA_TRY(query.bind(1, key));
      MURA_TRY(query.run());
    }
    // Only records with personal data depend on the period.
    std::vector<std::string> ids;
    {
      MURA_ASSIGN_OR_RETURN(
          Query query,
          database.prepare(
              collection.empty()
                  ? "SELECT id FROM records WHERE personal_data <> 0"
                  : "SELECT id FROM records WHERE personal_data <> 0 AND collection = ?"));
      if (!collection.empty()) MURA_TRY(query.bind(1, collection));
      while (true) {
        MURA_ASSIGN_OR_RETURN(bool row, query.step());
        if (!row) break;
        ids.push_back(query.text(0));
      }
    }
    for (const auto& id : ids) MURA_TRY(sqlite_internal::refresh_requirements(database, id));
    return ok_status();
  });
}

}  // namespace mura::catalog
