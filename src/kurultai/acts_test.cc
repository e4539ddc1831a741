#include "kurultai/acts.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "base/testing/status_matchers.h"

namespace mura::kurultai {
namespace {

using ::mura::testing::StatusIs;
using ::testing::HasSubstr;

TEST(ActsTest, ParsesAnActWithARollCall) {
  ASSERT_OK_AND_ASSIGN(Act act,
                       parse_act_text(R"({"type":"reading_held","date":"2026-09-10","bill":"B-1",
        "reading":2,"result":"passed","note":"second reading",
        "vote":{"roll_call":{"A":"yes","B":"no","C":"abstain","D":"absent","E":"yes"}}})",
                                      "act.json"));
  EXPECT_EQ(act.type, ActType::kReadingHeld);
  EXPECT_EQ(act.date.to_string(), "2026-09-10");
  EXPECT_EQ(act.text("bill"), "B-1");
  EXPECT_EQ(act.integer("reading"), 2);
  ASSERT_TRUE(act.vote.has_value());
  EXPECT_FALSE(act.vote->secret);
  EXPECT_EQ(act.vote->yes, 2);
  EXPECT_EQ(act.vote->no, 1);
  EXPECT_EQ(act.vote->abstain, 1);
  EXPECT_EQ(act.vote->present(), 4);
  EXPECT_EQ(act.summary(), "reading_held of 2026-09-10");
}

TEST(ActsTest, ParsesASecretBallot) {
  ASSERT_OK_AND_ASSIGN(Act act, parse_act(nlohmann::json::parse(
                                    R"({"type":"chair_elected","date":"2026-09-01","person":"X",
                                        "result":"passed","vote":{"yes":100,"no":20}})")));
  EXPECT_TRUE(act.vote->secret);
  EXPECT_EQ(act.vote->yes, 100);
  EXPECT_EQ(act.vote->abstain, 0);
}

TEST(ActsTest, EveryTypeHasAName) {
  for (ActType type : all_act_types()) {
    EXPECT_EQ(parse_act_type(act_type_name(type)), type);
  }
  EXPECT_EQ(all_act_types().size(), 29u);
}

struct BadAct {
  std::string json;
  std::string message;
};

class BadActTest : public ::testing::TestWithParam<BadAct> {};

TEST_P(BadActTest, IsRefusedWithTheField) {
  EXPECT_THAT(parse_act_text(GetParam().json, "act.json"),
              StatusIs(StatusCode::kInvalidArgument, HasSubstr(GetParam().message)));
}

INSTANTIATE_TEST_SUITE_P(
    Bad, BadActTest,
    ::testing::Values(
        BadAct{R"({"type":"law_sent")", "act.json: not valid JSON"},
        BadAct{R"([1,2])", "an act must be a JSON object"},
        BadAct{R"({"date":"2026-09-01"})", "missing \"type\""},
        BadAct{R"({"type":"law_vetoed","date":"2026-09-01"})", "unknown type \"law_vetoed\""},
        BadAct{R"({"type":"law_sent","bill":"B"})", "act law_sent: missing \"date\""},
        BadAct{R"({"type":"law_sent","date":"2026-02-30","bill":"B"})",
               "not a day of the calendar"},
        BadAct{R"({"type":"law_sent","date":"2026-09-01"})", "missing field \"bill\""},
        BadAct{R"({"type":"law_sent","date":"2026-09-01","bill":7})",
               "field \"bill\" must be a string"},
        BadAct{R"({"type":"law_sent","date":"2026-09-01","bill":""})",
               "field \"bill\" must be a string"},
        BadAct{R"({"type":"law_sent","date":"2026-09-01","bill":"B","colour":"red"})",
               "unknown field \"colour\""},
        BadAct{R"({"type":"reading_held","date":"2026-09-01","bill":"B","reading":1.5,
                   "result":"passed","vote":{"yes":1}})",
               "numbers must be whole"},
        BadAct{R"({"type":"reading_held","date":"2026-09-01","bill":"B","reading":-1,
                   "result":"passed","vote":{"yes":1}})",
               "field \"reading\" must be a non-negative integer"},
        BadAct{R"({"type":"reading_held","date":"2026-09-01","bill":"B","reading":1,
                   "result":"passed","vote":{"roll_call":{"A":"maybe"}}})",
               "a roll-call choice must be"},
        BadAct{R"({"type":"reading_held","date":"2026-09-01","bill":"B","reading":1,
                   "result":"passed","vote":{"ayes":3}})",
               "vote: unknown field \"ayes\""},
        BadAct{R"({"type":"reading_held","date":"2026-09-01","bill":"B","reading":1,
                   "result":"passed","vote":{"no":3}})",
               "vote: expected \"roll_call\""},
        BadAct{R"({"type":"deputy_chairs_set","date":"2026-09-01","persons":["A",3]})",
               "field \"persons\" must be an array of strings"},
        BadAct{R"({"type":"law_sent","date":"2026-09-01","bill":"B","note":5})",
               "field \"note\" must be a string"},
        BadAct{R"({"type":"bill_introduced","date":"2026-09-01","bill":"B","title":"T",
                   "initiator":"government","text":"Бап 1."})",
               "field \"text\" must be an object of texts by language tag"},
        BadAct{R"({"type":"bill_introduced","date":"2026-09-01","bill":"B","title":"T",
                   "initiator":"government","text":{"Kazakh":"Бап 1."}})",
               "field \"text\" must be an object of texts by language tag"},
        BadAct{R"({"type":"reading_held","date":"2026-09-01","bill":"B","reading":1,
                   "result":"passed","vote":{"yes":1},"text":{"kk":"","ru":"x"}})",
               "field \"text\" must be an object of texts by language tag"},
        BadAct{R"({"type":"law_signed","date":"2026-09-01","bill":"B","in_force":"soon"})",
               "field \"in_force\" must be a date"}));

