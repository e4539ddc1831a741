// How the SQLite catalog keeps and queries access: each record's requirements (computed by
// access::requirements_for() when it is put) in columns of `records`, and the rule of
// access::allows() compiled into a SQL condition over them, so that lists, counts and child counts
// filter inside the query. Internal to the SQLite catalog; used by sqlite_catalog.cc and the
// schema migration that fills the columns of older catalogs.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "access/policy.h"
#include "base/result.h"
#include "catalog/catalog.h"
#include "catalog/sqlite_statement.h"

namespace mura::catalog::sqlite_internal {

using Parameter = std::variant<std::string, std::int64_t>;

// Settings keys: the default closure period, and the prefix of a collection's ("...:<ark>").
inline constexpr std::string_view kClosureYearsKey = "access.closure_years";
inline constexpr std::string_view kReservedKeyPrefix = "access.";

// Grants as stored: "|public|", "|group:a|group:b|", "" for none. '%' and '|' inside a token are
// percent-escaped, so instr(grants, '|<token>|') finds exactly the tokens the record grants.
std::string encode_grants(const std::vector<std::string>& grants);
std::vector<std::string> decode_grants(std::string_view stored);
// The needle for one of a caller's tokens: "|<escaped token>|".
std::string grant_needle(std::string_view token);

// The columns of `records` that hold a record's requirements.
struct StoredRequirements {
  std::string metadata_grants;
  std::string metadata_open_from;
  std::string files_grants;
  std::string files_open_from;
  // Open to everyone with no date: the record never counts as hidden (metadata_open column).
  bool metadata_open = false;
};
StoredRequirements stored_requirements(const access::RecordRequirements& requirements);

// InvalidArgument when the visibility has a caller and `today` is not a YYYY-MM-DD date.
Status check_visibility(const Visibility& visibility);

// "<alias> may be seen by the visibility's caller": access::allows() on the metadata
// requirement, as SQL. Appends its parameters to `parameters` in the order of its '?'s.
// REQUIRES: visibility.filters().
std::string visible_condition(const Visibility& visibility, std::string_view alias,
                              std::vector<Parameter>& parameters);

// The child_count column of a summary row of `records r` (joined with `child_counts c`): every
// child that is not deleted, or with a filtering visibility only those the caller may see.
std::string child_count_expression(const Visibility& visibility,
                                   std::vector<Parameter>& parameters);

// The closure settings: the default and those of `collection` only (when given), or all.
Result<access::PolicySettings> load_policy_settings(
    sqlite::Database& database, const std::optional<std::string>& collection = std::nullopt);

// Recomputes and stores the requirements of record `id` from its access columns, its date and
// its collection. REQUIRES: a transaction is open.
Status refresh_requirements(sqlite::Database& database, const std::string& id);

// Migration 2: fills access_date from record_json and the requirement columns of every record.
Status fill_requirements(sqlite::Database& database);

}  // namespace mura::catalog::sqlite_internal
