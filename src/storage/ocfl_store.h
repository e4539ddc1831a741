// OcflStore: Mura's preservation store, an OCFL 1.1 storage root with the 0004 hashed n-tuple
// layout. It creates objects and adds versions durably: a version is staged outside the object,
// every file and directory is synced, and the version becomes visible by one rename; a crash
// leaves the old head or the new one (recovery on open rolls a half-published update forward
// and removes stale staging). Versions of many objects can be committed as a group that shares
// its syncs (commit_all; docs/adr/0010). Content is deduplicated inside an object by SHA-512.
// Thread-safe: concurrent writers of one object are detected (the loser gets Aborted).
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <set>
#include <span>
#include <string>
#include <vector>

#include "base/file_system.h"
#include "storage/inventory.h"

namespace mura::storage {

class SyncSet;

// One change of a new version, applied in order to the head state.
struct Change {
  enum class Type { kAddBytes, kAddFile, kRemove, kRename };
  Type type = Type::kAddBytes;
  std::string path;         // logical path added, removed, or renamed from
  std::string target;       // kRename: the new logical path
  std::string bytes;        // kAddBytes: the content
  std::string source_path;  // kAddFile: the file to copy, streamed
  FileSystem* source_fs = nullptr;  // kAddFile: where source_path lives (default: the store's)
};

struct NewVersion {
  std::string object_id;
  int expected_head = 0;  // the head the writer read; 0 when creating the object
  std::string message;
  std::string user_name;
  std::string user_address;
  std::string created;  // RFC 3339; empty means now
  std::vector<Change> changes;

  // Adds or replaces `path` with `bytes`.
  void add_bytes(std::string path, std::string bytes);
  // Adds or replaces `path` with the content of `source_path` (copied, not moved).
  void add_file(std::string path, std::string source_path, FileSystem* source_fs = nullptr);
  void remove(std::string path);
  void rename(std::string from, std::string to);
};

struct StoredFile {
  std::string logical_path;
  std::string digest;  // sha512
  std::uint64_t size = 0;
};

struct VersionSummary {
  int number = 0;
  std::string created;
  std::string message;
  std::string user_name;
  std::string user_address;
};

struct StoreOptions {
  // Threads that sync the files and directories of a commit together. Many flushes in flight
  // at once cost about as much as one; 1 syncs one after another (deterministic crash tests).
  int sync_threads = 16;
};

class OcflStore {
 public:
  // Creates a new storage root at `root` (which must not exist or be empty). `staging` is a
  // directory on the same file system outside the root, for versions being built.
  static Result<std::unique_ptr<OcflStore>> create(FileSystem& fs, const std::string& root,
                                                   const std::string& staging,
                                                   StoreOptions options = {});
  // Opens an existing storage root and recovers from any interrupted commit.
  static Result<std::unique_ptr<OcflStore>> open(FileSystem& fs, const std::string& root,
                                                 const std::string& staging,
                                                 StoreOptions options = {});

  // Adds a version (creating the object for expected_head == 0) and returns its number.
  // Aborted when the head is not expected_head (names the head expected and found);
  // AlreadyExists when creating an object that exists; InvalidArgument for bad paths or a
  // change that names a missing file. Nothing is visible unless OK is returned.
  Result<int> commit(const NewVersion& version);

  // Group commit: adds one version to each of several objects with their syncs shared. Every
  // version is staged, then all their files and directories are synced at once, then each is
  // published by its own rename(s) as commit() does, and the directories those renames changed
  // are synced together. A crash at any instant leaves each object at its old head or its new
  // one. Returns one result per version, in order, each as commit() would; a version that
  // fails does not stop the others. InvalidArgument for a version whose object an earlier
  // version of the group already changes.
  std::vector<Result<int>> commit_all(std::span<const NewVersion> versions);

  bool object_exists(const std::string& object_id);
  // The object's root inventory (the head). NotFound when there is no such object.
  Result<Inventory> inventory(const std::string& object_id);
  Result<std::vector<VersionSummary>> versions(const std::string& object_id);
  // Files of `version` (0 = head) with digest and size, sorted by logical path.
  Result<std::vector<StoredFile>> files(const std::string& object_id, int version = 0);
  Result<std::string> read(const std::string& object_id, const std::string& logical_path,
                           int version = 0);
  Result<std::unique_ptr<ReadableFile>> open_file(const std::string& object_id,
                                                  const std::string& logical_path,
                                                  int version = 0);
  // Where the bytes of `logical_path` in `version` (0 = head) are, on the store's file system.
  Result<std::string> content_location(const std::string& object_id,
                                       const std::string& logical_path, int version = 0);
  // Ids of every object in the store, found by walking the layout.
  Result<std::vector<std::string>> object_ids();

  // Absolute path of the object root (whether or not it exists).
  std::string object_root(const std::string& object_id) const;
  const std::string& root() const { return root_; }
  FileSystem& file_system() { return fs_; }

 private:
  struct Staged;
  OcflStore(FileSystem& fs, std::string root, std::string staging, StoreOptions options);
  Status recover();
  Status roll_forward(const std::string& directory, const std::string& object,
                      const std::string& version, const std::string& inventory_digest);
  Status stage(const NewVersion& version, const std::string& holder, SyncSet& syncs,
               Staged& staged);
  Status publish_new_object(const NewVersion& version, const std::string& holder,
                            const std::string& top, std::set<std::string>& changed);
  Result<std::string> content_file(const Inventory& inventory, const std::string& object_id,
                                   const std::string& logical_path, int version);

  FileSystem& fs_;
  std::string root_;
  std::string staging_;
  StoreOptions options_;
};

// Now as RFC 3339 UTC with seconds: "2026-11-28T00:50:10Z".
std::string utc_now();

}  // namespace mura::storage
