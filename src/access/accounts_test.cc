#include "access/accounts.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <thread>

#include "access/login_throttle.h"
#include "access/password.h"
#include "access/secrets.h"
#include "access/testing/memory_account_store.h"
#include "base/ark.h"
#include "base/testing/status_matchers.h"

namespace mura::access {
namespace {

using ::mura::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

// Cheap hashing for tests; the production cost is exercised by PasswordTest.
constexpr PasswordCost kCheap{64, 1, 1};

const std::string kCollection = mint_ark("99999").to_string();

class AccountsTest : public ::testing::Test {
 protected:
  AccountsTest() {
    AccountsOptions options;
    options.password_cost = kCheap;
    options.clock = [this] { return now_; };
    options.record_change = [this](std::string_view actor, std::string_view action,
                                   std::string_view target, std::string_view detail) {
      changes_.push_back(std::string(actor) + " " + std::string(action) + " " +
                         std::string(target) + " " + std::string(detail));
      return ok_status();
    };
    accounts_ = std::make_unique<Accounts>(store_, options);
  }

  std::chrono::system_clock::time_point now_ =
      std::chrono::sys_days(std::chrono::year(2026) / 11 / 28) + std::chrono::hours(10);
  test_support::MemoryAccountStore store_;
  std::unique_ptr<Accounts> accounts_;
  std::vector<std::string> changes_;
};

TEST_F(AccountsTest, UsersAreAddedWithRolesAndCheckedPasswords) {
  ASSERT_OK_AND_ASSIGN(
      User alice,
      accounts_->add_user("alice", "Alice Ахметова", "correct horse",
                          {"curator:" + kCollection, "group:staff", "reader"}, "cli:root"));
  EXPECT_EQ(alice.display_name, "Alice Ахметова");
  EXPECT_TRUE(alice.password_hash.starts_with("$argon2id$"));
  EXPECT_EQ(alice.created, "2026-11-28T10:00:00Z");
  EXPECT_THAT(Accounts::roles_of(alice),
              ElementsAre("reader", "curator", "curator:" + kCollection, "group:staff"));
  ASSERT_OK_AND_ASSIGN(auto groups, accounts_->groups());
  ASSERT_EQ(groups.size(), 1u) << "a group granted is created";
  EXPECT_EQ(groups[0].name, "staff");

  EXPECT_THAT(accounts_->check_password("alice", "correct horse"), ::testing::Optional(alice));
  EXPECT_THAT(accounts_->check_password("alice", "wrong horse!"),
              StatusIs(StatusCode::kUnauthenticated, "wrong name or password"));
  EXPECT_THAT(accounts_->check_password("nobody", "correct horse"),
              StatusIs(StatusCode::kUnauthenticated, "wrong name or password"))
      << "the same message for an unknown name";
  EXPECT_THAT(accounts_->check_password("../x", "correct horse"),
              StatusIs(StatusCode::kUnauthenticated, "wrong name or password"));

  const Caller caller = Accounts::caller_of(alice);
  EXPECT_EQ(caller.user, "alice");
  EXPECT_THAT(caller.tokens, ElementsAre("public", "registered", "group:staff"));
  EXPECT_TRUE(caller.curates(kCollection));
  EXPECT_FALSE(caller.administrator);

  EXPECT_THAT(accounts_->add_user("alice", "", "another one", {}, "cli:root"),
              StatusIs(StatusCode::kAlreadyExists));
  EXPECT_THAT(changes_, ElementsAre("cli:root user.add user:alice roles: reader curator curator:" +
                                    kCollection + " group:staff"));
}

TEST_F(AccountsTest, BadNamesPasswordsAndRolesAreRefused) {
  struct Case {
    const char* name;
    const char* password;
    std::vector<std::string> roles;
    const char* message;
  } cases[] = {
      {"", "long enough", {}, "user name"},
      {"-dash", "long enough", {}, "user name"},
      {"has space", "long enough", {}, "user name"},
      {"a/b", "long enough", {}, "user name"},
      {"bek", "short", {}, "at least 8"},
      {"bek", "long enough", {"curator"}, "say which collection"},
      {"bek", "long enough", {"curator:ark:/99999/notachecked"}, "curator:"},
      {"bek", "long enough", {"group:"}, "group name"},
      {"bek", "long enough", {"group:a|b"}, "group name"},
      {"bek", "long enough", {"superuser"}, "is not one of"},
  };
  for (const auto& test : cases) {
    SCOPED_TRACE(test.name + std::string(" ") + test.password);
    EXPECT_THAT(accounts_->add_user(test.name, "", test.password, test.roles, "root"),
                StatusIs(StatusCode::kInvalidArgument, HasSubstr(test.message)));
  }
  EXPECT_THAT(accounts_->add_user(std::string(65, 'a'), "", "long enough", {}, "root"),
              StatusIs(StatusCode::kInvalidArgument));
  EXPECT_THAT(accounts_->add_user("bek", "tab\there", "long enough", {}, "root"),
              StatusIs(StatusCode::kInvalidArgument, HasSubstr("control characters")));
  EXPECT_THAT(accounts_->users(), ::testing::Optional(::testing::IsEmpty()));
  EXPECT_TRUE(changes_.empty());
}

TEST_F(AccountsTest, GrantRevokePasswordAndDisable) {
  ASSERT_OK(accounts_->add_user("bek", "", "first password", {}, "root"));
  ASSERT_OK(accounts_->grant("bek", "admin", "root"));
  ASSERT_OK(accounts_->grant("bek", "group:board", "root"));
  ASSERT_OK(accounts_->grant("bek", "group:board", "root"));
  ASSERT_OK_AND_ASSIGN(User bek, accounts_->user("bek"));
  EXPECT_EQ(bek.display_name, "bek");
  EXPECT_TRUE(bek.administrator);
  EXPECT_THAT(bek.groups, ElementsAre("board"));
  EXPECT_THAT(accounts_->revoke("bek", "group:staff", "root"),
              StatusIs(StatusCode::kNotFound, HasSubstr("does not hold")));
  ASSERT_OK(accounts_->revoke("bek", "admin", "root"));
  ASSERT_OK(accounts_->revoke("bek", "group:board", "root"));
  EXPECT_THAT(accounts_->grant("nobody", "admin", "root"), StatusIs(StatusCode::kNotFound));

  ASSERT_OK_AND_ASSIGN(auto started, accounts_->start_session(bek));
  ASSERT_OK(accounts_->resume_session(started.id));
  ASSERT_OK(accounts_->set_password("bek", "second password", "root"));
  EXPECT_THAT(accounts_->resume_session(started.id), StatusIs(StatusCode::kUnauthenticated))
      << "a new password ends the sessions";
  EXPECT_THAT(accounts_->check_password("bek", "first password"),
              StatusIs(StatusCode::kUnauthenticated));
  ASSERT_OK(accounts_->check_password("bek", "second password"));

  ASSERT_OK_AND_ASSIGN(auto token,
                       accounts_->create_token("bek", TokenScope::kRead, 5, "", "root"));
  ASSERT_OK(accounts_->set_disabled("bek", true, "root"));
  EXPECT_THAT(accounts_->check_password("bek", "second password"),
              StatusIs(StatusCode::kUnauthenticated, HasSubstr("disabled")));
  EXPECT_THAT(accounts_->authenticate_token(token.secret),
              StatusIs(StatusCode::kUnauthenticated, HasSubstr("disabled")));
  ASSERT_OK(accounts_->set_disabled("bek", false, "root"));
  ASSERT_OK(accounts_->authenticate_token(token.secret));
  ASSERT_OK(accounts_->delete_user("bek", "root"));
  EXPECT_THAT(accounts_->authenticate_token(token.secret), StatusIs(StatusCode::kUnauthenticated));
  EXPECT_THAT(accounts_->user("bek"), StatusIs(StatusCode::kNotFound));
  EXPECT_EQ(changes_.size(), 11u);
}

TEST_F(AccountsTest, TokensAreShownOnceKeptHashedScopedAndExpire) {
  ASSERT_OK(accounts_->add_user("ana", "", "a password!", {"group:staff"}, "root"));
  ASSERT_OK_AND_ASSIGN(auto issued,
                       accounts_->create_token("ana", TokenScope::kWrite, 30, "harvester", "root"));
  EXPECT_THAT(issued.secret, ::testing::StartsWith("mura_" + issued.token.id + "_"));
  EXPECT_EQ(issued.secret.size(), 5u + 16u + 1u + 43u);
  EXPECT_EQ(issued.token.expires, "2026-12-28T10:00:00Z");
  ASSERT_OK_AND_ASSIGN(auto stored, accounts_->token(issued.token.id));
  ASSERT_TRUE(stored.has_value());
  EXPECT_EQ(stored->secret_hash.size(), 64u);
  EXPECT_EQ(issued.secret.find(stored->secret_hash), std::string::npos) << "only its digest";

  ASSERT_OK_AND_ASSIGN(auto principal, accounts_->authenticate_token(issued.secret));
  EXPECT_EQ(principal.user.name, "ana");
  EXPECT_EQ(principal.token_scope, TokenScope::kWrite);
  EXPECT_THAT(principal.caller.tokens, ElementsAre("public", "registered", "group:staff"));

  std::string tampered = issued.secret;
  tampered.back() = tampered.back() == 'A' ? 'B' : 'A';
  for (const std::string& bad :
       {tampered, std::string("mura_"), std::string("mura_0123456789abcdef_x"),
        std::string("Bearer ") + issued.secret, issued.secret.substr(0, 30),
        std::string("mura_ZZZZZZZZZZZZZZZZ_") + issued.secret.substr(22)}) {
    SCOPED_TRACE(bad);
    EXPECT_THAT(accounts_->authenticate_token(bad),
                StatusIs(StatusCode::kUnauthenticated, HasSubstr("not valid")));
  }

  now_ += std::chrono::hours(24 * 30);
  EXPECT_THAT(accounts_->authenticate_token(issued.secret),
              StatusIs(StatusCode::kUnauthenticated, HasSubstr("expired")));
  now_ -= std::chrono::hours(1);
  ASSERT_OK(accounts_->authenticate_token(issued.secret));
  ASSERT_OK(accounts_->revoke_token(issued.token.id, "root"));
  EXPECT_THAT(accounts_->authenticate_token(issued.secret),
              StatusIs(StatusCode::kUnauthenticated, HasSubstr("revoked")));
  EXPECT_THAT(accounts_->revoke_token("0000000000000000", "root"), StatusIs(StatusCode::kNotFound));

  EXPECT_THAT(accounts_->create_token("ana", TokenScope::kRead, 0, "", "root"),
              StatusIs(StatusCode::kInvalidArgument, HasSubstr("1 to 3650 days")));
  EXPECT_THAT(accounts_->create_token("ana", TokenScope::kRead, 3651, "", "root"),
              StatusIs(StatusCode::kInvalidArgument));
  EXPECT_THAT(accounts_->create_token("nobody", TokenScope::kRead, 1, "", "root"),
              StatusIs(StatusCode::kNotFound));
  ASSERT_OK_AND_ASSIGN(auto standard,
                       accounts_->create_token("ana", TokenScope::kRead, std::nullopt, "", "root"));
  EXPECT_EQ(standard.token.expires, "2027-03-28T09:00:00Z") << "90 days by default";
  EXPECT_NE(standard.token.id, issued.token.id);
  ASSERT_OK_AND_ASSIGN(auto listed, accounts_->tokens("ana"));
  EXPECT_EQ(listed.size(), 2u);
}

TEST_F(AccountsTest, SessionsExpireEndAndCarryACsrfToken) {
  ASSERT_OK_AND_ASSIGN(User user, accounts_->add_user("ana", "", "a password!", {}, "root"));
  ASSERT_OK_AND_ASSIGN(auto first, accounts_->start_session(user));
  ASSERT_OK_AND_ASSIGN(auto second, accounts_->start_session(user));
  EXPECT_NE(first.id, second.id);
  EXPECT_NE(first.session.csrf_token, second.session.csrf_token);
  EXPECT_EQ(first.id.size(), 43u);
  EXPECT_EQ(first.session.id_hash, secret_digest(first.id));
  EXPECT_EQ(first.session.expires, "2026-11-28T22:00:00Z");
  ASSERT_OK_AND_ASSIGN(auto principal, accounts_->resume_session(first.id));
  EXPECT_EQ(principal.user.name, "ana");
  ASSERT_TRUE(principal.session.has_value());
  EXPECT_EQ(principal.session->csrf_token, first.session.csrf_token);
  EXPECT_FALSE(principal.token_scope.has_value());

  ASSERT_OK(accounts_->end_session(first.id));
  EXPECT_THAT(accounts_->resume_session(first.id),
              StatusIs(StatusCode::kUnauthenticated, HasSubstr("sign in again")));
  ASSERT_OK(accounts_->end_session(first.id));
  ASSERT_OK(accounts_->end_session(""));
  EXPECT_THAT(accounts_->resume_session(""), StatusIs(StatusCode::kUnauthenticated));
  EXPECT_THAT(accounts_->resume_session(first.session.id_hash),
              StatusIs(StatusCode::kUnauthenticated))
      << "the stored digest is not a credential";

  now_ += std::chrono::hours(12);
  EXPECT_THAT(accounts_->resume_session(second.id), StatusIs(StatusCode::kUnauthenticated));
  EXPECT_EQ(store_.session_count(), 0u) << "an expired session is removed";
  ASSERT_OK(accounts_->start_session(user));
  ASSERT_OK(accounts_->start_session(user));
  now_ += std::chrono::hours(13);
  ASSERT_OK(accounts_->start_session(user));
  EXPECT_EQ(store_.session_count(), 1u) << "expired sessions are swept";
}

TEST(PasswordTest, HashesAreSaltedArgon2idAndVerifyOnlyTheirPassword) {
  ASSERT_OK_AND_ASSIGN(auto first, hash_password("correct horse battery"));
  ASSERT_OK_AND_ASSIGN(auto second, hash_password("correct horse battery"));
  EXPECT_THAT(first, ::testing::StartsWith("$argon2id$v=19$m=19456,t=2,p=1$"));
  EXPECT_NE(first, second) << "a fresh salt each time";
  EXPECT_TRUE(verify_password(first, "correct horse battery"));
  EXPECT_TRUE(verify_password(second, "correct horse battery"));
  EXPECT_FALSE(verify_password(first, "correct horse batterY"));
  EXPECT_FALSE(verify_password(first, ""));
  EXPECT_FALSE(verify_password("", "correct horse battery"));
  EXPECT_FALSE(
      verify_password("$argon2i$v=19$m=8,t=1,p=1$c2FsdHNhbHQ$aGFzaA", "correct horse battery"));
  EXPECT_FALSE(verify_password("$argon2id$garbage", "correct horse battery"));
  EXPECT_FALSE(verify_password(decoy_password_hash(), ""));
  EXPECT_THAT(hash_password("seven77"), StatusIs(StatusCode::kInvalidArgument, HasSubstr("8")));
  EXPECT_THAT(hash_password(std::string(1025, 'x')), StatusIs(StatusCode::kInvalidArgument));
}

TEST(SecretsTest, RandomDigestsAndConstantTimeComparison) {
  EXPECT_EQ(random_secret().size(), 43u);
  EXPECT_EQ(random_secret(16).size(), 22u);
  EXPECT_NE(random_secret(), random_secret());
  EXPECT_EQ(random_hex(8).size(), 16u);
  EXPECT_EQ(secret_digest("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_TRUE(constant_time_equal("", ""));
  EXPECT_TRUE(constant_time_equal("same", "same"));
  EXPECT_FALSE(constant_time_equal("same", "sane"));
  EXPECT_FALSE(constant_time_equal("same", "same "));
}

TEST(RoleTest, ParsesEveryForm) {
  EXPECT_EQ(parse_role("admin")->kind, Role::Kind::kAdministrator);
  EXPECT_EQ(parse_role("administrator")->to_string(), "admin");
  EXPECT_EQ(parse_role("reader")->kind, Role::Kind::kReader);
  EXPECT_EQ(parse_role("group:staff")->to_string(), "group:staff");
  EXPECT_EQ(parse_role(" curator:" + kCollection).error().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(parse_role("curator:" + kCollection)->value, kCollection);
  EXPECT_EQ(parse_token_scope("write"), TokenScope::kWrite);
  EXPECT_EQ(parse_token_scope("admin"), std::nullopt);
  EXPECT_EQ(token_scope_name(TokenScope::kRead), "read");
}

TEST(LoginThrottleTest, RefusesAfterTooManyFailuresUntilTheWindowPasses) {
  LoginThrottle throttle({3, std::chrono::seconds(60), 4});
  const auto start = LoginThrottle::Clock::time_point() + std::chrono::hours(1);
  EXPECT_EQ(throttle.retry_after("ana", start).count(), 0);
  throttle.failed("ana", start);
  throttle.failed("ana", start + std::chrono::seconds(10));
  EXPECT_EQ(throttle.retry_after("ana", start + std::chrono::seconds(10)).count(), 0);
  throttle.failed("ana", start + std::chrono::seconds(20));
  EXPECT_EQ(throttle.retry_after("ana", start + std::chrono::seconds(20)).count(), 40);
  EXPECT_EQ(throttle.retry_after("bek", start).count(), 0) << "keys are apart";
  EXPECT_EQ(throttle.retry_after("ana", start + std::chrono::seconds(60)).count(), 0);
  throttle.failed("ana", start + std::chrono::seconds(61));
  EXPECT_GT(throttle.retry_after("ana", start + std::chrono::seconds(61)).count(), 0);
  throttle.succeeded("ana");
  EXPECT_EQ(throttle.retry_after("ana", start + std::chrono::seconds(61)).count(), 0);
  // Many keys: memory stays bounded, and a key that just failed is still counted.
  for (int i = 0; i < 10; ++i) throttle.failed("k" + std::to_string(i), start);
  for (int i = 0; i < 3; ++i) throttle.failed("last", start);
  EXPECT_GT(throttle.retry_after("last", start).count(), 0);
}

}  // namespace
}  // namespace mura::access
