// The Kurultai register of a real repository: the ledger in kurultai.sqlite, its rules, appends
// (all or nothing, re-runs, other writers), verification of the chain as stored.
#include "service/kurultai_register.h"

#include <gmock/gmock.h>

#include <filesystem>
#include <random>

#include "base/file_system.h"
#include "base/posix_file_system.h"
#include "catalog/sqlite_statement.h"
#include "kurultai/kurultai_testing.h"

namespace mura::service {
namespace {

namespace k = ::mura::kurultai;
using ::mura::testing::StatusIs;
using ::testing::AllOf;
using ::testing::HasSubstr;

k::Date day(std::string_view text) { return k::Date::parse(text).value(); }

std::vector<k::Act> acts_of(const std::vector<nlohmann::json>& json) {
  std::vector<k::Act> acts;
  for (const auto& item : json) acts.push_back(k::testing::act(item));
  return acts;
}

class KurultaiRegisterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::random_device random;
    root_ = std::filesystem::temp_directory_path() /
            ("mura-kurultai-test-" + std::to_string(random()) + std::to_string(random()));
    ASSERT_OK_AND_ASSIGN(repository_,
                         Repository::init(default_file_system(), (root_ / "repo").string(), {}));
  }
  void TearDown() override {
    repository_.reset();
    std::error_code ignored;
    std::filesystem::remove_all(root_, ignored);
  }
  std::unique_ptr<KurultaiRegister> open_register() {
    auto opened = KurultaiRegister::open(*repository_, k::testing::rules_path());
    EXPECT_TRUE(opened.has_value()) << opened.error().to_string();
    return opened ? std::move(*opened) : nullptr;
  }
  std::string database_path() const { return (root_ / "repo" / "kurultai.sqlite").string(); }

  std::filesystem::path root_;
  std::unique_ptr<Repository> repository_;
  Actor actor_{"clerk", ""};
};

TEST_F(KurultaiRegisterTest, KeepsTheLedgerInTheRepository) {
  auto book = open_register();
  EXPECT_EQ(book->rules_sha256(), "");  // the fallback, not yet installed
  ASSERT_OK_AND_ASSIGN(AppendReport report,
                       book->append(acts_of(k::testing::sitting_kurultai_acts()), actor_));
  EXPECT_EQ(report.appended, 146u);
  EXPECT_TRUE(std::filesystem::exists(database_path()));
  // The first append installed the rules it was judged by.
  EXPECT_EQ(book->rules_source(), k::testing::rules_path());
  EXPECT_EQ(book->rules_sha256().size(), 64u);

  book.reset();
  auto reopened = open_register();
  ASSERT_OK_AND_ASSIGN(k::State state, reopened->state_at(day("2026-09-01")));
  EXPECT_EQ(state.deputies.size(), 145u);
  ASSERT_OK_AND_ASSIGN(k::VerifyReport verified, reopened->verify());
  EXPECT_EQ(verified.entries, 146u);
  EXPECT_EQ(verified.head_hash, report.head_hash);
  ASSERT_OK_AND_ASSIGN(auto page, reopened->entries(144, 10));
  EXPECT_EQ(page.second, 146u);
  ASSERT_EQ(page.first.size(), 2u);
  EXPECT_EQ(page.first[0].position, 145u);
  EXPECT_EQ(page.first[1].prev_hash, page.first[0].hash);
  EXPECT_EQ(page.first[1].hash, report.head_hash);
}

TEST_F(KurultaiRegisterTest, RefusesAllWhenOneActBreaksARule) {
  auto book = open_register();
  ASSERT_OK(book->append(acts_of(k::testing::sitting_kurultai_acts()), actor_));
  nlohmann::json committees = nlohmann::json::array();
  for (int i = 1; i <= 9; ++i) committees.push_back({{"id", "c" + std::to_string(i)}});
  EXPECT_THAT(
      book->append(
          acts_of(
              {{{"type", "deputy_chairs_set"}, {"date", "2026-09-01"}, {"persons", {"Amanat-1"}}},
               {{"type", "committees_set"}, {"date", "2026-09-01"}, {"committees", committees}}}),
          actor_),
      StatusIs(StatusCode::kFailedPrecondition,
               AllOf(HasSubstr("act 2 of 2"), HasSubstr("chamber.max_committees"),
                     HasSubstr("President's speech; Section IV"))));
  ASSERT_OK_AND_ASSIGN(k::State state, book->state_at(day("2026-09-02")));
  EXPECT_TRUE(state.deputy_chairs.empty());
  ASSERT_OK_AND_ASSIGN(k::VerifyReport verified, book->verify());
  EXPECT_EQ(verified.entries, 146u);
}

TEST_F(KurultaiRegisterTest, RunningTheSameActsAgainAppendsOnlyWhatIsNew) {
  auto book = open_register();
  std::vector<nlohmann::json> acts = k::testing::sitting_kurultai_acts();
  ASSERT_OK(book->append(acts_of(acts), actor_));
  ASSERT_OK_AND_ASSIGN(AppendReport again, book->append(acts_of(acts), actor_));
  EXPECT_EQ(again.appended, 0u);
  EXPECT_EQ(again.skipped, 146u);
  acts.push_back({{"type", "deputy_chairs_set"}, {"date", "2026-09-01"}, {"persons", {"NPP-1"}}});
  ASSERT_OK_AND_ASSIGN(AppendReport extended, book->append(acts_of(acts), actor_));
  EXPECT_EQ(extended.appended, 1u);
  EXPECT_EQ(extended.skipped, 146u);
  // A file that departs from the ledger part way is not a continuation of it.
  acts[3]["person"] = "Someone-Else";
  EXPECT_THAT(book->append(acts_of(acts), actor_),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("act 4 of 147 differs from entry 4 of the ledger")));
}

