#include "formats/archive_reader.h"

#include <archive.h>
#include <archive_entry.h>

#include <memory>
#include <vector>


namespace mura::formats {
namespace {

struct ArchiveDeleter {
  void operator()(archive* handle) const { archive_read_free(handle); }
};

// "a/b/c.txt" kept; "", "/x", "a/../b", "./a" parts other than plain names refused.
Result<std::string> safe_entry_path(std::string_view name) {
  std::string path;
  std::size_t start = 0;
  while (start <= name.size()) {
    std::size_t end = name.find('/', start);
    if (end == std::string_view::npos) end = name.size();
    const std::string_view part = name.substr(start, end - start);
    if (start == 0 && part.empty() && end < name.size()) {
      return invalid_argument_error("archive entry \"" + std::string(name) +
                                    "\" has an absolute path");
    }
    if (part == "..") {
      return invalid_argument_error("archive entry \"" + std::string(name) +
                                    "\" climbs out of the archive with \"..\"");
    }
    if (!part.empty() && part != ".") {
      if (part.find('\0') != std::string_view::npos || part.find('\\') != std::string_view::npos) {
        return invalid_argument_error("archive entry \"" + std::string(name) +
                                      "\" has a character not allowed in a path");
      }
      if (!path.empty()) path += '/';
      path += part;
    }
    start = end + 1;
  }
  return path;
}

}  // namespace

Result<ArchiveSummary> extract_archive(FileSystem& fs, const std::string& archive_path,
                                       const std::string& destination,
                                       const ArchiveLimits& limits) {
  std::unique_ptr<archive, ArchiveDeleter> reader(archive_read_new());
  archive_read_support_filter_all(reader.get());
  archive_read_support_format_zip(reader.get());
  archive_read_support_format_tar(reader.get());
  archive_read_support_format_gnutar(reader.get());
  archive_read_support_format_7zip(reader.get());
  MURA_ASSIGN_OR_RETURN(auto source, fs.open_readable(archive_path));
  // libarchive reads through callbacks so that the file system stays the FileSystem interface.
  struct Source {
    ReadableFile* file;
    std::uint64_t offset = 0;
    std::vector<char> buffer = std::vector<char>(1 << 16);
    bool failed = false;
  } state{source.get()};
  auto read_callback = [](archive*, void* data, const void** block) -> la_ssize_t {
    auto* self = static_cast<Source*>(data);
    auto count = self->file->read_at(self->offset, std::span<char>(self->buffer));
    if (!count) {
      self->failed = true;
      return -1;
    }
    self->offset += *count;
    *block = self->buffer.data();
    return static_cast<la_ssize_t>(*count);
  };
  if (archive_read_open(reader.get(), &state, nullptr, read_callback, nullptr) != ARCHIVE_OK) {
    return invalid_argument_error(archive_path + " is not an archive Mura can read (ZIP or tar): " +
                                  archive_error_string(reader.get()));
  }
  MURA_TRY(create_directories(fs, destination, Durability::kDeferred));
  ArchiveSummary summary;
  std::uint64_t entries = 0;
  archive_entry* entry = nullptr;
  while (true) {
    const int status = archive_read_next_header(reader.get(), &entry);
    if (status == ARCHIVE_EOF) break;
    if (status != ARCHIVE_OK && status != ARCHIVE_WARN) {
      return invalid_argument_error(archive_path + ": unreadable archive after " +
                                    std::to_string(entries) + " entries: " +
                                    archive_error_string(reader.get()));
    }
    if (++entries > limits.max_entries) {
      return resource_exhausted_error(archive_path + " has more than " +
                                      std::to_string(limits.max_entries) + " entries");
    }
    const char* raw_name = archive_entry_pathname(entry);
    const std::string name = raw_name != nullptr ? raw_name : "";
    MURA_ASSIGN_OR_RETURN(auto relative, safe_entry_path(name));
    const auto type = archive_entry_filetype(entry);
    if (type == AE_IFDIR) {
      if (!relative.empty()) {
        MURA_TRY(create_directories(fs, join_path(destination, relative), Durability::kDeferred));
      }
      continue;
    }
    if (type != AE_IFREG || archive_entry_hardlink(entry) != nullptr) {
      return invalid_argument_error("archive entry \"" + name +
                                    "\" is a link or a special file; only files and folders are "
                                    "accepted");
    }
    if (relative.empty()) {
      return invalid_argument_error("archive entry \"" + name + "\" has no file name");
    }
    const auto slash = relative.rfind('/');
    if (slash != std::string::npos) {
      MURA_TRY(create_directories(fs, join_path(destination, relative.substr(0, slash)),
                                  Durability::kDeferred));
    }
    MURA_ASSIGN_OR_RETURN(auto out, fs.open_writable(join_path(destination, relative),
                                                     WriteMode::kCreateNew));
    std::vector<char> block(1 << 16);
    while (true) {
      const auto count = archive_read_data(reader.get(), block.data(), block.size());
      if (count < 0) {
        return invalid_argument_error("archive entry \"" + name + "\" is damaged: " +
                                      archive_error_string(reader.get()));
      }
      if (count == 0) break;
      summary.bytes += static_cast<std::uint64_t>(count);
      if (summary.bytes > limits.max_bytes) {
        return resource_exhausted_error(archive_path + " unpacks to more than " +
                                        std::to_string(limits.max_bytes) + " bytes");
      }
      MURA_TRY(out->append(std::string_view(block.data(), static_cast<std::size_t>(count))));
    }
    MURA_TRY(out->close());
    ++summary.files;
  }
  if (state.failed) return invalid_argument_error(archive_path + ": read error");
  return summary;
}

}  // namespace mura::formats
