// Reading a CSV sheet into ingest items (docs/format/sheet.md).
#include <filesystem>
#include <map>
#include <set>

#include "base/ark.h"
#include "catalog/catalog.h"
#include "formats/csv_reader.h"
#include "record/profile.h"
#include "service/ingest.h"

namespace mura::service {
namespace {

constexpr std::string_view kValueSeparator = " | ";

const std::set<std::string, std::less<>> kSheetColumns = {
    "key",    "kind",          "level",       "parent",        "position",      "file",
    "access", "access_files",  "groups",      "embargo_until", "personal_data", "closure_years",
    "rights", "file_label"};

std::vector<std::string> split_values(std::string_view cell) {
  std::vector<std::string> values;
  while (true) {
    auto at = cell.find(kValueSeparator);
    std::string_view value = cell.substr(0, at);
    while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) value.remove_prefix(1);
    while (!value.empty() && (value.back() == ' ' || value.back() == '\t')) value.remove_suffix(1);
    if (!value.empty()) values.emplace_back(value);
    if (at == std::string_view::npos) break;
    cell.remove_prefix(at + kValueSeparator.size());
  }
  return values;
}

std::string trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r')) {
    text.remove_suffix(1);
  }
  return std::string(text);
}

struct Column {
  std::string name;      // as in the header
  std::string field;     // profile field, or the reserved column name
  std::string language;  // from "field@lang"
  bool reserved = false;
};

// True when `path` stays inside `base` after resolving "..", "." and symbolic links.
bool inside(const std::filesystem::path& base, const std::filesystem::path& path) {
  std::error_code error;
  auto resolved_base = std::filesystem::weakly_canonical(base, error);
  if (error) return false;
  auto resolved = std::filesystem::weakly_canonical(path, error);
  if (error) return false;
  auto [base_end, path_it] =
      std::mismatch(resolved_base.begin(), resolved_base.end(), resolved.begin(), resolved.end());
  return base_end == resolved_base.end();
}

}  // namespace

