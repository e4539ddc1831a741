#include "kurultai/bill_history.h"

#include <gmock/gmock.h>

#include "kurultai/kurultai_testing.h"

namespace mura::kurultai {
namespace {

using ::mura::testing::StatusIs;
using ::testing::ElementsAre;
using testing::constitution;
using testing::KurultaiTest;

class BillHistoryTest : public KurultaiTest {};

TEST_F(BillHistoryTest, VersionsFollowTheReadingsAndCarryTheLatestText) {
  ASSERT_OK(apply({{"type", "bill_introduced"},
                   {"date", "2026-09-02"},
                   {"bill", "B-7"},
                   {"title", "On archives"},
                   {"titles", {{"kk", "Мұрағаттар туралы"}, {"ru", "Об архивах"}}},
                   {"initiator", "government"},
                   {"text", {{"kk", "1-бап. Мұрағат."}, {"ru", "Статья 1. Архив."}}}}));
  ASSERT_OK(apply({{"type", "reading_held"},
                   {"date", "2026-09-10"},
                   {"bill", "B-7"},
                   {"reading", 1},
                   {"vote", votes(100, 20)},
                   {"result", "passed"}}));
  ASSERT_OK(apply({{"type", "amendment_tabled"},
                   {"date", "2026-09-11"},
                   {"bill", "B-7"},
                   {"amendment", "A-1"}}));
  ASSERT_OK(apply({{"type", "amendment_adopted"},
                   {"date", "2026-09-12"},
                   {"bill", "B-7"},
                   {"amendment", "A-1"}}));
  // The second reading gives a new Russian text only; the Kazakh one carries over.
  ASSERT_OK(apply({{"type", "reading_held"},
                   {"date", "2026-09-20"},
                   {"bill", "B-7"},
                   {"reading", 2},
                   {"vote", votes(100, 20)},
                   {"result", "passed"},
                   {"text", {{"ru", "Статья 1. Архив и музей."}}}}));
  ASSERT_OK(apply({{"type", "reading_held"},
                   {"date", "2026-09-30"},
                   {"bill", "B-7"},
                   {"reading", 3},
                   {"vote", votes(100, 20)},
                   {"result", "passed"}}));
  ASSERT_OK(apply({{"type", "bill_adopted"}, {"date", "2026-09-30"}, {"bill", "B-7"}}));
  ASSERT_OK(apply({{"type", "law_sent"}, {"date", "2026-10-02"}, {"bill", "B-7"}}));
  ASSERT_OK(apply({{"type", "law_signed"},
                   {"date", "2026-10-15"},
                   {"bill", "B-7"},
                   {"number", "12-VIII"},
                   {"in_force", "2026-10-26"}}));

  ASSERT_OK_AND_ASSIGN(BillHistory history, bill_history(constitution(), acts_, "B-7"));
  EXPECT_EQ(history.titles.at("ru"), "Об архивах");
  EXPECT_EQ(history.initiator, "government");
  EXPECT_EQ(history.steps.size(), 9u);
  EXPECT_EQ(history.steps[1].label, "reading 1 (concept), passed");
  EXPECT_EQ(history.steps[1].vote->yes, 100);
  EXPECT_EQ(history.steps[1].position, acts_.size() - 7);
  EXPECT_THAT(history.amendments_adopted, ElementsAre("A-1"));
  std::vector<std::string> stages;
  for (const auto& version : history.versions) stages.push_back(version.stage);
  EXPECT_THAT(stages, ElementsAre("introduced", "reading_1", "reading_2", "reading_3", "signed"));
  EXPECT_EQ(history.versions[1].text.at("ru"), "Статья 1. Архив.");
  EXPECT_EQ(history.versions[2].text.at("ru"), "Статья 1. Архив и музей.");
  EXPECT_EQ(history.versions[4].text.at("kk"), "1-бап. Мұрағат.");
  EXPECT_EQ(history.number, "12-VIII");
  EXPECT_EQ(history.in_force->to_string(), "2026-10-26");
  EXPECT_EQ(history.adopted_on->to_string(), "2026-09-30");

  // Up to an earlier entry, the history stops there.
  ASSERT_OK_AND_ASSIGN(BillHistory early,
                       bill_history(constitution(), acts_, "B-7", history.steps[1].position));
  EXPECT_EQ(early.versions.size(), 2u);
  EXPECT_FALSE(early.signed_on.has_value());
  EXPECT_THAT(bill_history(constitution(), acts_, "B-8"), StatusIs(StatusCode::kNotFound));
}

TEST_F(BillHistoryTest, ARejectedBillEndsWithARejectedVersion) {
  ASSERT_OK(apply({{"type", "bill_introduced"},
                   {"date", "2026-09-02"},
                   {"bill", "B-9"},
                   {"title", "On nothing"},
                   {"initiator", "government"}}));
  ASSERT_OK(apply({{"type", "bill_rejected"},
                   {"date", "2026-09-05"},
                   {"bill", "B-9"},
                   {"vote", votes(100, 20)}}));
  ASSERT_OK_AND_ASSIGN(BillHistory history, bill_history(constitution(), acts_, "B-9"));
  ASSERT_EQ(history.versions.size(), 2u);
  EXPECT_EQ(history.versions[1].stage, "rejected");
  EXPECT_TRUE(history.titles.empty());
  EXPECT_TRUE(history.versions[1].text.empty());
}

}  // namespace
}  // namespace mura::kurultai
