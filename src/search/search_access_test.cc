// The access-leak suite — what a caller may not see is never a hit, never counted, never a facet
// value or label, never a suggestion — run both ways a search runs (all shards as one database,
// and every shard at once), and the two ways compared with each other.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <set>

#include "search/search_test_fixture.h"

namespace mura::search {
namespace {

using ::testing::HasSubstr;
using testing::kToday;
using testing::SearchTest;

// A large index is searched on every shard at once (Searcher::kParallelFrom): the totals, the
// facet counts and the hits are those of the shards searched as one database — also after the
// shards grow by many small commits and lose records, which the facet columns must follow.
TEST_F(SearchTest, ShardsSearchedAtOnceAnswerAsOneDatabase) {
  build_corpus();
  build_hidden();
  commit();
  Searcher parallel(directory_.string(), nullptr, 0);
  const access::Caller anonymous = access::Caller::anonymous();
  access::Caller administrator = access::Caller::registered_user("admin", {});
  administrator.administrator = true;

  auto facet_counts = [](const SearchResult& result) {
    std::map<std::string, std::map<std::string, std::int64_t>> all;
    for (const auto& facet : result.facets) {
      for (const auto& value : facet.values)
        all[facet.name][value.value + " (" + value.label + ")"] = value.count;
    }
    return all;
  };
  auto compare = [&](const std::string& stage) {
    for (const std::string query : {"", "хат", "Семей", "date:1800..1930", "kind:archival_unit",
                                    "абай OR jewellery", "\"ашық бала\"", "жазба"}) {
      for (const auto sort : {SortOrder::kRelevance, SortOrder::kDateAscending,
                              SortOrder::kDateDescending, SortOrder::kTitle}) {
        for (const std::string language : {"kk", "kk-Latn", "ru"}) {
          for (const access::Caller* caller :
               std::initializer_list<const access::Caller*>{&anonymous, &administrator}) {
            SearchRequest request;
            request.query = query;
            request.sort = sort;
            request.language = language;
            request.limit = 100;
            const std::string what = stage + ": " + query + " sort " +
                                     std::to_string(static_cast<int>(sort)) + " " + language;
            auto one = searcher_->search(request, *caller, kToday);
            auto shards = parallel.search(request, *caller, kToday);
            ASSERT_TRUE(one.has_value() && shards.has_value()) << what;
            EXPECT_EQ(shards->total, one->total) << what;
            EXPECT_EQ(facet_counts(*shards), facet_counts(*one)) << what;
            EXPECT_EQ(ids(*shards), ids(*one)) << what;
            // Sorted by a key, the keys come in the same order (records with equal keys may
            // rank differently by each shard's statistics).
            std::vector<std::string> one_keys, shard_keys;
            for (const auto& hit : one->hits)
              one_keys.push_back(sort == SortOrder::kTitle ? hit.title : hit.date);
            for (const auto& hit : shards->hits)
              shard_keys.push_back(sort == SortOrder::kTitle ? hit.title : hit.date);
            if (sort != SortOrder::kRelevance) {
              EXPECT_EQ(shard_keys, one_keys) << what;
            }
          }
        }
      }
    }
  };
  compare("first");
  ASSERT_FALSE(HasFailure());

  // Many small commits: more segments than a column keeps before it is read again whole.
  for (int i = 0; i < 12; ++i) {
    put({"ark:/99999/n" + std::to_string(i),
         record::Kind::kArchivalUnit,
         "ark:/99999/c2",
         {{"title", "kk", "Жаңа хат " + std::to_string(i)},
          {"creator", "kk", i % 2 == 0 ? "Абай Құнанбаев" : "Жаңа Автор"},
          {"date", "", std::to_string(1900 + i)}}});
    commit();
    if (i % 3 == 0) compare("after commit " + std::to_string(i));
  }
  // A record changed and one removed: the old documents no longer count.
  put({"ark:/99999/a1",
       record::Kind::kArchivalUnit,
       "ark:/99999/c1",
       {{"title", "kk", "Абайдың өзгерген хаты"}, {"date", "", "1890"}}});
  ASSERT_OK(index_->remove("ark:/99999/r1"));
  commit();
  compare("after a change and a removal");

  // Pages of the parallel search, by title, follow one another without gaps or repeats.
  SearchRequest request;
  request.sort = SortOrder::kTitle;
  request.limit = 100;
  auto whole = parallel.search(request, access::Caller::anonymous(), kToday);
  ASSERT_TRUE(whole.has_value());
  std::vector<std::string> paged;
  request.limit = 3;
  for (int page = 0; page < 20; ++page) {
    auto result = parallel.search(request, access::Caller::anonymous(), kToday);
    ASSERT_TRUE(result.has_value());
    for (const auto& hit : result->hits) paged.push_back(hit.id);
    if (result->next_cursor.empty()) break;
    request.cursor = result->next_cursor;
  }
  std::vector<std::string> expected;
  for (const auto& hit : whole->hits) expected.push_back(hit.id);
  EXPECT_EQ(paged, expected);
  EXPECT_EQ(static_cast<std::int64_t>(paged.size()), whole->total);
}

// The access-leak suite, on both ways of searching: all shards as one database, and every shard
// at once (parallel).
class AccessLeakTest : public SearchTest, public ::testing::WithParamInterface<bool> {
 protected:
  void SetUp() override {
    SearchTest::SetUp();
    if (GetParam()) searcher_ = std::make_unique<Searcher>(directory_.string(), nullptr, 0);
    build_corpus();
    build_hidden();
    commit();
  }
  static access::Caller administrator() {
    access::Caller caller = access::Caller::registered_user("admin", {});
    caller.administrator = true;
    return caller;
  }
  static const std::set<std::string>& hidden() {
    static const std::set<std::string> ids = {"ark:/99999/h-closed", "ark:/99999/h-group",
                                              "ark:/99999/h-personal", "ark:/99999/h-review",
                                              "ark:/99999/c-secret"};
    return ids;
  }
};

TEST_P(AccessLeakTest, HiddenRecordsAreNeverHitsNorCounted) {
  const access::Caller anonymous = access::Caller::anonymous();
  const access::Caller user = access::Caller::registered_user("aida", {});
  for (const auto& caller : {anonymous, user}) {
    for (const std::string query :
         {"", "жасырынсөз", "тығылмасөз", "құпиямөр", "бұйрықхат", "хат", "құпия", "date:1850",
          "date:2000", "kind:archival_unit", "жабық", "collection:ark:/99999/c-secret"}) {
      SearchRequest request;
      request.query = query;
      request.limit = 100;
      const auto result = search(request, caller);
      for (const auto& hit : result.hits)
        EXPECT_FALSE(hidden().contains(hit.id)) << query << " " << hit.id;
      EXPECT_EQ(result.total, static_cast<std::int64_t>(result.hits.size())) << query;
      for (const auto& facet : result.facets) {
        for (const auto& value : facet.values) {
          EXPECT_NE(value.value, "Құпия Автор") << query;
          EXPECT_NE(value.value, "2000") << query;  // h-personal's decade
          if (value.value == "ark:/99999/c-secret") {
            EXPECT_EQ(value.count, 1) << "only s1 counts";
            EXPECT_EQ(value.label, "ark:/99999/c-secret")
                << "the hidden collection's title never shows";
          }
        }
      }
      EXPECT_EQ(result.suggestion, std::nullopt) << query;
    }
  }
  // Every hidden word, misspelt, is never suggested (spellings that differ only as look-alikes
  // do not need a suggestion: they match through the loose key).
  for (const std::string query : {"жасырынсаз", "тығылмасаз", "құпиямар", "бұйрықхот"}) {
    EXPECT_EQ(search(query).suggestion, std::nullopt) << query;
    EXPECT_TRUE(search(query, administrator()).suggestion.has_value()) << query;
  }
}

TEST_P(AccessLeakTest, DecadeCountsLeaveOutHiddenRecords) {
  SearchRequest request;
  request.facets = std::vector<std::string>{"decade", "century", "creator", "collection"};
  const auto anonymous = search(request);
  EXPECT_EQ(counts(anonymous, "decade")["1850"], 2);  // h-files and s1; not the three hidden ones
  EXPECT_EQ(counts(anonymous, "century").count("2000"), 0u);
  EXPECT_EQ(counts(anonymous, "creator").count("Құпия Автор"), 0u);
  EXPECT_EQ(counts(anonymous, "collection")["ark:/99999/c2"], 4);  // c2, a1, r1, h-files
  const auto everything = search(request, administrator());
  EXPECT_EQ(counts(everything, "decade")["1850"], 5);
  EXPECT_EQ(counts(everything, "century")["2000"], 1);
  EXPECT_EQ(counts(everything, "creator")["Құпия Автор"], 1);
  EXPECT_EQ(counts(everything, "collection")["ark:/99999/c2"], 8);
}

TEST_P(AccessLeakTest, PrivilegedCallersSeeWhatTheyMay) {
  EXPECT_EQ(ids(search("тығылмасөз", access::Caller::registered_user("aida", {"researchers"}))),
            (std::set<std::string>{"ark:/99999/h-group"}));
  EXPECT_TRUE(
      ids(search("тығылмасөз", access::Caller::registered_user("aida", {"historians"}))).empty());
  access::Caller curator = access::Caller::registered_user("curator", {});
  curator.curated_collections = {"ark:/99999/c2"};
  EXPECT_EQ(ids(search("жасырынсөз", curator)), (std::set<std::string>{"ark:/99999/h-closed"}));
  EXPECT_EQ(ids(search("құпиямөр", curator)), (std::set<std::string>{"ark:/99999/h-personal"}));
  EXPECT_TRUE(ids(search("жасырынсөз", access::Caller::registered_user("x", {}))).empty());
  for (const std::string query : {"жасырынсөз", "тығылмасөз", "құпиямөр", "бұйрықхат", "жабық"}) {
    EXPECT_EQ(search(query, administrator()).total, 1) << query;
  }
  // A caller without the public token (filtered by what they may see, not by what is hidden)
  // sees just what their tokens open.
  access::Caller group_only;
  group_only.user = "service";
  group_only.tokens = {access::group_token("researchers")};
  SearchRequest everything_request;
  everything_request.limit = 100;
  EXPECT_EQ(ids(search(everything_request, group_only)),
            (std::set<std::string>{"ark:/99999/h-group"}));
  // The hidden collection's title is a label for those who may see it.
  SearchRequest request;
  request.facets = std::vector<std::string>{"collection"};
  const auto everything = search(request, administrator());
  const FacetResult* collections = facet(everything, "collection");
  ASSERT_NE(collections, nullptr);
  bool labelled = false;
  for (const auto& value : collections->values) {
    if (value.value == "ark:/99999/c-secret") {
      EXPECT_EQ(value.label, "Жабық қордың атауы");
      labelled = true;
    }
  }
  EXPECT_TRUE(labelled) << "the hidden collection is counted for an administrator";
}

TEST_P(AccessLeakTest, FullTextOfEmbargoedFilesIsNotSearchable) {
  // The record's metadata is public; its files (and their text) are embargoed until 2099.
  EXPECT_EQ(ids(search("сипаттама")), (std::set<std::string>{"ark:/99999/h-files"}));
  EXPECT_TRUE(ids(search("алтынкілт")).empty());
  EXPECT_TRUE(ids(search("text:алтынкілт")).empty());
  EXPECT_TRUE(ids(search("\"алтынкілт туралы\"")).empty());
  EXPECT_EQ(search("алтынкілт").suggestion, std::nullopt);
  EXPECT_EQ(ids(search("алтынкілт", administrator())),
            (std::set<std::string>{"ark:/99999/h-files"}));
  EXPECT_EQ(ids(search("text:алтынкілт", administrator())),
            (std::set<std::string>{"ark:/99999/h-files"}));
  const auto admin = search("алтынкілт", administrator());
  EXPECT_THAT(admin.hits.front().snippet, HasSubstr("<mark>алтынкілт</mark>"));
  EXPECT_TRUE(admin.hits.front().files_visible);
  EXPECT_FALSE(search("сипаттама").hits.front().files_visible);
}

INSTANTIATE_TEST_SUITE_P(BothWays, AccessLeakTest, ::testing::Bool(),
                         [](const ::testing::TestParamInfo<bool>& param) {
                           return param.param ? "Parallel" : "OneDatabase";
                         });

}  // namespace
}  // namespace mura::search
