// parse_inventory(): the checks of one inventory.json on its own (OCFL 1.1 section 3.5, and
// 1.0 where it differs), each reported with the specification's code.
#include <algorithm>
#include <utility>

#include "storage/ocfl_validator_internal.h"

namespace mura::storage::validator_detail {
namespace {

using Json = nlohmann::json;

std::string in_quotes(std::string_view text) { return "\"" + std::string(text) + "\""; }

// A short rendering of a JSON value for messages.
std::string describe(const Json& value) {
  std::string text = value.dump(-1, ' ', false, Json::error_handler_t::replace);
  if (text.size() > 60) text = text.substr(0, 57) + "...";
  return text;
}

class InventoryChecker {
 public:
  InventoryChecker(Inventory& inventory, SpecVersion rules, InventoryRole role, Issues& issues)
      : inventory_(inventory), rules_(rules), role_(role), issues_(issues) {}

  void check(const Json& document) {
    if (!document.is_object()) {
      error("E033", "the inventory is " + describe(document) + ", not a JSON object.");
      return;
    }
    inventory_.parsed = true;
    static constexpr std::string_view kKeys[] = {
        "id",       "type",     "digestAlgorithm", "head",
        "manifest", "versions", "fixity",          "contentDirectory"};
    for (const auto& [key, value] : document.items()) {
      if (std::find(std::begin(kKeys), std::end(kKeys), key) == std::end(kKeys)) {
        error("E102", "the inventory has the key " + in_quotes(key) +
                          ", which the specification does not define.");
      }
    }
    check_type(document);
    check_id(document);
    check_digest_algorithm(document);
    check_content_directory(document);
    check_manifest(document);
    check_versions(document);
    check_head(document);
    check_fixity(document);
    check_unused_manifest_entries();
  }

 private:
  void error(std::string code, std::string message) {
    issues_.error(std::move(code), inventory_.path, std::move(message));
  }
  void warning(std::string code, std::string message) {
    issues_.warning(std::move(code), inventory_.path, std::move(message));
  }
  // A code that OCFL 1.1 added, or its 1.0 counterpart for a 1.0 inventory.
  std::string code(std::string_view code_1_1, std::string_view code_1_0) const {
    return std::string(rules_ == SpecVersion::k1_1 ? code_1_1 : code_1_0);
  }
  bool root() const { return role_ == InventoryRole::kRoot; }

  void check_type(const Json& document) {
    auto it = document.find("type");
    if (it == document.end()) {
      error("E036", "the inventory has no \"type\" key.");
      return;
    }
    for (auto version : {SpecVersion::k1_0, SpecVersion::k1_1}) {
      if (it->is_string() && *it == inventory_type_uri(version)) {
        inventory_.type_version = version;
        rules_ = version;
        return;
      }
    }
    error("E038", "the inventory type " + describe(*it) + " is not " +
                      in_quotes(inventory_type_uri(SpecVersion::k1_1)) + " or " +
                      in_quotes(inventory_type_uri(SpecVersion::k1_0)) + ".");
  }

  void check_id(const Json& document) {
    auto it = document.find("id");
    if (it == document.end()) {
      error("E036", "the inventory has no \"id\" key.");
    } else if (!it->is_string() || it->get_ref<const std::string&>().empty()) {
      error("E037", "the id " + describe(*it) + " is not a non-empty string.");
    } else {
      inventory_.id = it->get<std::string>();
      if (root() && !is_uri(*inventory_.id)) {
        warning("W005",
                "the id " + in_quotes(*inventory_.id) +
                    " is not a URI (expected a scheme such as info:, urn:, ark: or https:).");
      }
    }
  }

