#include "access/accounts.h"

#include <algorithm>
#include <ctime>

#include "access/secrets.h"
#include "base/ark.h"

namespace mura::access {
namespace {

constexpr std::string_view kTokenPrefix = "mura_";
constexpr std::size_t kTokenIdBytes = 8;  // 16 hex characters
constexpr std::size_t kTokenSecretBytes = 32;
constexpr std::size_t kMaxNameLength = 64;
constexpr std::size_t kMaxDisplayNameLength = 200;
constexpr std::size_t kMaxLabelLength = 200;

bool is_alnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

Status check_name(std::string_view what, std::string_view name, std::string_view extra) {
  bool valid = !name.empty() && name.size() <= kMaxNameLength && is_alnum(name.front());
  for (char c : name) valid = valid && (is_alnum(c) || extra.find(c) != std::string_view::npos);
  if (!valid) {
    return invalid_argument_error(
        std::string(what) + " \"" + std::string(name.substr(0, 80)) +
        "\" is not valid: use 1 to 64 letters, digits and " +
        std::string(what == "user name" ? "'.', '_', '-', '@'" : "'.', '_', '-'") +
        ", starting with a letter or digit");
  }
  return ok_status();
}

Status check_text(std::string_view what, std::string_view text, std::size_t limit) {
  if (text.size() > limit) {
    return invalid_argument_error(std::string(what) + " is longer than " + std::to_string(limit) +
                                  " bytes");
  }
  for (char c : text) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) {
      return invalid_argument_error(std::string(what) + " must not hold control characters");
    }
  }
  return ok_status();
}

void insert_sorted(std::vector<std::string>& items, const std::string& item) {
  auto at = std::lower_bound(items.begin(), items.end(), item);
  if (at == items.end() || *at != item) items.insert(at, item);
}

bool erase_item(std::vector<std::string>& items, const std::string& item) {
  auto at = std::find(items.begin(), items.end(), item);
  if (at == items.end()) return false;
  items.erase(at);
  return true;
}

