#include "record/profile.h"

#include <algorithm>
#include <cstdlib>
#include <set>

#include <nlohmann/json.hpp>

#include "record/edtf.h"

#ifndef MURA_SOURCE_DATA_DIR
#define MURA_SOURCE_DATA_DIR "data"
#endif

namespace mura::record {
namespace {

using Json = nlohmann::json;

constexpr std::pair<FieldType, std::string_view> kFieldTypes[] = {
    {FieldType::kText, "text"},       {FieldType::kEdtf, "edtf"},
    {FieldType::kIdentifier, "identifier"}, {FieldType::kUri, "uri"},
    {FieldType::kTerm, "term"},       {FieldType::kInteger, "integer"},
    {FieldType::kReference, "reference"},
};

constexpr std::string_view kProfileKeys[] = {"kind", "label", "dc_type", "dc_type_by_level",
                                             "fields"};
constexpr std::string_view kFieldKeys[] = {"name",         "type", "required", "repeatable",
                                           "multilingual", "dc",   "label",    "values",
                                           "value_labels"};

template <std::size_t N>
bool contains(const std::string_view (&list)[N], std::string_view value) {
  return std::find(std::begin(list), std::end(list), value) != std::end(list);
}

template <typename Range>
std::string join(const Range& items, std::string_view separator = ", ") {
  std::string text;
  for (const auto& item : items) {
    if (!text.empty()) text += separator;
    text += item;
  }
  return text;
}

std::string in_quotes(std::string_view text) { return "\"" + std::string(text) + "\""; }

bool is_field_name(std::string_view name) {
  if (name.empty() || name.size() > 64 || name.front() < 'a' || name.front() > 'z') return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
  });
}

// Builds the InvalidArgument errors of one profile document: "<source>: "<key>" <what>".
class ProfileReader {
 public:
  explicit ProfileReader(std::string_view source) : source_(source) {}

  Error error(const std::string& key, const std::string& what) const {
    return invalid_argument_error(source_ + ": " + in_quotes(key) + " " + what);
  }
  Error error(const std::string& what) const { return invalid_argument_error(source_ + ": " + what); }

  template <std::size_t N>
  Status check_keys(const Json& object, const std::string& prefix,
                    const std::string_view (&known)[N]) const {
    for (auto it = object.begin(); it != object.end(); ++it) {
      if (!contains(known, it.key())) {
        return error(prefix + it.key(), "is not a known key; expected " + join(known));
      }
    }
    return ok_status();
  }

  Result<std::string> string(const Json& object, const std::string& key, const std::string& path,
                             bool required) const {
    auto it = object.find(key);
    if (it == object.end() || it->is_null()) {
      if (required) return error(path, "is required");
      return std::string();
    }
    if (!it->is_string()) return error(path, "must be a string");
    return it->get<std::string>();
  }

  Result<bool> boolean(const Json& object, const std::string& key, const std::string& path) const {
    auto it = object.find(key);
    if (it == object.end() || it->is_null()) return false;
    if (!it->is_boolean()) return error(path, "must be true or false");
    return it->get<bool>();
  }

  // A label object: a non-empty string for every language of kLabelLanguages, and any other
  // BCP 47 tags.
  Result<std::map<std::string, std::string>> label(const Json& object, const std::string& key,
                                                   const std::string& path) const {
    auto it = object.find(key);
    if (it == object.end() || it->is_null()) {
      return error(path, "is required: an object of language -> label with " +
                             join(kLabelLanguages));
    }
    if (!it->is_object()) return error(path, "must be an object of language -> label");
    std::map<std::string, std::string> labels;
    for (auto entry = it->begin(); entry != it->end(); ++entry) {
      std::string entry_path = path + "." + entry.key();
      if (!is_language_tag(entry.key())) {
        return error(entry_path, "is not a BCP 47 language tag (use kk, kk-Latn, ru, en)");
      }
      if (!entry->is_string() || entry->get<std::string>().empty()) {
        return error(entry_path, "must be a non-empty string");
      }
      labels[entry.key()] = entry->get<std::string>();
    }
    for (std::string_view language : kLabelLanguages) {
      if (!labels.contains(std::string(language))) {
        return error(path + "." + std::string(language), "is required: every label is given in " +
                                                             join(kLabelLanguages));
      }
    }
    return labels;
  }

 private:
  std::string source_;
};