std::vector<IngestItem> read_sheet(Repository& repository, const std::string& path,
                                   IngestReport& report) {
  FileSystem& fs = repository.file_system();
  std::string sheet_name = file_name(path);
  std::string base = parent_path(path);
  if (base.empty()) base = ".";
  auto bytes = read_file(fs, path);
  if (!bytes) {
    report.problems.push_back(sheet_name + ": " + bytes.error().message());
    return {};
  }
  auto table = formats::parse_csv(*bytes, sheet_name);
  if (!table) {
    report.problems.push_back(table.error().message());
    return {};
  }
  const auto& profiles = repository.profiles();

  // The header: reserved columns and profile fields, "field@lang" for languages.
  std::vector<Column> columns;
  bool has_key = false;
  bool has_kind = false;
  for (const auto& name : table->header) {
    Column column;
    column.name = name;
    auto at = name.find('@');
    column.field = name.substr(0, at);
    if (at != std::string::npos) column.language = name.substr(at + 1);
    if (kSheetColumns.count(column.field) != 0) {
      column.reserved = true;
      if (!column.language.empty()) {
        report.problems.push_back(sheet_name + ", column \"" + name + "\": \"" + column.field +
                                  "\" takes no language");
      }
    } else {
      bool known = false;
      for (int kind = 0; kind <= static_cast<int>(record::Kind::kAgent); ++kind) {
        if (profiles.profile(static_cast<record::Kind>(kind)).field(column.field) != nullptr) {
          known = true;
        }
      }
      if (!known) {
        report.problems.push_back(sheet_name + ", column \"" + name + "\": \"" + column.field +
                                  "\" is not a field of any kind (see docs/format/sheet.md and "
                                  "data/profiles/)");
      }
      if (!column.language.empty() && !record::is_language_tag(column.language)) {
        report.problems.push_back(sheet_name + ", column \"" + name + "\": \"" +
                                  column.language + "\" is not a language tag (use kk, kk-Latn, "
                                  "ru or en)");
      }
    }
    has_key = has_key || column.field == "key";
    has_kind = has_kind || column.field == "kind";
    columns.push_back(std::move(column));
  }
  if (!has_key) report.problems.push_back(sheet_name + ": the sheet needs a \"key\" column");
  if (!has_kind) report.problems.push_back(sheet_name + ": the sheet needs a \"kind\" column");
  if (!report.problems.empty()) return {};

  std::vector<IngestItem> items;
  std::map<std::string, std::size_t> keys;  // key -> row number
  std::map<std::string, std::string> identifiers;  // identifier value -> location
  std::map<std::string, std::int64_t> sibling_counter;
  for (std::size_t row = 0; row < table->rows.size(); ++row) {
    const auto& cells = table->rows[row];
    std::string location = sheet_name + " row " + std::to_string(table->row_lines[row]);
    auto problem = [&](const std::string& column, const std::string& text) {
      report.problems.push_back(location + ", column \"" + column + "\": " + text);
    };
    IngestItem item;
    item.location = location;
    std::map<std::string, std::string> reserved;
    for (std::size_t c = 0; c < columns.size(); ++c) {
      if (columns[c].reserved) reserved[columns[c].field] = trim(c < cells.size() ? cells[c] : "");
    }
    std::string key = reserved["key"];
    if (key.empty()) {
      problem("key", "is empty; every row needs a key");
      continue;
    }
    if (auto [it, fresh] = keys.emplace(key, table->row_lines[row]); !fresh) {
      problem("key", "\"" + key + "\" is already the key of row " + std::to_string(it->second));
      continue;
    }
    item.source = sheet_name + "#" + key;
    auto kind = record::parse_kind(reserved["kind"]);
    if (!kind) {
      problem("kind", "\"" + reserved["kind"] +
                          "\" is not a kind (collection, archival_unit, museum_object, "
                          "research_output, artwork, legal_act, agent)");
      continue;
    }
    item.draft.kind = *kind;
    item.draft.level = reserved["level"];
    const record::Profile& profile = profiles.profile(*kind);

    // Fields.
    for (std::size_t c = 0; c < columns.size(); ++c) {
      const Column& column = columns[c];
      if (column.reserved || c >= cells.size()) continue;
      auto values = split_values(cells[c]);
      if (values.empty()) continue;
      const record::FieldDefinition* field = profile.field(column.field);
      if (field == nullptr) {
        problem(column.name, std::string(record::kind_name(*kind)) + " has no field \"" +
                                 column.field + "\"; leave the cell empty for this row");
        continue;
      }
      if (field->multilingual && column.language.empty()) {
        problem(column.name, "\"" + column.field + "\" is multilingual: name the column \"" +
                                 column.field + "@kk\", \"" + column.field + "@ru\", ...");
        continue;
      }
      auto& target = item.draft.fields[column.field];
      for (auto& value : values) target.push_back({column.language, std::move(value)});
    }
    // The key is the record's identifier unless the row gives one (docs/format/sheet.md).
    if (item.draft.fields.count("identifier") == 0 && profile.field("identifier") != nullptr) {
      item.draft.fields["identifier"] = {{"", key}};
    }
    for (const auto& field : catalog::kIdentifierFields) {
      auto it = item.draft.fields.find(std::string(field));
      if (it == item.draft.fields.end()) continue;
      for (const auto& value : it->second) {
        std::string tag = std::string(field) + " \"" + value.value + "\"";
        if (auto [previous, fresh] = identifiers.emplace(tag, location); !fresh) {
          problem(std::string(field), tag + " is also used by " + previous->second);
        }
      }
    }

    // Hierarchy.
    std::string parent = reserved["parent"];
    if (!parent.empty()) {
      item.parent_key = sheet_name + "#" + parent;  // resolved below once all keys are known
    }
    if (!reserved["position"].empty()) {
      try {
        std::size_t used = 0;
        item.draft.position = std::stoll(reserved["position"], &used);
        if (used != reserved["position"].size()) throw std::invalid_argument("trailing");
      } catch (const std::exception&) {
        problem("position", "\"" + reserved["position"] + "\" is not a whole number");
      }
    } else {
      item.draft.position = ++sibling_counter[parent];
    }

    // Access and rights.
    auto& access = item.draft.access;
    if (!reserved["access"].empty()) {
      auto level = record::parse_access_level(reserved["access"]);
      if (!level) {
        problem("access", "\"" + reserved["access"] + "\" must be public, registered, restricted or closed");
      } else {
        access.metadata = *level;
        access.files = *level;
      }
    }
    if (!reserved["access_files"].empty()) {
      auto level = record::parse_access_level(reserved["access_files"]);
      if (!level) {
        problem("access_files", "\"" + reserved["access_files"] + "\" must be public, registered, restricted or closed");
      } else {
        access.files = *level;
      }
    }
    access.groups = split_values(reserved["groups"]);
    if ((access.metadata == record::AccessLevel::kRestricted ||
         access.files == record::AccessLevel::kRestricted) &&
        access.groups.empty()) {
      problem("groups", "restricted access needs the groups that may see the record");
    }
    if (!reserved["embargo_until"].empty()) {
      const std::string& date = reserved["embargo_until"];
      bool iso = date.size() == 10 && date[4] == '-' && date[7] == '-' &&
                 std::all_of(date.begin(), date.end(), [](char ch) { return ch == '-' || (ch >= '0' && ch <= '9'); });
      if (!iso) {
        problem("embargo_until", "\"" + date + "\" is not a date like 2030-01-01");
      } else {
        access.embargo_until = date;
      }
    }
    if (std::string flag = reserved["personal_data"]; !flag.empty()) {
      if (flag == "yes" || flag == "true" || flag == "1") {
        access.personal_data = true;
      } else if (flag != "no" && flag != "false" && flag != "0") {
        problem("personal_data", "\"" + flag + "\" must be yes or no");
      }
    }
    if (!reserved["closure_years"].empty()) {
      try {
        int years = std::stoi(reserved["closure_years"]);
        if (years < 0 || years > 200) throw std::out_of_range("years");
        access.closure_years = years;
      } catch (const std::exception&) {
        problem("closure_years", "\"" + reserved["closure_years"] + "\" must be a number of years (0 to 200)");
      }
    }
    item.draft.rights = reserved["rights"];

    // Files: relative to the sheet, never outside it.
    auto labels = split_values(reserved["file_label"]);
    std::set<std::string> names;
    auto files = split_values(reserved["file"]);
    for (std::size_t f = 0; f < files.size(); ++f) {
      const std::string& relative = files[f];
      std::filesystem::path file_path(relative);
      if (file_path.is_absolute()) {
        problem("file", "\"" + relative + "\" must be relative to the sheet's folder");
        continue;
      }
      bool escapes = false;
      for (const auto& part : file_path) escapes = escapes || part == "..";
      std::string full = join_path(base, relative);
      if (escapes || !inside(base, full)) {
        problem("file", "\"" + relative + "\" leads outside the sheet's folder");
        continue;
      }
      auto info = fs.stat(full);
      if (!info) {
        problem("file", "\"" + relative + "\" does not exist (paths are relative to " + base + ")");
        continue;
      }
      if (info->type != FileType::kFile) {
        problem("file", "\"" + relative + "\" is not a regular file");
        continue;
      }
      std::string name = file_name(relative);
      if (!names.insert(name).second) {
        problem("file", "two files are named \"" + name + "\"; rename one");
        continue;
      }
      FileSource source;
      source.path = name;
      source.source_path = full;
      if (f < labels.size()) source.label = labels[f];
      item.files.push_back(std::move(source));
    }
    items.push_back(std::move(item));
  }

  // Parents: a key of this sheet, or an existing record by ARK or identifier.
  for (auto& item : items) {
    if (item.parent_key.empty()) continue;
    std::string parent = item.parent_key.substr(sheet_name.size() + 1);
    if (keys.count(parent) != 0) continue;
    item.parent_key.clear();
    if (parent.starts_with("ark:")) {
      auto ark = parse_ark(parent);
      if (ark && repository.store().object_exists(ark->to_string())) {
        item.parent_id = ark->to_string();
        continue;
      }
    } else if (auto found = repository.catalog().find_by_identifier(parent);
               found && found->size() == 1) {
      item.parent_id = found->front();
      continue;
    } else if (found && found->size() > 1) {
      report.problems.push_back(item.location + ", column \"parent\": \"" + parent +
                                "\" is the identifier of several records; use the ARK");
      continue;
    }
    report.problems.push_back(item.location + ", column \"parent\": \"" + parent +
                              "\" is neither a key of this sheet nor a known record");
  }
  return items;
}

}  // namespace mura::service
