// The authenticator and the accounts API through a real App: sign-in, sessions with CSRF tokens,
// API tokens with scopes, every endpoint as every kind of caller, and bad input of every kind.
#include <cstdlib>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "access/accounts.h"
#include "http/testing/app_testing.h"

namespace mura::http {
namespace {

using testing::AppTest;
using ::testing::HasSubstr;
using ::testing::StartsWith;

struct Credentials {
  Fields headers;  // what a request carries
  std::string csrf;
};

enum class Who {
  kAnonymous,
  kBadToken,
  kBasicAuth,
  kStaleCookie,
  kReader,
  kCurator,
  kAdministrator,
  kAdministratorWithoutCsrf,
  kReadToken,
  kWriteToken,
};

std::string name_of(Who who) {
  switch (who) {
    case Who::kAnonymous:
      return "anonymous";
    case Who::kBadToken:
      return "bad token";
    case Who::kBasicAuth:
      return "basic auth";
    case Who::kStaleCookie:
      return "stale cookie";
    case Who::kReader:
      return "reader";
    case Who::kCurator:
      return "curator";
    case Who::kAdministrator:
      return "administrator";
    case Who::kAdministratorWithoutCsrf:
      return "administrator without CSRF token";
    case Who::kReadToken:
      return "read token";
    case Who::kWriteToken:
      return "write token";
  }
  return "?";
}

constexpr Who kEveryone[] = {
    Who::kAnonymous, Who::kBadToken,  Who::kBasicAuth,     Who::kStaleCookie,
    Who::kReader,    Who::kCurator,   Who::kAdministrator, Who::kAdministratorWithoutCsrf,
    Who::kReadToken, Who::kWriteToken};

class AuthRoutesTest : public AppTest {
 protected:
  void SetUp() override {
    AppTest::SetUp();
    record::Record collection;
    collection.kind = record::Kind::kCollection;
    collection.fields["title"] = {{"kk", "Қор"}};
    auto created = repository_->create_record(collection, {}, service::Actor{"root", ""}, "");
    ASSERT_TRUE(created.has_value()) << created.error().to_string();
    collection_ = created->id;
    public_ = add_item("Ашық", record::AccessLevel::kPublic, "");
    closed_ = add_item("Жабық", record::AccessLevel::kClosed, "");
    flagged_ = add_item("Өтініш", record::AccessLevel::kPublic, "ИИН 870412300416, a@b.kz");

    access::Accounts accounts(repository_->catalog().accounts(), {});
    ASSERT_TRUE(accounts.add_user("root", "Root", "root password", {"admin"}, "test"));
    ASSERT_TRUE(
        accounts.add_user("cura", "Curator", "cura password", {"curator:" + collection_}, "test"));
    ASSERT_TRUE(accounts.add_user("ana", "Ана", "ana password", {"group:staff"}, "test"));
    auto read = accounts.create_token("root", access::TokenScope::kRead, 1, "", "test");
    auto write = accounts.create_token("root", access::TokenScope::kWrite, 1, "", "test");
    ASSERT_TRUE(read && write);
    read_token_ = read->secret;
    write_token_ = write->secret;
  }

  std::string add_item(const std::string& title, record::AccessLevel level,
                       const std::string& description) {
    record::Record draft;
    draft.kind = record::Kind::kArchivalUnit;
    draft.level = "item";
    draft.parent = collection_;
    draft.fields["title"] = {{"kk", title}};
    draft.fields["reference_code"] = {{"", "KZ/" + title}};
    if (!description.empty()) draft.fields["description"] = {{"ru", description}};
    draft.access.metadata = level;
    draft.access.files = level;
    auto created = repository_->create_record(draft, {}, service::Actor{"root", ""}, "");
    EXPECT_TRUE(created.has_value()) << created.error().to_string();
    return created ? created->id : "";
  }

