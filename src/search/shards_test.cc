// The search index's shards on disk (index_layout.h): an index from before shards is read and
// written as one shard; a rebuild on several threads spreads documents over the shards, readers
// keep the old index until its first commit publishes them; a later update replaces a record's
// document in whichever shard holds it; a damaged stub is refused by name.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <xapian.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <set>
#include <thread>

#include "base/testing/status_matchers.h"
#include "search/document_builder.h"
#include "search/index_layout.h"
#include "search/schema.h"
#include "search/search_index.h"
#include "search/searcher.h"

namespace mura::search {
namespace {

namespace fs = std::filesystem;
using ::mura::testing::StatusIs;
using ::testing::HasSubstr;

constexpr std::string_view kToday = "2026-06-01";

IndexedRecord titled(const std::string& id, const std::string& title) {
  IndexedRecord entry;
  entry.record.id = id;
  entry.record.kind = record::Kind::kMuseumObject;
  entry.record.fields["title"] = {{"kk", title}};
  entry.requirements = access::requirements_for(entry.record, "", access::PolicySettings{});
  return entry;
}

std::string numbered(int i) { return "ark:/99999/m" + std::to_string(1000 + i); }

class ShardsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::random_device random;
    directory_ = fs::temp_directory_path() / ("mura-shards-test-" + std::to_string(random()));
    searcher_ = std::make_unique<Searcher>(directory_.string(), nullptr);
  }
  void TearDown() override {
    searcher_.reset();
    fs::remove_all(directory_);
  }

  std::set<std::string> found(const std::string& query) {
    SearchRequest request;
    request.query = query;
    request.limit = 100;
    request.facets = std::vector<std::string>{};
    auto result = searcher_->search(request, access::Caller::anonymous(), kToday);
    EXPECT_TRUE(result.has_value()) << result.error().to_string();
    std::set<std::string> ids;
    if (result) {
      for (const auto& hit : result->hits) ids.insert(hit.id);
    }
    return ids;
  }

  // A glass database in the directory itself, as Mura wrote the index before shards — with the
  // current schema version, or with none, as before versions.
  void make_single_database_index(bool versioned = true) {
    Xapian::WritableDatabase database(directory_.string(),
                                      Xapian::DB_CREATE | Xapian::DB_BACKEND_GLASS);
    database.add_document(build_document(titled("ark:/99999/mold", "ескі жазба")));
    if (versioned) database.set_metadata(std::string(kSchemaKey), std::string(kSchemaVersion));
    database.commit();
  }

  // Puts records 0..count-1, titled "жаңа" and their number, from `threads` threads.
  static void put_from_threads(SearchIndex& index, int count, int threads) {
    std::vector<std::thread> pool;
    for (int t = 0; t < threads; ++t) {
      pool.emplace_back([&index, count, threads, t] {
        for (int i = t; i < count; i += threads) {
          EXPECT_OK(index.put(titled(numbered(i), "жаңа жазба " + std::to_string(i))));
        }
      });
    }
    for (auto& thread : pool) thread.join();
  }

  fs::path directory_;
  std::unique_ptr<Searcher> searcher_;
};

TEST_F(ShardsTest, AnIndexFromBeforeShardsIsReadThenReplacedByARebuild) {
  make_single_database_index();
  EXPECT_TRUE(searcher_->exists());
  EXPECT_EQ(found("ескі"), std::set<std::string>{"ark:/99999/mold"});
  {
    ASSERT_OK_AND_ASSIGN(auto index, SearchIndex::open(directory_.string(), OpenMode::kOpen));
    EXPECT_EQ(index->shard_count(), 1);
    ASSERT_OK(index->put(titled("ark:/99999/madded", "қосылған жазба")));
    ASSERT_OK(index->commit());
  }
  EXPECT_EQ(found("жазба").size(), 2u);

  ASSERT_OK_AND_ASSIGN(auto rebuild, SearchIndex::open(directory_.string(), OpenMode::kRebuild));
  EXPECT_EQ(rebuild->shard_count(), default_shard_count());
  // More than a shard commits by itself (kFlushEvery)...
  const int count = 2 * static_cast<int>(SearchIndex::kFlushEvery) + 100;
  put_from_threads(*rebuild, count, 2);
  // ...but nothing is published yet: readers still see the old index.
  EXPECT_EQ(found("ескі"), std::set<std::string>{"ark:/99999/mold"});
  EXPECT_TRUE(found("жаңа").empty());

  ASSERT_OK(rebuild->commit());
  EXPECT_EQ(rebuild->document_count(), static_cast<std::uint64_t>(count));
  EXPECT_TRUE(found("ескі").empty());
  EXPECT_EQ(found("жаңа").size(), 100u);  // the page's limit
  EXPECT_FALSE(fs::exists(directory_ / "iamglass")) << "the old database's files are removed";
  EXPECT_TRUE(fs::exists(directory_ / "XAPIANDB"));
  // Every shard holds some of the documents, and together all of them.
  ASSERT_OK_AND_ASSIGN(auto layout, read_layout(directory_.string()));
  ASSERT_TRUE(layout.has_value());
  ASSERT_EQ(layout->shards.size(), static_cast<std::size_t>(rebuild->shard_count()));
  std::uint64_t total = 0;
  for (const auto& shard : layout->shards) {
    Xapian::Database database(shard);
    EXPECT_GT(database.get_doccount(), 0u) << shard;
    total += database.get_doccount();
  }
  EXPECT_EQ(total, static_cast<std::uint64_t>(count));
}

