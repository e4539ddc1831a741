// Test helpers for the engine's tests: the rules file from the source tree, acts built from JSON,
// and a sitting Kurultai of 145 seated deputies. Test-only.
#pragma once

#include <gtest/gtest.h>

#include <cstdlib>
#include <string>
#include <vector>

#include "base/testing/status_matchers.h"
#include "kurultai/engine.h"

namespace mura::kurultai::testing {

inline std::string rules_path() {
  const char* source = std::getenv("MURA_SOURCE_DIR");
  return std::string(source != nullptr ? source : MURA_SOURCE_DIR_FALLBACK) +
         "/data/constitution.toml";
}

inline const Constitution& constitution() {
  static const Constitution* loaded = [] {
    auto result = Constitution::load_file(rules_path());
    if (!result) {
      ADD_FAILURE() << result.error().to_string();
      std::abort();
    }
    return new Constitution(std::move(*result));
  }();
  return *loaded;
}

inline Act act(nlohmann::json json) {
  auto parsed = parse_act(json);
  EXPECT_TRUE(parsed.has_value()) << (parsed ? "" : parsed.error().to_string()) << json.dump();
  return parsed.value_or(Act{});
}

// The 2026 election used by the scenarios: five lists pass 5 % (against all counts in the base),
// one does not.
inline nlohmann::json kurultai_votes() {
  return nlohmann::json::array({{{"party", "Amanat"}, {"votes", 4200000}},
                                {{"party", "Auyl"}, {"votes", 1100000}},
                                {{"party", "Respublica"}, {"votes", 950000}},
                                {{"party", "AkZhol"}, {"votes", 800000}},
                                {{"party", "NPP"}, {"votes", 520000}},
                                {{"party", "Baytaq"}, {"votes", 300000}}});
}

// A roll call of the seated deputies (in name order): the first `yes` vote yes, the next `no`
// vote no, the rest are absent.
inline nlohmann::json roll_call(const State& state, int yes, int no) {
  nlohmann::json calls = nlohmann::json::object();
  int index = 0;
  for (const auto& [person, deputy] : state.deputies) {
    calls[person] = index < yes ? "yes" : index < yes + no ? "no" : "absent";
    ++index;
  }
  return {{"roll_call", calls}};
}

// The acts that elect the 2026 Kurultai on 2026-08-20 (five lists pass 5 %, against all counts in
// the base) and seat all 145 deputies ("Amanat-1", ...) on 2026-08-25; the certified seats by
// party go to `seats` when given.
inline std::vector<nlohmann::json> sitting_kurultai_acts(nlohmann::json* seats_out = nullptr) {
  const Version& version = *constitution().version("2026");
  VoteCount count;
  for (const auto& row : kurultai_votes()) {
    count.parties.push_back(
        PartyVotes{row["party"].get<std::string>(), row["votes"].get<std::int64_t>()});
  }
  count.against_all = 400000;
  AllocationRequest request{145, version.rational(keys::kThresholdPercent), Method::kHare,
                            ThresholdBase::kPartyVotesAndAgainstAll};
  auto allocation = allocate(count, request);
  EXPECT_TRUE(allocation.has_value());
  nlohmann::json seats = nlohmann::json::object();
  for (const auto& party : allocation->parties) {
    if (party.seats > 0) seats[party.party] = party.seats;
  }
  std::vector<nlohmann::json> acts = {{{"type", "election_certified"},
                                       {"date", "2026-08-20"},
                                       {"election", "kurultai"},
                                       {"votes", kurultai_votes()},
                                       {"against_all", 400000},
                                       {"seats", seats}}};
  for (const auto& [party, won] : seats.items()) {
    for (int i = 1; i <= won.get<int>(); ++i) {
      acts.push_back({{"type", "deputy_seated"},
                      {"date", "2026-08-25"},
                      {"person", party + "-" + std::to_string(i)},
                      {"party", party}});
    }
  }
  if (seats_out != nullptr) *seats_out = seats;
  return acts;
}

// An engine with the 2026 Kurultai of sitting_kurultai_acts().
class KurultaiTest : public ::testing::Test {
 protected:
  KurultaiTest() : engine_(constitution()) {}

  void SetUp() override {
    for (auto& json : sitting_kurultai_acts(&certified_seats_)) ASSERT_OK(apply(std::move(json)));
  }

  Status apply(nlohmann::json json) {
    Act parsed = act(std::move(json));
    Status status = engine_.apply(parsed);
    if (status.ok()) acts_.push_back(std::move(parsed));
    return status;
  }
  const State& state() const { return engine_.state(); }
  nlohmann::json votes(int yes, int no) const { return roll_call(state(), yes, no); }

  Engine engine_;
  std::vector<Act> acts_;
  nlohmann::json certified_seats_;
};

}  // namespace mura::kurultai::testing
