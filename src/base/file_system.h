// FileSystem: every byte Mura stores or reads in the preservation store goes through this
// interface (after LevelDB's Env), so that tests can run on memory and crash tests can inject
// faults. Implementations: posix_file_system.h, memory_file_system.h,
// fault_injecting_file_system.h. Paths are '/'-separated strings. Implementations are
// thread-safe; the file objects they return are used by one thread at a time.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"

namespace mura {

enum class FileType { kFile, kDirectory, kOther };

struct DirectoryEntry {
  std::string name;
  FileType type = FileType::kFile;
};

struct FileInfo {
  FileType type = FileType::kFile;
  std::uint64_t size = 0;
  std::int64_t modified_unix_seconds = 0;
};

class ReadableFile {
 public:
  virtual ~ReadableFile() = default;
  // Reads up to buffer.size() bytes at `offset`; returns how many were read (0 at the end).
  virtual Result<std::size_t> read_at(std::uint64_t offset, std::span<char> buffer) = 0;
  virtual Result<std::uint64_t> size() = 0;
};

class WritableFile {
 public:
  virtual ~WritableFile() = default;
  virtual Status append(std::string_view data) = 0;
  // Makes every appended byte durable (fsync).
  virtual Status sync() = 0;
  virtual Status close() = 0;
};

// An exclusive lock on a path; released when destroyed.
class FileLock {
 public:
  virtual ~FileLock() = default;
};

enum class WriteMode {
  kCreateNew,  // fails with AlreadyExists when the file exists
  kTruncate,   // creates or truncates
};

class FileSystem {
 public:
  virtual ~FileSystem() = default;

  virtual Result<std::unique_ptr<ReadableFile>> open_readable(const std::string& path) = 0;
  virtual Result<std::unique_ptr<WritableFile>> open_writable(const std::string& path,
                                                              WriteMode mode) = 0;
  // Creates one directory; AlreadyExists when it is there, NotFound when the parent is not.
  virtual Status create_directory(const std::string& path) = 0;
  virtual Status remove_file(const std::string& path) = 0;
  // Removes an empty directory.
  virtual Status remove_directory(const std::string& path) = 0;
  // Atomically renames a file or directory. A file replaces an existing file; a directory
  // target must not exist (AlreadyExists otherwise).
  virtual Status rename(const std::string& from, const std::string& to) = 0;
  // Makes the directory's entries (creations, renames, removals) durable.
  virtual Status sync_directory(const std::string& path) = 0;
  // The entries of a directory, sorted by name, without "." and "..".
  virtual Result<std::vector<DirectoryEntry>> list_directory(const std::string& path) = 0;
  virtual Result<FileInfo> stat(const std::string& path) = 0;
  // Takes an exclusive lock on `path` (created if missing), waiting while another holder has it.
  virtual Result<std::unique_ptr<FileLock>> lock(const std::string& path) = 0;
  // Takes the lock if it is free; Unavailable when another holder has it.
  virtual Result<std::unique_ptr<FileLock>> try_lock(const std::string& path) = 0;
};

// Joins two path pieces with one '/'.
std::string join_path(std::string_view base, std::string_view name);
// "a/b/c" -> "a/b"; "c" -> "".
std::string parent_path(std::string_view path);
// "a/b/c" -> "c".
std::string file_name(std::string_view path);

bool path_exists(FileSystem& fs, const std::string& path);
bool is_directory(FileSystem& fs, const std::string& path);
Result<std::string> read_file(FileSystem& fs, const std::string& path);
// Writes `data` to `path` and syncs the file, without a rename (for files inside staging).
Status write_file(FileSystem& fs, const std::string& path, std::string_view data);
// Durable replace: writes `path`.tmp-<n>, syncs it, renames it over `path`, syncs the directory.
Status write_file_atomically(FileSystem& fs, const std::string& path, std::string_view data);
enum class Durability {
  kSync,    // each new directory's parent is synced at once
  kDeferred,  // the caller syncs later (e.g. sync_tree over a staging area)
};
// Creates `path` and any missing parents.
Status create_directories(FileSystem& fs, const std::string& path,
                          Durability durability = Durability::kSync);
// Removes a file or a directory tree; OK when nothing is there.
Status remove_all(FileSystem& fs, const std::string& path);
// Syncs every file and directory under `path` (the tree itself included).
Status sync_tree(FileSystem& fs, const std::string& path);

}  // namespace mura
