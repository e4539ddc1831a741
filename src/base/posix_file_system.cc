#include "base/posix_file_system.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>

namespace mura {
namespace {

// Owns a file descriptor.
class FileDescriptor {
 public:
  explicit FileDescriptor(int fd) : fd_(fd) {}
  FileDescriptor(const FileDescriptor&) = delete;
  FileDescriptor& operator=(const FileDescriptor&) = delete;
  ~FileDescriptor() { reset(); }
  int get() const { return fd_; }
  int release() { return std::exchange(fd_, -1); }
  void reset() {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
  }

 private:
  int fd_;
};

class PosixReadableFile final : public ReadableFile {
 public:
  PosixReadableFile(int fd, std::string path) : fd_(fd), path_(std::move(path)) {}

  Result<std::size_t> read_at(std::uint64_t offset, std::span<char> buffer) override {
    for (;;) {
      ssize_t count = ::pread(fd_.get(), buffer.data(), buffer.size(), static_cast<off_t>(offset));
      if (count >= 0) return static_cast<std::size_t>(count);
      if (errno != EINTR) return Error(errno_status(errno, "read", path_));
    }
  }

  Result<std::uint64_t> size() override {
    struct stat info {};
    if (::fstat(fd_.get(), &info) != 0) return Error(errno_status(errno, "stat", path_));
    return static_cast<std::uint64_t>(info.st_size);
  }

 private:
  FileDescriptor fd_;
  std::string path_;
};

class PosixWritableFile final : public WritableFile {
 public:
  PosixWritableFile(int fd, std::string path) : fd_(fd), path_(std::move(path)) {}

  Status append(std::string_view data) override {
    while (!data.empty()) {
      ssize_t count = ::write(fd_.get(), data.data(), data.size());
      if (count < 0) {
        if (errno == EINTR) continue;
        return errno_status(errno, "write", path_);
      }
      data.remove_prefix(static_cast<std::size_t>(count));
    }
    return ok_status();
  }

  Status sync() override {
    if (::fdatasync(fd_.get()) != 0) return errno_status(errno, "fsync", path_);
    return ok_status();
  }

  Status close() override {
    int fd = fd_.release();
    if (fd >= 0 && ::close(fd) != 0) return errno_status(errno, "close", path_);
    return ok_status();
  }

 private:
  FileDescriptor fd_;
  std::string path_;
};

class PosixFileLock final : public FileLock {
 public:
  explicit PosixFileLock(int fd) : fd_(fd) {}
  ~PosixFileLock() override { ::flock(fd_.get(), LOCK_UN); }

