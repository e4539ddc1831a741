// An AccountStore in memory, for the tests of access/ (the SQLite catalog's store has its own
// suite in catalog/). Same contract, no persistence. Thread-safe.
#pragma once

#include <algorithm>
#include <map>
#include <mutex>

#include "access/account_store.h"

namespace mura::access::test_support {

class MemoryAccountStore final : public AccountStore {
 public:
  Status insert_user(const User& user) override {
    std::lock_guard lock(mutex_);
    if (!users_.emplace(user.name, user).second) return already_exists_error("user " + user.name);
    return ok_status();
  }
  Status update_user(const User& user) override {
    std::lock_guard lock(mutex_);
    auto it = users_.find(user.name);
    if (it == users_.end()) return not_found_error("user " + user.name);
    it->second = user;
    return ok_status();
  }
  Status delete_user(const std::string& name) override {
    std::lock_guard lock(mutex_);
    if (users_.erase(name) == 0) return not_found_error("user " + name);
    std::erase_if(tokens_, [&](const auto& item) { return item.second.user == name; });
    std::erase_if(sessions_, [&](const auto& item) { return item.second.user == name; });
    return ok_status();
  }
  Result<std::optional<User>> find_user(const std::string& name) override {
    std::lock_guard lock(mutex_);
    auto it = users_.find(name);
    return it == users_.end() ? std::optional<User>() : std::optional<User>(it->second);
  }
  Result<std::vector<User>> users() override {
    std::lock_guard lock(mutex_);
    std::vector<User> all;
    for (const auto& [name, user] : users_) all.push_back(user);
    return all;
  }
  Status insert_group(const Group& group) override {
    std::lock_guard lock(mutex_);
    if (!groups_.emplace(group.name, group).second) {
      return already_exists_error("group " + group.name);
    }
    return ok_status();
  }
  Result<std::optional<Group>> find_group(const std::string& name) override {
    std::lock_guard lock(mutex_);
    auto it = groups_.find(name);
    return it == groups_.end() ? std::optional<Group>() : std::optional<Group>(it->second);
  }
  Result<std::vector<Group>> groups() override {
    std::lock_guard lock(mutex_);
    std::vector<Group> all;
    for (const auto& [name, group] : groups_) all.push_back(group);
    return all;
  }
  Status insert_token(const ApiToken& token) override {
    std::lock_guard lock(mutex_);
    if (users_.count(token.user) == 0) return not_found_error("user " + token.user);
    if (!tokens_.emplace(token.id, token).second) return already_exists_error("token");
    return ok_status();
  }
  Result<std::optional<ApiToken>> find_token(const std::string& id) override {
    std::lock_guard lock(mutex_);
    auto it = tokens_.find(id);
    return it == tokens_.end() ? std::optional<ApiToken>() : std::optional<ApiToken>(it->second);
  }
  Result<std::vector<ApiToken>> tokens_of(const std::string& user) override {
    std::lock_guard lock(mutex_);
    std::vector<ApiToken> all;
    for (const auto& [id, token] : tokens_) {
      if (token.user == user) all.push_back(token);
    }
    std::stable_sort(all.begin(), all.end(),
                     [](const ApiToken& a, const ApiToken& b) { return a.created > b.created; });
    return all;
  }
  Status revoke_token(const std::string& id) override {
    std::lock_guard lock(mutex_);
    auto it = tokens_.find(id);
    if (it == tokens_.end()) return not_found_error("token " + id);
    it->second.revoked = true;
    return ok_status();
  }
  Status insert_session(const Session& session) override {
    std::lock_guard lock(mutex_);
    if (users_.count(session.user) == 0) return not_found_error("user " + session.user);
    sessions_[session.id_hash] = session;
    return ok_status();
  }
  Result<std::optional<Session>> find_session(const std::string& id_hash) override {
    std::lock_guard lock(mutex_);
    auto it = sessions_.find(id_hash);
    return it == sessions_.end() ? std::optional<Session>() : std::optional<Session>(it->second);
  }
  Status delete_session(const std::string& id_hash) override {
    std::lock_guard lock(mutex_);
    sessions_.erase(id_hash);
    return ok_status();
  }
  Status delete_sessions_of(const std::string& user) override {
    std::lock_guard lock(mutex_);
    std::erase_if(sessions_, [&](const auto& item) { return item.second.user == user; });
    return ok_status();
  }
  Status delete_expired_sessions(const std::string& now) override {
    std::lock_guard lock(mutex_);
    std::erase_if(sessions_, [&](const auto& item) { return item.second.expires <= now; });
    return ok_status();
  }

  std::size_t session_count() {
    std::lock_guard lock(mutex_);
    return sessions_.size();
  }

 private:
  std::mutex mutex_;
  std::map<std::string, User> users_;
  std::map<std::string, Group> groups_;
  std::map<std::string, ApiToken> tokens_;
  std::map<std::string, Session> sessions_;
};

}  // namespace mura::access::test_support
