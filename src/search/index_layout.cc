#include "search/index_layout.h"

#include <fcntl.h>
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
constexpr int kMaxShards = 4;

std::string shard_name(int shard) { return std::string(kShardPrefix) + std::to_string(shard); }

// fsync of one file or directory.
Status sync_path(const std::string& path, bool directory) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | (directory ? O_DIRECTORY : 0));
  if (fd < 0) return errno_status(errno, "open for fsync", path);
  const int result = ::fsync(fd);
  const int error = errno;
  ::close(fd);
  return result == 0 ? ok_status() : errno_status(error, "fsync", path);
}

// The files a glass database keeps in its directory.
bool is_glass_file(const std::string& name) {
  return name == "iamglass" || name == "flintlock" || name.ends_with(".glass");
}

}  // namespace

std::string shard_path(const std::string& directory, int shard) {
  return (fs::path(directory) / shard_name(shard)).string();
}

int default_shard_count() {
  const auto cores = static_cast<int>(std::thread::hardware_concurrency());
  return std::clamp(cores, 1, kMaxShards);
}

Result<std::optional<IndexLayout>> read_layout(const std::string& directory) {
  std::error_code ignored;
  const fs::path root(directory);
  if (fs::exists(root / "iamglass", ignored)) {
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
    const std::string expected = shard_name(static_cast<int>(layout.shards.size()));
    if (backend != "glass" || name != expected || !extra.empty()) {
      return data_loss_error("search index " + directory + ": " + std::string(kStubName) +
                             " line " + std::to_string(line_number) + " is \"" + line +
                             "\", expected \"glass " + expected + "\" (rebuild with mura reindex)");
    }
    layout.shards.push_back(shard_path(directory, static_cast<int>(layout.shards.size())));
  }
  if (layout.shards.empty()) {
    return data_loss_error("search index " + directory + ": " + std::string(kStubName) +
                           " lists no shards (rebuild with mura reindex)");
  }
  return std::optional<IndexLayout>(std::move(layout));
}

Status publish_layout(const std::string& directory, int count) {
  const fs::path root(directory);
  const std::string stub = (root / kStubName).string();
  const std::string temporary = stub + ".new";
  {
    std::ofstream out(temporary, std::ios::trunc);
    for (int shard = 0; shard < count; ++shard) out << "glass " << shard_name(shard) << "\n";
    out.flush();
    if (!out) return errno_status(errno, "write", temporary);
  }
  MURA_TRY(sync_path(temporary, false));
  if (::rename(temporary.c_str(), stub.c_str()) != 0) return errno_status(errno, "rename", stub);
  MURA_TRY(sync_path(directory, true));

  // What the stub no longer names. Readers that have these files open keep reading them.
  std::error_code error;
  for (const auto& entry : fs::directory_iterator(root, error)) {
    const std::string name = entry.path().filename().string();
    std::error_code ignored;
    if (entry.is_regular_file(ignored) && is_glass_file(name)) {
      fs::remove(entry.path(), ignored);
    } else if (entry.is_directory(ignored) && name.starts_with(kShardPrefix)) {
      int shard = -1;
      std::istringstream(name.substr(kShardPrefix.size())) >> shard;
      if (shard >= count || name != shard_name(shard)) fs::remove_all(entry.path(), ignored);
    }
  }
  if (error) return errno_status(error.value(), "list", directory);
  return ok_status();
}

std::uint64_t layout_stamp(const std::string& directory) {
  struct stat info {};
  const std::string stub = (fs::path(directory) / kStubName).string();
  if (::stat(stub.c_str(), &info) != 0) return 0;
  return static_cast<std::uint64_t>(info.st_ino);
}

Status sync_database_files(const std::string& path) {
  std::error_code error;
  for (const auto& entry : fs::directory_iterator(path, error)) {
    std::error_code ignored;
    if (entry.is_regular_file(ignored)) MURA_TRY(sync_path(entry.path().string(), false));
  }
  if (error) return errno_status(error.value(), "list", path);
  return sync_path(path, true);
}

}  // namespace mura::search
