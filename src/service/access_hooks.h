// What every write of a record passes through for access/, called from Repository::commit:
// personal-data screening before the version is stored (a record where personal data appears
// waits for a curator's review, closed meanwhile), and the audit entry of the write once it is
// stored and cataloged. Also the review itself. Plain functions; thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "catalog/catalog.h"
#include "record/record.h"
#include "service/repository.h"

namespace mura::service {

// Screens `next`, about to be stored as record `id` (a new record when `expected_version` is 0),
// against its cataloged head (access::screen_personal_data): new personal data sets
// review_pending, and a pending review carries over unless `message` marks the review.
Status screen_before_commit(catalog::Catalog& catalog, const std::string& id,
                            std::int64_t expected_version, record::Record& next,
                            const std::string& message);

// Appends the audit entry of a stored write of record `id` at `version`: the action is the
// event's type ("ingestion", "modification", "deletion"), the detail the version and `message`.
Status audit_write(catalog::Catalog& catalog, const std::string& id, std::int64_t version,
                   const record::Event& event, const Actor& actor, const std::string& message);

enum class ReviewDecision {
  kClear,     // not personal data after all, or already protected: the flag goes
  kRestrict,  // personal data: the flag goes and the closure period applies (personal_data)
};
// "clear", "restrict"; std::nullopt for anything else.
std::optional<ReviewDecision> parse_review_decision(std::string_view text);

// A curator's review of a record flagged for personal data: a new version without the flag
// (and with personal_data set for kRestrict), whose message marks it as the review, and a
// "review" entry in the audit log. FailedPrecondition when the record is not waiting for a
// review; NotFound and Aborted as Repository::update_record. The caller checks who may review.
Result<record::Record> review_personal_data(Repository& repository, const std::string& id,
                                            ReviewDecision decision, const Actor& actor);

}  // namespace mura::service
