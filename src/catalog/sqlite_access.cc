#include "catalog/sqlite_access.h"

#include <algorithm>
#include <charconv>
#include <nlohmann/json.hpp>
#include <utility>

#include "record/record_json.h"

namespace mura::catalog::sqlite_internal {
namespace {

using sqlite::Database;
using sqlite::Query;

std::string escape_token(std::string_view token) {
  std::string escaped;
  escaped.reserve(token.size());
  for (char c : token) {
    if (c == '%') {
      escaped += "%25";
    } else if (c == '|') {
      escaped += "%7C";
    } else {
      escaped += c;
    }
  }
  return escaped;
}

std::string unescape_token(std::string_view escaped) {
  std::string token;
  for (std::size_t i = 0; i < escaped.size(); ++i) {
    if (escaped[i] == '%' && escaped.substr(i, 3) == "%25") {
      token += '%';
      i += 2;
    } else if (escaped[i] == '%' && escaped.substr(i, 3) == "%7C") {
      token += '|';
      i += 2;
    } else {
      token += escaped[i];
    }
  }
  return token;
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

bool is_iso_date(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return false;
  for (std::size_t i : {0U, 1U, 2U, 3U, 5U, 6U, 8U, 9U}) {
    if (!is_digit(text[i])) return false;
  }
  return true;
}

std::vector<std::string> decode_json_list(const std::string& text) {
  auto json = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  std::vector<std::string> items;
  if (!json.is_array()) return items;
  for (const auto& item : json) {
    if (item.is_string()) items.push_back(item.get<std::string>());
  }
  return items;
}

}  // namespace

std::string encode_grants(const std::vector<std::string>& grants) {
  if (grants.empty()) return "";
  std::string stored = "|";
  for (const auto& grant : grants) stored += escape_token(grant) + "|";
  return stored;
}

std::vector<std::string> decode_grants(std::string_view stored) {
  std::vector<std::string> grants;
  std::size_t start = 0;
  while (start < stored.size()) {
    std::size_t end = stored.find('|', start);
    if (end == std::string_view::npos) end = stored.size();
    if (end > start) grants.push_back(unescape_token(stored.substr(start, end - start)));
    start = end + 1;
  }
  return grants;
}

std::string grant_needle(std::string_view token) { return "|" + escape_token(token) + "|"; }

StoredRequirements stored_requirements(const access::RecordRequirements& requirements) {
  StoredRequirements stored;
  stored.metadata_grants = encode_grants(requirements.metadata.grants);
  stored.metadata_open_from = requirements.metadata.open_from;
  stored.files_grants = encode_grants(requirements.files.grants);
  stored.files_open_from = requirements.files.open_from;
  const auto& grants = requirements.metadata.grants;
  stored.metadata_open =
      requirements.metadata.open_from.empty() &&
      std::find(grants.begin(), grants.end(), access::kPublicToken) != grants.end();
  return stored;
}

Status check_visibility(const Visibility& visibility) {
  if (visibility.caller != nullptr && !is_iso_date(visibility.today)) {
    return invalid_argument_error("visibility: today \"" + visibility.today +
                                  "\" is not a YYYY-MM-DD date (use access::today_utc())");
  }
  return ok_status();
}

std::string visible_condition(const Visibility& visibility, std::string_view alias,
                              std::vector<Parameter>& parameters) {
  const access::Caller& caller = *visibility.caller;
  const std::string a(alias);
  std::vector<std::string> collections;
  for (const auto& collection : caller.curated_collections) {
    if (!collection.empty()) collections.push_back(collection);
  }
  std::vector<std::string> tokens = caller.tokens;
  std::sort(tokens.begin(), tokens.end());
  tokens.erase(std::unique(tokens.begin(), tokens.end()), tokens.end());

  std::string condition = "(";
  if (!collections.empty()) {
    condition += a + ".collection IN (";
    for (std::size_t i = 0; i < collections.size(); ++i) {
      condition += i == 0 ? "?" : ", ?";
      parameters.emplace_back(collections[i]);
    }
    condition += ") OR ";
  }
  // An empty open_from sorts before every date, so one comparison covers "no date".
  condition += "(" + a + ".metadata_open_from <= ? AND (";
  parameters.emplace_back(visibility.today);
  if (tokens.empty()) condition += "0";
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    if (i > 0) condition += " OR ";
    condition += "instr(" + a + ".metadata_grants, ?) > 0";
    parameters.emplace_back(grant_needle(tokens[i]));
  }
  condition += ")))";
  return condition;
}

std::string child_count_expression(const Visibility& visibility,
                                   std::vector<Parameter>& parameters) {
  if (!visibility.filters()) return "coalesce(c.count, 0)";
  // Children open to everyone are never hidden; only the others (few, from a partial index)
  // are tested.
  return "coalesce(c.count, 0) - (SELECT count(*) FROM records g WHERE g.parent = r.id AND "
         "g.deleted = 0 AND g.metadata_open = 0 AND NOT " +
         visible_condition(visibility, "g", parameters) + ")";
}

Result<access::PolicySettings> load_policy_settings(Database& database,
                                                    const std::optional<std::string>& collection) {
  access::PolicySettings settings;
  settings.default_closure_years = kDefaultClosureYears;
  const std::string prefix = std::string(kClosureYearsKey) + ":";
  auto apply = [&](const std::string& key, const std::string& value) {
    int years = 0;
    auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), years);
    if (error != std::errc() || end != value.data() + value.size()) return;
    if (key == kClosureYearsKey) {
      settings.default_closure_years = years;
    } else if (key.starts_with(prefix)) {
      settings.collection_closure_years[key.substr(prefix.size())] = years;
    }
  };
  if (collection) {
    MURA_ASSIGN_OR_RETURN(Query query,
                          database.prepare("SELECT key, value FROM settings WHERE key IN (?, ?)"));
    MURA_TRY(query.bind_all(kClosureYearsKey, prefix + *collection));
    while (true) {
      MURA_ASSIGN_OR_RETURN(bool row, query.step());
      if (!row) break;
      apply(query.text(0), query.text(1));
    }
    return settings;
  }
  // The default, and every key between "access.closure_years:" and "access.closure_years;"
  // (';' follows ':'): those of the collections.
  MURA_ASSIGN_OR_RETURN(Query query, database.prepare("SELECT key, value FROM settings WHERE "
                                                      "key = ? OR (key > ? AND key < ?)"));
  MURA_TRY(query.bind_all(kClosureYearsKey, prefix, std::string(kClosureYearsKey) + ";"));
  while (true) {
    MURA_ASSIGN_OR_RETURN(bool row, query.step());
    if (!row) break;
    apply(query.text(0), query.text(1));
  }
  return settings;
}

