#include "http/file_response.h"

#include <charconv>
#include <ctime>

#include "http/problem.h"

namespace mura::http {
namespace {

constexpr std::size_t kMaxRanges = 16;

std::string trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return std::string(text);
}

bool parse_number(std::string_view text, std::uint64_t& value) {
  if (text.empty()) return false;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  return error == std::errc() && end == text.data() + text.size();
}

std::string etag_of(const FileDescription& description) {
  return "\"" + description.digest.substr(0, 40) + "\"";
}

// True when an If-None-Match list holds the ETag (weak comparison) or "*".
bool matches_etag(std::string_view list, const std::string& etag) {
  while (!list.empty()) {
    const auto comma = list.find(',');
    auto item = trim(list.substr(0, comma));
    if (item.starts_with("W/")) item = item.substr(2);
    if (item == "*" || item == etag) return true;
    if (comma == std::string_view::npos) break;
    list.remove_prefix(comma + 1);
  }
  return false;
}

std::string content_disposition(const FileDescription& description) {
  std::string ascii;
  for (const char c : description.file_name) {
    const auto byte = static_cast<unsigned char>(c);
    ascii.push_back(byte < 0x20 || byte >= 0x7f || c == '"' || c == '\\' ? '_' : c);
  }
  return std::string(description.attachment ? "attachment" : "inline") + "; filename=\"" + ascii +
         "\"; filename*=UTF-8''" + percent_encode(description.file_name);
}

}  // namespace

Result<std::vector<ByteRange>> parse_range(std::string_view header, std::uint64_t size) {
  const std::string value = trim(header);
  if (!value.starts_with("bytes=")) {
    return invalid_argument_error("Range \"" + value + "\" is not a byte range (use bytes=0-99)");
  }
  std::string_view list = std::string_view(value).substr(6);
  std::vector<ByteRange> ranges;
  std::size_t count = 0;
  while (true) {
    const auto comma = list.find(',');
    const std::string item = trim(list.substr(0, comma));
    if (++count > kMaxRanges) {
      return invalid_argument_error("Range \"" + value + "\" asks for more than " +
                                    std::to_string(kMaxRanges) + " ranges");
    }
    const auto dash = item.find('-');
    if (dash == std::string::npos) {
      return invalid_argument_error("Range \"" + value + "\": \"" + item +
                                    "\" is not first-last, first- or -suffix");
    }
    const std::string_view first_text = std::string_view(item).substr(0, dash);
    const std::string_view last_text = std::string_view(item).substr(dash + 1);
    std::uint64_t first = 0;
    std::uint64_t last = 0;
    if (first_text.empty()) {
      std::uint64_t suffix = 0;
      if (!parse_number(last_text, suffix)) {
        return invalid_argument_error("Range \"" + value + "\": \"" + item +
                                      "\" is not a suffix length");
      }
      if (suffix > 0 && size > 0) {
        first = suffix >= size ? 0 : size - suffix;
        ranges.push_back({first, size - 1});
      }
    } else {
      if (!parse_number(first_text, first) ||
          (!last_text.empty() && !parse_number(last_text, last))) {
        return invalid_argument_error("Range \"" + value + "\": \"" + item +
                                      "\" has a position that is not a whole number");
      }
      if (last_text.empty()) last = size == 0 ? 0 : size - 1;
      if (last < first) {
        return invalid_argument_error("Range \"" + value + "\": \"" + item +
                                      "\" ends before it starts");
      }
      if (first < size) ranges.push_back({first, std::min(last, size - 1)});
    }
    if (comma == std::string_view::npos) break;
    list.remove_prefix(comma + 1);
  }
  if (ranges.empty()) {
    return invalid_argument_error("Range \"" + value + "\" lies outside the " +
                                  std::to_string(size) + " bytes of the file");
  }
  return ranges;
}

std::string http_date(std::string_view iso_time) {
  std::tm time{};
  const std::string text(iso_time.substr(0, 19));
  if (::strptime(text.c_str(), "%Y-%m-%dT%H:%M:%S", &time) == nullptr) return "";
  const std::time_t seconds = ::timegm(&time);
  std::tm utc{};
  ::gmtime_r(&seconds, &utc);
  char buffer[64];
  const auto length = std::strftime(buffer, sizeof buffer, "%a, %d %b %Y %H:%M:%S GMT", &utc);
  return std::string(buffer, length);
}

Response file_response(const Request& request, std::shared_ptr<ReadableFile> file,
                       const FileDescription& description) {
  const std::string etag = etag_of(description);
  const std::string media_type =
      description.media_type.empty() ? "application/octet-stream" : description.media_type;
  const std::string modified = http_date(description.modified);
  auto common = [&](Response& response) {
    response.set_header("ETag", etag);
    response.set_header("Accept-Ranges", "bytes");
    if (!modified.empty()) response.set_header("Last-Modified", modified);
    response.set_header("Cache-Control", "private, max-age=3600");
  };

  if (const auto none_match = request.header("if-none-match");
      !none_match.empty() && matches_etag(none_match, etag)) {
    Response response;
    response.status = 304;
    common(response);
    return response;
  }

  Response response;
  common(response);
  response.set_header("Content-Disposition", content_disposition(description));
  auto range_header = request.header("range");
  // If-Range: the ranges apply only when the client's copy is still current.
  if (const auto if_range = request.header("if-range"); !if_range.empty() && if_range != etag) {
    range_header = {};
  }
  if (range_header.empty()) {
    response.set_header("Content-Type", media_type);
    response.segments.push_back({"", std::move(file), 0, description.size});
    return response;
  }
  auto ranges = parse_range(range_header, description.size);
  if (!ranges) {
    auto refused = problem_response(416, ranges.error().message(), request.path);
    refused.set_header("Content-Range", "bytes */" + std::to_string(description.size));
    common(refused);
    return refused;
  }
  response.status = 206;
  const std::string total = std::to_string(description.size);
  if (ranges->size() == 1) {
    const auto& range = ranges->front();
    response.set_header("Content-Type", media_type);
    response.set_header("Content-Range", "bytes " + std::to_string(range.first) + "-" +
                                             std::to_string(range.last) + "/" + total);
    response.segments.push_back({"", std::move(file), range.first, range.last - range.first + 1});
    return response;
  }
  const std::string boundary = "mura-" + description.digest.substr(0, 24);
  response.set_header("Content-Type", "multipart/byteranges; boundary=" + boundary);
  for (const auto& range : *ranges) {
    response.segments.push_back({"\r\n--" + boundary + "\r\nContent-Type: " + media_type +
                                     "\r\nContent-Range: bytes " + std::to_string(range.first) +
                                     "-" + std::to_string(range.last) + "/" + total + "\r\n\r\n",
                                 nullptr, 0, 0});
    response.segments.push_back({"", file, range.first, range.last - range.first + 1});
  }
  response.segments.push_back({"\r\n--" + boundary + "--\r\n", nullptr, 0, 0});
  return response;
}

}  // namespace mura::http
