#include "search/index_layout.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <system_error>
#include <thread>

namespace mura::search {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kStubName = "XAPIANDB";
constexpr std::string_view kShardPrefix = "shard-";
constexpr std::string_view kVersionFile = "iamglass";
constexpr int kMaxShards = 4;

enum class PathKind { kFile, kDirectory };

// fsync of one file or directory.
Status sync_path(const std::string& path, PathKind kind) {
  const int fd =
      ::open(path.c_str(), O_RDONLY | O_CLOEXEC | (kind == PathKind::kDirectory ? O_DIRECTORY : 0));
  if (fd < 0) return errno_status(errno, "open for fsync", path);
  const int result = ::fsync(fd);
  const int error = errno;
  ::close(fd);
  return result == 0 ? ok_status() : errno_status(error, "fsync", path);
}

// The files a glass database keeps in its directory.
bool is_glass_file(const std::string& name) {
  return name == kVersionFile || name == "flintlock" || name.ends_with(".glass");
}

// A shard's directory name: "shard-" and then digits and dashes ("shard-3-0").
bool is_shard_name(std::string_view name) {
  return name.size() > kShardPrefix.size() && name.starts_with(kShardPrefix) &&
         std::all_of(name.begin() + static_cast<std::ptrdiff_t>(kShardPrefix.size()), name.end(),
                     [](char c) { return (c >= '0' && c <= '9') || c == '-'; });
}

// The generation of "shard-<generation>-<n>"; 0 for the first form, "shard-<n>".
std::uint64_t generation_of(std::string_view name) {
  const auto rest = name.substr(kShardPrefix.size());
  const auto dash = rest.find('-');
  if (dash == std::string_view::npos) return 0;
  std::uint64_t generation = 0;
  for (const char c : rest.substr(0, dash)) {
    if (c < '0' || c > '9') return 0;
    generation = generation * 10 + static_cast<std::uint64_t>(c - '0');
  }
  return generation;
}

// The entries of `directory` by name; errors as a Status, never as an exception.
Result<std::vector<fs::directory_entry>> entries_of(const std::string& directory) {
  std::error_code error;
  std::vector<fs::directory_entry> entries;
  fs::directory_iterator it(directory, error);
  for (; !error && it != fs::directory_iterator(); it.increment(error)) entries.push_back(*it);
  if (error) return Error(errno_status(error.value(), "list", directory));
  return entries;
}

}  // namespace

int default_shard_count() {
  const auto cores = static_cast<int>(std::thread::hardware_concurrency());
  return std::clamp(cores, 1, kMaxShards);
}

Result<std::optional<IndexLayout>> read_layout(const std::string& directory) {
  std::error_code ignored;
  const fs::path root(directory);
  if (fs::exists(root / kVersionFile, ignored)) {
    return std::optional<IndexLayout>(IndexLayout{{directory}, true});
  }
  const fs::path stub = root / kStubName;
  if (!fs::exists(stub, ignored)) return std::optional<IndexLayout>();
  std::ifstream in(stub);
  if (!in) return Error(errno_status(errno, "read", stub.string()));
  IndexLayout layout;
  std::string line;
  int line_number = 0;
  while (std::getline(in, line)) {
    ++line_number;
    if (line.empty()) continue;
    std::istringstream words(line);
    std::string backend, name, extra;
    words >> backend >> name >> extra;
    if (backend != "glass" || !is_shard_name(name) || !extra.empty()) {
      return data_loss_error("search index " + directory + ": " + std::string(kStubName) +
                             " line " + std::to_string(line_number) + " is \"" + line +
                             "\", expected \"glass shard-<generation>-<n>\" (rebuild with mura "
                             "reindex)");
    }
    layout.shards.push_back((root / name).string());
  }
  if (layout.shards.empty()) {
    return data_loss_error("search index " + directory + ": " + std::string(kStubName) +
                           " lists no shards (rebuild with mura reindex)");
  }
  return std::optional<IndexLayout>(std::move(layout));
}

