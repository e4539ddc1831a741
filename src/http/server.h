// The HTTP/1.1 server: Boost.Beast on Asio, kept inside server.cc. A fixed pool of I/O threads
// accepts and reads requests; a separate worker pool runs the handler, so a slow request (a
// catalog query, a large image) never stalls the others; an InlineHandler may first answer what
// it can without blocking (a cached rendering) on the I/O thread, saving the hop to the pool. It
// enforces the limits a public server
// needs: header and body sizes, read/write/idle timeouts (a slow-loris client is dropped), a cap on
// connections and a per-client rate limit (429 with Retry-After). Requests on one connection are
// answered in order (pipelining-safe). stop() finishes in-flight requests and closes idle
// connections. Thread-safe.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "base/result.h"
#include "http/message.h"

namespace mura::http {

struct ServerOptions {
  std::string address = "127.0.0.1";
  std::uint16_t port = 8080;  // 0 picks a free port (tests)
  int io_threads = 2;
  int worker_threads = 4;
  int max_connections = 1024;
  std::size_t header_limit = 16 * 1024;        // 431 beyond
  std::size_t body_limit = 64 * 1024 * 1024;    // 413 beyond
  std::chrono::seconds header_timeout{10};      // the whole header must arrive within this
  std::chrono::seconds body_timeout{120};
  std::chrono::seconds write_timeout{120};
  std::chrono::seconds idle_timeout{30};        // keep-alive connection without a request
  double rate_per_second = 0;                   // per client address; 0 = unlimited
  double rate_burst = 0;
};

// What the server reports about each answered request (access log, metrics).
struct Exchange {
  const Request& request;
  const Response& response;
  std::uint64_t bytes_sent = 0;
  std::chrono::microseconds duration{0};
};

using Handler = std::function<Response(const Request&)>;
// Runs on the I/O thread before the hop to the worker pool and answers what it can without
// blocking; nullopt sends the request on to the Handler.
using InlineHandler = std::function<std::optional<Response>(const Request&)>;
using Observer = std::function<void(const Exchange&)>;

class Server {
 public:
  // Binds and listens; Unavailable naming the address when it cannot (port in use).
  static Result<std::unique_ptr<Server>> start(const ServerOptions& options, Handler handler,
                                               Observer observer,
                                               InlineHandler inline_handler = {});
  ~Server();  // stops and joins

  // The bound port (useful with port 0).
  std::uint16_t port() const;
  // Stops accepting, lets in-flight requests finish (up to `grace`), then closes every connection
  // and joins the threads. Idempotent.
  void stop(std::chrono::milliseconds grace = std::chrono::seconds(10));
  // Blocks SIGTERM and SIGINT in the calling thread and in every thread it starts afterwards, so
  // that run_until_signal() receives them however early they arrive. Call before start().
  static void hold_stop_signals();
  // Waits until SIGTERM or SIGINT arrives, then stop()s.
  void run_until_signal();
  // Connections open right now.
  int connections() const;

  struct State;  // opaque: Asio and Beast stay in server.cc

 private:
  explicit Server(std::unique_ptr<State> state);
  std::unique_ptr<State> state_;
};

}  // namespace mura::http
