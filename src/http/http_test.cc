#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <optional>
#include <stdexcept>

#include <nlohmann/json.hpp>

#include "base/testing/status_matchers.h"
#include "http/api_json.h"
#include "http/file_response.h"
#include "http/html.h"
#include "http/message.h"
#include "http/problem.h"
#include "http/router.h"

namespace mura::http {
namespace {

using ::mura::testing::StatusIs;
using ::testing::HasSubstr;

TEST(PercentDecodeTest, DecodesAndRejects) {
  struct Case {
    const char* input;
    bool plus_is_space;
    const char* expected;  // nullptr: an error
  } cases[] = {
      {"abc", false, "abc"},
      {"a%20b", false, "a b"},
      {"ark%3A%2F99999%2Fmx", false, "ark:/99999/mx"},
      {"a+b", false, "a+b"},
      {"a+b", true, "a b"},
      {"%D0%90%D0%B1%D0%B0%D0%B9", false, "Абай"},
      {"%", false, nullptr},
      {"%4", false, nullptr},
      {"%zz", false, nullptr},
      {"a%00b", false, nullptr},
  };
  for (const auto& test : cases) {
    SCOPED_TRACE(test.input);
    auto decoded = percent_decode(test.input, test.plus_is_space);
    if (test.expected == nullptr) {
      EXPECT_THAT(decoded, StatusIs(StatusCode::kInvalidArgument));
    } else {
      ASSERT_TRUE(decoded.has_value());
      EXPECT_EQ(*decoded, test.expected);
    }
  }
  EXPECT_EQ(percent_encode("ark:/9 9"), "ark%3A%2F9%209");
}

TEST(ParseQueryTest, KeepsOrderAndRepeats) {
  ASSERT_OK_AND_ASSIGN(auto fields, parse_query("verb=List&set=a&set=b&&flag&q=%D0%90+b"));
  ASSERT_EQ(fields.size(), 5u);
  EXPECT_EQ(fields[0], (std::pair<std::string, std::string>{"verb", "List"}));
  EXPECT_EQ(fields[2].second, "b");
  EXPECT_EQ(fields[3], (std::pair<std::string, std::string>{"flag", ""}));
  EXPECT_EQ(fields[4].second, "А b");
  EXPECT_THAT(parse_query("a=%G1"), StatusIs(StatusCode::kInvalidArgument));
}

TEST(ParseRangeTest, EveryForm) {
  struct Case {
    const char* header;
    std::uint64_t size;
    std::vector<ByteRange> expected;  // empty: InvalidArgument
  } cases[] = {
      {"bytes=0-99", 1000, {{0, 99}}},
      {"bytes=100-", 1000, {{100, 999}}},
      {"bytes=-500", 1000, {{500, 999}}},
      {"bytes=-5000", 1000, {{0, 999}}},
      {"bytes=0-0, 10-20", 1000, {{0, 0}, {10, 20}}},
      {"bytes=990-2000", 1000, {{990, 999}}},
      {"bytes=0-99,5000-6000", 1000, {{0, 99}}},
      {" bytes=1-2 ", 10, {{1, 2}}},
      {"bytes=1000-", 1000, {}},
      {"bytes=5-1", 1000, {}},
      {"bytes=a-b", 1000, {}},
      {"bytes=", 1000, {}},
      {"bytes=-0", 1000, {}},
      {"items=0-1", 1000, {}},
      {"bytes=0-1,2-3,4-5,6-7,8-9,10-11,12-13,14-15,16-17,18-19,20-21,22-23,24-25,26-27,28-29,"
       "30-31,32-33",
       1000,
       {}},
  };
  for (const auto& test : cases) {
    SCOPED_TRACE(test.header);
    auto ranges = parse_range(test.header, test.size);
    if (test.expected.empty()) {
      EXPECT_THAT(ranges, StatusIs(StatusCode::kInvalidArgument));
    } else {
      ASSERT_TRUE(ranges.has_value()) << ranges.error().message();
      EXPECT_EQ(*ranges, test.expected);
    }
  }
}

TEST(RouterTest, MatchesArksRestAndMethods) {
  Router router;
  auto echo = [](std::string name) {
    return [name](Context& context) -> Result<Response> {
      std::string text = name;
      for (const auto& [key, value] : context.parameters) text += " " + key + "=" + value;
      return Response::text(200, text, "text/plain");
    };
  };
  router.add("GET", "/api/v1/records/{ark}", echo("record"));
  router.add("DELETE", "/api/v1/records/{ark}", echo("delete"));
  router.add("GET", "/api/v1/records/{ark}/files/{path*}", echo("file"));
  router.add("GET", "/api/v1/records/{ark}/versions/{version}", echo("version"));
  router.add("GET", "/{ark}", echo("ark"));
  router.add("GET", "/fail", [](Context&) -> Result<Response> {
    return not_found_error("nothing here");
  });

  struct Case {
    const char* method;
    const char* path;
    int status;
    const char* body;  // substring
  } cases[] = {
      {"GET", "/api/v1/records/ark:/99999/mabc", 200, "record ark=ark:/99999/mabc"},
      {"HEAD", "/api/v1/records/ark:/99999/mabc", 200, "record"},
      {"GET", "/api/v1/records/ark:/99999/mabc/files/scans/p1.tif", 200,
       "path=scans/p1.tif"},
      {"GET", "/api/v1/records/ark:/99999/mabc/versions/2", 200, "version=2"},
      {"GET", "/ark:/99999/mabc", 200, "ark ark=ark:/99999/mabc"},
      {"GET", "/api/v1/records/ark:/99999", 404, "nothing is at"},
      {"GET", "/api/v1/records/mabc", 404, "nothing is at"},
      {"GET", "/api/v1/records/ark:/99999/mabc/files", 404, ""},
      {"PUT", "/api/v1/records/ark:/99999/mabc", 405, "allowed: GET, DELETE"},
      {"GET", "/fail", 404, "nothing here"},
  };
  for (const auto& test : cases) {
    SCOPED_TRACE(std::string(test.method) + " " + test.path);
    Request request;
    request.method = test.method;
    request.path = test.path;
    const auto response = router.dispatch(request, access::Caller::anonymous(), "2026-11-28");
    EXPECT_EQ(response.status, test.status);
    EXPECT_THAT(response.body, HasSubstr(test.body));
    if (test.status >= 400) {
      EXPECT_EQ(response.header("Content-Type"), "application/problem+json");
    }
  }
}

TEST(RouterTest, RunsAFastPathOnlyWhereOneIsAddedAndAnswers) {
  Router router;
  router.add("GET", "/a/{name}", [](Context&) -> Result<Response> {
    return Response::text(200, "full", "text/plain");
  });
  router.add_inline("GET", "/a/{name}", [](Context& context) -> std::optional<Result<Response>> {
    if (context.parameter("name") == "miss") return std::nullopt;
    if (context.parameter("name") == "bad") return Result<Response>(invalid_argument_error("bad name"));
    return Result<Response>(Response::text(200, "fast " + context.parameter("name"), "text/plain"));
  });
  router.add("GET", "/b", [](Context&) -> Result<Response> {
    return Response::text(200, "b", "text/plain");
  });
  EXPECT_DEATH(router.add_inline("GET", "/a/{name}", {}), "routes_.back") << "not the last route";

  auto inline_get = [&](const char* method, const char* path) {
    Request request;
    request.method = method;
    request.path = path;
    return router.dispatch_inline(request, access::Caller::anonymous(), "2026-11-28");
  };
  auto hit = inline_get("GET", "/a/x");
  ASSERT_TRUE(hit);
  EXPECT_EQ(hit->body, "fast x");
  EXPECT_EQ(hit->route, "/a/{name}");
  ASSERT_TRUE(inline_get("HEAD", "/a/x"));
  auto bad = inline_get("GET", "/a/bad");
  ASSERT_TRUE(bad);
  EXPECT_EQ(bad->status, 400);
  EXPECT_THAT(bad->body, HasSubstr("bad name"));
  EXPECT_FALSE(inline_get("GET", "/a/miss"));
  EXPECT_FALSE(inline_get("GET", "/b")) << "no fast path";
  EXPECT_FALSE(inline_get("POST", "/a/x")) << "405 is the full dispatch's answer";
  EXPECT_FALSE(inline_get("GET", "/nothing"));
}

TEST(ProblemTest, MapsEveryCodeAndHidesInternals) {
  EXPECT_EQ(http_status_for(StatusCode::kNotFound), 404);
  EXPECT_EQ(http_status_for(StatusCode::kInvalidArgument), 400);
  EXPECT_EQ(http_status_for(StatusCode::kAborted), 409);
  EXPECT_EQ(http_status_for(StatusCode::kPermissionDenied), 403);
  EXPECT_EQ(http_status_for(StatusCode::kUnauthenticated), 401);
  EXPECT_EQ(http_status_for(StatusCode::kResourceExhausted), 429);
  EXPECT_EQ(http_status_for(StatusCode::kUnavailable), 503);
  EXPECT_EQ(http_status_for(StatusCode::kUnimplemented), 501);
  EXPECT_EQ(http_status_for(StatusCode::kDataLoss), 500);

  auto problem = problem_response(Status(StatusCode::kInvalidArgument, "field \"x\" is bad"), "/p");
  auto body = nlohmann::json::parse(problem.body);
  EXPECT_EQ(body["status"], 400);
  EXPECT_EQ(body["detail"], "field \"x\" is bad");
  EXPECT_EQ(body["instance"], "/p");
  EXPECT_EQ(body["code"], "invalid_argument");

  auto internal = problem_response(Status(StatusCode::kInternal, "sqlite: /secret/path"), "/p");
  EXPECT_THAT(internal.body, ::testing::Not(HasSubstr("secret")));
}

TEST(HttpDateTest, FormatsImfFixdate) {
  EXPECT_EQ(http_date("2026-11-28T10:05:09Z"), "Sat, 28 Nov 2026 10:05:09 GMT");
  EXPECT_EQ(http_date("garbage"), "");
}

TEST(HtmlTest, EscapesAndPicksLanguage) {
  EXPECT_EQ(escape_html("<a href=\"x\">'&'</a>"),
            "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
  Request request;
  request.headers = {{"accept-language", "de-DE, ru-RU;q=0.8, en;q=0.5"}};
  EXPECT_EQ(language_of(request), "ru");
  request.headers = {{"cookie", "a=b; mura_lang=kk-Latn"}};
  EXPECT_EQ(language_of(request), "kk-Latn");
  request.query = {{"lang", "en"}};
  EXPECT_EQ(language_of(request), "en");
  EXPECT_EQ(language_of(Request{}), "kk");

  record::Record record;
  record.id = "ark:/99999/mx";
  record.kind = record::Kind::kMuseumObject;
  record.fields["title"] = {{"en", "A </script><b>bold</b> title"}};
  const auto page = record_page(record, "http://h", "en");
  EXPECT_THAT(page, HasSubstr("<title>A &lt;/script&gt;&lt;b&gt;bold"));
  EXPECT_THAT(page, ::testing::Not(HasSubstr("A </script>")));
  EXPECT_THAT(page, HasSubstr("\"@type\":\"VisualArtwork\""));
}

TEST(RecordBodyTest, RejectsBadBodiesByMember) {
  struct Case {
    const char* body;
    bool update;
    const char* message;  // nullptr: valid
  } cases[] = {
      {R"({"kind":"artwork","fields":{"title":[{"lang":"en","value":"X"}]}})", false, nullptr},
      {R"({"kind":"artwork","fields":{},"version":2})", true, nullptr},
      {"not json", false, "not valid JSON"},
      {"[1]", false, "must be a JSON object"},
      {R"({"kind":"artwork","colour":"red"})", false, "unknown member \"colour\""},
      {R"({"kind":"spaceship"})", false, "\"spaceship\" is not a record kind"},
      {R"({"kind":"artwork","fields":{"title":"X"}})", false, "fields.title"},
      {R"({"kind":"artwork","fields":{"title":[{"value":5}]}})", false, "fields.title[0].value"},
      {R"({"kind":"artwork"})", true, "\"version\" must be the version you read"},
      {R"({"kind":"artwork","version":1})", false, "only for updates"},
      {R"({"kind":"artwork","files":[{"path":"a.tif"}]})", false, "files[0]"},
      {R"({"kind":"artwork","files":[{"path":"a","upload":"u","x":1}]})", false, "unknown member \"x\""},
  };
  for (const auto& test : cases) {
    SCOPED_TRACE(test.body);
    auto decoded = decode_record_body(test.body, test.update);
    if (test.message == nullptr) {
      EXPECT_TRUE(decoded.has_value()) << decoded.error().message();
    } else {
      EXPECT_THAT(decoded, StatusIs(StatusCode::kInvalidArgument, HasSubstr(test.message)));
    }
  }
}

TEST(RecordJsonTest, PicksLanguageWithVisibleFallback) {
  record::Record record;
  record.id = "ark:/99999/mx";
  record.kind = record::Kind::kArtwork;
  record.fields["title"] = {{"kk", "Көкпар"}, {"ru", "Кокпар"}};
  record.fields["description"] = {{"kk", "Ат ойыны"}};
  record.fields["date"] = {{"", "1960"}};
  record.files = {{"a.tif", "abc", 3, "image/tiff", "", ""}};
  auto json = record_json(record, RecordView{"http://h", "ru", false});
  EXPECT_EQ(json["fields"]["title"].size(), 1u);
  EXPECT_EQ(json["fields"]["title"][0]["value"], "Кокпар");
  EXPECT_FALSE(json["fields"]["title"][0].contains("fallback"));
  EXPECT_EQ(json["fields"]["description"][0]["value"], "Ат ойыны");
  EXPECT_EQ(json["fields"]["description"][0]["fallback"], true);
  EXPECT_EQ(json["fields"]["date"][0]["value"], "1960");
  EXPECT_FALSE(json.contains("files"));
  EXPECT_EQ(json["files_available"], false);
  auto open = record_json(record, RecordView{"http://h", "", true});
  EXPECT_EQ(open["files"][0]["url"], "http://h/api/v1/records/ark:/99999/mx/files/a.tif");
}

}  // namespace
}  // namespace mura::http
