// Referendum results: valid when the turnout passes its majority of registered voters (more than
// half), adopted when the "yes" votes pass theirs of those who took part. Pure, thread-safe.
#pragma once

#include <cstdint>
#include <string>

#include "base/result.h"
#include "kurultai/rational.h"

namespace mura::kurultai {

struct ReferendumCount {
  std::int64_t registered = 0;
  std::int64_t participants = 0;
  std::int64_t yes = 0;
};

struct ReferendumResult {
  bool valid = false;    // turnout reached
  bool adopted = false;  // valid and the question carried
  std::int64_t participants_required = 0;
  std::int64_t yes_required = 0;
  std::string explanation;  // "turnout 6000 of 10000 (more than 1/2 needs 5001): valid; ..."
};

// InvalidArgument when registered is not positive, or participants or yes are negative or exceed
// the number they are counted from.
Result<ReferendumResult> judge_referendum(const ReferendumCount& count, const Majority& turnout,
                                          const Majority& adoption);

}  // namespace mura::kurultai
