// validate_object(): the object root (declaration, inventory and sidecar, the files allowed
// there), the version directories and their inventories, and the content on disk against the
// manifest and fixity blocks (OCFL 1.1 sections 3.1-3.9, and 1.0 where it differs).
#include <algorithm>
#include <utility>

#include "storage/ocfl_validator_internal.h"

namespace mura::storage {
namespace validator_detail {
namespace {

std::string in_quotes(std::string_view text) { return "\"" + std::string(text) + "\""; }

const DirectoryEntry* find_entry(const std::vector<DirectoryEntry>& entries,
                                 std::string_view name) {
  for (const auto& entry : entries) {
    if (entry.name == name) return &entry;
  }
  return nullptr;
}

// The digest of a sidecar holding "<digest> inventory.json" and an optional newline.
std::optional<std::string> parse_sidecar(std::string_view text) {
  if (!text.empty() && text.back() == '\n') text.remove_suffix(1);
  std::size_t end = 0;
  while (end < text.size() && text[end] != ' ' && text[end] != '\t') ++end;
  std::string_view digest = text.substr(0, end);
  std::size_t name = end;
  while (name < text.size() && (text[name] == ' ' || text[name] == '\t')) ++name;
  if (!is_hex(digest) || name == end || text.substr(name) != "inventory.json") return std::nullopt;
  return std::string(digest);
}

class ObjectValidator {
 public:
  ObjectValidator(FileSystem& fs, std::string root, const ValidationOptions& options,
                  Issues& issues)
      : fs_(fs), root_(std::move(root)), options_(options), issues_(issues) {}

  ObjectSummary run() {
    auto entries = fs_.list_directory(root_);
    if (!entries.has_value()) {
      issues_.error("E003", ".",
                    "the object root cannot be listed (" + entries.error().message() + ").");
      return {};
    }
    check_declaration(*entries);
    read_root_inventory(*entries);
    check_root_entries(*entries);
    if (root_inventory_ && root_inventory_->versions_usable) {
      check_version_directories();
      check_version_inventories();
      check_content_against_manifest();
      check_fixity();
    }
    ObjectSummary summary;
    summary.declared = declared_;
    if (root_inventory_) summary.id = root_inventory_->id;
    return summary;
  }

 private:
  std::string full(const std::string& relative) const { return join_path(root_, relative); }

  void check_declaration(const std::vector<DirectoryEntry>& entries) {
    std::vector<const DirectoryEntry*> declarations;
    for (const auto& entry : entries) {
      if (entry.name.starts_with("0=")) declarations.push_back(&entry);
    }
    if (declarations.empty()) {
      issues_.error("E003", ".",
                    "the object root has no conformance declaration (expected a file "
                    "named 0=ocfl_object_1.1 or 0=ocfl_object_1.0).");
      return;
    }
    if (declarations.size() > 1) {
      issues_.error("E003", ".",
                    "the object root has " + std::to_string(declarations.size()) +
                        " conformance declarations; exactly one is allowed.");
    }
    const DirectoryEntry& declaration = *declarations.front();
    std::string value = declaration.name.substr(2);
    if (!value.starts_with("ocfl_object_")) {
      issues_.error("E006", declaration.name,
                    "the declaration names " + in_quotes(value) +
                        ", not ocfl_object_ followed by the OCFL version.");
      return;
    }
    auto version = parse_spec_version(std::string_view(value).substr(12));
    if (!version) {
      issues_.error("E004", declaration.name,
                    "the declaration names the OCFL version " + in_quotes(value.substr(12)) +
                        ", which is neither 1.0 nor 1.1.");
      return;
    }
    declared_ = version;
    spec_ = *version;
    if (declaration.type != FileType::kFile) {
      issues_.error("E003", declaration.name, "the conformance declaration is not a file.");
      return;
    }
    auto text = read_file(fs_, full(declaration.name));
    if (!text.has_value() || *text != value + "\n") {
      issues_.error("E007", declaration.name,
                    "the declaration file must contain exactly " + in_quotes(value + "\\n") + ".");
    }
  }

