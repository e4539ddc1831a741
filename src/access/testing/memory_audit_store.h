// An AuditStore in memory, for the tests of access/, with a way to tamper with what it keeps.
// Thread-safe.
#pragma once

#include <algorithm>
#include <mutex>
#include <vector>

#include "access/audit_log.h"

namespace mura::access::test_support {

class MemoryAuditStore final : public AuditStore {
 public:
  Result<AuditEntry> append_audit(
      AuditEntry entry, const std::function<std::string(const AuditEntry&)>& seal) override {
    std::lock_guard lock(mutex_);
    entry.sequence = entries_.empty() ? 1 : entries_.back().sequence + 1;
    entry.previous_hash = entries_.empty() ? std::string(kGenesisHash) : entries_.back().hash;
    entry.hash = seal(entry);
    entries_.push_back(entry);
    return entry;
  }
  Result<std::vector<AuditEntry>> audit_entries(std::int64_t after, int limit) override {
    std::lock_guard lock(mutex_);
    std::vector<AuditEntry> page;
    for (const auto& entry : entries_) {
      if (entry.sequence > after && page.size() < static_cast<std::size_t>(limit)) {
        page.push_back(entry);
      }
    }
    return page;
  }
  Result<std::vector<AuditEntry>> recent_audit_entries(std::int64_t before, int limit) override {
    std::lock_guard lock(mutex_);
    std::vector<AuditEntry> page;
    for (auto it = entries_.rbegin(); it != entries_.rend(); ++it) {
      if ((before == 0 || it->sequence < before) && page.size() < static_cast<std::size_t>(limit)) {
        page.push_back(*it);
      }
    }
    return page;
  }

  // The stored entries, to change behind the log's back.
  std::vector<AuditEntry>& entries() { return entries_; }

 private:
  std::mutex mutex_;
  std::vector<AuditEntry> entries_;
};

}  // namespace mura::access::test_support
