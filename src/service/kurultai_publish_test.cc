// Scenario: a People's Council bill through three readings, adoption, sending, return by the
// President, override and signature, kept in a real repository's register and published as a
// legal_act record — one version per step, Akoma Ntoso that validates against the OASIS schema,
// found by the catalog like any other record.
#include "service/kurultai_publish.h"

#include <gmock/gmock.h>

#include <filesystem>
#include <random>

#include "base/file_system.h"
#include "base/posix_file_system.h"
#include "formats/testing/xml_schema.h"
#include "kurultai/kurultai_testing.h"
#include "service/kurultai_register.h"

namespace mura::service {
namespace {

namespace k = ::mura::kurultai;
using ::mura::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;

constexpr std::string_view kAknSchema = "akomantoso/akomantoso30.xsd";

k::Date day(std::string_view text) { return k::Date::parse(text).value(); }

class KurultaiPublishTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::random_device random;
    root_ = std::filesystem::temp_directory_path() /
            ("mura-kurultai-publish-" + std::to_string(random()) + std::to_string(random()));
    ASSERT_OK_AND_ASSIGN(repository_,
                         Repository::init(default_file_system(), (root_ / "repo").string(), {}));
    ASSERT_OK_AND_ASSIGN(book_, KurultaiRegister::open(*repository_, k::testing::rules_path()));
    std::vector<k::Act> acts;
    for (const auto& json : k::testing::sitting_kurultai_acts()) {
      acts.push_back(k::testing::act(json));
    }
    ASSERT_OK(book_->append(acts, actor_));
  }
  void TearDown() override {
    book_.reset();
    repository_.reset();
    std::error_code ignored;
    std::filesystem::remove_all(root_, ignored);
  }

  Result<AppendReport> append(nlohmann::json json, bool publish = true) {
    return book_->append({k::testing::act(std::move(json))}, actor_, publish);
  }
  // A roll call on `date`: the first `yes` deputies vote yes, the next `no` no.
  nlohmann::json votes(std::string_view date, int yes, int no) {
    auto state = book_->state_at(day(date));
    EXPECT_TRUE(state.has_value());
    return k::testing::roll_call(*state, yes, no);
  }
  std::string file(const std::string& id, std::string_view name, std::int64_t version) {
    auto text =
        repository_->store().read(id, "files/" + std::string(name), static_cast<int>(version));
    EXPECT_TRUE(text.has_value()) << name << " v" << version;
    return text.value_or("");
  }

  std::filesystem::path root_;
  std::unique_ptr<Repository> repository_;
  std::unique_ptr<KurultaiRegister> book_;
  Actor actor_{"clerk", ""};
};

