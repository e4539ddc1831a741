#include "storage/ocfl_store.h"

#include <ctime>
#include <set>

#include <nlohmann/json.hpp>

#include "base/digest.h"
#include "storage/ocfl_paths.h"
#include "storage/staging_area.h"
#include "storage/storage_root_text.h"

namespace mura::storage {

void NewVersion::add_bytes(std::string path, std::string bytes) {
  Change change;
  change.type = Change::Type::kAddBytes;
  change.path = std::move(path);
  change.bytes = std::move(bytes);
  changes.push_back(std::move(change));
}

void NewVersion::add_file(std::string path, std::string source_path, FileSystem* source_fs) {
  Change change;
  change.type = Change::Type::kAddFile;
  change.path = std::move(path);
  change.source_path = std::move(source_path);
  change.source_fs = source_fs;
  changes.push_back(std::move(change));
}

void NewVersion::remove(std::string path) {
  Change change;
  change.type = Change::Type::kRemove;
  change.path = std::move(path);
  changes.push_back(std::move(change));
}

void NewVersion::rename(std::string from, std::string to) {
  Change change;
  change.type = Change::Type::kRename;
  change.path = std::move(from);
  change.target = std::move(to);
  changes.push_back(std::move(change));
}

std::string utc_now() {
  std::time_t now = std::time(nullptr);
  std::tm parts{};
  gmtime_r(&now, &parts);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &parts);
  return text;
}

OcflStore::OcflStore(FileSystem& fs, std::string root, std::string staging, StoreOptions options)
    : fs_(fs), root_(std::move(root)), staging_(std::move(staging)), options_(options) {}

Result<std::unique_ptr<OcflStore>> OcflStore::create(FileSystem& fs, const std::string& root,
                                                     const std::string& staging,
                                                     StoreOptions options) {
  if (path_exists(fs, root)) {
    MURA_ASSIGN_OR_RETURN(auto entries, fs.list_directory(root));
    if (!entries.empty()) {
      return already_exists_error("cannot create a storage root at " + root +
                                  ": the directory is not empty");
    }
  }
  MURA_TRY(create_directories(fs, root));
  MURA_TRY(create_directories(fs, staging));
  std::string extension = join_path(join_path(root, kExtensionsDirectory), kLayoutExtension);
  MURA_TRY(create_directories(fs, extension));
  MURA_TRY(write_file(fs, join_path(extension, "config.json"), layout_extension_config()));
  MURA_TRY(fs.sync_directory(extension));
  MURA_TRY(write_file(fs, join_path(root, kLayoutFile), layout_description()));
  MURA_TRY(write_file(fs, join_path(root, kSpecificationFile), specification_pointer_text()));
  MURA_TRY(write_file(fs, join_path(root, std::string(kLayoutExtension) + ".md"),
                      layout_extension_text()));
  // The declaration goes last: a root without it was never completed.
  MURA_TRY(write_file(fs, join_path(root, kRootDeclaration), kRootDeclarationBody));
  MURA_TRY(fs.sync_directory(root));
  return std::unique_ptr<OcflStore>(new OcflStore(fs, root, staging, options));
}

Result<std::unique_ptr<OcflStore>> OcflStore::open(FileSystem& fs, const std::string& root,
                                                   const std::string& staging,
                                                   StoreOptions options) {
  auto declaration = read_file(fs, join_path(root, kRootDeclaration));
  if (!declaration) {
    return not_found_error(root + " is not an OCFL storage root (no " +
                           std::string(kRootDeclaration) + ")");
  }
  if (*declaration != kRootDeclarationBody) {
    return failed_precondition_error(join_path(root, kRootDeclaration) +
                                     " does not declare OCFL 1.1");
  }
  MURA_TRY(create_directories(fs, staging));
  std::unique_ptr<OcflStore> store(new OcflStore(fs, root, staging, options));
  MURA_TRY(store->recover());
  return store;
}

std::string OcflStore::object_root(const std::string& object_id) const {
  return join_path(root_, object_path_for(object_id));
}

