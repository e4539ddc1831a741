// Accounts: the rules for users, groups, API tokens and browser sessions over an AccountStore —
// names and roles checked, passwords hashed with Argon2id, tokens and session ids drawn from
// OpenSSL's CSPRNG and kept only as SHA-256, secrets compared in constant time — and the turning
// of a credential into the access::Caller that the policy judges. Roles: an administrator sees
// and changes everything; a curator of a collection sees and changes what lies in it; every user
// is a reader with the grants of their groups. Thread-safe (the store is).
#pragma once

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "access/account_store.h"
#include "access/password.h"
#include "access/policy.h"
#include "base/result.h"

namespace mura::access {

// Records one change for the audit log (audit_log.h): who, what, to what, and how.
using ChangeRecorder = std::function<Status(std::string_view actor, std::string_view action,
                                            std::string_view target, std::string_view detail)>;

struct AccountsOptions {
  PasswordCost password_cost;
  std::chrono::seconds session_lifetime = std::chrono::hours(12);
  int default_token_days = 90;
  int max_token_days = 3650;
  // The clock (tests move it); the system clock by default.
  std::function<std::chrono::system_clock::time_point()> clock;
  // Where account changes are recorded (AuditLog::recorder()); none by default. A change whose
  // record fails is reported as failed, though the change itself stands.
  ChangeRecorder record_change;
};

// A role as granted and revoked: "admin" (or "administrator"), "curator:<collection ARK>",
// "group:<name>"; "reader" is every user's and changes nothing.
struct Role {
  enum class Kind { kReader, kAdministrator, kCurator, kGroup };
  Kind kind = Kind::kReader;
  std::string value;  // the collection ARK (normalised) or the group name
  std::string to_string() const;
};
// InvalidArgument naming what is wrong and the accepted forms.
Result<Role> parse_role(std::string_view text);

// InvalidArgument unless `name` is 1 to 64 of letters, digits, '.', '_', '-', '@', starting with
// a letter or digit.
Status check_user_name(std::string_view name);
// The same for a group name, without '@'.
Status check_group_name(std::string_view name);

// Who a credential names, and how they may act.
struct Principal {
  User user;
  Caller caller;
  std::optional<TokenScope> token_scope;  // for an API token
  std::optional<Session> session;         // for a browser session
};

// A new API token. `secret` — "mura_<id>_<43 random characters>" — is the bearer value; it is
// shown once and never kept.
struct IssuedToken {
  ApiToken token;
  std::string secret;
};

// A new browser session; `id` is the cookie value, kept only as its digest.
struct StartedSession {
  Session session;
  std::string id;
};

class Accounts {
 public:
  explicit Accounts(AccountStore& store, AccountsOptions options = {});

  // `actor` names who makes the change (for the audit log): a user name, or "cli:<login>".
  // InvalidArgument for a bad name, password or role; AlreadyExists for a taken name.
  Result<User> add_user(const std::string& name, const std::string& display_name,
                        std::string_view password, const std::vector<std::string>& roles,
                        std::string_view actor);
  // NotFound for an unknown user.
  Result<User> user(const std::string& name);
  Result<std::vector<User>> users();
  // Sets a new password and ends the user's sessions.
  Status set_password(const std::string& name, std::string_view password, std::string_view actor);
  Status set_display_name(const std::string& name, const std::string& display_name,
                          std::string_view actor);
  // A disabled user's sessions end and their tokens stop working until enabled again.
  Status set_disabled(const std::string& name, bool disabled, std::string_view actor);
  // Grants a role (parse_role); a group that does not exist yet is created. Granting a role the
  // user has changes nothing.
  Status grant(const std::string& name, std::string_view role, std::string_view actor);
  // NotFound when the user does not hold the role.
  Status revoke(const std::string& name, std::string_view role, std::string_view actor);
  Status delete_user(const std::string& name, std::string_view actor);

  // AlreadyExists for a taken name.
  Result<Group> add_group(const std::string& name, const std::string& description,
                          std::string_view actor);
  Result<std::vector<Group>> groups();

  // A token for `user` valid `days` days (AccountsOptions::default_token_days when not given;
  // InvalidArgument outside 1..max_token_days). NotFound for an unknown user.
  Result<IssuedToken> create_token(const std::string& user, TokenScope scope,
                                   std::optional<int> days, const std::string& label,
                                   std::string_view actor);
  // NotFound for an unknown token id.
  Status revoke_token(const std::string& id, std::string_view actor);
  Result<std::optional<ApiToken>> token(const std::string& id);
  Result<std::vector<ApiToken>> tokens(const std::string& user);

  // The principal of a bearer token. Unauthenticated when it is malformed, unknown, wrong,
  // revoked, expired, or its user is disabled.
  Result<Principal> authenticate_token(std::string_view bearer);
  // The user when `password` is theirs. Unauthenticated "wrong name or password" alike for an
  // unknown name and a wrong password (the same work is done for both), and for a user without
  // a password; Unauthenticated naming the reason for a disabled account.
  Result<User> check_password(const std::string& name, std::string_view password);
  // Opens a browser session for `user`, valid for AccountsOptions::session_lifetime.
  Result<StartedSession> start_session(const User& user);
  // The principal of a session cookie. Unauthenticated when the session is unknown, has expired
  // (it is then removed) or its user is disabled or gone.
  Result<Principal> resume_session(std::string_view id);
  // Ends the session (server side); ending an unknown one is not an error.
  Status end_session(std::string_view id);

  // The caller the policy judges for `user`.
  static Caller caller_of(const User& user);
  // "reader", then "curator" and "admin" when they apply, then "curator:<ark>" for each
  // collection and "group:<name>" for each group.
  static std::vector<std::string> roles_of(const User& user);
  // Now, as RFC 3339 UTC ("2026-11-28T10:00:00Z"), from the options' clock.
  std::string now() const;

  AccountStore& store() { return store_; }

 private:
  Result<User> existing_user(const std::string& name);
  std::string time_after(std::chrono::seconds delay) const;
  Status audit(std::string_view actor, std::string_view action, std::string_view target,
               std::string_view detail);

  AccountStore& store_;
  AccountsOptions options_;
};

// RFC 3339 UTC with seconds: "2026-11-28T10:00:00Z".
std::string format_utc(std::chrono::system_clock::time_point time);

}  // namespace mura::access
