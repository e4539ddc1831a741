// The fixture of the search tests (search_test.cc, search_access_test.cc): an index of three
// shards in a temporary directory, records put the way service::SearchSync puts them, a small
// corpus in four languages and records each caller may or may not see.
#pragma once

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <random>
#include <set>

#include "access/policy.h"
#include "base/testing/status_matchers.h"
#include "search/search_index.h"
#include "search/searcher.h"

namespace mura::search::testing {

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

}  // namespace mura::search::testing
