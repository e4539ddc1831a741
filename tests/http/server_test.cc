// The HTTP server over real sockets: keep-alive, pipelining, size limits, timeouts against a
// slow-loris client, rate limiting, a slow handler that must not stall others, and a graceful stop
// that finishes the request in flight; fast paths answered on the I/O thread.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <future>
#include <optional>
#include <stdexcept>
#include <thread>

#include "http/server.h"
#include "http_client.h"

namespace mura::http {
namespace {

using namespace std::chrono_literals;
using testing::Connection;
using testing::fetch;

class ServerTest : public ::testing::Test {
 protected:
  void start(ServerOptions options = {}) {
    options.port = 0;
    auto server = Server::start(
        options,
        [this](const Request& request) {
          if (request.path == "/slow") {
            slow_started_ = true;
            std::this_thread::sleep_for(800ms);
            slow_finished_ = true;
          }
          auto response = Response::text(200, request.method + " " + request.target + " " +
                                                   std::to_string(request.body.size()),
                                         "text/plain");
          if (request.path == "/bad-headers") {
            response.set_header("X-Good", "kept");
            response.set_header("X-Split", "a\r\nInjected: yes");
            response.set_header("X-Control", std::string("a\x01b"));
            response.set_header("Bad Name", "x");
            response.set_header("Transfer-Encoding", "chunked");
            response.set_header("Content-Length", "999");
          }
          return response;
        },
        [this](const Exchange&) { ++observed_; },
        [this](const Request& request) -> std::optional<Response> {
          if (request.path == "/quick-throws") throw std::runtime_error("fast path broke");
          if (request.path != "/quick") return std::nullopt;
          ++answered_inline_;
          return Response::text(200, "quick " + request.target, "text/plain");
        });
    ASSERT_TRUE(server.has_value()) << server.error().to_string();
    server_ = std::move(*server);
  }
  std::uint16_t port() const { return server_->port(); }

