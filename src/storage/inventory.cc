#include "storage/inventory.h"

#include <nlohmann/json.hpp>

#include "base/digest.h"
#include "storage/ocfl_paths.h"

namespace mura::storage {

using Json = nlohmann::ordered_json;

std::string Inventory::content_path_of(const std::string& digest) const {
  auto it = manifest.find(digest);
  if (it == manifest.end() || it->second.empty()) return "";
  return it->second.front();
}

std::string Inventory::encode() const {
  Json json;
  json["id"] = id;
  json["type"] = type;
  json["digestAlgorithm"] = digest_algorithm;
  json["head"] = version_directory(head());
  if (content_directory != "content") json["contentDirectory"] = content_directory;
  Json manifest_json = Json::object();
  for (const auto& [digest, paths] : manifest) manifest_json[digest] = paths;
  json["manifest"] = std::move(manifest_json);
  Json versions_json = Json::object();
  for (int number = 1; number <= head(); ++number) {
    const VersionEntry& entry = version(number);
    Json version_json;
    version_json["created"] = entry.created;
    if (!entry.message.empty()) version_json["message"] = entry.message;
    if (!entry.user_name.empty()) {
      Json user;
      user["name"] = entry.user_name;
      if (!entry.user_address.empty()) user["address"] = entry.user_address;
      version_json["user"] = std::move(user);
    }
    std::map<std::string, std::vector<std::string>> by_digest;
    for (const auto& [path, digest] : entry.state) by_digest[digest].push_back(path);
    Json state = Json::object();
    for (const auto& [digest, paths] : by_digest) state[digest] = paths;
    version_json["state"] = std::move(state);
    versions_json[version_directory(number)] = std::move(version_json);
  }
  json["versions"] = std::move(versions_json);
  return json.dump(2) + "\n";
}

Result<Inventory> Inventory::decode(std::string_view text) {
  Json json = Json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (json.is_discarded() || !json.is_object()) {
    return invalid_argument_error("inventory.json is not a JSON object");
  }
  auto string_member = [&](const Json& object, const char* key) -> std::string {
    auto it = object.find(key);
    return it != object.end() && it->is_string() ? it->get<std::string>() : "";
  };
  Inventory inventory;
  inventory.id = string_member(json, "id");
  inventory.type = string_member(json, "type");
  inventory.digest_algorithm = string_member(json, "digestAlgorithm");
  if (inventory.id.empty()) return invalid_argument_error("inventory.json has no \"id\"");
  if (!parse_digest_algorithm(inventory.digest_algorithm)) {
    return invalid_argument_error("inventory.json: unsupported digestAlgorithm \"" +
                                  inventory.digest_algorithm + "\"");
  }
  if (auto directory = string_member(json, "contentDirectory"); !directory.empty()) {
    inventory.content_directory = directory;
  }
  auto manifest = json.find("manifest");
  if (manifest == json.end() || !manifest->is_object()) {
    return invalid_argument_error("inventory.json has no \"manifest\" object");
  }
  for (auto it = manifest->begin(); it != manifest->end(); ++it) {
    if (!it->is_array()) return invalid_argument_error("inventory.json: manifest entry not an array");
    auto& paths = inventory.manifest[it.key()];
    for (const auto& path : *it) {
      if (!path.is_string()) return invalid_argument_error("inventory.json: manifest path not a string");
      paths.push_back(path.get<std::string>());
    }
  }
  auto versions = json.find("versions");
  if (versions == json.end() || !versions->is_object()) {
    return invalid_argument_error("inventory.json has no \"versions\" object");
  }
  std::optional<int> head = parse_version_directory(string_member(json, "head"));
  if (!head) return invalid_argument_error("inventory.json: \"head\" is not a version name");
  for (int number = 1; number <= *head; ++number) {
    // Version keys may be zero-padded in inventories written by other tools.
    const Json* version_json = nullptr;
    for (auto it = versions->begin(); it != versions->end(); ++it) {
      if (parse_version_directory(it.key()) == number) version_json = &*it;
    }
    if (version_json == nullptr || !version_json->is_object()) {
      return invalid_argument_error("inventory.json: version " + std::to_string(number) +
                                    " is missing");
    }
    VersionEntry entry;
    entry.created = string_member(*version_json, "created");
    entry.message = string_member(*version_json, "message");
    if (auto user = version_json->find("user"); user != version_json->end() && user->is_object()) {
      entry.user_name = string_member(*user, "name");
      entry.user_address = string_member(*user, "address");
    }
    auto state = version_json->find("state");
    if (state == version_json->end() || !state->is_object()) {
      return invalid_argument_error("inventory.json: version " + std::to_string(number) +
                                    " has no state");
    }
    for (auto it = state->begin(); it != state->end(); ++it) {
      if (!it->is_array()) return invalid_argument_error("inventory.json: state entry not an array");
      for (const auto& path : *it) {
        if (!path.is_string()) return invalid_argument_error("inventory.json: state path not a string");
        entry.state[path.get<std::string>()] = it.key();
      }
    }
    inventory.versions.push_back(std::move(entry));
  }
  return inventory;
}

std::string sidecar_for(std::string_view inventory_bytes) {
  return digest_hex(DigestAlgorithm::kSha512, inventory_bytes) + " inventory.json\n";
}

}  // namespace mura::storage
