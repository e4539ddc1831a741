#include "base/fault_injecting_file_system.h"

namespace mura {
namespace {

class FaultyWritableFile final : public WritableFile {
 public:
  FaultyWritableFile(FaultInjectingFileSystem& fs, std::unique_ptr<WritableFile> file,
                     std::string path)
      : fs_(fs), file_(std::move(file)), path_(std::move(path)) {}
  Status append(std::string_view data) override {
    MURA_TRY(fs_.next_operation("write", path_));
    return file_->append(data);
  }
  Status sync() override {
    MURA_TRY(fs_.next_operation("fsync", path_));
    return file_->sync();
  }
  Status close() override {
    MURA_TRY(fs_.next_operation("close", path_));
    return file_->close();
  }

 private:
  FaultInjectingFileSystem& fs_;
  std::unique_ptr<WritableFile> file_;
  std::string path_;
};

}  // namespace

Status FaultInjectingFileSystem::next_operation(std::string_view what, const std::string& path) {
  std::uint64_t index = operations_.fetch_add(1);
  if (index >= fail_at_.load()) {
    return data_loss_error("injected fault at operation " + std::to_string(index) + " (" +
                           std::string(what) + " " + path + ")");
  }
  return ok_status();
}

Result<std::unique_ptr<ReadableFile>> FaultInjectingFileSystem::open_readable(
    const std::string& path) {
  return target_.open_readable(path);
}

Result<std::unique_ptr<WritableFile>> FaultInjectingFileSystem::open_writable(
    const std::string& path, WriteMode mode) {
  MURA_TRY(next_operation("create", path));
  MURA_ASSIGN_OR_RETURN(auto file, target_.open_writable(path, mode));
  return std::make_unique<FaultyWritableFile>(*this, std::move(file), path);
}

Status FaultInjectingFileSystem::create_directory(const std::string& path) {
  MURA_TRY(next_operation("mkdir", path));
  return target_.create_directory(path);
}

Status FaultInjectingFileSystem::remove_file(const std::string& path) {
  MURA_TRY(next_operation("remove", path));
  return target_.remove_file(path);
}

Status FaultInjectingFileSystem::remove_directory(const std::string& path) {
  MURA_TRY(next_operation("rmdir", path));
  return target_.remove_directory(path);
}

Status FaultInjectingFileSystem::rename(const std::string& from, const std::string& to) {
  MURA_TRY(next_operation("rename", from));
  return target_.rename(from, to);
}

Status FaultInjectingFileSystem::sync_directory(const std::string& path) {
  MURA_TRY(next_operation("fsync directory", path));
  return target_.sync_directory(path);
}

Result<std::vector<DirectoryEntry>> FaultInjectingFileSystem::list_directory(
    const std::string& path) {
  return target_.list_directory(path);
}

Result<FileInfo> FaultInjectingFileSystem::stat(const std::string& path) {
  return target_.stat(path);
}

Result<std::unique_ptr<FileLock>> FaultInjectingFileSystem::lock(const std::string& path) {
  return target_.lock(path);
}

Result<std::unique_ptr<FileLock>> FaultInjectingFileSystem::try_lock(const std::string& path) {
  return target_.try_lock(path);
}

}  // namespace mura