  // Signs in; the cookie and CSRF token of the new session.
  Credentials sign_in(const std::string& name, const std::string& password) {
    auto response = send("POST", "/api/v1/session",
                         nlohmann::json{{"name", name}, {"password", password}}.dump());
    EXPECT_EQ(response.status, 200) << response.body;
    const std::string cookie(response.header("Set-Cookie"));
    Credentials credentials;
    credentials.headers = {{"cookie", cookie.substr(0, cookie.find(';'))}};
    credentials.csrf = json_of(response).value("csrf_token", "");
    return credentials;
  }

  Fields headers_of(Who who, const std::string& method) {
    const bool unsafe = method != "GET" && method != "HEAD";
    auto session = [&](const std::string& name, bool with_csrf) {
      Credentials credentials = sign_in(name, name + " password");
      if (unsafe && with_csrf) credentials.headers.push_back({"x-csrf-token", credentials.csrf});
      return credentials.headers;
    };
    switch (who) {
      case Who::kAnonymous:
        return {};
      case Who::kBadToken:
        return {{"authorization", "Bearer mura_0123456789abcdef_nope"}};
      case Who::kBasicAuth:
        return {{"authorization", "Basic cm9vdDpyb290"}};
      case Who::kStaleCookie:
        return {{"cookie", "mura_session=stale"}};
      case Who::kReader:
        return session("ana", true);
      case Who::kCurator:
        return session("cura", true);
      case Who::kAdministrator:
        return session("root", true);
      case Who::kAdministratorWithoutCsrf:
        return session("root", false);
      case Who::kReadToken:
        return {{"authorization", "Bearer " + read_token_}};
      case Who::kWriteToken:
        return {{"authorization", "bearer " + write_token_}};
    }
    return {};
  }

  Response as(Who who, const std::string& method, const std::string& target,
              const std::string& body = "") {
    return send(method, target, body, headers_of(who, method));
  }

