// Engine handlers for offices: appointments with and without the chamber's consent, the
// consequences of refusals, vacancies and who acts, the People's Council, the presidential
// election's calling, and referendums.
#include <algorithm>

#include "kurultai/engine.h"
#include "kurultai/referendum.h"

namespace mura::kurultai {
namespace {

bool holds(const OfficeState& office, const std::string& person) {
  return std::any_of(office.holders.begin(), office.holders.end(),
                     [&](const Holding& h) { return h.person == person; });
}

// The office's state, or an empty one when no act has concerned it yet (nothing is inserted).
const OfficeState& office_state(const State& state, const std::string& id) {
  static const OfficeState kEmpty;
  auto it = state.offices.find(id);
  return it == state.offices.end() ? kEmpty : it->second;
}

Error no_such_office(const Version& version, const std::string& id) {
  return failed_precondition_error("refused by the Constitution " + version.id() +
                                   ": it has no office \"" + id + "\"");
}

// Checks that `person` may take `office`: a seat is free and nothing the office excludes applies.
Status check_eligible(const State& state, const Office& office, const Act& act,
                      const std::string& person) {
  auto current = state.offices.find(office.id);
  const std::size_t filled = current == state.offices.end() ? 0 : current->second.holders.size();
  if (office.seats > 0 && static_cast<std::int64_t>(filled) >= office.seats) {
    return refuse(office.citation, "all " + std::to_string(office.seats) + " seat(s) of " +
                                       office.name + " are filled");
  }
  for (const auto& excluded : office.incompatible) {
    if (excluded == "deputy" && state.deputies.contains(person)) {
      return refuse(office.citation,
                    person + " is a deputy; the " + office.name + " may not be a deputy");
    }
    if (excluded == "party_member") {
      std::string party = act.optional_text("party").value_or("");
      if (party.empty() && state.party_of.contains(person)) party = state.party_of.at(person);
      if (!party.empty()) {
        return refuse(office.citation, person + " is a member of the party " + party + "; the " +
                                           office.name + " may not belong to a political party");
      }
    }
    if (excluded == "other_paid_post") {
      std::string other;
      for (const auto& [id, held] : state.offices) {
        if (id != office.id && holds(held, person)) other = id;
      }
      if (act.flag("other_paid_post") || !other.empty()) {
        return refuse(office.citation, person + " holds another paid post" +
                                           (other.empty() ? "" : " (" + other + ")") + "; the " +
                                           office.name + " may not");
      }
    }
    if (excluded == "business" && act.flag("business")) {
      return refuse(office.citation, person + " runs a business; the " + office.name + " may not");
    }
  }
  return ok_status();
}

}  // namespace

Status Engine::on_appointment_proposed(const Act& act, const Version& version) {
  const std::string& id = act.text("office");
  const std::string& person = act.text("person");
  const Office* office = version.office(id);
  if (office == nullptr) return no_such_office(version, id);
  if ((office->appointment != Appointment::kConsent &&
       office->appointment != Appointment::kChamberElection) ||
      id == "chair") {
    return invalid_argument_error("act " + act.summary() + ": the office " + id + " is filled by " +
                                  std::string(appointment_name(office->appointment)) +
                                  ", not on a proposal to the chamber");
  }
  const OfficeState& current = office_state(state_, id);
  if (current.proposals.contains(person) || holds(current, person)) {
    return invalid_argument_error("act " + act.summary() + ": " + person +
                                  " is already proposed for or holds " + id);
  }
  MURA_TRY(check_eligible(state_, *office, act, person));
  state_.offices[id].proposals[person] = {
      step(act, person + " proposed by the President for " + office->name,
           office->citation.to_string())};
  return ok_status();
}

Status Engine::on_appointment_decided(const Act& act, const Version& version) {
  const std::string& id = act.text("office");
  const std::string& person = act.text("person");
  const Office* office = version.office(id);
  if (office == nullptr) return no_such_office(version, id);
  if (!office_state(state_, id).proposals.contains(person)) {
    return invalid_argument_error("act " + act.summary() + ": " + person +
                                  " has not been proposed for " + id);
  }
  OfficeState& current = state_.offices[id];
  auto proposal = current.proposals.find(person);
  MURA_ASSIGN_OR_RETURN(VoteOutcome outcome, judge_vote(act, version, keys::kConsentMajority));
  const std::string rule = version.cite(keys::kConsentMajority).to_string();
  if (act.type == ActType::kAppointmentConsented) {
    if (!outcome.passed) {
      return refuse(version, keys::kConsentMajority,
                    "consent to " + person + " as " + office->name + " is recorded, but " +
                        outcome.explanation);
    }
    MURA_TRY(check_eligible(state_, *office, act, person));
    Trace trace = proposal->second;
    trace.push_back(step(act,
                         person + " takes office as " + office->name +
                             " with the consent of the chamber: " + outcome.explanation,
                         rule));
    current.proposals.erase(proposal);
    current.holders.push_back(Holding{person, act.date, std::move(trace)});
    current.vacant_since.reset();
    current.refusals = 0;
    current.refusals_trace.clear();
    return ok_status();
  }
  if (outcome.passed) {
    return refuse(version, keys::kConsentMajority,
                  "a refusal of consent to " + person + " is recorded, but the vote carried (" +
                      outcome.explanation + "): record appointment_consented");
  }
  current.proposals.erase(proposal);
  if (office->appointment != Appointment::kConsent) return ok_status();
  ++current.refusals;
  current.refusals_trace.push_back(step(act,
                                        "consent to " + person + " as " + office->name +
                                            " refused (" + std::to_string(current.refusals) +
                                            "): " + outcome.explanation,
                                        rule));
  const std::int64_t limit = version.integer(keys::kDissolutionRefusals);
  if (current.refusals >= limit && !state_.president_may_dissolve) {
    state_.president_may_dissolve = true;
    state_.dissolution_trace = current.refusals_trace;
    state_.dissolution_trace.push_back(TraceStep{
        0, act.date,
        "refusal number " + std::to_string(current.refusals) + " of consent to the " +
            office->name + ": the President may dissolve the " + version.text(keys::kChamberName),
        version.cite(keys::kDissolutionRefusals).to_string()});
  }
  return ok_status();
}

Status Engine::on_appointment_made(const Act& act, const Version& version) {
  const std::string& id = act.text("office");
  const std::string& person = act.text("person");
  const Office* office = version.office(id);
  if (office == nullptr) return no_such_office(version, id);
  if (office->appointment != Appointment::kPresident) {
    return refuse(office->citation, "the " + office->name + " is filled by " +
                                        std::string(appointment_name(office->appointment)) +
                                        ", not by the President alone");
  }
  if (holds(office_state(state_, id), person)) {
    return invalid_argument_error("act " + act.summary() + ": " + person + " already holds " + id);
  }
  MURA_TRY(check_eligible(state_, *office, act, person));
  OfficeState& current = state_.offices[id];
  current.holders.push_back(
      Holding{person,
              act.date,
              {step(act, person + " appointed " + office->name, office->citation.to_string())}});
  current.vacant_since.reset();
  return ok_status();
}

Status Engine::on_council_member_appointed(const Act& act, const Version& version) {
  const std::string& person = act.text("person");
  const std::string& block = act.text("block");
  if (!version.has(keys::kCouncilMembers)) {
    return failed_precondition_error("refused by the Constitution " + version.id() +
                                     ": it has no People's Council");
  }
  if (!version.list_contains(keys::kCouncilBlocks, block)) {
    return refuse(version, keys::kCouncilBlocks,
                  "\"" + block + "\" is not a block of the People's Council; the blocks are " +
                      version.value_text(keys::kCouncilBlocks));
  }
  if (state_.council.contains(person)) {
    return invalid_argument_error("act " + act.summary() + ": " + person + " is already a member");
  }
  const std::int64_t in_block =
      std::count_if(state_.council.begin(), state_.council.end(),
                    [&](const auto& m) { return m.second.block == block; });
  if (in_block >= version.integer(keys::kCouncilBlockSize)) {
    return refuse(version, keys::kCouncilBlockSize,
                  "the block " + block + " already has its " +
                      version.value_text(keys::kCouncilBlockSize) + " members");
  }
  state_.council[person] =
      CouncilMember{person,
                    block,
                    act.date,
                    {step(act, person + " appointed to the People's Council (" + block + ")",
                          version.cite(keys::kCouncilMembers).to_string())}};
  return ok_status();
}

Status Engine::on_office_vacated(const Act& act, const Version& version) {
  const std::string& id = act.text("office");
  const std::string& ground = act.text("ground");
  const std::string where = "act " + act.summary() + ": ";
  if (version.office(id) == nullptr) return no_such_office(version, id);
  if (office_state(state_, id).holders.empty()) {
    return invalid_argument_error(where + "nobody holds " + id);
  }
  OfficeState& current = state_.offices[id];
  const std::string person = act.optional_text("person").value_or(
      current.holders.size() == 1 ? current.holders.front().person : "");
  auto holding = std::find_if(current.holders.begin(), current.holders.end(),
                              [&](const Holding& h) { return h.person == person; });
  if (person.empty() || holding == current.holders.end()) {
    return invalid_argument_error(where + (person.empty() ? "name the \"person\" who leaves " + id
                                                          : person + " does not hold " + id));
  }
  current.holders.erase(holding);
  const TraceStep why = step(act, "the office " + id + " is vacated by " + person + ": " + ground);
  if (!current.holders.empty()) return ok_status();
  current.vacant_since = act.date;
  current.vacancy_trace = {why};
  if (id == "president") {
    const std::int64_t days = version.integer(keys::kElectionCallDays);
    const std::string rule = version.cite(keys::kElectionCallDays).to_string();
    open_deadline(Deadline{
        "election_call:president:" + act.date.to_string(),
        "call the presidential election",
        act.date,
        act.date.add_days(days),
        std::nullopt,
        rule,
        {why, step(act, "the election is to be called within " + std::to_string(days) + " days",
                   rule)}});
  }
  return ok_status();
}

Status Engine::on_acting_holder_assumed(const Act& act, const Version& version) {
  const std::string& id = act.text("office");
  const std::string& person = act.text("person");
  if (id != "president") {
    return invalid_argument_error("act " + act.summary() +
                                  ": only the presidency has an acting holder");
  }
  if (state_.holder("president") != nullptr) {
    return refuse(version, keys::kSuccession, "the presidency is not vacant");
  }
  State probe = state_;
  probe.as_of = act.date;
  const auto acting = probe.acting_president();
  if (!acting) {
    return refuse(version, keys::kSuccession,
                  "no holder of " + version.value_text(keys::kSuccession) +
                      " can act (or no vacancy was recorded)");
  }
  if (acting->person != person) {
    return refuse(version, keys::kSuccession,
                  person + " cannot act as President: " + acting->person + ", holder of " +
                      acting->by_office + ", comes first in the order " +
                      version.value_text(keys::kSuccession) + " among the offices not vacant");
  }
  state_.offices["president"].vacancy_trace.push_back(
      step(act, person + " (" + acting->by_office + ") assumes the powers of the President",
           version.cite(keys::kSuccession).to_string()));
  return ok_status();
}

Status Engine::on_election_called(const Act& act, const Version& version) {
  const std::string& election = act.text("election");
  const Date date = act.date_field("election_date");
  if (date < act.date) {
    return invalid_argument_error("act " + act.summary() + ": election_date precedes the decision");
  }
  if (election != "presidential") return ok_status();
  const std::int64_t months = version.integer(keys::kElectionHeldMonths);
  const Date due = act.date.add_months(static_cast<int>(months));
  const std::string rule = version.cite(keys::kElectionHeldMonths).to_string();
  if (date > due) {
    return refuse(version, keys::kElectionHeldMonths,
                  "the presidential election is held within " + std::to_string(months) +
                      " months of the decision to call it, by " + due.to_string() + "; " +
                      date.to_string() + " is later");
  }
  meet_deadline("election_call:president:", act,
                "presidential election called for " + date.to_string());
  open_deadline(Deadline{
      "election_held:president:" + act.date.to_string(),
      "hold the presidential election",
      act.date,
      due,
      std::nullopt,
      rule,
      {step(act, "election called for " + date.to_string() + "; to be held by " + due.to_string(),
            rule)}});
  return ok_status();
}

Status Engine::on_referendum_held(const Act& act, const Version& version) {
  ReferendumCount count{act.integer("registered"), act.integer("participants"), act.integer("yes")};
  auto judged = judge_referendum(count, version.majority(keys::kReferendumTurnout),
                                 version.majority(keys::kReferendumAdoption));
  if (!judged) return Error(judged.error().with_context("act " + act.summary()));
  const std::string computed = !judged->valid    ? "invalid"
                               : judged->adopted ? "adopted"
                                                 : "not_adopted";
  if (const auto recorded = act.optional_text("result"); recorded && *recorded != computed) {
    if (*recorded != "adopted" && *recorded != "not_adopted" && *recorded != "invalid") {
      return invalid_argument_error("act " + act.summary() +
                                    ": result must be adopted, not_adopted or invalid");
    }
    return refuse(version, judged->valid ? keys::kReferendumAdoption : keys::kReferendumTurnout,
                  "the referendum is recorded as " + *recorded + ", but " + judged->explanation);
  }
  state_.referendums.push_back(
      Referendum{act.text("question"),
                 act.date,
                 judged->valid,
                 judged->adopted,
                 judged->explanation,
                 {step(act, "referendum: " + judged->explanation,
                       version.cite(keys::kReferendumTurnout).to_string() + "; " +
                           version.cite(keys::kReferendumAdoption).to_string())}});
  return ok_status();
}

}  // namespace mura::kurultai
