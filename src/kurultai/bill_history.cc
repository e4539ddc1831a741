#include "kurultai/bill_history.h"

namespace mura::kurultai {
namespace {

std::string reading_label(const Constitution& constitution, Date date, std::int64_t reading) {
  std::string label = "reading " + std::to_string(reading);
  auto version = constitution.version_at(date);
  if (!version) return label;
  const auto& readings = (*version)->list(keys::kReadings);
  if (reading >= 1 && reading <= static_cast<std::int64_t>(readings.size())) {
    label += " (" + readings[static_cast<std::size_t>(reading - 1)] + ")";
  }
  return label;
}

std::string step_label(const Constitution& constitution, const Act& act) {
  switch (act.type) {
    case ActType::kBillIntroduced:
      return "introduced by " + act.text("initiator");
    case ActType::kBillPriorityDeclared:
      return "declared a priority";
    case ActType::kReadingHeld:
      return reading_label(constitution, act.date, act.integer("reading")) + ", " +
             act.text("result");
    case ActType::kAmendmentTabled:
      return "amendment " + act.text("amendment") + " tabled";
    case ActType::kAmendmentAdopted:
      return "amendment " + act.text("amendment") + " adopted";
    case ActType::kSenateApproved:
      return "approved by the Senate";
    case ActType::kBillAdopted:
      return "adopted";
    case ActType::kBillRejected:
      return "rejected";
    case ActType::kLawSent:
      return "sent to the President for signature";
    case ActType::kLawSigned:
      return "signed by the President";
    case ActType::kLawReturned:
      return "returned by the President";
    case ActType::kOverrideVote:
      return "override vote, " + act.text("result");
    default:
      return std::string(act_type_name(act.type));
  }
}

// The stage of the record version an act makes; empty when the act makes none.
std::string version_stage(const Act& act) {
  switch (act.type) {
    case ActType::kBillIntroduced:
      return "introduced";
    case ActType::kReadingHeld:
      return "reading_" + std::to_string(act.integer("reading"));
    case ActType::kLawSigned:
      return "signed";
    case ActType::kBillRejected:
      return "rejected";
    case ActType::kOverrideVote:
      return act.text("result") == "failed" ? "lapsed" : "";
    default:
      return "";
  }
}

}  // namespace

std::string bill_of(const Act& act) {
  if (act.type == ActType::kElectionCertified) return "";
  return act.optional_text("bill").value_or("");
}

Result<BillHistory> bill_history(const Constitution& constitution, const std::vector<Act>& acts,
                                 std::string_view bill, std::size_t upto) {
  BillHistory history;
  const std::size_t end = upto == 0 ? acts.size() : std::min(upto, acts.size());
  LanguageTexts current_text;
  bool found = false;
  for (std::size_t i = 0; i < end; ++i) {
    const Act& act = acts[i];
    if (bill_of(act) != bill) continue;
    if (act.type == ActType::kBillIntroduced) {
      found = true;
      history.id = std::string(bill);
      history.title = act.text("title");
      history.titles = act.language_texts("titles");
      history.initiator = act.text("initiator");
      history.sponsor = act.optional_text("sponsor").value_or("");
      history.kind = act.optional_text("kind").value_or("ordinary");
    }
    if (!found) continue;
    BillStep step;
    step.position = i + 1;
    step.date = act.date;
    step.type = act.type;
    step.label = step_label(constitution, act);
    step.vote = act.vote;
    step.text = act.language_texts("text");
    if (act.type == ActType::kReadingHeld) step.reading = act.integer("reading");
    if (auto result = act.optional_text("result")) step.result = *result;
    if (auto amendment = act.optional_text("amendment")) step.amendment = *amendment;
    for (const auto& [language, text] : step.text) current_text[language] = text;
    switch (act.type) {
      case ActType::kAmendmentAdopted:
        history.amendments_adopted.push_back(step.amendment);
        break;
      case ActType::kBillAdopted:
        history.adopted_on = act.date;
        break;
      case ActType::kLawSigned:
        history.signed_on = act.date;
        history.number = act.optional_text("number").value_or("");
        history.in_force = act.optional_date("in_force");
        break;
      default:
        break;
    }
    const std::string stage = version_stage(act);
    if (!stage.empty()) {
      history.versions.push_back(
          BillVersion{step.position, act.date, stage, step.label, current_text});
    }
    history.steps.push_back(std::move(step));
  }
  if (!found) return not_found_error("the register has no bill \"" + std::string(bill) + "\"");
  return history;
}

}  // namespace mura::kurultai
