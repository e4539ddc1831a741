// `mura serve [--repo DIR] [--listen ADDR:PORT] [--base-url URL] [--web DIR] [--threads N]
//             [--access-log FILE|-|off] [--rate N]`
#include "cli/serve_command.h"

#include <atomic>
#include <charconv>
#include <fstream>
#include <iostream>
#include <optional>

#include "cli/invocation.h"
#include "http/app.h"
#include "http/problem.h"
#include "http/server.h"

namespace mura::cli {
namespace {

// Requests a second that one client (IP address) may make, in bursts of twice as many: enough
// for a deep-zoom viewer filling a screen with tiles, not for a scraper at full speed.
constexpr std::int64_t kDefaultRate = 100;

Result<std::pair<std::string, std::uint16_t>> parse_listen(const std::string& listen) {
  const auto colon = listen.rfind(':');
  if (colon == std::string::npos || colon == 0) {
    return invalid_argument_error("--listen \"" + listen + "\" must be ADDRESS:PORT (e.g. 127.0.0.1:8080)");
  }
  unsigned port = 0;
  const std::string text = listen.substr(colon + 1);
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), port);
  if (error != std::errc() || end != text.data() + text.size() || port > 65535) {
    return invalid_argument_error("--listen \"" + listen + "\": \"" + text + "\" is not a port (0-65535)");
  }
  std::string address = listen.substr(0, colon);
  if (address.size() > 2 && address.front() == '[' && address.back() == ']') {
    address = address.substr(1, address.size() - 2);
  }
  return std::pair{address, static_cast<std::uint16_t>(port)};
}

}  // namespace

int run_serve(const Args& args, std::ostream& out, std::ostream& err) {
  // Before any thread starts: a SIGTERM sent the moment the address is printed must stop the
  // server cleanly, not kill it.
  http::Server::hold_stop_signals();
  int code = 0;
  auto invocation = open_invocation(
      "serve", args, {}, {"listen", "base-url", "web", "threads", "access-log", "rate"}, err, code);
  if (!invocation) return code;
  auto& arguments = invocation->arguments;
  auto listen = parse_listen(arguments.option_or("listen", "127.0.0.1:8080"));
  if (!listen) return usage_error(err, "serve", listen.error().message());
  auto threads = arguments.integer_option("threads", 4, 1, 256);
  if (!threads) return usage_error(err, "serve", threads.error().message());
  auto rate = arguments.integer_option("rate", kDefaultRate, 0, 1000000);
  if (!rate) return usage_error(err, "serve", rate.error().message());

  http::ServerOptions options;
  options.address = listen->first;
  options.port = listen->second;
  options.worker_threads = *threads;
  options.rate_per_second = *rate;
  options.rate_burst = *rate * 2.0;

  http::AppOptions app_options;
  const std::string shown_host =
      options.address == "0.0.0.0" || options.address == "::" ? "127.0.0.1" : options.address;
  app_options.web_root = arguments.option_or("web", "");
  std::ofstream log_file;
  std::ostream* log = &std::cout;
  const auto log_path = arguments.option("access-log");
  const bool logging = !log_path || *log_path != "off";
  if (auto path = log_path; path && *path != "-" && logging) {
    log_file.open(*path, std::ios::app);
    if (!log_file) return failure(err, "serve", invalid_argument_error("cannot open access log " + *path));
    log = &log_file;
  }
  http::AccessLog access_log(*log);
  // The server binds first (the base URL needs the port when it is 0); until the app exists,
  // requests are told to retry.
  std::unique_ptr<http::App> app;
  std::atomic<http::App*> ready{nullptr};
  auto server = http::Server::start(
      options,
      [&ready](const http::Request& request) {
        if (http::App* current = ready.load()) return current->handle(request);
        auto response = http::problem_response(503, "the server is starting", request.path);
        response.set_header("Retry-After", "1");
        return response;
      },
      [&ready, &access_log, logging](const http::Exchange& exchange) {
        if (http::App* current = ready.load()) current->metrics().observe(exchange);
        if (logging) access_log.write(exchange);
      },
      [&ready](const http::Request& request) -> std::optional<http::Response> {
        if (http::App* current = ready.load()) return current->handle_inline(request);
        return std::nullopt;
      });
  if (!server) return failure(err, "serve", server.error());
  app_options.base_url = arguments.option_or(
      "base-url", "http://" + shown_host + ":" + std::to_string((*server)->port()));
  app = std::make_unique<http::App>(*invocation->repository, app_options);
  ready = app.get();
  out << "mura serve: " << invocation->repository->directory() << " on " << app_options.base_url
      << " (Ctrl-C to stop)" << std::endl;
  (*server)->run_until_signal();
  out << "mura serve: stopped" << std::endl;
  return 0;
}

}  // namespace mura::cli
