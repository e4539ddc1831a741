#include "http/server.h"

#include <algorithm>
#include <array>
#include <atomic>
#include <cctype>
#include <cmath>
#include <condition_variable>
#include <csignal>
#include <pthread.h>
#include <signal.h>
#include <iostream>
#include <mutex>
#include <optional>
#include <thread>
#include <unordered_map>

#include <boost/asio/dispatch.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include "http/problem.h"

namespace mura::http {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;
using Clock = std::chrono::steady_clock;

constexpr std::size_t kChunkSize = 256 * 1024;

// Token buckets per client address. Old buckets are dropped when the table grows large.
class RateLimiter {
 public:
  RateLimiter(double rate, double burst) : rate_(rate), burst_(std::max(burst, rate)) {}

  // 0 when the request may go ahead, else the seconds the client should wait.
  int admit(const std::string& client) {
    if (rate_ <= 0) return 0;
    const auto now = Clock::now();
    std::lock_guard lock(mutex_);
    if (buckets_.size() > 100000) buckets_.clear();
    auto [it, inserted] = buckets_.try_emplace(client, Bucket{burst_, now});
    auto& bucket = it->second;
    if (!inserted) {
      const std::chrono::duration<double> elapsed = now - bucket.last;
      bucket.tokens = std::min(burst_, bucket.tokens + elapsed.count() * rate_);
      bucket.last = now;
    }
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return std::max(1, static_cast<int>(std::ceil((1 - bucket.tokens) / rate_)));
  }

 private:
  struct Bucket {
    double tokens;
    Clock::time_point last;
  };
  const double rate_;
  const double burst_;
  std::mutex mutex_;
  std::unordered_map<std::string, Bucket> buckets_;  // GUARDED_BY(mutex_)
};

// RFC 9110 token characters.
bool is_field_name(std::string_view name) {
  if (name.empty()) return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) ||
           std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
  });
}

// Visible characters, spaces and tabs; no other control character.
bool is_field_value(std::string_view value) {
  return std::none_of(value.begin(), value.end(), [](char c) {
    const auto byte = static_cast<unsigned char>(c);
    return (byte < 0x20 && c != '\t') || byte == 0x7f;
  });
}

std::string lower(std::string_view text) {
  std::string out(text);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

class Session;

}  // namespace

struct Server::State {
  ServerOptions options;
  Handler handler;
  InlineHandler inline_handler;
  Observer observer;
  asio::io_context io{};
  std::optional<asio::executor_work_guard<asio::io_context::executor_type>> work;
  tcp::acceptor acceptor{io};
  asio::thread_pool workers;
  std::vector<std::thread> io_threads;
  RateLimiter limiter;
  std::atomic<int> connections{0};
  std::atomic<bool> stopping{false};
  std::atomic<bool> stopped{false};
  std::uint16_t port = 0;
  std::mutex sessions_mutex;
  std::unordered_map<Session*, std::weak_ptr<Session>> sessions;  // GUARDED_BY(sessions_mutex)
  std::mutex stop_mutex;
  std::condition_variable idle;

  explicit State(const ServerOptions& opts)
      : options(opts),
        workers(static_cast<std::size_t>(std::max(1, opts.worker_threads))),
        limiter(opts.rate_per_second, opts.rate_burst) {}

  void accept();
};

namespace {

class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(tcp::socket socket, Server::State& state)
      : stream_(std::move(socket)), state_(state) {
    beast::error_code ignored;
    const auto endpoint = stream_.socket().remote_endpoint(ignored);
    client_ = ignored ? std::string("unknown") : endpoint.address().to_string();
  }

  ~Session() {
    std::lock_guard lock(state_.stop_mutex);
    if (--state_.connections == 0) state_.idle.notify_all();
  }

  void start() {
    {
      std::lock_guard lock(state_.sessions_mutex);
      state_.sessions[this] = weak_from_this();
    }
    asio::dispatch(stream_.get_executor(), [self = shared_from_this()] { self->wait_for_request(); });
  }

