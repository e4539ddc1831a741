// The record: Mura's descriptive model of one thing it keeps (an archival unit, a museum
// object, a research output, ...). It is what record.json in the record's OCFL object holds
// (docs/format/record.md) and what the catalog indexes. Plain value types.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mura::record {

enum class Kind {
  kCollection,
  kArchivalUnit,
  kMuseumObject,
  kResearchOutput,
  kArtwork,
  kLegalAct,
  kAgent,
};

// "collection", "archival_unit", "museum_object", "research_output", "artwork", "legal_act",
// "agent".
std::string_view kind_name(Kind kind);
std::optional<Kind> parse_kind(std::string_view name);

// Archival levels of ISAD(G), for Kind::kArchivalUnit only.
inline constexpr std::string_view kArchivalLevels[] = {"fonds", "sub-fonds", "series",
                                                       "sub-series", "file", "item"};

// One value of a field. `language` is a BCP 47 tag ("kk", "kk-Latn", "ru", "en") or empty for
// values that have no language (dates, identifiers, numbers).
struct LanguageValue {
  std::string language;
  std::string value;
  friend bool operator==(const LanguageValue&, const LanguageValue&) = default;
};

enum class AccessLevel { kPublic, kRegistered, kRestricted, kClosed };
std::string_view access_level_name(AccessLevel level);  // "public", "registered", ...
std::optional<AccessLevel> parse_access_level(std::string_view name);

struct AccessPolicy {
  AccessLevel metadata = AccessLevel::kPublic;
  AccessLevel files = AccessLevel::kPublic;
  std::vector<std::string> groups;          // for kRestricted: the groups that may see
  std::optional<std::string> embargo_until;  // ISO date; files closed until then
  bool personal_data = false;               // holds personal data: closure applies
  std::optional<int> closure_years;         // overrides the collection's default (75)
  bool review_pending = false;              // flagged by personal-data detection
  friend bool operator==(const AccessPolicy&, const AccessPolicy&) = default;
};

// A deposited file of the record, stored in its OCFL object under "files/<path>".
struct FileEntry {
  std::string path;    // logical path below files/, e.g. "scans/page-001.tif"
  std::string digest;  // sha512 hex of the content
  std::uint64_t size = 0;
  std::string media_type;  // "image/tiff"
  std::string puid;        // PRONOM id, e.g. "fmt/353"; empty when unknown
  std::string label;       // optional caption
  friend bool operator==(const FileEntry&, const FileEntry&) = default;
};

struct Record {
  std::string id;  // the ARK: "ark:/99999/mr4kz7q2x"
  Kind kind = Kind::kArchivalUnit;
  std::string level;   // archival level for archival units; empty otherwise
  std::string parent;  // ARK of the parent record; empty for a top-level record
  std::int64_t position = 0;  // order among the parent's children
  // Profile fields by name ("title", "description", "creator", "date", "identifier", ...), each
  // with its values in order. Dates are EDTF strings with an empty language.
  std::map<std::string, std::vector<LanguageValue>> fields;
  AccessPolicy access;
  std::string rights;  // a rightsstatements.org or Creative Commons URI
  std::vector<FileEntry> files;
  // Where the record came from, so that re-running an ingest finds it: "demo.csv#fonds-1"
  // (sheet file name and row key), "bag:<External-Identifier>", "tree:<relative path>".
  std::string source;
  bool deleted = false;  // a tombstone: the record was withdrawn
  std::string created;   // ISO 8601 UTC of the first version
  std::string modified;  // ISO 8601 UTC of the head version
  std::int64_t version = 0;  // the OCFL head version number

  // The first value of `field` in `language`, else in the fallback order kk, kk-Latn, ru, en,
  // else any; empty when the field has no value.
  std::string first_value(std::string_view field, std::string_view language = "") const;
  friend bool operator==(const Record&, const Record&) = default;
};

// A PREMIS-style event about a record (ingest, modification, fixity check, ...).
struct Event {
  std::string identifier;  // UUID
  std::string type;        // "ingestion", "modification", "fixity check", "deletion", ...
  std::string time;        // ISO 8601 UTC
  std::string agent;       // "mura/0.1 user:alice"
  std::string outcome;     // "success" or "failure"
  std::string detail;      // a sentence
  friend bool operator==(const Event&, const Event&) = default;
};

}  // namespace mura::record
