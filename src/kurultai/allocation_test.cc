#include "kurultai/allocation.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "base/testing/status_matchers.h"

namespace mura::kurultai {
namespace {

using ::mura::testing::StatusIs;
using ::testing::ElementsAreArray;
using ::testing::HasSubstr;

VoteCount count_of(const std::vector<std::int64_t>& votes, std::int64_t against_all = 0) {
  VoteCount count;
  for (std::size_t i = 0; i < votes.size(); ++i) {
    count.parties.push_back(PartyVotes{std::string(1, static_cast<char>('A' + i)), votes[i]});
  }
  count.against_all = against_all;
  return count;
}

std::vector<std::int64_t> seats(const Allocation& allocation) {
  std::vector<std::int64_t> result;
  for (const auto& party : allocation.parties) result.push_back(party.seats);
  return result;
}

struct LiteratureCase {
  std::vector<std::int64_t> votes;
  std::int64_t seats;
  Method method;
  std::vector<std::int64_t> expected;
};

class LiteratureTest : public ::testing::TestWithParam<LiteratureCase> {};

TEST_P(LiteratureTest, AllocatesAsPublished) {
  const LiteratureCase& c = GetParam();
  AllocationRequest request{c.seats, Rational::of(0, 1), c.method,
                            ThresholdBase::kPartyVotesAndAgainstAll};
  ASSERT_OK_AND_ASSIGN(Allocation allocation, allocate(count_of(c.votes), request));
  EXPECT_THAT(seats(allocation), ElementsAreArray(c.expected)) << method_name(c.method);
}

const std::vector<std::int64_t> kFirst = {34000, 25000, 15000, 12000, 10000, 4000};
const std::vector<std::int64_t> kSecond = {47000, 16000, 15800, 12000, 6100, 3100};
const std::vector<std::int64_t> kThird = {5117, 4400, 162, 161, 160};

INSTANTIATE_TEST_SUITE_P(
    Literature, LiteratureTest,
    ::testing::Values(LiteratureCase{kFirst, 10, Method::kHare, {3, 3, 2, 1, 1, 0}},
                      LiteratureCase{kFirst, 10, Method::kDhondt, {4, 3, 1, 1, 1, 0}},
                      LiteratureCase{kFirst, 10, Method::kSainteLague, {3, 3, 2, 1, 1, 0}},
                      LiteratureCase{kFirst, 10, Method::kDroop, {4, 3, 1, 1, 1, 0}},
                      LiteratureCase{kSecond, 10, Method::kHare, {5, 2, 1, 1, 1, 0}},
                      LiteratureCase{kSecond, 10, Method::kDhondt, {5, 2, 2, 1, 0, 0}},
                      LiteratureCase{kSecond, 10, Method::kSainteLague, {4, 2, 2, 1, 1, 0}},
                      LiteratureCase{kSecond, 10, Method::kDroop, {5, 2, 2, 1, 0, 0}},
                      LiteratureCase{kThird, 100, Method::kHare, {51, 44, 2, 2, 1}},
                      LiteratureCase{kThird, 100, Method::kDhondt, {52, 45, 1, 1, 1}},
                      LiteratureCase{kThird, 100, Method::kSainteLague, {51, 43, 2, 2, 2}}));

TEST(AllocationTest, HareExplainsQuotientAndRemainder) {
  AllocationRequest request{10, Rational::of(0, 1), Method::kHare,
                            ThresholdBase::kPartyVotesAndAgainstAll};
  ASSERT_OK_AND_ASSIGN(Allocation allocation, allocate(count_of(kFirst), request));
  EXPECT_EQ(allocation.quota, Rational::of(10000, 1));
  EXPECT_EQ(allocation.parties[0].whole_seats, 3);
  EXPECT_EQ(allocation.parties[0].remainder, Rational::of(2, 5));
  EXPECT_EQ(allocation.parties[1].remainder_seats, 1);
  EXPECT_EQ(allocation.parties[2].remainder, Rational::of(1, 2));
  ASSERT_EQ(allocation.awards.size(), 2u);
  EXPECT_EQ(allocation.awards[0].party, 1u);  // 25000: remainder 1/2, registered before 15000
  EXPECT_EQ(allocation.awards[1].party, 2u);
  const std::string text = format_allocation(allocation);
  EXPECT_THAT(text, HasSubstr("quota 10000"));
  EXPECT_THAT(text, HasSubstr("0.4000 (2/5)"));
  const nlohmann::json json = allocation_to_json(allocation);
  EXPECT_EQ(json["parties"][1]["remainder"], "1/2");
  EXPECT_EQ(json["parties"][1]["seats"], 3);
}

TEST(AllocationTest, ThresholdBaseIncludesAgainstAll) {
  // 5 % of the 100000 party votes is 5000, which 6000 passes; with 30000 against all the base is
  // 130000 and the threshold 6500, which 6000 does not reach.
  const VoteCount count = count_of({60000, 34000, 6000}, 30000);
  AllocationRequest request{10, Rational::of(5, 1), Method::kHare,
                            ThresholdBase::kPartyVotesAndAgainstAll};
  ASSERT_OK_AND_ASSIGN(Allocation with_against_all, allocate(count, request));
  EXPECT_EQ(with_against_all.threshold_base_votes, 130000);
  EXPECT_EQ(with_against_all.threshold_votes, Rational::of(6500, 1));
  EXPECT_FALSE(with_against_all.parties[2].passed);
  EXPECT_EQ(with_against_all.passing_votes, 94000);
  EXPECT_THAT(seats(with_against_all), ElementsAreArray({6, 4, 0}));

  request.threshold_base = ThresholdBase::kPartyVotes;
  ASSERT_OK_AND_ASSIGN(Allocation without, allocate(count, request));
  EXPECT_TRUE(without.parties[2].passed);
  EXPECT_THAT(seats(without), ElementsAreArray({6, 3, 1}));
}

TEST(AllocationTest, ExactlyTheThresholdPasses) {
  AllocationRequest request{10, Rational::of(5, 1), Method::kHare, ThresholdBase::kPartyVotes};
  ASSERT_OK_AND_ASSIGN(Allocation exact, allocate(count_of({60000, 35000, 5000}), request));
  EXPECT_TRUE(exact.parties[2].passed);  // "not less than 5 %"
  ASSERT_OK_AND_ASSIGN(Allocation below, allocate(count_of({60001, 35000, 4999}), request));
  EXPECT_FALSE(below.parties[2].passed);
}

TEST(AllocationTest, FractionalThreshold) {
  const VoteCount count = count_of({925, 75});  // 7.5 % exactly
  AllocationRequest request{4, Rational::of(15, 2), Method::kDhondt, ThresholdBase::kPartyVotes};
  ASSERT_OK_AND_ASSIGN(Allocation allocation, allocate(count, request));
  EXPECT_TRUE(allocation.parties[1].passed);
  request.threshold_percent = Rational::of(751, 100);
  ASSERT_OK_AND_ASSIGN(Allocation higher, allocate(count, request));
  EXPECT_FALSE(higher.parties[1].passed);
  EXPECT_THAT(seats(higher), ElementsAreArray({4, 0}));
}

TEST(AllocationTest, TiesGoToTheEarlierList) {
  AllocationRequest request{3, Rational::of(0, 1), Method::kHare, ThresholdBase::kPartyVotes};
  // Quota 1000/3: each list 1 whole seat... equal remainders; one seat left for two equal lists.
  ASSERT_OK_AND_ASSIGN(Allocation hare, allocate(count_of({400, 300, 300}), request));
  EXPECT_THAT(seats(hare), ElementsAreArray({1, 1, 1}));
  request.seats = 2;
  ASSERT_OK_AND_ASSIGN(Allocation tie, allocate(count_of({100, 300, 300}), request));
  EXPECT_THAT(seats(tie), ElementsAreArray({0, 1, 1}));
  request.seats = 1;
  ASSERT_OK_AND_ASSIGN(Allocation earlier, allocate(count_of({100, 300, 300}), request));
  EXPECT_THAT(seats(earlier), ElementsAreArray({0, 1, 0}));
  request.method = Method::kDhondt;
  ASSERT_OK_AND_ASSIGN(Allocation dhondt, allocate(count_of({100, 300, 300}), request));
  EXPECT_THAT(seats(dhondt), ElementsAreArray({0, 1, 0}));
}

TEST(AllocationTest, RefusesBadRequests) {
  AllocationRequest request{0, Rational::of(0, 1), Method::kHare, ThresholdBase::kPartyVotes};
  EXPECT_THAT(allocate(count_of({1, 2}), request), StatusIs(StatusCode::kInvalidArgument));
  request.seats = 5;
  EXPECT_THAT(allocate(VoteCount{}, request), StatusIs(StatusCode::kInvalidArgument));
  EXPECT_THAT(allocate(count_of({0, 0}), request), StatusIs(StatusCode::kFailedPrecondition));
  request.threshold_percent = Rational::of(50, 1);
  EXPECT_THAT(allocate(count_of({40, 30, 30}), request),
              StatusIs(StatusCode::kFailedPrecondition, HasSubstr("threshold")));
  VoteCount duplicate = count_of({1, 2});
  duplicate.parties[1].party = "A";
  EXPECT_THAT(allocate(duplicate, request), StatusIs(StatusCode::kInvalidArgument));
  EXPECT_THAT(allocate(count_of({kMaxVotes, 1}), request), StatusIs(StatusCode::kInvalidArgument));
}

TEST(VotesCsvTest, ParsesRowsHeaderQuotesAndAgainstAll) {
  ASSERT_OK_AND_ASSIGN(
      VoteCount count,
      parse_votes_csv("\xEF\xBB\xBFparty,votes\r\nAmanat,6000\r\n\"Ak Zhol, Bright\",2500\n\n"
                      "\"Say \"\"Yes\"\"\", 10\nagainst_all,300\n",
                      "votes.csv"));
  ASSERT_EQ(count.parties.size(), 3u);
  EXPECT_EQ(count.parties[0].party, "Amanat");
  EXPECT_EQ(count.parties[0].votes, 6000);
  EXPECT_EQ(count.parties[1].party, "Ak Zhol, Bright");
  EXPECT_EQ(count.parties[2].party, "Say \"Yes\"");
  EXPECT_EQ(count.parties[2].votes, 10);
  EXPECT_EQ(count.against_all, 300);
}

struct BadCsv {
  std::string text;
  std::string message;
};

class VotesCsvErrorTest : public ::testing::TestWithParam<BadCsv> {};

TEST_P(VotesCsvErrorTest, ReportsTheLine) {
  EXPECT_THAT(parse_votes_csv(GetParam().text, "v.csv"),
              StatusIs(StatusCode::kInvalidArgument, HasSubstr(GetParam().message)));
}

INSTANTIATE_TEST_SUITE_P(
    Bad, VotesCsvErrorTest,
    ::testing::Values(
        BadCsv{"A,1\nB,12a\n", "v.csv:2: votes \"12a\""},
        BadCsv{"A,1\nB,-3\n", "v.csv:2: votes \"-3\""},
        BadCsv{"party,votes\nA,1,2\n", "v.csv:2: expected 2 fields"},
        BadCsv{"A,1\n\nA,2\n", "v.csv:3: party \"A\" already listed on line 1"},
        BadCsv{"A,1\nagainst_all,1\nagainst_all,2\n", "v.csv:3: a second against_all"},
        BadCsv{"A,1\n\"B,2\n", "v.csv:2: a quoted field is not closed"},
        BadCsv{",5\n", "v.csv:1: the party name is empty"}, BadCsv{"A,\n", "v.csv:1: votes \"\""},
        BadCsv{"A,99999999999999\n", "v.csv:1: votes"},
        BadCsv{"party,votes\n", "v.csv: no party rows"}, BadCsv{"", "v.csv: no party rows"}));

}  // namespace
}  // namespace mura::kurultai
