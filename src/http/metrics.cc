#include "http/metrics.h"

#include <chrono>
#include <ctime>
#include <sstream>

#include <nlohmann/json.hpp>

namespace mura::http {
namespace {

std::string label_value(std::string_view text) {
  std::string out;
  for (const char c : text) {
    if (c == '\\' || c == '"') out.push_back('\\');
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out.push_back(c);
  }
  return out;
}

std::string iso_now() {
  const auto now = std::chrono::system_clock::now();
  const std::time_t seconds = std::chrono::system_clock::to_time_t(now);
  const auto millis =
      std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() % 1000;
  std::tm utc{};
  ::gmtime_r(&seconds, &utc);
  char buffer[40];
  const auto length = std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%S", &utc);
  char result[48];
  std::snprintf(result, sizeof result, "%.*s.%03dZ", static_cast<int>(length), buffer,
                static_cast<int>(millis));
  return result;
}

}  // namespace

void Metrics::set_gauge_source(GaugeSource source) {
  std::lock_guard lock(mutex_);
  gauges_ = std::move(source);
}

void Metrics::observe(const Exchange& exchange) {
  const double seconds = static_cast<double>(exchange.duration.count()) / 1e6;
  const std::string route = exchange.response.route.empty() ? "server" : exchange.response.route;
  std::lock_guard lock(mutex_);
  ++requests_[{route, exchange.request.method, exchange.response.status}];
  auto& histogram = latency_[route];
  for (std::size_t i = 0; i < kBuckets.size(); ++i) {
    if (seconds <= kBuckets[i]) ++histogram.buckets[i];
  }
  ++histogram.count;
  histogram.sum += seconds;
  bytes_sent_ += exchange.bytes_sent;
}

std::string Metrics::render() const {
  std::ostringstream out;
  GaugeSource gauges;
  {
    std::lock_guard lock(mutex_);
    gauges = gauges_;
    out << "# HELP mura_http_requests_total HTTP requests answered, by route, method and status.\n"
        << "# TYPE mura_http_requests_total counter\n";
    for (const auto& [key, count] : requests_) {
      const auto& [route, method, status] = key;
      out << "mura_http_requests_total{route=\"" << label_value(route) << "\",method=\""
          << label_value(method) << "\",status=\"" << status << "\"} " << count << "\n";
    }
    out << "# HELP mura_http_request_duration_seconds Time from the first byte of a request to "
           "the last byte of its response.\n"
        << "# TYPE mura_http_request_duration_seconds histogram\n";
    for (const auto& [route, histogram] : latency_) {
      const std::string label = label_value(route);
      for (std::size_t i = 0; i < kBuckets.size(); ++i) {
        out << "mura_http_request_duration_seconds_bucket{route=\"" << label << "\",le=\""
            << kBuckets[i] << "\"} " << histogram.buckets[i] << "\n";
      }
      out << "mura_http_request_duration_seconds_bucket{route=\"" << label << "\",le=\"+Inf\"} "
          << histogram.count << "\n"
          << "mura_http_request_duration_seconds_sum{route=\"" << label << "\"} " << histogram.sum
          << "\n"
          << "mura_http_request_duration_seconds_count{route=\"" << label << "\"} "
          << histogram.count << "\n";
    }
    out << "# HELP mura_http_response_bytes_total Bytes sent in responses.\n"
        << "# TYPE mura_http_response_bytes_total counter\n"
        << "mura_http_response_bytes_total " << bytes_sent_ << "\n";
  }
  if (gauges) {
    for (const auto& [name, entry] : gauges()) {
      out << "# HELP " << name << " " << entry.first << "\n# TYPE " << name << " gauge\n"
          << name << " " << entry.second << "\n";
    }
  }
  return out.str();
}

void AccessLog::write(const Exchange& exchange) {
  nlohmann::json line = {
      {"time", iso_now()},
      {"client", exchange.request.client},
      {"method", exchange.request.method},
      {"target", exchange.request.target},
      {"route", exchange.response.route},
      {"status", exchange.response.status},
      {"bytes", exchange.bytes_sent},
      {"ms", static_cast<double>(exchange.duration.count()) / 1000.0},
  };
  if (!exchange.response.user.empty()) line["user"] = exchange.response.user;
  const std::string text =
      line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
  std::lock_guard lock(mutex_);
  out_ << text << std::flush;
}

}  // namespace mura::http