TEST_F(ShardsTest, AnUpdateReplacesTheDocumentInWhicheverShardHoldsIt) {
  {
    ASSERT_OK_AND_ASSIGN(auto rebuild, SearchIndex::open(directory_.string(), OpenMode::kRebuild));
    put_from_threads(*rebuild, 60, 2);
    ASSERT_OK(rebuild->commit());
  }
  ASSERT_OK_AND_ASSIGN(auto index, SearchIndex::open(directory_.string(), OpenMode::kOpen));
  EXPECT_EQ(index->shard_count(), default_shard_count());
  for (int i = 0; i < 60; i += 2) {
    ASSERT_OK(index->put(titled(numbered(i), "өзгерген " + std::to_string(i))));
  }
  ASSERT_OK(index->remove(numbered(1)));
  ASSERT_OK(index->commit());
  EXPECT_EQ(index->document_count(), 59u) << "no record twice, one removed";
  EXPECT_EQ(found("өзгерген").size(), 30u);
  EXPECT_EQ(found("жаңа").size(), 29u);
  EXPECT_TRUE(found(numbered(1).substr(std::string("ark:/99999/").size())).empty());
  ASSERT_OK_AND_ASSIGN(auto placement, index->placement(numbered(2)));
  ASSERT_TRUE(placement.has_value());
  EXPECT_EQ(placement->kind, "museum_object");
}

TEST_F(ShardsTest, AnIndexOfAnotherSchemaIsRefusedUntilRebuilt) {
  make_single_database_index(false);
  SearchRequest request;
  request.query = "ескі";
  EXPECT_THAT(
      searcher_->search(request, access::Caller::anonymous(), kToday),
      StatusIs(StatusCode::kFailedPrecondition,
               HasSubstr("it has schema version 1, this Mura reads " + std::string(kSchemaVersion) +
                         "; rebuild the index with `mura reindex`")));
  {
    ASSERT_OK_AND_ASSIGN(auto rebuild, SearchIndex::open(directory_.string(), OpenMode::kRebuild));
    ASSERT_OK(rebuild->put(titled("ark:/99999/mnew", "жаңа жазба")));
    ASSERT_OK(rebuild->commit());
  }
  EXPECT_EQ(found("жазба"), std::set<std::string>{"ark:/99999/mnew"});
}

TEST_F(ShardsTest, ARebuildOverShardsKeepsTheOldIndexUntilItsFirstCommit) {
  {
    ASSERT_OK_AND_ASSIGN(auto first, SearchIndex::open(directory_.string(), OpenMode::kRebuild));
    put_from_threads(*first, 50, 2);
    ASSERT_OK(first->commit());
  }
  ASSERT_OK_AND_ASSIGN(auto old_layout, read_layout(directory_.string()));
  const std::uint64_t old_stamp = layout_stamp(directory_.string());
  EXPECT_EQ(found("жаңа").size(), 50u);

  // Abandoned before its commit: nothing of it stays, and the old index is whole.
  {
    ASSERT_OK_AND_ASSIGN(auto abandoned,
                         SearchIndex::open(directory_.string(), OpenMode::kRebuild));
    ASSERT_OK(abandoned->put(titled("ark:/99999/mlost", "жоғалған")));
    EXPECT_EQ(found("жаңа").size(), 50u);
  }
  EXPECT_TRUE(found("жоғалған").empty());
  EXPECT_EQ(found("жаңа").size(), 50u);
  EXPECT_EQ(layout_stamp(directory_.string()), old_stamp);
  std::size_t shard_directories = 0;
  for (const auto& entry : fs::directory_iterator(directory_))
    shard_directories += entry.is_directory() ? 1u : 0u;
  EXPECT_EQ(shard_directories, old_layout->shards.size()) << "the abandoned shards are removed";

  // Committed: the new generation replaces the old, whose directories go.
  ASSERT_OK_AND_ASSIGN(auto rebuild, SearchIndex::open(directory_.string(), OpenMode::kRebuild));
  ASSERT_OK(rebuild->put(titled("ark:/99999/mnew", "басқа жазба")));
  EXPECT_EQ(found("жаңа").size(), 50u) << "readers keep the old index during the rebuild";
  ASSERT_OK(rebuild->commit());
  EXPECT_NE(layout_stamp(directory_.string()), old_stamp);
  EXPECT_TRUE(found("жаңа").empty());
  EXPECT_EQ(found("басқа"), std::set<std::string>{"ark:/99999/mnew"});
  for (const auto& shard : old_layout->shards) EXPECT_FALSE(fs::exists(shard)) << shard;
  // Later writes are committed and found as usual.
  ASSERT_OK(rebuild->put(titled("ark:/99999/mlater", "кейінгі жазба")));
  ASSERT_OK(rebuild->commit());
  EXPECT_EQ(found("кейінгі"), std::set<std::string>{"ark:/99999/mlater"});
}