TEST_F(KurultaiPublishTest, PeoplesCouncilBillBecomesALawRecord) {
  ASSERT_OK(append({{"type", "peoples_council_member_appointed"},
                    {"date", "2026-09-01"},
                    {"person", "Council-1"},
                    {"block", "ethno_cultural"}}));
  ASSERT_OK_AND_ASSIGN(
      AppendReport introduced,
      append(
          {{"type", "bill_introduced"},
           {"date", "2026-09-02"},
           {"bill", "B-1"},
           {"title", "On archives"},
           {"titles", {{"kk", "Мұрағаттар туралы"}, {"ru", "Об архивах"}, {"en", "On archives"}}},
           {"initiator", "peoples_council"},
           {"text",
            {{"kk", "1-бап. Ұлттық мұрағат қоры.\n2-бап. Мұрағаттарға қол жеткізу."},
             {"ru", "Статья 1. Национальный архивный фонд.\nСтатья 2. Доступ к архивам."}}}}));
  ASSERT_EQ(introduced.published.size(), 1u);
  const std::string id = introduced.published[0].record_id;
  EXPECT_EQ(introduced.published[0].record_version, 1);

  ASSERT_OK(append({{"type", "reading_held"},
                    {"date", "2026-09-10"},
                    {"bill", "B-1"},
                    {"reading", 1},
                    {"vote", votes("2026-09-10", 110, 20)},
                    {"result", "passed"}}));
  ASSERT_OK(append({{"type", "amendment_tabled"},
                    {"date", "2026-09-12"},
                    {"bill", "B-1"},
                    {"amendment", "A-1"},
                    {"by", "Auyl-1"},
                    {"text", "Art. 2: and museums"}}));
  ASSERT_OK(append({{"type", "amendment_adopted"},
                    {"date", "2026-09-15"},
                    {"bill", "B-1"},
                    {"amendment", "A-1"},
                    {"vote", votes("2026-09-15", 90, 40)}}));
  // An out-of-order reading is refused with its rule; nothing is published for it.
  EXPECT_THAT(append({{"type", "reading_held"},
                      {"date", "2026-09-16"},
                      {"bill", "B-1"},
                      {"reading", 3},
                      {"vote", votes("2026-09-16", 100, 30)},
                      {"result", "passed"}}),
              StatusIs(StatusCode::kFailedPrecondition, HasSubstr("legislation.readings")));
  ASSERT_OK(append(
      {{"type", "reading_held"},
       {"date", "2026-09-20"},
       {"bill", "B-1"},
       {"reading", 2},
       {"vote", votes("2026-09-20", 100, 30)},
       {"result", "passed"},
       {"text",
        {{"kk", "1-бап. Ұлттық мұрағат қоры.\n2-бап. Мұрағаттар мен музейлерге қол жеткізу."},
         {"ru", "Статья 1. Национальный архивный фонд.\nСтатья 2. Доступ к архивам и музеям."}}}}));
  ASSERT_OK(append({{"type", "reading_held"},
                    {"date", "2026-09-30"},
                    {"bill", "B-1"},
                    {"reading", 3},
                    {"vote", votes("2026-09-30", 105, 30)},
                    {"result", "passed"}}));
  ASSERT_OK(append({{"type", "bill_adopted"}, {"date", "2026-09-30"}, {"bill", "B-1"}}));
  ASSERT_OK(append({{"type", "law_sent"}, {"date", "2026-10-08"}, {"bill", "B-1"}}));
  ASSERT_OK(append({{"type", "law_returned"},
                    {"date", "2026-10-20"},
                    {"bill", "B-1"},
                    {"objections", "Art. 2 is too broad"}}));
  EXPECT_THAT(append({{"type", "override_vote"},
                      {"date", "2026-11-01"},
                      {"bill", "B-1"},
                      {"vote", votes("2026-11-01", 96, 40)},
                      {"result", "passed"}}),
              StatusIs(StatusCode::kFailedPrecondition, HasSubstr("majorities.override")));
  ASSERT_OK(append({{"type", "override_vote"},
                    {"date", "2026-11-01"},
                    {"bill", "B-1"},
                    {"vote", votes("2026-11-01", 100, 40)},
                    {"result", "passed"}}));
  ASSERT_OK_AND_ASSIGN(AppendReport signed_report, append({{"type", "law_signed"},
                                                           {"date", "2026-11-10"},
                                                           {"bill", "B-1"},
                                                           {"number", "15-VIII"},
                                                           {"in_force", "2026-11-21"}}));
  EXPECT_TRUE(signed_report.warnings.empty());

  // One record version per version of the bill: introduced, three readings, signed.
  ASSERT_OK_AND_ASSIGN(auto versions, book_->bill_versions("B-1"));
  EXPECT_EQ(versions.first, id);
  std::vector<std::string> stages;
  std::vector<std::int64_t> record_versions;
  for (const auto& version : versions.second) {
    stages.push_back(version.version.stage);
    record_versions.push_back(version.record_version);
  }
  EXPECT_THAT(stages, ElementsAre("introduced", "reading_1", "reading_2", "reading_3", "signed"));
  EXPECT_THAT(record_versions, ElementsAre(1, 2, 3, 4, 5));

  ASSERT_OK_AND_ASSIGN(record::Record law, repository_->read_record(id));
  EXPECT_EQ(law.kind, record::Kind::kLegalAct);
  EXPECT_EQ(law.version, 5);
  EXPECT_EQ(law.first_value("title", "ru"), "Об архивах");
  EXPECT_EQ(law.first_value("act_number"), "15-VIII");
  EXPECT_EQ(law.first_value("legislative_stage"), "signed");
  EXPECT_EQ(law.first_value("signed_date"), "2026-11-10");
  EXPECT_EQ(law.first_value("adoption_date"), "2026-09-30");
  EXPECT_EQ(law.first_value("legal_status"), "not_yet_in_force");
  EXPECT_EQ(law.first_value("creator", "kk"), "Қазақстан Республикасының Құрылтайы");
  std::vector<std::string> paths;
  for (const auto& entry : law.files) paths.push_back(entry.path);
  EXPECT_THAT(paths, ::testing::UnorderedElementsAre("akn-kk.xml", "akn-ru.xml", "ledger.jsonl"));
  ASSERT_OK_AND_ASSIGN(record::Record first, repository_->read_record(id, 1));
  EXPECT_EQ(first.first_value("legislative_stage"), "introduced");
  EXPECT_EQ(first.first_value("act_number"), "B-1");

  // Every version's Akoma Ntoso validates against the OASIS schema, in Kazakh and Russian.
  ASSERT_FALSE(formats::testing::conformance_xsd_directory().empty()) << "MURA_SHARED is not set";
  for (std::int64_t version = 1; version <= 5; ++version) {
    for (std::string_view language : {"kk", "ru"}) {
      const std::string xml = file(id, akn_file_name(language), version);
      EXPECT_EQ(formats::testing::schema_errors(xml, std::string(kAknSchema)), "")
          << "version " << version << " " << language;
      EXPECT_THAT(xml, HasSubstr(version == 5 ? "<act name=\"law\"" : "<bill name=\"bill\""));
    }
  }
  const std::string kazakh = file(id, "akn-kk.xml", 5);
  const std::string russian = file(id, "akn-ru.xml", 5);
  EXPECT_THAT(kazakh, HasSubstr("<FRBRuri value=\"/akn/kz/act/2026-11-10/15-VIII\"/>"));
  EXPECT_THAT(kazakh, HasSubstr("<FRBRlanguage language=\"kaz\"/>"));
  EXPECT_THAT(russian, HasSubstr("<FRBRlanguage language=\"rus\"/>"));
  EXPECT_THAT(russian, HasSubstr("Доступ к архивам и музеям."));
  EXPECT_THAT(kazakh, HasSubstr("<docTitle>Мұрағаттар туралы</docTitle>"));
  EXPECT_THAT(kazakh, HasSubstr("by=\"#peoples_council\" refersTo=\"#bill_introduced\""));
  EXPECT_THAT(kazakh, HasSubstr("refersTo=\"#reading_3\" outcome=\"#passed\""));
  EXPECT_THAT(kazakh, HasSubstr("by=\"#president\" refersTo=\"#law_returned\""));
  EXPECT_THAT(kazakh, HasSubstr("refersTo=\"#law_signed\""));
  EXPECT_THAT(kazakh, HasSubstr("<quorum eId=\"vote_"));
  EXPECT_THAT(kazakh, HasSubstr("value=\"100\" refersTo=\"#yes\"><mura:deputy>"));
  // The first version holds the bill as introduced: no votes yet, the first text.
  const std::string introduced_xml = file(id, "akn-ru.xml", 1);
  EXPECT_THAT(introduced_xml, Not(HasSubstr("<voting")));
  EXPECT_THAT(introduced_xml, HasSubstr("Доступ к архивам.</p>"));

  // The record carries the register's entries about the bill, as the register chains them.
  const std::string ledger = file(id, std::string(kBillLedgerFile), 5);
  ASSERT_OK_AND_ASSIGN(k::BillHistory history, book_->bill("B-1"));
  EXPECT_EQ(static_cast<std::size_t>(std::count(ledger.begin(), ledger.end(), '\n')),
            history.steps.size());
  ASSERT_OK_AND_ASSIGN(auto page, book_->entries(history.steps.back().position - 1, 1));
  EXPECT_THAT(ledger, HasSubstr("\"hash\":\"" + page.first[0].hash + "\""));

  // Cataloged like any other record: found by its identifier and listed among legal acts.
  ASSERT_OK_AND_ASSIGN(auto found, repository_->catalog().find_by_identifier("kurultai:B-1"));
  EXPECT_THAT(found, ElementsAre(id));
  catalog::ListFilter filter;
  filter.kind = record::Kind::kLegalAct;
  ASSERT_OK_AND_ASSIGN(catalog::Page listed, repository_->catalog().list(filter, "", 10));
  ASSERT_EQ(listed.items.size(), 1u);
  EXPECT_EQ(listed.items[0].version, 5);
}

