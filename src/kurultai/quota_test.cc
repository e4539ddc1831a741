#include "kurultai/quota.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "base/testing/status_matchers.h"
#include "kurultai/referendum.h"

namespace mura::kurultai {
namespace {

using ::mura::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

std::vector<Candidate> list_of(const std::string& pattern) {
  // 'q' marks a quota candidate, '-' another.
  std::vector<Candidate> list;
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    list.push_back(Candidate{"C" + std::to_string(i + 1), pattern[i] == 'q'});
  }
  return list;
}

TEST(QuotaTest, ListOrderWhenTheQuotaIsMet) {
  ASSERT_OK_AND_ASSIGN(MandateAssignment result, assign_mandates(list_of("q--q--q---"), 6, 30));
  EXPECT_EQ(result.required, 2);
  EXPECT_THAT(result.elected, ElementsAre(0, 1, 2, 3, 4, 5));
  EXPECT_TRUE(result.explanation.empty());
}

TEST(QuotaTest, LowestPlacedGiveWayToQuotaCandidates) {
  // 10 seats need 3 quota candidates; the first ten have one.
  ASSERT_OK_AND_ASSIGN(MandateAssignment result,
                       assign_mandates(list_of("q---------q-q-"), 10, 30));
  EXPECT_EQ(result.required, 3);
  EXPECT_EQ(result.quota_elected, 3);
  EXPECT_THAT(result.elected, ElementsAre(0, 1, 2, 3, 4, 5, 6, 7, 10, 12));
  ASSERT_EQ(result.explanation.size(), 2u);
  EXPECT_THAT(result.explanation[0], HasSubstr("C11 (position 11) takes the mandate of C10"));
}

TEST(QuotaTest, RoundsTheQuotaUp) {
  ASSERT_OK_AND_ASSIGN(MandateAssignment one, assign_mandates(list_of("--q"), 1, 30));
  EXPECT_EQ(one.required, 1);
  EXPECT_THAT(one.elected, ElementsAre(2));
  ASSERT_OK_AND_ASSIGN(MandateAssignment none, assign_mandates(list_of("--q"), 0, 30));
  EXPECT_TRUE(none.elected.empty());
}

TEST(QuotaTest, RefusesWhatCannotBeDone) {
  EXPECT_THAT(assign_mandates(list_of("q--"), 4, 30), StatusIs(StatusCode::kFailedPrecondition));
  EXPECT_THAT(assign_mandates(list_of("q-----"), 5, 30),
              StatusIs(StatusCode::kFailedPrecondition, HasSubstr("cannot meet the 30% quota")));
  EXPECT_THAT(assign_mandates(list_of("q"), -1, 30), StatusIs(StatusCode::kInvalidArgument));
  EXPECT_THAT(assign_mandates(list_of("q"), 1, 130), StatusIs(StatusCode::kInvalidArgument));
}

TEST(ReferendumTest, TurnoutAndMajority) {
  const Majority half = Majority::parse("more_than 1/2").value();
  struct Case {
    ReferendumCount count;
    bool valid;
    bool adopted;
  };
  for (const Case& c :
       {Case{{1000, 500, 500}, false, false}, Case{{1000, 501, 251}, true, true},
        Case{{1000, 501, 250}, true, false}, Case{{1000, 1000, 1000}, true, true}}) {
    ASSERT_OK_AND_ASSIGN(ReferendumResult result, judge_referendum(c.count, half, half));
    EXPECT_EQ(result.valid, c.valid) << result.explanation;
    EXPECT_EQ(result.adopted, c.adopted) << result.explanation;
  }
  EXPECT_THAT(judge_referendum({1000, 1001, 0}, half, half),
              StatusIs(StatusCode::kInvalidArgument));
  EXPECT_THAT(judge_referendum({1000, 10, 11}, half, half), StatusIs(StatusCode::kInvalidArgument));
  EXPECT_THAT(judge_referendum({0, 0, 0}, half, half), StatusIs(StatusCode::kInvalidArgument));
}

}  // namespace
}  // namespace mura::kurultai