 private:
  FileDescriptor fd_;
};

}  // namespace

Result<std::unique_ptr<ReadableFile>> PosixFileSystem::open_readable(const std::string& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return Error(errno_status(errno, "open", path));
  struct stat info {};
  if (::fstat(fd, &info) == 0 && S_ISDIR(info.st_mode)) {
    ::close(fd);
    return invalid_argument_error("open " + path + ": is a directory");
  }
  return std::make_unique<PosixReadableFile>(fd, path);
}

Result<std::unique_ptr<WritableFile>> PosixFileSystem::open_writable(const std::string& path,
                                                                     WriteMode mode) {
  int flags = O_WRONLY | O_CREAT | O_CLOEXEC;
  flags |= mode == WriteMode::kCreateNew ? O_EXCL : O_TRUNC;
  int fd = ::open(path.c_str(), flags, 0644);
  if (fd < 0) return Error(errno_status(errno, "create", path));
  return std::make_unique<PosixWritableFile>(fd, path);
}

Status PosixFileSystem::create_directory(const std::string& path) {
  if (::mkdir(path.c_str(), 0755) != 0) return errno_status(errno, "mkdir", path);
  return ok_status();
}

Status PosixFileSystem::remove_file(const std::string& path) {
  if (::unlink(path.c_str()) != 0) return errno_status(errno, "remove", path);
  return ok_status();
}

Status PosixFileSystem::remove_directory(const std::string& path) {
  if (::rmdir(path.c_str()) != 0) return errno_status(errno, "rmdir", path);
  return ok_status();
}

Status PosixFileSystem::rename(const std::string& from, const std::string& to) {
  struct stat info {};
  if (::stat(from.c_str(), &info) == 0 && S_ISDIR(info.st_mode)) {
    // renameat2(RENAME_NOREPLACE) makes "the target must not exist" atomic for directories.
    if (::renameat2(AT_FDCWD, from.c_str(), AT_FDCWD, to.c_str(), RENAME_NOREPLACE) != 0) {
      if (errno == EINVAL || errno == ENOSYS) {
        if (::stat(to.c_str(), &info) == 0) return already_exists_error("rename " + to + ": exists");
        if (::rename(from.c_str(), to.c_str()) == 0) return ok_status();
      }
      return errno_status(errno, "rename " + from + " to", to);
    }
    return ok_status();
  }
  if (::rename(from.c_str(), to.c_str()) != 0) {
    return errno_status(errno, "rename " + from + " to", to);
  }
  return ok_status();
}

Status PosixFileSystem::sync_directory(const std::string& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return errno_status(errno, "open directory", path);
  FileDescriptor owner(fd);
  if (::fsync(fd) != 0) return errno_status(errno, "fsync directory", path);
  return ok_status();
}

Result<std::vector<DirectoryEntry>> PosixFileSystem::list_directory(const std::string& path) {
  DIR* directory = ::opendir(path.c_str());
  if (directory == nullptr) return Error(errno_status(errno, "list", path));
  std::vector<DirectoryEntry> entries;
  while (dirent* entry = ::readdir(directory)) {
    std::string_view name(entry->d_name);
    if (name == "." || name == "..") continue;
    FileType type = FileType::kOther;
    unsigned char kind = entry->d_type;
    if (kind == DT_UNKNOWN || kind == DT_LNK) {
      struct stat info {};
      std::string full = join_path(path, name);
      if (::lstat(full.c_str(), &info) == 0) {
        kind = S_ISDIR(info.st_mode) ? DT_DIR : S_ISREG(info.st_mode) ? DT_REG : DT_UNKNOWN;
      }
    }
    if (kind == DT_DIR) type = FileType::kDirectory;
    if (kind == DT_REG) type = FileType::kFile;
    entries.push_back({std::string(name), type});
  }
  ::closedir(directory);
  std::sort(entries.begin(), entries.end(),
            [](const DirectoryEntry& a, const DirectoryEntry& b) { return a.name < b.name; });
  return entries;
}

Result<FileInfo> PosixFileSystem::stat(const std::string& path) {
  struct stat info {};
  if (::stat(path.c_str(), &info) != 0) return Error(errno_status(errno, "stat", path));
  FileInfo result;
  result.type = S_ISDIR(info.st_mode)   ? FileType::kDirectory
                : S_ISREG(info.st_mode) ? FileType::kFile
                                        : FileType::kOther;
  result.size = static_cast<std::uint64_t>(info.st_size);
  result.modified_unix_seconds = info.st_mtim.tv_sec;
  return result;
}

Result<std::unique_ptr<FileLock>> PosixFileSystem::lock(const std::string& path) {
  int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) return Error(errno_status(errno, "open lock", path));
  FileDescriptor owner(fd);
  while (::flock(fd, LOCK_EX) != 0) {
    if (errno != EINTR) return Error(errno_status(errno, "lock", path));
  }
  return std::make_unique<PosixFileLock>(owner.release());
}

Result<std::unique_ptr<FileLock>> PosixFileSystem::try_lock(const std::string& path) {
  int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) return Error(errno_status(errno, "open lock", path));
  FileDescriptor owner(fd);
  while (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    if (errno == EWOULDBLOCK) return unavailable_error("lock " + path + ": held by another writer");
    if (errno != EINTR) return Error(errno_status(errno, "lock", path));
  }
  return std::make_unique<PosixFileLock>(owner.release());
}

FileSystem& default_file_system() {
  static PosixFileSystem file_system;
  return file_system;
}

}  // namespace mura