bool is_hex(std::string_view text) {
  return std::all_of(text.begin(), text.end(),
                     [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

}  // namespace

std::string Role::to_string() const {
  switch (kind) {
    case Kind::kReader:
      return "reader";
    case Kind::kAdministrator:
      return "admin";
    case Kind::kCurator:
      return "curator:" + value;
    case Kind::kGroup:
      return "group:" + value;
  }
  return "reader";
}

Result<Role> parse_role(std::string_view text) {
  Role role;
  if (text == "reader") return role;
  if (text == "admin" || text == "administrator") {
    role.kind = Role::Kind::kAdministrator;
    return role;
  }
  if (text.starts_with("curator:")) {
    auto ark = parse_ark(text.substr(8));
    if (!ark) {
      return invalid_argument_error("role \"" + std::string(text) + "\": " + ark.error().message());
    }
    role.kind = Role::Kind::kCurator;
    role.value = ark->to_string();
    return role;
  }
  if (text.starts_with("group:")) {
    MURA_TRY(check_group_name(text.substr(6)));
    role.kind = Role::Kind::kGroup;
    role.value = std::string(text.substr(6));
    return role;
  }
  std::string hint = text == "curator" ? " (say which collection: curator:ark:/NAAN/name)" : "";
  return invalid_argument_error("role \"" + std::string(text.substr(0, 80)) +
                                "\" is not one of admin, curator:<collection ARK>, "
                                "group:<name>, reader" +
                                hint);
}

Status check_user_name(std::string_view name) { return check_name("user name", name, "._-@"); }
Status check_group_name(std::string_view name) { return check_name("group name", name, "._-"); }

std::string format_utc(std::chrono::system_clock::time_point time) {
  const std::time_t seconds = std::chrono::system_clock::to_time_t(time);
  std::tm parts{};
  gmtime_r(&seconds, &parts);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &parts);
  return text;
}

Accounts::Accounts(AccountStore& store, AccountsOptions options)
    : store_(store), options_(std::move(options)) {
  if (!options_.clock) options_.clock = [] { return std::chrono::system_clock::now(); };
}

std::string Accounts::now() const { return format_utc(options_.clock()); }

std::string Accounts::time_after(std::chrono::seconds delay) const {
  return format_utc(options_.clock() + delay);
}

Status Accounts::audit(std::string_view actor, std::string_view action, std::string_view target,
                       std::string_view detail) {
  if (!options_.record_change) return ok_status();
  return options_.record_change(actor, action, target, detail)
      .with_context("the change was made but the audit log could not record it");
}

Result<User> Accounts::existing_user(const std::string& name) {
  MURA_ASSIGN_OR_RETURN(auto found, store_.find_user(name));
  if (!found) return not_found_error("there is no user \"" + name + "\"");
  return std::move(*found);
}

Result<User> Accounts::add_user(const std::string& name, const std::string& display_name,
                                std::string_view password, const std::vector<std::string>& roles,
                                std::string_view actor) {
  MURA_TRY(check_user_name(name));
  MURA_TRY(check_text("the display name", display_name, kMaxDisplayNameLength));
  User user;
  user.name = name;
  user.display_name = display_name.empty() ? name : display_name;
  for (const auto& text : roles) {
    MURA_ASSIGN_OR_RETURN(Role role, parse_role(text));
    switch (role.kind) {
      case Role::Kind::kReader:
        break;
      case Role::Kind::kAdministrator:
        user.administrator = true;
        break;
      case Role::Kind::kCurator:
        insert_sorted(user.curated_collections, role.value);
        break;
      case Role::Kind::kGroup:
        insert_sorted(user.groups, role.value);
        break;
    }
  }
  MURA_ASSIGN_OR_RETURN(user.password_hash, hash_password(password, options_.password_cost));
  user.created = now();
  for (const auto& group : user.groups) {
    MURA_ASSIGN_OR_RETURN(auto existing, store_.find_group(group));
    if (!existing) MURA_TRY(store_.insert_group(Group{group, "", user.created}));
  }
  MURA_TRY(store_.insert_user(user));
  std::string detail = "roles:";
  for (const auto& role : roles_of(user)) detail += " " + role;
  MURA_TRY(audit(actor, "user.add", "user:" + name, detail));
  return user;
}

Result<User> Accounts::user(const std::string& name) { return existing_user(name); }

Result<std::vector<User>> Accounts::users() { return store_.users(); }

Status Accounts::set_password(const std::string& name, std::string_view password,
                              std::string_view actor) {
  MURA_ASSIGN_OR_RETURN(User user, existing_user(name));
  MURA_ASSIGN_OR_RETURN(user.password_hash, hash_password(password, options_.password_cost));
  MURA_TRY(store_.update_user(user));
  MURA_TRY(store_.delete_sessions_of(name));
  return audit(actor, "user.passwd", "user:" + name, "password changed; sessions ended");
}

Status Accounts::set_display_name(const std::string& name, const std::string& display_name,
                                  std::string_view actor) {
  MURA_TRY(check_text("the display name", display_name, kMaxDisplayNameLength));
  MURA_ASSIGN_OR_RETURN(User user, existing_user(name));
  user.display_name = display_name.empty() ? name : display_name;
  MURA_TRY(store_.update_user(user));
  return audit(actor, "user.update", "user:" + name, "display name: " + user.display_name);
}

Status Accounts::set_disabled(const std::string& name, bool disabled, std::string_view actor) {
  MURA_ASSIGN_OR_RETURN(User user, existing_user(name));
  user.disabled = disabled;
  MURA_TRY(store_.update_user(user));
  if (disabled) MURA_TRY(store_.delete_sessions_of(name));
  return audit(actor, disabled ? "user.disable" : "user.enable", "user:" + name, "");
}

Status Accounts::grant(const std::string& name, std::string_view text, std::string_view actor) {
  MURA_ASSIGN_OR_RETURN(Role role, parse_role(text));
  MURA_ASSIGN_OR_RETURN(User user, existing_user(name));
  switch (role.kind) {
    case Role::Kind::kReader:
      return ok_status();
    case Role::Kind::kAdministrator:
      user.administrator = true;
      break;
    case Role::Kind::kCurator:
      insert_sorted(user.curated_collections, role.value);
      break;
    case Role::Kind::kGroup: {
      MURA_ASSIGN_OR_RETURN(auto existing, store_.find_group(role.value));
      if (!existing) MURA_TRY(store_.insert_group(Group{role.value, "", now()}));
      insert_sorted(user.groups, role.value);
      break;
    }
  }
  MURA_TRY(store_.update_user(user));
  return audit(actor, "user.grant", "user:" + name, role.to_string());
}

Status Accounts::revoke(const std::string& name, std::string_view text, std::string_view actor) {
  MURA_ASSIGN_OR_RETURN(Role role, parse_role(text));
  MURA_ASSIGN_OR_RETURN(User user, existing_user(name));
  bool held = false;
  switch (role.kind) {
    case Role::Kind::kReader:
      return invalid_argument_error("every user is a reader; disable the account instead");
    case Role::Kind::kAdministrator:
      held = user.administrator;
      user.administrator = false;
      break;
    case Role::Kind::kCurator:
      held = erase_item(user.curated_collections, role.value);
      break;
    case Role::Kind::kGroup:
      held = erase_item(user.groups, role.value);
      break;
  }
  if (!held) return not_found_error(name + " does not hold the role " + role.to_string());
  MURA_TRY(store_.update_user(user));
  return audit(actor, "user.revoke", "user:" + name, role.to_string());
}

Status Accounts::delete_user(const std::string& name, std::string_view actor) {
  MURA_TRY(existing_user(name));
  MURA_TRY(store_.delete_user(name));
  return audit(actor, "user.delete", "user:" + name, "with their tokens and sessions");
}

Result<Group> Accounts::add_group(const std::string& name, const std::string& description,
                                  std::string_view actor) {
  MURA_TRY(check_group_name(name));
  MURA_TRY(check_text("the description", description, kMaxDisplayNameLength));
  Group group{name, description, now()};
  MURA_TRY(store_.insert_group(group));
  MURA_TRY(audit(actor, "group.add", "group:" + name, description));
  return group;
}

Result<std::vector<Group>> Accounts::groups() { return store_.groups(); }

Result<IssuedToken> Accounts::create_token(const std::string& user_name, TokenScope scope,
                                           std::optional<int> days, const std::string& label,
                                           std::string_view actor) {
  const int lifetime = days.value_or(options_.default_token_days);
  if (lifetime < 1 || lifetime > options_.max_token_days) {
    return invalid_argument_error("a token lives 1 to " + std::to_string(options_.max_token_days) +
                                  " days, not " + std::to_string(lifetime));
  }
  MURA_TRY(check_text("the label", label, kMaxLabelLength));
  MURA_TRY(existing_user(user_name));
  IssuedToken issued;
  ApiToken& token = issued.token;
  token.id = random_hex(kTokenIdBytes);
  const std::string secret = random_secret(kTokenSecretBytes);
  token.user = user_name;
  token.secret_hash = secret_digest(secret);
  token.scope = scope;
  token.label = label;
  token.created = now();
  token.expires = time_after(std::chrono::hours(24) * lifetime);
  MURA_TRY(store_.insert_token(token));
  issued.secret = std::string(kTokenPrefix) + token.id + "_" + secret;
  MURA_TRY(audit(actor, "token.create", "user:" + user_name,
                 "token " + token.id + ", scope " + std::string(token_scope_name(scope)) +
                     ", expires " + token.expires));
  return issued;
}

Status Accounts::revoke_token(const std::string& id, std::string_view actor) {
  MURA_ASSIGN_OR_RETURN(auto token, store_.find_token(id));
  if (!token) return not_found_error("there is no token \"" + id.substr(0, 40) + "\"");
  MURA_TRY(store_.revoke_token(id));
  return audit(actor, "token.revoke", "user:" + token->user, "token " + id);
}

Result<std::optional<ApiToken>> Accounts::token(const std::string& id) {
  return store_.find_token(id);
}

Result<std::vector<ApiToken>> Accounts::tokens(const std::string& user_name) {
  MURA_TRY(existing_user(user_name));
  return store_.tokens_of(user_name);
}

Result<Principal> Accounts::authenticate_token(std::string_view bearer) {
  auto invalid = [] {
    return unauthenticated_error(
        "the API token is not valid; create one with `mura user token "
        "create` or POST /api/v1/users/{name}/tokens");
  };
  constexpr std::size_t kIdLength = 2 * kTokenIdBytes;
  if (!bearer.starts_with(kTokenPrefix) || bearer.size() < kTokenPrefix.size() + kIdLength + 2 ||
      bearer[kTokenPrefix.size() + kIdLength] != '_') {
    return invalid();
  }
  const std::string id(bearer.substr(kTokenPrefix.size(), kIdLength));
  const std::string_view secret = bearer.substr(kTokenPrefix.size() + kIdLength + 1);
  if (!is_hex(id)) return invalid();
  MURA_ASSIGN_OR_RETURN(auto token, store_.find_token(id));
  // The digest is compared even for an unknown id, so that timing tells nothing.
  const std::string digest = secret_digest(secret);
  const bool matches =
      constant_time_equal(digest, token ? token->secret_hash : std::string(64, '0'));
  if (!token || !matches) return invalid();
  if (token->revoked) return unauthenticated_error("the API token was revoked");
  if (token->expires <= now()) {
    return unauthenticated_error("the API token expired at " + token->expires);
  }
  MURA_ASSIGN_OR_RETURN(auto user, store_.find_user(token->user));
  if (!user || user->disabled) return unauthenticated_error("the token's account is disabled");
  Principal principal;
  principal.caller = caller_of(*user);
  principal.user = std::move(*user);
  principal.token_scope = token->scope;
  return principal;
}

Result<User> Accounts::check_password(const std::string& name, std::string_view password) {
  auto wrong = [] { return unauthenticated_error("wrong name or password"); };
  std::optional<User> user;
  if (check_user_name(name).ok()) {
    MURA_ASSIGN_OR_RETURN(user, store_.find_user(name));
  }
  if (!user || user->password_hash.empty()) {
    (void)verify_password(decoy_password_hash(options_.password_cost), password);
    return wrong();
  }
  if (!verify_password(user->password_hash, password)) return wrong();
  if (user->disabled) return unauthenticated_error("the account " + name + " is disabled");
  return std::move(*user);
}

Result<StartedSession> Accounts::start_session(const User& user) {
  StartedSession started;
  started.id = random_secret();
  Session& session = started.session;
  session.id_hash = secret_digest(started.id);
  session.user = user.name;
  session.csrf_token = random_secret();
  session.created = now();
  session.expires = time_after(options_.session_lifetime);
  // Expired sessions are swept when new ones start, so the table holds the live ones.
  MURA_TRY(store_.delete_expired_sessions(session.created));
  MURA_TRY(store_.insert_session(session));
  return started;
}

Result<Principal> Accounts::resume_session(std::string_view id) {
  auto ended = [] { return unauthenticated_error("the session has ended; sign in again"); };
  if (id.empty() || id.size() > 128) return ended();
  const std::string id_hash = secret_digest(id);
  MURA_ASSIGN_OR_RETURN(auto session, store_.find_session(id_hash));
  if (!session) return ended();
  if (session->expires <= now()) {
    MURA_TRY(store_.delete_session(id_hash));
    return ended();
  }
  MURA_ASSIGN_OR_RETURN(auto user, store_.find_user(session->user));
  if (!user || user->disabled) return ended();
  Principal principal;
  principal.caller = caller_of(*user);
  principal.user = std::move(*user);
  principal.session = std::move(*session);
  return principal;
}

Status Accounts::end_session(std::string_view id) {
  if (id.empty() || id.size() > 128) return ok_status();
  return store_.delete_session(secret_digest(id));
}

Caller Accounts::caller_of(const User& user) {
  Caller caller = Caller::registered_user(user.name, user.groups);
  caller.curated_collections = user.curated_collections;
  caller.administrator = user.administrator;
  return caller;
}

std::vector<std::string> Accounts::roles_of(const User& user) {
  std::vector<std::string> roles = {"reader"};
  if (!user.curated_collections.empty()) roles.emplace_back("curator");
  if (user.administrator) roles.emplace_back("admin");
  for (const auto& collection : user.curated_collections) roles.push_back("curator:" + collection);
  for (const auto& group : user.groups) roles.push_back("group:" + group);
  return roles;
}

std::string_view token_scope_name(TokenScope scope) {
  return scope == TokenScope::kWrite ? "write" : "read";
}

std::optional<TokenScope> parse_token_scope(std::string_view name) {
  if (name == "read") return TokenScope::kRead;
  if (name == "write") return TokenScope::kWrite;
  return std::nullopt;
}

}  // namespace mura::access
