// Metadata profiles: what a record of each kind may hold (its fields, their types, which are
// required, repeatable or language-tagged) and how each maps to Dublin Core. Profiles are data,
// one JSON file per kind in data/profiles/ ({"kind", "label", "dc_type", "dc_type_by_level",
// "fields": [{"name", "type", "required", "repeatable", "multilingual", "dc", "label", "values",
// "value_labels"}]}), loaded once into an immutable ProfileSet, which validates records and maps
// them to Dublin Core. A loaded ProfileSet is thread-safe to share.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/file_system.h"
#include "base/result.h"
#include "record/record.h"

namespace mura::record {

enum class FieldType { kText, kEdtf, kIdentifier, kUri, kTerm, kInteger, kReference };

// "text", "edtf", "identifier", "uri", "term", "integer", "reference".
std::string_view field_type_name(FieldType type);
std::optional<FieldType> parse_field_type(std::string_view name);

// The languages every profile and field label is given in, in display order.
inline constexpr std::string_view kLabelLanguages[] = {"kk", "kk-Latn", "ru", "en"};

// The fifteen elements of the Dublin Core Metadata Element Set 1.1.
inline constexpr std::string_view kDublinCoreElements[] = {
    "contributor", "coverage", "creator",   "date",   "description", "format",  "identifier",
    "language",    "publisher", "relation", "rights", "source",      "subject", "title",
    "type"};

// Field and column names that belong to the record itself (record.h) or to the ingest sheet
// (docs/format/sheet.md) and so cannot name a profile field.
inline constexpr std::string_view kReservedFieldNames[] = {
    "id",     "key",         "kind",   "level",         "parent",        "position",
    "file",   "files",       "access", "access_files",  "groups",        "embargo_until",
    "rights", "personal_data", "closure_years", "deleted", "created",    "modified"};

// True for a well-formed BCP 47 language tag: a 2-3 letter (or 4-8 letter) primary language,
// then subtags of 1-8 letters or digits ("kk", "kk-Latn", "ru", "en-GB", "zh-Hant-TW").
bool is_language_tag(std::string_view tag);

struct FieldDefinition {
  std::string name;  // lower-case letters, digits and '_', e.g. "inventory_number"
  FieldType type = FieldType::kText;
  bool required = false;
  bool repeatable = false;    // several values (for a multilingual field: per language)
  bool multilingual = false;  // every value carries a language tag; only for kText
  std::string dc_element;     // one of kDublinCoreElements, or empty when there is none
  std::map<std::string, std::string> label;  // language -> label
  std::vector<std::string> values;           // kTerm: the allowed values, in display order
  // kTerm, optional: value -> language -> label ("dataset" -> {"en": "Dataset", ...}).
  std::map<std::string, std::map<std::string, std::string>> value_labels;
};

struct Profile {
  Kind kind = Kind::kArchivalUnit;
  std::map<std::string, std::string> label;  // language -> label of the kind
  std::vector<FieldDefinition> fields;       // in display order
  // The Dublin Core type (DCMI Type Vocabulary) of every record of the kind, e.g.
  // "PhysicalObject"; empty when the kind gives none. For archival units it may depend on the
  // level: dc_type_by_level overrides dc_type for the levels it names (an empty value: none).
  std::string dc_type;
  std::map<std::string, std::string> dc_type_by_level;

  // The definition of field `name`, or nullptr when the profile has no such field.
  const FieldDefinition* field(std::string_view name) const;
  // The Dublin Core type of a record of this kind at `level` (see dc_type_by_level).
  std::string dc_type_for_level(std::string_view level) const;
};

// Parses one profile document. `source` names it in messages (usually the file path). Returns
// InvalidArgument naming the source and the key, e.g.
//   `data/profiles/artwork.json: "fields[3].type" is "colour"; expected one of text, edtf, ...`.
// Checks: known keys only, a known kind, labels in every language of kLabelLanguages, unique
// field names that are not reserved, known types and DC elements, term lists, multilingual only
// on text, and a required multilingual text field "title".
Result<Profile> parse_profile(std::string_view json, std::string_view source);

class ProfileSet {
 public:
  // Loads every *.json file in `directory` through `fs`, one profile each. Errors name the file
  // and the key (see parse_profile); FailedPrecondition when two files define the same kind or
  // a kind has no profile; NotFound when the directory cannot be listed.
  static Result<ProfileSet> load(FileSystem& fs, const std::string& directory);
  // A set made of already parsed profiles; the same checks on kinds as load().
  static Result<ProfileSet> from_profiles(std::vector<Profile> profiles);

  // The profile of `kind`; every kind has one in a loaded set.
  const Profile& profile(Kind kind) const;

  // The problems of `record` against its kind's profile, empty when it is valid. Each problem
  // names the field (or "level") and says what is expected, e.g.
  //   field "date": "19 мамыр" is not an EDTF date (use forms like 1916, ...)
  //   field "title": is required; give at least one value with a language tag (kk, kk-Latn, ...)
  // Checked: unknown fields; required fields without a value; empty values; several values in
  // a non-repeatable field (per language when multilingual); a language tag on a field that is
  // not multilingual, or a missing or malformed one on a multilingual field; terms outside the
  // list; integers; EDTF dates; URIs (a scheme, no spaces); identifiers and references (no
  // surrounding or inner line breaks); the archival level (one of kArchivalLevels for an
  // archival unit, none for other kinds).
  std::vector<std::string> validate(const Record& record) const;

  // The record as Dublin Core: (element, value) pairs for every value of every field that maps
  // to an element, in profile order, then the kind's type (dc_type_for_level) and the record's
  // rights URI, when present. The record's ARK is not included (its URL depends on the
  // resolver the caller serves).
  std::vector<std::pair<std::string, LanguageValue>> dublin_core(const Record& record) const;

 private:
  explicit ProfileSet(std::vector<Profile> profiles) : profiles_(std::move(profiles)) {}

  std::vector<Profile> profiles_;  // indexed by static_cast<std::size_t>(Kind)
};

// The directory with the profiles shipped with Mura: $MURA_DATA_DIR/profiles when that variable
// is set, else the source tree's data/profiles.
std::string default_profile_directory();

}  // namespace mura::record
