#include "kurultai/quota.h"

#include <algorithm>

namespace mura::kurultai {

Result<MandateAssignment> assign_mandates(const std::vector<Candidate>& list, std::int64_t seats,
                                          std::int64_t quota_percent) {
  if (seats < 0) return invalid_argument_error("assign mandates: negative number of seats");
  if (quota_percent < 0 || quota_percent > 100) {
    return invalid_argument_error("assign mandates: quota " + std::to_string(quota_percent) +
                                  "% is not between 0 and 100");
  }
  const auto size = static_cast<std::int64_t>(list.size());
  if (seats > size) {
    return failed_precondition_error("assign mandates: " + std::to_string(seats) +
                                     " seats but the list has only " + std::to_string(size) +
                                     " candidates");
  }
  MandateAssignment result;
  result.required = (seats * quota_percent + 99) / 100;
  std::vector<bool> elected(list.size(), false);
  for (std::size_t i = 0; i < static_cast<std::size_t>(seats); ++i) {
    elected[i] = true;
    if (list[i].quota_group) ++result.quota_elected;
  }
  while (result.quota_elected < result.required) {
    std::size_t out = list.size();
    for (std::size_t i = list.size(); i-- > 0;) {
      if (elected[i] && !list[i].quota_group) {
        out = i;
        break;
      }
    }
    std::size_t in = list.size();
    for (std::size_t i = 0; i < list.size(); ++i) {
      if (!elected[i] && list[i].quota_group) {
        in = i;
        break;
      }
    }
    if (out == list.size() || in == list.size()) {
      return failed_precondition_error(
          "assign mandates: the list cannot meet the " + std::to_string(quota_percent) +
          "% quota: " + std::to_string(result.required) + " of " + std::to_string(seats) +
          " mandates must go to quota candidates, the list has only " +
          std::to_string(result.quota_elected) + " to give");
    }
    elected[out] = false;
    elected[in] = true;
    ++result.quota_elected;
    result.explanation.push_back(
        list[in].name + " (position " + std::to_string(in + 1) + ") takes the mandate of " +
        list[out].name + " (position " + std::to_string(out + 1) + ") to meet the " +
        std::to_string(quota_percent) + "% quota (" + std::to_string(result.required) + " of " +
        std::to_string(seats) + " required)");
  }
  for (std::size_t i = 0; i < list.size(); ++i) {
    if (elected[i]) result.elected.push_back(i);
  }
  return result;
}

}  // namespace mura::kurultai