std::vector<std::string> new_shard_paths(const std::string& directory, int count) {
  std::uint64_t generation = 0;
  if (auto entries = entries_of(directory)) {
    for (const auto& entry : *entries) {
      const std::string name = entry.path().filename().string();
      if (is_shard_name(name)) generation = std::max(generation, generation_of(name));
    }
  }
  ++generation;
  std::vector<std::string> paths;
  for (int shard = 0; shard < count; ++shard) {
    paths.push_back((fs::path(directory) / (std::string(kShardPrefix) + std::to_string(generation) +
                                            "-" + std::to_string(shard)))
                        .string());
  }
  return paths;
}

Status publish_layout(const std::string& directory, const std::vector<std::string>& shards) {
  const fs::path root(directory);
  const std::string stub = (root / kStubName).string();
  const std::string temporary = stub + ".new";
  std::vector<std::string> names;
  {
    std::ofstream out(temporary, std::ios::trunc);
    for (const auto& shard : shards) {
      names.push_back(fs::path(shard).filename().string());
      out << "glass " << names.back() << "\n";
    }
    out.flush();
    if (!out) return errno_status(errno, "write", temporary);
  }
  MURA_TRY(sync_path(temporary, PathKind::kFile));
  if (::rename(temporary.c_str(), stub.c_str()) != 0) return errno_status(errno, "rename", stub);
  MURA_TRY(sync_path(directory, PathKind::kDirectory));

  // What the stub no longer names; readers that have these files open keep reading them. The
  // version file of a database from before shards goes first: without it, what is left of that
  // database is no longer taken for one.
  const fs::path version = root / kVersionFile;
  std::error_code error;
  if (fs::remove(version, error)) MURA_TRY(sync_path(directory, PathKind::kDirectory));
  if (error) return errno_status(error.value(), "remove", version.string());
  MURA_ASSIGN_OR_RETURN(auto entries, entries_of(directory));
  for (const auto& entry : entries) {
    const std::string name = entry.path().filename().string();
    std::error_code type_error;
    if (entry.is_regular_file(type_error) && is_glass_file(name)) {
      fs::remove(entry.path(), error);
    } else if (entry.is_directory(type_error) && is_shard_name(name) &&
               std::find(names.begin(), names.end(), name) == names.end()) {
      fs::remove_all(entry.path(), error);
    }
    if (error) return errno_status(error.value(), "remove", entry.path().string());
  }
  return ok_status();
}

std::uint64_t layout_stamp(const std::string& directory) {
  struct stat info {};
  const std::string stub = (fs::path(directory) / kStubName).string();
  if (::stat(stub.c_str(), &info) != 0) return 0;
  // A new stub gets a new change time even when it reuses an inode number.
  auto stamp = static_cast<std::uint64_t>(info.st_ino);
  stamp = stamp * 1000003u ^ static_cast<std::uint64_t>(info.st_ctim.tv_sec);
  stamp = stamp * 1000003u ^ static_cast<std::uint64_t>(info.st_ctim.tv_nsec);
  return stamp == 0 ? 1 : stamp;
}

Status sync_database_files(const std::string& path) {
  MURA_ASSIGN_OR_RETURN(auto entries, entries_of(path));
  for (const auto& entry : entries) {
    std::error_code ignored;
    if (entry.is_regular_file(ignored)) MURA_TRY(sync_path(entry.path().string(), PathKind::kFile));
  }
  return sync_path(path, PathKind::kDirectory);
}

void remove_shards(const std::vector<std::string>& paths) {
  for (const auto& path : paths) {
    std::error_code ignored;
    fs::remove_all(path, ignored);
  }
}

Result<std::unique_ptr<WriterLock>> WriterLock::acquire(const std::string& directory) {
  const std::string path = (fs::path(directory) / "writer.lock").string();
  const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) return Error(errno_status(errno, "open", path));
  if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    const int error = errno;
    ::close(fd);
    if (error == EWOULDBLOCK) {
      return unavailable_error("search index " + directory +
                               ": another process is writing it (one writer at a time)");
    }
    return Error(errno_status(error, "lock", path));
  }
  return std::unique_ptr<WriterLock>(new WriterLock(fd));
}

WriterLock::~WriterLock() { ::close(fd_); }

}  // namespace mura::search