  std::string collection_, public_, closed_, flagged_;
  std::string read_token_, write_token_;
};

TEST_F(AuthRoutesTest, SignInGivesASessionCookieAndItsCsrfToken) {
  auto response = send("POST", "/api/v1/session", R"({"name":"cura","password":"cura password"})");
  ASSERT_EQ(response.status, 200) << response.body;
  const std::string cookie(response.header("Set-Cookie"));
  EXPECT_THAT(cookie, ::testing::MatchesRegex(
                          "mura_session=[A-Za-z0-9_-]{43}; HttpOnly; SameSite=Strict; Path=/"));
  auto session = json_of(response);
  EXPECT_EQ(session["user"], "cura");
  EXPECT_EQ(session["display_name"], "Curator");
  EXPECT_EQ(session["roles"], nlohmann::json({"reader", "curator", "curator:" + collection_}));
  EXPECT_EQ(session["csrf_token"].get<std::string>().size(), 43u);
  EXPECT_THAT(session["expires"].get<std::string>(),
              ::testing::MatchesRegex("[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z"));
  EXPECT_EQ(session.size(), 5u) << "exactly the contract's members";
  EXPECT_EQ(response.header("Cache-Control"), "no-store");

  const Fields with_cookie = {{"cookie", "theme=dark; " + cookie.substr(0, cookie.find(';'))}};
  auto again = get("/api/v1/session", with_cookie);
  ASSERT_EQ(again.status, 200);
  EXPECT_EQ(json_of(again), session);

  // The session makes the caller a curator: the closed record is readable.
  EXPECT_EQ(get("/api/v1/records/" + closed_, with_cookie).status, 200);
  EXPECT_EQ(get("/api/v1/records/" + closed_).status, 404);

  // Logging out is an unsafe method: it needs the CSRF token too.
  EXPECT_EQ(send("DELETE", "/api/v1/session", "", with_cookie).status, 403);
  Fields logout = with_cookie;
  logout.push_back({"x-csrf-token", session["csrf_token"]});
  auto ended = send("DELETE", "/api/v1/session", "", logout);
  EXPECT_EQ(ended.status, 204);
  EXPECT_THAT(std::string(ended.header("Set-Cookie")), HasSubstr("Max-Age=0"));
  EXPECT_EQ(get("/api/v1/session", with_cookie).status, 401);
  EXPECT_EQ(get("/api/v1/records/" + closed_, with_cookie).status, 401)
      << "an ended session on the API is told, not silently anonymous";
  EXPECT_EQ(get("/healthz", with_cookie).status, 200) << "pages stay readable";
  EXPECT_EQ(send("DELETE", "/api/v1/session", "", with_cookie).status, 204);
  EXPECT_EQ(
      send("POST", "/api/v1/session", R"({"name":"cura","password":"cura password"})", with_cookie)
          .status,
      200)
      << "a stale cookie does not stop a new sign-in";
  EXPECT_EQ(get("/api/v1/session").status, 401);
}

TEST_F(AuthRoutesTest, WrongPasswordsAreAlikeAndLimited) {
  auto wrong = send("POST", "/api/v1/session", R"({"name":"ana","password":"not hers"})");
  auto unknown = send("POST", "/api/v1/session", R"({"name":"nobody","password":"not hers"})");
  EXPECT_EQ(wrong.status, 401);
  EXPECT_EQ(unknown.status, 401);
  EXPECT_EQ(json_of(wrong)["detail"], json_of(unknown)["detail"]);
  EXPECT_EQ(wrong.header("Set-Cookie"), "");
  for (int i = 0; i < 4; ++i) {
    EXPECT_EQ(send("POST", "/api/v1/session", R"({"name":"ana","password":"guess"})").status, 401);
  }
  auto limited = send("POST", "/api/v1/session", R"({"name":"ana","password":"ana password"})");
  EXPECT_EQ(limited.status, 429) << "five failures: even the right password waits";
  EXPECT_FALSE(limited.header("Retry-After").empty());
  EXPECT_EQ(send("POST", "/api/v1/session", R"({"name":"cura","password":"cura password"})").status,
            200)
      << "another name from the same client is not yet limited";
}

TEST_F(AuthRoutesTest, TokensAuthenticateAndTheirScopeHolds) {
  EXPECT_EQ(get("/api/v1/users", {{"authorization", "Bearer " + read_token_}}).status, 200);
  auto read_only =
      send("POST", "/api/v1/uploads", "bytes", {{"authorization", "Bearer " + read_token_}});
  EXPECT_EQ(read_only.status, 403);
  EXPECT_THAT(json_of(read_only)["detail"].get<std::string>(), HasSubstr("scope write"));
  EXPECT_EQ(send("POST", "/api/v1/uploads", "bytes", {{"authorization", "Bearer " + write_token_}})
                .status,
            201)
      << "a token needs no CSRF token";
  auto bad = get("/api/v1/records/" + public_, {{"authorization", "Bearer garbage"}});
  EXPECT_EQ(bad.status, 401);
  EXPECT_EQ(bad.header("Content-Type"), "application/problem+json");
  EXPECT_EQ(bad.header("WWW-Authenticate"), "Bearer realm=\"mura\"");
  EXPECT_EQ(get("/api/v1/records/" + public_, {{"authorization", "Token x"}}).status, 401);

  // A token for a user, shown once, then revoked.
  const Fields admin = {{"authorization", "Bearer " + write_token_}};
  auto issued = send("POST", "/api/v1/users/ana/tokens", R"({"scope":"read","days":2})", admin);
  ASSERT_EQ(issued.status, 201) << issued.body;
  const std::string secret = json_of(issued)["token"];
  const std::string id = json_of(issued)["id"];
  EXPECT_EQ(get("/api/v1/records/" + public_, {{"authorization", "Bearer " + secret}}).status, 200);
  auto user = json_of(get("/api/v1/users/ana", admin));
  ASSERT_EQ(user["tokens"].size(), 1u);
  EXPECT_FALSE(user["tokens"][0].contains("token")) << "the secret is never listed";
  EXPECT_EQ(send("DELETE", "/api/v1/tokens/" + id, "", admin).status, 204);
  EXPECT_EQ(get("/api/v1/records/" + public_, {{"authorization", "Bearer " + secret}}).status, 401);
  EXPECT_EQ(send("DELETE", "/api/v1/tokens/" + id, "", admin).status, 204) << "revoked again";
  EXPECT_EQ(send("DELETE", "/api/v1/tokens/ffffffffffffffff", "", admin).status, 404);
  EXPECT_EQ(send("DELETE", "/api/v1/tokens/not-an-id", "", admin).status, 400);
}

// Every endpoint as every kind of caller.
TEST_F(AuthRoutesTest, EveryEndpointAsEveryCaller) {
  struct Endpoint {
    std::string method;
    std::function<std::string(int)> target;
    std::function<std::string(int)> body;
    int success;  // what an administrator gets
  };
  auto fixed = [](std::string text) { return [text](int) { return text; }; };
  auto user_name = [](int n) { return "u" + std::to_string(n); };
  int counter = 0;
  // Users the mutating endpoints act on, one per request.
  auto fresh_user = [&](int n) {
    access::Accounts accounts(repository_->catalog().accounts(), {});
    EXPECT_TRUE(accounts.add_user(user_name(n), "", "a long password", {}, "test"));
    return user_name(n);
  };
  auto fresh_token = [&](int n) {
    access::Accounts accounts(repository_->catalog().accounts(), {});
    auto token = accounts.create_token("ana", access::TokenScope::kRead, 1, "", "test");
    EXPECT_TRUE(token.has_value());
    (void)n;
    return token ? token->token.id : "";
  };
  const std::vector<Endpoint> admin_endpoints = {
      {"GET", fixed("/api/v1/users"), fixed(""), 200},
      {"POST", fixed("/api/v1/users"),
       [](int n) {
         return nlohmann::json{{"name", "new" + std::to_string(n)},
                               {"password", "a long password"},
                               {"roles", {"group:staff"}}}
             .dump();
       },
       201},
      {"GET", fixed("/api/v1/users/ana"), fixed(""), 200},
      {"PATCH", [&](int n) { return "/api/v1/users/" + fresh_user(n); },
       fixed(R"({"display_name":"Renamed","roles":["group:board"]})"), 200},
      {"DELETE", [&](int n) { return "/api/v1/users/" + fresh_user(n); }, fixed(""), 204},
      {"POST", fixed("/api/v1/users/ana/tokens"), fixed(R"({"scope":"write"})"), 201},
      {"DELETE", [&](int n) { return "/api/v1/tokens/" + fresh_token(n); }, fixed(""), 204},
      {"GET", fixed("/api/v1/groups"), fixed(""), 200},
      {"POST", fixed("/api/v1/groups"),
       [](int n) {
         return nlohmann::json{{"name", "g" + std::to_string(n)}}.dump();
       },
       201},
      {"GET", fixed("/api/v1/audit?limit=5"), fixed(""), 200},
      {"GET", fixed("/api/v1/audit/verify"), fixed(""), 200},
  };
  for (const auto& endpoint : admin_endpoints) {
    for (Who who : kEveryone) {
      const int n = 1000 + counter++;
      const std::string target = endpoint.target(n);
      SCOPED_TRACE(endpoint.method + " " + target + " as " + name_of(who));
      const bool safe = endpoint.method == "GET";
      int expected = 0;
      switch (who) {
        case Who::kAnonymous:
          expected = 401;
          break;
        case Who::kBadToken:
        case Who::kBasicAuth:
        case Who::kStaleCookie:
          expected = 401;
          break;
        case Who::kReader:
        case Who::kCurator:
          expected = 403;
          break;
        case Who::kAdministrator:
        case Who::kWriteToken:
          expected = endpoint.success;
          break;
        case Who::kAdministratorWithoutCsrf:
        case Who::kReadToken:
          expected = safe ? endpoint.success : 403;
          break;
      }
      auto response = as(who, endpoint.method, target, endpoint.body(n));
      EXPECT_EQ(response.status, expected) << response.body;
      if (response.status >= 400) {
        EXPECT_EQ(response.header("Content-Type"), "application/problem+json");
      }
    }
  }

  // Curators' endpoints.
  for (Who who : kEveryone) {
    SCOPED_TRACE(name_of(who));
    const std::map<Who, int> review_list = {
        {Who::kAnonymous, 401},     {Who::kBadToken, 401},
        {Who::kBasicAuth, 401},     {Who::kStaleCookie, 401},
        {Who::kReader, 403},        {Who::kCurator, 200},
        {Who::kAdministrator, 200}, {Who::kAdministratorWithoutCsrf, 200},
        {Who::kReadToken, 200},     {Who::kWriteToken, 200}};
    EXPECT_EQ(as(who, "GET", "/api/v1/review").status, review_list.at(who));
    // The public record waits for no review: who may decide hears so (412).
    const std::map<Who, int> review_public = {
        {Who::kAnonymous, 401},     {Who::kBadToken, 401},
        {Who::kBasicAuth, 401},     {Who::kStaleCookie, 401},
        {Who::kReader, 403},        {Who::kCurator, 412},
        {Who::kAdministrator, 412}, {Who::kAdministratorWithoutCsrf, 403},
        {Who::kReadToken, 403},     {Who::kWriteToken, 412}};
    EXPECT_EQ(as(who, "POST", "/api/v1/review/" + public_, R"({"decision":"clear"})").status,
              review_public.at(who));
    // The session endpoints.
    const std::map<Who, int> session_status = {
        {Who::kAnonymous, 401},     {Who::kBadToken, 401},
        {Who::kBasicAuth, 401},     {Who::kStaleCookie, 401},
        {Who::kReader, 200},        {Who::kCurator, 200},
        {Who::kAdministrator, 200}, {Who::kAdministratorWithoutCsrf, 200},
        {Who::kReadToken, 401},     {Who::kWriteToken, 401}};
    EXPECT_EQ(as(who, "GET", "/api/v1/session").status, session_status.at(who));
  }
}

TEST_F(AuthRoutesTest, BadInputIsRefusedAndChangesNothing) {
  Credentials root = sign_in("root", "root password");
  Fields admin = root.headers;
  admin.push_back({"x-csrf-token", root.csrf});
  struct Case {
    std::string method;
    std::string target;
    std::string body;
    int status;
    std::string detail;
  } cases[] = {
      {"POST", "/api/v1/session", "{", 400, "not valid JSON"},
      {"POST", "/api/v1/session", "[]", 400, "JSON object"},
      {"POST", "/api/v1/session", R"({"name":"root"})", 400, "\"password\" is required"},
      {"POST", "/api/v1/session", R"({"name":1,"password":"x"})", 400, "\"name\" must be a string"},
      {"POST", "/api/v1/session", R"({"name":"root","password":"x","remember":true})", 400,
       "unknown member \"remember\""},
      {"POST", "/api/v1/users", "not json", 400, "not valid JSON"},
      {"POST", "/api/v1/users", R"({"name":"x1","password":"a long password","admin":true})", 400,
       "unknown member \"admin\""},
      {"POST", "/api/v1/users", R"({"name":"x1","password":12345678})", 400, "must be a string"},
      {"POST", "/api/v1/users", R"({"name":"x1","password":"a long password","roles":"admin"})",
       400, "array of strings"},
      {"POST", "/api/v1/users", R"({"name":"x1","password":"a long password","roles":[1]})", 400,
       "\"roles[0]\" must be a string"},
      {"POST", "/api/v1/users", R"({"name":"x1","password":"a long password","roles":["curator"]})",
       400, "say which collection"},
      {"POST", "/api/v1/users", R"({"name":"x1","password":"short"})", 400, "at least 8"},
      {"POST", "/api/v1/users", R"({"name":"../x","password":"a long password"})", 400,
       "user name"},
      {"POST", "/api/v1/users", R"({"name":"ana","password":"a long password"})", 409, "already"},
      {"GET", "/api/v1/users/nobody", "", 404, "no user"},
      {"GET", "/api/v1/users/a%20b", "", 400, "user name"},
      {"PATCH", "/api/v1/users/ana", R"({"disabled":"yes"})", 400, "true or false"},
      {"PATCH", "/api/v1/users/ana", R"({"password":"short"})", 400, "at least 8"},
      {"PATCH", "/api/v1/users/ana", R"({"roles":["group:ok","bogus"]})", 400, "bogus"},
      {"PATCH", "/api/v1/users/ana", R"({"name":"other"})", 400, "unknown member \"name\""},
      {"PATCH", "/api/v1/users/nobody", R"({"display_name":"x"})", 404, "no user"},
      {"DELETE", "/api/v1/users/root", "", 412, "own account"},
      {"DELETE", "/api/v1/users/nobody", "", 404, "no user"},
      {"POST", "/api/v1/users/ana/tokens", R"({"scope":"admin"})", 400, "\"read\" or \"write\""},
      {"POST", "/api/v1/users/ana/tokens", R"({"days":"7"})", 400, "whole number"},
      {"POST", "/api/v1/users/ana/tokens", R"({"days":0})", 400, "1 to 3650"},
      {"POST", "/api/v1/users/ana/tokens", R"({"days":1.5})", 400, "whole number"},
      {"POST", "/api/v1/users/ana/tokens", R"({"expires":"2030-01-01"})", 400, "unknown member"},
      {"POST", "/api/v1/users/nobody/tokens", "{}", 404, "no user"},
      {"POST", "/api/v1/groups", "{}", 400, "\"name\" is required"},
      {"POST", "/api/v1/groups", R"({"name":"a|b"})", 400, "group name"},
      {"POST", "/api/v1/groups", R"({"name":"staff"})", 409, "already"},
      {"GET", "/api/v1/audit?limit=0", "", 400, "limit"},
      {"GET", "/api/v1/audit?cursor=abc", "", 400, "cursor"},
      {"GET", "/api/v1/audit?bogus=1", "", 400, "unknown query argument"},
      {"GET", "/api/v1/review?limit=x", "", 400, "limit"},
      {"GET", "/api/v1/review?cursor=!!", "", 400, "cursor"},
      {"POST", "/api/v1/review/" + flagged_, R"({"decision":"approve"})", 400, "\"clear\""},
      {"POST", "/api/v1/review/" + flagged_, R"({"verdict":"clear"})", 400, "unknown member"},
      {"POST", "/api/v1/review/" + flagged_, "[1]", 400, "JSON object"},
      {"POST", "/api/v1/review/ark:/99999/nothing", "{}", 404, "no record"},
  };
  for (const auto& test : cases) {
    SCOPED_TRACE(test.method + " " + test.target + " " + test.body);
    auto response = send(test.method, test.target, test.body, admin);
    EXPECT_EQ(response.status, test.status) << response.body;
    EXPECT_THAT(json_of(response)["detail"].get<std::string>(), HasSubstr(test.detail));
  }
  // Nothing changed: the users, the groups and the flagged record are as they were.
  auto users = json_of(get("/api/v1/users", admin));
  EXPECT_EQ(users["items"].size(), 3u);
  EXPECT_EQ(json_of(get("/api/v1/users/ana", admin))["roles"],
            nlohmann::json({"reader", "group:staff"}));
  auto flagged = repository_->catalog().get_record(flagged_);
  ASSERT_TRUE(flagged && *flagged);
  EXPECT_TRUE((*flagged)->access.review_pending);
}

TEST_F(AuthRoutesTest, UsersGroupsAndRolesAreManaged) {
  const Fields admin = {{"authorization", "Bearer " + write_token_}};
  auto created = send("POST", "/api/v1/users",
                      R"({"name":"bek","display_name":"Бек","password":"bek password",
                          "roles":["group:board"]})",
                      admin);
  ASSERT_EQ(created.status, 201) << created.body;
  EXPECT_THAT(std::string(created.header("Location")), HasSubstr("/api/v1/users/bek"));
  EXPECT_EQ(json_of(created)["roles"], nlohmann::json({"reader", "group:board"}));
  EXPECT_FALSE(json_of(created).contains("password_hash"));

