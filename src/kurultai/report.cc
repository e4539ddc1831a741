#include "kurultai/report.h"

#include <sstream>

namespace mura::kurultai {
namespace {

nlohmann::json optional_date(const std::optional<Date>& date) {
  return date ? nlohmann::json(date->to_string()) : nlohmann::json();
}

// Colours for parties the certified result gives none (Okabe-Ito, then further distinct hues),
// by the party's position in the list-registration order.
constexpr std::string_view kPalette[] = {"#0072b2", "#e69f00", "#009e73", "#cc79a7", "#56b4e9",
                                         "#d55e00", "#f0e442", "#7f3c8d", "#11a579", "#3969ac"};
constexpr std::string_view kDistrictColour = "#9e9e9e";

}  // namespace

std::vector<ChamberParty> party_composition(const State& state) {
  std::vector<ChamberParty> parties;
  std::map<std::string, std::size_t> index;
  const auto add = [&](const std::string& party, std::string colour) -> ChamberParty& {
    auto [it, inserted] = index.emplace(party, parties.size());
    if (inserted) parties.push_back(ChamberParty{party, 0, 0, std::move(colour)});
    return parties[it->second];
  };
  if (state.convocation) {
    std::size_t position = 0;
    for (const auto& result : state.convocation->allocation.parties) {
      const auto colour = state.convocation->colours.find(result.party);
      const std::string chosen = colour != state.convocation->colours.end()
                                     ? colour->second
                                     : std::string(kPalette[position % std::size(kPalette)]);
      ++position;
      if (result.seats == 0) continue;
      add(result.party, chosen).won = result.seats;
    }
  }
  for (const auto& [person, deputy] : state.deputies) {
    const std::string party = deputy.party.empty() ? "district:" + deputy.district : deputy.party;
    const std::string colour = deputy.party.empty()
                                   ? std::string(kDistrictColour)
                                   : std::string(kPalette[parties.size() % std::size(kPalette)]);
    ++add(party, colour).seated;
  }
  return parties;
}

nlohmann::json state_to_json(const State& state) {
  nlohmann::json json;
  json["as_of"] = state.as_of.to_string();
  json["acts"] = state.acts;
  if (state.version != nullptr) {
    const Version& version = *state.version;
    json["version"] = {{"id", version.id()}, {"title", version.title()}};
    json["majorities"] = nlohmann::json::object();
    for (auto key : {keys::kLawMajority, keys::kConstitutionalLawMajority, keys::kOverrideMajority,
                     keys::kConsentMajority, keys::kQuorum, keys::kOneFifth}) {
      json["majorities"][std::string(key.substr(key.find('.') + 1))] = version.required_votes(key);
    }
    json["chamber"] = {{"name", version.text(keys::kChamberName)},
                       {"seats", version.integer(keys::kSeats)},
                       {"seated", state.deputies.size()},
                       {"vacant_seats", version.integer(keys::kSeats) -
                                            static_cast<std::int64_t>(state.deputies.size())}};
  }
  nlohmann::json& chamber = json["chamber"];
  if (state.convocation) {
    chamber["certified"] = state.convocation->certified.to_string();
    chamber["seats_won"] = state.convocation->seats_won;
  }
  chamber["composition"] = nlohmann::json::array();
  for (const auto& party : party_composition(state)) {
    chamber["composition"].push_back({{"party", party.party},
                                      {"seated", party.seated},
                                      {"won", party.won},
                                      {"colour", party.colour}});
  }
  chamber["deputies"] = nlohmann::json::array();
  for (const auto& [person, deputy] : state.deputies) {
    chamber["deputies"].push_back({{"person", person},
                                   {"party", deputy.party},
                                   {"district", deputy.district},
                                   {"seated", deputy.seated.to_string()}});
  }
  chamber["deputy_chairs"] = state.deputy_chairs;
  chamber["committees"] = nlohmann::json::array();
  for (const auto& committee : state.committees) {
    chamber["committees"].push_back(
        {{"id", committee.id}, {"name", committee.name}, {"members", committee.members}});
  }
  json["offices"] = nlohmann::json::object();
  for (const auto& [id, office] : state.offices) {
    nlohmann::json entry = {{"holders", nlohmann::json::array()},
                            {"vacant_since", optional_date(office.vacant_since)},
                            {"refusals", office.refusals}};
    for (const auto& holding : office.holders) {
      entry["holders"].push_back(
          {{"person", holding.person}, {"since", holding.since.to_string()}});
    }
    entry["proposed"] = nlohmann::json::array();
    for (const auto& [person, trace] : office.proposals) entry["proposed"].push_back(person);
    json["offices"][id] = std::move(entry);
  }
  if (const auto acting = state.acting_president()) {
    json["acting"]["president"] = {{"person", acting->person}, {"by_office", acting->by_office}};
  }
  json["president_may_dissolve"] = state.president_may_dissolve;
  json["bills"] = nlohmann::json::array();
  for (const auto& [id, bill] : state.bills) {
    nlohmann::json amendments = nlohmann::json::array();
    for (const auto& amendment : bill.amendments) {
      amendments.push_back({{"id", amendment.id}, {"adopted", amendment.adopted}});
    }
    json["bills"].push_back({{"id", id},
                             {"title", bill.title},
                             {"initiator", bill.initiator},
                             {"kind", bill.kind},
                             {"stage", bill_stage_name(bill.stage)},
                             {"readings_passed", bill.readings_passed},
                             {"priority_since", optional_date(bill.priority_since)},
                             {"adopted_on", optional_date(bill.adopted_on)},
                             {"amendments", amendments}});
  }
  json["peoples_council"]["members"] = state.council.size();
  json["referendums"] = nlohmann::json::array();
  for (const auto& referendum : state.referendums) {
    json["referendums"].push_back({{"question", referendum.question},
                                   {"held", referendum.held.to_string()},
                                   {"valid", referendum.valid},
                                   {"adopted", referendum.adopted}});
  }
  json["deadlines"] = nlohmann::json::array();
  for (const auto& deadline : state.deadlines) {
    json["deadlines"].push_back({{"id", deadline.id},
                                 {"description", deadline.description},
                                 {"from", deadline.from.to_string()},
                                 {"due", deadline.due.to_string()},
                                 {"met_on", optional_date(deadline.met_on)},
                                 {"status", deadline_status_name(deadline.status(state.as_of))},
                                 {"rule", deadline.rule}});
  }
  return json;
}

nlohmann::json vote_to_json(const Vote& vote) {
  nlohmann::json json = {{"yes", vote.yes},         {"no", vote.no},
                         {"abstain", vote.abstain}, {"absent", vote.absent},
                         {"secret", vote.secret},   {"roll_call", nlohmann::json::object()}};
  for (const auto& [deputy, choice] : vote.roll_call) {
    json["roll_call"][deputy] = std::string(choice_name(choice));
  }
  return json;
}

nlohmann::json bill_history_to_json(const BillHistory& history) {
  nlohmann::json json = {{"id", history.id},
                         {"title", history.title},
                         {"titles", history.titles},
                         {"initiator", history.initiator},
                         {"sponsor", history.sponsor},
                         {"kind", history.kind},
                         {"adopted_on", optional_date(history.adopted_on)},
                         {"signed_on", optional_date(history.signed_on)},
                         {"number", history.number},
                         {"in_force", optional_date(history.in_force)},
                         {"amendments_adopted", history.amendments_adopted}};
  json["readings"] = nlohmann::json::array();
  json["steps"] = nlohmann::json::array();
  for (const auto& step : history.steps) {
    nlohmann::json item = {{"position", step.position},
                           {"date", step.date.to_string()},
                           {"type", act_type_name(step.type)},
                           {"label", step.label},
                           {"result", step.result},
                           {"amendment", step.amendment}};
    if (step.type == ActType::kReadingHeld) {
      nlohmann::json reading = item;
      reading.erase("type");
      reading.erase("amendment");
      reading["reading"] = step.reading;
      reading["vote"] = vote_to_json(*step.vote);
      json["readings"].push_back(std::move(reading));
    }
    if (step.vote) {
      item["vote"] = vote_to_json(*step.vote);  // the counts; roll calls are in "readings"
      item["vote"].erase("roll_call");
    }
    json["steps"].push_back(std::move(item));
  }
  json["versions"] = nlohmann::json::array();
  for (const auto& version : history.versions) {
    nlohmann::json languages = nlohmann::json::array();
    for (const auto& [language, text] : version.text) languages.push_back(language);
    json["versions"].push_back({{"stage", version.stage},
                                {"date", version.date.to_string()},
                                {"position", version.position},
                                {"label", version.label},
                                {"languages", languages}});
  }
  return json;
}

nlohmann::json entry_to_json(std::size_t position, const std::string& hash,
                             const std::string& prev_hash, const Act& act) {
  return {{"position", position}, {"hash", hash}, {"prev_hash", prev_hash}, {"act", act.body}};
}

std::string format_state(const State& state) {
  std::ostringstream out;
  out << "as of " << state.as_of.to_string() << " (" << state.acts << " acts)";
  if (state.version != nullptr) out << ", Constitution " << state.version->id();
  out << "\n";
  if (state.version != nullptr) {
    out << state.version->text(keys::kChamberName) << ": " << state.deputies.size() << " of "
        << state.version->integer(keys::kSeats) << " seats filled\n";
  }
  for (const auto& party : party_composition(state)) {
    out << "  " << party.party << ": " << party.seated;
    if (party.won != party.seated && party.won > 0) out << " (won " << party.won << ")";
    out << "\n";
  }
  if (!state.deputy_chairs.empty() || !state.committees.empty()) {
    out << "deputy chairs: " << state.deputy_chairs.size()
        << ", committees: " << state.committees.size() << "\n";
  }
  if (!state.offices.empty()) out << "offices:\n";
  for (const auto& [id, office] : state.offices) {
    out << "  " << id << ": ";
    if (office.holders.empty()) out << "vacant";
    for (std::size_t i = 0; i < office.holders.size(); ++i) {
      out << (i ? ", " : "") << office.holders[i].person;
    }
    if (office.refusals > 0) out << " (" << office.refusals << " refusal(s) of consent)";
    out << "\n";
  }
  if (const auto acting = state.acting_president()) {
    out << "acting President: " << acting->person << " (" << acting->by_office << ")\n";
  }
  if (state.president_may_dissolve) out << "the President may dissolve the chamber\n";
  if (!state.bills.empty()) out << "bills:\n";
  for (const auto& [id, bill] : state.bills) {
    out << "  " << id << " " << bill_stage_name(bill.stage) << " — " << bill.title << "\n";
  }
  if (!state.council.empty()) out << "People's Council: " << state.council.size() << " members\n";
  if (!state.deadlines.empty()) out << "deadlines:\n";
  for (const auto& deadline : state.deadlines) {
    out << "  " << deadline_status_name(deadline.status(state.as_of)) << "  due "
        << deadline.due.to_string() << "  " << deadline.description << " [" << deadline.id << "]\n";
  }
  return out.str();
}

}  // namespace mura::kurultai
