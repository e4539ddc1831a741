// The catalog as the accounts store (access::AccountStore), on every backend, and access::Accounts
// over it.
#include "access/accounts.h"
#include "base/testing/status_matchers.h"
#include "catalog/catalog.h"
#include "catalog/catalog_testing.h"

namespace mura::catalog {
namespace {

using ::mura::testing::IsOk;
using ::mura::testing::StatusIs;
using test_support::Backend;
using test_support::kBackends;
using test_support::TempDirectory;
using ::testing::ElementsAre;
using ::testing::IsEmpty;

access::User user_named(const std::string& name) {
  access::User user;
  user.name = name;
  user.display_name = "Name " + name;
  user.password_hash = "$argon2id$v=19$m=64,t=1,p=1$c2FsdA$aGFzaA";
  user.curated_collections = {"ark:/99999/c1", "ark:/99999/c2"};
  user.groups = {"board", "staff"};
  user.created = "2026-11-28T10:00:00Z";
  return user;
}

access::ApiToken token_of(const std::string& id, const std::string& user,
                          const std::string& created) {
  return access::ApiToken{id,      user,    std::string(64, 'a'),   access::TokenScope::kWrite,
                          "label", created, "2027-01-01T00:00:00Z", false};
}

class CatalogAccountsTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    ASSERT_FALSE(directory_.path().empty());
    auto opened = GetParam().open(directory_.path(), "catalog");
    ASSERT_THAT(opened, IsOk());
    catalog_ = std::move(opened).value();
  }
  access::AccountStore& store() { return catalog_->accounts(); }

  TempDirectory directory_;
  std::unique_ptr<Catalog> catalog_;
};

TEST_P(CatalogAccountsTest, UsersRoundTripAndNameTheirErrors) {
  const auto alice = user_named("alice");
  ASSERT_OK(store().insert_user(alice));
  EXPECT_THAT(store().insert_user(alice), StatusIs(StatusCode::kAlreadyExists));
  EXPECT_THAT(store().find_user("alice"), ::testing::Optional(std::optional(alice)));
  EXPECT_THAT(store().find_user("nobody"), ::testing::Optional(std::nullopt));
  auto changed = alice;
  changed.administrator = true;
  changed.disabled = true;
  changed.groups = {};
  ASSERT_OK(store().update_user(changed));
  EXPECT_THAT(store().find_user("alice"), ::testing::Optional(std::optional(changed)));
  EXPECT_THAT(store().update_user(user_named("nobody")), StatusIs(StatusCode::kNotFound));
  ASSERT_OK(store().insert_user(user_named("bek")));
  ASSERT_OK_AND_ASSIGN(auto all, store().users());
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].name, "alice");
  EXPECT_EQ(all[1].name, "bek");
  ASSERT_OK(store().delete_user("bek"));
  EXPECT_THAT(store().delete_user("bek"), StatusIs(StatusCode::kNotFound));
}