  void read_root_inventory(const std::vector<DirectoryEntry>& entries) {
    const DirectoryEntry* entry = find_entry(entries, "inventory.json");
    if (entry == nullptr || entry->type != FileType::kFile) {
      issues_.error("E063", "inventory.json",
                    entry == nullptr ? "the object root has no inventory.json."
                                     : "inventory.json in the object root is not a file.");
      return;
    }
    auto text = read_file(fs_, full("inventory.json"));
    if (!text.has_value()) {
      issues_.error("E063", "inventory.json",
                    "inventory.json cannot be read (" + text.error().message() + ").");
      return;
    }
    root_inventory_ =
        parse_inventory(std::move(*text), "inventory.json", spec_, InventoryRole::kRoot, issues_);
    const Inventory& inventory = *root_inventory_;
    if (!declared_ && inventory.type_version) spec_ = *inventory.type_version;
    if (declared_ && inventory.type_version && *inventory.type_version != *declared_) {
      issues_.error(
          "E038", "inventory.json",
          "the inventory type is " + in_quotes(inventory_type_uri(*inventory.type_version)) +
              " but the object declares OCFL " + std::string(spec_version_name(*declared_)) +
              " (expected " + in_quotes(inventory_type_uri(*declared_)) + ").");
    }
    root_sidecar_ = check_sidecar(entries, "", inventory);
  }

  // Checks the digest file next to an inventory (E058, E060, E061) and returns its name.
  std::optional<std::string> check_sidecar(const std::vector<DirectoryEntry>& entries,
                                           const std::string& directory,
                                           const Inventory& inventory) {
    std::string inventory_path = join_path(directory, "inventory.json");
    std::string name;
    if (!inventory.digest_algorithm_name.empty()) {
      name = "inventory.json." + inventory.digest_algorithm_name;
    } else {
      for (const auto& entry : entries) {
        if (entry.name.starts_with("inventory.json.")) name = entry.name;
      }
    }
    const DirectoryEntry* entry = name.empty() ? nullptr : find_entry(entries, name);
    if (entry == nullptr || entry->type != FileType::kFile) {
      issues_.error("E058", inventory_path,
                    "the inventory has no digest sidecar" +
                        (name.empty() ? std::string(".") : " " + in_quotes(name) + "."));
      return std::nullopt;
    }
    std::string sidecar_path = join_path(directory, name);
    auto text = read_file(fs_, full(sidecar_path));
    auto digest = text.has_value() ? parse_sidecar(*text) : std::nullopt;
    if (!digest) {
      issues_.error("E061", sidecar_path,
                    "the sidecar must hold \"<digest> inventory.json\" on one line.");
      return name;
    }
    auto algorithm = parse_digest_algorithm(name.substr(std::string("inventory.json.").size()));
    if (algorithm && to_lower(*digest) != digest_hex(*algorithm, inventory.text)) {
      issues_.error("E060", sidecar_path,
                    "the sidecar digest " + *digest + " is not the " +
                        std::string(digest_algorithm_name(*algorithm)) + " of " + inventory_path +
                        " (" + digest_hex(*algorithm, inventory.text) + ").");
    }
    return name;
  }

  void check_root_entries(const std::vector<DirectoryEntry>& entries) {
    for (const auto& entry : entries) {
      const std::string& name = entry.name;
      if (name.starts_with("0=") || name == "inventory.json" || name == root_sidecar_) continue;
      if (entry.type == FileType::kOther) {
        issues_.error("E090", name, "links and special files are not allowed in an object.");
      } else if (name == "logs" || name == "extensions") {
        if (entry.type != FileType::kDirectory) {
          issues_.error("E001", name, in_quotes(name) + " in the object root must be a directory.");
        } else if (name == "extensions") {
          check_extensions();
        }
      } else if (auto number = parse_version_name(name); number && *number > 0) {
        if (entry.type != FileType::kDirectory) {
          issues_.error("E001", name, "the object root holds a file named like a version.");
        } else if (root_inventory_ && root_inventory_->versions_usable) {
          auto version = root_inventory_->versions.find(*number);
          if (version == root_inventory_->versions.end() || version->second.name != name) {
            issues_.error("E046", name,
                          "the version directory " + name + " is not a version of the inventory.");
          }
        }
      } else {
        issues_.error("E001", name,
                      std::string("the object root may not hold this ") +
                          (entry.type == FileType::kDirectory ? "directory" : "file") +
                          " (only the declaration, inventory, sidecar, version directories, logs "
                          "and extensions).");
      }
    }
  }