TEST_F(KurultaiPublishTest, PublishingResumesFromTheRecord) {
  ASSERT_OK(append({{"type", "bill_introduced"},
                    {"date", "2026-09-02"},
                    {"bill", "G-1"},
                    {"title", "On museums"},
                    {"initiator", "government"},
                    {"text", {{"kk", "1-бап."}, {"ru", "Статья 1."}}}},
                   /*publish=*/false));
  ASSERT_OK(append({{"type", "bill_rejected"},
                    {"date", "2026-09-05"},
                    {"bill", "G-1"},
                    {"vote", votes("2026-09-05", 90, 30)}},
                   /*publish=*/false));
  ASSERT_OK_AND_ASSIGN(auto before, book_->bill_versions("G-1"));
  EXPECT_EQ(before.first, "");
  EXPECT_EQ(before.second[0].record_version, 0);

  ASSERT_OK_AND_ASSIGN(auto published, book_->publish("", actor_));
  ASSERT_EQ(published.size(), 1u);
  EXPECT_EQ(published[0].versions_written, 2u);
  ASSERT_OK_AND_ASSIGN(record::Record rejected, repository_->read_record(published[0].record_id));
  EXPECT_EQ(rejected.first_value("legislative_stage"), "rejected");
  EXPECT_EQ(rejected.first_value("title"), "On museums");
  EXPECT_EQ(
      formats::testing::schema_errors(file(rejected.id, "akn-kk.xml", 2), std::string(kAknSchema)),
      "");
  ASSERT_OK_AND_ASSIGN(auto again, book_->publish("G-1", actor_));
  EXPECT_EQ(again[0].versions_written, 0u);
  EXPECT_EQ(again[0].record_version, 2);
  EXPECT_THAT(book_->publish("G-2", actor_), StatusIs(StatusCode::kNotFound));
}

TEST(BillAkomaNtosoTest, RefusesALanguageWithoutText) {
  k::BillHistory history;
  history.id = "B-1";
  history.title = "T";
  k::BillStep step;
  step.position = 1;
  step.date = day("2026-09-02");
  history.steps.push_back(step);
  history.versions.push_back(
      k::BillVersion{1, day("2026-09-02"), "introduced", "introduced", {{"kk", "1-бап."}}});
  EXPECT_OK(bill_akoma_ntoso(k::testing::constitution(), history, 0, "kk"));
  EXPECT_THAT(bill_akoma_ntoso(k::testing::constitution(), history, 0, "ru"),
              StatusIs(StatusCode::kInvalidArgument, HasSubstr("no text in \"ru\"")));
}

}  // namespace
}  // namespace mura::service