Result<FieldDefinition> parse_field(const ProfileReader& reader, const Json& json,
                                    const std::string& path) {
  if (!json.is_object()) return reader.error(path, "must be an object describing one field");
  MURA_TRY(reader.check_keys(json, path + ".", kFieldKeys));
  FieldDefinition field;
  MURA_ASSIGN_OR_RETURN(field.name, reader.string(json, "name", path + ".name", true));
  if (!is_field_name(field.name)) {
    return reader.error(path + ".name", "is " + in_quotes(field.name) +
                                            "; expected lower-case letters, digits and '_', "
                                            "starting with a letter");
  }
  if (contains(kReservedFieldNames, field.name)) {
    return reader.error(path + ".name", "is " + in_quotes(field.name) +
                                            ", a name reserved for the record itself (" +
                                            join(kReservedFieldNames) + ")");
  }
  MURA_ASSIGN_OR_RETURN(std::string type, reader.string(json, "type", path + ".type", true));
  auto parsed_type = parse_field_type(type);
  if (!parsed_type) {
    std::vector<std::string_view> names;
    for (const auto& entry : kFieldTypes) names.push_back(entry.second);
    return reader.error(path + ".type", "is " + in_quotes(type) + "; expected one of " + join(names));
  }
  field.type = *parsed_type;
  MURA_ASSIGN_OR_RETURN(field.required, reader.boolean(json, "required", path + ".required"));
  MURA_ASSIGN_OR_RETURN(field.repeatable, reader.boolean(json, "repeatable", path + ".repeatable"));
  MURA_ASSIGN_OR_RETURN(field.multilingual,
                        reader.boolean(json, "multilingual", path + ".multilingual"));
  if (field.multilingual && field.type != FieldType::kText) {
    return reader.error(path + ".multilingual",
                        "is true on a field of type " + type + "; only text fields are multilingual");
  }
  MURA_ASSIGN_OR_RETURN(field.dc_element, reader.string(json, "dc", path + ".dc", false));
  if (!field.dc_element.empty() && !contains(kDublinCoreElements, field.dc_element)) {
    return reader.error(path + ".dc", "is " + in_quotes(field.dc_element) +
                                          "; expected one of the 15 Dublin Core elements: " +
                                          join(kDublinCoreElements));
  }
  MURA_ASSIGN_OR_RETURN(field.label, reader.label(json, "label", path + ".label"));

  auto values = json.find("values");
  bool has_values = values != json.end() && !values->is_null();
  if (field.type != FieldType::kTerm) {
    if (has_values) return reader.error(path + ".values", "is only for fields of type term");
    if (json.contains("value_labels")) {
      return reader.error(path + ".value_labels", "is only for fields of type term");
    }
    return field;
  }
  if (!has_values || !values->is_array() || values->empty()) {
    return reader.error(path + ".values", "must be a non-empty array of the allowed terms");
  }
  for (std::size_t i = 0; i < values->size(); ++i) {
    const Json& value = (*values)[i];
    std::string value_path = path + ".values[" + std::to_string(i) + "]";
    if (!value.is_string() || value.get<std::string>().empty()) {
      return reader.error(value_path, "must be a non-empty string");
    }
    std::string term = value.get<std::string>();
    if (std::find(field.values.begin(), field.values.end(), term) != field.values.end()) {
      return reader.error(value_path, "repeats the term " + in_quotes(term));
    }
    field.values.push_back(std::move(term));
  }
  if (auto labels = json.find("value_labels"); labels != json.end() && !labels->is_null()) {
    std::string labels_path = path + ".value_labels";
    if (!labels->is_object()) {
      return reader.error(labels_path, "must be an object of term -> {language: label}");
    }
    for (auto entry = labels->begin(); entry != labels->end(); ++entry) {
      if (std::find(field.values.begin(), field.values.end(), entry.key()) == field.values.end()) {
        return reader.error(labels_path + "." + entry.key(), "labels a term that is not in values");
      }
      MURA_ASSIGN_OR_RETURN(field.value_labels[entry.key()],
                            reader.label(*labels, entry.key(), labels_path + "." + entry.key()));
    }
  }
  return field;
}

}  // namespace

std::string_view field_type_name(FieldType type) {
  for (const auto& [value, name] : kFieldTypes) {
    if (value == type) return name;
  }
  return "text";
}

std::optional<FieldType> parse_field_type(std::string_view name) {
  for (const auto& [value, type_name] : kFieldTypes) {
    if (type_name == name) return value;
  }
  return std::nullopt;
}

