// A bounded in-memory cache of rendered response bodies, keyed by strings that name everything
// the body depends on (for a record: its id, head version, language and whether files are shown).
// A key that includes the version can never serve a stale body; the bound is on total bytes, the
// oldest entries go first. Thread-safe.
#pragma once

#include <cstddef>
#include <list>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

namespace mura::http {

class ResponseCache {
 public:
  explicit ResponseCache(std::size_t max_bytes) : max_bytes_(max_bytes) {}

  std::shared_ptr<const std::string> find(const std::string& key);
  void put(const std::string& key, std::shared_ptr<const std::string> body);
  std::size_t bytes() const;

 private:
  struct Entry {
    std::shared_ptr<const std::string> body;
    std::list<std::string>::iterator age;
  };
  const std::size_t max_bytes_;
  mutable std::mutex mutex_;
  std::unordered_map<std::string, Entry> entries_;
  std::list<std::string> by_age_;  // most recently used first
  std::size_t bytes_ = 0;
};

}  // namespace mura::http