Status refresh_requirements(Database& database, const std::string& id) {
  record::AccessPolicy policy;
  std::string collection;
  std::string date;
  {
    MURA_ASSIGN_OR_RETURN(
        Query query,
        database.prepare("SELECT collection, metadata_access, file_access, access_groups, "
                         "embargo_until, personal_data, closure_years, review_pending, access_date "
                         "FROM records WHERE id = ?"));
    MURA_TRY(query.bind(1, id));
    MURA_ASSIGN_OR_RETURN(bool row, query.step());
    if (!row) return ok_status();
    collection = query.text(0);
    // An unknown level cannot come from put_record; closed is the safe reading.
    policy.metadata =
        record::parse_access_level(query.text(1)).value_or(record::AccessLevel::kClosed);
    policy.files = record::parse_access_level(query.text(2)).value_or(record::AccessLevel::kClosed);
    policy.groups = decode_json_list(query.text(3));
    policy.embargo_until = query.optional_text(4);
    policy.personal_data = query.boolean(5);
    if (auto years = query.optional_integer(6)) policy.closure_years = static_cast<int>(*years);
    policy.review_pending = query.boolean(7);
    date = query.text(8);
  }
  access::PolicySettings settings;
  if (policy.personal_data) {
    MURA_ASSIGN_OR_RETURN(settings, load_policy_settings(database, collection));
  }
  const StoredRequirements stored =
      stored_requirements(access::requirements_for(policy, date, collection, settings));
  MURA_ASSIGN_OR_RETURN(
      Query update,
      database.prepare("UPDATE records SET metadata_grants = ?, metadata_open_from = ?, "
                       "files_grants = ?, files_open_from = ?, metadata_open = ? WHERE id = ?"));
  MURA_TRY(update.bind_all(stored.metadata_grants, stored.metadata_open_from, stored.files_grants,
                           stored.files_open_from, std::int64_t{stored.metadata_open}, id));
  return update.run();
}

Status fill_requirements(Database& database) {
  std::vector<std::pair<std::string, std::string>> dates;
  {
    MURA_ASSIGN_OR_RETURN(Query query, database.prepare("SELECT id, record_json FROM records"));
    while (true) {
      MURA_ASSIGN_OR_RETURN(bool row, query.step());
      if (!row) break;
      auto record = record::decode_record(query.text(1));
      // A record.json that no longer decodes keeps no date: a personal-data closure then
      // cannot end by itself (kNever), the safe side; `mura reindex` repairs it.
      dates.emplace_back(query.text(0), record ? record->first_value("date") : std::string());
    }
  }
  for (const auto& [id, date] : dates) {
    {
      MURA_ASSIGN_OR_RETURN(Query query,
                            database.prepare("UPDATE records SET access_date = ? WHERE id = ?"));
      MURA_TRY(query.bind_all(date, id));
      MURA_TRY(query.run());
    }
    MURA_TRY(refresh_requirements(database, id));
  }
  return ok_status();
}

}  // namespace mura::catalog::sqlite_internal