bool is_language_tag(std::string_view tag) {
  auto is_alpha = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); };
  auto is_alnum = [&](char c) { return is_alpha(c) || (c >= '0' && c <= '9'); };
  bool first = true;
  while (true) {
    auto dash = tag.find('-');
    std::string_view subtag = tag.substr(0, dash);
    if (subtag.empty() || subtag.size() > 8) return false;
    if (first) {
      if (subtag.size() < 2 || !std::all_of(subtag.begin(), subtag.end(), is_alpha)) return false;
      first = false;
    } else if (!std::all_of(subtag.begin(), subtag.end(), is_alnum)) {
      return false;
    }
    if (dash == std::string_view::npos) return true;
    tag.remove_prefix(dash + 1);
  }
}

const FieldDefinition* Profile::field(std::string_view name) const {
  for (const auto& definition : fields) {
    if (definition.name == name) return &definition;
  }
  return nullptr;
}

std::string Profile::dc_type_for_level(std::string_view level) const {
  if (auto it = dc_type_by_level.find(std::string(level)); it != dc_type_by_level.end()) {
    return it->second;
  }
  return dc_type;
}

Result<Profile> parse_profile(std::string_view json_text, std::string_view source) {
  ProfileReader reader(source);
  Json json = Json::parse(json_text, nullptr, /*allow_exceptions=*/false);
  if (json.is_discarded()) return reader.error("not valid JSON");
  if (!json.is_object()) return reader.error("must be a JSON object with \"kind\" and \"fields\"");
  MURA_TRY(reader.check_keys(json, "", kProfileKeys));

  Profile profile;
  MURA_ASSIGN_OR_RETURN(std::string kind, reader.string(json, "kind", "kind", true));
  auto parsed_kind = parse_kind(kind);
  if (!parsed_kind) {
    return reader.error("kind", "is " + in_quotes(kind) +
                                    "; expected collection, archival_unit, museum_object, "
                                    "research_output, artwork, legal_act or agent");
  }
  profile.kind = *parsed_kind;
  MURA_ASSIGN_OR_RETURN(profile.label, reader.label(json, "label", "label"));
  MURA_ASSIGN_OR_RETURN(profile.dc_type, reader.string(json, "dc_type", "dc_type", false));
  if (auto by_level = json.find("dc_type_by_level");
      by_level != json.end() && !by_level->is_null()) {
    if (profile.kind != Kind::kArchivalUnit) {
      return reader.error("dc_type_by_level", "is only for the archival_unit profile");
    }
    if (!by_level->is_object()) return reader.error("dc_type_by_level", "must be an object");
    for (auto entry = by_level->begin(); entry != by_level->end(); ++entry) {
      std::string path = "dc_type_by_level." + entry.key();
      if (!contains(kArchivalLevels, entry.key())) {
        return reader.error(path, "is not an archival level; expected " + join(kArchivalLevels));
      }
      if (!entry->is_string()) return reader.error(path, "must be a string (empty for none)");
      profile.dc_type_by_level[entry.key()] = entry->get<std::string>();
    }
  }

  auto fields = json.find("fields");
  if (fields == json.end() || !fields->is_array() || fields->empty()) {
    return reader.error("fields", "must be a non-empty array of field definitions");
  }
  std::set<std::string> names;
  for (std::size_t i = 0; i < fields->size(); ++i) {
    std::string path = "fields[" + std::to_string(i) + "]";
    MURA_ASSIGN_OR_RETURN(FieldDefinition field, parse_field(reader, (*fields)[i], path));
    if (!names.insert(field.name).second) {
      return reader.error(path + ".name", "repeats the field name " + in_quotes(field.name));
    }
    profile.fields.push_back(std::move(field));
  }
  const FieldDefinition* title = profile.field("title");
  if (title == nullptr || title->type != FieldType::kText || !title->required ||
      !title->multilingual) {
    return reader.error("fields",
                        "must define \"title\" as a required multilingual text field");
  }
  return profile;
}

