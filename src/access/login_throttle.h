// Limits failed sign-ins, so that passwords cannot be guessed at speed: after `max_failures`
// failures of one key (a user name, a client address) within `window`, that key is refused until
// its oldest failure leaves the window. Memory is bounded by `max_keys`. Thread-safe.
#pragma once

#include <chrono>
#include <cstddef>
#include <deque>
#include <mutex>
#include <string>
#include <unordered_map>

namespace mura::access {

class LoginThrottle {
 public:
  using Clock = std::chrono::steady_clock;
  struct Options {
    int max_failures = 5;
    std::chrono::seconds window = std::chrono::minutes(10);
    std::size_t max_keys = 100000;
  };

  LoginThrottle() : LoginThrottle(Options{}) {}
  explicit LoginThrottle(Options options) : options_(options) {}

  // How long `key` must wait before it may try again; zero when it may try now.
  std::chrono::seconds retry_after(const std::string& key, Clock::time_point now);
  // Counts a failure of `key` at `now`.
  void failed(const std::string& key, Clock::time_point now);
  // Forgets the failures of `key` (after a success).
  void succeeded(const std::string& key);

 private:
  void forget_old(std::deque<Clock::time_point>& failures, Clock::time_point now) const;

  const Options options_;
  std::mutex mutex_;
  std::unordered_map<std::string, std::deque<Clock::time_point>> failures_;  // GUARDED_BY(mutex_)
};

}  // namespace mura::access
