// Seat allocation among party lists: Hare (largest remainders), D'Hondt, Sainte-Laguë and Droop,
// with a threshold whose base may include "against all" votes. Exact integer arithmetic; ties go
// to the list registered earlier. Pure functions, thread-safe.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "kurultai/rational.h"

namespace mura::kurultai {

enum class Method { kHare, kDhondt, kSainteLague, kDroop };
std::string_view method_name(Method method);  // "hare", "dhondt", "sainte-lague", "droop"
std::optional<Method> parse_method(std::string_view name);

enum class ThresholdBase {
  kPartyVotesAndAgainstAll,  // "party_votes_and_against_all": the Kazakh election law's base
  kPartyVotes,               // "party_votes"
};
std::optional<ThresholdBase> parse_threshold_base(std::string_view name);

inline constexpr std::int64_t kMaxVotes = 1'000'000'000'000;  // all lists and against all
inline constexpr std::int64_t kMaxSeats = 100'000;

struct PartyVotes {
  std::string party;
  std::int64_t votes = 0;
};

// The votes of one election, lists in registration order.
struct VoteCount {
  std::vector<PartyVotes> parties;
  std::int64_t against_all = 0;
};

struct AllocationRequest {
  std::int64_t seats = 0;
  Rational threshold_percent;  // 5 for 5 %
  Method method = Method::kHare;
  ThresholdBase threshold_base = ThresholdBase::kPartyVotesAndAgainstAll;
};

struct PartySeats {
  std::string party;
  std::int64_t votes = 0;
  bool passed = false;  // reached the threshold
  std::int64_t seats = 0;
  // Quota methods (Hare, Droop): votes / quota = whole_seats + remainder, remainder in [0, 1);
  // remainder_seats is how many seats the remainder won.
  std::int64_t whole_seats = 0;
  Rational remainder;
  std::int64_t remainder_seats = 0;
};

// One seat given: its number (1-based), the list, and the value that won it (the remainder for
// quota methods' remainder seats, the quotient votes/divisor for divisor methods).
struct Award {
  std::int64_t seat = 0;
  std::size_t party = 0;  // index in Allocation::parties
  Rational value;
  bool by_remainder = false;
};

struct Allocation {
  AllocationRequest request;
  std::int64_t threshold_base_votes = 0;  // the votes the threshold is a percentage of
  Rational threshold_votes;               // base * percent / 100: a list needs at least this
  std::int64_t against_all = 0;
  std::int64_t passing_votes = 0;  // the votes of the lists that passed
  Rational quota;  // quota methods only: Hare passing/seats, Droop floor(passing/(seats+1))+1
  std::vector<PartySeats> parties;  // registration order
  std::vector<Award> awards;  // remainder seats (quota methods) or every seat (divisor methods)

  // Seats of `party`; 0 when it is not in the count.
  std::int64_t seats_of(std::string_view party) const;
};

// Allocates request.seats among the lists. InvalidArgument for seats outside 1..kMaxSeats, votes
// outside 0..kMaxVotes (in total), duplicate or empty party names; FailedPrecondition when no list
// passes the threshold or the passing lists have no votes.
Result<Allocation> allocate(const VoteCount& count, const AllocationRequest& request);

// Parses CSV "party,votes" rows in list-registration order: an optional header row
// "party,votes", an optional row "against_all,N", blank lines ignored, fields optionally in
// double quotes. InvalidArgument naming "<source>:<line>" and what was expected.
Result<VoteCount> parse_votes_csv(std::string_view text, std::string_view source_name);

// A human-readable table with the threshold, the quota and, per list, the quotient and the
// remainder (quota methods) or the awards (divisor methods).
std::string format_allocation(const Allocation& allocation);
nlohmann::json allocation_to_json(const Allocation& allocation);

}  // namespace mura::kurultai
