// FaultInjectingFileSystem: wraps another FileSystem and fails the N-th mutating operation
// (create, append, sync, close, mkdir, remove, rename, directory sync) and every one after it,
// as if the process had died there. Crash tests count the operations of a clean run, then
// replay the run failing at each operation in turn. Thread-safe.
#pragma once

#include <atomic>
#include <limits>

#include "base/file_system.h"

namespace mura {

class FaultInjectingFileSystem final : public FileSystem {
 public:
  explicit FaultInjectingFileSystem(FileSystem& target) : target_(target) {}

  // Fails operation number `index` (0-based) and all later mutating operations.
  void fail_at(std::uint64_t index) { fail_at_ = index; }
  // Mutating operations attempted so far.
  std::uint64_t operation_count() const { return operations_.load(); }
  bool has_failed() const { return operations_.load() > fail_at_.load(); }

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

  // Counts one mutating operation; returns the injected fault when it is due.
  Status next_operation(std::string_view what, const std::string& path);

 private:
  FileSystem& target_;
  std::atomic<std::uint64_t> operations_{0};
  std::atomic<std::uint64_t> fail_at_{std::numeric_limits<std::uint64_t>::max()};
};

}  // namespace mura
