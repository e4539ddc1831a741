// The state of the register as a report: JSON (for the API and `mura kurultai state --json`) and
// plain text (for the terminal). Pure functions over a State.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "kurultai/state.h"

namespace mura::kurultai {

nlohmann::json state_to_json(const State& state);
std::string format_state(const State& state);

}  // namespace mura::kurultai
