// GET /api/v1/search through the real App over a real repository and search index: the JSON
// contract, filters, facets, sorting, paging, 400s that name the problem, and callers who see
// different things (anonymous, a group member, an administrator).
#include <xapian.h>

#include <set>

#include "base/testing/status_matchers.h"
#include "http/testing/app_testing.h"
#include "search/index_layout.h"
#include "service/search_sync.h"

namespace mura::http {
namespace {

using Json = nlohmann::json;

class SearchRoutesTest : public testing::AppTest {
 protected:
  void SetUp() override {
    AppTest::SetUp();
    service::SearchSyncOptions options;
    options.commit = service::SearchSyncOptions::Commit::kEachRecord;
    service::attach_search_sync(*repository_, options);
  }

  record::Record create(record::Kind kind, std::vector<record::LanguageValue> titles,
                        std::string date, std::string parent = "",
                        record::AccessPolicy access = {}) {
    record::Record draft;
    draft.kind = kind;
    if (kind == record::Kind::kArchivalUnit) {
      draft.level = "item";
      draft.fields["reference_code"] = {{"", "KZ-" + std::to_string(++count_)}};
    }
    draft.fields["title"] = std::move(titles);
    if (!date.empty()) draft.fields["date"] = {{"", std::move(date)}};
    draft.parent = std::move(parent);
    draft.access = std::move(access);
    auto created = repository_->create_record(draft, {}, service::Actor{}, "test");
    EXPECT_TRUE(created.has_value()) << created.error().to_string();
    return created.value_or(record::Record{});
  }

  void build() {
    collection_ = create(record::Kind::kCollection,
                         {{"kk", "Абай мұрасы"}, {"en", "Abai's legacy"}}, "1880/1920");
    letter_ = create(record::Kind::kArchivalUnit, {{"kk", "Абайдың хаты"}, {"ru", "Письмо Абая"}},
                     "1916", collection_.id);
    photo_ =
        create(record::Kind::kArchivalUnit, {{"kk", "Семейдегі мектеп"}}, "1925", collection_.id);
    record::AccessPolicy restricted;
    restricted.metadata = record::AccessLevel::kRestricted;
    restricted.files = record::AccessLevel::kRestricted;
    restricted.groups = {"researchers"};
    secret_ = create(record::Kind::kArchivalUnit, {{"kk", "Абайдың жабық хаты"}}, "1890",
                     collection_.id, restricted);
    // Callers by header: "x-caller: researcher" or "admin"; anonymous otherwise.
    app().set_authenticator([](const Request& request) -> Result<access::Caller> {
      for (const auto& [name, value] : request.headers) {
        if (name == "x-caller" && value == "researcher")
          return access::Caller::registered_user("aida", {"researchers"});
        if (name == "x-caller" && value == "admin") {
          access::Caller caller = access::Caller::registered_user("root", {});
          caller.administrator = true;
          return caller;
        }
      }
      return access::Caller::anonymous();
    });
  }

  Json search(const std::string& target, const std::string& caller = "") {
    const Response response = get(target, caller.empty() ? Fields{} : Fields{{"x-caller", caller}});
    EXPECT_EQ(response.status, 200) << target << ": " << response.body;
    return json_of(response);
  }
  static std::set<std::string> ids(const Json& body) {
    std::set<std::string> found;
    for (const auto& hit : body["hits"]) found.insert(hit["id"].get<std::string>());
    return found;
  }
  void expect_bad_request(const std::string& target, const std::string& detail) {
    const Response response = get(target);
    EXPECT_EQ(response.status, 400) << target;
    EXPECT_EQ(response.header("Content-Type"), "application/problem+json") << target;
    EXPECT_NE(response.body.find(detail), std::string::npos) << target << ": " << response.body;
  }

