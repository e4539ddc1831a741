// Request metrics in the Prometheus text format (version 0.0.4) and the structured access log
// (one JSON line per request). Counters are sharded by route pattern, method and status, and a
// latency histogram by route; gauges about the store and catalog are read when scraped.
// Thread-safe.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <ostream>
#include <string>
#include <tuple>

#include "http/server.h"

namespace mura::http {

class Metrics {
 public:
  // Gauges added to every scrape: name -> (help, value).
  using GaugeSource = std::function<std::map<std::string, std::pair<std::string, double>>()>;

  void set_gauge_source(GaugeSource source);
  void observe(const Exchange& exchange);
  std::string render() const;

  static constexpr std::array<double, 12> kBuckets = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
                                                      0.05,   0.1,   0.25,   0.5,   1,    5};

 private:
  struct Histogram {
    std::array<std::uint64_t, kBuckets.size()> buckets{};
    std::uint64_t count = 0;
    double sum = 0;
  };
  mutable std::mutex mutex_;
  std::map<std::tuple<std::string, std::string, int>, std::uint64_t> requests_;  // GUARDED_BY
  std::map<std::string, Histogram> latency_;                                      // GUARDED_BY
  std::uint64_t bytes_sent_ = 0;                                                  // GUARDED_BY
  GaugeSource gauges_;
};

// Writes one JSON line per exchange: time, client, method, target, route, status, bytes, duration
// in ms, user. Serialised by a mutex so lines never interleave.
class AccessLog {
 public:
  explicit AccessLog(std::ostream& out) : out_(out) {}
  void write(const Exchange& exchange);

 private:
  std::mutex mutex_;
  std::ostream& out_;  // GUARDED_BY(mutex_)
};

}  // namespace mura::http
