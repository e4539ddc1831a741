// The state of the register as a report: JSON (for the API and `mura kurultai state --json`) and
// plain text (for the terminal). Pure functions over a State.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "kurultai/bill_history.h"
#include "kurultai/state.h"

namespace mura::kurultai {

// The chamber's seats by party: the parties of the certified election in list-registration order
// (those that won seats), then district seats. `colour` is the one certified with the votes, else
// one of a fixed palette by the party's list position.
struct ChamberParty {
  std::string party;  // "Amanat", or "district:<name>" for a district seat
  std::int64_t seated = 0;
  std::int64_t won = 0;  // seats the certified election gave the list
  std::string colour;    // "#rrggbb"
};
std::vector<ChamberParty> party_composition(const State& state);

nlohmann::json state_to_json(const State& state);

// {"yes", "no", "abstain", "absent", "secret", "roll_call": {"<deputy>": "yes", ...}}.
nlohmann::json vote_to_json(const Vote& vote);
// A bill's history: {"id", "title", "titles", "initiator", "sponsor", "kind", "adopted_on",
// "signed_on", "number", "in_force", "amendments_adopted", "readings": [{"reading", "date",
// "position", "label", "result", "vote" (with the roll call)}], "steps": [{"position", "date",
// "type", "label", "result", "amendment", "vote"? (counts only)}], "versions": [{"stage", "date",
// "position", "label", "languages"}]}.
nlohmann::json bill_history_to_json(const BillHistory& history);
// A ledger entry: {"position", "hash", "prev_hash", "act"}.
nlohmann::json entry_to_json(std::size_t position, const std::string& hash,
                             const std::string& prev_hash, const Act& act);
std::string format_state(const State& state);

}  // namespace mura::kurultai