TEST(ActsTest, ParsesOneActAnArrayOrJsonLines) {
  const std::string one = R"({"type":"law_sent","date":"2026-09-01","bill":"B"})";
  ASSERT_OK_AND_ASSIGN(auto single, parse_acts_text(one, "a.json"));
  EXPECT_EQ(single.size(), 1u);
  ASSERT_OK_AND_ASSIGN(auto array, parse_acts_text("[" + one + "," + one + "]", "a.json"));
  EXPECT_EQ(array.size(), 2u);
  // Lines copied from a ledger keep their chain fields out of the act.
  const std::string chained =
      R"({"type":"law_sent","date":"2026-09-02","bill":"B","prev_hash":"00","hash":"ab"})";
  ASSERT_OK_AND_ASSIGN(auto lines, parse_acts_text(one + "\n\n" + chained + "\n", "a.jsonl"));
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_FALSE(lines[1].has("hash"));
  EXPECT_THAT(
      parse_acts_text(one + "\n{\"type\":\"law_sent\",\"date\":\"2026-09-01\"}\n", "a.jsonl"),
      StatusIs(StatusCode::kInvalidArgument,
               HasSubstr("a.jsonl:2: act law_sent: missing field \"bill\"")));
  EXPECT_THAT(parse_acts_text(one + "\n{oops\n", "a.jsonl"),
              StatusIs(StatusCode::kInvalidArgument, HasSubstr("a.jsonl:2: not valid JSON")));
  EXPECT_THAT(parse_acts_text("[" + one + ",{\"type\":\"x\"}]", "a.json"),
              StatusIs(StatusCode::kInvalidArgument, HasSubstr("a.json: act 2 of 2")));
  EXPECT_THAT(parse_acts_text("\n\n", "empty.jsonl"),
              StatusIs(StatusCode::kInvalidArgument, HasSubstr("holds no acts")));
}

TEST(ActsTest, ReadsTextsByLanguage) {
  ASSERT_OK_AND_ASSIGN(Act act, parse_act_text(R"({"type":"bill_introduced","date":"2026-09-01",
      "bill":"B-1","title":"On archives","initiator":"government",
      "titles":{"kk":"Мұрағаттар туралы","ru":"Об архивах","kk-Latn":"Mūrağattar turaly"},
      "text":{"kk":"1-бап.","ru":"Статья 1."}})",
                                               "act.json"));
  EXPECT_EQ(act.language_texts("titles").at("kk-Latn"), "Mūrağattar turaly");
  EXPECT_EQ(act.language_texts("text").size(), 2u);
  EXPECT_TRUE(act.language_texts("sponsor").empty());
}

TEST(ActsTest, CanonicalJsonSortsKeysAndKeepsUtf8) {
  ASSERT_OK_AND_ASSIGN(
      std::string text,
      canonical_json(nlohmann::json::parse(R"({"b":"Мұра","a":[1,{"d":2,"c":3}]})")));
  EXPECT_EQ(text, R"({"a":[1,{"c":3,"d":2}],"b":"Мұра"})");
  EXPECT_THAT(canonical_json(nlohmann::json(std::string("\xff"))),
              StatusIs(StatusCode::kInvalidArgument));
}

}  // namespace
}  // namespace mura::kurultai
