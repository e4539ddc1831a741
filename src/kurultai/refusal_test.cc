// Acts that break a rule are refused with the rule and its article; missed deadlines are reported.
#include <gmock/gmock.h>

#include "kurultai/explain.h"
#include "kurultai/kurultai_testing.h"
#include "kurultai/report.h"

namespace mura::kurultai {
namespace {

using ::mura::testing::StatusIs;
using testing::act;
using ::testing::AllOf;
using testing::constitution;
using ::testing::HasSubstr;
using testing::KurultaiTest;

Date day(std::string_view text) { return Date::parse(text).value(); }

class RefusalTest : public KurultaiTest {
 protected:
  void introduce(const std::string& bill, const std::string& date) {
    ASSERT_OK(apply({{"type", "bill_introduced"},
                     {"date", date},
                     {"bill", bill},
                     {"title", "Bill " + bill},
                     {"initiator", "government"}}));
  }
  void pass_readings(const std::string& bill, const std::string& date) {
    for (int reading = 1; reading <= 3; ++reading) {
      ASSERT_OK(apply({{"type", "reading_held"},
                       {"date", date},
                       {"bill", bill},
                       {"reading", reading},
                       {"vote", votes(100, 10)},
                       {"result", "passed"}}));
    }
  }
};

TEST_F(RefusalTest, NinthCommittee) {
  nlohmann::json committees = nlohmann::json::array();
  for (int i = 1; i <= 9; ++i) committees.push_back({{"id", "c" + std::to_string(i)}});
  EXPECT_THAT(
      apply({{"type", "committees_set"}, {"date", "2026-09-01"}, {"committees", committees}}),
      StatusIs(StatusCode::kFailedPrecondition,
               AllOf(HasSubstr("refused by chamber.max_committees (Constitution 2026"),
                     HasSubstr("9 standing committees named; at most 8"))));
  committees.erase(8);
  EXPECT_OK(
      apply({{"type", "committees_set"}, {"date", "2026-09-01"}, {"committees", committees}}));
  EXPECT_EQ(state().committees.size(), 8u);
}

TEST(ParseRefusalTest, ReadsTheRuleAndArticleBack) {
  const auto refusal = parse_refusal(
      "act 2 of 2: refused by elections.method (Constitution 1995-2022, Constitutional Law On "
      "Elections, Art. 97-1 [C]): the certified result gives A 3 seats");
  ASSERT_TRUE(refusal.has_value());
  EXPECT_EQ(refusal->rule, "elections.method");
  EXPECT_EQ(refusal->version, "1995-2022");
  EXPECT_EQ(refusal->article, "Constitutional Law On Elections, Art. 97-1");
  EXPECT_EQ(refusal->confidence, "C");
  EXPECT_EQ(refusal->reason, "the certified result gives A 3 seats");
  EXPECT_FALSE(parse_refusal("act law_sent: no bill \"B\" has been introduced").has_value());
  EXPECT_FALSE(parse_refusal("refused by nothing").has_value());
}

TEST_F(RefusalTest, FourthDeputyChair) {
  EXPECT_THAT(apply({{"type", "deputy_chairs_set"},
                     {"date", "2026-09-01"},
                     {"persons", {"Amanat-2", "Auyl-1", "NPP-1", "AkZhol-1"}}}),
              StatusIs(StatusCode::kFailedPrecondition,
                       AllOf(HasSubstr("chamber.max_deputy_chairs"), HasSubstr("at most 3"))));
  EXPECT_OK(apply({{"type", "deputy_chairs_set"},
                   {"date", "2026-09-01"},
                   {"persons", {"Amanat-2", "Auyl-1", "NPP-1"}}}));
  EXPECT_THAT(
      apply({{"type", "deputy_chairs_set"}, {"date", "2026-09-01"}, {"persons", {"Outsider"}}}),
      StatusIs(StatusCode::kInvalidArgument, HasSubstr("not a seated deputy")));
}

TEST_F(RefusalTest, VicePresidentWhoIsAPartyMemberOrADeputy) {
  EXPECT_THAT(apply({{"type", "appointment_proposed"},
                     {"date", "2026-09-01"},
                     {"office", "vice_president"},
                     {"person", "Candidate"},
                     {"party", "Amanat"}}),
              StatusIs(StatusCode::kFailedPrecondition,
                       AllOf(HasSubstr("offices.vice_president"),
                             HasSubstr("may not belong to a political party"))));
  EXPECT_THAT(apply({{"type", "appointment_proposed"},
                     {"date", "2026-09-01"},
                     {"office", "vice_president"},
                     {"person", "NPP-2"}}),
              StatusIs(StatusCode::kFailedPrecondition, HasSubstr("may not be a deputy")));
  EXPECT_THAT(apply({{"type", "appointment_proposed"},
                     {"date", "2026-09-01"},
                     {"office", "vice_president"},
                     {"person", "Candidate"},
                     {"business", true}}),
              StatusIs(StatusCode::kFailedPrecondition, HasSubstr("runs a business")));
  EXPECT_FALSE(state().offices.contains("vice_president"));  // refused acts change nothing
  EXPECT_OK(apply({{"type", "appointment_proposed"},
                   {"date", "2026-09-01"},
                   {"office", "vice_president"},
                   {"person", "Candidate"}}));
  EXPECT_TRUE(state().offices.at("vice_president").proposals.contains("Candidate"));
}

TEST_F(RefusalTest, ReadingOutOfOrder) {
  introduce("B-7", "2026-09-01");
  ASSERT_OK(apply({{"type", "reading_held"},
                   {"date", "2026-09-02"},
                   {"bill", "B-7"},
                   {"reading", 1},
                   {"vote", votes(100, 10)},
                   {"result", "passed"}}));
  EXPECT_THAT(apply({{"type", "reading_held"},
                     {"date", "2026-09-03"},
                     {"bill", "B-7"},
                     {"reading", 3},
                     {"vote", votes(100, 10)},
                     {"result", "passed"}}),
              StatusIs(StatusCode::kFailedPrecondition,
                       AllOf(HasSubstr("legislation.readings"),
                             HasSubstr("reading 3 (final) of bill B-7 cannot be held before "
                                       "reading 2 (amendments) has passed"))));
  EXPECT_THAT(
      apply({{"type", "bill_adopted"}, {"date", "2026-09-03"}, {"bill", "B-7"}}),
      StatusIs(StatusCode::kFailedPrecondition, HasSubstr("has passed 1 of its 3 readings")));
  EXPECT_THAT(apply({{"type", "amendment_tabled"},
                     {"date", "2026-09-03"},
                     {"bill", "B-7"},
                     {"amendment", "A-1"}}),
              ::mura::testing::IsOk());
}

TEST_F(RefusalTest, PassedVoteBelowTheMajorityOfAllDeputies) {
  introduce("B-8", "2026-09-01");
  // 72 yes of 145 is not more than half of all deputies (73), however few vote no.
  EXPECT_THAT(
      apply({{"type", "reading_held"},
             {"date", "2026-09-02"},
             {"bill", "B-8"},
             {"reading", 1},
             {"vote", votes(72, 30)},
             {"result", "passed"}}),
      StatusIs(StatusCode::kFailedPrecondition,
               AllOf(HasSubstr("majorities.law"), HasSubstr("yes 72"), HasSubstr("= 73: failed"))));
  // Without a quorum (two thirds present) nothing passes.
  EXPECT_THAT(apply({{"type", "reading_held"},
                     {"date", "2026-09-02"},
                     {"bill", "B-8"},
                     {"reading", 1},
                     {"vote", votes(80, 5)},
                     {"result", "passed"}}),
              StatusIs(StatusCode::kFailedPrecondition, HasSubstr("majorities.quorum")));
  ASSERT_OK(apply({{"type", "reading_held"},
                   {"date", "2026-09-02"},
                   {"bill", "B-8"},
                   {"reading", 1},
                   {"vote", votes(72, 30)},
                   {"result", "failed"}}));
  EXPECT_EQ(state().bills.at("B-8").stage, BillStage::kReadingFailed);
  EXPECT_THAT(apply({{"type", "reading_held"},
                     {"date", "2026-09-03"},
                     {"bill", "B-8"},
                     {"reading", 1},
                     {"vote", votes(100, 30)},
                     {"result", "failed"}}),
              StatusIs(StatusCode::kFailedPrecondition, HasSubstr("records the vote as failed")));
  // A vote naming someone who holds no seat is malformed.
  nlohmann::json stranger = votes(100, 10);
  stranger["roll_call"]["Stranger"] = "yes";
  EXPECT_THAT(
      apply({{"type", "reading_held"},
             {"date", "2026-09-03"},
             {"bill", "B-8"},
             {"reading", 1},
             {"vote", stranger},
             {"result", "passed"}}),
      StatusIs(StatusCode::kInvalidArgument, HasSubstr("\"Stranger\" is not a seated deputy")));
}

TEST_F(RefusalTest, HundredFortySixthSeat) {
  EXPECT_THAT(
      apply({{"type", "deputy_seated"},
             {"date", "2026-09-01"},
             {"person", "Extra"},
             {"party", "Amanat"}}),
      StatusIs(StatusCode::kFailedPrecondition,
               AllOf(HasSubstr("refused by chamber.seats"), HasSubstr("seat 146 does not exist"))));
}

TEST_F(RefusalTest, CertifiedSeatsMustMatchTheAllocation) {
  nlohmann::json seats = certified_seats_;
  seats["Amanat"] = seats["Amanat"].get<int>() + 1;
  seats["NPP"] = seats["NPP"].get<int>() - 1;
  EXPECT_THAT(apply({{"type", "election_certified"},
                     {"date", "2026-09-01"},
                     {"election", "kurultai"},
                     {"votes", testing::kurultai_votes()},
                     {"against_all", 400000},
                     {"seats", seats}}),
              StatusIs(StatusCode::kFailedPrecondition,
                       AllOf(HasSubstr("elections.method"), HasSubstr("gives Amanat 82 seats"))));
}

TEST_F(RefusalTest, PartyColoursAreCertifiedWithTheVotes) {
  nlohmann::json votes = testing::kurultai_votes();
  votes[0]["colour"] = "red";
  nlohmann::json election = {{"type", "election_certified"}, {"date", "2031-09-01"},
                             {"election", "kurultai"},       {"votes", votes},
                             {"against_all", 400000},        {"seats", certified_seats_}};
  EXPECT_THAT(apply(election), StatusIs(StatusCode::kInvalidArgument,
                                        HasSubstr("optional \"colour\": \"#rrggbb\"")));
  election["votes"][0]["colour"] = "#1E88E5";
  ASSERT_OK(apply(election));
  ASSERT_OK(apply({{"type", "deputy_seated"},
                   {"date", "2031-09-02"},
                   {"person", "Amanat-200"},
                   {"party", "Amanat"}}));
  const auto composition = party_composition(state());
  ASSERT_EQ(composition.size(), 5u);  // the lists that won seats, in registration order
  EXPECT_EQ(composition[0].party, "Amanat");
  EXPECT_EQ(composition[0].colour, "#1E88E5");
  EXPECT_EQ(composition[0].seated, 1);
  EXPECT_EQ(composition[0].won, 81);
  EXPECT_EQ(composition[1].colour, "#e69f00");  // the palette, by list position
  EXPECT_EQ(composition[1].seated, 0);
  const nlohmann::json json = state_to_json(state());
  EXPECT_EQ(json["chamber"]["composition"][0]["colour"], "#1E88E5");
  EXPECT_EQ(json["chamber"]["composition"][4]["party"], "NPP");
}

TEST_F(RefusalTest, MissedDeadlinesAreReported) {
  introduce("B-9", "2026-09-01");
  ASSERT_OK(apply({{"type", "bill_priority_declared"}, {"date", "2026-09-01"}, {"bill", "B-9"}}));
  introduce("B-10", "2026-09-01");
  ASSERT_OK(apply({{"type", "bill_priority_declared"}, {"date", "2026-09-01"}, {"bill", "B-10"}}));
  pass_readings("B-10", "2026-09-10");
  ASSERT_OK(apply({{"type", "bill_adopted"}, {"date", "2026-09-10"}, {"bill", "B-10"}}));
  // B-10 must be sent by 2026-09-20.
  ASSERT_OK_AND_ASSIGN(State on_time, engine_.state_at(day("2026-09-20")));
  EXPECT_TRUE(on_time.missed_deadlines().empty());
  ASSERT_OK_AND_ASSIGN(State late, engine_.state_at(day("2026-09-21")));
  ASSERT_EQ(late.missed_deadlines().size(), 1u);
  EXPECT_EQ(late.missed_deadlines()[0]->id, "send:B-10");
  EXPECT_THAT(late.missed_deadlines()[0]->rule, HasSubstr("legislation.send_to_president_days"));
  ASSERT_OK(apply({{"type", "law_sent"}, {"date", "2026-09-25"}, {"bill", "B-10"}}));
  // B-9, a priority bill, is not adopted within 2 months (by 2026-11-01).
  ASSERT_OK_AND_ASSIGN(State later, engine_.state_at(day("2026-11-02")));
  std::vector<std::string> missed;
  for (const Deadline* deadline : later.missed_deadlines()) missed.push_back(deadline->id);
  // ... and the President has neither signed nor returned B-10 within 30 days of 2026-09-25.
  EXPECT_THAT(missed, ::testing::UnorderedElementsAre("send:B-10", "priority:B-9", "sign:B-10"));
  ASSERT_OK_AND_ASSIGN(Explanation why, explain(later, "deadline:send:B-10"));
  EXPECT_THAT(format_explanation(why), HasSubstr("late: the last day was 2026-09-20"));

  // The presidency falls vacant; the election is not called within 7 days, nor held within 2
  // months of being called.
  ASSERT_OK(apply({{"type", "election_certified"},
                   {"date", "2026-11-02"},
                   {"election", "presidential"},
                   {"winner", "President-A"}}));
  ASSERT_OK(apply({{"type", "office_vacated"},
                   {"date", "2026-11-03"},
                   {"office", "president"},
                   {"ground", "death"}}));
  ASSERT_OK(apply({{"type", "election_called"},
                   {"date", "2026-11-12"},
                   {"election", "presidential"},
                   {"election_date", "2027-01-10"}}));
  ASSERT_OK_AND_ASSIGN(State after, engine_.state_at(day("2027-01-13")));
  missed.clear();
  for (const Deadline* deadline : after.missed_deadlines()) missed.push_back(deadline->id);
  EXPECT_THAT(missed, ::testing::UnorderedElementsAre("send:B-10", "priority:B-9", "sign:B-10",
                                                      "election_call:president:2026-11-03",
                                                      "election_held:president:2026-11-12"));
}

TEST(VersionTest, ActsAreJudgedByTheVersionInForceOnTheirDate) {
  Engine engine(constitution());
  // June 2026: the 1995 Constitution; the Mazhilis has 69 list seats and 29 district seats.
  nlohmann::json votes = {{{"party", "Amanat"}, {"votes", 600}},
                          {{"party", "Auyl"}, {"votes", 400}}};
  EXPECT_THAT(engine.apply(act({{"type", "election_certified"},
                                {"date", "2026-06-01"},
                                {"election", "kurultai"},
                                {"votes", votes},
                                {"seats", {{"Amanat", 41}, {"Auyl", 28}}}})),
              StatusIs(StatusCode::kInvalidArgument, HasSubstr("\"mazhilis\"")));
  ASSERT_OK(engine.apply(act({{"type", "election_certified"},
                              {"date", "2026-06-01"},
                              {"election", "mazhilis"},
                              {"votes", votes},
                              {"seats", {{"Amanat", 41}, {"Auyl", 28}}}})));
  ASSERT_OK(engine.apply(act({{"type", "deputy_seated"},
                              {"date", "2026-06-02"},
                              {"person", "District-1"},
                              {"district", "Almaty-1"}})));
  EXPECT_THAT(
      engine.apply(act({{"type", "appointment_proposed"},
                        {"date", "2026-06-03"},
                        {"office", "vice_president"},
                        {"person", "X"}})),
      StatusIs(StatusCode::kFailedPrecondition, HasSubstr("has no office \"vice_president\"")));
  EXPECT_THAT(engine.apply(act({{"type", "bill_introduced"},
                                {"date", "2026-06-03"},
                                {"bill", "B"},
                                {"title", "T"},
                                {"initiator", "peoples_council"}})),
              StatusIs(StatusCode::kFailedPrecondition,
                       AllOf(HasSubstr("legislation.initiators (Constitution 1995-2022"),
                             HasSubstr("no right of legislative initiative"))));
  EXPECT_EQ(engine.state().deputies.size(), 1u);
  // On 1 July 2026 the Parliament formed under the 1995 Constitution ceases (Art. 95).
  ASSERT_OK_AND_ASSIGN(State july, engine.state_at(day("2026-07-01")));
  EXPECT_EQ(july.version->id(), "2026");
  EXPECT_TRUE(july.deputies.empty());
  EXPECT_FALSE(july.convocation.has_value());
  EXPECT_EQ(july.former_deputies.back().ground, "term_ended");
  EXPECT_OK(engine.apply(act({{"type", "bill_introduced"},
                              {"date", "2026-07-02"},
                              {"bill", "B"},
                              {"title", "T"},
                              {"initiator", "peoples_council"}})));
  EXPECT_THAT(engine.apply(act({{"type", "bill_introduced"},
                                {"date", "2026-07-01"},
                                {"bill", "C"},
                                {"title", "T"},
                                {"initiator", "government"}})),
              StatusIs(StatusCode::kInvalidArgument, HasSubstr("register is kept in date order")));
  EXPECT_THAT(
      Engine(constitution())
          .apply(act({{"type", "law_sent"}, {"date", "2001-01-01"}, {"bill", "B"}})),
      StatusIs(StatusCode::kFailedPrecondition, HasSubstr("no version of the Constitution")));
}

TEST(ReferendumActTest, ResultIsCheckedAgainstTurnoutAndMajority) {
  Engine engine(constitution());
  const nlohmann::json base = {{"type", "referendum_held"}, {"date", "2026-08-01"},
                               {"question", "Q"},           {"registered", 1000},
                               {"participants", 500},       {"yes", 400}};
  nlohmann::json recorded = base;
  recorded["result"] = "adopted";
  EXPECT_THAT(engine.apply(act(recorded)),
              StatusIs(StatusCode::kFailedPrecondition, HasSubstr("referendum.turnout")));
  recorded["participants"] = 501;
  ASSERT_OK(engine.apply(act(recorded)));
  EXPECT_TRUE(engine.state().referendums.back().adopted);
}

}  // namespace
}  // namespace mura::kurultai