  void check_extensions() {
    auto entries = fs_.list_directory(full("extensions"));
    if (!entries.has_value()) return;
    for (const auto& entry : *entries) {
      std::string path = "extensions/" + entry.name;
      if (entry.type != FileType::kDirectory) {
        issues_.error("E067", path,
                      "the extensions directory may hold only extension directories.");
      } else if (!is_registered_extension(entry.name)) {
        issues_.warning("W013", path,
                        in_quotes(entry.name) + " is not a registered extension name.");
      }
    }
  }

  void check_version_directories() {
    for (const auto& [number, version] : root_inventory_->versions) {
      auto info = fs_.stat(full(version.name));
      if (!info.has_value() || info->type != FileType::kDirectory) {
        issues_.error("E010", version.name,
                      "the version directory " + version.name + " of the inventory is missing.");
        continue;
      }
      check_version_directory(number, version.name);
    }
  }

  void check_version_directory(long number, const std::string& name) {
    auto entries = fs_.list_directory(full(name));
    if (!entries.has_value()) return;
    std::optional<std::string> sidecar;
    const DirectoryEntry* inventory_entry = find_entry(*entries, "inventory.json");
    std::string inventory_path = name + "/inventory.json";
    if (inventory_entry == nullptr) {
      issues_.warning("W010", name, "the version directory has no inventory.json.");
    } else if (inventory_entry->type != FileType::kFile) {
      issues_.error("E034", inventory_path, "inventory.json is not a file.");
    } else if (auto text = read_file(fs_, full(inventory_path)); !text.has_value()) {
      issues_.error("E034", inventory_path,
                    "inventory.json cannot be read (" + text.error().message() + ").");
    } else {
      Inventory inventory = parse_inventory(std::move(*text), inventory_path, spec_,
                                            InventoryRole::kVersion, issues_);
      sidecar = check_sidecar(*entries, name, inventory);
      version_inventories_.emplace(number, std::move(inventory));
    }
    const std::string& content_directory = root_inventory_->content_directory;
    for (const auto& entry : *entries) {
      std::string path = name + "/" + entry.name;
      if (entry.name == "inventory.json" || entry.name == sidecar) continue;
      if (entry.type == FileType::kOther) {
        issues_.error("E090", path, "links and special files are not allowed in an object.");
      } else if (entry.type == FileType::kFile) {
        issues_.error("E015", path,
                      "a version directory may hold no files other than inventory.json and its "
                      "sidecar (content belongs in " +
                          content_directory + "/).");
      } else if (entry.name == content_directory) {
        if (!walk_content(path, number)) {
          issues_.warning("W003", path,
                          "the content directory is empty; it should exist only for versions "
                          "that add content.");
        }
      } else {
        issues_.warning("W002", path,
                        "a version directory should hold no directory other than the content "
                        "directory " +
                            in_quotes(content_directory) + ".");
      }
    }
  }

  // Collects the files below the content directory of version `number`; returns false when
  // the directory holds no entry.
  bool walk_content(const std::string& directory, long number) {
    auto entries = fs_.list_directory(full(directory));
    if (!entries.has_value() || entries->empty()) return false;
    for (const auto& entry : *entries) {
      std::string path = directory + "/" + entry.name;
      if (entry.type == FileType::kFile) {
        content_files_.emplace(path, number);
      } else if (entry.type == FileType::kDirectory) {
        if (!walk_content(path, number)) {
          issues_.error("E024", path, "the content directory holds an empty directory.");
        }
      } else {
        issues_.error("E090", path, "links and special files are not allowed in an object.");
      }
    }
    return true;
  }

  // The number of the version a content path belongs to, when it lies in that version's
  // content directory ("v2/content/a.txt" -> 2).
  std::optional<long> content_version(const std::string& path) const {
    auto slash = path.find('/');
    if (slash == std::string::npos) return std::nullopt;
    auto number = parse_version_name(std::string_view(path).substr(0, slash));
    if (!number) return std::nullopt;
    auto version = root_inventory_->versions.find(*number);
    if (version == root_inventory_->versions.end() ||
        version->second.name != path.substr(0, slash)) {
      return std::nullopt;
    }
    std::string prefix = root_inventory_->content_directory + "/";
    if (path.compare(slash + 1, prefix.size(), prefix) != 0 ||
        path.size() <= slash + 1 + prefix.size()) {
      return std::nullopt;
    }
    return number;
  }