TEST_F(ShardsTest, ANewIndexIsPublishedAtOnce) {
  ASSERT_OK_AND_ASSIGN(auto index, SearchIndex::open(directory_.string(), OpenMode::kOpen));
  EXPECT_TRUE(searcher_->exists());
  EXPECT_TRUE(found("anything").empty());
  ASSERT_OK(index->put(titled("ark:/99999/mfirst", "бірінші")));
  ASSERT_OK(index->commit());
  EXPECT_EQ(found("бірінші"), std::set<std::string>{"ark:/99999/mfirst"});
}

TEST_F(ShardsTest, ReadsStubsThatNameShardsAndNothingElse) {
  struct Case {
    const char* stub;
    int shards;  // -1: refused
  } cases[] = {
      {"glass shard-1-0\nglass shard-1-1\n", 2},
      {"glass shard-0\n\nglass shard-1\n", 2},  // the first form; blank lines
      {"glass shard-7-0", 1},                   // no final newline
      {"glass shard-1-0 extra\n", -1},
      {"chert shard-1-0\n", -1},
      {"glass ../shard-1-0\n", -1},
      {"glass shard-1-0/../../x\n", -1},
      {"glass /tmp/shard-1-0\n", -1},
      {"glass shard-\n", -1},
      {"glass other\n", -1},
      {"\n", -1},
  };
  fs::create_directories(directory_);
  for (const auto& test : cases) {
    SCOPED_TRACE(test.stub);
    std::ofstream(directory_ / "XAPIANDB", std::ios::trunc) << test.stub;
    auto layout = read_layout(directory_.string());
    if (test.shards < 0) {
      EXPECT_THAT(layout, StatusIs(StatusCode::kDataLoss, HasSubstr("XAPIANDB")));
      continue;
    }
    ASSERT_TRUE(layout.has_value()) << layout.error().to_string();
    ASSERT_TRUE(layout->has_value());
    EXPECT_EQ((*layout)->shards.size(), static_cast<std::size_t>(test.shards));
    for (const auto& shard : (*layout)->shards)
      EXPECT_EQ(fs::path(shard).parent_path(), directory_);
  }
}

TEST_F(ShardsTest, ADamagedStubIsRefusedByName) {
  fs::create_directories(directory_);
  std::ofstream(directory_ / "XAPIANDB") << "glass ../elsewhere\n";
  EXPECT_THAT(SearchIndex::open(directory_.string(), OpenMode::kOpen),
              StatusIs(StatusCode::kDataLoss, HasSubstr("XAPIANDB line 1")));
  std::ofstream(directory_ / "XAPIANDB", std::ios::trunc) << "\n";
  EXPECT_THAT(SearchIndex::open(directory_.string(), OpenMode::kOpen),
              StatusIs(StatusCode::kDataLoss, HasSubstr("lists no shards")));
  // A rebuild does not need the old layout.
  ASSERT_OK_AND_ASSIGN(auto rebuild, SearchIndex::open(directory_.string(), OpenMode::kRebuild));
  ASSERT_OK(rebuild->put(titled("ark:/99999/mfresh", "жаңа")));
  ASSERT_OK(rebuild->commit());
  EXPECT_EQ(found("жаңа"), std::set<std::string>{"ark:/99999/mfresh"});
}

}  // namespace
}  // namespace mura::search
