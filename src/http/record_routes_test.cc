// GET of a record through a real App: language selection, validators (ETag per representation,
// 304), and that the rendered-JSON cache never serves a stale version after an update or a
// record that has been closed since.
#include <gtest/gtest.h>

#include <cstdlib>

#include "http/testing/app_testing.h"
#include "service/derivatives.h"

namespace mura::http {
namespace {

using testing::AppTest;
using testing::make_request;

class RecordRoutesTest : public AppTest {
 protected:
  record::Record created_;
  void SetUp() override {
    AppTest::SetUp();
    record::Record draft;
    draft.kind = record::Kind::kCollection;
    draft.fields["title"] = {{"kk", "Бірінші"}, {"en", "First"}};
    auto created = repository_->create_record(draft, {}, service::Actor{}, "test");
    ASSERT_TRUE(created.has_value()) << created.error().to_string();
    created_ = *created;
  }
  // A museum object in the collection with the demo's picture of a dombra.
  Result<record::Record> dombra(const std::string& inventory_number) {
    record::Record draft;
    draft.kind = record::Kind::kMuseumObject;
    draft.parent = created_.id;
    draft.fields["title"] = {{"en", "Dombra"}};
    draft.fields["inventory_number"] = {{"", inventory_number}};
    draft.fields["object_name"] = {{"en", "dombra"}};
    const char* source = std::getenv("MURA_SOURCE_DIR");  // set by the test presets
    if (source == nullptr) return invalid_argument_error("MURA_SOURCE_DIR names the source tree");
    service::FileSource picture{"dombra.png",
                                std::string(source) + "/demo/files/museum/dombra.png", nullptr, ""};
    return repository_->create_record(draft, {picture}, service::Actor{}, "test");
  }
  std::string title(const Response& response) {
    auto json = json_of(response);
    return json["fields"]["title"][0]["value"].get<std::string>();
  }
};

TEST_F(RecordRoutesTest, PicksTheLanguageAndAnswersConditionalRequests) {
  const std::string target = "/api/v1/records/" + created_.id;
  auto english = get(target + "?lang=en");
  ASSERT_EQ(english.status, 200) << english.body;
  EXPECT_EQ(title(english), "First");
  auto kazakh = get(target + "?lang=kk");
  EXPECT_EQ(title(kazakh), "Бірінші");
  EXPECT_NE(english.header("ETag"), kazakh.header("ETag"));
  auto again = get(target + "?lang=en", {{"if-none-match", std::string(english.header("ETag"))}});
  EXPECT_EQ(again.status, 304);
  EXPECT_TRUE(again.body.empty());
  EXPECT_EQ(get(target + "?lang=en", {{"if-none-match", "\"other\""}}).status, 200);
}

TEST_F(RecordRoutesTest, LinksToIiifResourcesThatAnswer) {
  const std::string base = "http://127.0.0.1:8080";
  // A collection without images: its IIIF collection, and no manifest that would be 404.
  auto collection = json_of(get("/api/v1/records/" + created_.id));
  EXPECT_FALSE(collection["links"].contains("manifest")) << collection["links"];
  // An item with a picture: a manifest named NAAN~name, not by the ARK.
  auto item = dombra("KP-1");
  ASSERT_TRUE(item.has_value()) << item.error().to_string();
  auto links = json_of(get("/api/v1/records/" + item->id))["links"];
  const std::string collection_link = collection["links"]["iiif_collection"].get<std::string>();
  for (const std::string& link : {links["manifest"].get<std::string>(), collection_link}) {
    ASSERT_TRUE(link.starts_with(base + "/iiif/3/")) << link;
    EXPECT_EQ(link.find("ark"), std::string::npos) << link;
    auto response = get(link.substr(base.size()));
    ASSERT_EQ(response.status, 200) << link << ": " << response.body;
    EXPECT_EQ(json_of(response)["id"], link);
  }
}

TEST_F(RecordRoutesTest, NeverServesAStaleVersionFromTheCache) {
  const std::string target = "/api/v1/records/" + created_.id + "?lang=en";
  ASSERT_EQ(title(get(target)), "First");
  ASSERT_EQ(title(get(target)), "First");  // now cached
  record::Record next = created_;
  next.fields["title"] = {{"en", "Second"}};
  ASSERT_TRUE(repository_->update_record(created_.id, created_.version, next, {}, service::Actor{}, "edit")
                  .has_value());
  EXPECT_EQ(title(get(target)), "Second");
  EXPECT_EQ(title(get("/api/v1/records/" + created_.id + "?version=1&lang=en")), "First");

  // Closed since: the cached public body must not be served.
  auto head = repository_->read_record(created_.id);
  ASSERT_TRUE(head.has_value());
  record::Record closed = *head;
  closed.access.metadata = record::AccessLevel::kClosed;
  ASSERT_TRUE(repository_->update_record(created_.id, head->version, closed, {}, service::Actor{}, "close")
                  .has_value());
  EXPECT_EQ(get(target).status, 404);
}

TEST_F(RecordRoutesTest, AnswersCachedPublicHeadsOnTheFastPath) {
  const std::string target = "/api/v1/records/" + created_.id + "?lang=en";
  auto inline_get = [&](const std::string& path, Fields headers = {}) {
    return app().handle_inline(make_request("GET", path, "", std::move(headers)));
  };
  EXPECT_FALSE(inline_get(target)) << "nothing rendered yet: the worker must render it";
  const auto rendered = get(target);
  ASSERT_EQ(rendered.status, 200);
  auto cached = inline_get(target);
  ASSERT_TRUE(cached);
  EXPECT_EQ(cached->status, 200);
  EXPECT_EQ(cached->body, rendered.body);
  EXPECT_EQ(cached->header("ETag"), rendered.header("ETag"));
  EXPECT_EQ(cached->header("Access-Control-Allow-Origin"), "*");
  EXPECT_EQ(cached->route, "/api/v1/records/{ark}");
  auto revalidated = inline_get(target, {{"if-none-match", std::string(rendered.header("ETag"))}});
  ASSERT_TRUE(revalidated);
  EXPECT_EQ(revalidated->status, 304);
  // Bad arguments are answered at once; credentials, old versions and other routes go to a worker.
  auto bad = inline_get("/api/v1/records/" + created_.id + "?version=x");
  ASSERT_TRUE(bad);
  EXPECT_EQ(bad->status, 400);
  EXPECT_FALSE(inline_get(target, {{"cookie", "mura_session=x"}}));
  auto with_language_cookie = inline_get(target, {{"cookie", "mura_lang=kk"}});
  ASSERT_TRUE(with_language_cookie) << "a cookie that is no credential keeps the fast path";
  EXPECT_EQ(with_language_cookie->body, rendered.body);
  EXPECT_FALSE(inline_get(target, {{"authorization", "Bearer x"}}));
  EXPECT_FALSE(inline_get("/api/v1/records/" + created_.id + "?version=1&lang=en"));
  EXPECT_FALSE(inline_get("/api/v1/records/" + created_.id + "/versions"));

  // Closed since: the fast path no longer answers, and the worker says 404.
  record::Record closed = created_;
  closed.access.metadata = record::AccessLevel::kClosed;
  ASSERT_TRUE(repository_->update_record(created_.id, created_.version, closed, {}, service::Actor{}, "close")
                  .has_value());
  EXPECT_FALSE(inline_get(target));
  EXPECT_EQ(get(target).status, 404);
}

TEST_F(RecordRoutesTest, TechnicalMetadataOfEachFileOnceRead) {
  auto item = dombra("KP-2");
  ASSERT_TRUE(item.has_value()) << item.error().to_string();
  const std::string target = "/api/v1/records/" + item->id + "/technical";

  auto before = json_of(get(target));
  ASSERT_EQ(before["files"].size(), 1u) << before;
  EXPECT_EQ(before["files"][0]["path"], "dombra.png");
  EXPECT_EQ(before["files"][0]["media_type"], "image/png");
  EXPECT_EQ(before["files"][0]["puid"], "fmt/13");  // PNG 1.2
  EXPECT_TRUE(before["files"][0]["technical"].is_null()) << "not read yet";

  ASSERT_TRUE(service::build_derivatives(*repository_, item->id, service::DerivativeOptions{},
                                         service::Actor{})
                  .has_value());
  auto after = json_of(get(target));
  const auto& technical = after["files"][0]["technical"];
  ASSERT_TRUE(technical.is_object()) << after;
  EXPECT_GT(technical["width"].get<int>(), 0);
  EXPECT_GT(technical["height"].get<int>(), 0);
  EXPECT_EQ(technical["bit_depth"], 8);
  EXPECT_EQ(after["version"], item->version);

  // The files' access rules apply; bad arguments are named.
  record::Record closed = *item;
  closed.access.files = record::AccessLevel::kClosed;
  ASSERT_TRUE(repository_->update_record(item->id, item->version, closed, {}, service::Actor{}, "close")
                  .has_value());
  EXPECT_EQ(get(target).status, 403);
  EXPECT_EQ(get(target + "?version=0").status, 400);
  EXPECT_EQ(get("/api/v1/records/ark:/99999/mnothere/technical").status, 404);
}

TEST_F(RecordRoutesTest, RefusesBadVersionsAndIds) {
  EXPECT_EQ(get("/api/v1/records/" + created_.id + "?version=0").status, 400);
  EXPECT_EQ(get("/api/v1/records/" + created_.id + "?version=x").status, 400);
  EXPECT_EQ(get("/api/v1/records/" + created_.id + "?version=99").status, 404);
  EXPECT_EQ(get("/api/v1/records/ark:/99999/mnothere").status, 404);
}

}  // namespace
}  // namespace mura::http
