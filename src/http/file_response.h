// Streams a stored file as an HTTP response: byte ranges (one or several, RFC 9110 §14), a strong
// ETag from the content digest, If-None-Match / If-Range, Last-Modified, Content-Disposition and
// the stored Content-Type. The file is read in chunks by the server, never loaded whole.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "base/result.h"
#include "http/message.h"

namespace mura::http {

struct FileDescription {
  std::string media_type;  // "" -> application/octet-stream
  std::string digest;      // hex content digest; the ETag
  std::uint64_t size = 0;
  std::string modified;  // ISO 8601 UTC ("2026-11-28T10:00:00Z"); Last-Modified
  std::string file_name;  // for Content-Disposition
  bool attachment = false;
};

struct ByteRange {
  std::uint64_t first = 0;
  std::uint64_t last = 0;  // inclusive
  friend bool operator==(const ByteRange&, const ByteRange&) = default;
};

// Parses a Range header value against a representation of `size` bytes: "bytes=0-99",
// "bytes=100-", "bytes=-500", "bytes=0-0,10-20". Ranges are clipped to the size; more than 16
// ranges, or none satisfiable, or malformed syntax is InvalidArgument with a sentence (the caller
// answers 416).
Result<std::vector<ByteRange>> parse_range(std::string_view header, std::uint64_t size);

// The response for a GET or HEAD of the file: 200, 206 (single or multipart/byteranges), 304 or
// 416.
Response file_response(const Request& request, std::shared_ptr<ReadableFile> file,
                       const FileDescription& description);

// "2026-11-28T10:00:00Z" -> "Sat, 28 Nov 2026 10:00:00 GMT"; "" when it does not parse.
std::string http_date(std::string_view iso_time);

}  // namespace mura::http