Result<ProfileSet> ProfileSet::load(FileSystem& fs, const std::string& directory) {
  auto entries = fs.list_directory(directory);
  if (!entries) {
    return Error(entries.error().with_context("profiles: cannot list the profile directory"));
  }
  std::vector<Profile> profiles;
  std::map<Kind, std::string> sources;
  for (const auto& entry : *entries) {
    if (entry.type != FileType::kFile || entry.name.size() <= 5 ||
        !entry.name.ends_with(".json")) {
      continue;
    }
    std::string path = join_path(directory, entry.name);
    MURA_ASSIGN_OR_RETURN(std::string text, read_file(fs, path));
    MURA_ASSIGN_OR_RETURN(Profile profile, parse_profile(text, path));
    auto [it, inserted] = sources.emplace(profile.kind, path);
    if (!inserted) {
      return failed_precondition_error(path + ": \"kind\" is " +
                                       in_quotes(kind_name(profile.kind)) + ", already defined by " +
                                       it->second + "; keep one profile per kind");
    }
    profiles.push_back(std::move(profile));
  }
  auto set = from_profiles(std::move(profiles));
  if (!set) return Error(set.error().with_context("profiles in " + directory));
  return set;
}

Result<ProfileSet> ProfileSet::from_profiles(std::vector<Profile> profiles) {
  constexpr Kind kAllKinds[] = {Kind::kCollection, Kind::kArchivalUnit, Kind::kMuseumObject,
                                Kind::kResearchOutput, Kind::kArtwork, Kind::kLegalAct,
                                Kind::kAgent};
  std::vector<Profile> by_kind(std::size(kAllKinds));
  std::vector<bool> seen(std::size(kAllKinds), false);
  for (auto& profile : profiles) {
    auto index = static_cast<std::size_t>(profile.kind);
    if (seen[index]) {
      return failed_precondition_error("two profiles for the kind " +
                                       in_quotes(kind_name(profile.kind)));
    }
    seen[index] = true;
    by_kind[index] = std::move(profile);
  }
  std::vector<std::string_view> missing;
  for (Kind kind : kAllKinds) {
    if (!seen[static_cast<std::size_t>(kind)]) missing.push_back(kind_name(kind));
  }
  if (!missing.empty()) {
    return failed_precondition_error("no profile for the kind(s) " + join(missing) +
                                     "; every kind needs a <kind>.json profile");
  }
  return ProfileSet(std::move(by_kind));
}

const Profile& ProfileSet::profile(Kind kind) const {
  auto index = static_cast<std::size_t>(kind);
  MURA_CHECK(index < profiles_.size());
  return profiles_[index];
}

namespace {

bool is_blank(std::string_view text) {
  return std::all_of(text.begin(), text.end(),
                     [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; });
}

bool has_control_character(std::string_view text) {
  return std::any_of(text.begin(), text.end(), [](char c) {
    return static_cast<unsigned char>(c) < 0x20 || c == '\x7f';
  });
}

bool is_integer(std::string_view text) {
  if (!text.empty() && (text.front() == '-' || text.front() == '+')) text.remove_prefix(1);
  return !text.empty() && text.size() <= 18 &&
         std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// An absolute URI: a scheme, ':', and something after it, with no spaces or control characters.
bool is_uri(std::string_view text) {
  auto colon = text.find(':');
  if (colon == std::string_view::npos || colon == 0 || colon + 1 == text.size()) return false;
  std::string_view scheme = text.substr(0, colon);
  auto is_alpha = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); };
  if (!is_alpha(scheme.front())) return false;
  for (char c : scheme) {
    if (!is_alpha(c) && !(c >= '0' && c <= '9') && c != '+' && c != '-' && c != '.') return false;
  }
  return std::none_of(text.begin(), text.end(), [](char c) {
    return c == ' ' || static_cast<unsigned char>(c) < 0x20 || c == '\x7f';
  });
}

// The problem with one value of `field` against its type, or "" when it is fine.
std::string check_value(const FieldDefinition& field, std::string_view value) {
  switch (field.type) {
    case FieldType::kText:
      return "";
    case FieldType::kEdtf: {
      auto date = parse_edtf(value);
      return date ? "" : date.error().message();
    }
    case FieldType::kIdentifier:
    case FieldType::kReference:
      if (value.front() == ' ' || value.back() == ' ' || has_control_character(value)) {
        return in_quotes(value) + " has surrounding spaces or control characters; expected " +
               (field.type == FieldType::kReference
                    ? "the ARK or identifier of another record"
                    : "an identifier such as an inventory number, call number or DOI");
      }
      return "";
    case FieldType::kUri:
      return is_uri(value) ? ""
                           : in_quotes(value) +
                                 " is not an absolute URI (expected e.g. "
                                 "https://creativecommons.org/licenses/by/4.0/)";
    case FieldType::kTerm:
      if (std::find(field.values.begin(), field.values.end(), value) != field.values.end()) {
        return "";
      }
      return in_quotes(value) + " is not one of " + join(field.values);
    case FieldType::kInteger:
      return is_integer(value) ? ""
                               : in_quotes(value) + " is not an integer (write digits only, e.g. 2024)";
  }
  return "";
}

