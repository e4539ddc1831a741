// format_allocation and allocation_to_json (allocation.h): the allocation and its explanation.
#include <algorithm>
#include <sstream>

#include "kurultai/allocation.h"

namespace mura::kurultai {
namespace {

bool quota_method(Method method) { return method == Method::kHare || method == Method::kDroop; }

std::string pad(std::string text, std::size_t width) {
  if (text.size() < width) text.append(width - text.size(), ' ');
  return text;
}

}  // namespace

std::string format_allocation(const Allocation& allocation) {
  const AllocationRequest& request = allocation.request;
  std::ostringstream out;
  out << "method " << method_name(request.method) << ", " << request.seats << " seats\n";
  out << "threshold " << request.threshold_percent.to_string() << "% of "
      << allocation.threshold_base_votes << " votes"
      << (request.threshold_base == ThresholdBase::kPartyVotesAndAgainstAll
              ? " (party votes + " + std::to_string(allocation.against_all) + " against all)"
              : std::string(" (party votes)"))
      << " = " << allocation.threshold_votes.to_decimal(2) << " votes\n";
  out << "votes of the lists that passed: " << allocation.passing_votes << "\n";
  if (quota_method(request.method)) {
    out << "quota " << allocation.quota.to_string() << " = " << allocation.quota.to_decimal(4)
        << (request.method == Method::kHare ? " (Hare: passing votes / seats)"
                                            : " (Droop: floor(passing votes / (seats + 1)) + 1)")
        << "\n";
  }
  std::size_t width = 5;
  for (const auto& party : allocation.parties) width = std::max(width, party.party.size());
  out << pad("party", width) << "  " << pad("votes", 12) << pad("passed", 8);
  if (quota_method(request.method)) out << pad("quotient", 10) << pad("remainder", 24);
  out << "seats\n";
  for (const auto& party : allocation.parties) {
    out << pad(party.party, width) << "  " << pad(std::to_string(party.votes), 12)
        << pad(party.passed ? "yes" : "no", 8);
    if (quota_method(request.method)) {
      if (party.passed) {
        out << pad(std::to_string(party.whole_seats), 10)
            << pad(party.remainder.to_decimal(4) + " (" + party.remainder.to_string() + ")", 24);
      } else {
        out << pad("-", 10) << pad("-", 24);
      }
    }
    out << party.seats;
    if (quota_method(request.method) && party.remainder_seats > 0) {
      out << " (" << party.whole_seats << " + " << party.remainder_seats << " by remainder)";
    }
    out << "\n";
  }
  if (!quota_method(request.method)) {
    out << "seats in order (quotient = votes / divisor):\n";
    for (const auto& award : allocation.awards) {
      out << "  " << award.seat << ". " << allocation.parties[award.party].party << " "
          << award.value.to_decimal(2) << "\n";
    }
  }
  return out.str();
}

nlohmann::json allocation_to_json(const Allocation& allocation) {
  nlohmann::json json;
  json["method"] = method_name(allocation.request.method);
  json["seats"] = allocation.request.seats;
  json["threshold_percent"] = allocation.request.threshold_percent.to_string();
  json["threshold_base_votes"] = allocation.threshold_base_votes;
  json["threshold_votes"] = allocation.threshold_votes.to_string();
  json["against_all"] = allocation.against_all;
  json["passing_votes"] = allocation.passing_votes;
  if (quota_method(allocation.request.method)) json["quota"] = allocation.quota.to_string();
  json["parties"] = nlohmann::json::array();
  for (const auto& party : allocation.parties) {
    nlohmann::json entry = {{"party", party.party},
                            {"votes", party.votes},
                            {"passed", party.passed},
                            {"seats", party.seats}};
    if (quota_method(allocation.request.method) && party.passed) {
      entry["quotient"] = party.whole_seats;
      entry["remainder"] = party.remainder.to_string();
      entry["remainder_seats"] = party.remainder_seats;
    }
    json["parties"].push_back(std::move(entry));
  }
  json["awards"] = nlohmann::json::array();
  for (const auto& award : allocation.awards) {
    json["awards"].push_back({{"seat", award.seat},
                              {"party", allocation.parties[award.party].party},
                              {"value", award.value.to_string()},
                              {"by_remainder", award.by_remainder}});
  }
  return json;
}

}  // namespace mura::kurultai
