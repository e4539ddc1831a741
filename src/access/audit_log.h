// The audit log: every write and every read of restricted or personal material, appended to a
// hash chain — each entry carries the SHA-256 of the one before it and its own, over a canonical
// serialisation of its fields — so that a changed, inserted or removed entry is found by verify().
// Entries are kept by an AuditStore (the SQLite catalog: catalog::Catalog::audit()), which
// appends atomically; AuditLog adds the clock, the hashing, verification, paging and the export as
// PREMIS events. Thread-safe (the store is).
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "access/accounts.h"
#include "base/result.h"

namespace mura::access {

struct AuditEntry {
  std::int64_t sequence = 0;  // 1, 2, 3, ... without gaps
  std::string time;           // RFC 3339 UTC
  std::string actor;          // a user name, "cli:<login>", or "anonymous"
  // What happened: a record write ("ingestion", "modification", "deletion"), "read" (of a
  // record that is not public), "review", or an account change ("user.add", "token.create", ...).
  std::string action;
  std::string target;  // a record's ARK, "user:<name>", "group:<name>"
  std::string detail;
  std::string previous_hash;  // the hash of entry sequence-1; kGenesisHash for the first
  std::string hash;           // audit_entry_hash() of this entry
  friend bool operator==(const AuditEntry&, const AuditEntry&) = default;
};

// The previous_hash of the first entry.
inline constexpr std::string_view kGenesisHash =
    "0000000000000000000000000000000000000000000000000000000000000000";

// SHA-256 (lowercase hex) of the JSON array [sequence, time, actor, action, target, detail,
// previous_hash] — one unambiguous serialisation of every field but the hash itself.
std::string audit_entry_hash(const AuditEntry& entry);

class AuditStore {
 public:
  virtual ~AuditStore() = default;
  // Appends `entry` in one transaction: sets its sequence to the last one + 1 and previous_hash
  // to the last entry's hash (kGenesisHash when there is none), then its hash to seal(entry).
  // Returns the stored entry.
  virtual Result<AuditEntry> append_audit(
      AuditEntry entry, const std::function<std::string(const AuditEntry&)>& seal) = 0;
  // At most `limit` entries with sequence > `after`, oldest first.
  virtual Result<std::vector<AuditEntry>> audit_entries(std::int64_t after, int limit) = 0;
  // At most `limit` entries with sequence < `before` (0: from the newest), newest first.
  virtual Result<std::vector<AuditEntry>> recent_audit_entries(std::int64_t before, int limit) = 0;
};

struct AuditVerification {
  bool intact = true;
  std::int64_t entries = 0;  // entries checked (up to the first broken one)
  std::string head_hash;     // the last good entry's hash: keep it elsewhere to detect truncation
  std::optional<std::int64_t> first_broken;  // the sequence of the first entry that fails
  std::string problem;                       // what is wrong with it
};

struct AuditPage {
  std::vector<AuditEntry> items;  // newest first
  std::string next_cursor;        // older entries; empty at the end
};

inline constexpr int kMaxAuditPage = 1000;

class AuditLog {
 public:
  explicit AuditLog(AuditStore& store,
                    std::function<std::chrono::system_clock::time_point()> clock = {});

  // Appends an entry now. InvalidArgument for an empty action.
  Result<AuditEntry> append(std::string_view actor, std::string_view action,
                            std::string_view target, std::string_view detail);
  // A ChangeRecorder (accounts.h) that appends to this log.
  ChangeRecorder recorder();

  // Walks the whole chain, oldest first, a page at a time (flat memory): sequences without gaps
  // from 1, each previous_hash the hash of the entry before, each hash recomputed.
  Result<AuditVerification> verify();

  // Newest first; `cursor` is "" or a previous page's next_cursor. InvalidArgument for a
  // malformed cursor or a limit outside 1..kMaxAuditPage.
  Result<AuditPage> page(const std::string& cursor, int limit);

  // Writes the whole log as a JSON array of PREMIS 3 events (premis_event()), oldest first, a
  // page at a time, through `write`; returns how many events it wrote.
  Result<std::int64_t> export_premis(const std::function<void(std::string_view)>& write);

 private:
  AuditStore& store_;
  std::function<std::chrono::system_clock::time_point()> clock_;
};

// One entry as a PREMIS 3 event in JSON: eventIdentifier (type "mura-audit", the sequence),
// eventType (the term of the PREMIS eventType vocabulary when one fits: ingestion, modification,
// deletion; "dissemination" for a read, "policy assignment" for a review; else
// "mura:<action>"), eventDateTime, eventDetailInformation,
// eventOutcomeInformation, linkingAgentIdentifier (the actor), linkingObjectIdentifier (the
// target), and the chain as "mura:previousHash" and "mura:hash".
std::string premis_event(const AuditEntry& entry);

}  // namespace mura::access