  void check_version_inventories() {
    const Inventory& root = *root_inventory_;
    std::optional<SpecVersion> previous_type;
    std::string previous_path;
    auto check_spec_order = [&](const Inventory& inventory) {
      if (!inventory.type_version) return;
      if (previous_type && *inventory.type_version < *previous_type) {
        issues_.error(spec_ == SpecVersion::k1_1 ? "E103" : "E038", inventory.path,
                      "the inventory declares OCFL " +
                          std::string(spec_version_name(*inventory.type_version)) + " but " +
                          previous_path + " already declares " +
                          std::string(spec_version_name(*previous_type)) +
                          "; a version may not conform to an older specification than the one "
                          "before it.");
      }
      previous_type = inventory.type_version;
      previous_path = inventory.path;
    };
    for (const auto& [number, inventory] : version_inventories_) {
      if (!inventory.parsed) continue;
      const std::string& name = root.versions.at(number).name;
      check_spec_order(inventory);
      if (inventory.head && *inventory.head != name) {
        issues_.error("E040", inventory.path,
                      "the inventory of " + name + " has head " + in_quotes(*inventory.head) +
                          "; it must be " + in_quotes(name) + ".");
      }
      if (inventory.id && root.id && *inventory.id != *root.id) {
        issues_.error("E037", inventory.path,
                      "the inventory of " + name + " has the id " + in_quotes(*inventory.id) +
                          " but the object's id is " + in_quotes(*root.id) + ".");
      }
      if (inventory.content_directory != root.content_directory) {
        issues_.error("E019", inventory.path,
                      "the inventory of " + name + " has the content directory " +
                          in_quotes(inventory.content_directory) + " but the object uses " +
                          in_quotes(root.content_directory) + "; it may not change.");
      }
      if (number == root.versions.rbegin()->first) {
        if (inventory.text != root.text) {
          issues_.error("E064", inventory.path,
                        "the inventory of the head version " + name +
                            " differs from the inventory in the object root.");
        }
      } else {
        compare_versions(inventory);
      }
      check_manifest_covers_content(inventory, number);
      verify_manifest_digests(inventory, /*is_root=*/false);
    }
    check_spec_order(root);
  }

  // Logical path -> what the digest stands for: the lowercase digest when both inventories use
  // the same algorithm, else the content paths that hold that content.
  static std::map<std::string, std::string> state_meaning(const Inventory& inventory,
                                                          const VersionBlock& version,
                                                          bool by_content_path) {
    std::map<std::string, std::string> meaning;
    std::map<std::string, std::string> paths_by_digest;
    if (by_content_path) {
      for (const auto& [path, digest] : inventory.manifest) {
        paths_by_digest[digest] += path + "\n";
      }
    }
    for (const auto& [path, digest] : version.state) {
      meaning[path] = by_content_path ? paths_by_digest[digest] : to_lower(digest);
    }
    return meaning;
  }

  void compare_versions(const Inventory& inventory) {
    const Inventory& root = *root_inventory_;
    bool by_content_path =
        to_lower(inventory.digest_algorithm_name) != to_lower(root.digest_algorithm_name);
    for (const auto& [number, version] : inventory.versions) {
      auto root_version = root.versions.find(number);
      if (root_version == root.versions.end()) {
        issues_.error("E066", inventory.path,
                      "version " + version.name + " is not in the root inventory.");
        continue;
      }
      const VersionBlock& current = root_version->second;
      if (version.usable && current.usable &&
          state_meaning(inventory, version, by_content_path) !=
              state_meaning(root, current, by_content_path)) {
        issues_.error("E066", inventory.path,
                      "the state of version " + version.name +
                          " differs from the same version in the root inventory.");
      }
      struct Field {
        const char* key;
        const nlohmann::json& old_value;
        const nlohmann::json& new_value;
      };
      for (const Field& field : {Field{"created", version.created, current.created},
                                 Field{"message", version.message, current.message},
                                 Field{"user", version.user, current.user}}) {
        if (field.old_value != field.new_value) {
          issues_.warning("W011", inventory.path,
                          "the " + std::string(field.key) + " of version " + version.name +
                              " differs from the root inventory.");
        }
      }
    }
  }

  // Every file in the content directories of versions up to `number` is in the manifest.
  void check_manifest_covers_content(const Inventory& inventory, long number) {
    for (const auto& [path, version] : content_files_) {
      if (version <= number && inventory.manifest.count(path) == 0) {
        issues_.error("E023", inventory.path,
                      "the content file " + path + " is not in the manifest of this inventory.");
      }
    }
  }

