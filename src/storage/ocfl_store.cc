#include "storage/ocfl_store.h"

#include <openssl/rand.h>

#include <ctime>
#include <set>

#include <nlohmann/json.hpp>

#include "base/digest.h"
#include "storage/ocfl_paths.h"
#include "storage/storage_root_text.h"

namespace mura::storage {
namespace {

constexpr std::string_view kIntentSuffix = ".intent";
constexpr std::string_view kLockSuffix = ".lock";

std::string random_token() {
  unsigned char bytes[12];
  MURA_CHECK(RAND_bytes(bytes, sizeof bytes) == 1);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string token;
  for (unsigned char byte : bytes) {
    token += kHex[byte >> 4];
    token += kHex[byte & 0xf];
  }
  return token;
}

bool ends_with(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

// Copies `source` into `target` (created new) while hashing; returns (digest, size). The
// target is synced before returning.
Result<std::pair<std::string, std::uint64_t>> copy_and_hash(FileSystem& source_fs,
                                                            const std::string& source,
                                                            FileSystem& target_fs,
                                                            const std::string& target) {
  MURA_ASSIGN_OR_RETURN(auto input, source_fs.open_readable(source));
  MURA_ASSIGN_OR_RETURN(auto output, target_fs.open_writable(target, WriteMode::kCreateNew));
  Hasher hasher(DigestAlgorithm::kSha512);
  std::vector<char> buffer(1 << 20);
  std::uint64_t offset = 0;
  for (;;) {
    MURA_ASSIGN_OR_RETURN(std::size_t count, input->read_at(offset, buffer));
    if (count == 0) break;
    std::string_view piece(buffer.data(), count);
    hasher.update(piece);
    MURA_TRY(output->append(piece));
    offset += count;
  }
  MURA_TRY(output->sync());
  MURA_TRY(output->close());
  return std::make_pair(hasher.finish(), offset);
}

Result<std::pair<std::string, std::uint64_t>> write_and_hash(FileSystem& fs,
                                                             const std::string& target,
                                                             std::string_view bytes) {
  MURA_ASSIGN_OR_RETURN(auto output, fs.open_writable(target, WriteMode::kCreateNew));
  MURA_TRY(output->append(bytes));
  MURA_TRY(output->sync());
  MURA_TRY(output->close());
  return std::make_pair(digest_hex(DigestAlgorithm::kSha512, bytes),
                        static_cast<std::uint64_t>(bytes.size()));
}

// Owns a staging area (directory + lock) and removes it when the commit ends, however it ends.
class StagingArea {
 public:
  StagingArea(FileSystem& fs, std::string staging_root)
      : fs_(fs), token_(random_token()), root_(std::move(staging_root)) {}
  ~StagingArea() {
    if (!created_) return;
    (void)remove_all(fs_, directory());
    (void)fs_.remove_file(intent_path());
    lock_.reset();
    (void)fs_.remove_file(lock_path());
  }
  Status create() {
    MURA_ASSIGN_OR_RETURN(lock_, fs_.lock(lock_path()));
    created_ = true;
    return fs_.create_directory(directory());
  }
  std::string directory() const { return join_path(root_, token_); }
  std::string intent_path() const { return directory() + std::string(kIntentSuffix); }
  std::string lock_path() const { return directory() + std::string(kLockSuffix); }

 private:
  FileSystem& fs_;
  std::string token_;
  std::string root_;
  std::unique_ptr<FileLock> lock_;
  bool created_ = false;
};

// Applies the changes to `state` (logical path -> digest); adds go to `incoming` by index.
Status apply_changes(const NewVersion& version, std::map<std::string, std::string>& state,
                     std::map<std::string, std::size_t>& incoming) {
  for (std::size_t i = 0; i < version.changes.size(); ++i) {
    const Change& change = version.changes[i];
    MURA_TRY(check_logical_path(change.path));
    switch (change.type) {
      case Change::Type::kAddBytes:
      case Change::Type::kAddFile:
        state[change.path] = "";  // filled in once the content is hashed
        incoming[change.path] = i;
        break;
      case Change::Type::kRemove:
        if (state.erase(change.path) == 0) {
          return invalid_argument_error("cannot remove \"" + change.path + "\": no such file in " +
                                        version.object_id);
        }
        incoming.erase(change.path);
        break;
      case Change::Type::kRename: {
        MURA_TRY(check_logical_path(change.target));
        auto it = state.find(change.path);
        if (it == state.end()) {
          return invalid_argument_error("cannot rename \"" + change.path + "\": no such file in " +
                                        version.object_id);
        }
        std::string digest = it->second;
        state.erase(it);
        state[change.target] = digest;
        if (auto pending = incoming.find(change.path); pending != incoming.end()) {
          incoming[change.target] = pending->second;
          incoming.erase(pending);
        }
        break;
      }
    }
  }
  // A logical path may not be both a file and a directory ("a" and "a/b").
  for (const auto& [path, digest] : state) {
    for (std::size_t slash = path.find('/'); slash != std::string::npos;
         slash = path.find('/', slash + 1)) {
      if (state.count(path.substr(0, slash)) != 0) {
        return invalid_argument_error("file path \"" + path + "\" conflicts with the file \"" +
                                      path.substr(0, slash) + "\"");
      }
    }
  }
  return ok_status();
}

}  // namespace

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

OcflStore::OcflStore(FileSystem& fs, std::string root, std::string staging)
    : fs_(fs), root_(std::move(root)), staging_(std::move(staging)) {}

Result<std::unique_ptr<OcflStore>> OcflStore::create(FileSystem& fs, const std::string& root,
                                                     const std::string& staging) {
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
  return std::unique_ptr<OcflStore>(new OcflStore(fs, root, staging));
}

Result<std::unique_ptr<OcflStore>> OcflStore::open(FileSystem& fs, const std::string& root,
                                                   const std::string& staging) {
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
  std::unique_ptr<OcflStore> store(new OcflStore(fs, root, staging));
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

Result<int> OcflStore::commit(const NewVersion& version) {
  if (version.object_id.empty()) return invalid_argument_error("an object needs an id");
  Inventory next;
  if (version.expected_head == 0) {
    if (object_exists(version.object_id)) {
      return already_exists_error("object " + version.object_id + " already exists");
    }
    next.id = version.object_id;
  } else {
    MURA_ASSIGN_OR_RETURN(next, inventory(version.object_id));
    if (next.head() != version.expected_head) {
      return aborted_error("object " + version.object_id + " changed: expected head " +
                           version_directory(version.expected_head) + " but found " +
                           version_directory(next.head()) + "; re-read it and try again");
    }
  }
  std::map<std::string, std::string> state;
  if (next.head() > 0) state = next.version(next.head()).state;
  std::map<std::string, std::size_t> incoming;
  MURA_TRY(apply_changes(version, state, incoming));

  const int number = next.head() + 1;
  StagingArea staging(fs_, staging_);
  MURA_TRY(staging.create());
  // New objects are staged whole, under their tuple directories; updates stage one version.
  std::string relative_object = object_path_for(version.object_id);
  std::string staged_object = number == 1 ? join_path(staging.directory(), relative_object)
                                          : staging.directory();
  std::string staged_version = join_path(staged_object, version_directory(number));
  // Staged directories are synced once, by sync_tree, before anything is published.
  MURA_TRY(create_directories(fs_, join_path(staged_version, kContentDirectory),
                              Durability::kDeferred));
  std::string incoming_directory = join_path(staging.directory(), "incoming");
  MURA_TRY(fs_.create_directory(incoming_directory));

  // Stream every added file into `incoming/`, hashing on the way; keep it only if its digest
  // is new to the object.
  std::set<std::string> new_digests;
  std::size_t counter = 0;
  for (const auto& [path, index] : incoming) {
    const Change& change = version.changes[index];
    std::string temporary = join_path(incoming_directory, std::to_string(counter++));
    Result<std::pair<std::string, std::uint64_t>> hashed =
        change.type == Change::Type::kAddBytes
            ? write_and_hash(fs_, temporary, change.bytes)
            : copy_and_hash(change.source_fs ? *change.source_fs : fs_, change.source_path, fs_,
                            temporary);
    if (!hashed) {
      return Error(hashed.error().with_context("adding \"" + path + "\" to " + version.object_id));
    }
    const std::string& digest = hashed->first;
    state[path] = digest;
    if (next.manifest.count(digest) != 0 || new_digests.count(digest) != 0) {
      MURA_TRY(fs_.remove_file(temporary));  // deduplicated: the object already holds it
      continue;
    }
    std::string content = content_path(number, path);
    std::string staged = join_path(staged_object, content);
    MURA_TRY(create_directories(fs_, parent_path(staged), Durability::kDeferred));
    MURA_TRY(fs_.rename(temporary, staged));
    next.manifest[digest].push_back(content);
    new_digests.insert(digest);
  }
  MURA_TRY(fs_.remove_directory(incoming_directory));
  // OCFL forbids empty content directories.
  std::string staged_content = join_path(staged_version, kContentDirectory);
  if (new_digests.empty()) MURA_TRY(fs_.remove_directory(staged_content));

  VersionEntry entry;
  entry.created = version.created.empty() ? utc_now() : version.created;
  entry.message = version.message;
  entry.user_name = version.user_name;
  entry.user_address = version.user_address;
  entry.state = std::move(state);
  next.versions.push_back(std::move(entry));
  std::string inventory_bytes = next.encode();
  std::string sidecar = sidecar_for(inventory_bytes);
  MURA_TRY(write_file(fs_, join_path(staged_version, kInventoryName), inventory_bytes));
  MURA_TRY(write_file(fs_, join_path(staged_version, kSidecarName), sidecar));

  std::string object = object_root(version.object_id);
  if (number == 1) {
    MURA_TRY(write_file(fs_, join_path(staged_object, kObjectDeclaration), kObjectDeclarationBody));
    MURA_TRY(write_file(fs_, join_path(staged_object, kInventoryName), inventory_bytes));
    MURA_TRY(write_file(fs_, join_path(staged_object, kSidecarName), sidecar));
    MURA_TRY(sync_tree(fs_, staging.directory()));
    // Publish with one rename: of the highest tuple directory that does not exist yet, or of
    // the object itself. Another writer may create a tuple directory first; then go deeper.
    std::string relative;
    std::size_t start = 0;
    for (;;) {
      std::size_t slash = relative_object.find('/', start);
      std::string prefix = relative_object.substr(0, slash);
      std::string real = join_path(root_, prefix);
      if (slash == std::string::npos || !path_exists(fs_, real)) {
        Status renamed = fs_.rename(join_path(staging.directory(), prefix), real);
        if (renamed.ok()) {
          MURA_TRY(fs_.sync_directory(parent_path(real)));
          break;
        }
        if (renamed.code() != StatusCode::kAlreadyExists) return Error(renamed);
        if (slash == std::string::npos) {
          return already_exists_error("object " + version.object_id +
                                      " was created by another writer");
        }
      }
      start = slash + 1;
    }
    return number;
  }

  MURA_TRY(sync_tree(fs_, staging.directory()));
  // Updates publish in two steps (the version directory, then the root inventory), so an
  // intent records the step for recovery.
  nlohmann::json intent = {{"object", object}, {"version", version_directory(number)}};
  MURA_TRY(write_file(fs_, staging.intent_path(), intent.dump()));
  MURA_TRY(fs_.sync_directory(staging_));
  Status renamed = fs_.rename(staged_version, join_path(object, version_directory(number)));
  if (!renamed.ok()) {
    if (renamed.code() == StatusCode::kAlreadyExists) {
      return aborted_error("object " + version.object_id + " changed: expected head " +
                           version_directory(version.expected_head) +
                           " but another writer added " + version_directory(number));
    }
    return Error(renamed);
  }
  MURA_TRY(fs_.sync_directory(object));
  MURA_TRY(write_file(fs_, join_path(staging.directory(), kInventoryName), inventory_bytes));
  MURA_TRY(write_file(fs_, join_path(staging.directory(), kSidecarName), sidecar));
  MURA_TRY(fs_.rename(join_path(staging.directory(), kInventoryName), join_path(object, kInventoryName)));
  MURA_TRY(fs_.rename(join_path(staging.directory(), kSidecarName), join_path(object, kSidecarName)));
  MURA_TRY(fs_.sync_directory(object));
  return number;
}

Status OcflStore::recover() {
  MURA_ASSIGN_OR_RETURN(auto entries, fs_.list_directory(staging_));
  std::set<std::string> tokens;
  for (const auto& entry : entries) {
    std::string name = entry.name;
    if (ends_with(name, kIntentSuffix)) name.resize(name.size() - kIntentSuffix.size());
    if (ends_with(name, kLockSuffix)) name.resize(name.size() - kLockSuffix.size());
    tokens.insert(name);
  }
  for (const auto& token : tokens) {
    std::string directory = join_path(staging_, token);
    auto lock = fs_.try_lock(directory + std::string(kLockSuffix));
    if (!lock) {
      if (lock.error().code() == StatusCode::kUnavailable) continue;  // a live writer's area
      return lock.error();
    }
    std::string intent_path = directory + std::string(kIntentSuffix);
    if (auto intent_bytes = read_file(fs_, intent_path); intent_bytes.has_value()) {
      auto intent = nlohmann::json::parse(*intent_bytes, nullptr, false);
      if (!intent.is_discarded() && intent.is_object() && intent.contains("object") &&
          intent.contains("version")) {
        std::string object = intent["object"].get<std::string>();
        std::string version_inventory =
            join_path(join_path(object, intent["version"].get<std::string>()), kInventoryName);
        if (auto published = read_file(fs_, version_inventory); published.has_value()) {
          // The version directory made it; finish publishing its inventory at the root.
          // Temporary copies are written in staging, never in the object root.
          MURA_TRY(create_directories(fs_, directory));
          for (auto [name, bytes] : {std::pair{kInventoryName, *published},
                                     std::pair{kSidecarName, sidecar_for(*published)}}) {
            std::string target = join_path(object, name);
            auto current = read_file(fs_, target);
            if (current.has_value() && *current == bytes) continue;
            std::string temporary = join_path(directory, name);
            MURA_TRY(write_file(fs_, temporary, bytes));
            MURA_TRY(fs_.rename(temporary, target));
          }
          MURA_TRY(fs_.sync_directory(object));
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