bool OcflStore::object_exists(const std::string& object_id) {
  return path_exists(fs_, join_path(object_root(object_id), kObjectDeclaration));
}

Result<Inventory> OcflStore::inventory(const std::string& object_id) {
  auto bytes = read_file(fs_, join_path(object_root(object_id), kInventoryName));
  if (!bytes) {
    if (bytes.error().code() == StatusCode::kNotFound) {
      return not_found_error("no object " + object_id + " in the store");
    }
    return Error(bytes.error());
  }
  auto inventory = Inventory::decode(*bytes);
  if (!inventory) return Error(inventory.error().with_context(object_id));
  if (inventory->id != object_id) {
    return data_loss_error("object at " + object_root(object_id) + " has id " + inventory->id +
                           ", expected " + object_id);
  }
  return inventory;
}

Result<std::vector<VersionSummary>> OcflStore::versions(const std::string& object_id) {
  MURA_ASSIGN_OR_RETURN(Inventory current, inventory(object_id));
  std::vector<VersionSummary> summaries;
  for (int number = 1; number <= current.head(); ++number) {
    const auto& entry = current.version(number);
    summaries.push_back(
        {number, entry.created, entry.message, entry.user_name, entry.user_address});
  }
  return summaries;
}

Result<std::string> OcflStore::content_file(const Inventory& current, const std::string& object_id,
                                            const std::string& logical_path, int version) {
  int number = version == 0 ? current.head() : version;
  if (number < 1 || number > current.head()) {
    return not_found_error(object_id + " has no version " + std::to_string(version));
  }
  const auto& state = current.version(number).state;
  auto it = state.find(logical_path);
  if (it == state.end()) {
    return not_found_error(object_id + " has no file \"" + logical_path + "\" in " +
                           version_directory(number));
  }
  std::string path = current.content_path_of(it->second);
  if (path.empty()) return data_loss_error(object_id + ": no content for \"" + logical_path + "\"");
  return join_path(object_root(object_id), path);
}

Result<std::vector<StoredFile>> OcflStore::files(const std::string& object_id, int version) {
  MURA_ASSIGN_OR_RETURN(Inventory current, inventory(object_id));
  int number = version == 0 ? current.head() : version;
  if (number < 1 || number > current.head()) {
    return not_found_error(object_id + " has no version " + std::to_string(version));
  }
  std::vector<StoredFile> result;
  for (const auto& [path, digest] : current.version(number).state) {
    std::string content = join_path(object_root(object_id), current.content_path_of(digest));
    MURA_ASSIGN_OR_RETURN(FileInfo info, fs_.stat(content));
    result.push_back({path, digest, info.size});
  }
  return result;
}

Result<std::string> OcflStore::read(const std::string& object_id, const std::string& logical_path,
                                    int version) {
  MURA_ASSIGN_OR_RETURN(Inventory current, inventory(object_id));
  MURA_ASSIGN_OR_RETURN(std::string path, content_file(current, object_id, logical_path, version));
  return read_file(fs_, path);
}

Result<std::unique_ptr<ReadableFile>> OcflStore::open_file(const std::string& object_id,
                                                           const std::string& logical_path,
                                                           int version) {
  MURA_ASSIGN_OR_RETURN(Inventory current, inventory(object_id));
  MURA_ASSIGN_OR_RETURN(std::string path, content_file(current, object_id, logical_path, version));
  return fs_.open_readable(path);
}

Result<std::string> OcflStore::content_location(const std::string& object_id,
                                                const std::string& logical_path, int version) {
  MURA_ASSIGN_OR_RETURN(Inventory current, inventory(object_id));
  return content_file(current, object_id, logical_path, version);
}