  int count_ = 0;
  record::Record collection_, letter_, photo_, secret_;
};

TEST_F(SearchRoutesTest, AnswersWithTheContract) {
  build();
  const Json body = search("/api/v1/search?q=Abay&lang=kk");
  EXPECT_EQ(body["total"], 2);  // the collection and the letter; not the restricted letter
  ASSERT_EQ(body["hits"].size(), 2u);
  const Json* letter = nullptr;
  for (const auto& hit : body["hits"]) {
    if (hit["id"] == letter_.id) letter = &hit;
  }
  ASSERT_NE(letter, nullptr);
  EXPECT_EQ((*letter)["kind"], "archival_unit");
  EXPECT_EQ((*letter)["title"], "Абайдың хаты");
  EXPECT_EQ((*letter)["title_lang"], "kk");
  EXPECT_EQ((*letter)["snippet"], "<mark>Абайдың</mark> хаты");
  EXPECT_EQ((*letter)["date"], "1916");
  EXPECT_EQ((*letter)["collection"], collection_.id);
  EXPECT_EQ((*letter)["has_images"], false);
  EXPECT_TRUE((*letter)["thumbnail"].is_null());
  for (const std::string facet : {"kind", "collection", "decade", "century", "creator", "place",
                                  "language", "rights", "has_images"}) {
    EXPECT_TRUE(body["facets"].contains(facet)) << facet;
  }
  EXPECT_EQ(body["facets"]["collection"][0]["value"], collection_.id);
  EXPECT_EQ(body["facets"]["collection"][0]["label"], "Абай мұрасы");
  EXPECT_EQ(body["facets"]["collection"][0]["count"], 2);
  EXPECT_TRUE(body["suggestion"].is_null());
  EXPECT_TRUE(body["next"].is_null());
  // In Russian, the letter's title is Russian.
  const Json russian = search(
      "/api/v1/search?q=" + std::string("%D0%BF%D0%B8%D1%81%D1%8C%D0%BC%D0%BE") + "&lang=ru");
  ASSERT_EQ(russian["hits"].size(), 1u);
  EXPECT_EQ(russian["hits"][0]["title"], "Письмо Абая");
  EXPECT_EQ(russian["hits"][0]["title_lang"], "ru");
}

TEST_F(SearchRoutesTest, FiltersFacetsSortsAndPages) {
  build();
  EXPECT_EQ(ids(search("/api/v1/search?filter=kind:archival_unit")),
            (std::set<std::string>{letter_.id, photo_.id}));
  EXPECT_EQ(
      ids(search("/api/v1/search?filter=decade:1910&filter=decade:1920&filter=kind:archival_unit")),
      (std::set<std::string>{letter_.id, photo_.id}));
  EXPECT_EQ(ids(search("/api/v1/search?filter=date:1900..1920&filter=kind:archival_unit")),
            (std::set<std::string>{letter_.id}));
  const Json only = search("/api/v1/search?facet=decade&facet=kind");
  EXPECT_EQ(only["facets"].size(), 2u);
  EXPECT_EQ(only["facets"]["decade"].size(), 5u);  // 1880..1920 from the collection's span
  EXPECT_EQ(search("/api/v1/search?facet=")["facets"].size(), 0u);
  const Json sorted = search("/api/v1/search?sort=-date&filter=kind:archival_unit");
  EXPECT_EQ(sorted["hits"][0]["id"], photo_.id);
  EXPECT_EQ(sorted["hits"][1]["id"], letter_.id);
  // Paging: one at a time, to the end.
  std::set<std::string> seen;
  std::string target = "/api/v1/search?limit=1";
  for (int page = 0; page < 10; ++page) {
    const Json body = search(target);
    for (const auto& hit : body["hits"]) seen.insert(hit["id"].get<std::string>());
    if (body["next"].is_null()) break;
    target = "/api/v1/search?limit=1&cursor=" + body["next"].get<std::string>();
  }
  EXPECT_EQ(seen, (std::set<std::string>{collection_.id, letter_.id, photo_.id}));
}

TEST_F(SearchRoutesTest, EachCallerSeesWhatTheyMay) {
  build();
  EXPECT_EQ(ids(search("/api/v1/search?q=%D0%B6%D0%B0%D0%B1%D1%8B%D2%9B")),
            (std::set<std::string>{}));  // жабық
  EXPECT_EQ(ids(search("/api/v1/search?q=%D0%B6%D0%B0%D0%B1%D1%8B%D2%9B", "researcher")),
            (std::set<std::string>{secret_.id}));
  EXPECT_EQ(search("/api/v1/search")["total"], 3);
  EXPECT_EQ(search("/api/v1/search", "researcher")["total"], 4);
  EXPECT_EQ(search("/api/v1/search", "admin")["total"], 4);
  // The restricted letter's decade (1890) is counted only for those who may see it.
  auto decade_count = [&](const Json& body, const std::string& decade) -> std::int64_t {
    for (const auto& value : body["facets"]["decade"]) {
      if (value["value"] == decade) return value["count"].get<std::int64_t>();
    }
    return 0;
  };
  EXPECT_EQ(decade_count(search("/api/v1/search?facet=decade"), "1890"), 1);  // the collection only
  EXPECT_EQ(decade_count(search("/api/v1/search?facet=decade", "admin"), "1890"), 2);
}

TEST_F(SearchRoutesTest, BadRequestsAre400sThatSayWhy) {
  build();
  expect_bad_request("/api/v1/search?q=%22abai", "the quote is never closed at column 1");
  expect_bad_request("/api/v1/search?q=titel:abai", "unknown field \\\"titel\\\"");
  expect_bad_request("/api/v1/search?q=date:1920..1900", "ends before it starts");
  expect_bad_request("/api/v1/search?q=date:0..99999", "lies outside the years");
  expect_bad_request("/api/v1/search?q=abai%20AND", "AND needs a term on both sides");
  expect_bad_request("/api/v1/search?page=2", "unknown query argument \\\"page\\\"");
  expect_bad_request("/api/v1/search?filter=kind", "is not field:value");
  expect_bad_request("/api/v1/search?filter=colour:red", "colour:red");
  expect_bad_request("/api/v1/search?facet=colour", "is unknown");
  expect_bad_request("/api/v1/search?sort=size", "(relevance, date, -date, title)");
  expect_bad_request("/api/v1/search?lang=de", "is not one of kk, kk-Latn, ru, en");
  expect_bad_request("/api/v1/search?limit=0", "limit");
  expect_bad_request("/api/v1/search?limit=101", "limit");
  expect_bad_request("/api/v1/search?cursor=zzzz", "is not a search cursor");
  const Json first = search("/api/v1/search?limit=1");
  expect_bad_request("/api/v1/search?q=abai&limit=1&cursor=" + first["next"].get<std::string>(),
                     "belongs to another search");
}

TEST_F(SearchRoutesTest, AnIndexOfAnOlderSchemaIsA503ThatSaysHowToRebuildIt) {
  build();
  EXPECT_EQ(search("/api/v1/search?q=abai")["total"], 2);
  // What an older Mura wrote: its shards say schema 1 (and lack the terms that hide records).
  const std::string directory = service::SearchSync::index_directory(*repository_);
  auto layout = search::read_layout(directory);
  ASSERT_TRUE(layout.has_value() && layout->has_value());
  for (const auto& shard : (*layout)->shards) {
    Xapian::WritableDatabase database(shard, Xapian::DB_OPEN);
    database.set_metadata("mura.schema", "1");
    database.commit();
  }
  const Response response = get("/api/v1/search?q=abai");
  EXPECT_EQ(response.status, 503);
  EXPECT_EQ(response.header("Content-Type"), "application/problem+json");
  EXPECT_NE(response.body.find("built by another version of Mura and must be rebuilt"),
            std::string::npos)
      << response.body;
  EXPECT_NE(response.body.find("mura reindex"), std::string::npos) << response.body;
  EXPECT_EQ(response.body.find(directory), std::string::npos) << "no server path in the answer";
  EXPECT_EQ(response.body.find("Абай"), std::string::npos) << "no hit leaks out";
}

TEST_F(SearchRoutesTest, AnEmptyRepositoryHasNoIndexAndNoResults) {
  const Json body = search("/api/v1/search?q=abai");
  EXPECT_EQ(body["total"], 0);
  EXPECT_TRUE(body["hits"].empty());
}

}  // namespace
}  // namespace mura::http