TEST_F(KurultaiRegisterTest, SeesWhatAnotherWriterAppended) {
  auto server = open_register();
  auto command_line = open_register();
  ASSERT_OK(command_line->append(acts_of(k::testing::sitting_kurultai_acts()), actor_));
  ASSERT_OK_AND_ASSIGN(k::State state, server->state_at(day("2026-09-01")));
  EXPECT_EQ(state.deputies.size(), 145u);
  ASSERT_OK(server->append(
      acts_of({{{"type", "deputy_chairs_set"}, {"date", "2026-09-01"}, {"persons", {"NPP-1"}}}}),
      actor_));
  ASSERT_OK_AND_ASSIGN(k::State seen, command_line->state_at(day("2026-09-02")));
  EXPECT_EQ(seen.deputy_chairs, std::vector<std::string>{"NPP-1"});

  // At the store, an entry that does not continue the head is refused: Aborted.
  ASSERT_OK_AND_ASSIGN(auto store, SqliteLedgerStore::open(database_path()));
  ASSERT_OK_AND_ASSIGN(std::string stale,
                       k::make_entry(k::testing::act({{"type", "deputy_chairs_set"},
                                                      {"date", "2026-09-03"},
                                                      {"persons", {"NPP-2"}}}),
                                     k::kGenesisHash));
  EXPECT_THAT(store->append(stale),
              StatusIs(StatusCode::kAborted, HasSubstr("another writer appended first")));
}

TEST_F(KurultaiRegisterTest, TheLedgerIsAppendOnlyAndTamperingIsFound) {
  auto book = open_register();
  ASSERT_OK(book->append(acts_of(k::testing::sitting_kurultai_acts()), actor_));
  ASSERT_OK_AND_ASSIGN(auto database, catalog::sqlite::Database::open(
                                          database_path(), catalog::sqlite::OpenMode::kExisting));
  EXPECT_THAT(database->execute("UPDATE ledger SET entry = 'x' WHERE position = 3"),
              StatusIs(StatusCode::kFailedPrecondition, HasSubstr("append-only")));
  EXPECT_THAT(database->execute("DELETE FROM ledger WHERE position = 3"),
              StatusIs(StatusCode::kFailedPrecondition, HasSubstr("append-only")));

  // Someone who removes the triggers and edits an entry is caught by verify, at that entry.
  ASSERT_OK(database->execute("DROP TRIGGER ledger_no_update"));
  ASSERT_OK(database->execute(
      "UPDATE ledger SET entry = replace(entry, '2026-08-25', '2026-08-24') WHERE position = 3"));
  EXPECT_THAT(book->verify(), StatusIs(StatusCode::kDataLoss,
                                       AllOf(HasSubstr("entry 3"), HasSubstr("was altered"))));
  book.reset();
  EXPECT_THAT(KurultaiRegister::open(*repository_, k::testing::rules_path()),
              StatusIs(StatusCode::kDataLoss, HasSubstr("entry 3")));

  ASSERT_OK(database->execute("DROP TRIGGER ledger_no_delete"));
  ASSERT_OK(database->execute("DELETE FROM ledger WHERE position = 3"));
  ASSERT_OK_AND_ASSIGN(auto store, SqliteLedgerStore::open(database_path()));
  EXPECT_THAT(k::verify_ledger(*store),
              StatusIs(StatusCode::kDataLoss, HasSubstr("entry 3 is missing")));
}

TEST_F(KurultaiRegisterTest, NewRulesMustAcceptTheLedger) {
  auto book = open_register();
  std::vector<nlohmann::json> acts = k::testing::sitting_kurultai_acts();
  nlohmann::json committees = nlohmann::json::array();
  for (int i = 1; i <= 8; ++i) committees.push_back({{"id", "c" + std::to_string(i)}});
  acts.push_back({{"type", "committees_set"}, {"date", "2026-09-01"}, {"committees", committees}});
  ASSERT_OK(book->append(acts_of(acts), actor_));
  const std::string installed = book->rules_sha256();

  ASSERT_OK_AND_ASSIGN(std::string text,
                       read_file(default_file_system(), k::testing::rules_path()));
  const std::string eight = "max_committees = { value = 8,";
  ASSERT_NE(text.find(eight), std::string::npos);
  std::string seven = text;
  seven.replace(seven.find(eight), eight.size(), "max_committees = { value = 7,");
  EXPECT_THAT(book->install_rules(seven, "seven.toml"),
              StatusIs(StatusCode::kFailedPrecondition,
                       AllOf(HasSubstr("seven.toml do not accept"), HasSubstr("entry 147"),
                             HasSubstr("chamber.max_committees"))));
  EXPECT_EQ(book->rules_sha256(), installed);
  EXPECT_THAT(book->install_rules("format = 1", "broken.toml"),
              StatusIs(StatusCode::kInvalidArgument, HasSubstr("broken.toml")));

  std::string nine = text;
  nine.replace(nine.find(eight), eight.size(), "max_committees = { value = 9,");
  ASSERT_OK(book->install_rules(nine, "nine.toml"));
  EXPECT_EQ(book->rules_source(), "nine.toml");
  EXPECT_NE(book->rules_sha256(), installed);
  committees.push_back({{"id", "c9"}});
  ASSERT_OK(book->append(
      acts_of({{{"type", "committees_set"}, {"date", "2026-09-02"}, {"committees", committees}}}),
      actor_));
  // Another register over the same repository follows the new rules too.
  auto other = open_register();
  EXPECT_EQ(other->rules_source(), "nine.toml");
}

}  // namespace
}  // namespace mura::service
