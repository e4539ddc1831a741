#include "access/login_throttle.h"

namespace mura::access {

void LoginThrottle::forget_old(std::deque<Clock::time_point>& failures,
                               Clock::time_point now) const {
  while (!failures.empty() && failures.front() + options_.window <= now) failures.pop_front();
}

std::chrono::seconds LoginThrottle::retry_after(const std::string& key, Clock::time_point now) {
  std::lock_guard lock(mutex_);
  auto it = failures_.find(key);
  if (it == failures_.end()) return std::chrono::seconds(0);
  forget_old(it->second, now);
  if (it->second.size() < static_cast<std::size_t>(options_.max_failures)) {
    if (it->second.empty()) failures_.erase(it);
    return std::chrono::seconds(0);
  }
  const auto wait = it->second.front() + options_.window - now;
  // Rounded up, so that a client that waits as told is let in.
  return std::chrono::ceil<std::chrono::seconds>(wait);
}

void LoginThrottle::failed(const std::string& key, Clock::time_point now) {
  std::lock_guard lock(mutex_);
  if (failures_.size() >= options_.max_keys && failures_.find(key) == failures_.end()) {
    for (auto it = failures_.begin(); it != failures_.end();) {
      forget_old(it->second, now);
      it = it->second.empty() ? failures_.erase(it) : std::next(it);
    }
    // Still full: an attack from very many keys. Start afresh rather than grow without bound.
    if (failures_.size() >= options_.max_keys) failures_.clear();
  }
  auto& failures = failures_[key];
  forget_old(failures, now);
  failures.push_back(now);
  while (failures.size() > static_cast<std::size_t>(options_.max_failures)) failures.pop_front();
}

void LoginThrottle::succeeded(const std::string& key) {
  std::lock_guard lock(mutex_);
  failures_.erase(key);
}

}  // namespace mura::access
