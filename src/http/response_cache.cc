#include "http/response_cache.h"

namespace mura::http {

std::shared_ptr<const std::string> ResponseCache::find(const std::string& key) {
  std::lock_guard lock(mutex_);
  auto it = entries_.find(key);
  if (it == entries_.end()) return nullptr;
  by_age_.splice(by_age_.begin(), by_age_, it->second.age);
  return it->second.body;
}

void ResponseCache::put(const std::string& key, std::shared_ptr<const std::string> body) {
  const std::size_t size = key.size() + body->size();
  if (size > max_bytes_) return;
  std::lock_guard lock(mutex_);
  if (auto it = entries_.find(key); it != entries_.end()) {
    bytes_ -= key.size() + it->second.body->size();
    by_age_.erase(it->second.age);
    entries_.erase(it);
  }
  while (bytes_ + size > max_bytes_ && !by_age_.empty()) {
    auto oldest = entries_.find(by_age_.back());
    bytes_ -= oldest->first.size() + oldest->second.body->size();
    entries_.erase(oldest);
    by_age_.pop_back();
  }
  by_age_.push_front(key);
  entries_[key] = Entry{std::move(body), by_age_.begin()};
  bytes_ += size;
}

std::size_t ResponseCache::bytes() const {
  std::lock_guard lock(mutex_);
  return bytes_;
}

}  // namespace mura::http
