// SearchSync on a real repository and a real Xapian index: writes, moves, withdrawals and
// `reindex` keep the index in step with the store; a second writer is refused, not waited for.
#include "service/search_sync.h"

#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "base/posix_file_system.h"
#include "base/testing/status_matchers.h"
#include "search/searcher.h"
#include "service/maintenance.h"

namespace mura::service {
namespace {

using ::mura::testing::StatusIs;
using ::testing::HasSubstr;

class SearchSyncTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = std::filesystem::temp_directory_path() /
            ("mura-search-sync-" + std::to_string(::getpid()) + "-" +
             ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(root_);
    std::filesystem::create_directories(root_);
    auto repository = Repository::init(default_file_system(), (root_ / "repo").string(), {});
    ASSERT_THAT(repository, testing::IsOk());
    repository_ = std::move(*repository);
    SearchSyncOptions options;
    options.commit = SearchSyncOptions::Commit::kEachRecord;
    sync_ = attach_search_sync(*repository_, options);
    searcher_ = std::make_unique<search::Searcher>(SearchSync::index_directory(*repository_),
                                                   &repository_->profiles());
    std::ofstream(root_ / "letter.txt")
        << "Құрметті Ғабит, хатыңызды алдым. Жасырын сөз: күнбағыс.";
  }
  void TearDown() override {
    searcher_.reset();
    sync_.reset();
    repository_.reset();
    std::filesystem::remove_all(root_);
  }
  static record::Record draft(record::Kind kind, std::string title, std::string parent = "") {
    record::Record draft;
    draft.kind = kind;
    if (kind == record::Kind::kArchivalUnit) {
      draft.level = "item";
      draft.fields["reference_code"] = {{"", "KZ-ERT-212/1/7"}};
    }
    draft.fields["title"] = {{"kk", std::move(title)}};
    draft.fields["date"] = {{"", "1916"}};
    draft.parent = std::move(parent);
    return draft;
  }
  std::set<std::string> found(const std::string& query,
                              const access::Caller& caller = access::Caller::anonymous()) {
    search::SearchRequest request;
    request.query = query;
    auto result = searcher_->search(request, caller, access::today_utc());
    EXPECT_THAT(result, testing::IsOk());
    std::set<std::string> ids;
    if (result) {
      for (const auto& hit : result->hits) ids.insert(hit.id);
    }
    return ids;
  }
  std::map<std::string, std::int64_t> collections(const std::string& query) {
    search::SearchRequest request;
    request.query = query;
    request.facets = std::vector<std::string>{"collection"};
    auto result = searcher_->search(request, access::Caller::anonymous(), access::today_utc());
    std::map<std::string, std::int64_t> counts;
    if (result) {
      for (const auto& value : result->facets.front().values) counts[value.value] = value.count;
    }
    return counts;
  }