  std::unique_ptr<Server> server_;
  std::atomic<bool> slow_started_{false};
  std::atomic<bool> slow_finished_{false};
  std::atomic<int> observed_{0};
  std::atomic<int> answered_inline_{0};
};

TEST_F(ServerTest, KeepsConnectionsAliveAndAnswersPipelinedRequestsInOrder) {
  start();
  Connection connection(port());
  connection.send("GET /a HTTP/1.1\r\nHost: x\r\n\r\n");
  auto first = connection.receive();
  ASSERT_TRUE(first);
  EXPECT_EQ(first->status, 200);
  EXPECT_EQ(first->body, "GET /a 0");
  // Three requests in one write: the answers come back in the order asked.
  connection.send("GET /b HTTP/1.1\r\nHost: x\r\n\r\nPOST /c HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nxyz"
                  "GET /d?q=1 HTTP/1.1\r\nHost: x\r\n\r\n");
  for (const std::string expected : {"GET /b 0", "POST /c 3", "GET /d?q=1 0"}) {
    auto response = connection.receive();
    ASSERT_TRUE(response) << expected;
    EXPECT_EQ(response->body, expected);
  }
  // The observer runs once a response is written, which the client may see first.
  for (int wait = 0; wait < 100 && observed_.load() < 4; ++wait) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  EXPECT_EQ(observed_.load(), 4);
}

TEST_F(ServerTest, AnswersFastPathsInlineAndTheRestOnWorkersInOrder) {
  start();
  Connection connection(port());
  // A worker's answer, an inline one, and a fast path that fails and falls back to the worker.
  connection.send("GET /slow HTTP/1.1\r\nHost: x\r\n\r\nGET /quick?a=1 HTTP/1.1\r\nHost: x\r\n\r\n"
                  "GET /quick-throws HTTP/1.1\r\nHost: x\r\n\r\n");
  for (const std::string expected : {"GET /slow 0", "quick /quick?a=1", "GET /quick-throws 0"}) {
    auto response = connection.receive();
    ASSERT_TRUE(response) << expected;
    EXPECT_EQ(response->status, 200);
    EXPECT_EQ(response->body, expected);
  }
  EXPECT_EQ(answered_inline_.load(), 1);
  EXPECT_TRUE(slow_finished_.load());
}

TEST_F(ServerTest, WritesOnlyWellFormedResponseHeaders) {
  start();
  auto response = fetch(port(), "GET", "/bad-headers");
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 200);
  EXPECT_EQ(response->body, "GET /bad-headers 0");  // the server's Content-Length, not 999
  EXPECT_EQ(response->header("x-good"), "kept");
  for (const char* dropped : {"x-split", "injected", "x-control", "bad name", "transfer-encoding"})
    EXPECT_EQ(response->header(dropped), "") << dropped;
}

TEST_F(ServerTest, RefusesOversizedHeadersAndBodies) {
  ServerOptions options;
  options.header_limit = 1024;
  options.body_limit = 100;
  start(options);
  auto big_header = fetch(port(), "GET", "/", "", "X-Big: " + std::string(4000, 'a') + "\r\n");
  ASSERT_TRUE(big_header);
  EXPECT_EQ(big_header->status, 431);
  auto big_body = fetch(port(), "POST", "/", std::string(101, 'b'));
  ASSERT_TRUE(big_body);
  EXPECT_EQ(big_body->status, 413);
  EXPECT_EQ(big_body->header("content-type"), "application/problem+json");
  auto just_fits = fetch(port(), "POST", "/", std::string(100, 'b'));
  ASSERT_TRUE(just_fits);
  EXPECT_EQ(just_fits->status, 200);
}

TEST_F(ServerTest, DropsASlowLorisClient) {
  ServerOptions options;
  options.header_timeout = 1s;
  start(options);
  Connection connection(port());
  connection.send("GET / HTTP/1.1\r\nHost: x\r\n");  // and never the blank line
  EXPECT_TRUE(connection.closed_within(4s));
  // The server still serves others.
  auto other = fetch(port(), "GET", "/");
  ASSERT_TRUE(other);
  EXPECT_EQ(other->status, 200);
}

TEST_F(ServerTest, RateLimitsEachClientWithRetryAfter) {
  ServerOptions options;
  options.rate_per_second = 1;
  options.rate_burst = 2;
  start(options);
  int limited = 0;
  std::string retry_after;
  for (int i = 0; i < 5; ++i) {
    auto response = fetch(port(), "GET", "/");
    ASSERT_TRUE(response);
    if (response->status == 429) {
      ++limited;
      retry_after = response->header("retry-after");
    } else {
      EXPECT_EQ(response->status, 200);
    }
  }
  EXPECT_GE(limited, 2);
  EXPECT_FALSE(retry_after.empty());
}

TEST_F(ServerTest, ASlowRequestDoesNotStallOthers) {
  start();
  auto slow = std::async(std::launch::async, [this] { return fetch(port(), "GET", "/slow"); });
  while (!slow_started_) std::this_thread::sleep_for(5ms);
  auto fast = fetch(port(), "GET", "/fast");
  ASSERT_TRUE(fast);
  EXPECT_EQ(fast->status, 200);
  EXPECT_FALSE(slow_finished_.load()) << "the fast request waited for the slow one";
  auto slow_response = slow.get();
  ASSERT_TRUE(slow_response);
  EXPECT_EQ(slow_response->body, "GET /slow 0");
}

TEST_F(ServerTest, StopFinishesTheRequestInFlight) {
  start();
  auto slow = std::async(std::launch::async, [this] { return fetch(port(), "GET", "/slow"); });
  while (!slow_started_) std::this_thread::sleep_for(5ms);
  const auto old_port = port();
  server_->stop(5s);
  auto response = slow.get();
  ASSERT_TRUE(response) << "the in-flight request was cut off";
  EXPECT_EQ(response->status, 200);
  EXPECT_TRUE(slow_finished_.load());
  EXPECT_THROW(Connection connection(old_port), std::runtime_error);
}

TEST_F(ServerTest, AnswersMalformedRequestsWith400) {
  start();
  Connection connection(port());
  connection.send("GARBAGE\r\n\r\n");
  auto response = connection.receive();
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 400);
}

}  // namespace
}  // namespace mura::http
