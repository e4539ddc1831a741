// Engine handlers for the chamber: elections, seats, the Chair, deputy chairs, committees,
// dissolution.
#include <algorithm>
#include <set>

#include "kurultai/engine.h"

namespace mura::kurultai {
namespace {

std::string lower(std::string text) {
  for (char& c : text) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return text;
}

// "#1f6feb": a colour for the party's seats in the chamber's diagrams.
bool is_colour(const nlohmann::json& value) {
  if (!value.is_string()) return false;
  const std::string& text = value.get_ref<const std::string&>();
  if (text.size() != 7 || text[0] != '#') return false;
  return std::all_of(text.begin() + 1, text.end(), [](char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  });
}

struct CertifiedVotes {
  VoteCount count;
  std::map<std::string, std::string> colours;
};

Result<CertifiedVotes> votes_of(const Act& act) {
  CertifiedVotes result;
  const std::string where = "act " + act.summary() + ": ";
  if (!act.has("votes") || !act.has("seats")) {
    return invalid_argument_error(where + "a chamber election needs \"votes\" and \"seats\"");
  }
  for (const auto& row : act.field("votes")) {
    const bool has_colour = row.is_object() && row.contains("colour");
    if (!row.is_object() || !row.contains("party") || !row["party"].is_string() ||
        !row.contains("votes") || !row["votes"].is_number_integer() ||
        row.size() != (has_colour ? 3u : 2u) || (has_colour && !is_colour(row["colour"]))) {
      return invalid_argument_error(where +
                                    "each of \"votes\" must be {\"party\": NAME, "
                                    "\"votes\": N} with an optional \"colour\": \"#rrggbb\", "
                                    "not " +
                                    row.dump());
    }
    const std::string party = row["party"].get<std::string>();
    result.count.parties.push_back(PartyVotes{party, row["votes"].get<std::int64_t>()});
    if (has_colour) result.colours[party] = row["colour"].get<std::string>();
  }
  result.count.against_all = act.optional_integer("against_all").value_or(0);
  return result;
}

}  // namespace

Status Engine::on_election_certified(const Act& act, const Version& version) {
  const std::string& election = act.text("election");
  if (election == "presidential") {
    if (!act.has("winner")) {
      return invalid_argument_error("act " + act.summary() +
                                    ": a presidential election needs \"winner\"");
    }
    const std::string& winner = act.text("winner");
    const Date held = act.optional_date("held_on").value_or(act.date);
    if (held > act.date) {
      return invalid_argument_error("act " + act.summary() +
                                    ": held_on is after the certification");
    }
    const auto previous = state_.presidential_terms.find(winner);
    const std::int64_t terms = previous == state_.presidential_terms.end() ? 0 : previous->second;
    if (terms >= version.integer(keys::kPresidentMaxTerms)) {
      return refuse(version, keys::kPresidentMaxTerms,
                    winner + " has already been elected President " + std::to_string(terms) +
                        " time(s); the President serves " +
                        version.value_text(keys::kPresidentMaxTerms) + " term of " +
                        version.value_text(keys::kPresidentTermYears) + " years");
    }
    OfficeState& office = state_.offices["president"];
    office.holders = {Holding{winner,
                              act.date,
                              {step(act, winner + " elected President and takes office",
                                    version.office("president")->citation.to_string())}}};
    office.vacant_since.reset();
    office.vacancy_trace.clear();
    state_.presidential_terms[winner] = terms + 1;
    meet_deadline("election_held:president:", act,
                  "presidential election held on " + held.to_string(), held);
    return ok_status();
  }
  const std::string chamber = version.text(keys::kChamberName);
  if (election != lower(chamber)) {
    return invalid_argument_error("act " + act.summary() + ": election \"" + election +
                                  "\" is neither \"presidential\" nor the chamber in force (\"" +
                                  lower(chamber) + "\")");
  }
  MURA_ASSIGN_OR_RETURN(CertifiedVotes certified_votes, votes_of(act));
  const VoteCount& count = certified_votes.count;
  AllocationRequest request;
  request.seats = version.integer(keys::kListSeats);
  request.threshold_percent = version.rational(keys::kThresholdPercent);
  request.method = *parse_method(version.text(keys::kMethod));
  request.threshold_base = *parse_threshold_base(version.text(keys::kThresholdBase));
  auto allocated = allocate(count, request);
  if (!allocated) return Error(allocated.error().with_context("act " + act.summary()));
  const Allocation& allocation = *allocated;
  const nlohmann::json& seats = act.field("seats");
  for (const auto& [party, value] : seats.items()) {
    if (!value.is_number_integer()) {
      return invalid_argument_error("act " + act.summary() + ": seats of \"" + party +
                                    "\" must be an integer");
    }
    const bool listed = std::any_of(count.parties.begin(), count.parties.end(),
                                    [&](const PartyVotes& p) { return p.party == party; });
    if (!listed) {
      return invalid_argument_error("act " + act.summary() + ": seats name \"" + party +
                                    "\", which has no row in \"votes\"");
    }
  }
  for (const auto& party : allocation.parties) {
    const std::int64_t certified =
        seats.contains(party.party) ? seats[party.party].get<std::int64_t>() : 0;
    if (certified == party.seats) continue;
    std::string why = party.passed ? ""
                                   : " (below the threshold of " +
                                         allocation.threshold_votes.to_decimal(2) + " votes)";
    if (party.passed && (request.method == Method::kHare || request.method == Method::kDroop)) {
      why = " (quotient " + std::to_string(party.whole_seats) + ", remainder " +
            party.remainder.to_decimal(4) + ")";
    }
    return refuse(version, keys::kMethod,
                  "the certified result gives " + party.party + " " + std::to_string(certified) +
                      " seats, but the " + std::string(method_name(request.method)) +
                      " allocation of " + std::to_string(request.seats) + " list seats gives " +
                      std::to_string(party.seats) + why);
  }
  if (state_.convocation) {
    end_convocation(act.date, "term_ended", step(act, "a new " + chamber + " is elected"), state_);
  }
  Convocation convocation;
  convocation.chamber = chamber;
  convocation.version_id = version.id();
  convocation.certified = act.date;
  convocation.allocation = allocation;
  convocation.colours = std::move(certified_votes.colours);
  for (const auto& party : allocation.parties) {
    if (party.seats > 0) convocation.seats_won[party.party] = party.seats;
  }
  convocation.trace.push_back(
      step(act,
           "election of the " + chamber + " certified: " + std::to_string(request.seats) +
               " list seats by " + std::string(method_name(request.method)) + ", threshold " +
               request.threshold_percent.to_string() + "%",
           version.cite(keys::kMethod).to_string()));
  state_.convocation = std::move(convocation);
  state_.president_may_dissolve = false;
  state_.dissolution_trace.clear();
  for (auto& [id, office] : state_.offices) office.refusals = 0;
  return ok_status();
}

Status Engine::on_deputy_seated(const Act& act, const Version& version) {
  const std::string& person = act.text("person");
  const std::string where = "act " + act.summary() + ": ";
  if (!state_.convocation) {
    return invalid_argument_error(where + "no election of the " + version.text(keys::kChamberName) +
                                  " has been certified");
  }
  if (state_.deputies.contains(person)) {
    return invalid_argument_error(where + person + " already holds a seat");
  }
  const auto party = act.optional_text("party");
  const auto district = act.optional_text("district");
  if (party.has_value() == district.has_value()) {
    return invalid_argument_error(where + "give either \"party\" (a list seat) or \"district\"");
  }
  const std::int64_t seats = version.integer(keys::kSeats);
  if (static_cast<std::int64_t>(state_.deputies.size()) >= seats) {
    return refuse(version, keys::kSeats,
                  "the " + version.text(keys::kChamberName) + " has " + std::to_string(seats) +
                      " seats and all are filled: seat " + std::to_string(seats + 1) +
                      " does not exist");
  }
  for (const auto& [id, office] : state_.offices) {
    const Office* rules = version.office(id);
    if (rules == nullptr) continue;
    const bool holds = std::any_of(office.holders.begin(), office.holders.end(),
                                   [&](const Holding& h) { return h.person == person; });
    if (holds && std::find(rules->incompatible.begin(), rules->incompatible.end(), "deputy") !=
                     rules->incompatible.end()) {
      return refuse(rules->citation,
                    person + " holds the office " + id + ", which may not be held by a deputy");
    }
  }
  if (party) {
    const auto won = state_.convocation->seats_won.find(*party);
    const std::int64_t limit = won == state_.convocation->seats_won.end() ? 0 : won->second;
    if (state_.seated_of_party(*party) >= limit) {
      return refuse(version, keys::kListSeats,
                    *party + " won " + std::to_string(limit) +
                        " list seats in the election certified on " +
                        state_.convocation->certified.to_string() + " and all are filled");
    }
  } else {
    const std::int64_t district_seats = seats - version.integer(keys::kListSeats);
    std::int64_t filled = 0;
    for (const auto& [name, deputy] : state_.deputies) filled += deputy.district.empty() ? 0 : 1;
    if (filled >= district_seats) {
      return refuse(version, keys::kListSeats,
                    "the " + version.text(keys::kChamberName) + " has " +
                        std::to_string(district_seats) + " district seats and " +
                        std::to_string(filled) + " are filled");
    }
  }
  Deputy deputy{person, party.value_or(""), district.value_or(""), act.date,
                state_.convocation->trace};
  deputy.trace.push_back(step(
      act,
      person + " seated" + (party ? " for the list of " + *party : " for district " + *district)));
  state_.deputies[person] = std::move(deputy);
  if (party) state_.party_of[person] = *party;
  return ok_status();
}

void Engine::unseat(const std::string& person, const std::string& ground, Date date,
                    TraceStep why) {
  auto it = state_.deputies.find(person);
  if (it == state_.deputies.end()) return;
  Deputy deputy = std::move(it->second);
  state_.deputies.erase(it);
  deputy.trace.push_back(why);
  if (auto chair = state_.offices.find("chair"); chair != state_.offices.end() &&
                                                 !chair->second.holders.empty() &&
                                                 chair->second.holders.front().person == person) {
    chair->second.holders.clear();
    chair->second.vacant_since = date;
    chair->second.vacancy_trace = {
        why, TraceStep{0, date, "the Chair's seat ended, and with it the office", ""}};
  }
  std::erase(state_.deputy_chairs, person);
  for (auto& committee : state_.committees) std::erase(committee.members, person);
  state_.former_deputies.push_back(FormerDeputy{std::move(deputy), date, ground});
}

void Engine::end_convocation(Date date, const std::string& ground, TraceStep why,
                             State& state) const {
  for (auto& [person, deputy] : state.deputies) {
    deputy.trace.push_back(why);
    state.former_deputies.push_back(FormerDeputy{std::move(deputy), date, ground});
  }
  state.deputies.clear();
  state.convocation.reset();
  state.deputy_chairs.clear();
  state.deputy_chairs_trace = {why};
  state.committees.clear();
  state.committees_trace = {why};
  if (auto chair = state.offices.find("chair");
      chair != state.offices.end() && !chair->second.holders.empty()) {
    chair->second.holders.clear();
    chair->second.vacant_since = date;
    chair->second.vacancy_trace = {why};
  }
}

Status Engine::on_deputy_unseated(const Act& act, const Version& version) {
  const std::string& person = act.text("person");
  const std::string& ground = act.text("ground");
  MURA_TRY(find_deputy(act, person));
  if (!version.list_contains(keys::kMandateLossGrounds, ground)) {
    return refuse(version, keys::kMandateLossGrounds,
                  "\"" + ground + "\" is not a ground for losing the seat; the grounds are " +
                      version.value_text(keys::kMandateLossGrounds));
  }
  unseat(person, ground, act.date,
         step(act, person + " loses the seat: " + ground,
              version.cite(keys::kMandateLossGrounds).to_string()));
  return ok_status();
}

Status Engine::on_party_left(const Act& act, const Version& version) {
  const std::string& person = act.text("person");
  const std::string& party = act.text("party");
  const bool expelled = act.flag("expelled");
  auto membership = state_.party_of.find(person);
  if (membership != state_.party_of.end() && membership->second == party) {
    state_.party_of.erase(membership);
  }
  auto deputy = state_.deputies.find(person);
  if (deputy == state_.deputies.end() || deputy->second.party != party) return ok_status();
  const std::string ground = expelled ? "expelled_from_party" : "left_party";
  if (!version.list_contains(keys::kMandateLossGrounds, ground)) return ok_status();
  unseat(person, ground, act.date,
         step(act,
              person + (expelled ? " was expelled from " : " left ") + party +
                  ", on whose list the seat was won: the seat is lost (" + ground + ")",
              version.cite(keys::kMandateLossGrounds).to_string()));
  return ok_status();
}

Status Engine::on_chair_elected(const Act& act, const Version& version) {
  const std::string& person = act.text("person");
  const Office* office = version.office("chair");
  if (!state_.deputies.contains(person)) {
    return refuse(office->citation, "the Chair is elected from among the deputies; " + person +
                                        " is not a seated deputy");
  }
  MURA_ASSIGN_OR_RETURN(VoteOutcome outcome,
                        judge_vote(act, version, keys::kChairElectionMajority));
  MURA_TRY(check_recorded_result(act, version, keys::kChairElectionMajority, outcome));
  if (!outcome.passed) return ok_status();
  OfficeState& chair = state_.offices["chair"];
  Trace trace = state_.deputies[person].trace;
  trace.push_back(step(act, person + " elected Chair: " + outcome.explanation,
                       version.cite(keys::kChairElectionMajority).to_string()));
  chair.holders = {Holding{person, act.date, std::move(trace)}};
  chair.vacant_since.reset();
  chair.vacancy_trace.clear();
  std::erase(state_.deputy_chairs, person);
  return ok_status();
}

Status Engine::on_deputy_chairs_set(const Act& act, const Version& version) {
  const std::vector<std::string> persons = act.texts("persons");
  const std::int64_t limit = version.integer(keys::kMaxDeputyChairs);
  if (static_cast<std::int64_t>(persons.size()) > limit) {
    return refuse(version, keys::kMaxDeputyChairs,
                  std::to_string(persons.size()) + " deputy chairs named; at most " +
                      std::to_string(limit) + " are allowed");
  }
  std::set<std::string> seen;
  const Holding* chair = state_.holder("chair");
  for (const auto& person : persons) {
    MURA_TRY(find_deputy(act, person));
    if (!seen.insert(person).second || (chair != nullptr && chair->person == person)) {
      return invalid_argument_error("act " + act.summary() + ": " + person +
                                    " is named twice or is the Chair");
    }
  }
  state_.deputy_chairs = persons;
  state_.deputy_chairs_trace = {step(act, std::to_string(persons.size()) + " deputy chairs set",
                                     version.cite(keys::kMaxDeputyChairs).to_string())};
  return ok_status();
}

Status Engine::on_committees_set(const Act& act, const Version& version) {
  const nlohmann::json& list = act.field("committees");
  const std::int64_t limit = version.integer(keys::kMaxCommittees);
  if (static_cast<std::int64_t>(list.size()) > limit) {
    return refuse(version, keys::kMaxCommittees,
                  std::to_string(list.size()) + " standing committees named; at most " +
                      std::to_string(limit) + " are allowed");
  }
  std::vector<Committee> committees;
  std::set<std::string> ids;
  for (const auto& item : list) {
    if (!item.is_object() || !item.contains("id") || !item["id"].is_string() ||
        (item.contains("name") && !item["name"].is_string()) ||
        (item.contains("members") && !item["members"].is_array())) {
      return invalid_argument_error("act " + act.summary() +
                                    ": each committee is {\"id\", \"name\", \"members\": [...]}");
    }
    Committee committee{item["id"].get<std::string>(), item.value("name", std::string()), {}};
    if (!ids.insert(committee.id).second) {
      return invalid_argument_error("act " + act.summary() + ": committee \"" + committee.id +
                                    "\" named twice");
    }
    for (const auto& member : item.value("members", nlohmann::json::array())) {
      if (!member.is_string())
        return invalid_argument_error("act " + act.summary() + ": members are names");
      MURA_TRY(find_deputy(act, member.get<std::string>()));
      committee.members.push_back(member.get<std::string>());
    }
    committees.push_back(std::move(committee));
  }
  state_.committees = std::move(committees);
  state_.committees_trace = {step(act, std::to_string(list.size()) + " standing committees set",
                                  version.cite(keys::kMaxCommittees).to_string())};
  return ok_status();
}

Status Engine::on_chamber_dissolved(const Act& act, const Version& version) {
  if (!state_.president_may_dissolve) {
    return refuse(version, keys::kDissolutionRefusals,
                  "the President may dissolve the " + version.text(keys::kChamberName) + " after " +
                      version.value_text(keys::kDissolutionRefusals) +
                      " refusals of consent to the same office; there have not been");
  }
  if (!state_.convocation) {
    return invalid_argument_error("act " + act.summary() + ": no chamber is sitting");
  }
  end_convocation(act.date, "dissolution",
                  step(act, "the President dissolves the " + version.text(keys::kChamberName),
                       version.cite(keys::kDissolutionRefusals).to_string()),
                  state_);
  state_.president_may_dissolve = false;
  for (auto& [id, office] : state_.offices) office.refusals = 0;
  return ok_status();
}

}  // namespace mura::kurultai
