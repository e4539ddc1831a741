// The candidate quota (30 % for women, youth and persons with disabilities) applied when a party
// assigns the mandates it won to the candidates of its list. Pure function, thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"

namespace mura::kurultai {

struct Candidate {
  std::string name;
  bool quota_group = false;  // a woman, a young person or a person with a disability
};

struct MandateAssignment {
  std::vector<std::size_t> elected;  // indices into the list, in list order
  std::int64_t required = 0;         // quota candidates needed: ceil(seats * percent / 100)
  std::int64_t quota_elected = 0;
  std::vector<std::string> explanation;  // one line per replacement made to meet the quota
};

// Gives `seats` mandates to the list in its order, then, while fewer than `required` of those
// elected belong to the quota group, replaces the lowest-placed elected candidate outside the
// group with the highest-placed unelected candidate in it. FailedPrecondition when the list has
// fewer candidates than seats or too few quota candidates; InvalidArgument for a negative seat
// count or a percentage outside 0..100.
Result<MandateAssignment> assign_mandates(const std::vector<Candidate>& list, std::int64_t seats,
                                          std::int64_t quota_percent);

// A party list from CSV, in list order: rows "candidate,quota_group" (quota_group yes or no; a
// header row of those two names is optional). InvalidArgument names SOURCE:LINE and the problem.
Result<std::vector<Candidate>> parse_candidates_csv(std::string_view text,
                                                   std::string_view source_name);

}  // namespace mura::kurultai
