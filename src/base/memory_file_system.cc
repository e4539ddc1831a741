#include "base/memory_file_system.h"

#include <ctime>

namespace mura {

struct MemoryFileSystem::Node {
  bool directory = false;
  std::string data;         // live bytes of a file
  std::string synced_data;  // bytes that survive a crash
  std::int64_t modified = 0;
  std::map<std::string, std::shared_ptr<Node>> children;          // live entries
  std::map<std::string, std::shared_ptr<Node>> durable_children;  // entries that survive a crash
};

namespace {

std::vector<std::string> split(const std::string& path) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (start <= path.size()) {
    std::size_t end = path.find('/', start);
    if (end == std::string::npos) end = path.size();
    std::string part = path.substr(start, end - start);
    if (!part.empty() && part != ".") parts.push_back(std::move(part));
    start = end + 1;
  }
  return parts;
}

std::int64_t now() { return static_cast<std::int64_t>(std::time(nullptr)); }

using NodePtr = std::shared_ptr<MemoryFileSystem::Node>;

// Deep copy of the durable state of `node`, so that paths do not alias after a crash.
NodePtr durable_copy(const NodePtr& node) {
  auto copy = std::make_shared<MemoryFileSystem::Node>();
  copy->directory = node->directory;
  copy->modified = node->modified;
  if (!node->directory) {
    copy->data = node->synced_data;
    copy->synced_data = node->synced_data;
    return copy;
  }
  for (const auto& [name, child] : node->durable_children) {
    auto child_copy = durable_copy(child);
    copy->children[name] = child_copy;
    copy->durable_children[name] = child_copy;
  }
  return copy;
}

}  // namespace

class MemoryFileSystem::Lock final : public FileLock {
 public:
  Lock(MemoryFileSystem& fs, std::string path) : fs_(fs), path_(std::move(path)) {}
  ~Lock() override { fs_.unlock(path_); }

 private:
  MemoryFileSystem& fs_;
  std::string path_;
};

namespace {

class MemoryReadableFile final : public ReadableFile {
 public:
  MemoryReadableFile(std::mutex& mutex, NodePtr node) : mutex_(mutex), node_(std::move(node)) {}
  Result<std::size_t> read_at(std::uint64_t offset, std::span<char> buffer) override {
    std::lock_guard guard(mutex_);
    if (offset >= node_->data.size()) return std::size_t{0};
    std::size_t count = std::min(buffer.size(), node_->data.size() - offset);
    node_->data.copy(buffer.data(), count, offset);
    return count;
  }
  Result<std::uint64_t> size() override {
    std::lock_guard guard(mutex_);
    return static_cast<std::uint64_t>(node_->data.size());
  }

 private:
  std::mutex& mutex_;
  NodePtr node_;
};

class MemoryWritableFile final : public WritableFile {
 public:
  MemoryWritableFile(std::mutex& mutex, NodePtr node, std::string path)
      : mutex_(mutex), node_(std::move(node)), path_(std::move(path)) {}
  Status append(std::string_view data) override {
    if (closed_) return failed_precondition_error("write " + path_ + ": file is closed");
    std::lock_guard guard(mutex_);
    node_->data.append(data);
    node_->modified = now();
    return ok_status();
  }
  Status sync() override {
    if (closed_) return failed_precondition_error("fsync " + path_ + ": file is closed");
    std::lock_guard guard(mutex_);
    node_->synced_data = node_->data;
    return ok_status();
  }
  Status close() override {
    closed_ = true;
    return ok_status();
  }

 private:
  std::mutex& mutex_;
  NodePtr node_;
  std::string path_;
  bool closed_ = false;
};

}  // namespace

MemoryFileSystem::MemoryFileSystem() : root_(std::make_shared<Node>()) { root_->directory = true; }
MemoryFileSystem::~MemoryFileSystem() = default;

Result<NodePtr> MemoryFileSystem::find(const std::string& path) const {
  NodePtr node = root_;
  for (const auto& part : split(path)) {
    if (!node->directory) return not_found_error("stat " + path + ": not a directory on the way");
    auto it = node->children.find(part);
    if (it == node->children.end()) return not_found_error("stat " + path + ": no such file");
    node = it->second;
  }
  return node;
}

Result<std::pair<NodePtr, std::string>> MemoryFileSystem::find_parent(
    const std::string& path) const {
  auto parts = split(path);
  if (parts.empty()) return invalid_argument_error("path " + path + ": the root has no parent");
  NodePtr node = root_;
  for (std::size_t i = 0; i + 1 < parts.size(); ++i) {
    auto it = node->children.find(parts[i]);
    if (it == node->children.end() || !it->second->directory) {
      return not_found_error(path + ": parent directory does not exist");
    }
    node = it->second;
  }
  if (!node->directory) return not_found_error(path + ": parent is not a directory");
  return std::make_pair(node, parts.back());
}

Result<std::unique_ptr<ReadableFile>> MemoryFileSystem::open_readable(const std::string& path) {
  std::lock_guard guard(mutex_);
  MURA_ASSIGN_OR_RETURN(auto node, find(path));
  if (node->directory) return invalid_argument_error("open " + path + ": is a directory");
  return std::make_unique<MemoryReadableFile>(mutex_, node);
}

