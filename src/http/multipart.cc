#include "http/multipart.h"

#include <algorithm>
#include <cctype>
#include <optional>

namespace mura::http {
namespace {

constexpr std::size_t kMaxParts = 1000;
constexpr std::size_t kMaxBoundary = 70;  // RFC 2046 §5.1.1

std::string lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

// The parameters after the first ';' of a header value (`type; a=1; b="x y"`), names in lower
// case, quoted strings unquoted. nullopt when a quoted string is not closed.
std::optional<std::vector<std::pair<std::string, std::string>>> parameters(std::string_view value) {
  std::vector<std::pair<std::string, std::string>> out;
  std::size_t at = value.find(';');
  while (at != std::string_view::npos && at < value.size()) {
    ++at;
    const std::size_t equals = value.find('=', at);
    if (equals == std::string_view::npos) break;
    const std::string name = lower(trim(value.substr(at, equals - at)));
    std::size_t cursor = equals + 1;
    while (cursor < value.size() && (value[cursor] == ' ' || value[cursor] == '\t')) ++cursor;
    std::string text;
    if (cursor < value.size() && value[cursor] == '"') {
      ++cursor;
      bool closed = false;
      for (; cursor < value.size(); ++cursor) {
        if (value[cursor] == '\\' && cursor + 1 < value.size()) {
          text += value[++cursor];
        } else if (value[cursor] == '"') {
          closed = true;
          ++cursor;
          break;
        } else {
          text += value[cursor];
        }
      }
      if (!closed) return std::nullopt;
      at = value.find(';', cursor);
    } else {
      const std::size_t end = value.find(';', cursor);
      text = std::string(trim(value.substr(cursor, end == std::string_view::npos ? end : end - cursor)));
      at = end;
    }
    out.emplace_back(name, std::move(text));
  }
  return out;
}

std::optional<std::string> parameter(const std::vector<std::pair<std::string, std::string>>& list,
                                     std::string_view name) {
  for (const auto& [key, value] : list) {
    if (key == name) return value;
  }
  return std::nullopt;
}

Error part_error(std::size_t index, const std::string& problem) {
  return invalid_argument_error("multipart body, part " + std::to_string(index) + ": " + problem);
}

// Fills `part` from the header block of part `index` (the lines between the delimiter and the
// blank line).
Status read_headers(std::string_view block, std::size_t index, FormPart& part) {
  bool disposition = false;
  while (!block.empty()) {
    const std::size_t end = block.find("\r\n");
    const std::string_view line = block.substr(0, end);
    block = end == std::string_view::npos ? std::string_view() : block.substr(end + 2);
    const std::size_t colon = line.find(':');
    if (colon == std::string_view::npos || colon == 0) {
      return part_error(index, "header line \"" + std::string(line.substr(0, 60)) + "\" has no name");
    }
    const std::string name = lower(trim(line.substr(0, colon)));
    const std::string_view value = trim(line.substr(colon + 1));
    if (name == "content-type") {
      part.content_type = std::string(value);
    } else if (name == "content-disposition") {
      disposition = true;
      if (lower(trim(value.substr(0, value.find(';')))) != "form-data") {
        return part_error(index, "Content-Disposition is \"" + std::string(value.substr(0, 60)) +
                                     "\", not form-data");
      }
      auto list = parameters(value);
      if (!list) return part_error(index, "Content-Disposition has an unclosed quoted string");
      auto field = parameter(*list, "name");
      if (!field || field->empty()) return part_error(index, "Content-Disposition names no field");
      part.name = *field;
      part.file_name = parameter(*list, "filename").value_or("");
    }
  }
  if (!disposition) return part_error(index, "no Content-Disposition header");
  return ok_status();
}

}  // namespace

bool is_multipart_form(std::string_view content_type) {
  return lower(trim(content_type.substr(0, content_type.find(';')))) == "multipart/form-data";
}

Result<std::vector<FormPart>> parse_multipart(std::string_view content_type, std::string_view body) {
  if (!is_multipart_form(content_type)) {
    return invalid_argument_error("Content-Type is \"" + std::string(content_type.substr(0, 80)) +
                                  "\", not multipart/form-data");
  }
  auto list = parameters(content_type);
  if (!list) return invalid_argument_error("Content-Type: a quoted parameter is not closed");
  const std::string boundary = parameter(*list, "boundary").value_or("");
  if (boundary.empty() || boundary.size() > kMaxBoundary) {
    return invalid_argument_error(
        "Content-Type: multipart/form-data needs a boundary parameter of 1 to 70 characters");
  }
  const std::string delimiter = "--" + boundary;
  const std::string separator = "\r\n" + delimiter;

  // The first delimiter opens the body or ends a preamble.
  std::size_t at;
  if (body.substr(0, delimiter.size()) == delimiter) {
    at = delimiter.size();
  } else {
    at = body.find(separator);
    if (at == std::string_view::npos) {
      return invalid_argument_error("multipart body: the boundary \"" + boundary + "\" never occurs");
    }
    at += separator.size();
  }

  std::vector<FormPart> parts;
  for (std::size_t index = 1;; ++index) {
    if (body.substr(at, 2) == "--") return parts;  // the closing delimiter
    while (at < body.size() && (body[at] == ' ' || body[at] == '\t')) ++at;
    if (body.substr(at, 2) != "\r\n") {
      return part_error(index, "the boundary line does not end with CRLF");
    }
    at += 2;
    if (parts.size() == kMaxParts) {
      return invalid_argument_error("multipart body: more than " + std::to_string(kMaxParts) +
                                    " parts");
    }
    FormPart part;
    std::size_t headers_end;
    if (body.substr(at, 2) == "\r\n") {
      headers_end = at;  // no headers at all
    } else {
      headers_end = body.find("\r\n\r\n", at);
      if (headers_end == std::string_view::npos) {
        return part_error(index, "the headers do not end with a blank line");
      }
    }
    MURA_TRY(read_headers(body.substr(at, headers_end - at), index, part));
    const std::size_t content = headers_end + (headers_end == at ? 2 : 4);
    const std::size_t end = body.find(separator, content);
    if (end == std::string_view::npos) {
      return part_error(index, "the closing boundary \"--" + boundary + "--\" is missing");
    }
    part.body = body.substr(content, end - content);
    parts.push_back(std::move(part));
    at = end + separator.size();
  }
}

}  // namespace mura::http
