#include "kurultai/rules.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdlib>

#include "base/file_system.h"
#include "base/posix_file_system.h"
#include "base/testing/status_matchers.h"

namespace mura::kurultai {
namespace {

using ::mura::testing::StatusIs;
using ::testing::AllOf;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

std::string rules_path() {
  const char* source = std::getenv("MURA_SOURCE_DIR");
  return std::string(source != nullptr ? source : MURA_SOURCE_DIR_FALLBACK) +
         "/data/constitution.toml";
}

std::string rules_text() {
  auto text = read_file(default_file_system(), rules_path());
  EXPECT_TRUE(text.has_value()) << rules_path();
  return text.value_or("");
}

Date day(std::string_view text) { return Date::parse(text).value(); }

TEST(RulesTest, LoadsBothVersions) {
  ASSERT_OK_AND_ASSIGN(Constitution constitution, Constitution::load_file(rules_path()));
  ASSERT_EQ(constitution.versions().size(), 2u);

  ASSERT_OK_AND_ASSIGN(const Version* old, constitution.version_at(day("2026-06-30")));
  EXPECT_EQ(old->id(), "1995-2022");
  EXPECT_EQ(old->text(keys::kChamberName), "Mazhilis");
  EXPECT_TRUE(old->flag(keys::kBicameral));
  EXPECT_EQ(old->integer(keys::kSeats), 98);
  EXPECT_EQ(old->integer(keys::kListSeats), 69);
  EXPECT_EQ(old->rational(keys::kThresholdPercent), Rational::of(5, 1));
  EXPECT_EQ(old->required_votes(keys::kLawMajority), 50);
  EXPECT_EQ(old->office("vice_president"), nullptr);
  EXPECT_FALSE(old->has(keys::kCouncilMembers));

  ASSERT_OK_AND_ASSIGN(const Version* now, constitution.version_at(day("2026-07-01")));
  EXPECT_EQ(now->id(), "2026");
  EXPECT_EQ(now->text(keys::kChamberName), "Kurultai");
  EXPECT_FALSE(now->flag(keys::kBicameral));
  EXPECT_EQ(now->integer(keys::kSeats), 145);
  EXPECT_EQ(now->integer(keys::kListSeats), 145);
  EXPECT_EQ(now->integer(keys::kTermYears), 5);
  EXPECT_EQ(now->integer(keys::kMaxDeputyChairs), 3);
  EXPECT_EQ(now->integer(keys::kMaxCommittees), 8);
  EXPECT_EQ(now->required_votes(keys::kLawMajority), 73);
  EXPECT_EQ(now->required_votes(keys::kConstitutionalLawMajority), 97);
  EXPECT_EQ(now->required_votes(keys::kOneFifth), 29);
  EXPECT_EQ(now->required_votes(keys::kQuorum), 97);
  EXPECT_EQ(now->integer(keys::kSendDays), 10);
  EXPECT_EQ(now->integer(keys::kPriorityMonths), 2);
  EXPECT_EQ(now->integer(keys::kCouncilMembers), 126);
  EXPECT_EQ(now->integer(keys::kCouncilBlockSize), 42);
  EXPECT_THAT(now->list(keys::kSuccession),
              ElementsAre("vice_president", "chair", "prime_minister"));
  EXPECT_THAT(now->list(keys::kReadings), ElementsAre("concept", "amendments", "final"));
  EXPECT_TRUE(now->list_contains(keys::kInitiators, "peoples_council"));
  EXPECT_FALSE(old->list_contains(keys::kInitiators, "peoples_council"));

  const Office* vice_president = now->office("vice_president");
  ASSERT_NE(vice_president, nullptr);
  EXPECT_EQ(vice_president->appointment, Appointment::kConsent);
  EXPECT_THAT(vice_president->incompatible,
              ElementsAre("deputy", "other_paid_post", "business", "party_member"));
  EXPECT_EQ(now->office("constitutional_court_judge")->seats, 10);
  EXPECT_EQ(now->office("cec_member")->seats, 6);
  EXPECT_EQ(now->office("audit_chamber_member")->seats, 8);

  const Citation& committees = now->cite(keys::kMaxCommittees);
  EXPECT_EQ(committees.confidence, Confidence::kConfirmed);
  EXPECT_EQ(now->cite(keys::kMethod).confidence, Confidence::kDefault);
  EXPECT_EQ(now->cite(keys::kThresholdPercent).confidence, Confidence::kProposed);
  EXPECT_GT(committees.line, 0);
  EXPECT_THAT(committees.to_string(), HasSubstr("chamber.max_committees (Constitution 2026, "));
  EXPECT_EQ(now->value_text(keys::kQuorum), "at least 2/3");

  EXPECT_THAT(constitution.version_at(day("2000-01-01")),
              StatusIs(StatusCode::kFailedPrecondition));
  EXPECT_NE(constitution.version("2026"), nullptr);
  EXPECT_EQ(constitution.version("2030"), nullptr);
}

TEST(RulesTest, MissingFileIsNotFound) {
  EXPECT_THAT(Constitution::load_file("/nonexistent/constitution.toml"),
              StatusIs(StatusCode::kNotFound));
}

int line_of(const std::string& text, std::size_t offset) {
  return 1 +
         static_cast<int>(std::count(text.begin(), text.begin() + static_cast<long>(offset), '\n'));
}

struct Mutation {
  std::string find;     // text in the real file (the 2026 version's, the last occurrence)
  std::string replace;  // what it becomes
  std::string message;  // expected in the error after "rules.toml:<line>: "
};

class RulesErrorTest : public ::testing::TestWithParam<Mutation> {};

TEST_P(RulesErrorTest, ReportsKeyAndLine) {
  std::string text = rules_text();
  const Mutation& mutation = GetParam();
  const std::size_t at = text.rfind(mutation.find);
  ASSERT_NE(at, std::string::npos) << mutation.find;
  // A leading newline anchors the text at the start of a line.
  const int line = line_of(text, at) + (mutation.find.front() == '\n' ? 1 : 0);
  text.replace(at, mutation.find.size(), mutation.replace);
  EXPECT_THAT(Constitution::parse(text, "rules.toml"),
              StatusIs(StatusCode::kInvalidArgument,
                       AllOf(HasSubstr("rules.toml:" + std::to_string(line) + ": "),
                             HasSubstr(mutation.message))));
}

INSTANTIATE_TEST_SUITE_P(
    Bad, RulesErrorTest,
    ::testing::Values(
        Mutation{
            "\nseats = { value = 145,", "\nseats = { value = \"145\",",
            "version \"2026\": chamber.seats: expected a non-negative integer, found a string"},
        Mutation{"max_committees = { value = 8, article = \"President's speech; Section IV\", "
                 "confidence = \"C\" }",
                 "max_committees = { value = 8, article = \"x\", confidence = \"X\" }",
                 "chamber.max_committees: confidence must be \"C\", \"P\" or \"S\""},
        Mutation{"max_deputy_chairs = { value = 3, article = \"President's speech; Section IV\", ",
                 "max_deputy_chairs = { value = 3, ", "chamber.max_deputy_chairs: missing article"},
        Mutation{"term_years = { value = 5,", "term_yeras = { value = 5,",
                 "version \"2026\": unknown setting \"chamber.term_yeras\""},
        Mutation{"law = { value = \"more_than 1/2\", article = \"Section IV\", confidence = \"S\"",
                 "law = { value = \"half\", article = \"Section IV\", confidence = \"S\"",
                 "majorities.law: \"half\" is not a majority"},
        Mutation{"method = { value = \"hare\", article = \"Constitutional Law On Elections\"",
                 "method = { value = \"lottery\", article = \"Constitutional Law On Elections\"",
                 "elections.method: \"lottery\" is not one of hare, dhondt, sainte-lague, droop"},
        Mutation{"threshold_percent = { value = 5, article = \"Section IV;",
                 "threshold_percent = { value = 105, article = \"Section IV;",
                 "elections.threshold_percent: \"105\" is not a percentage"},
        Mutation{"succession = { value = [\"vice_president\",", "succession = { value = [\"king\",",
                 "president.succession: \"king\" is not an office of this version"},
        Mutation{"list_seats = { value = 145,", "list_seats = { value = 146,",
                 "chamber.list_seats: more list seats than seats (145)"},
        Mutation{"members = { value = 126,", "members = { value = 125,",
                 "peoples_council.members: must equal the number of blocks times the block size"},
        Mutation{
            "appointment = \"chamber_election\"\narticle = \"Section IV\"\nconfidence = \"C\"\n"
            "note = \"all judges",
            "appointment = \"by_lot\"\narticle = \"Section IV\"\nconfidence = \"C\"\n"
            "note = \"all judges",
            "offices.supreme_court_judge.appointment: \"by_lot\" is not one of"},
        Mutation{"in_force = 2026-07-01", "in_force = 2020-07-01",
                 "version \"2026\": in_force must be later than the previous version's"}));

TEST(RulesErrorTest, SyntaxErrorsCarryLineAndColumn) {
  EXPECT_THAT(Constitution::parse("format = \"mura-constitution/1\"\n[[version]\n", "r.toml"),
              StatusIs(StatusCode::kInvalidArgument, HasSubstr("r.toml:2:")));
}

TEST(RulesErrorTest, MissingSettingNamesTheVersion) {
  std::string text = rules_text();
  const std::size_t at = text.rfind("priority_months = {");
  text.erase(at, text.find('\n', at) - at);
  EXPECT_THAT(
      Constitution::parse(text, "r.toml"),
      StatusIs(StatusCode::kInvalidArgument,
               HasSubstr("version \"2026\": missing setting \"legislation.priority_months\"")));
}

TEST(RulesErrorTest, NoVersionsOrWrongFormat) {
  EXPECT_THAT(Constitution::parse("format = \"mura-constitution/1\"\n", "r.toml"),
              StatusIs(StatusCode::kInvalidArgument, HasSubstr("no [[version]] tables")));
  EXPECT_THAT(Constitution::parse("format = \"other\"\n", "r.toml"),
              StatusIs(StatusCode::kInvalidArgument, HasSubstr("r.toml:1: format must be")));
  EXPECT_THAT(
      Constitution::parse("colour = 1\n", "r.toml"),
      StatusIs(StatusCode::kInvalidArgument, HasSubstr("unknown top-level key \"colour\"")));
}

TEST(MajorityTest, RequiredCounts) {
  EXPECT_EQ(Majority::parse("more_than 1/2")->required(145), 73);
  EXPECT_EQ(Majority::parse("more_than 1/2")->required(144), 73);
  EXPECT_EQ(Majority::parse("at_least 2/3")->required(145), 97);
  EXPECT_EQ(Majority::parse("at_least 2/3")->required(98), 66);
  EXPECT_EQ(Majority::parse("at_least 1/5")->required(145), 29);
  EXPECT_THAT(Majority::parse("at_least 3/2"), StatusIs(StatusCode::kInvalidArgument));
  EXPECT_THAT(Majority::parse("most 1/2"), StatusIs(StatusCode::kInvalidArgument));
}

TEST(RationalTest, ParsesDecimals) {
  EXPECT_EQ(Rational::parse_decimal("7.5").value(), Rational::of(15, 2));
  EXPECT_EQ(Rational::parse_decimal("5").value(), Rational::of(5, 1));
  EXPECT_EQ(Rational::of(1, 3).to_decimal(2), "0.33");
  EXPECT_EQ(Rational::of(2, 3).to_decimal(2), "0.67");
  EXPECT_THAT(Rational::parse_decimal("5."), StatusIs(StatusCode::kInvalidArgument));
  EXPECT_THAT(Rational::parse_decimal("-1"), StatusIs(StatusCode::kInvalidArgument));
  EXPECT_THAT(Rational::parse_decimal("1.23456"), StatusIs(StatusCode::kInvalidArgument));
}

TEST(DateTest, ParsesAndCounts) {
  EXPECT_EQ(day("2026-07-01").add_days(10), day("2026-07-11"));
  EXPECT_EQ(day("2026-12-25").add_days(10), day("2027-01-04"));
  EXPECT_EQ(day("2026-01-31").add_months(1), day("2026-02-28"));
  EXPECT_EQ(day("2028-01-31").add_months(1), day("2028-02-29"));
  EXPECT_EQ(day("2026-11-15").add_months(2), day("2027-01-15"));
  EXPECT_EQ(day("1970-01-01").days(), 0);
  EXPECT_EQ(Date::from_days(day("2026-03-15").days()), day("2026-03-15"));
  EXPECT_LT(day("2026-06-30"), day("2026-07-01"));
  EXPECT_THAT(Date::parse("2026-02-29"), StatusIs(StatusCode::kInvalidArgument));
  EXPECT_THAT(Date::parse("2026-7-1"), StatusIs(StatusCode::kInvalidArgument));
  EXPECT_THAT(Date::parse("2026-13-01"), StatusIs(StatusCode::kInvalidArgument));
}

}  // namespace
}  // namespace mura::kurultai