Result<std::unique_ptr<WritableFile>> MemoryFileSystem::open_writable(const std::string& path,
                                                                      WriteMode mode) {
  std::lock_guard guard(mutex_);
  MURA_ASSIGN_OR_RETURN(auto parent, find_parent(path));
  auto& [directory, name] = parent;
  auto it = directory->children.find(name);
  NodePtr node;
  if (it != directory->children.end()) {
    if (mode == WriteMode::kCreateNew) return already_exists_error("create " + path + ": exists");
    if (it->second->directory) return invalid_argument_error("create " + path + ": is a directory");
    node = it->second;
    node->data.clear();
  } else {
    node = std::make_shared<Node>();
    directory->children[name] = node;
  }
  node->modified = now();
  return std::make_unique<MemoryWritableFile>(mutex_, node, path);
}

Status MemoryFileSystem::create_directory(const std::string& path) {
  std::lock_guard guard(mutex_);
  MURA_ASSIGN_OR_RETURN(auto parent, find_parent(path));
  auto& [directory, name] = parent;
  if (directory->children.count(name) != 0) return already_exists_error("mkdir " + path + ": exists");
  auto node = std::make_shared<Node>();
  node->directory = true;
  node->modified = now();
  directory->children[name] = node;
  return ok_status();
}

Status MemoryFileSystem::remove_file(const std::string& path) {
  std::lock_guard guard(mutex_);
  MURA_ASSIGN_OR_RETURN(auto parent, find_parent(path));
  auto& [directory, name] = parent;
  auto it = directory->children.find(name);
  if (it == directory->children.end()) return not_found_error("remove " + path + ": no such file");
  if (it->second->directory) return invalid_argument_error("remove " + path + ": is a directory");
  directory->children.erase(it);
  return ok_status();
}

Status MemoryFileSystem::remove_directory(const std::string& path) {
  std::lock_guard guard(mutex_);
  MURA_ASSIGN_OR_RETURN(auto parent, find_parent(path));
  auto& [directory, name] = parent;
  auto it = directory->children.find(name);
  if (it == directory->children.end()) return not_found_error("rmdir " + path + ": no such directory");
  if (!it->second->directory) return invalid_argument_error("rmdir " + path + ": not a directory");
  if (!it->second->children.empty()) return already_exists_error("rmdir " + path + ": not empty");
  directory->children.erase(it);
  return ok_status();
}

Status MemoryFileSystem::rename(const std::string& from, const std::string& to) {
  std::lock_guard guard(mutex_);
  MURA_ASSIGN_OR_RETURN(auto source, find_parent(from));
  MURA_ASSIGN_OR_RETURN(auto target, find_parent(to));
  auto it = source.first->children.find(source.second);
  if (it == source.first->children.end()) return not_found_error("rename " + from + ": no such file");
  NodePtr node = it->second;
  auto existing = target.first->children.find(target.second);
  if (existing != target.first->children.end()) {
    if (existing->second == node) return ok_status();
    if (node->directory || existing->second->directory) {
      return already_exists_error("rename " + from + " to " + to + ": target exists");
    }
  }
  source.first->children.erase(it);
  target.first->children[target.second] = node;
  return ok_status();
}

Status MemoryFileSystem::sync_directory(const std::string& path) {
  std::lock_guard guard(mutex_);
  MURA_ASSIGN_OR_RETURN(auto node, find(path));
  if (!node->directory) return invalid_argument_error("fsync directory " + path + ": not a directory");
  node->durable_children = node->children;
  return ok_status();
}

Result<std::vector<DirectoryEntry>> MemoryFileSystem::list_directory(const std::string& path) {
  std::lock_guard guard(mutex_);
  MURA_ASSIGN_OR_RETURN(auto node, find(path));
  if (!node->directory) return invalid_argument_error("list " + path + ": not a directory");
  std::vector<DirectoryEntry> entries;
  for (const auto& [name, child] : node->children) {
    entries.push_back({name, child->directory ? FileType::kDirectory : FileType::kFile});
  }
  return entries;
}

Result<FileInfo> MemoryFileSystem::stat(const std::string& path) {
  std::lock_guard guard(mutex_);
  MURA_ASSIGN_OR_RETURN(auto node, find(path));
  FileInfo info;
  info.type = node->directory ? FileType::kDirectory : FileType::kFile;
  info.size = node->directory ? 0 : node->data.size();
  info.modified_unix_seconds = node->modified;
  return info;
}

Result<std::unique_ptr<FileLock>> MemoryFileSystem::lock(const std::string& path) {
  std::unique_lock guard(mutex_);
  lock_released_.wait(guard, [&] { return locked_.count(path) == 0; });
  locked_.insert(path);
  return std::make_unique<Lock>(*this, path);
}

Result<std::unique_ptr<FileLock>> MemoryFileSystem::try_lock(const std::string& path) {
  std::lock_guard guard(mutex_);
  if (locked_.count(path) != 0) return unavailable_error("lock " + path + ": held by another writer");
  locked_.insert(path);
  return std::make_unique<Lock>(*this, path);
}

void MemoryFileSystem::unlock(const std::string& path) {
  {
    std::lock_guard guard(mutex_);
    locked_.erase(path);
  }
  lock_released_.notify_all();
}

void MemoryFileSystem::simulate_crash() {
  std::lock_guard guard(mutex_);
  root_ = durable_copy(root_);
}

}  // namespace mura
