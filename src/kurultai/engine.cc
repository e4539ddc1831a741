#include "kurultai/engine.h"

#include <algorithm>

namespace mura::kurultai {

Error refuse(const Citation& citation, const std::string& message) {
  return failed_precondition_error("refused by " + citation.to_string() + ": " + message);
}

Error refuse(const Version& version, std::string_view key, const std::string& message) {
  return refuse(version.cite(key), message);
}

std::optional<Refusal> parse_refusal(std::string_view message) {
  constexpr std::string_view kStart = "refused by ";
  constexpr std::string_view kConstitution = " (Constitution ";
  const std::size_t start = message.find(kStart);
  if (start == std::string_view::npos) return std::nullopt;
  const std::string_view rest = message.substr(start + kStart.size());
  const std::size_t key_end = rest.find(kConstitution);
  const std::size_t close = rest.find("]): ");
  if (key_end == std::string_view::npos || close == std::string_view::npos || close < key_end ||
      close < 3 || rest.substr(close - 3, 2) != " [") {
    return std::nullopt;
  }
  const std::string_view citation =
      rest.substr(key_end + kConstitution.size(), close - 3 - key_end - kConstitution.size());
  const std::size_t comma = citation.find(", ");
  if (comma == std::string_view::npos) return std::nullopt;
  return Refusal{std::string(rest.substr(0, key_end)), std::string(citation.substr(0, comma)),
                 std::string(citation.substr(comma + 2)), std::string(rest.substr(close - 1, 1)),
                 std::string(rest.substr(close + 4))};
}

Status Engine::apply(const Act& act) {
  if (started_ && act.date < last_date_) {
    return invalid_argument_error("act " + act.summary() + " is dated before the previous act (" +
                                  last_date_.to_string() + "): the register is kept in date order");
  }
  MURA_ASSIGN_OR_RETURN(const Version* version, constitution_->version_at(act.date));
  MURA_TRY(advance_to(act.date, state_));
  MURA_TRY(dispatch(act, *version));
  started_ = true;
  last_date_ = act.date;
  state_.as_of = act.date;
  ++state_.acts;
  return ok_status();
}

Status Engine::dispatch(const Act& act, const Version& version) {
  switch (act.type) {
    case ActType::kElectionCertified:
      return on_election_certified(act, version);
    case ActType::kDeputySeated:
      return on_deputy_seated(act, version);
    case ActType::kDeputyUnseated:
      return on_deputy_unseated(act, version);
    case ActType::kPartyLeft:
      return on_party_left(act, version);
    case ActType::kChairElected:
      return on_chair_elected(act, version);
    case ActType::kDeputyChairsSet:
      return on_deputy_chairs_set(act, version);
    case ActType::kCommitteesSet:
      return on_committees_set(act, version);
    case ActType::kChamberDissolved:
      return on_chamber_dissolved(act, version);
    case ActType::kBillIntroduced:
      return on_bill_introduced(act, version);
    case ActType::kBillPriorityDeclared:
      return on_bill_priority_declared(act, version);
    case ActType::kReadingHeld:
      return on_reading_held(act, version);
    case ActType::kAmendmentTabled:
    case ActType::kAmendmentAdopted:
      return on_amendment(act, version);
    case ActType::kSenateApproved:
      return on_senate_approved(act, version);
    case ActType::kBillAdopted:
      return on_bill_adopted(act, version);
    case ActType::kBillRejected:
      return on_bill_rejected(act, version);
    case ActType::kLawSent:
      return on_law_sent(act, version);
    case ActType::kLawSigned:
    case ActType::kLawReturned:
      return on_law_signed_or_returned(act, version);
    case ActType::kOverrideVote:
      return on_override_vote(act, version);
    case ActType::kAppointmentProposed:
      return on_appointment_proposed(act, version);
    case ActType::kAppointmentConsented:
    case ActType::kAppointmentRefused:
      return on_appointment_decided(act, version);
    case ActType::kAppointmentMade:
      return on_appointment_made(act, version);
    case ActType::kCouncilMemberAppointed:
      return on_council_member_appointed(act, version);
    case ActType::kOfficeVacated:
      return on_office_vacated(act, version);
    case ActType::kActingHolderAssumed:
      return on_acting_holder_assumed(act, version);
    case ActType::kElectionCalled:
      return on_election_called(act, version);
    case ActType::kReferendumHeld:
      return on_referendum_held(act, version);
  }
  return internal_error("act type not handled");
}

Status Engine::advance_to(Date date, State& state) const {
  MURA_ASSIGN_OR_RETURN(const Version* version, constitution_->version_at(date));
  if (state.version == version) return ok_status();
  const Version* previous = state.version;
  state.version = version;
  if (previous == nullptr) return ok_status();
  const Date from = version->in_force();
  if (state.convocation && version->has(keys::kEndsPreviousParliament) &&
      version->flag(keys::kEndsPreviousParliament) &&
      state.convocation->version_id != version->id()) {
    end_convocation(from, "term_ended",
                    TraceStep{0, from,
                              "the " + state.convocation->chamber + " elected under version " +
                                  state.convocation->version_id + " ceases as version " +
                                  version->id() + " comes into force",
                              version->cite(keys::kEndsPreviousParliament).to_string()},
                    state);
  }
  for (auto& [id, office] : state.offices) {
    if (version->office(id) != nullptr || office.holders.empty()) continue;
    office.holders.clear();
    office.proposals.clear();
    office.vacancy_trace = {TraceStep{
        0, from, "the office " + id + " does not exist in version " + version->id() + " and ends",
        ""}};
  }
  return ok_status();
}

Result<State> Engine::state_at(Date date) const {
  if (started_ && date < last_date_) {
    return invalid_argument_error("state at " + date.to_string() + " precedes the last act (" +
                                  last_date_.to_string() + "); replay with derive_state");
  }
  State state = state_;
  MURA_TRY(advance_to(date, state));
  state.as_of = date;
  return state;
}

TraceStep Engine::step(const Act& act, std::string text, std::string rule) const {
  return TraceStep{state_.acts + 1, act.date, std::move(text), std::move(rule)};
}

Result<VoteOutcome> Engine::judge_vote(const Act& act, const Version& version,
                                       std::string_view majority_key) const {
  const std::string where = "act " + act.summary() + ": vote: ";
  if (!act.vote) return invalid_argument_error(where + "missing");
  const Vote& vote = *act.vote;
  if (state_.deputies.empty()) {
    return invalid_argument_error(where + "no deputies are seated on " + act.date.to_string());
  }
  const auto seated = static_cast<std::int64_t>(state_.deputies.size());
  std::int64_t absent = vote.absent;
  if (vote.secret) {
    if (vote.present() > seated) {
      return invalid_argument_error(where + std::to_string(vote.present()) +
                                    " deputies voted but only " + std::to_string(seated) +
                                    " are seated");
    }
    absent = seated - vote.present();
  } else {
    for (const auto& [person, choice] : vote.roll_call) {
      if (!state_.deputies.contains(person)) {
        return invalid_argument_error(where + "\"" + person + "\" is not a seated deputy on " +
                                      act.date.to_string());
      }
    }
    absent = seated - vote.present();
  }
  VoteOutcome outcome;
  const std::int64_t all = version.integer(keys::kSeats);
  outcome.required = version.required_votes(majority_key);
  outcome.quorum = version.required_votes(keys::kQuorum);
  outcome.quorum_met = vote.present() >= outcome.quorum;
  outcome.passed = outcome.quorum_met && vote.yes >= outcome.required;
  outcome.explanation =
      (vote.secret ? std::string("secret ballot: ") : std::string("roll call: ")) + "yes " +
      std::to_string(vote.yes) + ", no " + std::to_string(vote.no) + ", abstain " +
      std::to_string(vote.abstain) + ", absent " + std::to_string(absent) + "; present " +
      std::to_string(vote.present()) + " (quorum " + version.value_text(keys::kQuorum) + " of " +
      std::to_string(all) + " = " + std::to_string(outcome.quorum) + "); yes needed " +
      version.value_text(majority_key) + " of all " + std::to_string(all) +
      " deputies = " + std::to_string(outcome.required) + ": " +
      (outcome.passed ? "passed" : "failed");
  return outcome;
}

Status Engine::check_recorded_result(const Act& act, const Version& version,
                                     std::string_view majority_key,
                                     const VoteOutcome& outcome) const {
  const std::string& result = act.text("result");
  if (result != "passed" && result != "failed") {
    return invalid_argument_error("act " + act.summary() +
                                  ": result must be \"passed\" or "
                                  "\"failed\", not \"" +
                                  result + "\"");
  }
  if ((result == "passed") == outcome.passed) return ok_status();
  if (result == "passed" && !outcome.quorum_met) {
    return refuse(
        version, keys::kQuorum,
        act.summary() + " records the vote as passed without a quorum: " + outcome.explanation);
  }
  return refuse(version, majority_key,
                act.summary() + " records the vote as " + result + ", but " + outcome.explanation);
}

Result<Bill*> Engine::find_bill(const Act& act) {
  const std::string& id = act.text("bill");
  auto it = state_.bills.find(id);
  if (it == state_.bills.end()) {
    return invalid_argument_error("act " + act.summary() + ": no bill \"" + id +
                                  "\" has been introduced");
  }
  return &it->second;
}

Result<const Deputy*> Engine::find_deputy(const Act& act, const std::string& person) const {
  auto it = state_.deputies.find(person);
  if (it == state_.deputies.end()) {
    return invalid_argument_error("act " + act.summary() + ": \"" + person +
                                  "\" is not a seated deputy on " + act.date.to_string());
  }
  return &it->second;
}

void Engine::open_deadline(Deadline deadline) { state_.deadlines.push_back(std::move(deadline)); }

void Engine::meet_deadline(const std::string& id, const Act& act, const std::string& how,
                           std::optional<Date> on) {
  const Date met = on.value_or(act.date);
  // An id ending in ':' meets every open deadline with that prefix.
  for (auto& deadline : state_.deadlines) {
    const bool match = id.ends_with(':') ? deadline.id.starts_with(id) : deadline.id == id;
    if (!match || deadline.met_on) continue;
    deadline.met_on = met;
    deadline.trace.push_back(
        step(act, how + (met <= deadline.due
                             ? " (on time)"
                             : " (late: the last day was " + deadline.due.to_string() + ")")));
  }
}

Result<State> derive_state(const Constitution& constitution, const std::vector<Act>& acts,
                           Date date) {
  Engine engine(constitution);
  for (std::size_t i = 0; i < acts.size(); ++i) {
    if (acts[i].date > date) break;
    Status status = engine.apply(acts[i]);
    if (!status.ok()) return Error(status.with_context("entry " + std::to_string(i + 1)));
  }
  return engine.state_at(date);
}

}  // namespace mura::kurultai