  void check_content_against_manifest() {
    const Inventory& root = *root_inventory_;
    for (const auto& [path, version] : content_files_) {
      if (root.manifest.count(path) == 0) {
        issues_.error("E023", path, "the content file is not in the manifest.");
      }
    }
    for (const auto& [path, digest] : root.manifest) {
      if (!content_version(path)) {
        issues_.error("E042", "inventory.json",
                      "the content path " + in_quotes(path) +
                          " is not inside the content directory of a version (expected "
                          "<version>/" +
                          root.content_directory + "/...).");
      } else if (content_files_.count(path) == 0) {
        issues_.error("E092", path, "the manifest names this content file but it does not exist.");
      }
    }
    verify_manifest_digests(root, /*is_root=*/true);
  }

  void verify_manifest_digests(const Inventory& inventory, bool is_root) {
    if (!options_.check_digests || !inventory.digest_algorithm) return;
    const Inventory& root = *root_inventory_;
    for (const auto& [path, digest] : inventory.manifest) {
      if (content_files_.count(path) == 0) continue;
      if (!is_root && inventory.digest_algorithm == root.digest_algorithm) {
        // The root manifest is verified on its own; only a differing digest needs a look.
        auto current = root.manifest.find(path);
        if (current != root.manifest.end() && to_lower(current->second) == to_lower(digest)) {
          continue;
        }
      }
      auto actual = digest_of(path, *inventory.digest_algorithm);
      if (actual && *actual != to_lower(digest)) {
        issues_.error("E092", is_root ? path : inventory.path,
                      "the " + inventory.digest_algorithm_name + " of " + path + " is " + *actual +
                          " but " + inventory.path + " says " + digest + ".");
      }
    }
  }

  void check_fixity() {
    const Inventory& root = *root_inventory_;
    for (const auto& [algorithm_name, entries] : root.fixity) {
      auto algorithm = parse_digest_algorithm(algorithm_name);
      for (const auto& [path, digest] : entries) {
        if (content_files_.count(path) == 0) {
          issues_.error("E093", "inventory.json",
                        "the " + algorithm_name + " fixity block names " + in_quotes(path) +
                            ", which does not exist.");
          continue;
        }
        if (!options_.check_digests || !algorithm) continue;
        auto actual = digest_of(path, *algorithm);
        if (actual && *actual != to_lower(digest)) {
          issues_.error("E093", path,
                        "the " + algorithm_name + " of the file is " + *actual +
                            " but the fixity block says " + digest + ".");
        }
      }
    }
  }

  // The digest of a content file, computed once per algorithm.
  std::optional<std::string> digest_of(const std::string& path, DigestAlgorithm algorithm) {
    auto key = std::make_pair(path, algorithm);
    auto cached = digests_.find(key);
    if (cached != digests_.end()) return cached->second;
    std::optional<std::string> digest;
    auto computed = digest_file(fs_, full(path), algorithm);
    if (computed.has_value()) {
      digest = *computed;
    } else {
      issues_.error("E092", path,
                    "the content file cannot be read (" + computed.error().message() + ").");
    }
    digests_.emplace(key, digest);
    return digest;
  }

  FileSystem& fs_;
  std::string root_;
  const ValidationOptions& options_;
  Issues& issues_;
  std::optional<SpecVersion> declared_;
  SpecVersion spec_ = SpecVersion::k1_1;
  std::optional<Inventory> root_inventory_;
  std::optional<std::string> root_sidecar_;
  std::map<long, Inventory> version_inventories_;
  // The files in the content directories: path relative to the object root -> version number.
  std::map<std::string, long> content_files_;
  std::map<std::pair<std::string, DigestAlgorithm>, std::optional<std::string>> digests_;
};

}  // namespace

ObjectSummary validate_object_into(FileSystem& fs, const std::string& object_root,
                                   const ValidationOptions& options, Issues& issues) {
  return ObjectValidator(fs, object_root, options, issues).run();
}

}  // namespace validator_detail

ValidationReport validate_object(FileSystem& fs, const std::string& object_root,
                                 const ValidationOptions& options) {
  ValidationReport report;
  validator_detail::Issues issues(report);
  validator_detail::validate_object_into(fs, object_root, options, issues);
  return report;
}

}  // namespace mura::storage
