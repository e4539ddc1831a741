// Format identification from content (libmagic), not from the file name: the MIME type and the
// PRONOM identifier (PUID) of the formats heritage collections hold. Thread-safe (one magic
// handle per thread).
#pragma once

#include <string>
#include <string_view>

#include "base/file_system.h"

namespace mura::media {

struct FormatInfo {
  std::string media_type;  // "image/tiff"; "application/octet-stream" when unknown
  std::string puid;        // "fmt/353"; empty when there is no PRONOM match
  std::string name;        // "Tagged Image File Format"
};

// Identifies the first bytes of a file's content; the file name only breaks ties between
// formats with the same signature (CSV vs plain text, DOCX vs ZIP).
FormatInfo identify_bytes(std::string_view head, std::string_view file_name);
// Reads up to 64 KiB of `path` and identifies it; unreadable files are octet-stream.
FormatInfo identify_format(FileSystem& fs, const std::string& path);

}  // namespace mura::media