namespace mura::kurultai {
namespace {

TEST(VersionTest, The1995ParliamentNeedsTheSenatesApproval) {
  Engine engine(testing::constitution());
  const auto apply = [&](nlohmann::json json) {
    return engine.apply(testing::act(std::move(json)));
  };
  nlohmann::json votes = {{{"party", "Amanat"}, {"votes", 600}},
                          {{"party", "Auyl"}, {"votes", 400}}};
  ASSERT_OK(apply({{"type", "election_certified"},
                   {"date", "2023-03-19"},
                   {"election", "mazhilis"},
                   {"votes", votes},
                   {"seats", {{"Amanat", 41}, {"Auyl", 28}}}}));
  for (const auto& [party, seats] :
       std::vector<std::pair<std::string, int>>{{"Amanat", 41}, {"Auyl", 28}}) {
    for (int i = 1; i <= seats; ++i) {
      ASSERT_OK(apply({{"type", "deputy_seated"},
                       {"date", "2023-03-29"},
                       {"person", party + "-" + std::to_string(i)},
                       {"party", party}}));
    }
  }
  for (int i = 1; i <= 29; ++i) {
    ASSERT_OK(apply({{"type", "deputy_seated"},
                     {"date", "2023-03-29"},
                     {"person", "District-" + std::to_string(i)},
                     {"district", std::to_string(i)}}));
  }
  EXPECT_THAT(apply({{"type", "deputy_seated"},
                     {"date", "2023-03-29"},
                     {"person", "District-30"},
                     {"district", "30"}}),
              StatusIs(StatusCode::kFailedPrecondition, HasSubstr("seat 99 does not exist")));
  ASSERT_OK(apply({{"type", "bill_introduced"},
                   {"date", "2024-01-10"},
                   {"bill", "L-1"},
                   {"title", "On the budget"},
                   {"initiator", "government"}}));
  for (int reading = 1; reading <= 2; ++reading) {
    // 50 of 98 is the majority of all Mazhilis deputies.
    ASSERT_OK(apply({{"type", "reading_held"},
                     {"date", "2024-02-01"},
                     {"bill", "L-1"},
                     {"reading", reading},
                     {"vote", testing::roll_call(engine.state(), 50, 30)},
                     {"result", "passed"}}));
  }
  EXPECT_THAT(apply({{"type", "bill_adopted"}, {"date", "2024-02-01"}, {"bill", "L-1"}}),
              StatusIs(StatusCode::kFailedPrecondition,
                       AllOf(HasSubstr("legislation.senate_approval (Constitution 1995-2022"),
                             HasSubstr("needs the Senate's approval first"))));
  ASSERT_OK(apply({{"type", "senate_approved"}, {"date", "2024-02-20"}, {"bill", "L-1"}}));
  ASSERT_OK(apply({{"type", "bill_adopted"}, {"date", "2024-02-20"}, {"bill", "L-1"}}));
  EXPECT_EQ(engine.state().bills.at("L-1").stage, BillStage::kAdopted);
  // The Central Election Commission is not an office of the 1995 version in this file.
  EXPECT_THAT(apply({{"type", "appointment_proposed"},
                     {"date", "2024-03-01"},
                     {"office", "cec_member"},
                     {"person", "X"}}),
              StatusIs(StatusCode::kFailedPrecondition, HasSubstr("has no office")));
}

class OfficeSeatsTest : public testing::KurultaiTest {};

TEST_F(OfficeSeatsTest, ASeventhElectionCommissionMemberIsRefused) {
  for (int i = 1; i <= 7; ++i) {
    const std::string person = "Member-" + std::to_string(i);
    const Status proposed = apply({{"type", "appointment_proposed"},
                                   {"date", "2026-09-01"},
                                   {"office", "cec_member"},
                                   {"person", person}});
    if (i == 7) {
      EXPECT_THAT(proposed, StatusIs(StatusCode::kFailedPrecondition,
                                     AllOf(HasSubstr("offices.cec_member"),
                                           HasSubstr("all 6 seat(s) of Member of the Central "
                                                     "Election Commission are filled"))));
      break;
    }
    ASSERT_OK(proposed);
    ASSERT_OK(apply({{"type", "appointment_consented"},
                     {"date", "2026-09-01"},
                     {"office", "cec_member"},
                     {"person", person},
                     {"vote", votes(80, 20)}}));
  }
  EXPECT_EQ(state().offices.at("cec_member").holders.size(), 6u);
}

}  // namespace
}  // namespace mura::kurultai
