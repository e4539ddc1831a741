// MemoryFileSystem: a FileSystem in memory for fast tests, which also models durability:
// file bytes survive a crash only once synced, and directory entries (creations, renames,
// removals) only once their directory is synced. simulate_crash() throws away everything that
// was not durable, as a power cut would. Thread-safe (one mutex).
#pragma once

#include <condition_variable>
#include <map>
#include <mutex>
#include <set>

#include "base/file_system.h"

namespace mura {

class MemoryFileSystem final : public FileSystem {
 public:
  MemoryFileSystem();
  ~MemoryFileSystem() override;

  Result<std::unique_ptr<ReadableFile>> open_readable(const std::string& path) override;
  Result<std::unique_ptr<WritableFile>> open_writable(const std::string& path,
                                                      WriteMode mode) override;
  Status create_directory(const std::string& path) override;
  Status remove_file(const std::string& path) override;
  Status remove_directory(const std::string& path) override;
  Status rename(const std::string& from, const std::string& to) override;
  Status sync_directory(const std::string& path) override;
  Result<std::vector<DirectoryEntry>> list_directory(const std::string& path) override;
  Result<FileInfo> stat(const std::string& path) override;
  Result<std::unique_ptr<FileLock>> lock(const std::string& path) override;
  Result<std::unique_ptr<FileLock>> try_lock(const std::string& path) override;

  // Replaces the live tree by its durable state. REQUIRES: no open files or locks in use.
  void simulate_crash();

  struct Node;

 private:
  class Lock;
  Result<std::shared_ptr<Node>> find(const std::string& path) const;
  Result<std::pair<std::shared_ptr<Node>, std::string>> find_parent(const std::string& path) const;
  void unlock(const std::string& path);

  mutable std::mutex mutex_;
  std::condition_variable lock_released_;
  std::shared_ptr<Node> root_;        // GUARDED_BY(mutex_)
  std::set<std::string> locked_;      // GUARDED_BY(mutex_)
};

}  // namespace mura
