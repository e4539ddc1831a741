// The records list, children and sitemap through a real App over a real repository: paging,
// filters, bad arguments, and hidden records left out for callers who may not see them.
#include <gtest/gtest.h>

#include <set>

#include "http/testing/app_testing.h"

namespace mura::http {
namespace {

using testing::AppTest;

class ListingRoutesTest : public AppTest {
 protected:
  std::string add(record::Kind kind, const std::string& title, const std::string& parent = "",
                  record::AccessLevel metadata = record::AccessLevel::kPublic) {
    record::Record draft;
    draft.kind = kind;
    draft.parent = parent;
    draft.fields["title"] = {{"kk", title}};
    draft.access.metadata = metadata;
    auto created = repository_->create_record(draft, {}, service::Actor{}, "test");
    EXPECT_TRUE(created.has_value()) << created.error().to_string();
    return created ? created->id : "";
  }
  std::set<std::string> titles(const nlohmann::json& body) {
    std::set<std::string> result;
    for (const auto& item : body["items"]) result.insert(item["title"].get<std::string>());
    return result;
  }
};

TEST_F(ListingRoutesTest, ListsFiltersAndPagesWithoutHiddenRecords) {
  const auto fonds = add(record::Kind::kCollection, "Қор");
  add(record::Kind::kCollection, "Жабық қор", "", record::AccessLevel::kClosed);
  for (int i = 0; i < 5; ++i) add(record::Kind::kCollection, "Бөлім " + std::to_string(i), fonds);

  auto all = get("/api/v1/records?limit=100");
  ASSERT_EQ(all.status, 200) << all.body;
  auto body = json_of(all);
  EXPECT_EQ(body["items"].size(), 6u);
  EXPECT_FALSE(titles(body).contains("Жабық қор"));
  EXPECT_TRUE(body["next"].is_null());

  // Keyset paging: two at a time reaches every visible record exactly once.
  std::set<std::string> seen;
  std::string cursor;
  int pages = 0;
  do {
    auto page = json_of(get("/api/v1/records?limit=2" + (cursor.empty() ? "" : "&cursor=" + cursor)));
    for (const auto& item : page["items"]) EXPECT_TRUE(seen.insert(item["id"]).second);
    cursor = page["next"].is_null() ? "" : page["next"].get<std::string>();
    ASSERT_LT(++pages, 10);
  } while (!cursor.empty());
  EXPECT_EQ(seen.size(), 6u);

  auto children = json_of(get("/api/v1/records/" + fonds + "/children?limit=3"));
  EXPECT_EQ(children["items"].size(), 3u);
  EXPECT_EQ(children["id"], fonds);
  EXPECT_FALSE(children["next"].is_null());
  auto top = json_of(get("/api/v1/records?parent=" + fonds));
  EXPECT_EQ(top["items"].size(), 5u);
  EXPECT_TRUE(json_of(get("/api/v1/records?parent=" + fonds))["items"][0]["has_children"] == false);
}

TEST_F(ListingRoutesTest, RefusesBadArgumentsByName) {
  struct Case {
    std::string target;
    std::string message;
  };
  const Case cases[] = {
      {"/api/v1/records?kind=spaceship", "\"kind\""},
      {"/api/v1/records?limit=0", "\"limit\""},
      {"/api/v1/records?limit=abc", "\"limit\""},
      {"/api/v1/records?cursor=%21%21", "cursor"},
      {"/api/v1/records?modified_since=yesterday", "modified"},
      {"/api/v1/records?colour=red", "\"colour\""},
  };
  for (const auto& c : cases) {
    auto response = get(c.target);
    EXPECT_EQ(response.status, 400) << c.target << " " << response.body;
    EXPECT_EQ(response.header("Content-Type"), "application/problem+json") << c.target;
    const std::string detail = json_of(response).value("detail", "");
    EXPECT_NE(detail.find(c.message), std::string::npos) << c.target << " " << detail;
  }
}

TEST_F(ListingRoutesTest, ChildrenOfAHiddenRecordAreNotFound) {
  const auto closed = add(record::Kind::kCollection, "Жабық", "", record::AccessLevel::kClosed);
  add(record::Kind::kCollection, "Ішкі", closed);
  EXPECT_EQ(get("/api/v1/records/" + closed + "/children").status, 404);
  EXPECT_EQ(get("/api/v1/records/ark:/99999/mnothere/children").status, 404);
}

TEST_F(ListingRoutesTest, SitemapNamesPublicRecordsOnly) {
  const auto open = add(record::Kind::kCollection, "Ашық");
  const auto closed = add(record::Kind::kCollection, "Жабық", "", record::AccessLevel::kClosed);
  auto response = get("/sitemap.xml");
  ASSERT_EQ(response.status, 200);
  EXPECT_EQ(response.header("Content-Type"), "application/xml; charset=utf-8");
  EXPECT_NE(response.body.find("<loc>http://127.0.0.1:8080/" + open + "</loc>"), std::string::npos)
      << response.body;
  EXPECT_EQ(response.body.find(closed), std::string::npos);
}

TEST_F(ListingRoutesTest, ALargeSitemapIsAnIndexOfPages) {
  options_.sitemap_page_size = 2;
  std::set<std::string> open;
  for (int i = 0; i < 5; ++i) open.insert(add(record::Kind::kCollection, "Ашық " + std::to_string(i)));
  const auto closed = add(record::Kind::kCollection, "Жабық", "", record::AccessLevel::kClosed);
  auto index = get("/sitemap.xml");
  ASSERT_EQ(index.status, 200);
  EXPECT_NE(index.body.find("<sitemapindex"), std::string::npos) << index.body;
  EXPECT_NE(index.body.find("<loc>http://127.0.0.1:8080/sitemap.xml?page=3</loc>"), std::string::npos);
  EXPECT_EQ(index.body.find("page=4"), std::string::npos) << "5 public records make 3 pages of 2";
  // The pages together name every public record once, and never the closed one.
  std::multiset<std::string> named;
  for (int page = 1; page <= 3; ++page) {
    auto response = get("/sitemap.xml?page=" + std::to_string(page));
    ASSERT_EQ(response.status, 200);
    EXPECT_EQ(response.body.find(closed), std::string::npos);
    for (std::size_t at = response.body.find("<loc>"); at != std::string::npos;
         at = response.body.find("<loc>", at + 1)) {
      const auto start = at + std::string("<loc>http://127.0.0.1:8080/").size();
      named.insert(response.body.substr(start, response.body.find("</loc>", at) - start));
    }
  }
  EXPECT_EQ(std::set<std::string>(named.begin(), named.end()), open);
  EXPECT_EQ(named.size(), open.size());
  EXPECT_EQ(get("/sitemap.xml?page=4").status, 400);
  EXPECT_EQ(get("/sitemap.xml?page=x").status, 400);
}

}  // namespace
}  // namespace mura::http