  std::filesystem::path root_;
  std::unique_ptr<Repository> repository_;
  std::shared_ptr<SearchSync> sync_;
  std::unique_ptr<search::Searcher> searcher_;
  Actor actor_{"alice", ""};
};

TEST_F(SearchSyncTest, WritesAreSearchableWhenTheyReturn) {
  EXPECT_EQ(attached_search_sync(*repository_), sync_);
  ASSERT_OK_AND_ASSIGN(
      auto fonds, repository_->create_record(draft(record::Kind::kCollection, "Жақыповтар қоры"),
                                             {}, actor_, "create"));
  ASSERT_OK_AND_ASSIGN(
      auto letter,
      repository_->create_record(draft(record::Kind::kArchivalUnit, "Абайдың хаты", fonds.id),
                                 {{"letter.txt", (root_ / "letter.txt").string(), nullptr, ""}},
                                 actor_, "create"));
  EXPECT_EQ(found("Abay"), (std::set<std::string>{letter.id}));
  EXPECT_EQ(found("күнбағыс"), (std::set<std::string>{letter.id}));  // the text file's words
  EXPECT_EQ(collections("абай")[fonds.id], 1);

  record::Record edited = letter;
  edited.fields["title"] = {{"kk", "Шәкәрімнің хаты"}};
  ASSERT_OK(repository_->update_record(letter.id, letter.version, edited, {}, actor_, "title"));
  EXPECT_TRUE(found("абай").empty());
  EXPECT_EQ(found("Шәкәрім"), (std::set<std::string>{letter.id}));

  ASSERT_OK(repository_->delete_record(letter.id, 2, actor_, "withdrawn"));
  EXPECT_TRUE(found("Шәкәрім").empty());
  EXPECT_TRUE(found("күнбағыс").empty());
}

TEST_F(SearchSyncTest, AMovedSubtreeFollowsItsCollection) {
  ASSERT_OK_AND_ASSIGN(
      auto first, repository_->create_record(draft(record::Kind::kCollection, "Бірінші жинақ"), {},
                                             actor_, ""));
  ASSERT_OK_AND_ASSIGN(
      auto second,
      repository_->create_record(draft(record::Kind::kCollection, "Екінші жинақ"), {}, actor_, ""));
  record::Record series_draft = draft(record::Kind::kArchivalUnit, "Серия", first.id);
  series_draft.level = "series";
  ASSERT_OK_AND_ASSIGN(auto series, repository_->create_record(series_draft, {}, actor_, ""));
  ASSERT_OK_AND_ASSIGN(auto item, repository_->create_record(draft(record::Kind::kArchivalUnit,
                                                                   "Домбыра туралы", series.id),
                                                             {}, actor_, ""));
  EXPECT_EQ(collections("домбыра"), (std::map<std::string, std::int64_t>{{first.id, 1}}));
  record::Record moved = series;
  moved.parent = second.id;
  ASSERT_OK(repository_->update_record(series.id, series.version, moved, {}, actor_, "move"));
  EXPECT_EQ(collections("домбыра"), (std::map<std::string, std::int64_t>{{second.id, 1}}));
  EXPECT_EQ(found("collection:" + second.id + " домбыра"), (std::set<std::string>{item.id}));
}

TEST_F(SearchSyncTest, ReindexRebuildsTheIndexFromTheStore) {
  ASSERT_OK_AND_ASSIGN(
      auto letter, repository_->create_record(draft(record::Kind::kArchivalUnit, "Абайдың хаты"),
                                              {}, actor_, ""));
  // Lose the index; reindex brings it back from the store alone.
  std::filesystem::remove_all(SearchSync::index_directory(*repository_));
  searcher_ =
      std::make_unique<search::Searcher>(SearchSync::index_directory(*repository_), nullptr);
  EXPECT_FALSE(searcher_->exists());
  const ReindexReport report = reindex(*repository_, 2, nullptr);
  EXPECT_TRUE(report.problems.empty()) << report.problems.front();
  EXPECT_EQ(found("абай"), (std::set<std::string>{letter.id}));
}

TEST_F(SearchSyncTest, ASecondWriterIsRefusedNotWaitedFor) {
  ASSERT_OK_AND_ASSIGN(auto held,
                       search::SearchIndex::open(SearchSync::index_directory(*repository_),
                                                 search::OpenMode::kOpen));
  const auto start = std::chrono::steady_clock::now();
  auto created =
      repository_->create_record(draft(record::Kind::kArchivalUnit, "Хат"), {}, actor_, "");
  EXPECT_THAT(created,
              StatusIs(StatusCode::kUnavailable, HasSubstr("another process is writing it")));
  EXPECT_THAT(created, StatusIs(StatusCode::kUnavailable, HasSubstr("mura reindex")));
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(5));
  held.reset();
  // The record is stored and cataloged all the same; the next write or a reindex indexes it.
  EXPECT_EQ(repository_->catalog().stats().value().records, 1);
}

}  // namespace
}  // namespace mura::service
