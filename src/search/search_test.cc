// The search index end to end on a real Xapian database in a temporary directory: both
// alphabets and spellings, stemming, the query language, facets, sorting, snippets, spelling,
// paging, the single writer — and the access-leak suite: what a caller may not see is never a
// hit, never counted, never a facet value or label, never a suggestion.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <random>
#include <set>

#include "access/policy.h"
#include "base/testing/status_matchers.h"
#include "search/search_index.h"
#include "search/searcher.h"

namespace mura::search {
namespace {

using ::mura::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

constexpr std::string_view kToday = "2026-06-01";

struct RecordSpec {
  std::string id = {};
  record::Kind kind = record::Kind::kArchivalUnit;
  std::string parent = {};
  std::vector<std::tuple<std::string, std::string, std::string>> fields =
      {};  // name, language, value
  record::AccessPolicy access = {};
  std::vector<std::string> media_types = {};
  std::string full_text = {};
  std::string rights = {};
};

class SearchTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::random_device random;
    directory_ =
        std::filesystem::temp_directory_path() / ("mura-search-test-" + std::to_string(random()));
    // Three shards whatever the machine: the one-database and the parallel search both see
    // documents spread over several.
    auto index = SearchIndex::open(directory_.string(), OpenMode::kOpen, 3);
    ASSERT_TRUE(index.has_value()) << index.error().to_string();
    index_ = std::move(*index);
    searcher_ = std::make_unique<Searcher>(directory_.string(), nullptr);
  }
  void TearDown() override {
    searcher_.reset();
    index_.reset();
    std::filesystem::remove_all(directory_);
  }

  // Indexes a record the way service::SearchSync does: ancestors and collections from the specs
  // already put, requirements from the one access policy.
  void put(const RecordSpec& spec) {
    IndexedRecord entry;
    entry.record.id = spec.id;
    entry.record.kind = spec.kind;
    entry.record.parent = spec.parent;
    if (spec.kind == record::Kind::kArchivalUnit) entry.record.level = "item";
    for (const auto& [name, language, value] : spec.fields)
      entry.record.fields[name].push_back({language, value});
    entry.record.access = spec.access;
    entry.record.rights = spec.rights;
    for (std::size_t i = 0; i < spec.media_types.size(); ++i) {
      entry.record.files.push_back(
          {"file-" + std::to_string(i), "", 10, spec.media_types[i], "", ""});
    }
    std::vector<std::string> chain;
    for (std::string parent = spec.parent; !parent.empty(); parent = specs_[parent].parent)
      chain.insert(chain.begin(), parent);
    entry.ancestors = chain;
    chain.push_back(spec.id);
    for (const auto& id : chain) {
      if ((id == spec.id ? spec.kind : specs_[id].kind) == record::Kind::kCollection)
        entry.collections.push_back(id);
    }
    entry.collection = entry.collections.empty() ? "" : entry.collections.back();
    entry.requirements =
        access::requirements_for(entry.record, entry.collection, access::PolicySettings{});
    entry.full_text = spec.full_text;
    specs_[spec.id] = spec;
    ASSERT_OK(index_->put(entry));
  }

  void build_corpus() {
    put({"ark:/99999/c1",
         record::Kind::kCollection,
         "",
         {{"title", "kk", "Қазақ ою-өрнегі мен қолөнері"},
          {"title", "en", "Kazakh ornament and applied art"},
          {"title", "ru", "Казахский орнамент"}}});
    put({"ark:/99999/c2",
         record::Kind::kCollection,
         "",
         {{"title", "kk", "Семей мұрағаты"}, {"title", "en", "Semey archive"}}});
    put({"ark:/99999/a1",
         record::Kind::kArchivalUnit,
         "ark:/99999/c2",
         {{"title", "kk", "Абай Құнанбайұлының хаты"},
          {"title", "en", "A letter of Abai Qunanbaiuly"},
          {"description", "kk", "Ақын Абайдың 1916 жылы Семейден жазған хаты, қолжазба."},
          {"creator", "kk", "Абай Құнанбаев"},
          {"creator", "ru", "Абай Кунанбаев"},
          {"creator", "en", "Abai Kunanbayev"},
          {"date", "", "1916"},
          {"place", "kk", "Семей"},
          {"reference_code", "", "Ф.212 Оп.1 Д.5"},
          {"language", "", "kk"}},
         {},
         {"image/png"},
         "",
         "http://rightsstatements.org/vocab/NoC-OKLR/1.0/"});
    put({"ark:/99999/r1",
         record::Kind::kArchivalUnit,
         "ark:/99999/c2",
         {{"title", "ru", "Письмо из Семипалатинска"},
          {"description", "ru", "Письма учителя о жизни аула."},
          {"creator", "ru", "Жакыпов Габит"},
          {"date", "", "191X"},
          {"language", "", "ru"}}});
    put({"ark:/99999/e1",
         record::Kind::kMuseumObject,
         "ark:/99999/c1",
         {{"title", "en", "Jewellery of the Irtysh region"},
          {"title", "kk", "Ертіс өңірінің зергерлік әшекейлері"},
          {"subject", "en", "jewellery"},
          {"date", "", "1920/1930"},
          {"place", "en", "Irtysh region"}},
         {},
         {"image/jpeg", "image/tiff"}});
    put({"ark:/99999/u1",
         record::Kind::kArtwork,
         "ark:/99999/c1",
         {{"title", "kk", "Жайлау"},
          {"title", "en", "Summer pasture"},
          {"creator", "kk", "Әбілхан Қастеев"}}});
  }

