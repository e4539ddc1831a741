#include "service/access_hooks.h"

#include "access/audit_log.h"
#include "access/personal_data.h"

namespace mura::service {

Status screen_before_commit(catalog::Catalog& catalog, const std::string& id,
                            std::int64_t expected_version, record::Record& next,
                            const std::string& message) {
  std::optional<record::Record> previous;
  if (expected_version > 0) {
    MURA_ASSIGN_OR_RETURN(previous, catalog.get_record(id));
  }
  access::screen_personal_data(previous ? &*previous : nullptr, next, message);
  return ok_status();
}

Status audit_write(catalog::Catalog& catalog, const std::string& id, std::int64_t version,
                   const record::Event& event, const Actor& actor, const std::string& message) {
  access::AuditLog log(catalog.audit());
  std::string detail = "version " + std::to_string(version);
  if (!message.empty()) detail += ": " + message;
  auto appended = log.append(actor.name, event.type, id, detail);
  if (!appended) {
    return appended.error().with_context("record " + id +
                                         " is stored, but the audit log could not record the "
                                         "write");
  }
  return ok_status();
}

}  // namespace mura::service

namespace mura::service {

std::optional<ReviewDecision> parse_review_decision(std::string_view text) {
  if (text == "clear") return ReviewDecision::kClear;
  if (text == "restrict") return ReviewDecision::kRestrict;
  return std::nullopt;
}

Result<record::Record> review_personal_data(Repository& repository, const std::string& id,
                                            ReviewDecision decision, const Actor& actor) {
  MURA_ASSIGN_OR_RETURN(record::Record head, repository.read_record(id));
  if (head.deleted)
    return failed_precondition_error(id + " was withdrawn; there is nothing to review");
  if (!head.access.review_pending) {
    return failed_precondition_error(id + " is not waiting for a personal-data review");
  }
  const std::string name = decision == ReviewDecision::kRestrict ? "restrict" : "clear";
  record::Record reviewed = head;
  reviewed.access.review_pending = false;
  if (decision == ReviewDecision::kRestrict) reviewed.access.personal_data = true;
  MURA_ASSIGN_OR_RETURN(record::Record stored,
                        repository.update_record(id, head.version, std::move(reviewed), {}, actor,
                                                 std::string(access::kReviewMessagePrefix) + name));
  access::AuditLog log(repository.catalog().audit());
  std::string detail = name + ", version " + std::to_string(stored.version);
  if (decision == ReviewDecision::kRestrict) detail += "; closed as personal data";
  auto appended = log.append(actor.name, "review", id, detail);
  if (!appended) {
    return Error(appended.error().with_context(
        "the review of " + id + " is stored, but the audit log could not record it"));
  }
  return stored;
}

}  // namespace mura::service
