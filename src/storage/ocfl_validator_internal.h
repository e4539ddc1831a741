// Internals of the OCFL validator (ocfl_validator*.cc), not part of the storage API: the
// specification versions, the collector of issues, the parsed inventory and the checks on
// names, paths, dates and digests that the object and storage-root validators share.
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "base/digest.h"
#include "storage/ocfl_validator.h"

namespace mura::storage::validator_detail {

enum class SpecVersion { k1_0 = 0, k1_1 = 1 };

// "1.0" -> k1_0, "1.1" -> k1_1.
std::optional<SpecVersion> parse_spec_version(std::string_view text);
std::string_view spec_version_name(SpecVersion version);
// The inventory "type" URI of a version: "https://ocfl.io/1.1/spec/#inventory".
std::string inventory_type_uri(SpecVersion version);

// Appends issues to a report, with paths relative to the validated root.
class Issues {
 public:
  explicit Issues(ValidationReport& report) : report_(report) {}
  void error(std::string code, std::string path, std::string message);
  void warning(std::string code, std::string path, std::string message);
  ValidationReport& report() { return report_; }

 private:
  ValidationReport& report_;
};

// Copies the issues of `from` into `to`, with `prefix` joined before each path.
void append_prefixed(const ValidationReport& from, const std::string& prefix, ValidationReport& to);

// Parses JSON strictly: no comments, no duplicate keys in any object. Returns nullopt (and sets
// `error`) for anything that is not one well-formed JSON document.
std::optional<nlohmann::json> parse_strict_json(const std::string& text, std::string& error);

// The number of a version directory name "v<digits>" (v1, v002); nullopt for anything else,
// including numbers too large to be real.
std::optional<long> parse_version_name(std::string_view name);

// True for an RFC 3339 date-time with seconds and a time zone: 2019-01-01T02:03:04Z,
// 2021-03-30T15:18:29.613693922-05:00.
bool is_rfc3339_date_time(std::string_view text);

// True for something with a URI scheme (RFC 3986: ALPHA *(ALPHA / DIGIT / + / - / .) ":")
// followed by at least one character and no white space.
bool is_uri(std::string_view text);

// True when every character is a hex digit (either case) and the text is not empty.
bool is_hex(std::string_view text);
std::string to_lower(std::string_view text);

// The problems of a path in an inventory. Logical paths (state) and content paths (manifest,
// fixity) have the same rules, under different codes.
struct PathProblems {
  bool slash_at_end = false;  // begins or ends with '/' (E053 logical, E100 content)
  bool bad_element = false;   // an element is empty, "." or ".." (E052 logical, E099 content)
  bool any() const { return slash_at_end || bad_element; }
};
PathProblems check_inventory_path(std::string_view path);

// Returns the paths of `paths` that are the initial part of another path of the set ("a" when
// "a/b" is there too): the conflicts of E095 and E101.
std::vector<std::string> conflicting_paths(const std::set<std::string>& paths);

// The names of the extensions registered with OCFL (W013, W016).
bool is_registered_extension(std::string_view name);
// Digest algorithms a fixity block may name: the specification's and those of extension
// 0001-digest-algorithms (E056).
bool is_known_fixity_algorithm(std::string_view name);

struct VersionBlock {
  std::string name;  // "v1"
  long number = 0;
  bool usable = false;  // a JSON object whose state could be read
  // Logical path -> digest as written in the state block.
  std::map<std::string, std::string> state;
  // created, message and user as found (null when absent), for the W011 comparison.
  nlohmann::json created, message, user;
};

// What an inventory says, as far as it could be read. Every check on the inventory itself has
// been reported while building it (parse_inventory); the object validator compares it with the
// disk and with the other inventories.
struct Inventory {
  std::string path;     // relative to the object root: "inventory.json", "v2/inventory.json"
  std::string text;     // the bytes as read
  bool parsed = false;  // a JSON object
  std::optional<std::string> id;
  std::optional<SpecVersion> type_version;
  std::string digest_algorithm_name;                // as written, "" when absent
  std::optional<DigestAlgorithm> digest_algorithm;  // when the name is one mura can compute
  std::optional<std::string> head;                  // a valid version name
  std::string content_directory = "content";        // the declared value when valid
  bool content_directory_declared = false;
  // Content path -> digest (as written), for the content paths that are valid.
  std::map<std::string, std::string> manifest;
  std::set<std::string> manifest_digests;  // as written
  // Fixity algorithm -> content path -> digest, for valid paths.
  std::map<std::string, std::map<std::string, std::string>> fixity;
  std::map<long, VersionBlock> versions;  // by version number, valid names only
  // The versions block is a non-empty object, so the version directories can be checked.
  bool versions_usable = false;
};

// How an inventory is checked: the object root inventory gets every warning, an inventory in a
// version directory only those that are its own (W004), to avoid repeating the root's.
enum class InventoryRole { kRoot, kVersion };

// Reads and checks the structure of one inventory (E033-E057, E094-E111, W001-W009). `rules` is
// the specification the object declares; an inventory whose type names another version is
// checked by that version's rules.
Inventory parse_inventory(std::string text, const std::string& path, SpecVersion rules,
                          InventoryRole role, Issues& issues);

// What the storage-root validator needs to know of an object it has validated.
struct ObjectSummary {
  std::optional<SpecVersion> declared;  // from 0=ocfl_object_1.x
  std::optional<std::string> id;        // from the root inventory
};

// Validates the object at `object_root`, reporting with paths relative to it.
ObjectSummary validate_object_into(FileSystem& fs, const std::string& object_root,
                                   const ValidationOptions& options, Issues& issues);

}  // namespace mura::storage::validator_detail
