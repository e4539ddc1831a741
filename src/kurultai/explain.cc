#include "kurultai/explain.h"

#include <sstream>

namespace mura::kurultai {
namespace {

Result<Explanation> explain_seats(const State& state, const std::string& party) {
  if (!state.convocation)
    return not_found_error("no chamber is sitting on " + state.as_of.to_string());
  const Convocation& convocation = *state.convocation;
  const Allocation& allocation = convocation.allocation;
  for (const auto& entry : allocation.parties) {
    if (entry.party != party) continue;
    Explanation result{"seats:" + party,
                       party + " won " + std::to_string(entry.seats) + " of " +
                           std::to_string(allocation.request.seats) + " list seats; " +
                           std::to_string(state.seated_of_party(party)) + " deputies seated",
                       convocation.trace};
    std::string text = party + ": " + std::to_string(entry.votes) + " votes; threshold " +
                       allocation.threshold_votes.to_decimal(2) + " (" +
                       allocation.request.threshold_percent.to_string() + "% of " +
                       std::to_string(allocation.threshold_base_votes) +
                       ", against all included: " + std::to_string(allocation.against_all) + ") " +
                       (entry.passed ? "passed" : "not reached");
    const Method method = allocation.request.method;
    if (entry.passed && (method == Method::kHare || method == Method::kDroop)) {
      text += "; quota " + allocation.quota.to_decimal(4) + ", quotient " +
              std::to_string(entry.whole_seats) + ", remainder " + entry.remainder.to_decimal(4) +
              " (" + entry.remainder.to_string() + "): " + std::to_string(entry.whole_seats) +
              " seats + " + std::to_string(entry.remainder_seats) + " by largest remainder";
    } else if (entry.passed) {
      std::int64_t count = 0;
      for (const auto& award : allocation.awards) {
        if (allocation.parties[award.party].party == party) ++count;
      }
      text += "; " + std::to_string(count) + " seats by highest quotients (" +
              std::string(method_name(method)) + ")";
    }
    const TraceStep& certification = convocation.trace.front();
    result.trace.push_back(
        TraceStep{certification.position, certification.date, text, certification.rule});
    return result;
  }
  return not_found_error("party \"" + party + "\" is not in the certified count");
}

Result<Explanation> explain_office(const State& state, const std::string& id) {
  auto it = state.offices.find(id);
  if (it == state.offices.end())
    return not_found_error("no act concerns the office \"" + id + "\"");
  const OfficeState& office = it->second;
  Explanation result{"office:" + id, "", {}};
  if (office.holders.empty()) {
    result.statement = "the office " + id + " is vacant" +
                       (office.vacant_since ? " since " + office.vacant_since->to_string() : "");
    result.trace = office.vacancy_trace;
  } else {
    for (const auto& holding : office.holders) {
      result.statement += (result.statement.empty() ? "" : "; ") + holding.person + " holds " + id +
                          " since " + holding.since.to_string();
      result.trace.insert(result.trace.end(), holding.trace.begin(), holding.trace.end());
    }
  }
  result.trace.insert(result.trace.end(), office.refusals_trace.begin(),
                      office.refusals_trace.end());
  return result;
}

Result<Explanation> explain_deputy(const State& state, const std::string& person) {
  if (auto it = state.deputies.find(person); it != state.deputies.end()) {
    const Deputy& deputy = it->second;
    return Explanation{"deputy:" + person,
                       person + " holds a seat" +
                           (deputy.party.empty() ? " for district " + deputy.district
                                                 : " for the list of " + deputy.party) +
                           " since " + deputy.seated.to_string(),
                       deputy.trace};
  }
  for (auto former = state.former_deputies.rbegin(); former != state.former_deputies.rend();
       ++former) {
    if (former->deputy.person != person) continue;
    return Explanation{
        "deputy:" + person,
        person + " lost the seat on " + former->unseated.to_string() + " (" + former->ground + ")",
        former->deputy.trace};
  }
  return not_found_error("\"" + person + "\" has never held a seat");
}

}  // namespace

Result<Explanation> explain(const State& state, std::string_view fact) {
  const std::size_t colon = fact.find(':');
  const std::string kind(fact.substr(0, colon));
  const std::string name =
      colon == std::string_view::npos ? "" : std::string(fact.substr(colon + 1));
  if (kind == "seats") return explain_seats(state, name);
  if (kind == "office") return explain_office(state, name);
  if (kind == "deputy") return explain_deputy(state, name);
  if (kind == "acting") {
    const auto acting = state.acting_president();
    if (name != "president" || !acting) {
      return not_found_error("nobody acts as " + name + " on " + state.as_of.to_string());
    }
    return Explanation{std::string(fact),
                       acting->person + ", holder of " + acting->by_office + ", acts as President",
                       acting->trace};
  }
  if (kind == "bill") {
    auto it = state.bills.find(name);
    if (it == state.bills.end()) return not_found_error("no bill \"" + name + "\"");
    return Explanation{std::string(fact),
                       "bill " + name + " (" + it->second.title + ") is " +
                           std::string(bill_stage_name(it->second.stage)),
                       it->second.trace};
  }
  if (kind == "deadline") {
    for (const auto& deadline : state.deadlines) {
      if (deadline.id != name) continue;
      return Explanation{std::string(fact),
                         deadline.description + ": due " + deadline.due.to_string() + ", " +
                             std::string(deadline_status_name(deadline.status(state.as_of))) +
                             " on " + state.as_of.to_string(),
                         deadline.trace};
    }
    return not_found_error("no deadline \"" + name + "\"");
  }
  if (kind == "dissolution") {
    if (!state.president_may_dissolve) {
      return Explanation{"dissolution", "the President may not dissolve the chamber on this ground",
                         state.dissolution_trace};
    }
    return Explanation{"dissolution", "the President may dissolve the chamber",
                       state.dissolution_trace};
  }
  if (kind == "committees") {
    return Explanation{"committees",
                       std::to_string(state.committees.size()) + " standing committees",
                       state.committees_trace};
  }
  if (kind == "deputy_chairs") {
    return Explanation{"deputy_chairs",
                       std::to_string(state.deputy_chairs.size()) + " deputy chairs",
                       state.deputy_chairs_trace};
  }
  if (kind == "council") {
    auto it = state.council.find(name);
    if (it == state.council.end())
      return not_found_error("\"" + name + "\" is not a member of the People's Council");
    return Explanation{std::string(fact),
                       name + " is a member of the People's Council (" + it->second.block + ")",
                       it->second.trace};
  }
  if (kind == "referendum") {
    std::size_t index = 0;
    for (char c : name)
      index = (c >= '0' && c <= '9') ? index * 10 + static_cast<std::size_t>(c - '0') : 0;
    if (index == 0 || index > state.referendums.size())
      return not_found_error("no referendum " + name);
    const Referendum& referendum = state.referendums[index - 1];
    return Explanation{std::string(fact), referendum.question + ": " + referendum.explanation,
                       referendum.trace};
  }
  return invalid_argument_error(
      "unknown fact \"" + std::string(fact) +
      "\" (expected office:ID, acting:president, deputy:NAME, seats:PARTY, "
      "bill:ID, deadline:ID, dissolution, committees, deputy_chairs, "
      "council:NAME, referendum:N)");
}

std::vector<std::string> fact_names(const State& state) {
  std::vector<std::string> names;
  for (const auto& [id, office] : state.offices) names.push_back("office:" + id);
  if (state.acting_president()) names.push_back("acting:president");
  if (state.convocation) {
    for (const auto& [party, seats] : state.convocation->seats_won)
      names.push_back("seats:" + party);
  }
  for (const auto& [person, deputy] : state.deputies) names.push_back("deputy:" + person);
  for (const auto& [id, bill] : state.bills) names.push_back("bill:" + id);
  for (const auto& deadline : state.deadlines) names.push_back("deadline:" + deadline.id);
  names.push_back("dissolution");
  names.push_back("committees");
  names.push_back("deputy_chairs");
  for (std::size_t i = 0; i < state.referendums.size(); ++i) {
    names.push_back("referendum:" + std::to_string(i + 1));
  }
  return names;
}

std::string format_explanation(const Explanation& explanation) {
  std::ostringstream out;
  out << explanation.statement << "\n";
  if (!explanation.trace.empty()) out << "because:\n";
  for (const auto& step : explanation.trace) {
    out << "  [" << (step.position > 0 ? "entry " + std::to_string(step.position) + ", " : "")
        << step.date.to_string() << "] " << step.text;
    if (!step.rule.empty()) out << "\n      rule: " << step.rule;
    out << "\n";
  }
  return out.str();
}

}  // namespace mura::kurultai
