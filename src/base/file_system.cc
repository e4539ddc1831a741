#include "base/file_system.h"

#include <atomic>

namespace mura {

std::string join_path(std::string_view base, std::string_view name) {
  if (base.empty()) return std::string(name);
  if (name.empty()) return std::string(base);
  std::string path(base);
  if (path.back() != '/') path += '/';
  while (!name.empty() && name.front() == '/') name.remove_prefix(1);
  path += name;
  return path;
}

std::string parent_path(std::string_view path) {
  while (path.size() > 1 && path.back() == '/') path.remove_suffix(1);
  auto slash = path.rfind('/');
  if (slash == std::string_view::npos) return "";
  if (slash == 0) return "/";
  return std::string(path.substr(0, slash));
}

std::string file_name(std::string_view path) {
  while (path.size() > 1 && path.back() == '/') path.remove_suffix(1);
  auto slash = path.rfind('/');
  return std::string(slash == std::string_view::npos ? path : path.substr(slash + 1));
}

bool path_exists(FileSystem& fs, const std::string& path) { return fs.stat(path).has_value(); }

bool is_directory(FileSystem& fs, const std::string& path) {
  auto info = fs.stat(path);
  return info.has_value() && info->type == FileType::kDirectory;
}

Result<std::string> read_file(FileSystem& fs, const std::string& path) {
  MURA_ASSIGN_OR_RETURN(auto file, fs.open_readable(path));
  std::string data;
  std::uint64_t offset = 0;
  char buffer[64 * 1024];
  for (;;) {
    MURA_ASSIGN_OR_RETURN(std::size_t count, file->read_at(offset, std::span<char>(buffer)));
    if (count == 0) break;
    data.append(buffer, count);
    offset += count;
  }
  return data;
}

Status write_file(FileSystem& fs, const std::string& path, std::string_view data) {
  MURA_ASSIGN_OR_RETURN(auto file, fs.open_writable(path, WriteMode::kTruncate));
  MURA_TRY(file->append(data));
  MURA_TRY(file->sync());
  return file->close();
}

Status write_file_atomically(FileSystem& fs, const std::string& path, std::string_view data) {
  static std::atomic<unsigned> counter{0};
  std::string temporary = path + ".tmp-" + std::to_string(counter.fetch_add(1));
  Status status = write_file(fs, temporary, data);
  if (status.ok()) status = fs.rename(temporary, path);
  if (!status.ok()) {
    (void)fs.remove_file(temporary);
    return status;
  }
  return fs.sync_directory(parent_path(path).empty() ? "." : parent_path(path));
}

Status create_directories(FileSystem& fs, const std::string& path, Durability durability) {
  if (path.empty() || path == "/" || path == ".") return ok_status();
  auto info = fs.stat(path);
  if (info.has_value()) {
    if (info->type == FileType::kDirectory) return ok_status();
    return already_exists_error("create directory " + path + ": a file is in the way");
  }
  std::string parent = parent_path(path);
  MURA_TRY(create_directories(fs, parent, durability));
  Status status = fs.create_directory(path);
  if (!status.ok() && status.code() != StatusCode::kAlreadyExists) return status;
  if (durability == Durability::kDeferred) return ok_status();
  return fs.sync_directory(parent.empty() ? "." : parent);
}

Status remove_all(FileSystem& fs, const std::string& path) {
  auto info = fs.stat(path);
  if (!info.has_value()) {
    return info.error().code() == StatusCode::kNotFound ? ok_status() : info.error();
  }
  if (info->type != FileType::kDirectory) return fs.remove_file(path);
  MURA_ASSIGN_OR_RETURN(auto entries, fs.list_directory(path));
  for (const auto& entry : entries) MURA_TRY(remove_all(fs, join_path(path, entry.name)));
  return fs.remove_directory(path);
}

Status sync_tree(FileSystem& fs, const std::string& path) {
  MURA_ASSIGN_OR_RETURN(auto info, fs.stat(path));
  if (info.type != FileType::kDirectory) {
    // Files written through write_file() were synced when closed; nothing more to do here.
    return ok_status();
  }
  MURA_ASSIGN_OR_RETURN(auto entries, fs.list_directory(path));
  for (const auto& entry : entries) {
    if (entry.type == FileType::kDirectory) MURA_TRY(sync_tree(fs, join_path(path, entry.name)));
  }
  return fs.sync_directory(path);
}

}  // namespace mura
