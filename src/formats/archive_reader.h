// Unpacking an uploaded archive (ZIP, tar, tar.gz, tar.bz2, tar.xz — whatever libarchive reads)
// into a directory, safely: only regular files and directories, no absolute paths, no "..", no
// links or devices, and bounds on the number of entries and the bytes written, so that an upload
// cannot escape its directory or fill the disk. Errors name the archive entry.
#pragma once

#include <cstdint>
#include <string>

#include "base/file_system.h"
#include "base/result.h"

namespace mura::formats {

struct ArchiveLimits {
  std::uint64_t max_entries = 1'000'000;
  std::uint64_t max_bytes = 64ull << 30;  // total unpacked size
};

struct ArchiveSummary {
  std::uint64_t files = 0;
  std::uint64_t bytes = 0;
};

// Unpacks `archive_path` (a local file) below `destination` (created when missing) on `fs`.
// InvalidArgument naming the entry for an unsafe or unreadable entry, or for a file that is not
// an archive; ResourceExhausted beyond the limits. On error, what was unpacked is left for the
// caller to remove.
Result<ArchiveSummary> extract_archive(FileSystem& fs, const std::string& archive_path,
                                       const std::string& destination,
                                       const ArchiveLimits& limits = {});

}  // namespace mura::formats
