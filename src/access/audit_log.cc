#include "access/audit_log.h"

#include <charconv>
#include <nlohmann/json.hpp>

#include "base/digest.h"

namespace mura::access {
namespace {

using Json = nlohmann::ordered_json;

constexpr int kVerifyPage = 1000;

std::string dump(const Json& json) {
  return json.dump(-1, ' ', false, Json::error_handler_t::replace);
}

std::string premis_event_type(std::string_view action) {
  if (action == "ingestion" || action == "modification" || action == "deletion") {
    return std::string(action);
  }
  if (action == "read") return "dissemination";
  if (action == "review") return "policy assignment";
  return "mura:" + std::string(action);
}

}  // namespace

std::string audit_entry_hash(const AuditEntry& entry) {
  const Json fields = Json::array({entry.sequence, entry.time, entry.actor, entry.action,
                                   entry.target, entry.detail, entry.previous_hash});
  return digest_hex(DigestAlgorithm::kSha256, dump(fields));
}

AuditLog::AuditLog(AuditStore& store, std::function<std::chrono::system_clock::time_point()> clock)
    : store_(store), clock_(std::move(clock)) {
  if (!clock_) clock_ = [] { return std::chrono::system_clock::now(); };
}

Result<AuditEntry> AuditLog::append(std::string_view actor, std::string_view action,
                                    std::string_view target, std::string_view detail) {
  if (action.empty()) return invalid_argument_error("an audit entry needs an action");
  AuditEntry entry;
  entry.time = format_utc(clock_());
  entry.actor = actor.empty() ? "anonymous" : std::string(actor);
  entry.action = std::string(action);
  entry.target = std::string(target);
  entry.detail = std::string(detail);
  auto appended = store_.append_audit(std::move(entry), audit_entry_hash);
  if (!appended) return Error(appended.error().with_context("audit log"));
  return appended;
}

ChangeRecorder AuditLog::recorder() {
  return [this](std::string_view actor, std::string_view action, std::string_view target,
                std::string_view detail) -> Status {
    auto appended = append(actor, action, target, detail);
    return appended ? ok_status() : appended.error();
  };
}

Result<AuditVerification> AuditLog::verify() {
  AuditVerification result;
  std::string previous(kGenesisHash);
  std::int64_t expected = 1;
  while (true) {
    MURA_ASSIGN_OR_RETURN(auto entries, store_.audit_entries(expected - 1, kVerifyPage));
    for (const auto& entry : entries) {
      auto broken = [&](std::string problem) {
        result.intact = false;
        result.first_broken = entry.sequence;
        result.problem = std::move(problem);
        return result;
      };
      if (entry.sequence > expected) {
        return broken("entry " + std::to_string(entry.sequence) + " follows entry " +
                      std::to_string(expected - 1) + ": the entries between are missing");
      }
      if (entry.sequence < expected) {
        return broken("entry " + std::to_string(entry.sequence) + " comes again after entry " +
                      std::to_string(expected - 1) + ": an entry was inserted");
      }
      if (entry.previous_hash != previous) {
        return broken("entry " + std::to_string(entry.sequence) +
                      " does not carry the hash of the entry before it (an entry before it was "
                      "changed, removed or inserted)");
      }
      if (audit_entry_hash(entry) != entry.hash) {
        return broken("entry " + std::to_string(entry.sequence) +
                      " does not match its own hash (it was changed)");
      }
      previous = entry.hash;
      result.head_hash = entry.hash;
      ++result.entries;
      ++expected;
    }
    if (entries.size() < static_cast<std::size_t>(kVerifyPage)) break;
  }
  return result;
}

Result<AuditPage> AuditLog::page(const std::string& cursor, int limit) {
  if (limit < 1 || limit > kMaxAuditPage) {
    return invalid_argument_error("limit " + std::to_string(limit) + " is outside 1.." +
                                  std::to_string(kMaxAuditPage));
  }
  std::int64_t before = 0;
  if (!cursor.empty()) {
    auto [end, error] = std::from_chars(cursor.data(), cursor.data() + cursor.size(), before);
    if (error != std::errc() || end != cursor.data() + cursor.size() || before < 1) {
      return invalid_argument_error("cursor \"" + cursor.substr(0, 40) +
                                    "\" is not one this log issued; pass the previous page's "
                                    "next cursor, or none");
    }
  }
  MURA_ASSIGN_OR_RETURN(auto entries, store_.recent_audit_entries(before, limit + 1));
  AuditPage page;
  if (entries.size() > static_cast<std::size_t>(limit)) {
    entries.resize(static_cast<std::size_t>(limit));
    page.next_cursor = std::to_string(entries.back().sequence);
  }
  page.items = std::move(entries);
  return page;
}

Result<std::int64_t> AuditLog::export_premis(const std::function<void(std::string_view)>& write) {
  write("[");
  std::int64_t after = 0;
  std::int64_t written = 0;
  bool first = true;
  while (true) {
    MURA_ASSIGN_OR_RETURN(auto entries, store_.audit_entries(after, kVerifyPage));
    for (const auto& entry : entries) {
      write(first ? "\n" : ",\n");
      write(premis_event(entry));
      first = false;
      after = entry.sequence;
      ++written;
    }
    if (entries.size() < static_cast<std::size_t>(kVerifyPage)) break;
  }
  write(first ? "]\n" : "\n]\n");
  return written;
}

std::string premis_event(const AuditEntry& entry) {
  Json event;
  event["eventIdentifier"] = {{"eventIdentifierType", "mura-audit"},
                              {"eventIdentifierValue", std::to_string(entry.sequence)}};
  event["eventType"] = premis_event_type(entry.action);
  event["eventDateTime"] = entry.time;
  event["eventDetailInformation"] = Json::array({{{"eventDetail", entry.detail}}});
  event["eventOutcomeInformation"] = Json::array({{{"eventOutcome", "success"}}});
  event["linkingAgentIdentifier"] =
      Json::array({{{"linkingAgentIdentifierType", "mura-user"},
                    {"linkingAgentIdentifierValue", entry.actor},
                    {"linkingAgentRole", Json::array({"implementer"})}}});
  if (!entry.target.empty()) {
    event["linkingObjectIdentifier"] = Json::array(
        {{{"linkingObjectIdentifierType", entry.target.starts_with("ark:") ? "ARK" : "mura"},
          {"linkingObjectIdentifierValue", entry.target}}});
  }
  event["mura:action"] = entry.action;
  event["mura:previousHash"] = entry.previous_hash;
  event["mura:hash"] = entry.hash;
  return dump(event);
}

}  // namespace mura::access