  auto patched = send("PATCH", "/api/v1/users/bek",
                      nlohmann::json{{"roles", {"admin", "curator:" + collection_}},
                                     {"password", "new bek password"}}
                          .dump(),
                      admin);
  ASSERT_EQ(patched.status, 200) << patched.body;
  EXPECT_EQ(json_of(patched)["roles"],
            nlohmann::json({"reader", "curator", "admin", "curator:" + collection_}));
  EXPECT_EQ(
      send("POST", "/api/v1/session", R"({"name":"bek","password":"new bek password"})").status,
      200);
  auto disabled = send("PATCH", "/api/v1/users/bek", R"({"disabled":true})", admin);
  EXPECT_TRUE(json_of(disabled)["disabled"].get<bool>());
  EXPECT_EQ(
      send("POST", "/api/v1/session", R"({"name":"bek","password":"new bek password"})").status,
      401);

  auto groups = json_of(get("/api/v1/groups", admin));
  std::vector<std::string> names;
  for (const auto& group : groups["items"]) names.push_back(group["name"]);
  EXPECT_EQ(names, (std::vector<std::string>{"board", "staff"}));
  EXPECT_EQ(
      send("POST", "/api/v1/groups", R"({"name":"readers","description":"Reading room"})", admin)
          .status,
      201);
  EXPECT_EQ(send("DELETE", "/api/v1/users/bek", "", admin).status, 204);
  EXPECT_EQ(get("/api/v1/users/bek", admin).status, 404);