  // Called from stop(): closes the connection unless a request is being answered (that one
  // closes itself after its response because the server is stopping).
  void close_if_idle() {
    asio::post(stream_.get_executor(), [self = shared_from_this()] {
      if (!self->busy_) self->close();
    });
  }

  void force_close() {
    asio::post(stream_.get_executor(), [self = shared_from_this()] { self->close(); });
  }

 private:
  void forget() {
    std::lock_guard lock(state_.sessions_mutex);
    state_.sessions.erase(this);
  }

  void close() {
    beast::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_both, ignored);
    stream_.socket().close(ignored);
  }

  void wait_for_request() {
    busy_ = false;
    if (state_.stopping) return finish();
    if (buffer_.size() > 0) return read_header();
    // An idle keep-alive connection waits up to idle_timeout for its next request's first bytes.
    stream_.expires_after(state_.options.idle_timeout);
    stream_.async_read_some(buffer_.prepare(4096),
                            [self = shared_from_this()](beast::error_code error, std::size_t n) {
                              if (error) return self->finish();
                              self->buffer_.commit(n);
                              self->read_header();
                            });
  }

  void read_header() {
    busy_ = true;
    started_ = Clock::now();
    parser_.emplace();
    parser_->header_limit(static_cast<std::uint32_t>(state_.options.header_limit));
    parser_->body_limit(state_.options.body_limit);
    stream_.expires_after(state_.options.header_timeout);
    bhttp::async_read_header(stream_, buffer_, *parser_,
                             [self = shared_from_this()](beast::error_code error, std::size_t) {
                               self->on_header(error);
                             });
  }

  void refuse_body() {
    reply_and_close(problem_response(
        413, "the request body exceeds the limit of " + std::to_string(state_.options.body_limit) +
                 " bytes",
        ""));
  }

  void on_header(beast::error_code error) {
    if (error == bhttp::error::header_limit) {
      return reply_and_close(problem_response(
          431, "the request header exceeds " + std::to_string(state_.options.header_limit) + " bytes",
          ""));
    }
    // Beast checks a declared Content-Length against the body limit while parsing the header.
    if (error == bhttp::error::body_limit) {
      return refuse_body();
    }
    if (error == beast::error::timeout || error == bhttp::error::end_of_stream ||
        error == asio::error::eof || error == asio::error::connection_reset ||
        error == asio::error::operation_aborted) {
      return finish();
    }
    if (error) {
      return reply_and_close(problem_response(400, "malformed HTTP request: " + error.message(), ""));
    }
    const auto& header = parser_->get();
    if (const auto length = parser_->content_length();
        length && *length > state_.options.body_limit) {
      return reply_and_close(problem_response(
          413, "the request body of " + std::to_string(*length) + " bytes exceeds the limit of " +
                   std::to_string(state_.options.body_limit) + " bytes",
          std::string(header.target().data(), header.target().size())));
    }
    stream_.expires_after(state_.options.body_timeout);
    bhttp::async_read(stream_, buffer_, *parser_,
                      [self = shared_from_this()](beast::error_code read_error, std::size_t) {
                        self->on_request(read_error);
                      });
  }

  void on_request(beast::error_code error) {
    if (error == bhttp::error::body_limit) {
      return refuse_body();
    }
    if (error) return finish();
    auto message = parser_->release();
    parser_.reset();
    auto request = std::make_shared<Request>();
    const auto method = message.method_string();
    request->method = std::string(method.data(), method.size());
    const auto target_text = message.target();
    request->target = std::string(target_text.data(), target_text.size());
    request->client = client_;
    request->keep_alive = message.keep_alive();
    for (const auto& field : message) {
      const auto name = field.name_string();
      const auto value = field.value();
      request->headers.emplace_back(lower(std::string_view(name.data(), name.size())),
                                    std::string(value.data(), value.size()));
    }
    request->body = std::move(message.body());
    head_ = message.method() == bhttp::verb::head;
    keep_alive_ = request->keep_alive;

    const std::string_view target = request->target;
    const auto question = target.find('?');
    auto path = percent_decode(target.substr(0, question));
    auto query = parse_query(question == std::string_view::npos ? std::string_view()
                                                                 : target.substr(question + 1));
    if (!path || !query || target.empty() || target.front() != '/') {
      const std::string detail = !path    ? path.error().message()
                                 : !query ? query.error().message()
                                          : "the request target must be an absolute path";
      return respond(request, problem_response(400, "bad request target: " + detail, target));
    }
    request->path = std::move(*path);
    request->query = std::move(*query);

    if (const int wait = state_.limiter.admit(client_); wait > 0) {
      auto response = problem_response(
          429, "too many requests from " + client_ + "; retry after " + std::to_string(wait) + " s",
          request->path);
      response.set_header("Retry-After", std::to_string(wait));
      return respond(request, std::move(response));
    }
    if (state_.inline_handler) {
      std::optional<Response> answered;
      try {
        answered = state_.inline_handler(*request);
      } catch (const std::exception& exception) {
        std::cerr << "mura serve: fast path failed on " << request->target << ": "
                  << exception.what() << "\n";  // the worker runs the full handler instead
      }
      if (answered) return respond(request, std::move(*answered));
    }
    asio::post(state_.workers, [self = shared_from_this(), request] {
      Response response;
      try {
        response = self->state_.handler(*request);
      } catch (const std::exception& exception) {
        std::cerr << "mura serve: handler failed on " << request->target << ": "
                  << exception.what() << "\n";
        response = problem_response(500, "the server failed to complete the request", request->path);
      }
      asio::post(self->stream_.get_executor(),
                 [self, request, response = std::move(response)]() mutable {
                   self->respond(request, std::move(response));
                 });
    });
  }

  void reply_and_close(Response response) {
    keep_alive_ = false;
    head_ = false;  // not the answer to the HEAD request before it
    auto request = std::make_shared<Request>();
    request->method = "?";
    request->client = client_;
    respond(request, std::move(response));
  }

  void respond(std::shared_ptr<Request> request, Response response) {
    request_ = std::move(request);
    response_ = std::move(response);
    if (state_.stopping) keep_alive_ = false;
    const bool has_body = response_.status != 204 && response_.status != 304;
    header_ = head_text(response_, has_body, keep_alive_);
    bytes_sent_ = 0;
    segment_ = 0;
    segment_offset_ = 0;
    stream_.expires_after(state_.options.write_timeout);
    auto written = [self = shared_from_this()](beast::error_code error, std::size_t n) {
      if (error) return self->finish();
      self->bytes_sent_ += n;
      self->on_written();
    };
    if (!has_body || head_) return asio::async_write(stream_, asio::buffer(header_), written);
    if (response_.segments.empty()) {
      // Head and body in one gather write: one system call, and no second packet to wait for.
      const std::array<asio::const_buffer, 2> buffers{asio::buffer(header_),
                                                      asio::buffer(response_.body)};
      return asio::async_write(stream_, buffers, written);
    }
    asio::async_write(stream_, asio::buffer(header_),
                      [self = shared_from_this()](beast::error_code error, std::size_t n) {
                        if (error) return self->finish();
                        self->bytes_sent_ += n;
                        self->write_segment();
                      });
  }

  // The status line and header fields. Handlers' own Content-Length, Connection, Server and
  // Transfer-Encoding are replaced by the server's; a field whose name is not a token or whose
  // value holds a control character (a line break would split the response) is dropped, and
  // said so on stderr.
  static std::string head_text(const Response& response, bool has_body, bool keep_alive) {
    const auto status = static_cast<unsigned>(response.status);
    const auto reason = bhttp::obsolete_reason(bhttp::int_to_status(status));
    std::string text = "HTTP/1.1 " + std::to_string(status) + " ";
    text.append(reason.data(), reason.size());
    text += "\r\n";
    for (const auto& [name, value] : response.headers) {
      const std::string key = lower(name);
      if (key == "content-length" || key == "connection" || key == "server" ||
          key == "transfer-encoding") {
        continue;
      }
      if (!is_field_name(name) || !is_field_value(value)) {
        std::cerr << "mura serve: dropped the malformed response header \"" << key << "\"\n";
        continue;
      }
      text += name + ": " + value + "\r\n";
    }
    text += "Server: Mura/0.1\r\n";
    if (has_body) text += "Content-Length: " + std::to_string(response.body_size()) + "\r\n";
    if (!keep_alive) text += "Connection: close\r\n";
    text += "\r\n";
    return text;
  }

  void write_segment() {
    while (segment_ < response_.segments.size() &&
           segment_offset_ >= response_.segments[segment_].size()) {
      ++segment_;
      segment_offset_ = 0;
    }
    if (segment_ >= response_.segments.size()) return on_written();
    auto& segment = response_.segments[segment_];
    asio::const_buffer buffer;
    if (!segment.file) {
      buffer = asio::buffer(segment.bytes.data() + segment_offset_,
                            segment.bytes.size() - segment_offset_);
    } else {
      chunk_.resize(kChunkSize);
      const auto want = std::min<std::uint64_t>(kChunkSize, segment.length - segment_offset_);
      auto read = segment.file->read_at(segment.offset + segment_offset_,
                                        std::span<char>(chunk_.data(), want));
      if (!read || *read == 0) {
        // The file shrank or failed under us: the promised length cannot be kept, so the
        // connection is closed and the client sees a short body.
        std::cerr << "mura serve: reading a file for " << request_->target << " failed: "
                  << (read ? std::string("unexpected end of file") : read.error().message())
                  << "\n";
        return finish();
      }
      buffer = asio::buffer(chunk_.data(), *read);
    }
    stream_.expires_after(state_.options.write_timeout);
    asio::async_write(stream_, buffer,
                      [self = shared_from_this()](beast::error_code error, std::size_t n) {
                        if (error) return self->finish();
                        self->bytes_sent_ += n;
                        self->segment_offset_ += n;
                        self->write_segment();
                      });
  }

  void on_written() {
    if (state_.observer && request_) {
      const auto elapsed =
          std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - started_);
      state_.observer(Exchange{*request_, response_, bytes_sent_, elapsed});
    }
    request_.reset();
    response_ = Response();
    header_.clear();
    if (!keep_alive_) {
      beast::error_code ignored;
      stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
      return finish();
    }
    wait_for_request();
  }

  void finish() {
    busy_ = false;
    forget();
    close();
  }

  beast::tcp_stream stream_;
  Server::State& state_;
  std::string client_;
  beast::flat_buffer buffer_;
  std::optional<bhttp::request_parser<bhttp::string_body>> parser_;
  std::shared_ptr<Request> request_;
  Response response_;
  std::string header_;  // the response's head, kept alive while it is written
  std::string chunk_;
  std::size_t segment_ = 0;
  std::uint64_t segment_offset_ = 0;
  std::uint64_t bytes_sent_ = 0;
  Clock::time_point started_;
  bool head_ = false;
  bool keep_alive_ = true;
  std::atomic<bool> busy_{false};
};

}  // namespace

