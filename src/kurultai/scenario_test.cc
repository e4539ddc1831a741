// End-to-end scenarios: realistic sequences of acts played through the engine.
#include <gmock/gmock.h>

#include "kurultai/explain.h"
#include "kurultai/kurultai_testing.h"

namespace mura::kurultai {
namespace {

using ::mura::testing::StatusIs;
using ::testing::HasSubstr;
using testing::KurultaiTest;

Date day(std::string_view text) { return Date::parse(text).value(); }

class ScenarioTest : public KurultaiTest {};

TEST_F(ScenarioTest, ElectionSeatsTheKurultai) {
  EXPECT_EQ(state().deputies.size(), 145u);
  EXPECT_EQ(certified_seats_["Amanat"], 81);
  EXPECT_EQ(certified_seats_["NPP"], 10);
  EXPECT_FALSE(certified_seats_.contains("Baytaq"));  // below 5 % of votes plus against all
  ASSERT_OK_AND_ASSIGN(State now, engine_.state_at(day("2026-09-01")));
  ASSERT_OK_AND_ASSIGN(Explanation seats, explain(now, "seats:NPP"));
  EXPECT_THAT(seats.statement, HasSubstr("NPP won 10 of 145 list seats; 10 deputies seated"));
  EXPECT_THAT(format_explanation(seats), HasSubstr("9 seats + 1 by largest remainder"));
  EXPECT_THAT(format_explanation(seats), HasSubstr("against all included: 400000"));
  ASSERT_OK_AND_ASSIGN(Explanation baytaq, explain(now, "seats:Baytaq"));
  EXPECT_THAT(format_explanation(baytaq), HasSubstr("not reached"));
}

TEST_F(ScenarioTest, PeoplesCouncilBillThroughReadingsReturnAndOverride) {
  ASSERT_OK(apply({{"type", "peoples_council_member_appointed"},
                   {"date", "2026-09-01"},
                   {"person", "Council-1"},
                   {"block", "ethno_cultural"}}));
  ASSERT_OK(apply({{"type", "bill_introduced"},
                   {"date", "2026-09-02"},
                   {"bill", "B-1"},
                   {"title", "On the archives"},
                   {"initiator", "peoples_council"}}));
  ASSERT_OK(apply({{"type", "reading_held"},
                   {"date", "2026-09-10"},
                   {"bill", "B-1"},
                   {"reading", 1},
                   {"vote", votes(110, 20)},
                   {"result", "passed"}}));
  ASSERT_OK(apply({{"type", "amendment_tabled"},
                   {"date", "2026-09-12"},
                   {"bill", "B-1"},
                   {"amendment", "A-1"},
                   {"by", "Auyl-1"},
                   {"text", "Art. 3: add museums"}}));
  ASSERT_OK(apply({{"type", "amendment_adopted"},
                   {"date", "2026-09-15"},
                   {"bill", "B-1"},
                   {"amendment", "A-1"},
                   {"vote", votes(90, 40)}}));
  ASSERT_OK(apply({{"type", "reading_held"},
                   {"date", "2026-09-20"},
                   {"bill", "B-1"},
                   {"reading", 2},
                   {"vote", votes(100, 30)},
                   {"result", "passed"}}));
  ASSERT_OK(apply({{"type", "reading_held"},
                   {"date", "2026-09-30"},
                   {"bill", "B-1"},
                   {"reading", 3},
                   {"vote", votes(105, 30)},
                   {"result", "passed"}}));
  ASSERT_OK(apply({{"type", "bill_adopted"}, {"date", "2026-09-30"}, {"bill", "B-1"}}));
  ASSERT_OK(apply({{"type", "law_sent"}, {"date", "2026-10-08"}, {"bill", "B-1"}}));
  ASSERT_OK(apply({{"type", "law_returned"},
                   {"date", "2026-10-20"},
                   {"bill", "B-1"},
                   {"objections", "Art. 5 is too broad"}}));
  // The override needs two thirds of all deputies (97).
  EXPECT_THAT(apply({{"type", "override_vote"},
                     {"date", "2026-11-01"},
                     {"bill", "B-1"},
                     {"vote", votes(96, 40)},
                     {"result", "passed"}}),
              StatusIs(StatusCode::kFailedPrecondition, HasSubstr("majorities.override")));
  ASSERT_OK(apply({{"type", "override_vote"},
                   {"date", "2026-11-01"},
                   {"bill", "B-1"},
                   {"vote", votes(100, 40)},
                   {"result", "passed"}}));
  ASSERT_OK(apply({{"type", "law_signed"}, {"date", "2026-11-10"}, {"bill", "B-1"}}));

  ASSERT_OK_AND_ASSIGN(State now, engine_.state_at(day("2026-12-01")));
  const Bill& bill = now.bills.at("B-1");
  EXPECT_EQ(bill.stage, BillStage::kSigned);
  EXPECT_EQ(bill.readings_passed, 3);
  EXPECT_TRUE(bill.amendments.at(0).adopted);
  EXPECT_TRUE(now.missed_deadlines().empty());
  for (const auto& deadline : now.deadlines) {
    EXPECT_EQ(deadline.status(now.as_of), DeadlineStatus::kMet) << deadline.id;
  }
  ASSERT_OK_AND_ASSIGN(Explanation why, explain(now, "bill:B-1"));
  const std::string text = format_explanation(why);
  EXPECT_THAT(why.statement, HasSubstr("is signed"));
  EXPECT_THAT(text, HasSubstr("introduced by peoples_council"));
  EXPECT_THAT(text, HasSubstr("reading 3 (final)"));
  EXPECT_THAT(text, HasSubstr("amendments incorporated: A-1"));
  EXPECT_THAT(text, HasSubstr("yes needed at least 2/3 of all 145 deputies = 97: passed"));
  EXPECT_THAT(text, HasSubstr("majorities.override"));
}

TEST_F(ScenarioTest, VicePresidentRefusedTwiceLetsThePresidentDissolve) {
  EXPECT_THAT(
      apply({{"type", "chamber_dissolved"}, {"date", "2026-09-01"}}),
      StatusIs(StatusCode::kFailedPrecondition, HasSubstr("president.dissolution_after_refusals")));
  int round = 0;
  for (const char* candidate : {"Candidate-1", "Candidate-2"}) {
    const std::string proposed = round == 0 ? "2026-09-02" : "2026-09-06";
    const std::string decided = round == 0 ? "2026-09-04" : "2026-09-10";
    ++round;
    ASSERT_OK(apply({{"type", "appointment_proposed"},
                     {"date", proposed},
                     {"office", "vice_president"},
                     {"person", candidate}}));
    EXPECT_THAT(apply({{"type", "appointment_consented"},
                       {"date", decided},
                       {"office", "vice_president"},
                       {"person", candidate},
                       {"vote", votes(60, 80)}}),
                StatusIs(StatusCode::kFailedPrecondition, HasSubstr("majorities.consent")));
    ASSERT_OK(apply({{"type", "appointment_refused"},
                     {"date", decided},
                     {"office", "vice_president"},
                     {"person", candidate},
                     {"vote", votes(60, 80)}}));
    EXPECT_EQ(state().president_may_dissolve, round == 2);
  }
  ASSERT_OK_AND_ASSIGN(State now, engine_.state_at(day("2026-09-11")));
  ASSERT_OK_AND_ASSIGN(Explanation why, explain(now, "dissolution"));
  EXPECT_EQ(why.statement, "the President may dissolve the chamber");
  EXPECT_THAT(format_explanation(why), HasSubstr("president.dissolution_after_refusals"));
  EXPECT_THAT(format_explanation(why), HasSubstr("Candidate-1"));
  ASSERT_OK(apply({{"type", "chamber_dissolved"}, {"date", "2026-09-20"}}));
  EXPECT_TRUE(state().deputies.empty());
  EXPECT_FALSE(state().president_may_dissolve);
  EXPECT_EQ(state().former_deputies.back().ground, "dissolution");
}

TEST_F(ScenarioTest, VacantPresidencyWithVacantVicePresidencyPassesToTheChair) {
  ASSERT_OK(apply({{"type", "election_certified"},
                   {"date", "2026-08-26"},
                   {"election", "presidential"},
                   {"winner", "President-A"}}));
  ASSERT_OK(apply({{"type", "chair_elected"},
                   {"date", "2026-08-27"},
                   {"person", "Amanat-1"},
                   {"vote", {{"yes", 120}, {"no", 10}, {"abstain", 5}}},
                   {"result", "passed"}}));
  ASSERT_OK(apply({{"type", "appointment_proposed"},
                   {"date", "2026-08-28"},
                   {"office", "prime_minister"},
                   {"person", "Premier-B"}}));
  ASSERT_OK(apply({{"type", "appointment_consented"},
                   {"date", "2026-08-29"},
                   {"office", "prime_minister"},
                   {"person", "Premier-B"},
                   {"vote", votes(100, 20)}}));
  ASSERT_OK(apply({{"type", "appointment_proposed"},
                   {"date", "2026-09-01"},
                   {"office", "vice_president"},
                   {"person", "Vice-C"}}));
  ASSERT_OK(apply({{"type", "appointment_consented"},
                   {"date", "2026-09-02"},
                   {"office", "vice_president"},
                   {"person", "Vice-C"},
                   {"vote", votes(100, 20)}}));
  ASSERT_OK(apply({{"type", "office_vacated"},
                   {"date", "2026-10-01"},
                   {"office", "vice_president"},
                   {"ground", "dismissed"}}));
  ASSERT_OK(apply({{"type", "office_vacated"},
                   {"date", "2026-11-02"},
                   {"office", "president"},
                   {"person", "President-A"},
                   {"ground", "resignation"}}));

  ASSERT_OK_AND_ASSIGN(State now, engine_.state_at(day("2026-11-03")));
  const auto acting = now.acting_president();
  ASSERT_TRUE(acting.has_value());
  EXPECT_EQ(acting->person, "Amanat-1");
  EXPECT_EQ(acting->by_office, "chair");
  ASSERT_OK_AND_ASSIGN(Explanation why, explain(now, "acting:president"));
  EXPECT_THAT(format_explanation(why), HasSubstr("the office vice_president is vacant: skipped"));
  EXPECT_THAT(format_explanation(why), HasSubstr("president.succession"));
  EXPECT_THAT(format_explanation(why), HasSubstr("Amanat-1 elected Chair"));

  EXPECT_THAT(apply({{"type", "acting_holder_assumed"},
                     {"date", "2026-11-03"},
                     {"office", "president"},
                     {"person", "Premier-B"}}),
              StatusIs(StatusCode::kFailedPrecondition, HasSubstr("president.succession")));
  ASSERT_OK(apply({{"type", "acting_holder_assumed"},
                   {"date", "2026-11-03"},
                   {"office", "president"},
                   {"person", "Amanat-1"}}));
  // Called within 7 days; an election date beyond 2 months of the decision is refused.
  EXPECT_THAT(
      apply({{"type", "election_called"},
             {"date", "2026-11-06"},
             {"election", "presidential"},
             {"election_date", "2027-01-07"}}),
      StatusIs(StatusCode::kFailedPrecondition, HasSubstr("president.election_held_months")));
  ASSERT_OK(apply({{"type", "election_called"},
                   {"date", "2026-11-06"},
                   {"election", "presidential"},
                   {"election_date", "2027-01-06"}}));
  // The former President may not be elected again (one term).
  EXPECT_THAT(apply({{"type", "election_certified"},
                     {"date", "2027-01-10"},
                     {"election", "presidential"},
                     {"winner", "President-A"}}),
              StatusIs(StatusCode::kFailedPrecondition, HasSubstr("president.max_terms")));
  ASSERT_OK(apply({{"type", "election_certified"},
                   {"date", "2027-01-10"},
                   {"election", "presidential"},
                   {"winner", "President-D"},
                   {"held_on", "2027-01-06"}}));
  ASSERT_OK_AND_ASSIGN(State after, engine_.state_at(day("2027-01-11")));
  EXPECT_FALSE(after.acting_president().has_value());
  EXPECT_EQ(after.holder("president")->person, "President-D");
  EXPECT_TRUE(after.missed_deadlines().empty());
  EXPECT_EQ(after.deadlines.size(), 2u);
}

TEST_F(ScenarioTest, DeputyLeavingThePartyLosesTheSeat) {
  ASSERT_OK(
      apply({{"type", "committees_set"},
             {"date", "2026-09-01"},
             {"committees",
              {{{"id", "budget"}, {"name", "Budget"}, {"members", {"Auyl-3", "Amanat-2"}}}}}}));
  ASSERT_OK(apply(
      {{"type", "party_left"}, {"date", "2026-10-01"}, {"person", "Auyl-3"}, {"party", "Auyl"}}));
  EXPECT_FALSE(state().deputies.contains("Auyl-3"));
  EXPECT_EQ(state().deputies.size(), 144u);
  EXPECT_EQ(state().committees.front().members, std::vector<std::string>{"Amanat-2"});
  ASSERT_OK_AND_ASSIGN(State now, engine_.state_at(day("2026-10-02")));
  ASSERT_OK_AND_ASSIGN(Explanation why, explain(now, "deputy:Auyl-3"));
  EXPECT_THAT(why.statement, HasSubstr("lost the seat on 2026-10-01 (left_party)"));
  EXPECT_THAT(format_explanation(why), HasSubstr("chamber.mandate_loss_grounds"));
  // The seat stays the party's: the next candidate on its list takes it; no other party may.
  EXPECT_THAT(apply({{"type", "deputy_seated"},
                     {"date", "2026-10-05"},
                     {"person", "Amanat-99"},
                     {"party", "Amanat"}}),
              StatusIs(StatusCode::kFailedPrecondition, HasSubstr("chamber.list_seats")));
  ASSERT_OK(apply({{"type", "deputy_seated"},
                   {"date", "2026-10-05"},
                   {"person", "Auyl-22"},
                   {"party", "Auyl"}}));
  EXPECT_EQ(state().deputies.size(), 145u);
  // A deputy who leaves another party than the one of their list keeps the seat.
  ASSERT_OK(apply(
      {{"type", "party_left"}, {"date", "2026-10-06"}, {"person", "Amanat-5"}, {"party", "Auyl"}}));
  EXPECT_TRUE(state().deputies.contains("Amanat-5"));
}

}  // namespace
}  // namespace mura::kurultai
