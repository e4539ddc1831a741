// ByteCache: a least-recently-used cache of immutable values under string keys, bounded by the
// bytes its values hold. Split into shards, each with its own lock, so that the server's
// threads rarely wait for one another. Values are shared: an evicted value lives on while a
// request still uses it. Thread-safe.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

namespace mura::iiif {

struct CacheStats {
  std::uint64_t hits = 0;
  std::uint64_t misses = 0;
  std::uint64_t entries = 0;
  std::uint64_t bytes = 0;
};

template <typename Value>
class ByteCache {
 public:
  // `capacity` bytes in all; 0 caches nothing.
  explicit ByteCache(std::size_t capacity, std::size_t shards = 16)
      : shard_capacity_(capacity / shards), shards_(shards) {}

  // The value under `key`, or nullptr.
  std::shared_ptr<const Value> find(const std::string& key) {
    Shard& shard = shard_for(key);
    std::lock_guard lock(shard.mutex);
    auto it = shard.index.find(key);
    if (it == shard.index.end()) {
      misses_.fetch_add(1, std::memory_order_relaxed);
      return nullptr;
    }
    shard.order.splice(shard.order.begin(), shard.order, it->second);
    hits_.fetch_add(1, std::memory_order_relaxed);
    return it->second->value;
  }

  // Keeps `value` (costing `bytes`) under `key`, evicting the least recently used entries of its
  // shard; a value larger than a shard is not kept.
  void insert(const std::string& key, std::shared_ptr<const Value> value, std::size_t bytes) {
    if (bytes > shard_capacity_) return;
    Shard& shard = shard_for(key);
    std::lock_guard lock(shard.mutex);
    if (auto it = shard.index.find(key); it != shard.index.end()) {
      shard.bytes -= it->second->bytes;
      shard.order.erase(it->second);
      shard.index.erase(it);
    }
    shard.order.push_front(Entry{key, std::move(value), bytes});
    shard.index.emplace(key, shard.order.begin());
    shard.bytes += bytes;
    while (shard.bytes > shard_capacity_ && !shard.order.empty()) {
      const Entry& last = shard.order.back();
      shard.bytes -= last.bytes;
      shard.index.erase(last.key);
      shard.order.pop_back();
    }
  }

  CacheStats stats() {
    CacheStats stats;
    stats.hits = hits_.load(std::memory_order_relaxed);
    stats.misses = misses_.load(std::memory_order_relaxed);
    for (auto& shard : shards_) {
      std::lock_guard lock(shard.mutex);
      stats.entries += shard.index.size();
      stats.bytes += shard.bytes;
    }
    return stats;
  }

 private:
  struct Entry {
    std::string key;
    std::shared_ptr<const Value> value;
    std::size_t bytes;
  };
  struct Shard {
    std::mutex mutex;
    std::list<Entry> order;  // most recent first
    std::unordered_map<std::string, typename std::list<Entry>::iterator> index;
    std::size_t bytes = 0;
  };
  Shard& shard_for(const std::string& key) {
    return shards_[std::hash<std::string>{}(key) % shards_.size()];
  }

  const std::size_t shard_capacity_;
  std::vector<Shard> shards_;
  std::atomic<std::uint64_t> hits_{0};
  std::atomic<std::uint64_t> misses_{0};
};

}  // namespace mura::iiif