TEST_P(CatalogAccountsTest, GroupsTokensAndSessions) {
  ASSERT_OK(store().insert_group({"staff", "Reading room staff", "2026-11-28T10:00:00Z"}));
  EXPECT_THAT(store().insert_group({"staff", "", ""}), StatusIs(StatusCode::kAlreadyExists));
  ASSERT_OK(store().insert_group({"board", "", "2026-11-28T10:00:00Z"}));
  ASSERT_OK_AND_ASSIGN(auto groups, store().groups());
  ASSERT_EQ(groups.size(), 2u);
  EXPECT_EQ(groups[0].name, "board");
  EXPECT_THAT(store().find_group("staff"),
              ::testing::Optional(std::optional<access::Group>(
                  access::Group{"staff", "Reading room staff", "2026-11-28T10:00:00Z"})));

  EXPECT_THAT(store().insert_token(token_of("0000000000000001", "alice", "2026-01-01")),
              StatusIs(StatusCode::kNotFound));
  ASSERT_OK(store().insert_user(user_named("alice")));
  ASSERT_OK(store().insert_token(token_of("0000000000000001", "alice", "2026-01-01")));
  ASSERT_OK(store().insert_token(token_of("0000000000000002", "alice", "2026-02-01")));
  EXPECT_THAT(store().insert_token(token_of("0000000000000002", "alice", "2026-02-01")),
              StatusIs(StatusCode::kAlreadyExists));
  ASSERT_OK_AND_ASSIGN(auto tokens, store().tokens_of("alice"));
  ASSERT_EQ(tokens.size(), 2u);
  EXPECT_EQ(tokens[0].id, "0000000000000002") << "newest first";
  EXPECT_EQ(tokens[1], token_of("0000000000000001", "alice", "2026-01-01"));
  ASSERT_OK(store().revoke_token("0000000000000001"));
  EXPECT_TRUE(store().find_token("0000000000000001")->value().revoked);
  EXPECT_THAT(store().revoke_token("ffffffffffffffff"), StatusIs(StatusCode::kNotFound));

  const access::Session live{"h1", "alice", "csrf1", "2026-11-28T10:00:00Z",
                             "2026-11-28T22:00:00Z"};
  const access::Session old{"h2", "alice", "csrf2", "2026-11-27T10:00:00Z", "2026-11-27T22:00:00Z"};
  ASSERT_OK(store().insert_session(live));
  ASSERT_OK(store().insert_session(old));
  EXPECT_THAT(store().insert_session({"h3", "nobody", "", "", ""}),
              StatusIs(StatusCode::kNotFound));
  EXPECT_THAT(store().find_session("h1"), ::testing::Optional(std::optional(live)));
  ASSERT_OK(store().delete_expired_sessions("2026-11-28T11:00:00Z"));
  EXPECT_THAT(store().find_session("h2"), ::testing::Optional(std::nullopt));
  EXPECT_THAT(store().find_session("h1"), ::testing::Optional(std::optional(live)));
  ASSERT_OK(store().delete_session("h1"));
  ASSERT_OK(store().delete_session("h1"));
  ASSERT_OK(store().insert_session(live));
  ASSERT_OK(store().delete_sessions_of("alice"));
  EXPECT_THAT(store().find_session("h1"), ::testing::Optional(std::nullopt));

  // A user takes their tokens and sessions along; clear() keeps every account.
  ASSERT_OK(store().insert_session(live));
  ASSERT_OK(catalog_->clear());
  EXPECT_THAT(store().find_session("h1"), ::testing::Optional(std::optional(live)));
  ASSERT_OK(store().delete_user("alice"));
  EXPECT_THAT(store().find_session("h1"), ::testing::Optional(std::nullopt));
  EXPECT_THAT(store().tokens_of("alice"), ::testing::Optional(IsEmpty()));
}

TEST_P(CatalogAccountsTest, AccountsSignInOverTheCatalog) {
  access::AccountsOptions options;
  options.password_cost = {64, 1, 1};
  access::Accounts accounts(store(), options);
  ASSERT_OK(accounts.add_user("ana", "Ana", "a long password", {"group:staff"}, "test"));
  ASSERT_OK_AND_ASSIGN(auto user, accounts.check_password("ana", "a long password"));
  ASSERT_OK_AND_ASSIGN(auto started, accounts.start_session(user));
  ASSERT_OK_AND_ASSIGN(auto principal, accounts.resume_session(started.id));
  EXPECT_THAT(principal.caller.tokens, ElementsAre("public", "registered", "group:staff"));
  // Inside an open batch (an ingest), what this process wrote is seen at once.
  ASSERT_OK(catalog_->begin_batch());
  ASSERT_OK_AND_ASSIGN(auto during, accounts.start_session(user));
  ASSERT_OK(accounts.resume_session(during.id));
  ASSERT_OK_AND_ASSIGN(auto token,
                       accounts.create_token("ana", access::TokenScope::kRead, 1, "", "test"));
  ASSERT_OK(accounts.authenticate_token(token.secret));
  ASSERT_OK(catalog_->commit_batch());
  ASSERT_OK(accounts.resume_session(during.id));
  ASSERT_OK(accounts.authenticate_token(token.secret));
}

INSTANTIATE_TEST_SUITE_P(Backends, CatalogAccountsTest, ::testing::ValuesIn(kBackends),
                         [](const ::testing::TestParamInfo<Backend>& backend) {
                           return backend.param.name;
                         });

TEST(SqliteCatalogAccountsTest, AccountsPersistAcrossOpens) {
  TempDirectory directory;
  const std::string path = directory.path() + "/catalog.db";
  {
    ASSERT_OK_AND_ASSIGN(auto catalog, Catalog::open_sqlite(path));
    ASSERT_OK(catalog->accounts().insert_user(user_named("alice")));
  }
  ASSERT_OK_AND_ASSIGN(auto catalog, Catalog::open_sqlite(path));
  EXPECT_THAT(catalog->accounts().find_user("alice"),
              ::testing::Optional(std::optional(user_named("alice"))));
}

}  // namespace
}  // namespace mura::catalog
