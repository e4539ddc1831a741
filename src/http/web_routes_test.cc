#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "http/testing/app_testing.h"

namespace mura::http {
namespace {

class WebRoutesTest : public testing::AppTest {
 protected:
  void SetUp() override {
    AppTest::SetUp();
    web_ = root_ / "dist";
    write("index.html", "<!doctype html><title>Mura</title><div id=app></div>");
    write("assets/index-abc123.js", "console.log('mura')");
    write("assets/index-abc123.js.gz", "gzipped bytes");
    write("mirador.html", "<!doctype html><title>Mirador</title>");
    write("favicon.svg", "<svg/>");
    write(".hidden", "secret");
    std::ofstream(root_ / "outside.txt") << "outside the web root";
    options_.web_root = web_.string();
  }

  void write(const std::string& relative, const std::string& text) {
    std::filesystem::create_directories((web_ / relative).parent_path());
    std::ofstream(web_ / relative, std::ios::binary) << text;
  }

  std::filesystem::path web_;
};

TEST_F(WebRoutesTest, ServesIndexAtTheRootWithoutCaching) {
  auto response = get("/");
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(body_of(response), "<!doctype html><title>Mura</title><div id=app></div>");
  EXPECT_EQ(response.header("Content-Type"), "text/html; charset=utf-8");
  EXPECT_EQ(response.header("Cache-Control"), "no-cache");
  EXPECT_NE(response.header("Content-Security-Policy").find("script-src 'self'"), std::string::npos);
  EXPECT_TRUE(response.header("Content-Disposition").empty());
}

TEST_F(WebRoutesTest, EveryPageGetsTheSecurityHeaders) {
  auto page = get("/mirador.html");
  EXPECT_EQ(page.status, 200);
  EXPECT_EQ(body_of(page), "<!doctype html><title>Mirador</title>");
  EXPECT_EQ(page.header("Cache-Control"), "no-cache");
  EXPECT_NE(page.header("Content-Security-Policy").find("script-src 'self'"), std::string::npos);
  EXPECT_EQ(page.header("Referrer-Policy"), "strict-origin-when-cross-origin");
  EXPECT_TRUE(get("/favicon.svg").header("Content-Security-Policy").empty());
}

TEST_F(WebRoutesTest, HashedAssetsAreCachedForAYear) {
  auto response = get("/assets/index-abc123.js");
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(body_of(response), "console.log('mura')");
  EXPECT_EQ(response.header("Content-Type"), "text/javascript; charset=utf-8");
  EXPECT_EQ(response.header("Cache-Control"), "public, max-age=31536000, immutable");
  EXPECT_FALSE(response.header("ETag").empty());
}

TEST_F(WebRoutesTest, OtherFilesAreRevalidated) {
  auto response = get("/favicon.svg");
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(response.header("Content-Type"), "image/svg+xml");
  EXPECT_EQ(response.header("Cache-Control"), "no-cache");
}

TEST_F(WebRoutesTest, AnsweredETagIsNotModified) {
  const std::string etag(get("/assets/index-abc123.js").header("ETag"));
  auto response = get("/assets/index-abc123.js", {{"if-none-match", etag}});
  EXPECT_EQ(response.status, 304);
}

TEST_F(WebRoutesTest, ServesRanges) {
  auto response = get("/assets/index-abc123.js", {{"range", "bytes=0-6"}});
  EXPECT_EQ(response.status, 206);
  EXPECT_EQ(body_of(response), "console");
}

TEST_F(WebRoutesTest, ServesTheGzipCopyOnlyToBrowsersThatTakeIt) {
  auto packed = get("/assets/index-abc123.js", {{"accept-encoding", "gzip, deflate, br"}});
  EXPECT_EQ(packed.status, 200);
  EXPECT_EQ(body_of(packed), "gzipped bytes");
  EXPECT_EQ(packed.header("Content-Encoding"), "gzip");
  EXPECT_EQ(packed.header("Content-Type"), "text/javascript; charset=utf-8");
  EXPECT_EQ(packed.header("Vary"), "Accept-Encoding");
  auto plain = get("/assets/index-abc123.js", {{"accept-encoding", "identity"}});
  EXPECT_EQ(body_of(plain), "console.log('mura')");
  EXPECT_TRUE(plain.header("Content-Encoding").empty());
  EXPECT_NE(plain.header("ETag"), packed.header("ETag"));
}

TEST_F(WebRoutesTest, AppPathsFallBackToIndex) {
  for (const auto* target : {"/search?q=dombra", "/records/ark:/99999/m11kj141jkv",
                             "/kurultai/bills/12", "/curate/upload"}) {
    auto response = get(target);
    EXPECT_EQ(response.status, 200) << target;
    EXPECT_EQ(body_of(response), "<!doctype html><title>Mura</title><div id=app></div>") << target;
    EXPECT_EQ(response.header("Cache-Control"), "no-cache") << target;
  }
}

TEST_F(WebRoutesTest, RecordPagesCarryTheRecordsHeadForSearchEngines) {
  write("index.html",
        "<!doctype html>\n<html>\n<head>\n<title>Mura</title>\n"
        "<meta name=\"description\" content=\"generic\" />\n"
        "<script type=\"module\" src=\"/assets/index-abc123.js\"></script>\n</head>\n"
        "<body><div id=\"app\"></div></body>\n</html>\n");
  record::Record draft;
  draft.kind = record::Kind::kCollection;
  draft.fields["title"] = {{"kk", "Абай мұрасы"}, {"en", "Abai's legacy"}};
  draft.fields["description"] = {{"en", "Letters </script> and songs"}};
  auto open = repository_->create_record(draft, {}, service::Actor{}, "test");
  ASSERT_TRUE(open.has_value()) << open.error().to_string();
  draft.fields["title"] = {{"en", "Closed fonds"}};
  draft.access.metadata = record::AccessLevel::kClosed;
  auto closed = repository_->create_record(draft, {}, service::Actor{}, "test");
  ASSERT_TRUE(closed.has_value()) << closed.error().to_string();

  auto page = get("/records/" + open->id + "?lang=en");
  ASSERT_EQ(page.status, 200);
  EXPECT_EQ(page.header("Content-Type"), "text/html; charset=utf-8");
  const std::string html = body_of(page);
  EXPECT_NE(html.find("<title>Abai&#39;s legacy — Mura</title>"), std::string::npos) << html;
  EXPECT_EQ(html.find("<title>Mura</title>"), std::string::npos) << "one title";
  EXPECT_EQ(html.find("generic"), std::string::npos) << "one description";
  EXPECT_NE(html.find("<meta property=\"og:title\" content=\"Abai&#39;s legacy\">"), std::string::npos);
  EXPECT_NE(html.find("<link rel=\"canonical\" href=\"http://127.0.0.1:8080/" + open->id + "\">"),
            std::string::npos);
  EXPECT_NE(html.find("application/ld+json"), std::string::npos);
  EXPECT_EQ(html.find("</script> and songs"), std::string::npos) << "JSON-LD cannot end its script";
  EXPECT_NE(html.find("/assets/index-abc123.js"), std::string::npos) << "the app still loads";
  EXPECT_LT(html.find("application/ld+json"), html.find("</head>"));
  EXPECT_NE(page.header("Content-Security-Policy").find("script-src 'self'"), std::string::npos);
  EXPECT_NE(body_of(get("/records/" + open->id + "?lang=kk")).find("<title>Абай мұрасы — Mura"),
            std::string::npos);

  // What the public may not see gets the plain app, which asks for the record as its caller.
  const std::string hidden = body_of(get("/records/" + closed->id));
  EXPECT_EQ(hidden.find("Closed fonds"), std::string::npos);
  EXPECT_NE(hidden.find("<title>Mura</title>"), std::string::npos);
  EXPECT_NE(body_of(get("/records/ark:/99999/mnothere")).find("<title>Mura</title>"), std::string::npos);

  // The ARK resolves to the record's page for a browser; programs still get the record itself.
  auto resolved = get("/" + open->id, {{"accept", "text/html"}});
  EXPECT_EQ(resolved.status, 303);
  EXPECT_EQ(resolved.header("Location"), "http://127.0.0.1:8080/records/" + open->id);
  EXPECT_EQ(get("/" + open->id, {{"accept", "application/json"}}).status, 200);
}

TEST_F(WebRoutesTest, MissingAssetsAreNotFoundRatherThanTheApp) {
  EXPECT_EQ(get("/assets/index-gone.js").status, 404);
  EXPECT_EQ(get("/robots.txt").status, 404);
  EXPECT_EQ(get("/assets/chunks").status, 404);
}

TEST_F(WebRoutesTest, NeverLeavesTheWebRoot) {
  for (const auto* target : {"/../outside.txt", "/assets/../../outside.txt",
                             "/assets/%2e%2e/%2e%2e/outside.txt", "/.hidden", "/a\\..\\outside.txt",
                             "/assets/./index-abc123.js"}) {
    auto response = get(target);
    EXPECT_EQ(response.status, 404) << target;
    EXPECT_EQ(body_of(response).find("outside the web root"), std::string::npos) << target;
    EXPECT_EQ(body_of(response).find("secret"), std::string::npos) << target;
  }
}

TEST_F(WebRoutesTest, ServerAreasAnswerAsWithoutTheWebInterface) {
  for (const auto* target : {"/api/v1/nothing", "/api", "/iiif/2/x/info.json", "/oai/more",
                             "/ark:/99999", "/healthz/more", "/metrics/x"}) {
    auto response = get(target);
    EXPECT_EQ(response.status, 404) << target;
    EXPECT_EQ(response.header("Content-Type"), "application/problem+json") << target;
  }
  // A real API route still answers for itself.
  EXPECT_EQ(get("/api/v1/records").status, 200);
  EXPECT_EQ(get("/healthz").status, 200);
}

TEST_F(WebRoutesTest, WritesKeepTheirStatus) {
  // A path of the API that exists for GET only: 405 with the API's own Allow.
  auto refused = send("POST", "/api/v1/records/ark:/99999/m11kj141jkv/versions", "{}");
  EXPECT_EQ(refused.status, 405);
  EXPECT_EQ(refused.header("Allow"), "GET");
  // A path that does not exist in the API: 404, not 405.
  EXPECT_EQ(send("POST", "/api/v1/nothing", "{}").status, 404);
  EXPECT_EQ(send("DELETE", "/iiif/2/x", "").status, 404);
  EXPECT_EQ(send("DELETE", "/iiif/3/x", "").status, 405);
  // The app's pages are read-only.
  auto page = send("POST", "/search", "q=x");
  EXPECT_EQ(page.status, 405);
  EXPECT_EQ(page.header("Allow"), "GET, HEAD");
}

TEST_F(WebRoutesTest, HeadIsServed) {
  auto response = app().handle(testing::make_request("HEAD", "/search"));
  EXPECT_EQ(response.status, 200);
}

TEST_F(WebRoutesTest, UnbuiltInterfaceSaysHowToBuildIt) {
  std::filesystem::remove(web_ / "index.html");
  auto response = get("/search");
  EXPECT_EQ(response.status, 404);
  EXPECT_NE(response.body.find("scripts/web-build"), std::string::npos);
}

using WebRoutesWithoutRootTest = testing::AppTest;

TEST_F(WebRoutesWithoutRootTest, RegistersNothing) {
  // Without --web the server answers pages with 404, as before the web interface existed.
  EXPECT_EQ(get("/search").status, 404);
  EXPECT_EQ(get("/").status, 404);
}

}  // namespace
}  // namespace mura::http
