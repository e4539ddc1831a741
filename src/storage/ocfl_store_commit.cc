// OcflStore::commit and commit_all: staging, the shared syncs, and publishing (docs/adr/0001
// and 0010).
#include <algorithm>

#include <nlohmann/json.hpp>

#include "base/digest.h"
#include "storage/ocfl_paths.h"
#include "storage/ocfl_store.h"
#include "storage/staging_area.h"
#include "storage/sync_set.h"

namespace mura::storage {
namespace {

// Files kept open for the group's sync at most; past it, the files written so far are synced
// early (harmless: it only makes them durable sooner), so that a version of many files stays
// below the process's limit on open files.
constexpr std::size_t kMaxOpenFiles = 256;

struct Hashed {
  std::string digest;  // sha512
  std::unique_ptr<WritableFile> file;  // written, not yet synced
};

// Copies `source` into `target` (created new) while hashing. The target is left open, unsynced.
Result<Hashed> copy_and_hash(FileSystem& source_fs, const std::string& source,
                             FileSystem& target_fs, const std::string& target) {
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
  return Hashed{hasher.finish(), std::move(output)};
}

// Writes `bytes` to the new file `path` and leaves it to `syncs`.
Status write_unsynced(FileSystem& fs, const std::string& path, std::string_view bytes,
                      SyncSet& syncs) {
  MURA_ASSIGN_OR_RETURN(auto file, fs.open_writable(path, WriteMode::kCreateNew));
  MURA_TRY(file->append(bytes));
  syncs.add_file(std::move(file));
  return ok_status();
}

// Adds every directory under `path`, `path` included, to `syncs`.
Status add_directories(FileSystem& fs, const std::string& path, SyncSet& syncs) {
  MURA_ASSIGN_OR_RETURN(auto entries, fs.list_directory(path));
  for (const auto& entry : entries) {
    if (entry.type == FileType::kDirectory) {
      MURA_TRY(add_directories(fs, join_path(path, entry.name), syncs));
    }
  }
  syncs.add_directory(path);
  return ok_status();
}

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

// Where an update's new root inventory or sidecar waits beside its staged version directory.
std::string root_file_beside(const std::string& holder, std::string_view name) {
  return holder + "." + std::string(name);
}

Status conflict(const NewVersion& version, int number) {
  return aborted_error("object " + version.object_id + " changed: expected head " +
                       version_directory(version.expected_head) + " but another writer added " +
                       version_directory(number));
}

}  // namespace

// What stage() leaves for publishing.
struct OcflStore::Staged {
  int number = 0;                // the new version
  std::string inventory_digest;  // of the new inventory
  // A new object: the highest directory of its path below the root that did not exist when
  // it was staged; the staged directory standing for it is the holder.
  std::string top;
};

// Stages `version` at `holder`, a path in the staging area that stage() creates, so that
// publishing moves everything and leaves nothing behind to delete (on ext4 without a journal,
// every freed inode slows down the next allocations for a while). A new object: `holder` is the
// highest missing directory of its path, with the rest of the path and the whole object below
// it. An update: `holder` is the new version directory, and the new root inventory and sidecar
// are `holder`.inventory.json and .sha512 beside it. Every file written is left to `syncs`;
// directories are not synced.
Status OcflStore::stage(const NewVersion& version, const std::string& holder, SyncSet& syncs,
                        Staged& staged) {
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
  std::string staged_object;  // a new object's root; empty for an update
  std::string staged_version = holder;
  if (number == 1) {
    std::string relative = object_path_for(version.object_id);
    std::size_t end = relative.find('/');
    auto exists = [&](std::size_t length) {
      return path_exists(fs_, join_path(root_, relative.substr(0, length)));
    };
    while (end != std::string::npos && exists(end)) end = relative.find('/', end + 1);
    staged.top = relative.substr(0, end);
    staged_object = end == std::string::npos ? holder : join_path(holder, relative.substr(end + 1));
    staged_version = join_path(staged_object, version_directory(number));
  }
  MURA_TRY(create_directories(fs_, join_path(staged_version, kContentDirectory),
                              Durability::kDeferred));

  // Bytes are hashed first and written only when their digest is new to the object; files
  // are streamed into a temporary while hashing and moved into place when new.
  std::set<std::string> new_digests;
  std::size_t counter = 0;
  for (const auto& [path, index] : incoming) {
    const Change& change = version.changes[index];
    std::string content = content_path(number, path);
    std::string target = join_path(staged_version, content.substr(content.find('/') + 1));
    auto known = [&](const std::string& digest) {
      return next.manifest.count(digest) != 0 || new_digests.count(digest) != 0;
    };
    std::string digest;
    if (change.type == Change::Type::kAddBytes) {
      digest = digest_hex(DigestAlgorithm::kSha512, change.bytes);
      if (!known(digest)) {
        MURA_TRY(create_directories(fs_, parent_path(target), Durability::kDeferred));
        Status written = write_unsynced(fs_, target, change.bytes, syncs);
        if (!written.ok()) {
          return written.with_context("adding \"" + path + "\" to " + version.object_id);
        }
      }
    } else {
      std::string temporary = holder + ".incoming-" + std::to_string(counter++);
      auto hashed = copy_and_hash(change.source_fs ? *change.source_fs : fs_, change.source_path,
                                  fs_, temporary);
      if (!hashed) {
        return Error(hashed.error().with_context("adding \"" + path + "\" to " +
                                                 version.object_id));
      }
      digest = hashed->digest;
      if (known(digest)) {
        MURA_TRY(hashed->file->close());
        MURA_TRY(fs_.remove_file(temporary));  // deduplicated: the object already holds it
      } else {
        MURA_TRY(create_directories(fs_, parent_path(target), Durability::kDeferred));
        MURA_TRY(fs_.rename(temporary, target));
        syncs.add_file(std::move(hashed->file));
      }
    }
    state[path] = digest;
    if (!known(digest)) {
      next.manifest[digest].push_back(content);
      new_digests.insert(digest);
    }
    if (syncs.open_files() >= kMaxOpenFiles) MURA_TRY(syncs.sync());
  }
  // OCFL forbids empty content directories.
  if (new_digests.empty()) {
    MURA_TRY(fs_.remove_directory(join_path(staged_version, kContentDirectory)));
  }

  VersionEntry entry;
  entry.created = version.created.empty() ? utc_now() : version.created;
  entry.message = version.message;
  entry.user_name = version.user_name;
  entry.user_address = version.user_address;
  entry.state = std::move(state);
  next.versions.push_back(std::move(entry));
  std::string inventory_bytes = next.encode();
  std::string sidecar = sidecar_for(inventory_bytes);
  MURA_TRY(write_unsynced(fs_, join_path(staged_version, kInventoryName), inventory_bytes, syncs));
  MURA_TRY(write_unsynced(fs_, join_path(staged_version, kSidecarName), sidecar, syncs));
  if (number == 1) {
    MURA_TRY(write_unsynced(fs_, join_path(staged_object, kObjectDeclaration),
                            kObjectDeclarationBody, syncs));
    MURA_TRY(write_unsynced(fs_, join_path(staged_object, kInventoryName), inventory_bytes, syncs));
    MURA_TRY(write_unsynced(fs_, join_path(staged_object, kSidecarName), sidecar, syncs));
  } else {
    // Renamed over the object's once the version directory is in place.
    MURA_TRY(write_unsynced(fs_, root_file_beside(holder, kInventoryName), inventory_bytes, syncs));
    MURA_TRY(write_unsynced(fs_, root_file_beside(holder, kSidecarName), sidecar, syncs));
  }
  staged.number = number;
  staged.inventory_digest = sidecar.substr(0, sidecar.find(' '));
  return ok_status();
}

// Publishes a staged new object with one rename: of the highest directory of its path that did
// not exist, or of the object itself. Another writer may have created that directory since;
// then it goes deeper. Adds the directory the rename changed to `changed`.
Status OcflStore::publish_new_object(const NewVersion& version, const std::string& holder,
                                     const std::string& top, std::set<std::string>& changed) {
  std::string relative = object_path_for(version.object_id);
  std::string source = holder;
  std::string prefix = top;
  for (;;) {
    std::string real = join_path(root_, prefix);
    Status renamed = fs_.rename(source, real);
    if (renamed.ok()) {
      changed.insert(parent_path(real));
      return ok_status();
    }
    if (renamed.code() != StatusCode::kAlreadyExists) return renamed;
    if (prefix.size() >= relative.size()) {
      return already_exists_error("object " + version.object_id +
                                  " was created by another writer");
    }
    std::size_t end = relative.find('/', prefix.size() + 1);
    std::string name = relative.substr(prefix.size() + 1, end == std::string::npos
                                                              ? std::string::npos
                                                              : end - prefix.size() - 1);
    source = join_path(source, name);
    prefix = join_path(prefix, name);
  }
}

Result<int> OcflStore::commit(const NewVersion& version) {
  return std::move(commit_all(std::span<const NewVersion>(&version, 1)).front());
}

std::vector<Result<int>> OcflStore::commit_all(std::span<const NewVersion> versions) {
  std::vector<Status> statuses(versions.size(), ok_status());
  std::vector<Staged> staged(versions.size());
  auto results = [&] {
    std::vector<Result<int>> out;
    for (std::size_t i = 0; i < versions.size(); ++i) {
      if (statuses[i].ok()) {
        out.emplace_back(staged[i].number);
      } else {
        out.emplace_back(Error(statuses[i]));
      }
    }
    return out;
  };
  // Marks every version still going as failed by `error`: nothing of them is acknowledged.
  auto fail_all = [&](const Status& error) {
    for (auto& status : statuses) {
      if (status.ok()) status = error;
    }
    return results();
  };
  auto going = [&](std::size_t i) { return statuses[i].ok(); };
  auto is_update = [&](std::size_t i) { return staged[i].number > 1; };
  std::set<std::string> ids;
  for (std::size_t i = 0; i < versions.size(); ++i) {
    if (!ids.insert(versions[i].object_id).second) {
      statuses[i] = invalid_argument_error("object " + versions[i].object_id +
                                           " appears twice in one group commit");
    }
  }

  bool nothing_to_do = std::none_of(statuses.begin(), statuses.end(),
                                    [](const Status& status) { return status.ok(); });
  if (nothing_to_do) return results();
  StagingArea area(fs_, staging_);
  if (Status created = area.create(); !created.ok()) return fail_all(created);
  SyncSet syncs(fs_, options_.sync_threads);
  auto holder = [&](std::size_t i) { return join_path(area.directory(), std::to_string(i)); };
  nlohmann::json intent = nlohmann::json::array();
  for (std::size_t i = 0; i < versions.size(); ++i) {
    if (!going(i)) continue;
    statuses[i] = stage(versions[i], holder(i), syncs, staged[i]);
    if (going(i) && is_update(i)) {
      intent.push_back({{"object", object_root(versions[i].object_id)},
                        {"version", version_directory(staged[i].number)},
                        {"inventory", staged[i].inventory_digest}});
    }
  }
  bool any = false;
  for (std::size_t i = 0; i < versions.size(); ++i) any = any || going(i);
  if (!any) return results();

  // The barrier: every staged file and directory durable before anything is published. An
  // update publishes in two steps (its version directory, then the root inventory), so an
  // intent names them for recovery; it is durable with the rest.
  if (!intent.empty()) {
    Status written = write_unsynced(fs_, area.intent_path(), intent.dump(), syncs);
    if (!written.ok()) return fail_all(written);
    syncs.add_directory(staging_);
  }
  if (Status listed = add_directories(fs_, area.directory(), syncs); !listed.ok()) {
    return fail_all(listed);
  }
  if (Status synced = syncs.sync(); !synced.ok()) return fail_all(synced);

  // Each version by its own rename; the directories the renames changed are synced together.
  std::set<std::string> changed;
  std::vector<bool> half_published(versions.size(), false);
  for (std::size_t i = 0; i < versions.size(); ++i) {
    if (!going(i)) continue;
    if (!is_update(i)) {
      statuses[i] = publish_new_object(versions[i], holder(i), staged[i].top, changed);
      continue;
    }
    std::string object = object_root(versions[i].object_id);
    std::string name = version_directory(staged[i].number);
    Status renamed = fs_.rename(holder(i), join_path(object, name));
    if (renamed.ok()) {
      changed.insert(object);
      half_published[i] = true;
      // Until every root inventory is replaced, the intent must outlive any failure.
      area.keep_intent();
    } else {
      statuses[i] = renamed.code() == StatusCode::kAlreadyExists
                        ? conflict(versions[i], staged[i].number)
                        : renamed;
    }
  }
  for (const auto& directory : changed) syncs.add_directory(directory);
  if (Status synced = syncs.sync(); !synced.ok()) return fail_all(synced);

  // Updates: the root inventory and sidecar replace the old ones.
  for (std::size_t i = 0; i < versions.size(); ++i) {
    if (!going(i) || !is_update(i)) continue;
    std::string object = object_root(versions[i].object_id);
    for (std::string_view name : {kInventoryName, kSidecarName}) {
      Status renamed = fs_.rename(root_file_beside(holder(i), name), join_path(object, name));
      if (!renamed.ok()) {
        statuses[i] = renamed;
        break;
      }
    }
    syncs.add_directory(object);
  }
  if (Status synced = syncs.sync(); !synced.ok()) return fail_all(synced);
  bool finished = true;
  for (std::size_t i = 0; i < versions.size(); ++i) {
    finished = finished && (!half_published[i] || going(i));
  }
  area.keep_intent(!finished);
  return results();
}

}  // namespace mura::storage