void Server::State::accept() {
  acceptor.async_accept(asio::make_strand(io), [this](beast::error_code error, tcp::socket socket) {
    if (error) {
      if (!acceptor.is_open() || stopping) return;
      return accept();
    }
    if (connections >= options.max_connections) {
      // Over the cap: refuse at once rather than queue; the client may retry.
      static constexpr std::string_view kBusy =
          "HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\nRetry-After: 1\r\n"
          "Connection: close\r\n\r\n";
      beast::error_code ignored;
      asio::write(socket, asio::buffer(kBusy), ignored);
      socket.close(ignored);
    } else {
      ++connections;
      // A file's response goes out as a head write and body writes; with Nagle's algorithm a
      // small write waits for the client's delayed ACK (40 ms on Linux).
      beast::error_code ignored;
      socket.set_option(tcp::no_delay(true), ignored);
      std::make_shared<Session>(std::move(socket), *this)->start();
    }
    accept();
  });
}

Result<std::unique_ptr<Server>> Server::start(const ServerOptions& options, Handler handler,
                                              Observer observer, InlineHandler inline_handler) {
  auto state = std::make_unique<State>(options);
  state->handler = std::move(handler);
  state->inline_handler = std::move(inline_handler);
  state->observer = std::move(observer);
  beast::error_code error;
  const auto address = asio::ip::make_address(options.address, error);
  if (error) {
    return invalid_argument_error("serve: \"" + options.address +
                                  "\" is not an IP address (use e.g. 127.0.0.1 or 0.0.0.0)");
  }
  const tcp::endpoint endpoint(address, options.port);
  state->acceptor.open(endpoint.protocol(), error);
  if (!error) state->acceptor.set_option(asio::socket_base::reuse_address(true), error);
  if (!error) state->acceptor.bind(endpoint, error);
  if (!error) state->acceptor.listen(asio::socket_base::max_listen_connections, error);
  if (error) {
    return unavailable_error("serve: cannot listen on " + options.address + ":" +
                             std::to_string(options.port) + ": " + error.message());
  }
  state->port = state->acceptor.local_endpoint().port();
  state->work.emplace(state->io.get_executor());
  state->accept();
  for (int i = 0; i < std::max(1, options.io_threads); ++i) {
    state->io_threads.emplace_back([io = &state->io] { io->run(); });
  }
  return std::unique_ptr<Server>(new Server(std::move(state)));
}

