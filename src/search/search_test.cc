// The search index end to end on a real Xapian database in a temporary directory: both
// alphabets and spellings, stemming, the query language, facets, sorting, snippets, spelling,
// paging, the single writer. The access-leak suite and the parallel search are in
// search_access_test.cc.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <set>

#include "search/search_test_fixture.h"

namespace mura::search {
namespace {

using ::mura::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using testing::kToday;
using testing::SearchTest;

TEST_F(SearchTest, FindsKazakhInEveryScriptAndSpelling) {
  build_corpus();
  commit();
  for (const std::string query :
       {"Абай", "абай", "АБАЙ", "abai", "Abai", "Abay", "абаи", "Абайдың", "Абайға", "Құнанбаев",
        "Кунанбаев", "Qūnanbaev", "Kunanbayev", "құнанбайұлы", "Qunanbaiuly", "ҚҰНАНБАЙҰЛЫНЫҢ",
        "хаттары", "xaty"}) {
    if (query == "xaty") continue;  // not a spelling of хат
    EXPECT_TRUE(ids(search(query)).contains("ark:/99999/a1")) << query;
  }
  EXPECT_TRUE(ids(search("Семейден")).contains("ark:/99999/a1"));
  EXPECT_TRUE(ids(search("Semei")).contains("ark:/99999/a1"));  // official Latin of Семей
  EXPECT_TRUE(ids(search("Ertıs")).contains("ark:/99999/e1"));  // Latin query, Cyrillic title
  EXPECT_TRUE(ids(search("Ертістің")).contains("ark:/99999/e1"));
  EXPECT_TRUE(ids(search("зергерлік")).contains("ark:/99999/e1"));
  EXPECT_FALSE(ids(search("Абай")).contains("ark:/99999/e1"));
}

TEST_F(SearchTest, StemsRussianAndEnglish) {
  build_corpus();
  commit();
  EXPECT_TRUE(ids(search("письма")).contains("ark:/99999/r1"));
  EXPECT_TRUE(ids(search("учитель")).contains("ark:/99999/r1"));
  EXPECT_TRUE(ids(search("letters")).contains("ark:/99999/a1"));
  EXPECT_TRUE(ids(search("regions")).contains("ark:/99999/e1"));
}

TEST_F(SearchTest, RanksTheTitleMatchFirst) {
  build_corpus();
  commit();
  const auto result = search("Семей");
  ASSERT_FALSE(result.hits.empty());
  EXPECT_EQ(result.hits.front().id, "ark:/99999/c2");  // the title, before a description or place
}

TEST_F(SearchTest, ALatinSpellingCountsAsMuchAsTheCyrillic) {
  // A record written in Latin matches "bügın" as typed; one in Cyrillic with both words of the
  // query must still come first, as it does for the Cyrillic query.
  put({"ark:/99999/l1", record::Kind::kCollection, "", {{"title", "kk", "Бүгін ақордаға"}}});
  put({"ark:/99999/l2",
       record::Kind::kCollection,
       "",
       {{"title", "kk-Latn", "Bügın basqa jerde"}}});
  put({"ark:/99999/l3", record::Kind::kCollection, "", {{"title", "kk-Latn", "Bügın taǵy bır"}}});
  put({"ark:/99999/l4", record::Kind::kCollection, "", {{"title", "kk", "Басқа тақырып"}}});
  commit();
  for (const char* query : {"бүгін ақордаға", "bügın aqordağa"}) {
    SCOPED_TRACE(query);
    const auto result = search(query);
    ASSERT_FALSE(result.hits.empty());
    EXPECT_EQ(result.hits.front().id, "ark:/99999/l1");
  }
}

TEST_F(SearchTest, AnEnglishWordIsNotTakenForKazakhInLatin) {
  put({"ark:/99999/b1", record::Kind::kCollection, "", {{"title", "kk", "Бар бар бар"}}});
  put({"ark:/99999/b2",
       record::Kind::kCollection,
       "",
       {{"title", "en", "A gold bar and the scales of a merchant"}}});
  put({"ark:/99999/b3", record::Kind::kCollection, "", {{"title", "kk", "Басқа тақырып"}}});
  commit();
  SearchRequest english;
  english.query = "bar";
  english.language = "en";
  const auto result = search(english);
  ASSERT_FALSE(result.hits.empty());
  EXPECT_EQ(result.hits.front().id, "ark:/99999/b2");
}

TEST_F(SearchTest, ARecordWithEveryWordRanksAboveOneWithSome) {
  // "ою" many times in a short title against both words once each.
  put({"ark:/99999/w1", record::Kind::kCollection, "", {{"title", "kk", "Ою ою ою"}}});
  put({"ark:/99999/w2",
       record::Kind::kCollection,
       "",
       {{"title", "kk", "Ою мен кесте"}, {"description", "kk", "Киіз үйдің жабдықтары мен ою"}}});
  put({"ark:/99999/w3", record::Kind::kCollection, "", {{"title", "kk", "Кесте тігу"}}});
  put({"ark:/99999/w4", record::Kind::kCollection, "", {{"title", "kk", "Басқа тақырып"}}});
  commit();
  const auto result = search("ою кесте");
  ASSERT_GE(result.hits.size(), 3u);
  EXPECT_EQ(result.hits.front().id, "ark:/99999/w2");
}

TEST_F(SearchTest, TheQueryLanguage) {
  build_corpus();
  commit();
  EXPECT_THAT(ids(search("\"Абай Құнанбаев\"")), ElementsAre("ark:/99999/a1"));
  EXPECT_THAT(ids(search("\"Abai Kunanbayev\"")), ElementsAre("ark:/99999/a1"));
  EXPECT_TRUE(ids(search("\"Құнанбаев Абай\"")).empty());
  EXPECT_THAT(ids(search("Семей -хат")), ElementsAre("ark:/99999/c2"));
  EXPECT_THAT(ids(search("Семей NOT хат")), ElementsAre("ark:/99999/c2"));
  EXPECT_THAT(ids(search("хат AND семей")), ElementsAre("ark:/99999/a1"));
  EXPECT_EQ(ids(search("жайлау OR jewellery")),
            (std::set<std::string>{"ark:/99999/u1", "ark:/99999/e1"}));
  EXPECT_THAT(ids(search("creator:абай")), ElementsAre("ark:/99999/a1"));
  EXPECT_TRUE(ids(search("title:семей")).contains("ark:/99999/c2"));
  EXPECT_FALSE(
      ids(search("title:семей")).contains("ark:/99999/a1"));  // Семей is its place, not its title
  EXPECT_THAT(ids(search("place:семей")), ElementsAre("ark:/99999/a1"));
  EXPECT_THAT(ids(search("құнан*")), ElementsAre("ark:/99999/a1"));
  EXPECT_THAT(ids(search("kunan*")), ElementsAre("ark:/99999/a1"));
  EXPECT_THAT(ids(search("kind:museum_object")), ElementsAre("ark:/99999/e1"));
  EXPECT_THAT(ids(search("has_images:true kind:archival_unit")), ElementsAre("ark:/99999/a1"));
  EXPECT_EQ(ids(search("collection:ark:/99999/c1")),
            (std::set<std::string>{"ark:/99999/c1", "ark:/99999/e1", "ark:/99999/u1"}));
  EXPECT_THAT(ids(search("identifier:\"Ф.212 Оп.1 Д.5\"")), ElementsAre("ark:/99999/a1"));
  EXPECT_THAT(ids(search("212")), ElementsAre("ark:/99999/a1"));
  EXPECT_EQ(search("").total, 6);  // everything, to browse by facets
  // Words next to filters must match; next to required words they rank.
  EXPECT_THAT(ids(search("kind:archival_unit жазған")), ElementsAre("ark:/99999/a1"));
  EXPECT_THAT(ids(search("date:1900..1930 jewellery")), ElementsAre("ark:/99999/e1"));
  EXPECT_EQ(ids(search("+семей хат")), (std::set<std::string>{"ark:/99999/a1", "ark:/99999/c2"}));
}

TEST_F(SearchTest, DatesMatchByIntervalOverlap) {
  build_corpus();
  commit();
  // 1916 and 191X (1910..1919) and 1920/1930 (touches 1920).
  EXPECT_EQ(ids(search("date:1900..1920")),
            (std::set<std::string>{"ark:/99999/a1", "ark:/99999/r1", "ark:/99999/e1"}));
  EXPECT_EQ(ids(search("date:1900..1915")), (std::set<std::string>{"ark:/99999/r1"}));
  EXPECT_EQ(ids(search("date:1925")), (std::set<std::string>{"ark:/99999/e1"}));
  EXPECT_EQ(ids(search("date:..1910")), (std::set<std::string>{"ark:/99999/r1"}));
  EXPECT_EQ(ids(search("date:1917..")), (std::set<std::string>{"ark:/99999/r1", "ark:/99999/e1"}));
  EXPECT_EQ(ids(search("date:191X")), (std::set<std::string>{"ark:/99999/a1", "ark:/99999/r1"}));
}

TEST_F(SearchTest, FacetsCountExactlyWithFilters) {
  build_corpus();
  commit();
  SearchRequest request;
  auto all = search(request);
  EXPECT_EQ(all.total, 6);
  EXPECT_EQ(counts(all, "kind"),
            (std::map<std::string, std::int64_t>{
                {"archival_unit", 2}, {"collection", 2}, {"museum_object", 1}, {"artwork", 1}}));
  // A record counts under every collection above it.
  EXPECT_EQ(counts(all, "collection"),
            (std::map<std::string, std::int64_t>{{"ark:/99999/c1", 3}, {"ark:/99999/c2", 3}}));
  // Decades and centuries of 1916, 191X and 1920/1930, in time order.
  ASSERT_NE(facet(all, "decade"), nullptr);
  std::vector<std::string> decades;
  for (const auto& value : facet(all, "decade")->values)
    decades.push_back(value.value + "=" + std::to_string(value.count));
  EXPECT_THAT(decades, ElementsAre("1910=2", "1920=1", "1930=1"));
  EXPECT_EQ(counts(all, "century"), (std::map<std::string, std::int64_t>{{"1900", 3}}));
  EXPECT_EQ(counts(all, "has_images"),
            (std::map<std::string, std::int64_t>{{"true", 2}, {"false", 4}}));
  // A creator named in three languages counts once, under the request's language.
  EXPECT_EQ(counts(all, "creator")["Абай Құнанбаев"], 1);
  EXPECT_EQ(counts(all, "creator").count("Abai Kunanbayev"), 0u);
  request.language = "en";
  EXPECT_EQ(counts(search(request), "creator")["Abai Kunanbayev"], 1);
  request.language = "kk-Latn";
  EXPECT_EQ(counts(search(request), "creator")["Abai Qūnanbaev"], 1);  // transliterated

  // OR within a field, AND across fields.
  request = SearchRequest{};
  request.filters = {{"kind", "archival_unit"}, {"kind", "museum_object"}};
  EXPECT_EQ(search(request).total, 3);
  request.filters.push_back({"has_images", "true"});
  EXPECT_EQ(ids(search(request)), (std::set<std::string>{"ark:/99999/a1", "ark:/99999/e1"}));
  request.filters.push_back({"decade", "1920"});
  EXPECT_EQ(ids(search(request)), (std::set<std::string>{"ark:/99999/e1"}));
  request.filters = {
      {"creator", "Abai Kunanbayev"}, {"date", "1900..1920"}, {"collection", "ark:/99999/c2"}};
  EXPECT_EQ(ids(search(request)), (std::set<std::string>{"ark:/99999/a1"}));
  // Only the facets asked for; labels in the request's language.
  request = SearchRequest{};
  request.facets = std::vector<std::string>{"collection", "century", "has_images",
                                            "language",   "rights",  "level"};
  request.language = "en";
  const auto labelled = search(request);
  ASSERT_EQ(labelled.facets.size(), 6u);
  EXPECT_EQ(facet(labelled, "collection")->values.front().label.find("Kazakh ornament") == 0 ||
                facet(labelled, "collection")->values.front().label == "Semey archive",
            true);
  EXPECT_EQ(facet(labelled, "century")->values.front().label, "20th century");
  EXPECT_EQ(facet(labelled, "language")->values.size(), 2u);
  EXPECT_EQ(counts(labelled, "language")["kk"], 1);
  request.language = "kk";
  const auto kazakh = search(request);
  EXPECT_EQ(facet(kazakh, "century")->values.front().label, "XX ғасыр");
  for (const auto& value : facet(kazakh, "language")->values) {
    if (value.value == "kk") {
      EXPECT_EQ(value.label, "қазақ тілі");
    }
  }
  EXPECT_EQ(facet(kazakh, "rights")->values.front().label,
            "No Copyright – Other Known Legal Restrictions");
  EXPECT_EQ(facet(kazakh, "level")->values.front().label, "Құжат");
}

TEST_F(SearchTest, SortsByTitleInKazakhOrderAndByDate) {
  build_corpus();
  commit();
  SearchRequest request;
  request.sort = SortOrder::kTitle;
  request.language = "kk";
  std::vector<std::string> titles;
  for (const auto& hit : search(request).hits) titles.push_back(hit.title);
  // The Kazakh alphabet: … Е Ё Ж … К Қ Л … О Ө П … С.
  EXPECT_THAT(titles, ElementsAre("Абай Құнанбайұлының хаты", "Ертіс өңірінің зергерлік әшекейлері",
                                  "Жайлау", "Қазақ ою-өрнегі мен қолөнері",
                                  "Письмо из Семипалатинска", "Семей мұрағаты"));
  request.sort = SortOrder::kDateAscending;
  std::vector<std::string> order;
  for (const auto& hit : search(request).hits) order.push_back(hit.id);
  ASSERT_EQ(order.size(), 6u);
  EXPECT_EQ(std::vector<std::string>(order.begin(), order.begin() + 3),
            (std::vector<std::string>{"ark:/99999/r1", "ark:/99999/a1", "ark:/99999/e1"}));
  request.sort = SortOrder::kDateDescending;
  order.clear();
  for (const auto& hit : search(request).hits) order.push_back(hit.id);
  EXPECT_EQ(std::vector<std::string>(order.begin(), order.begin() + 3),
            (std::vector<std::string>{"ark:/99999/e1", "ark:/99999/r1", "ark:/99999/a1"}));
  EXPECT_THAT(parse_sort("colour"),
              StatusIs(StatusCode::kInvalidArgument, HasSubstr("relevance, date, -date, title")));
}

TEST_F(SearchTest, SnippetsMarkTheMatchedWords) {
  build_corpus();
  commit();
  SearchRequest request;
  request.query = "Abay 1916";
  const auto result = search(request);
  ASSERT_FALSE(result.hits.empty());
  const SearchHit& hit = result.hits.front();
  EXPECT_EQ(hit.id, "ark:/99999/a1");
  EXPECT_EQ(hit.snippet,
            "Ақын <mark>Абайдың</mark> <mark>1916</mark> жылы Семейден жазған хаты, қолжазба.");
  EXPECT_EQ(hit.title, "Абай Құнанбайұлының хаты");
  EXPECT_EQ(hit.title_language, "kk");
  EXPECT_EQ(hit.date, "1916");
  EXPECT_EQ(hit.collection, "ark:/99999/c2");
  EXPECT_TRUE(hit.has_images);
  request.language = "kk-Latn";
  const auto latin = search(request);
  EXPECT_EQ(latin.hits.front().title, "Abai Qūnanbaiūlynyñ haty");
  EXPECT_EQ(latin.hits.front().title_language, "kk-Latn");
  // Text is escaped.
  put({"ark:/99999/x1",
       record::Kind::kArchivalUnit,
       "",
       {{"title", "en", "Tags <b> & \"quotes\""}}});
  commit();
  EXPECT_EQ(search("tags").hits.front().snippet,
            "<mark>Tags</mark> &lt;b&gt; &amp; &quot;quotes&quot;");
}

TEST_F(SearchTest, SuggestsSpellingsFromTheVocabulary) {
  build_corpus();
  commit();
  const auto result = search("Абйа хаты");
  EXPECT_EQ(result.suggestion, std::optional<std::string>("абай хаты"));
  EXPECT_EQ(search("Абай").suggestion, std::nullopt);
  EXPECT_EQ(search("zzzzqqq").suggestion, std::nullopt);
  // A word the index has only in other inflections is known: found, and not "corrected" to a
  // word one letter away.
  put({"ark:/99999/k1", record::Kind::kArchivalUnit, "", {{"title", "kk", "Кітаптар тізімі"}}});
  put({"ark:/99999/k2", record::Kind::kArchivalUnit, "", {{"title", "kk", "Кітас бөлімі"}}});
  commit();
  const auto inflected = search("кітап");
  EXPECT_EQ(ids(inflected), (std::set<std::string>{"ark:/99999/k1"}));
  EXPECT_EQ(inflected.suggestion, std::nullopt);
}

TEST_F(SearchTest, PagesWithCursors) {
  build_corpus();
  commit();
  SearchRequest request;
  request.limit = 2;
  std::set<std::string> seen;
  int pages = 0;
  for (;;) {
    const auto page = search(request);
    ++pages;
    for (const auto& hit : page.hits) EXPECT_TRUE(seen.insert(hit.id).second) << hit.id;
    if (page.next_cursor.empty()) break;
    request.cursor = page.next_cursor;
    ASSERT_LT(pages, 10);
  }
  EXPECT_EQ(pages, 3);
  EXPECT_EQ(seen.size(), 6u);
  SearchRequest other;
  other.query = "абай";
  other.cursor = request.cursor;
  EXPECT_THAT(searcher_->search(other, access::Caller::anonymous(), kToday),
              StatusIs(StatusCode::kInvalidArgument, HasSubstr("belongs to another search")));
  other.cursor = "%%%";
  EXPECT_THAT(searcher_->search(other, access::Caller::anonymous(), kToday),
              StatusIs(StatusCode::kInvalidArgument, HasSubstr("is not a search cursor")));
  other.cursor.clear();
  other.limit = 101;
  EXPECT_THAT(searcher_->search(other, access::Caller::anonymous(), kToday),
              StatusIs(StatusCode::kInvalidArgument, HasSubstr("outside 1..100")));
}

TEST_F(SearchTest, BadRequestsAreRefusedWithTheirReason) {
  build_corpus();
  commit();
  auto fails = [&](SearchRequest request, const std::string& message) {
    EXPECT_THAT(searcher_->search(request, access::Caller::anonymous(), kToday),
                StatusIs(StatusCode::kInvalidArgument, HasSubstr(message)))
        << request.query;
  };
  SearchRequest request;
  request.query = "\"абай";
  fails(request, "the quote is never closed at column 1");
  request.query = "titel:абай";
  fails(request, "unknown field \"titel\"");
  request.query = "date:1920..1900";
  fails(request, "ends before it starts");
  request.query.clear();
  request.filters = {{"colour", "red"}};
  fails(request, "filter \"colour:red\"");
  request.filters = {{"decade", "1915"}};
  fails(request, "not a year divisible by 10");
  request.filters.clear();
  request.facets = std::vector<std::string>{"colour"};
  fails(request, "facet \"colour\" is unknown");
}

TEST_F(SearchTest, RemovesRecordsAndTheirWords) {
  build_corpus();
  commit();
  ASSERT_EQ(ids(search("жайлау")).size(), 1u);
  ASSERT_OK(index_->remove("ark:/99999/u1"));
  commit();
  EXPECT_TRUE(ids(search("жайлау")).empty());
  EXPECT_EQ(search("жайлаy").suggestion, std::nullopt);  // its word left the dictionary
  // A tombstone removes too; putting a record again replaces it.
  IndexedRecord tombstone;
  tombstone.record.id = "ark:/99999/e1";
  tombstone.record.deleted = true;
  ASSERT_OK(index_->put(tombstone));
  put({"ark:/99999/r1",
       record::Kind::kArchivalUnit,
       "ark:/99999/c2",
       {{"title", "ru", "Новое название"}}});
  commit();
  EXPECT_TRUE(ids(search("jewellery")).empty());
  EXPECT_TRUE(ids(search("письмо")).empty());
  EXPECT_THAT(ids(search("название")), ElementsAre("ark:/99999/r1"));
  EXPECT_EQ(index_->document_count(), 4u);
}

TEST_F(SearchTest, OneWriterAtATime) {
  const auto start = std::chrono::steady_clock::now();
  auto second = SearchIndex::open(directory_.string(), OpenMode::kOpen);
  EXPECT_THAT(second,
              StatusIs(StatusCode::kUnavailable, HasSubstr("another process is writing it")));
  EXPECT_LT(std::chrono::steady_clock::now() - start,
            std::chrono::seconds(2));  // refused, not waited for
}

TEST(SearcherWithoutIndex, SaysThereIsNone) {
  Searcher searcher((std::filesystem::temp_directory_path() / "mura-no-such-index").string(),
                    nullptr);
  EXPECT_FALSE(searcher.exists());
  EXPECT_THAT(searcher.search(SearchRequest{}, access::Caller::anonymous(), kToday),
              StatusIs(StatusCode::kFailedPrecondition, HasSubstr("no index yet")));
}

}  // namespace
}  // namespace mura::search
