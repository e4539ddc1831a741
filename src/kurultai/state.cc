#include "kurultai/state.h"

namespace mura::kurultai {

std::string_view bill_stage_name(BillStage stage) {
  switch (stage) {
    case BillStage::kIntroduced:
      return "introduced";
    case BillStage::kInReadings:
      return "in_readings";
    case BillStage::kReadingFailed:
      return "reading_failed";
    case BillStage::kReadingsDone:
      return "readings_done";
    case BillStage::kSenateApproved:
      return "senate_approved";
    case BillStage::kAdopted:
      return "adopted";
    case BillStage::kRejected:
      return "rejected";
    case BillStage::kSent:
      return "sent_to_president";
    case BillStage::kSigned:
      return "signed";
    case BillStage::kReturned:
      return "returned_by_president";
    case BillStage::kOverridden:
      return "overridden";
    case BillStage::kLapsed:
      return "lapsed";
  }
  return "?";
}

std::string_view deadline_status_name(DeadlineStatus status) {
  switch (status) {
    case DeadlineStatus::kOpen:
      return "open";
    case DeadlineStatus::kMet:
      return "met";
    case DeadlineStatus::kMissed:
      return "missed";
  }
  return "?";
}

DeadlineStatus Deadline::status(Date as_of) const {
  if (met_on && *met_on <= as_of)
    return *met_on <= due ? DeadlineStatus::kMet : DeadlineStatus::kMissed;
  return as_of > due ? DeadlineStatus::kMissed : DeadlineStatus::kOpen;
}

const Holding* State::holder(std::string_view office) const {
  auto it = offices.find(std::string(office));
  if (it == offices.end() || it->second.holders.empty()) return nullptr;
  return &it->second.holders.front();
}

std::int64_t State::seated_of_party(std::string_view party) const {
  std::int64_t count = 0;
  for (const auto& [person, deputy] : deputies) {
    if (deputy.party == party) ++count;
  }
  return count;
}

std::optional<Acting> State::acting_president() const {
  if (version == nullptr || holder("president") != nullptr) return std::nullopt;
  auto president = offices.find("president");
  if (president == offices.end() || !president->second.vacant_since) return std::nullopt;
  Acting acting;
  acting.office = "president";
  acting.trace = president->second.vacancy_trace;
  const std::string rule = version->cite(keys::kSuccession).to_string();
  for (const auto& office : version->list(keys::kSuccession)) {
    const Holding* holding = holder(office);
    if (holding == nullptr) {
      acting.trace.push_back(
          TraceStep{0, as_of, "the office " + office + " is vacant: skipped", rule});
      continue;
    }
    acting.person = holding->person;
    acting.by_office = office;
    acting.trace.insert(acting.trace.end(), holding->trace.begin(), holding->trace.end());
    acting.trace.push_back(TraceStep{0, as_of,
                                     holding->person + ", holder of " + office +
                                         ", acts as President until an elected President takes "
                                         "office (order " +
                                         version->value_text(keys::kSuccession) + ")",
                                     rule});
    return acting;
  }
  return std::nullopt;
}

std::vector<const Deadline*> State::missed_deadlines() const {
  std::vector<const Deadline*> missed;
  for (const auto& deadline : deadlines) {
    if (deadline.status(as_of) == DeadlineStatus::kMissed) missed.push_back(&deadline);
  }
  return missed;
}

}  // namespace mura::kurultai