  void check_digest_algorithm(const Json& document) {
    auto it = document.find("digestAlgorithm");
    if (it == document.end()) {
      error("E036", "the inventory has no \"digestAlgorithm\" key.");
      return;
    }
    if (!it->is_string()) {
      error("E025", "digestAlgorithm is " + describe(*it) + ", not \"sha512\" or \"sha256\".");
      return;
    }
    inventory_.digest_algorithm_name = it->get<std::string>();
    inventory_.digest_algorithm = parse_digest_algorithm(inventory_.digest_algorithm_name);
    if (inventory_.digest_algorithm_name == "sha256") {
      warning("W004", "the inventory uses sha256 for content addressing; sha512 is recommended.");
    } else if (inventory_.digest_algorithm_name != "sha512") {
      error("E025", "digestAlgorithm " + in_quotes(inventory_.digest_algorithm_name) +
                        " may not be used for content addressing (expected \"sha512\" or "
                        "\"sha256\").");
    }
  }

  void check_content_directory(const Json& document) {
    auto it = document.find("contentDirectory");
    if (it == document.end()) return;
    if (!it->is_string() || it->get_ref<const std::string&>().empty()) {
      error("E017", "contentDirectory is " + describe(*it) + ", not a directory name.");
      return;
    }
    const auto& name = it->get_ref<const std::string&>();
    if (name.find('/') != std::string::npos) {
      error("E017", "contentDirectory " + in_quotes(name) + " contains a \"/\".");
    } else if (name == "." || name == "..") {
      error("E018", "contentDirectory may not be \".\" or \"..\".");
    } else {
      inventory_.content_directory = name;
      inventory_.content_directory_declared = true;
    }
  }

  // The digest keys of a manifest or state: hex, of the algorithm's length when known.
  bool valid_digest(const std::string& digest) const {
    if (!is_hex(digest)) return false;
    return !inventory_.digest_algorithm ||
           digest.size() == digest_hex_length(*inventory_.digest_algorithm);
  }

  void check_manifest(const Json& document) {
    auto it = document.find("manifest");
    if (it == document.end()) {
      error("E041", "the inventory has no \"manifest\" block.");
      return;
    }
    if (!it->is_object()) {
      error(code("E106", "E041"), "the manifest is " + describe(*it) + ", not a JSON object.");
      return;
    }
    std::map<std::string, std::string> lowercase_digests;
    std::set<std::string> content_paths;
    for (const auto& [digest, paths] : it->items()) {
      if (!valid_digest(digest)) {
        error("E039",
              "the manifest key " + in_quotes(digest) + " is not a " +
                  (inventory_.digest_algorithm_name.empty() ? std::string("hex")
                                                            : inventory_.digest_algorithm_name) +
                  " digest.");
      }
      auto [previous, inserted] = lowercase_digests.emplace(to_lower(digest), digest);
      if (!inserted) {
        error("E096", "the manifest has the digest " + in_quotes(digest) + " twice (also as " +
                          in_quotes(previous->second) + "), which differ only in case.");
      }
      inventory_.manifest_digests.insert(digest);
      if (!paths.is_array() || paths.empty()) {
        error("E092", "the manifest entry for " + in_quotes(digest) + " is " + describe(paths) +
                          ", not a non-empty array of content paths.");
        continue;
      }
      for (const auto& path : paths) {
        if (!path.is_string()) {
          error("E092", "the manifest entry for " + in_quotes(digest) + " holds " + describe(path) +
                            ", not a content path.");
          continue;
        }
        const auto& content_path = path.get_ref<const std::string&>();
        if (!check_content_path(content_path, "manifest")) continue;
        if (!content_paths.insert(content_path).second) {
          error("E101", "the content path " + in_quotes(content_path) +
                            " appears more than once in the manifest.");
          continue;
        }
        inventory_.manifest[content_path] = digest;
      }
    }
    for (const auto& conflict : conflicting_paths(content_paths)) {
      error("E101", "the content path " + in_quotes(conflict) +
                        " is both a file and the directory of other content paths.");
    }
  }