Server::Server(std::unique_ptr<State> state) : state_(std::move(state)) {}

Server::~Server() { stop(); }

std::uint16_t Server::port() const { return state_->port; }

int Server::connections() const { return state_->connections; }

void Server::stop(std::chrono::milliseconds grace) {
  if (state_->stopped.exchange(true)) return;
  state_->stopping = true;
  asio::post(state_->io, [this] {
    beast::error_code ignored;
    state_->acceptor.close(ignored);
  });
  auto each_session = [this](auto action) {
    std::vector<std::shared_ptr<Session>> live;
    {
      std::lock_guard lock(state_->sessions_mutex);
      for (auto& [pointer, weak] : state_->sessions) {
        if (auto session = weak.lock()) live.push_back(std::move(session));
      }
    }
    for (auto& session : live) action(*session);
  };
  each_session([](Session& session) { session.close_if_idle(); });
  {
    std::unique_lock lock(state_->stop_mutex);
    state_->idle.wait_for(lock, grace, [this] { return state_->connections == 0; });
  }
  each_session([](Session& session) { session.force_close(); });
  state_->work.reset();
  state_->workers.join();
  {
    std::unique_lock lock(state_->stop_mutex);
    state_->idle.wait_for(lock, std::chrono::seconds(2),
                          [this] { return state_->connections == 0; });
  }
  state_->io.stop();
  for (auto& thread : state_->io_threads) {
    if (thread.joinable()) thread.join();
  }
}

namespace {

sigset_t stop_signals() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  return set;
}

}  // namespace

void Server::hold_stop_signals() {
  const sigset_t set = stop_signals();
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
}

void Server::run_until_signal() {
  hold_stop_signals();
  const sigset_t set = stop_signals();
  int received = 0;
  while (sigwait(&set, &received) != 0) {
  }
  stop();
}

}  // namespace mura::http
