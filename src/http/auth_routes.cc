// Who is asking, and the accounts API. Installs the app's authenticator — an API token
// (Authorization: Bearer) or a browser session (cookie mura_session, with X-CSRF-Token on unsafe
// methods) becomes the access::Caller that every route hands to the policy — and the routes of
// sign-in (/api/v1/session), users, tokens and groups (administrators), the audit log
// (administrators) and the personal-data review (curators). Bodies are decoded strictly: unknown
// members, wrong types and malformed JSON are 400 naming the member.
#include <algorithm>
#include <nlohmann/json.hpp>
#include <set>

#include "access/accounts.h"
#include "access/audit_log.h"
#include "access/login_throttle.h"
#include "access/personal_data.h"
#include "access/secrets.h"
#include "http/api_json.h"
#include "http/app.h"
#include "http/problem.h"
#include "http/route_support.h"
#include "service/access_hooks.h"
#include "service/derivatives.h"
#include "service/record_access.h"

namespace mura::http {
namespace {

using Json = nlohmann::json;

constexpr std::string_view kSessionCookie = "mura_session";
constexpr std::string_view kSessionPath = "/api/v1/session";
constexpr std::int64_t kDefaultPageSize = 100;

// What the auth routes keep for the app's lifetime. The audit log comes first: the accounts
// record their changes into it.
struct AuthState {
  explicit AuthState(service::Repository& repository)
      : audit(repository.catalog().audit()),
        accounts(repository.catalog().accounts(),
                 [this] {
                   access::AccountsOptions options;
                   options.record_change = audit.recorder();
                   return options;
                 }()),
        names({5, std::chrono::minutes(10), 100000}),
        clients({20, std::chrono::minutes(10), 100000}) {}

