// Explanations: any derived fact of a State (who holds or acts in an office, a deputy's seat, a
// party's seats, a bill's stage, a deadline, the power to dissolve) as the chain of acts and
// rules that produced it. Pure functions over a State.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "kurultai/state.h"

namespace mura::kurultai {

struct Explanation {
  std::string fact;       // "acting:president"
  std::string statement;  // "Ayan Seitkali, holder of chair, acts as President"
  Trace trace;
};

// Facts are named "office:<id>", "acting:president", "deputy:<person>", "seats:<party>",
// "bill:<id>", "deadline:<id>", "dissolution", "committees", "deputy_chairs",
// "council:<person>", "referendum:<n>" (1-based). NotFound when the state has no such fact,
// InvalidArgument when the name has no known prefix.
Result<Explanation> explain(const State& state, std::string_view fact);

// The names of the facts `state` can explain.
std::vector<std::string> fact_names(const State& state);

// The statement, then "because:" and one line per step: "  [entry 3, 2026-08-20] text (rule)".
std::string format_explanation(const Explanation& explanation);

}  // namespace mura::kurultai