Result<std::vector<std::string>> OcflStore::object_ids() {
  std::vector<std::string> ids;
  // The layout has exactly three tuple levels, then the object root.
  std::vector<std::string> level = {root_};
  for (int depth = 0; depth < 4; ++depth) {
    std::vector<std::string> next;
    for (const auto& directory : level) {
      MURA_ASSIGN_OR_RETURN(auto entries, fs_.list_directory(directory));
      for (const auto& entry : entries) {
        if (entry.type != FileType::kDirectory) continue;
        if (depth == 0 && entry.name == kExtensionsDirectory) continue;
        next.push_back(join_path(directory, entry.name));
      }
    }
    level = std::move(next);
  }
  for (const auto& object : level) {
    MURA_ASSIGN_OR_RETURN(std::string bytes, read_file(fs_, join_path(object, kInventoryName)));
    auto inventory = Inventory::decode(bytes);
    if (!inventory) return Error(inventory.error().with_context(object));
    ids.push_back(inventory->id);
  }
  std::sort(ids.begin(), ids.end());
  return ids;
}

// Finishes publishing `version` of `object` when its directory made it: its inventory (when
// `inventory_digest` is set, only the one this writer staged) becomes the root inventory unless
// the root already shows that version or a later one. Temporary copies are written in
// `directory` in staging, never in the object root.
Status OcflStore::roll_forward(const std::string& directory, const std::string& object,
                               const std::string& version, const std::string& inventory_digest) {
  auto number = parse_version_directory(version);
  if (!number) return ok_status();
  auto published = read_file(fs_, join_path(join_path(object, version), kInventoryName));
  if (!published) return ok_status();  // the version directory did not make it
  std::string sidecar = sidecar_for(*published);
  if (!inventory_digest.empty() && sidecar.substr(0, sidecar.find(' ')) != inventory_digest) {
    return ok_status();  // another writer's version of that number
  }
  if (auto root = read_file(fs_, join_path(object, kInventoryName))) {
    auto current = Inventory::decode(*root);
    if (current && current->head() > *number) return ok_status();
  }
  MURA_TRY(create_directories(fs_, directory));
  for (auto [name, bytes] : {std::pair{kInventoryName, *published},
                             std::pair{kSidecarName, sidecar}}) {
    std::string target = join_path(object, name);
    auto current = read_file(fs_, target);
    if (current.has_value() && *current == bytes) continue;
    std::string temporary = join_path(directory, name);
    MURA_TRY(write_file(fs_, temporary, bytes));
    MURA_TRY(fs_.rename(temporary, target));
  }
  return fs_.sync_directory(object);
}

Status OcflStore::recover() {
  MURA_ASSIGN_OR_RETURN(auto entries, fs_.list_directory(staging_));
  std::set<std::string> tokens;
  for (const auto& entry : entries) tokens.insert(staging_token(entry.name));
  for (const auto& token : tokens) {
    std::string directory = join_path(staging_, token);
    auto lock = fs_.try_lock(directory + std::string(kLockSuffix));
    if (!lock) {
      if (lock.error().code() == StatusCode::kUnavailable) continue;  // a live writer's area
      return lock.error();
    }
    std::string intent_path = directory + std::string(kIntentSuffix);
    if (auto intent_bytes = read_file(fs_, intent_path); intent_bytes.has_value()) {
      // A group commit's intent lists its updates; a single commit's (before group commits)
      // is one entry without the inventory digest.
      auto intent = nlohmann::json::parse(*intent_bytes, nullptr, false);
      if (intent.is_object()) intent = nlohmann::json::array({intent});
      if (intent.is_array()) {
        for (const auto& entry : intent) {
          if (!entry.is_object() || !entry.contains("object") || !entry.contains("version") ||
              !entry["object"].is_string() || !entry["version"].is_string()) {
            continue;
          }
          std::string digest;
          if (entry.contains("inventory") && entry["inventory"].is_string()) {
            digest = entry["inventory"].get<std::string>();
          }
          MURA_TRY(roll_forward(directory, entry["object"].get<std::string>(),
                                entry["version"].get<std::string>(), digest));
        }
      }
    }
    MURA_TRY(remove_all(fs_, directory));
    MURA_TRY(remove_all(fs_, intent_path));
    lock->reset();
    MURA_TRY(remove_all(fs_, directory + std::string(kLockSuffix)));
  }
  return fs_.sync_directory(staging_);
}

}  // namespace mura::storage
