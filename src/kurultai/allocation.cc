#include "kurultai/allocation.h"

#include <set>

namespace mura::kurultai {
namespace {

// a/b > c/d for non-negative numerators and positive denominators (values below 2^62).
bool greater(std::int64_t a, std::int64_t b, std::int64_t c, std::int64_t d) {
  return a * d > c * b;
}

Status validate(const VoteCount& count, const AllocationRequest& request) {
  if (request.seats < 1 || request.seats > kMaxSeats) {
    return invalid_argument_error("allocate: seats must be between 1 and " +
                                  std::to_string(kMaxSeats) + ", not " +
                                  std::to_string(request.seats));
  }
  if (request.threshold_percent.numerator > 100 * request.threshold_percent.denominator) {
    return invalid_argument_error("allocate: threshold " + request.threshold_percent.to_string() +
                                  "% is above 100%");
  }
  if (count.parties.empty()) return invalid_argument_error("allocate: no party lists");
  if (count.against_all < 0 || count.against_all > kMaxVotes) {
    return invalid_argument_error("allocate: against_all votes out of range");
  }
  std::set<std::string, std::less<>> names;
  std::int64_t total = count.against_all;
  for (const auto& party : count.parties) {
    if (party.party.empty()) return invalid_argument_error("allocate: a list has no name");
    if (!names.insert(party.party).second) {
      return invalid_argument_error("allocate: list \"" + party.party + "\" appears twice");
    }
    if (party.votes < 0 || party.votes > kMaxVotes) {
      return invalid_argument_error("allocate: votes of \"" + party.party + "\" out of range 0.." +
                                    std::to_string(kMaxVotes));
    }
    total += party.votes;
    if (total > kMaxVotes) {
      return invalid_argument_error("allocate: more than " + std::to_string(kMaxVotes) +
                                    " votes in total");
    }
  }
  return ok_status();
}

void allocate_by_quota(Allocation& result, std::int64_t quota_numerator,
                       std::int64_t quota_denominator) {
  // votes / (qn/qd) = votes*qd / qn.
  std::int64_t given = 0;
  std::vector<std::int64_t> remainders(result.parties.size(), -1);
  for (std::size_t i = 0; i < result.parties.size(); ++i) {
    PartySeats& party = result.parties[i];
    if (!party.passed) continue;
    const std::int64_t scaled = party.votes * quota_denominator;
    party.whole_seats = scaled / quota_numerator;
    remainders[i] = scaled % quota_numerator;
    party.remainder = Rational::of(remainders[i], quota_numerator);
    party.seats = party.whole_seats;
    given += party.whole_seats;
  }
  // Remaining seats by largest remainder; the earlier list wins a tie. One seat per list per
  // round (a round never runs out with Hare or Droop, but the loop keeps the invariant).
  while (given < result.request.seats) {
    std::vector<bool> taken(result.parties.size(), false);
    bool any = false;
    while (given < result.request.seats) {
      std::optional<std::size_t> best;
      for (std::size_t i = 0; i < result.parties.size(); ++i) {
        if (remainders[i] < 0 || taken[i]) continue;
        if (!best || remainders[i] > remainders[*best]) best = i;
      }
      if (!best) break;
      taken[*best] = true;
      any = true;
      PartySeats& party = result.parties[*best];
      ++party.seats;
      ++party.remainder_seats;
      ++given;
      result.awards.push_back(Award{given, *best, party.remainder, true});
    }
    if (!any) break;
  }
}

void allocate_by_divisors(Allocation& result) {
  const bool sainte_lague = result.request.method == Method::kSainteLague;
  for (std::int64_t seat = 1; seat <= result.request.seats; ++seat) {
    std::optional<std::size_t> best;
    std::int64_t best_divisor = 1;
    for (std::size_t i = 0; i < result.parties.size(); ++i) {
      const PartySeats& party = result.parties[i];
      if (!party.passed) continue;
      const std::int64_t divisor = sainte_lague ? 2 * party.seats + 1 : party.seats + 1;
      if (!best || greater(party.votes, divisor, result.parties[*best].votes, best_divisor)) {
        best = i;
        best_divisor = divisor;
      }
    }
    PartySeats& winner = result.parties[*best];
    ++winner.seats;
    result.awards.push_back(Award{seat, *best, Rational::of(winner.votes, best_divisor), false});
  }
}

}  // namespace

std::string_view method_name(Method method) {
  switch (method) {
    case Method::kHare:
      return "hare";
    case Method::kDhondt:
      return "dhondt";
    case Method::kSainteLague:
      return "sainte-lague";
    case Method::kDroop:
      return "droop";
  }
  return "?";
}

std::optional<Method> parse_method(std::string_view name) {
  for (Method method : {Method::kHare, Method::kDhondt, Method::kSainteLague, Method::kDroop}) {
    if (method_name(method) == name) return method;
  }
  return std::nullopt;
}

std::optional<ThresholdBase> parse_threshold_base(std::string_view name) {
  if (name == "party_votes_and_against_all") return ThresholdBase::kPartyVotesAndAgainstAll;
  if (name == "party_votes") return ThresholdBase::kPartyVotes;
  return std::nullopt;
}

std::int64_t Allocation::seats_of(std::string_view party) const {
  for (const auto& entry : parties) {
    if (entry.party == party) return entry.seats;
  }
  return 0;
}

Result<Allocation> allocate(const VoteCount& count, const AllocationRequest& request) {
  MURA_TRY(validate(count, request));
  Allocation result;
  result.request = request;
  result.against_all = count.against_all;
  std::int64_t party_total = 0;
  for (const auto& party : count.parties) party_total += party.votes;
  result.threshold_base_votes =
      party_total +
      (request.threshold_base == ThresholdBase::kPartyVotesAndAgainstAll ? count.against_all : 0);
  // A list passes with votes >= base * p/q / 100, i.e. votes * 100 * q >= base * p.
  const Rational& percent = request.threshold_percent;
  result.threshold_votes =
      Rational::of(result.threshold_base_votes * percent.numerator, 100 * percent.denominator);
  for (const auto& party : count.parties) {
    PartySeats seats;
    seats.party = party.party;
    seats.votes = party.votes;
    seats.passed =
        party.votes * 100 * percent.denominator >= result.threshold_base_votes * percent.numerator;
    if (seats.passed) result.passing_votes += party.votes;
    result.parties.push_back(std::move(seats));
  }
  if (result.passing_votes == 0) {
    return failed_precondition_error("allocate: no list with votes reached the threshold of " +
                                     percent.to_string() + "% of " +
                                     std::to_string(result.threshold_base_votes) + " votes");
  }
  switch (request.method) {
    case Method::kHare:
      result.quota = Rational::of(result.passing_votes, request.seats);
      allocate_by_quota(result, result.passing_votes, request.seats);
      break;
    case Method::kDroop: {
      const std::int64_t quota = result.passing_votes / (request.seats + 1) + 1;
      result.quota = Rational::of(quota, 1);
      allocate_by_quota(result, quota, 1);
      break;
    }
    case Method::kDhondt:
    case Method::kSainteLague:
      allocate_by_divisors(result);
      break;
  }
  return result;
}

}  // namespace mura::kurultai