std::string language_list() { return join(kLabelLanguages); }

}  // namespace

std::vector<std::string> ProfileSet::validate(const Record& record) const {
  std::vector<std::string> problems;
  const Profile& kind_profile = profile(record.kind);
  auto problem = [&](std::string_view field, const std::string& what) {
    problems.push_back("field " + in_quotes(field) + ": " + what);
  };

  if (record.kind == Kind::kArchivalUnit) {
    if (record.level.empty()) {
      problems.push_back("level: is required for an archival unit; expected one of " +
                         join(kArchivalLevels));
    } else if (!contains(kArchivalLevels, record.level)) {
      problems.push_back("level: " + in_quotes(record.level) + " is not an archival level; expected " +
                         join(kArchivalLevels));
    }
  } else if (!record.level.empty()) {
    problems.push_back("level: " + in_quotes(record.level) + " is set on a record of kind " +
                       std::string(kind_name(record.kind)) +
                       "; only archival units have a level");
  }

  for (const auto& [name, values] : record.fields) {
    const FieldDefinition* field = kind_profile.field(name);
    if (field == nullptr) {
      std::vector<std::string_view> known;
      for (const auto& definition : kind_profile.fields) known.push_back(definition.name);
      problem(name, "is not a field of the " + std::string(kind_name(record.kind)) +
                        " profile; its fields are " + join(known));
      continue;
    }
    std::map<std::string, int> per_language;
    for (const auto& value : values) {
      if (field->multilingual) {
        if (value.language.empty()) {
          problem(name, in_quotes(value.value) + " has no language tag; the field is multilingual: tag "
                        "each value with " + language_list() + " or another BCP 47 tag");
          continue;
        }
        if (!is_language_tag(value.language)) {
          problem(name, in_quotes(value.language) + " is not a BCP 47 language tag; expected " +
                            language_list() + " or another BCP 47 tag");
          continue;
        }
      } else if (!value.language.empty()) {
        problem(name, in_quotes(value.value) + " is tagged " + in_quotes(value.language) +
                          ", but the field takes values without a language tag");
        continue;
      }
      if (is_blank(value.value)) {
        problem(name, "has an empty value; leave the value out instead");
        continue;
      }
      ++per_language[value.language];
      if (std::string what = check_value(*field, value.value); !what.empty()) problem(name, what);
    }
    if (!field->repeatable) {
      for (const auto& [language, count] : per_language) {
        if (count < 2) continue;
        if (field->multilingual) {
          problem(name, std::to_string(count) + " values in " + in_quotes(language) +
                            "; the field takes one value per language");
        } else {
          problem(name, std::to_string(count) + " values; the field takes one value");
        }
      }
    }
  }

  for (const auto& field : kind_profile.fields) {
    if (!field.required) continue;
    auto it = record.fields.find(field.name);
    bool filled = it != record.fields.end() &&
                  std::any_of(it->second.begin(), it->second.end(),
                              [](const LanguageValue& value) { return !is_blank(value.value); });
    if (filled) continue;
    problem(field.name, field.multilingual
                            ? "is required; give at least one value tagged with a language (" +
                                  language_list() + ")"
                            : "is required; give a value");
  }
  return problems;
}

std::vector<std::pair<std::string, LanguageValue>> ProfileSet::dublin_core(
    const Record& record) const {
  std::vector<std::pair<std::string, LanguageValue>> elements;
  const Profile& kind_profile = profile(record.kind);
  for (const auto& field : kind_profile.fields) {
    if (field.dc_element.empty()) continue;
    auto it = record.fields.find(field.name);
    if (it == record.fields.end()) continue;
    for (const auto& value : it->second) {
      if (!is_blank(value.value)) elements.emplace_back(field.dc_element, value);
    }
  }
  if (std::string type = kind_profile.dc_type_for_level(record.level); !type.empty()) {
    elements.emplace_back("type", LanguageValue{"", type});
  }
  if (!record.rights.empty()) elements.emplace_back("rights", LanguageValue{"", record.rights});
  return elements;
}

std::string default_profile_directory() {
  if (const char* data = std::getenv("MURA_DATA_DIR"); data != nullptr && *data != '\0') {
    return join_path(data, "profiles");
  }
  return join_path(MURA_SOURCE_DATA_DIR, "profiles");
}

}  // namespace mura::record