  access::AuditLog audit;
  access::Accounts accounts;
  access::LoginThrottle names;    // failed sign-ins per user name
  access::LoginThrottle clients;  // failed sign-ins per client address
};

bool is_safe(std::string_view method) {
  return method == "GET" || method == "HEAD" || method == "OPTIONS";
}

bool starts_with_ignoring_case(std::string_view text, std::string_view prefix) {
  if (text.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i) {
    const char a =
        text[i] >= 'A' && text[i] <= 'Z' ? static_cast<char>(text[i] - 'A' + 'a') : text[i];
    if (a != prefix[i]) return false;
  }
  return true;
}

std::string_view trimmed(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

// The value of the session cookie from every Cookie header; "" when there is none.
std::string session_cookie(const Request& request) {
  for (const auto& [name, value] : request.headers) {
    if (name != "cookie") continue;
    std::string_view rest = value;
    while (!rest.empty()) {
      const auto semicolon = rest.find(';');
      std::string_view pair = trimmed(rest.substr(0, semicolon));
      rest = semicolon == std::string_view::npos ? std::string_view() : rest.substr(semicolon + 1);
      const auto equals = pair.find('=');
      if (equals != std::string_view::npos && trimmed(pair.substr(0, equals)) == kSessionCookie) {
        return std::string(trimmed(pair.substr(equals + 1)));
      }
    }
  }
  return "";
}

Result<access::Caller> authenticate(AuthState& state, const Request& request) {
  const std::string_view authorization = request.header("authorization");
  if (!authorization.empty()) {
    if (!starts_with_ignoring_case(authorization, "bearer ")) {
      return unauthenticated_error("send an API token as \"Authorization: Bearer <token>\"");
    }
    MURA_ASSIGN_OR_RETURN(auto principal,
                          state.accounts.authenticate_token(trimmed(authorization.substr(7))));
    if (principal.token_scope == access::TokenScope::kRead && !is_safe(request.method)) {
      return permission_denied_error("this API token may only read (" + request.method +
                                     " needs a token with scope write)");
    }
    return principal.caller;
  }
  const std::string cookie = session_cookie(request);
  if (cookie.empty()) return access::Caller::anonymous();
  auto principal = state.accounts.resume_session(cookie);
  if (!principal) {
    // A stale cookie must not stop anyone from signing in again or reading public pages; the
    // API says that the session has ended.
    if (request.path == kSessionPath || !request.path.starts_with("/api/")) {
      return access::Caller::anonymous();
    }
    return Error(principal.error());
  }
  const bool signing_in = request.method == "POST" && request.path == kSessionPath;
  if (!is_safe(request.method) && !signing_in &&
      !access::constant_time_equal(request.header("x-csrf-token"),
                                   principal->session->csrf_token)) {
    return permission_denied_error(
        "a signed-in browser sends the session's csrf_token in the X-CSRF-Token header on " +
        request.method + " requests");
  }
  return principal->caller;
}

// ---- strict JSON bodies ----

// Reads a JSON object body, refusing members outside `allowed`.
class Body {
 public:
  static Result<Body> parse(std::string_view text, std::set<std::string> allowed) {
    Json json = Json::parse(text, nullptr, /*allow_exceptions=*/false);
    if (json.is_discarded()) return invalid_argument_error("body: not valid JSON");
    if (!json.is_object()) return invalid_argument_error("body: must be a JSON object");
    for (const auto& item : json.items()) {
      if (!allowed.contains(item.key())) {
        std::string known;
        for (const auto& name : allowed) known += (known.empty() ? "" : ", ") + name;
        return invalid_argument_error("body: unknown member \"" + item.key() +
                                      "\" (known: " + known + ")");
      }
    }
    return Body(std::move(json));
  }

  bool has(const std::string& key) const { return json_.contains(key) && !json_[key].is_null(); }

  Result<std::string> string(const std::string& key, bool required) const {
    if (!has(key)) {
      if (required) return invalid_argument_error("body: \"" + key + "\" is required");
      return std::string();
    }
    if (!json_[key].is_string()) {
      return invalid_argument_error("body: \"" + key + "\" must be a string");
    }
    return json_[key].get<std::string>();
  }

  Result<bool> boolean(const std::string& key) const {
    if (!json_[key].is_boolean()) {
      return invalid_argument_error("body: \"" + key + "\" must be true or false");
    }
    return json_[key].get<bool>();
  }

  Result<std::int64_t> integer(const std::string& key) const {
    if (!json_[key].is_number_integer()) {
      return invalid_argument_error("body: \"" + key + "\" must be a whole number");
    }
    return json_[key].get<std::int64_t>();
  }

  Result<std::vector<std::string>> strings(const std::string& key) const {
    std::vector<std::string> items;
    if (!has(key)) return items;
    if (!json_[key].is_array()) {
      return invalid_argument_error("body: \"" + key + "\" must be an array of strings");
    }
    for (std::size_t i = 0; i < json_[key].size(); ++i) {
      if (!json_[key][i].is_string()) {
        return invalid_argument_error("body: \"" + key + "[" + std::to_string(i) +
                                      "]\" must be a string");
      }
      items.push_back(json_[key][i].get<std::string>());
    }
    return items;
  }

 private:
  explicit Body(Json json) : json_(std::move(json)) {}
  Json json_;
};

// ---- JSON of accounts ----

Json user_json(const access::User& user) {
  return {{"name", user.name},
          {"display_name", user.display_name},
          {"roles", access::Accounts::roles_of(user)},
          {"administrator", user.administrator},
          {"collections", user.curated_collections},
          {"groups", user.groups},
          {"disabled", user.disabled},
          {"created", user.created}};
}

Json token_json(const access::ApiToken& token) {
  return {{"id", token.id},
          {"user", token.user},
          {"scope", std::string(access::token_scope_name(token.scope))},
          {"label", token.label},
          {"created", token.created},
          {"expires", token.expires},
          {"revoked", token.revoked}};
}

Json session_json(const access::User& user, const access::Session& session) {
  return {{"user", user.name},
          {"display_name", user.display_name},
          {"roles", access::Accounts::roles_of(user)},
          {"csrf_token", session.csrf_token},
          {"expires", session.expires}};
}

Json audit_json(const access::AuditEntry& entry) {
  return {{"sequence", entry.sequence},
          {"time", entry.time},
          {"user", entry.actor},
          {"action", entry.action},
          {"target", entry.target},
          {"detail", entry.detail},
          {"previous_hash", entry.previous_hash},
          {"hash", entry.hash}};
}

Status require_administrator(const Context& context) {
  if (context.caller.is_anonymous()) {
    return unauthenticated_error("sign in as an administrator or send an administrator's token");
  }
  if (!context.caller.administrator) {
    return permission_denied_error("only administrators manage accounts and read the audit log");
  }
  return ok_status();
}

std::string actor_name(const Context& context) { return context.caller.user; }

Status check_token_id(const std::string& id) {
  const bool valid = id.size() == 16 && std::all_of(id.begin(), id.end(), [](char c) {
                       return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
                     });
  if (!valid) return invalid_argument_error("\"" + id.substr(0, 40) + "\" is not a token id");
  return ok_status();
}

std::string session_cookie_header(const App& app, std::string_view value, bool clear) {
  std::string header = std::string(kSessionCookie) + "=" + std::string(value) +
                       "; HttpOnly; SameSite=Strict; Path=/";
  if (app.options().base_url.starts_with("https://")) header += "; Secure";
  if (clear) header += "; Max-Age=0";
  return header;
}

// Replaces the user's roles by `wanted` (every one checked before anything changes).
Status set_roles(access::Accounts& accounts, const access::User& user,
                 const std::vector<std::string>& wanted, const std::string& actor) {
  std::set<std::string> target;
  for (const auto& text : wanted) {
    MURA_ASSIGN_OR_RETURN(access::Role role, access::parse_role(text));
    if (role.kind != access::Role::Kind::kReader) target.insert(role.to_string());
  }
  std::set<std::string> held;
  if (user.administrator) held.insert("admin");
  for (const auto& collection : user.curated_collections) held.insert("curator:" + collection);
  for (const auto& group : user.groups) held.insert("group:" + group);
  for (const auto& role : held) {
    if (!target.contains(role)) MURA_TRY(accounts.revoke(user.name, role, actor));
  }
  for (const auto& role : target) {
    if (!held.contains(role)) MURA_TRY(accounts.grant(user.name, role, actor));
  }
  return ok_status();
}

void add_session_routes(App& app, const std::shared_ptr<AuthState>& state) {
  auto& router = app.mutable_router();
  router.add(
      "POST", std::string(kSessionPath), [&app, state](Context& context) -> Result<Response> {
        MURA_ASSIGN_OR_RETURN(Body body, Body::parse(context.request.body, {"name", "password"}));
        MURA_ASSIGN_OR_RETURN(std::string name, body.string("name", true));
        MURA_ASSIGN_OR_RETURN(std::string password, body.string("password", true));
        const auto now = access::LoginThrottle::Clock::now();
        const std::string name_key = "name:" + name;
        const std::string client_key = "client:" + context.request.client;
        const auto wait = std::max(state->names.retry_after(name_key, now),
                                   state->clients.retry_after(client_key, now));
        if (wait.count() > 0) {
          auto response = problem_response(
              429,
              "too many failed sign-ins; try again in " + std::to_string(wait.count()) + " seconds",
              context.request.path);
          response.set_header("Retry-After", std::to_string(wait.count()));
          return response;
        }
        auto user = state->accounts.check_password(name, password);
        if (!user) {
          state->names.failed(name_key, now);
          state->clients.failed(client_key, now);
          return Error(user.error());
        }
        state->names.succeeded(name_key);
        MURA_ASSIGN_OR_RETURN(auto started, state->accounts.start_session(*user));
        auto response = json_response(200, session_json(*user, started.session));
        response.set_header("Set-Cookie", session_cookie_header(app, started.id, false));
        response.set_header("Cache-Control", "no-store");
        return response;
      });

  router.add("GET", std::string(kSessionPath), [state](Context& context) -> Result<Response> {
    const std::string cookie = session_cookie(context.request);
    if (cookie.empty()) return unauthenticated_error("not signed in");
    auto principal = state->accounts.resume_session(cookie);
    if (!principal) return Error(principal.error());
    auto response = json_response(200, session_json(principal->user, *principal->session));
    response.set_header("Cache-Control", "no-store");
    return response;
  });

  router.add("DELETE", std::string(kSessionPath),
             [&app, state](Context& context) -> Result<Response> {
               MURA_TRY(state->accounts.end_session(session_cookie(context.request)));
               Response response;
               response.status = 204;
               response.set_header("Set-Cookie", session_cookie_header(app, "", true));
               return response;
             });
}

void add_account_routes(App& app, const std::shared_ptr<AuthState>& state) {
  auto& router = app.mutable_router();
  const std::string base = app.options().base_url;

  router.add("GET", "/api/v1/users", [state](Context& context) -> Result<Response> {
    MURA_TRY(require_administrator(context));
    MURA_ASSIGN_OR_RETURN(auto users, state->accounts.users());
    Json items = Json::array();
    for (const auto& user : users) items.push_back(user_json(user));
    return json_response(200, {{"items", items}});
  });

  router.add("POST", "/api/v1/users", [state, base](Context& context) -> Result<Response> {
    MURA_TRY(require_administrator(context));
    MURA_ASSIGN_OR_RETURN(Body body, Body::parse(context.request.body,
                                                 {"name", "display_name", "password", "roles"}));
    MURA_ASSIGN_OR_RETURN(std::string name, body.string("name", true));
    MURA_ASSIGN_OR_RETURN(std::string display_name, body.string("display_name", false));
    MURA_ASSIGN_OR_RETURN(std::string password, body.string("password", true));
    MURA_ASSIGN_OR_RETURN(auto roles, body.strings("roles"));
    MURA_ASSIGN_OR_RETURN(auto user, state->accounts.add_user(name, display_name, password, roles,
                                                              actor_name(context)));
    auto response = json_response(201, user_json(user));
    response.set_header("Location", base + "/api/v1/users/" + name);
    return response;
  });

  router.add("GET", "/api/v1/users/{name}", [state](Context& context) -> Result<Response> {
    MURA_TRY(require_administrator(context));
    const std::string& name = context.parameter("name");
    MURA_TRY(access::check_user_name(name));
    MURA_ASSIGN_OR_RETURN(auto user, state->accounts.user(name));
    MURA_ASSIGN_OR_RETURN(auto tokens, state->accounts.tokens(name));
    Json json = user_json(user);
    json["tokens"] = Json::array();
    for (const auto& token : tokens) json["tokens"].push_back(token_json(token));
    return json_response(200, json);
  });

  router.add("PATCH", "/api/v1/users/{name}", [state](Context& context) -> Result<Response> {
    MURA_TRY(require_administrator(context));
    const std::string& name = context.parameter("name");
    MURA_TRY(access::check_user_name(name));
    MURA_ASSIGN_OR_RETURN(Body body, Body::parse(context.request.body, {"display_name", "password",
                                                                        "roles", "disabled"}));
    // Every member is checked before anything changes.
    std::optional<std::string> display_name, password;
    std::optional<std::vector<std::string>> roles;
    std::optional<bool> disabled;
    if (body.has("display_name")) {
      MURA_ASSIGN_OR_RETURN(display_name, body.string("display_name", true));
    }
    if (body.has("password")) {
      MURA_ASSIGN_OR_RETURN(password, body.string("password", true));
      MURA_TRY(access::check_password_rules(*password));
    }
    if (body.has("roles")) {
      MURA_ASSIGN_OR_RETURN(roles, body.strings("roles"));
      for (const auto& role : *roles) MURA_TRY(access::parse_role(role));
    }
    if (body.has("disabled")) {
      MURA_ASSIGN_OR_RETURN(disabled, body.boolean("disabled"));
    }
    MURA_ASSIGN_OR_RETURN(auto user, state->accounts.user(name));
    const std::string actor = actor_name(context);
    if (display_name) MURA_TRY(state->accounts.set_display_name(name, *display_name, actor));
    if (password) MURA_TRY(state->accounts.set_password(name, *password, actor));
    if (roles) MURA_TRY(set_roles(state->accounts, user, *roles, actor));
    if (disabled && *disabled != user.disabled) {
      MURA_TRY(state->accounts.set_disabled(name, *disabled, actor));
    }
    MURA_ASSIGN_OR_RETURN(user, state->accounts.user(name));
    return json_response(200, user_json(user));
  });

  router.add("DELETE", "/api/v1/users/{name}", [state](Context& context) -> Result<Response> {
    MURA_TRY(require_administrator(context));
    const std::string& name = context.parameter("name");
    MURA_TRY(access::check_user_name(name));
    if (name == context.caller.user) {
      return failed_precondition_error("administrators cannot delete their own account");
    }
    MURA_TRY(state->accounts.delete_user(name, actor_name(context)));
    Response response;
    response.status = 204;
    return response;
  });

  router.add("POST", "/api/v1/users/{name}/tokens", [state](Context& context) -> Result<Response> {
    MURA_TRY(require_administrator(context));
    const std::string& name = context.parameter("name");
    MURA_TRY(access::check_user_name(name));
    MURA_ASSIGN_OR_RETURN(Body body, Body::parse(context.request.body, {"scope", "days", "label"}));
    access::TokenScope scope = access::TokenScope::kRead;
    if (body.has("scope")) {
      MURA_ASSIGN_OR_RETURN(std::string text, body.string("scope", true));
      auto parsed = access::parse_token_scope(text);
      if (!parsed) return invalid_argument_error("body: \"scope\" must be \"read\" or \"write\"");
      scope = *parsed;
    }
    std::optional<int> days;
    if (body.has("days")) {
      MURA_ASSIGN_OR_RETURN(std::int64_t value, body.integer("days"));
      if (value < 1 || value > 3650) {
        return invalid_argument_error("body: \"days\" must be from 1 to 3650");
      }
      days = static_cast<int>(value);
    }
    MURA_ASSIGN_OR_RETURN(std::string label, body.string("label", false));
    MURA_ASSIGN_OR_RETURN(
        auto issued, state->accounts.create_token(name, scope, days, label, actor_name(context)));
    Json json = token_json(issued.token);
    json["token"] = issued.secret;  // shown this once
    auto response = json_response(201, json);
    response.set_header("Cache-Control", "no-store");
    return response;
  });

  router.add("DELETE", "/api/v1/tokens/{id}", [state](Context& context) -> Result<Response> {
    MURA_TRY(require_administrator(context));
    const std::string& id = context.parameter("id");
    MURA_TRY(check_token_id(id));
    MURA_TRY(state->accounts.revoke_token(id, actor_name(context)));
    Response response;
    response.status = 204;
    return response;
  });

  router.add("GET", "/api/v1/groups", [state](Context& context) -> Result<Response> {
    MURA_TRY(require_administrator(context));
    MURA_ASSIGN_OR_RETURN(auto groups, state->accounts.groups());
    Json items = Json::array();
    for (const auto& group : groups) {
      items.push_back(
          {{"name", group.name}, {"description", group.description}, {"created", group.created}});
    }
    return json_response(200, {{"items", items}});
  });

  router.add("POST", "/api/v1/groups", [state](Context& context) -> Result<Response> {
    MURA_TRY(require_administrator(context));
    MURA_ASSIGN_OR_RETURN(Body body, Body::parse(context.request.body, {"name", "description"}));
    MURA_ASSIGN_OR_RETURN(std::string name, body.string("name", true));
    MURA_ASSIGN_OR_RETURN(std::string description, body.string("description", false));
    MURA_ASSIGN_OR_RETURN(auto group,
                          state->accounts.add_group(name, description, actor_name(context)));
    return json_response(
        201,
        {{"name", group.name}, {"description", group.description}, {"created", group.created}});
  });
}

void add_audit_routes(App& app, const std::shared_ptr<AuthState>& state) {
  auto& router = app.mutable_router();
  router.add("GET", "/api/v1/audit", [state](Context& context) -> Result<Response> {
    MURA_TRY(require_administrator(context));
    for (const auto& [name, value] : context.request.query) {
      if (name != "cursor" && name != "limit") {
        return invalid_argument_error("unknown query argument \"" + name +
                                      "\" (known: cursor, limit)");
      }
    }
    MURA_ASSIGN_OR_RETURN(
        auto limit, integer_argument(context, "limit", kDefaultPageSize, 1, access::kMaxAuditPage));
    const std::string cursor(context.request.argument("cursor").value_or(""));
    MURA_ASSIGN_OR_RETURN(auto page, state->audit.page(cursor, static_cast<int>(limit)));
    Json items = Json::array();
    for (const auto& entry : page.items) items.push_back(audit_json(entry));
    Json body = {{"items", items}, {"next", nullptr}};
    if (!page.next_cursor.empty()) body["next"] = page.next_cursor;
    return json_response(200, body);
  });

  router.add("GET", "/api/v1/audit/verify", [state](Context& context) -> Result<Response> {
    MURA_TRY(require_administrator(context));
    MURA_ASSIGN_OR_RETURN(auto result, state->audit.verify());
    Json body = {
        {"intact", result.intact}, {"entries", result.entries}, {"head", result.head_hash}};
    if (result.first_broken) {
      body["first_broken"] = *result.first_broken;
      body["problem"] = result.problem;
    }
    return json_response(200, body);
  });
}

void add_review_routes(App& app) {
  auto& router = app.mutable_router();
  auto& repository = app.repository();
  const std::string base = app.options().base_url;

  router.add("GET", "/api/v1/review", [&repository, base](Context& context) -> Result<Response> {
    if (context.caller.is_anonymous()) return unauthenticated_error("sign in as a curator");
    if (!context.caller.administrator && context.caller.curated_collections.empty()) {
      return permission_denied_error("only curators review records flagged for personal data");
    }
    for (const auto& [name, value] : context.request.query) {
      if (name != "cursor" && name != "limit") {
        return invalid_argument_error("unknown query argument \"" + name +
                                      "\" (known: cursor, limit)");
      }
    }
    MURA_ASSIGN_OR_RETURN(
        auto limit, integer_argument(context, "limit", kDefaultPageSize, 1, catalog::kMaxPageSize));
    catalog::ListFilter filter;
    filter.review_pending = true;
    // Pending records are closed to all but their curators: the caller's view is their review.
    filter.visibility = catalog::Visibility::of(context.caller, context.today);
    MURA_ASSIGN_OR_RETURN(auto page,
                          repository.catalog().list(
                              filter, std::string(context.request.argument("cursor").value_or("")),
                              static_cast<int>(limit)));
    Json items = Json::array();
    for (const auto& summary : page.items) {
      Json item = summary_json(summary, base);
      Json findings = Json::array();
      MURA_ASSIGN_OR_RETURN(auto record, repository.catalog().get_record(summary.id));
      if (record) {
        // The text of its files too: OCR or PDF text may be what flagged it.
        const std::string text = service::extracted_text(repository, summary.id).value_or("");
        for (const auto& finding : access::detect_personal_data(*record, text)) {
          findings.push_back({{"kind", std::string(access::personal_data_kind_name(finding.kind))},
                              {"field", finding.field},
                              {"excerpt", finding.masked()}});
        }
      }
      item["findings"] = std::move(findings);
      items.push_back(std::move(item));
    }
    Json body = {{"items", items}, {"next", nullptr}};
    if (!page.next_cursor.empty()) body["next"] = page.next_cursor;
    return json_response(200, body);
  });

  router.add(
      "POST", "/api/v1/review/{ark}", [&repository, base](Context& context) -> Result<Response> {
        MURA_ASSIGN_OR_RETURN(auto id, checked_ark(context));
        if (context.caller.is_anonymous()) {
          return unauthenticated_error("sign in as a curator");
        }
        service::ReviewDecision decision = service::ReviewDecision::kClear;
        if (!context.request.body.empty()) {
          MURA_ASSIGN_OR_RETURN(Body body, Body::parse(context.request.body, {"decision"}));
          if (body.has("decision")) {
            MURA_ASSIGN_OR_RETURN(std::string text, body.string("decision", true));
            auto parsed = service::parse_review_decision(text);
            if (!parsed) {
              return invalid_argument_error("body: \"decision\" must be \"clear\" or \"restrict\"");
            }
            decision = *parsed;
          }
        }
        // Who may not see the record learns nothing of it; who sees it but does not curate
        // its collection may not decide.
        if (!service::may_see(repository, id, context.caller, context.today)) {
          return not_found_error("no record " + id);
        }
        MURA_ASSIGN_OR_RETURN(auto collection, service::collection_of(repository, id));
        if (!context.caller.curates(collection)) {
          return permission_denied_error(
              collection.empty() ? "only administrators review records outside collections"
                                 : "you do not curate collection " + collection);
        }
        MURA_ASSIGN_OR_RETURN(auto reviewed, service::review_personal_data(repository, id, decision,
                                                                           actor_of(context)));
        return json_response(200, record_json(reviewed, RecordView{base, "", true}));
      });
}

}  // namespace

void add_auth_routes(App& app) {
  auto state = std::make_shared<AuthState>(app.repository());
  app.hold(state);
  app.set_authenticator(
      [state](const Request& request) { return authenticate(*state, request); },
      [](const Request& request) {
        return !request.header("authorization").empty() || !session_cookie(request).empty();
      });
  add_session_routes(app, state);
  add_account_routes(app, state);
  add_audit_routes(app, state);
  add_review_routes(app);
}

}  // namespace mura::http