  // Every change is in the audit log, newest first, and the chain holds.
  auto audit = json_of(get("/api/v1/audit?limit=3", admin));
  ASSERT_EQ(audit["items"].size(), 3u);
  EXPECT_EQ(audit["items"][0]["action"], "user.delete");
  EXPECT_EQ(audit["items"][0]["user"], "root");
  EXPECT_EQ(audit["items"][0]["target"], "user:bek");
  EXPECT_EQ(audit["items"][1]["action"], "group.add");
  ASSERT_TRUE(audit["next"].is_string());
  auto older =
      json_of(get("/api/v1/audit?limit=3&cursor=" + audit["next"].get<std::string>(), admin));
  EXPECT_LT(older["items"][0]["sequence"].get<int>(), audit["items"][2]["sequence"].get<int>());
  auto verify = json_of(get("/api/v1/audit/verify", admin));
  EXPECT_TRUE(verify["intact"].get<bool>());
  EXPECT_GT(verify["entries"].get<int>(), 10);
}

TEST_F(AuthRoutesTest, CuratorsReviewFlaggedRecords) {
  Credentials cura = sign_in("cura", "cura password");
  Fields curator = cura.headers;
  curator.push_back({"x-csrf-token", cura.csrf});
  EXPECT_EQ(get("/api/v1/records/" + flagged_).status, 404) << "not public until reviewed";

  auto list = json_of(get("/api/v1/review", curator));
  ASSERT_EQ(list["items"].size(), 1u) << list.dump();
  const auto& item = list["items"][0];
  EXPECT_EQ(item["id"], flagged_);
  ASSERT_EQ(item["findings"].size(), 2u);
  EXPECT_EQ(item["findings"][0]["kind"], "iin");
  EXPECT_EQ(item["findings"][0]["field"], "description");
  EXPECT_EQ(item["findings"][0]["excerpt"], "87••••••••16");
  EXPECT_THAT(list.dump(), ::testing::Not(HasSubstr("870412300416"))) << "only masked";

  // A reader of the staff group sees nothing to review; the record stays hidden from them.
  Credentials ana = sign_in("ana", "ana password");
  Fields reader = ana.headers;
  reader.push_back({"x-csrf-token", ana.csrf});
  EXPECT_EQ(send("POST", "/api/v1/review/" + flagged_, "{}", reader).status, 404);

  auto reviewed = send("POST", "/api/v1/review/" + flagged_, R"({"decision":"clear"})", curator);
  ASSERT_EQ(reviewed.status, 200) << reviewed.body;
  EXPECT_FALSE(json_of(reviewed)["access"]["review_pending"].get<bool>());
  EXPECT_EQ(get("/api/v1/records/" + flagged_).status, 200) << "public once reviewed";
  EXPECT_EQ(json_of(get("/api/v1/review", curator))["items"].size(), 0u);
  EXPECT_EQ(send("POST", "/api/v1/review/" + flagged_, "", curator).status, 412);

  // Reads of material that is not public are audited: the curator's read of the closed record.
  EXPECT_EQ(get("/api/v1/records/" + closed_, curator).status, 200);
  auto audit = json_of(get("/api/v1/audit?limit=5", {{"authorization", "Bearer " + read_token_}}));
  EXPECT_EQ(audit["items"][0]["action"], "read");
  EXPECT_EQ(audit["items"][0]["user"], "cura");
  EXPECT_EQ(audit["items"][0]["target"], closed_);
  bool review_logged = false;
  for (const auto& entry : audit["items"]) review_logged |= entry["action"] == "review";
  EXPECT_TRUE(review_logged) << audit.dump();
}