  // Reports E099/E100 for a content path; true when the path is usable.
  bool check_content_path(const std::string& path, std::string_view block) {
    PathProblems problems = check_inventory_path(path);
    if (problems.slash_at_end) {
      error("E100", "the " + std::string(block) + " content path " + in_quotes(path) +
                        " begins or ends with \"/\".");
    }
    if (problems.bad_element) {
      error("E099", "the " + std::string(block) + " content path " + in_quotes(path) +
                        " has an empty, \".\" or \"..\" element.");
    }
    return !problems.any();
  }

  void check_versions(const Json& document) {
    auto it = document.find("versions");
    if (it == document.end()) {
      error("E041", "the inventory has no \"versions\" block.");
      return;
    }
    if (!it->is_object()) {
      error("E044", "versions is " + describe(*it) + ", not a JSON object.");
      return;
    }
    if (it->empty()) {
      error("E008", "the versions block is empty; an object has at least one version.");
      return;
    }
    inventory_.versions_usable = true;
    for (const auto& [name, block] : it->items()) {
      auto number = parse_version_name(name);
      if (!number || *number == 0) {
        error(number ? "E009" : "E046",
              "the versions key " + in_quotes(name) +
                  " is not a version directory name (expected v1, v2, ... or v001, v002, ...).");
        continue;
      }
      if (inventory_.versions.count(*number) != 0) {
        error("E012", "the versions " + in_quotes(name) + " and " +
                          in_quotes(inventory_.versions[*number].name) +
                          " have the same number with different zero-padding.");
        continue;
      }
      VersionBlock& version = inventory_.versions[*number];
      version.name = name;
      version.number = *number;
      check_version_block(version, block);
    }
    check_version_sequence();
  }

  void check_version_block(VersionBlock& version, const Json& block) {
    std::string where = "version " + version.name;
    if (!block.is_object()) {
      error("E047", where + " is " + describe(block) + ", not a JSON object.");
      return;
    }
    for (const auto& [key, value] : block.items()) {
      if (key != "created" && key != "state" && key != "message" && key != "user") {
        error("E102", where + " has the key " + in_quotes(key) +
                          ", which the specification does not define.");
      }
    }
    auto created = block.find("created");
    if (created == block.end()) {
      error("E048", where + " has no \"created\" date.");
    } else {
      version.created = *created;
      if (!created->is_string() || !is_rfc3339_date_time(created->get_ref<const std::string&>())) {
        error("E049", where + " was created " + describe(*created) +
                          ", which is not an RFC 3339 date-time with seconds and a time zone "
                          "(e.g. 2024-05-01T10:00:00Z).");
      }
    }
    auto message = block.find("message");
    if (message != block.end()) {
      version.message = *message;
      if (!message->is_string()) {
        error("E094", where + " has the message " + describe(*message) + ", not a string.");
      }
    }
    auto user = block.find("user");
    if (user != block.end()) {
      version.user = *user;
      check_user(where, *user);
    }
    if (root() && (message == block.end() || user == block.end())) {
      warning("W007",
              where + " has no " +
                  std::string(message == block.end() && user == block.end() ? "message and no user"
                              : message == block.end()                      ? "message"
                                                                            : "user") +
                  "; both should record who made the version and why.");
    }
    auto state = block.find("state");
    if (state == block.end()) {
      error("E048", where + " has no \"state\" block.");
      return;
    }
    if (!state->is_object()) {
      error("E050", where + " has the state " + describe(*state) + ", not a JSON object.");
      return;
    }
    check_state(version, where, *state);
  }

  void check_user(const std::string& where, const Json& user) {
    if (!user.is_object()) {
      error("E054", where + " has the user " + describe(user) + ", not an object with a name.");
      return;
    }
    for (const auto& [key, value] : user.items()) {
      if (key != "name" && key != "address") {
        error("E102", where + " has the user key " + in_quotes(key) +
                          ", which the specification does not define.");
      }
    }
    auto name = user.find("name");
    if (name == user.end() || !name->is_string() || name->get_ref<const std::string&>().empty()) {
      error("E054", where + " has a user without a name string.");
    }
    auto address = user.find("address");
    if (address == user.end()) {
      if (root()) warning("W008", where + " has a user without an address.");
    } else if (!address->is_string()) {
      error("E054", where + " has the user address " + describe(*address) + ", not a string.");
    } else if (root() && !is_uri(address->get_ref<const std::string&>())) {
      warning("W009", where + " has the user address " + describe(*address) +
                          ", which is not a URI (expected mailto:... or a URL such as an ORCID).");
    }
  }

