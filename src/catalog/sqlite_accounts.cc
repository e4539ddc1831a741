// The SQLite catalog as the accounts store (access::AccountStore): the tables of schema
// version 3. Reads use read_latest(), so that a session started during an open batch is seen.
#include <nlohmann/json.hpp>

#include "catalog/sqlite_catalog.h"

namespace mura::catalog {
namespace {

using access::ApiToken;
using access::Group;
using access::Session;
using access::User;
using sqlite::Database;
using sqlite::Query;

std::string encode_list(const std::vector<std::string>& items) {
  return nlohmann::json(items).dump();
}

std::vector<std::string> decode_list(const std::string& text) {
  auto json = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  std::vector<std::string> items;
  if (!json.is_array()) return items;
  for (const auto& item : json) {
    if (item.is_string()) items.push_back(item.get<std::string>());
  }
  return items;
}

constexpr std::string_view kUserColumns =
    "name, display_name, password_hash, administrator, curated_collections, member_of, disabled, "
    "created";

User read_user(const Query& query) {
  User user;
  user.name = query.text(0);
  user.display_name = query.text(1);
  user.password_hash = query.text(2);
  user.administrator = query.boolean(3);
  user.curated_collections = decode_list(query.text(4));
  user.groups = decode_list(query.text(5));
  user.disabled = query.boolean(6);
  user.created = query.text(7);
  return user;
}

constexpr std::string_view kTokenColumns =
    "id, user_name, secret_hash, scope, label, created, expires, revoked";

ApiToken read_token(const Query& query) {
  ApiToken token;
  token.id = query.text(0);
  token.user = query.text(1);
  token.secret_hash = query.text(2);
  // An unknown scope cannot be written by this code; read-only is the safe reading.
  token.scope = access::parse_token_scope(query.text(3)).value_or(access::TokenScope::kRead);
  token.label = query.text(4);
  token.created = query.text(5);
  token.expires = query.text(6);
  token.revoked = query.boolean(7);
  return token;
}

Result<bool> user_exists(Database& database, const std::string& name) {
  MURA_ASSIGN_OR_RETURN(Query query, database.prepare("SELECT 1 FROM users WHERE name = ?"));
  MURA_TRY(query.bind(1, name));
  return query.step();
}

// Runs a statement that changes rows; NotFound `message` when it changed none.
Status run_changing(Database& database, Query& query, const std::string& message) {
  MURA_TRY(query.run());
  if (database.changes() == 0) return not_found_error(message);
  return ok_status();
}

}  // namespace

Status SqliteCatalog::insert_user(const User& user) {
  return write("insert_user " + user.name, [&](Database& database) -> Status {
    MURA_ASSIGN_OR_RETURN(bool exists, user_exists(database, user.name));
    if (exists) return already_exists_error("there is already a user \"" + user.name + "\"");
    MURA_ASSIGN_OR_RETURN(Query query,
                          database.prepare("INSERT INTO users (" + std::string(kUserColumns) +
                                           ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)"));
    MURA_TRY(query.bind_all(user.name, user.display_name, user.password_hash,
                            std::int64_t{user.administrator}, encode_list(user.curated_collections),
                            encode_list(user.groups), std::int64_t{user.disabled}, user.created));
    return query.run();
  });
}

Status SqliteCatalog::update_user(const User& user) {
  return write("update_user " + user.name, [&](Database& database) -> Status {
    MURA_ASSIGN_OR_RETURN(
        Query query,
        database.prepare("UPDATE users SET display_name = ?, password_hash = ?, administrator = ?, "
                         "curated_collections = ?, member_of = ?, disabled = ? WHERE name = ?"));
    MURA_TRY(query.bind_all(user.display_name, user.password_hash, std::int64_t{user.administrator},
                            encode_list(user.curated_collections), encode_list(user.groups),
                            std::int64_t{user.disabled}, user.name));
    return run_changing(database, query, "there is no user \"" + user.name + "\"");
  });
}

Status SqliteCatalog::delete_user(const std::string& name) {
  return write("delete_user " + name, [&](Database& database) -> Status {
    // Tokens and sessions go with the user (ON DELETE CASCADE).
    MURA_ASSIGN_OR_RETURN(Query query, database.prepare("DELETE FROM users WHERE name = ?"));
    MURA_TRY(query.bind(1, name));
    return run_changing(database, query, "there is no user \"" + name + "\"");
  });
}

Result<std::optional<User>> SqliteCatalog::find_user(const std::string& name) {
  return read_latest<std::optional<User>>([&](Database& database) -> Result<std::optional<User>> {
    MURA_ASSIGN_OR_RETURN(Query query, database.prepare("SELECT " + std::string(kUserColumns) +
                                                        " FROM users WHERE name = ?"));
    MURA_TRY(query.bind(1, name));
    MURA_ASSIGN_OR_RETURN(bool row, query.step());
    if (!row) return std::optional<User>();
    return std::optional<User>(read_user(query));
  });
}

Result<std::vector<User>> SqliteCatalog::users() {
  return read_latest<std::vector<User>>([&](Database& database) -> Result<std::vector<User>> {
    MURA_ASSIGN_OR_RETURN(Query query, database.prepare("SELECT " + std::string(kUserColumns) +
                                                        " FROM users ORDER BY name"));
    std::vector<User> users;
    while (true) {
      MURA_ASSIGN_OR_RETURN(bool row, query.step());
      if (!row) break;
      users.push_back(read_user(query));
    }
    return users;
  });
}

Status SqliteCatalog::insert_group(const Group& group) {
  return write("insert_group " + group.name, [&](Database& database) -> Status {
    MURA_ASSIGN_OR_RETURN(Query exists,
                          database.prepare("SELECT 1 FROM account_groups WHERE name = ?"));
    MURA_TRY(exists.bind(1, group.name));
    MURA_ASSIGN_OR_RETURN(bool found, exists.step());
    if (found) return already_exists_error("there is already a group \"" + group.name + "\"");
    MURA_ASSIGN_OR_RETURN(Query query,
                          database.prepare("INSERT INTO account_groups (name, description, "
                                           "created) VALUES (?, ?, ?)"));
    MURA_TRY(query.bind_all(group.name, group.description, group.created));
    return query.run();
  });
}

Result<std::optional<Group>> SqliteCatalog::find_group(const std::string& name) {
  return read_latest<std::optional<Group>>([&](Database& database) -> Result<std::optional<Group>> {
    MURA_ASSIGN_OR_RETURN(Query query, database.prepare("SELECT name, description, created FROM "
                                                        "account_groups WHERE name = ?"));
    MURA_TRY(query.bind(1, name));
    MURA_ASSIGN_OR_RETURN(bool row, query.step());
    if (!row) return std::optional<Group>();
    return std::optional<Group>(Group{query.text(0), query.text(1), query.text(2)});
  });
}

Result<std::vector<Group>> SqliteCatalog::groups() {
  return read_latest<std::vector<Group>>([&](Database& database) -> Result<std::vector<Group>> {
    MURA_ASSIGN_OR_RETURN(Query query, database.prepare("SELECT name, description, created FROM "
                                                        "account_groups ORDER BY name"));
    std::vector<Group> groups;
    while (true) {
      MURA_ASSIGN_OR_RETURN(bool row, query.step());
      if (!row) break;
      groups.push_back(Group{query.text(0), query.text(1), query.text(2)});
    }
    return groups;
  });
}

Status SqliteCatalog::insert_token(const ApiToken& token) {
  return write("insert_token", [&](Database& database) -> Status {
    MURA_ASSIGN_OR_RETURN(bool exists, user_exists(database, token.user));
    if (!exists) return not_found_error("there is no user \"" + token.user + "\"");
    MURA_ASSIGN_OR_RETURN(Query taken, database.prepare("SELECT 1 FROM api_tokens WHERE id = ?"));
    MURA_TRY(taken.bind(1, token.id));
    MURA_ASSIGN_OR_RETURN(bool found, taken.step());
    if (found) return already_exists_error("a token with this id exists");
    MURA_ASSIGN_OR_RETURN(Query query,
                          database.prepare("INSERT INTO api_tokens (" + std::string(kTokenColumns) +
                                           ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)"));
    MURA_TRY(query.bind_all(token.id, token.user, token.secret_hash,
                            access::token_scope_name(token.scope), token.label, token.created,
                            token.expires, std::int64_t{token.revoked}));
    return query.run();
  });
}

Result<std::optional<ApiToken>> SqliteCatalog::find_token(const std::string& id) {
  return read_latest<std::optional<ApiToken>>(
      [&](Database& database) -> Result<std::optional<ApiToken>> {
        MURA_ASSIGN_OR_RETURN(Query query, database.prepare("SELECT " + std::string(kTokenColumns) +
                                                            " FROM api_tokens WHERE id = ?"));
        MURA_TRY(query.bind(1, id));
        MURA_ASSIGN_OR_RETURN(bool row, query.step());
        if (!row) return std::optional<ApiToken>();
        return std::optional<ApiToken>(read_token(query));
      });
}

Result<std::vector<ApiToken>> SqliteCatalog::tokens_of(const std::string& user) {
  return read_latest<std::vector<ApiToken>>(
      [&](Database& database) -> Result<std::vector<ApiToken>> {
        MURA_ASSIGN_OR_RETURN(Query query, database.prepare("SELECT " + std::string(kTokenColumns) +
                                                            " FROM api_tokens WHERE user_name = ? "
                                                            "ORDER BY created DESC, id"));
        MURA_TRY(query.bind(1, user));
        std::vector<ApiToken> tokens;
        while (true) {
          MURA_ASSIGN_OR_RETURN(bool row, query.step());
          if (!row) break;
          tokens.push_back(read_token(query));
        }
        return tokens;
      });
}

Status SqliteCatalog::revoke_token(const std::string& id) {
  return write("revoke_token", [&](Database& database) -> Status {
    MURA_ASSIGN_OR_RETURN(Query query,
                          database.prepare("UPDATE api_tokens SET revoked = 1 WHERE id = ?"));
    MURA_TRY(query.bind(1, id));
    return run_changing(database, query, "there is no token \"" + id.substr(0, 40) + "\"");
  });
}

Status SqliteCatalog::insert_session(const Session& session) {
  return write("insert_session", [&](Database& database) -> Status {
    MURA_ASSIGN_OR_RETURN(bool exists, user_exists(database, session.user));
    if (!exists) return not_found_error("there is no user \"" + session.user + "\"");
    MURA_ASSIGN_OR_RETURN(Query query,
                          database.prepare("INSERT OR REPLACE INTO sessions (id_hash, user_name, "
                                           "csrf_token, created, expires) VALUES (?, ?, ?, ?, ?)"));
    MURA_TRY(query.bind_all(session.id_hash, session.user, session.csrf_token, session.created,
                            session.expires));
    return query.run();
  });
}

Result<std::optional<Session>> SqliteCatalog::find_session(const std::string& id_hash) {
  return read_latest<std::optional<Session>>(
      [&](Database& database) -> Result<std::optional<Session>> {
        MURA_ASSIGN_OR_RETURN(Query query,
                              database.prepare("SELECT id_hash, user_name, csrf_token, created, "
                                               "expires FROM sessions WHERE id_hash = ?"));
        MURA_TRY(query.bind(1, id_hash));
        MURA_ASSIGN_OR_RETURN(bool row, query.step());
        if (!row) return std::optional<Session>();
        return std::optional<Session>(
            Session{query.text(0), query.text(1), query.text(2), query.text(3), query.text(4)});
      });
}

Status SqliteCatalog::delete_session(const std::string& id_hash) {
  return write("delete_session", [&](Database& database) -> Status {
    MURA_ASSIGN_OR_RETURN(Query query, database.prepare("DELETE FROM sessions WHERE id_hash = ?"));
    MURA_TRY(query.bind(1, id_hash));
    return query.run();
  });
}

Status SqliteCatalog::delete_sessions_of(const std::string& user) {
  return write("delete_sessions_of " + user, [&](Database& database) -> Status {
    MURA_ASSIGN_OR_RETURN(Query query,
                          database.prepare("DELETE FROM sessions WHERE user_name = ?"));
    MURA_TRY(query.bind(1, user));
    return query.run();
  });
}

Status SqliteCatalog::delete_expired_sessions(const std::string& now) {
  return write("delete_expired_sessions", [&](Database& database) -> Status {
    MURA_ASSIGN_OR_RETURN(Query query, database.prepare("DELETE FROM sessions WHERE expires <= ?"));
    MURA_TRY(query.bind(1, now));
    return query.run();
  });
}

}  // namespace mura::catalog
