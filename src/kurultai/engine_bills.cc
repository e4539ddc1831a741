// Engine handlers for legislation: a bill from its introduction through the readings, adoption
// or rejection, to the President's signature, return and the override.
#include "kurultai/engine.h"

namespace mura::kurultai {
namespace {

bool before_adoption(BillStage stage) {
  return stage == BillStage::kIntroduced || stage == BillStage::kInReadings ||
         stage == BillStage::kReadingFailed || stage == BillStage::kReadingsDone ||
         stage == BillStage::kSenateApproved;
}

bool in_readings(BillStage stage) {
  return stage == BillStage::kIntroduced || stage == BillStage::kInReadings ||
         stage == BillStage::kReadingFailed;
}

std::string_view law_majority_key(const Bill& bill) {
  return bill.kind == "constitutional" ? keys::kConstitutionalLawMajority : keys::kLawMajority;
}

std::string reading_label(const Version& version, std::int64_t reading) {
  const auto& readings = version.list(keys::kReadings);
  return "reading " + std::to_string(reading) +
         (reading >= 1 && reading <= static_cast<std::int64_t>(readings.size())
              ? " (" + readings[static_cast<std::size_t>(reading - 1)] + ")"
              : "");
}

}  // namespace

Status Engine::on_bill_introduced(const Act& act, const Version& version) {
  const std::string& id = act.text("bill");
  const std::string& initiator = act.text("initiator");
  const std::string kind = act.optional_text("kind").value_or("ordinary");
  const std::string where = "act " + act.summary() + ": ";
  if (state_.bills.contains(id))
    return invalid_argument_error(where + "bill \"" + id + "\" already exists");
  if (kind != "ordinary" && kind != "constitutional") {
    return invalid_argument_error(where + "kind must be \"ordinary\" or \"constitutional\"");
  }
  if (!version.list_contains(keys::kInitiators, initiator)) {
    return refuse(version, keys::kInitiators,
                  "\"" + initiator + "\" has no right of legislative initiative; it belongs to " +
                      version.value_text(keys::kInitiators));
  }
  const std::string sponsor = act.optional_text("sponsor").value_or("");
  if (initiator == "deputy") {
    if (sponsor.empty())
      return invalid_argument_error(where + "a deputy's bill names its \"sponsor\"");
    MURA_TRY(find_deputy(act, sponsor));
  }
  Bill bill;
  bill.id = id;
  bill.title = act.text("title");
  bill.initiator = initiator;
  bill.sponsor = sponsor;
  bill.kind = kind;
  bill.introduced = act.date;
  bill.trace.push_back(step(act, "bill " + id + " (" + kind + ") introduced by " + initiator,
                            version.cite(keys::kInitiators).to_string()));
  state_.bills[id] = std::move(bill);
  return ok_status();
}

Status Engine::on_bill_priority_declared(const Act& act, const Version& version) {
  MURA_ASSIGN_OR_RETURN(Bill * bill, find_bill(act));
  if (!before_adoption(bill->stage) || bill->priority_since) {
    return invalid_argument_error("act " + act.summary() + ": bill " + bill->id + " is " +
                                  std::string(bill_stage_name(bill->stage)) +
                                  (bill->priority_since ? " and already a priority" : ""));
  }
  const std::int64_t months = version.integer(keys::kPriorityMonths);
  const std::string rule = version.cite(keys::kPriorityMonths).to_string();
  bill->priority_since = act.date;
  bill->trace.push_back(step(act, "declared a priority by the President", rule));
  Deadline deadline{
      "priority:" + bill->id,
      "adopt priority bill " + bill->id,
      act.date,
      act.date.add_months(static_cast<int>(months)),
      std::nullopt,
      rule,
      {step(act, "priority declared: to be adopted within " + std::to_string(months) + " months",
            rule)}};
  open_deadline(std::move(deadline));
  return ok_status();
}

Status Engine::on_reading_held(const Act& act, const Version& version) {
  MURA_ASSIGN_OR_RETURN(Bill * bill, find_bill(act));
  const std::int64_t reading = act.integer("reading");
  const auto total = static_cast<std::int64_t>(version.list(keys::kReadings).size());
  if (!in_readings(bill->stage)) {
    return refuse(version, keys::kReadings,
                  "bill " + bill->id + " is " + std::string(bill_stage_name(bill->stage)) +
                      ": its readings are over");
  }
  if (reading < 1 || reading > total) {
    return refuse(version, keys::kReadings,
                  "there is no reading " + std::to_string(reading) + "; a bill has " +
                      std::to_string(total) + " readings " + version.value_text(keys::kReadings));
  }
  if (reading != bill->readings_passed + 1) {
    return refuse(
        version, keys::kReadings,
        reading <= bill->readings_passed
            ? reading_label(version, reading) + " of bill " + bill->id + " has already passed"
            : reading_label(version, reading) + " of bill " + bill->id + " cannot be held before " +
                  reading_label(version, reading - 1) + " has passed; the bill has passed " +
                  std::to_string(bill->readings_passed) + " reading(s)");
  }
  const std::string_view majority = law_majority_key(*bill);
  MURA_ASSIGN_OR_RETURN(VoteOutcome outcome, judge_vote(act, version, majority));
  MURA_TRY(check_recorded_result(act, version, majority, outcome));
  bill->trace.push_back(step(act, reading_label(version, reading) + ": " + outcome.explanation,
                             version.cite(majority).to_string()));
  if (!outcome.passed) {
    bill->stage = BillStage::kReadingFailed;
    bill->failed_reading = reading;
    return ok_status();
  }
  bill->readings_passed = reading;
  bill->failed_reading = 0;
  bill->stage = reading == total ? BillStage::kReadingsDone : BillStage::kInReadings;
  if (reading == version.integer(keys::kAmendmentsReading)) {
    std::string adopted;
    for (const auto& amendment : bill->amendments) {
      if (amendment.adopted) adopted += (adopted.empty() ? "" : ", ") + amendment.id;
    }
    bill->trace.push_back(step(act,
                               "amendments incorporated: " + (adopted.empty() ? "none" : adopted),
                               version.cite(keys::kAmendmentsReading).to_string()));
  }
  return ok_status();
}

Status Engine::on_amendment(const Act& act, const Version& version) {
  MURA_ASSIGN_OR_RETURN(Bill * bill, find_bill(act));
  const std::int64_t amendments_reading = version.integer(keys::kAmendmentsReading);
  if (!in_readings(bill->stage) || bill->readings_passed < 1 ||
      bill->readings_passed >= amendments_reading) {
    return refuse(version, keys::kAmendmentsReading,
                  "amendments to bill " + bill->id + " are taken after " +
                      reading_label(version, 1) + " passes and before " +
                      reading_label(version, amendments_reading) + "; the bill has passed " +
                      std::to_string(bill->readings_passed) + " reading(s) and is " +
                      std::string(bill_stage_name(bill->stage)));
  }
  const std::string& id = act.text("amendment");
  auto existing = std::find_if(bill->amendments.begin(), bill->amendments.end(),
                               [&](const Amendment& a) { return a.id == id; });
  if (act.type == ActType::kAmendmentTabled) {
    if (existing != bill->amendments.end()) {
      return invalid_argument_error("act " + act.summary() + ": amendment " + id +
                                    " already tabled");
    }
    bill->amendments.push_back(Amendment{id, act.optional_text("text").value_or(""),
                                         act.optional_text("by").value_or(""), act.date, false});
    bill->trace.push_back(step(act, "amendment " + id + " tabled"));
    return ok_status();
  }
  if (existing == bill->amendments.end() || existing->adopted) {
    return invalid_argument_error(
        "act " + act.summary() + ": amendment " + id +
        (existing == bill->amendments.end() ? " was not tabled" : " is already adopted"));
  }
  std::string how = "amendment " + id + " adopted";
  if (act.vote) {
    MURA_ASSIGN_OR_RETURN(VoteOutcome outcome, judge_vote(act, version, keys::kLawMajority));
    if (!outcome.passed) {
      return refuse(version, keys::kLawMajority,
                    "amendment " + id + " is recorded as adopted, but " + outcome.explanation);
    }
    how += ": " + outcome.explanation;
  }
  existing->adopted = true;
  bill->trace.push_back(step(act, how));
  return ok_status();
}

Status Engine::on_senate_approved(const Act& act, const Version& version) {
  MURA_ASSIGN_OR_RETURN(Bill * bill, find_bill(act));
  if (!version.flag(keys::kSenateApproval)) {
    return refuse(version, keys::kSenateApproval,
                  "there is no Senate approval under version " + version.id());
  }
  if (bill->stage != BillStage::kReadingsDone) {
    return refuse(version, keys::kSenateApproval,
                  "the Senate approves a bill after its final reading; bill " + bill->id + " is " +
                      std::string(bill_stage_name(bill->stage)));
  }
  bill->stage = BillStage::kSenateApproved;
  bill->trace.push_back(
      step(act, "approved by the Senate", version.cite(keys::kSenateApproval).to_string()));
  return ok_status();
}

Status Engine::on_bill_adopted(const Act& act, const Version& version) {
  MURA_ASSIGN_OR_RETURN(Bill * bill, find_bill(act));
  const auto total = version.list(keys::kReadings).size();
  if (in_readings(bill->stage)) {
    return refuse(version, keys::kReadings,
                  "bill " + bill->id + " has passed " + std::to_string(bill->readings_passed) +
                      " of its " + std::to_string(total) + " readings and cannot be adopted");
  }
  const bool needs_senate = version.flag(keys::kSenateApproval);
  if ((needs_senate && bill->stage != BillStage::kSenateApproved) ||
      (!needs_senate && bill->stage != BillStage::kReadingsDone)) {
    return refuse(version, needs_senate ? keys::kSenateApproval : keys::kReadings,
                  "bill " + bill->id + " is " + std::string(bill_stage_name(bill->stage)) +
                      (needs_senate ? " and needs the Senate's approval first" : ""));
  }
  const std::int64_t days = version.integer(keys::kSendDays);
  const std::string rule = version.cite(keys::kSendDays).to_string();
  bill->stage = BillStage::kAdopted;
  bill->adopted_on = act.date;
  bill->trace.push_back(step(act, "adopted as a whole after the final reading"));
  meet_deadline("priority:" + bill->id, act, "bill adopted");
  open_deadline(Deadline{
      "send:" + bill->id,
      "send law " + bill->id + " to the President",
      act.date,
      act.date.add_days(days),
      std::nullopt,
      rule,
      {step(act, "adopted: to be sent to the President within " + std::to_string(days) + " days",
            rule)}});
  return ok_status();
}

Status Engine::on_bill_rejected(const Act& act, const Version& version) {
  MURA_ASSIGN_OR_RETURN(Bill * bill, find_bill(act));
  if (!before_adoption(bill->stage)) {
    return refuse(version, keys::kRejectionMajority,
                  "bill " + bill->id + " is " + std::string(bill_stage_name(bill->stage)) +
                      "; only a bill not yet adopted can be rejected");
  }
  MURA_ASSIGN_OR_RETURN(VoteOutcome outcome, judge_vote(act, version, keys::kRejectionMajority));
  if (!outcome.passed) {
    return refuse(
        version, keys::kRejectionMajority,
        "the motion to reject bill " + bill->id + " did not carry: " + outcome.explanation);
  }
  bill->stage = BillStage::kRejected;
  bill->trace.push_back(step(
      act,
      "rejected and returned to its initiator (" + bill->initiator + "): " + outcome.explanation,
      version.cite(keys::kRejectionMajority).to_string()));
  meet_deadline("priority:" + bill->id, act, "bill rejected");
  return ok_status();
}

Status Engine::on_law_sent(const Act& act, const Version& version) {
  MURA_ASSIGN_OR_RETURN(Bill * bill, find_bill(act));
  if (bill->stage != BillStage::kAdopted) {
    return refuse(version, keys::kSendDays,
                  "only an adopted law is sent to the President; bill " + bill->id + " is " +
                      std::string(bill_stage_name(bill->stage)));
  }
  const std::int64_t days = version.integer(keys::kSignDays);
  const std::string rule = version.cite(keys::kSignDays).to_string();
  bill->stage = BillStage::kSent;
  bill->trace.push_back(step(act, "sent to the President for signature"));
  meet_deadline("send:" + bill->id, act, "law sent to the President");
  open_deadline(
      Deadline{"sign:" + bill->id,
               "the President signs or returns law " + bill->id,
               act.date,
               act.date.add_days(days),
               std::nullopt,
               rule,
               {step(act, "sent: to be signed or returned within " + std::to_string(days) + " days",
                     rule)}});
  return ok_status();
}

Status Engine::on_law_signed_or_returned(const Act& act, const Version& version) {
  MURA_ASSIGN_OR_RETURN(Bill * bill, find_bill(act));
  const bool signing = act.type == ActType::kLawSigned;
  const bool allowed =
      bill->stage == BillStage::kSent || (signing && bill->stage == BillStage::kOverridden);
  if (!allowed) {
    return refuse(version, keys::kSignDays,
                  std::string("the President ") + (signing ? "signs" : "returns") +
                      " a law sent for signature" +
                      (signing ? " or passed over his objections" : "") + "; bill " + bill->id +
                      " is " + std::string(bill_stage_name(bill->stage)));
  }
  const bool after_override = bill->stage == BillStage::kOverridden;
  bill->stage = signing ? BillStage::kSigned : BillStage::kReturned;
  const std::string objections = act.optional_text("objections").value_or("");
  bill->trace.push_back(step(
      act, signing ? "signed by the President: it is law"
                   : "returned by the President" + (objections.empty() ? "" : ": " + objections)));
  meet_deadline((after_override ? "sign-override:" : "sign:") + bill->id, act,
                signing ? "law signed" : "law returned");
  return ok_status();
}

Status Engine::on_override_vote(const Act& act, const Version& version) {
  MURA_ASSIGN_OR_RETURN(Bill * bill, find_bill(act));
  if (bill->stage != BillStage::kReturned) {
    return refuse(version, keys::kOverrideMajority,
                  "only a law returned by the President is voted on again; bill " + bill->id +
                      " is " + std::string(bill_stage_name(bill->stage)));
  }
  MURA_ASSIGN_OR_RETURN(VoteOutcome outcome, judge_vote(act, version, keys::kOverrideMajority));
  MURA_TRY(check_recorded_result(act, version, keys::kOverrideMajority, outcome));
  const std::string rule = version.cite(keys::kOverrideMajority).to_string();
  bill->trace.push_back(step(act, "override vote: " + outcome.explanation, rule));
  if (!outcome.passed) {
    bill->stage = BillStage::kLapsed;
    bill->trace.push_back(step(act, "the President's objections stand: the law lapses", rule));
    return ok_status();
  }
  bill->stage = BillStage::kOverridden;
  const std::int64_t days = version.integer(keys::kSignDays);
  const std::string sign_rule = version.cite(keys::kSignDays).to_string();
  open_deadline(Deadline{
      "sign-override:" + bill->id,
      "the President signs law " + bill->id + " passed over objections",
      act.date,
      act.date.add_days(days),
      std::nullopt,
      sign_rule,
      {step(act, "objections overridden: to be signed within " + std::to_string(days) + " days",
            sign_rule)}});
  return ok_status();
}

}  // namespace mura::kurultai