  void check_state(VersionBlock& version, const std::string& where, const Json& state) {
    std::set<std::string> logical_paths;
    for (const auto& [digest, paths] : state.items()) {
      if (inventory_.manifest_digests.count(digest) == 0) {
        error("E050", where + " has the state digest " + in_quotes(digest) +
                          ", which is not a key of the manifest.");
      }
      if (!paths.is_array() || paths.empty()) {
        error("E050", where + " has the state entry " + describe(paths) + " for " +
                          in_quotes(digest) + ", not a non-empty array of logical paths.");
        continue;
      }
      for (const auto& path : paths) {
        if (!path.is_string()) {
          error("E051", where + " has the logical path " + describe(path) + ", not a string.");
          continue;
        }
        const auto& logical_path = path.get_ref<const std::string&>();
        PathProblems problems = check_inventory_path(logical_path);
        if (problems.slash_at_end) {
          error("E053", where + " has the logical path " + in_quotes(logical_path) +
                            ", which begins or ends with \"/\".");
        }
        if (problems.bad_element) {
          error("E052", where + " has the logical path " + in_quotes(logical_path) +
                            ", which has an empty, \".\" or \"..\" element.");
        }
        if (!logical_paths.insert(logical_path).second) {
          error("E095",
                where + " has the logical path " + in_quotes(logical_path) + " more than once.");
          continue;
        }
        version.state[logical_path] = digest;
      }
    }
    for (const auto& conflict : conflicting_paths(logical_paths)) {
      error("E095", where + " has the logical path " + in_quotes(conflict) +
                        ", which is also the directory of other logical paths.");
    }
    version.usable = true;
  }

  // Versions must be v1..vN without gaps, all unpadded or all padded to one width.
  void check_version_sequence() {
    if (inventory_.versions.empty()) return;
    long expected = 1;
    for (const auto& [number, version] : inventory_.versions) {
      if (number != expected) {
        error(expected == 1 ? "E009" : "E010",
              "the versions block has " + version.name + " where v" + std::to_string(expected) +
                  " was expected; version numbers run from 1 without gaps.");
        break;
      }
      ++expected;
    }
    const std::string& first = inventory_.versions.begin()->second.name;
    bool padded = first.size() > 2 && first[1] == '0';
    for (const auto& [number, version] : inventory_.versions) {
      const std::string& name = version.name;
      bool this_padded = name.size() > 2 && name[1] == '0';
      if (padded && name.size() == first.size() && !this_padded) {
        error("E011", "the version " + name +
                          " has no leading zero although versions are "
                          "zero-padded to " +
                          std::to_string(first.size() - 1) + " digits.");
        error("E013", "the version " + name + " does not follow the naming of " + first +
                          " (the padded width is exhausted).");
      } else if (name.size() != first.size() && (padded || this_padded)) {
        error("E012", "the version " + name + " and " + first +
                          " do not use the same naming convention (zero-padding).");
      }
    }
    if (padded && root()) {
      warning("W001", "the version directories are zero-padded (" + first +
                          "); unpadded names (v1, v2, ...) are recommended.");
    }
  }

  void check_head(const Json& document) {
    auto it = document.find("head");
    if (it == document.end()) {
      error("E036", "the inventory has no \"head\" key.");
      return;
    }
    if (!it->is_string() || !parse_version_name(it->get_ref<const std::string&>())) {
      error("E040", "head is " + describe(*it) + ", not a version directory name such as \"v3\".");
      return;
    }
    inventory_.head = it->get<std::string>();
    if (inventory_.versions.empty()) return;
    const std::string& highest = inventory_.versions.rbegin()->second.name;
    if (*inventory_.head != highest) {
      error("E040", "head is " + in_quotes(*inventory_.head) + " but the highest version is " +
                        in_quotes(highest) + ".");
    }
  }

