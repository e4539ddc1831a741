// A deliberately small blocking HTTP/1.1 client over POSIX sockets for the server tests: it sends
// raw bytes (so tests can send malformed, partial, pipelined or slow requests) and reads responses
// framed by Content-Length.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>

namespace mura::http::testing {

struct RawResponse {
  int status = 0;
  std::map<std::string, std::string> headers;  // names in lower case
  std::string body;
  std::string header(const std::string& name) const;
};

class Connection {
 public:
  // Connects to 127.0.0.1:port; throws std::runtime_error when it cannot.
  explicit Connection(std::uint16_t port);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  void send(const std::string& bytes);
  // The next response; std::nullopt when the server closed the connection first or nothing
  // arrived within `timeout`.
  std::optional<RawResponse> receive(std::chrono::milliseconds timeout = std::chrono::seconds(10));
  // True when the server has closed the connection (reads end) within `timeout`.
  bool closed_within(std::chrono::milliseconds timeout);

 private:
  bool fill(std::chrono::steady_clock::time_point deadline);
  int socket_ = -1;
  std::string buffer_;
};

// One request on a fresh connection: "GET /x HTTP/1.1" with Host and Connection: close.
std::optional<RawResponse> fetch(std::uint16_t port, const std::string& method,
                                 const std::string& target, const std::string& body = "",
                                 const std::string& extra_headers = "");

}  // namespace mura::http::testing
