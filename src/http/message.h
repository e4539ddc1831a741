// HTTP requests and responses as plain values, so that routes and handlers never see Boost.Beast
// (which stays inside server.cc). A response body is either a string or a list of segments —
// literal bytes and ranges of open files — that the server streams without loading files whole.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/file_system.h"

namespace mura::http {

using Fields = std::vector<std::pair<std::string, std::string>>;

struct Request {
  std::string method;  // "GET", "POST", ...
  std::string target;  // as sent: "/api/v1/records?kind=collection"
  std::string path;    // percent-decoded path without the query: "/api/v1/records"
  Fields query;        // decoded query arguments in order; repeated names kept
  Fields headers;      // names in lower case
  std::string body;
  std::string client;  // the peer's IP address
  bool keep_alive = true;

  // The first header with this (lower-case) name; empty when absent.
  std::string_view header(std::string_view name) const;
  // The first query argument with this name; std::nullopt when absent.
  std::optional<std::string_view> argument(std::string_view name) const;
};

// A piece of a streamed body: `bytes`, or `length` bytes of `file` from `offset`.
struct BodySegment {
  std::string bytes;
  std::shared_ptr<ReadableFile> file;
  std::uint64_t offset = 0;
  std::uint64_t length = 0;
  std::uint64_t size() const { return file ? length : bytes.size(); }
};

struct Response {
  int status = 200;
  Fields headers;     // names as sent ("Content-Type")
  std::string body;   // used when `segments` is empty
  std::vector<BodySegment> segments;
  // Set by the router: the route pattern for metrics and the access log ("/api/v1/records/{id}").
  std::string route;
  // Set by the application: who asked, for the access log (never sent).
  std::string user;

  // Replaces a header of the same name (case-insensitive) or adds it.
  void set_header(std::string_view name, std::string value);
  std::string_view header(std::string_view name) const;
  std::uint64_t body_size() const;

  static Response text(int status, std::string body, std::string content_type);
};

// "%41%2F" -> "A/", "+" kept. InvalidArgument for a malformed escape or an encoded NUL.
Result<std::string> percent_decode(std::string_view text, bool plus_is_space = false);
std::string percent_encode(std::string_view text);  // everything but unreserved characters
// Splits "a=1&b=x%20y" into decoded pairs ("+" is a space). InvalidArgument on a bad escape.
Result<Fields> parse_query(std::string_view query);

}  // namespace mura::http
