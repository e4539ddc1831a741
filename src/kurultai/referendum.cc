#include "kurultai/referendum.h"

namespace mura::kurultai {

Result<ReferendumResult> judge_referendum(const ReferendumCount& count, const Majority& turnout,
                                          const Majority& adoption) {
  if (count.registered <= 0) {
    return invalid_argument_error("referendum: registered voters must be positive");
  }
  if (count.participants < 0 || count.participants > count.registered) {
    return invalid_argument_error("referendum: " + std::to_string(count.participants) +
                                  " participants is not between 0 and the " +
                                  std::to_string(count.registered) + " registered");
  }
  if (count.yes < 0 || count.yes > count.participants) {
    return invalid_argument_error("referendum: " + std::to_string(count.yes) +
                                  " yes votes is not between 0 and the " +
                                  std::to_string(count.participants) + " participants");
  }
  ReferendumResult result;
  result.participants_required = turnout.required(count.registered);
  result.valid = count.participants >= result.participants_required;
  result.yes_required = adoption.required(count.participants);
  result.adopted = result.valid && count.yes >= result.yes_required;
  result.explanation = "turnout " + std::to_string(count.participants) + " of " +
                       std::to_string(count.registered) + " registered (" + turnout.to_string() +
                       " needs " + std::to_string(result.participants_required) +
                       "): " + (result.valid ? "valid" : "not valid");
  if (result.valid) {
    result.explanation += "; yes " + std::to_string(count.yes) + " of " +
                          std::to_string(count.participants) + " (" + adoption.to_string() +
                          " needs " + std::to_string(result.yes_required) +
                          "): " + (result.adopted ? "adopted" : "not adopted");
  }
  return result;
}

}  // namespace mura::kurultai
