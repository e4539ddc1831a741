#include "kurultai/ledger_file.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>

#include "base/file_system.h"
#include "base/posix_file_system.h"

namespace mura::kurultai {

Result<std::vector<std::string>> JsonLinesLedgerStore::read_all() {
  FileSystem& fs = default_file_system();
  std::vector<std::string> entries;
  if (!path_exists(fs, path_)) return entries;
  MURA_ASSIGN_OR_RETURN(std::string text, read_file(fs, path_));
  std::size_t start = 0;
  while (start < text.size()) {
    const std::size_t end = text.find('\n', start);
    const std::string number = std::to_string(entries.size() + 1);
    if (end == std::string::npos) {
      return data_loss_error(path_ + ": line " + number +
                             " has no newline: a torn append (truncate the file after line " +
                             std::to_string(entries.size()) + " to recover)");
    }
    if (end == start) return data_loss_error(path_ + ": line " + number + " is empty");
    entries.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return entries;
}

Status JsonLinesLedgerStore::append(const std::string& entry) { return append_all({entry}); }

Status JsonLinesLedgerStore::append_all(const std::vector<std::string>& entries) {
  std::string lines;
  for (const auto& entry : entries) {
    if (entry.find('\n') != std::string::npos) {
      return invalid_argument_error(path_ + ": an entry must be one line");
    }
    lines += entry + "\n";
  }
  if (lines.empty()) return ok_status();
  const bool created = !path_exists(default_file_system(), path_);
  const int fd = ::open(path_.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) return errno_status(errno, "open", path_);
  std::size_t written = 0;
  Status status;
  while (written < lines.size()) {
    const ssize_t count = ::write(fd, lines.data() + written, lines.size() - written);
    if (count < 0) {
      if (errno == EINTR) continue;
      status = errno_status(errno, "append", path_);
      break;
    }
    written += static_cast<std::size_t>(count);
  }
  if (status.ok() && ::fsync(fd) != 0) status = errno_status(errno, "fsync", path_);
  if (::close(fd) != 0 && status.ok()) status = errno_status(errno, "close", path_);
  if (status.ok() && created) {
    const std::string directory = parent_path(path_);
    status = default_file_system().sync_directory(directory.empty() ? "." : directory);
  }
  return status;
}

}  // namespace mura::kurultai
