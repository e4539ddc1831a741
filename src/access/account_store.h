// The accounts' data — users, groups, API tokens and browser sessions — and the interface of
// where they are kept (AccountStore). The SQLite catalog implements it
// (catalog::Catalog::accounts()); the rules live in accounts.h. Secrets are never stored: tokens
// and session ids as SHA-256, passwords as Argon2id. Implementations are thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"

namespace mura::access {

struct User {
  std::string name;  // the sign-in name: letters, digits, '.', '_', '-', '@'; 1 to 64
  std::string display_name;
  std::string password_hash;  // Argon2id encoded (password.h); "" when none is set
  bool administrator = false;
  std::vector<std::string> curated_collections;  // collection ARKs, sorted
  std::vector<std::string> groups;               // group names, sorted
  bool disabled = false;                         // may not sign in or use tokens
  std::string created;                           // RFC 3339 UTC
  friend bool operator==(const User&, const User&) = default;
};

struct Group {
  std::string name;  // letters, digits, '.', '_', '-'; 1 to 64
  std::string description;
  std::string created;
  friend bool operator==(const Group&, const Group&) = default;
};

// What an API token lets its holder do: read (safe methods only) or also write.
enum class TokenScope { kRead, kWrite };
std::string_view token_scope_name(TokenScope scope);  // "read", "write"
std::optional<TokenScope> parse_token_scope(std::string_view name);

struct ApiToken {
  std::string id;           // public: 16 lowercase hex characters, part of the token itself
  std::string user;         // the owner
  std::string secret_hash;  // secret_digest() of the secret part
  TokenScope scope = TokenScope::kRead;
  std::string label;
  std::string created;  // RFC 3339 UTC
  std::string expires;  // RFC 3339 UTC; the token is refused from then on
  bool revoked = false;
  friend bool operator==(const ApiToken&, const ApiToken&) = default;
};

struct Session {
  std::string id_hash;  // secret_digest() of the cookie value
  std::string user;
  std::string csrf_token;  // sent back by the browser in X-CSRF-Token on unsafe methods
  std::string created;
  std::string expires;
  friend bool operator==(const Session&, const Session&) = default;
};

class AccountStore {
 public:
  virtual ~AccountStore() = default;

  // AlreadyExists when a user of that name exists.
  virtual Status insert_user(const User& user) = 0;
  // Replaces the user of that name; NotFound when there is none.
  virtual Status update_user(const User& user) = 0;
  // Removes the user with their tokens and sessions; NotFound when there is none.
  virtual Status delete_user(const std::string& name) = 0;
  virtual Result<std::optional<User>> find_user(const std::string& name) = 0;
  // Every user, by name.
  virtual Result<std::vector<User>> users() = 0;

  // AlreadyExists when a group of that name exists.
  virtual Status insert_group(const Group& group) = 0;
  virtual Result<std::optional<Group>> find_group(const std::string& name) = 0;
  // Every group, by name.
  virtual Result<std::vector<Group>> groups() = 0;

  // AlreadyExists for a taken id; NotFound when the owner does not exist.
  virtual Status insert_token(const ApiToken& token) = 0;
  virtual Result<std::optional<ApiToken>> find_token(const std::string& id) = 0;
  // The user's tokens, newest first.
  virtual Result<std::vector<ApiToken>> tokens_of(const std::string& user) = 0;
  // Marks the token revoked; NotFound for an unknown id.
  virtual Status revoke_token(const std::string& id) = 0;

  // NotFound when the user does not exist.
  virtual Status insert_session(const Session& session) = 0;
  virtual Result<std::optional<Session>> find_session(const std::string& id_hash) = 0;
  // Removing a session that does not exist is not an error.
  virtual Status delete_session(const std::string& id_hash) = 0;
  virtual Status delete_sessions_of(const std::string& user) = 0;
  // Removes the sessions that expired before `now` (RFC 3339 UTC).
  virtual Status delete_expired_sessions(const std::string& now) = 0;
};

}  // namespace mura::access