  void check_fixity(const Json& document) {
    auto it = document.find("fixity");
    if (it == document.end()) return;
    if (!it->is_object()) {
      error(code("E111", "E056"), "the fixity block is " + describe(*it) + ", not a JSON object.");
      return;
    }
    for (const auto& [algorithm, digests] : it->items()) {
      if (!is_known_fixity_algorithm(algorithm)) {
        error("E056", "the fixity block names the digest algorithm " + in_quotes(algorithm) +
                          ", which is neither in the specification nor in extension "
                          "0001-digest-algorithms.");
        continue;
      }
      if (!digests.is_object()) {
        error("E057", "the fixity block for " + in_quotes(algorithm) + " is " + describe(digests) +
                          ", not an object of digests.");
        continue;
      }
      auto& entries = inventory_.fixity[algorithm];
      std::map<std::string, std::string> lowercase_digests;
      for (const auto& [digest, paths] : digests.items()) {
        if (algorithm != "size" && !is_hex(digest)) {
          error("E057",
                "the " + algorithm + " fixity key " + in_quotes(digest) + " is not a hex digest.");
        }
        auto [previous, inserted] = lowercase_digests.emplace(to_lower(digest), digest);
        if (!inserted) {
          error("E097", "the " + algorithm + " fixity block has the digest " + in_quotes(digest) +
                            " twice (also as " + in_quotes(previous->second) +
                            "), which differ only in case.");
        }
        if (!paths.is_array()) {
          error("E057", "the " + algorithm + " fixity entry for " + in_quotes(digest) + " is " +
                            describe(paths) + ", not an array of content paths.");
          continue;
        }
        for (const auto& path : paths) {
          if (!path.is_string()) {
            error("E057", "the " + algorithm + " fixity entry for " + in_quotes(digest) +
                              " holds " + describe(path) + ", not a content path.");
            continue;
          }
          const auto& content_path = path.get_ref<const std::string&>();
          if (!check_content_path(content_path, "fixity")) continue;
          if (inventory_.manifest.count(content_path) == 0) {
            error("E057", "the " + algorithm + " fixity block names " + in_quotes(content_path) +
                              ", which is not a content path of the manifest.");
            continue;
          }
          entries[content_path] = digest;
        }
      }
    }
  }

  // OCFL 1.1: every manifest digest is used by the state of some version.
  void check_unused_manifest_entries() {
    if (rules_ != SpecVersion::k1_1 || inventory_.versions.empty()) return;
    std::set<std::string> used;
    for (const auto& [number, version] : inventory_.versions) {
      if (!version.usable) return;  // the state of that version is unknown
      for (const auto& [path, digest] : version.state) used.insert(digest);
    }
    for (const auto& digest : inventory_.manifest_digests) {
      if (used.count(digest) == 0) {
        error("E107", "the manifest digest " + in_quotes(digest) +
                          " is not used by the state of any version.");
      }
    }
  }

  Inventory& inventory_;
  SpecVersion rules_;
  InventoryRole role_;
  Issues& issues_;
};

}  // namespace

Inventory parse_inventory(std::string text, const std::string& path, SpecVersion rules,
                          InventoryRole role, Issues& issues) {
  Inventory inventory;
  inventory.path = path;
  inventory.text = std::move(text);
  std::string parse_error;
  auto document = parse_strict_json(inventory.text, parse_error);
  if (!document) {
    issues.error("E033", path, "the inventory is not valid JSON: " + parse_error + ".");
    return inventory;
  }
  InventoryChecker(inventory, rules, role, issues).check(*document);
  return inventory;
}

}  // namespace mura::storage::validator_detail