  // Records a caller may or may not see. Each holds a word no visible record has.
  void build_hidden() {
    record::AccessPolicy closed;
    closed.metadata = record::AccessLevel::kClosed;
    closed.files = record::AccessLevel::kClosed;
    put({"ark:/99999/h-closed",
         record::Kind::kArchivalUnit,
         "ark:/99999/c2",
         {{"title", "kk", "Жасырынсөз туралы құпия хат"},
          {"date", "", "1850"},
          {"creator", "kk", "Құпия Автор"}},
         closed});
    record::AccessPolicy group;
    group.metadata = record::AccessLevel::kRestricted;
    group.files = record::AccessLevel::kRestricted;
    group.groups = {"researchers"};
    put({"ark:/99999/h-group",
         record::Kind::kArchivalUnit,
         "ark:/99999/c2",
         {{"title", "kk", "Зерттеушілерге арналған тығылмасөз"}, {"date", "", "1850"}},
         group});
    record::AccessPolicy personal;
    personal.personal_data = true;
    put({"ark:/99999/h-personal",
         record::Kind::kArchivalUnit,
         "ark:/99999/c2",
         {{"title", "kk", "Жеке іс құпиямөр"}, {"date", "", "2000"}},
         personal});
    record::AccessPolicy review;
    review.review_pending = true;
    put({"ark:/99999/h-review",
         record::Kind::kArchivalUnit,
         "ark:/99999/c2",
         {{"title", "kk", "Тексерілетін бұйрықхат"}, {"date", "", "1850"}},
         review});
    record::AccessPolicy embargo;
    embargo.embargo_until = "2099-01-01";
    put({"ark:/99999/h-files",
         record::Kind::kArchivalUnit,
         "ark:/99999/c2",
         {{"title", "kk", "Ашық сипаттама"}, {"date", "", "1850"}},
         embargo,
         {"image/png"},
         "Файлдағы мәтін: алтынкілт туралы жазба."});
    // A collection no anonymous caller may see, with a visible child.
    put({"ark:/99999/c-secret",
         record::Kind::kCollection,
         "",
         {{"title", "kk", "Жабық қордың атауы"}},
         closed});
    put({"ark:/99999/s1",
         record::Kind::kArchivalUnit,
         "ark:/99999/c-secret",
         {{"title", "kk", "Ашық бала жазба"}, {"date", "", "1850"}}});
  }

  void commit() { ASSERT_OK(index_->commit()); }

  SearchResult search(SearchRequest request,
                      const access::Caller& caller = access::Caller::anonymous()) {
    auto result = searcher_->search(request, caller, kToday);
    EXPECT_TRUE(result.has_value()) << request.query << ": " << result.error().to_string();
    return result.has_value() ? *result : SearchResult{};
  }
  SearchResult search(std::string query,
                      const access::Caller& caller = access::Caller::anonymous()) {
    SearchRequest request;
    request.query = std::move(query);
    return search(request, caller);
  }
  static std::set<std::string> ids(const SearchResult& result) {
    std::set<std::string> found;
    for (const auto& hit : result.hits) found.insert(hit.id);
    return found;
  }
  static const FacetResult* facet(const SearchResult& result, std::string_view name) {
    for (const auto& facet : result.facets) {
      if (facet.name == name) return &facet;
    }
    return nullptr;
  }
  static std::map<std::string, std::int64_t> counts(const SearchResult& result,
                                                    std::string_view name) {
    std::map<std::string, std::int64_t> values;
    if (const auto* found = facet(result, name)) {
      for (const auto& value : found->values) values[value.value] = value.count;
    }
    return values;
  }

  std::filesystem::path directory_;
  std::unique_ptr<SearchIndex> index_;
  std::unique_ptr<Searcher> searcher_;
  std::map<std::string, RecordSpec> specs_;
};

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
  for (const auto& value : facet(everything, "collection")->values) {
    if (value.value == "ark:/99999/c-secret") {
      EXPECT_EQ(value.label, "Жабық қордың атауы");
    }
  }
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