TEST_F(AuthRoutesTest, DownloadsOfFilesThatAreNotPublicAreAudited) {
  const char* source = std::getenv("MURA_SOURCE_DIR");  // set by the test presets
  ASSERT_NE(source, nullptr) << "MURA_SOURCE_DIR names the source tree";
  record::Record draft;
  draft.kind = record::Kind::kArchivalUnit;
  draft.level = "item";
  draft.parent = collection_;
  draft.fields["title"] = {{"kk", "Жеке іс"}};
  draft.fields["reference_code"] = {{"", "KZ/personnel"}};
  draft.access.files = record::AccessLevel::kClosed;
  service::FileSource scan{"scan.png", std::string(source) + "/demo/files/archive/personnel-file-1974.png",
                           nullptr, ""};
  auto created = repository_->create_record(draft, {scan}, service::Actor{"root", ""}, "");
  ASSERT_TRUE(created.has_value()) << created.error().to_string();
  const std::string target = "/api/v1/records/" + created->id + "/files/scan.png";
  const Fields reader = {{"authorization", "Bearer " + read_token_}};
  // The audited reads of this record's files (signing in is audited too).
  auto audit_size = [&] {
    std::size_t reads = 0;
    const auto page = json_of(get("/api/v1/audit?limit=100", reader));
    for (const auto& entry : page["items"]) {
      reads += entry["action"] == "read" && entry["target"] == created->id;
    }
    return reads;
  };

  EXPECT_EQ(get(target).status, 403) << "closed to the public";
  const auto before = audit_size();
  auto whole = get(target, headers_of(Who::kCurator, "GET"));
  ASSERT_EQ(whole.status, 200) << whole.body;
  auto audit = json_of(get("/api/v1/audit?limit=1", reader));
  ASSERT_EQ(audit["items"].size(), 1u);
  EXPECT_EQ(audit["items"][0]["action"], "read");
  EXPECT_EQ(audit["items"][0]["user"], "cura");
  EXPECT_EQ(audit["items"][0]["target"], created->id);
  EXPECT_THAT(audit["items"][0].dump(), HasSubstr("file scan.png, version 1"));

  // The later ranges of the same reading (a resumed download, a player seeking) are not logged
  // again; a new reading from the first byte is.
  const auto after_first = audit_size();
  EXPECT_EQ(after_first, before + 1);
  Fields later = headers_of(Who::kCurator, "GET");
  later.push_back({"range", "bytes=100-199"});
  EXPECT_EQ(get(target, later).status, 206);
  EXPECT_EQ(audit_size(), after_first);
  Fields again = headers_of(Who::kCurator, "GET");
  again.push_back({"range", "bytes=0-99"});
  EXPECT_EQ(get(target, again).status, 206);
  EXPECT_EQ(audit_size(), after_first + 1);
}

}  // namespace
}  // namespace mura::http
