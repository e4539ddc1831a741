// `mura user` and `mura audit` end to end, as an administrator runs them: accounts, roles and
// tokens, the audit log of every write, and a tampered log found by `mura audit verify`.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

namespace {

using ::testing::HasSubstr;
using ::testing::Not;

struct Outcome {
  int code = -1;
  std::string output;  // stdout, then stderr when asked for
};

// Runs `mura ARGUMENTS` through the shell, with `input` on its standard input; stderr is kept
// apart (dropped) unless `with_errors`.
Outcome mura(const std::string& arguments, const std::string& input = "", bool with_errors = true) {
  std::string command = std::string(MURA_BINARY) + " " + arguments;
  command =
      (input.empty() ? command + " </dev/null" : "printf '%s\\n' '" + input + "' | " + command);
  command += with_errors ? " 2>&1" : " 2>/dev/null";
  Outcome run;
  FILE* pipe = ::popen(command.c_str(), "r");
  if (pipe == nullptr) return run;
  std::array<char, 4096> buffer{};
  while (std::size_t count = std::fread(buffer.data(), 1, buffer.size(), pipe)) {
    run.output.append(buffer.data(), count);
  }
  int status = ::pclose(pipe);
  run.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return run;
}

std::string source_dir() {
  const char* env = std::getenv("MURA_SOURCE_DIR");
  return env != nullptr ? env : MURA_TEST_SOURCE_DIR;
}

class UserCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ =
        std::filesystem::temp_directory_path() / ("mura-user-cli-" + std::to_string(::getpid()));
    std::filesystem::remove_all(root_);
    std::filesystem::create_directories(root_);
    ::unsetenv("MURA_REPO");
    repo_ = (root_ / "repo").string();
    ASSERT_EQ(mura("init " + repo_).code, 0);
  }
  void TearDown() override { std::filesystem::remove_all(root_); }
  std::string in_repo(const std::string& arguments) { return arguments + " --repo " + repo_; }

  std::filesystem::path root_;
  std::string repo_;
};

TEST_F(UserCliTest, AccountsRolesAndTokens) {
  Outcome added = mura(in_repo("user add alice --display-name 'Alice Ахметова' --roles "
                               "admin,group:staff --password-stdin"),
                       "correct horse");
  ASSERT_EQ(added.code, 0) << added.output;
  EXPECT_THAT(added.output, HasSubstr("added user alice (reader, admin, group:staff)"));
  EXPECT_EQ(mura(in_repo("user add alice --password-stdin"), "another one").code, 1);
  Outcome short_password = mura(in_repo("user add bek --password-stdin"), "short");
  EXPECT_EQ(short_password.code, 1);
  EXPECT_THAT(short_password.output, HasSubstr("at least 8"));
  Outcome no_terminal = mura(in_repo("user add bek"));
  EXPECT_EQ(no_terminal.code, 1);
  EXPECT_THAT(no_terminal.output, HasSubstr("--password-stdin"));
  Outcome bad_role = mura(in_repo("user add bek --roles curator --password-stdin"), "long enough");
  EXPECT_EQ(bad_role.code, 1);
  EXPECT_THAT(bad_role.output, HasSubstr("say which collection"));
  ASSERT_EQ(mura(in_repo("user add bek --password-stdin"), "long enough").code, 0);

  Outcome listed = mura(in_repo("user list --json"), "", false);
  ASSERT_EQ(listed.code, 0) << listed.output;
  auto users = nlohmann::json::parse(listed.output, nullptr, false);
  ASSERT_TRUE(users.is_array()) << listed.output;
  ASSERT_EQ(users.size(), 2u);
  EXPECT_EQ(users[0]["name"], "alice");
  EXPECT_EQ(users[0]["display_name"], "Alice Ахметова");
  EXPECT_TRUE(users[0]["administrator"].get<bool>());
  EXPECT_EQ(users[1]["roles"], nlohmann::json::array({"reader"}));
  EXPECT_THAT(listed.output, Not(HasSubstr("argon2"))) << "no password hash is shown";

  EXPECT_EQ(mura(in_repo("user grant bek group:board")).code, 0);
  EXPECT_THAT(mura(in_repo("user list")).output, HasSubstr("bek  bek  reader, group:board"));
  EXPECT_EQ(mura(in_repo("user revoke bek group:board")).code, 0);
  Outcome not_held = mura(in_repo("user revoke bek group:board"));
  EXPECT_EQ(not_held.code, 1);
  EXPECT_THAT(not_held.output, HasSubstr("does not hold"));
  EXPECT_EQ(mura(in_repo("user grant nobody admin")).code, 1);
  EXPECT_EQ(mura(in_repo("user passwd bek --password-stdin"), "a new password").code, 0);
  EXPECT_EQ(mura(in_repo("user passwd nobody --password-stdin"), "a new password").code, 1);

  // The secret alone on stdout, once; never listed.
  Outcome created = mura(in_repo("user token create bek --scope write --days 7"), "", false);
  ASSERT_EQ(created.code, 0);
  const std::string secret = created.output.substr(0, created.output.find('\n'));
  EXPECT_THAT(secret, ::testing::MatchesRegex("mura_[0-9a-f]{16}_[A-Za-z0-9_-]{43}"));
  const std::string id = secret.substr(5, 16);
  Outcome tokens = mura(in_repo("user token list bek --json"), "", false);
  ASSERT_EQ(tokens.code, 0);
  auto list = nlohmann::json::parse(tokens.output, nullptr, false);
  ASSERT_EQ(list.size(), 1u) << tokens.output;
  EXPECT_EQ(list[0]["id"], id);
  EXPECT_EQ(list[0]["scope"], "write");
  EXPECT_THAT(tokens.output, Not(HasSubstr(secret.substr(22))));
  EXPECT_EQ(mura(in_repo("user token create bek --scope admin")).code, 2);
  EXPECT_EQ(mura(in_repo("user token create bek --days 0")).code, 2);
  EXPECT_EQ(mura(in_repo("user token revoke " + id)).code, 0);
  EXPECT_EQ(mura(in_repo("user token revoke ffffffffffffffff")).code, 1);
  auto revoked = nlohmann::json::parse(
      mura(in_repo("user token list bek --json"), "", false).output, nullptr, false);
  EXPECT_TRUE(revoked[0]["revoked"].get<bool>());

  EXPECT_EQ(mura(in_repo("user disable bek")).code, 0);
  EXPECT_THAT(mura(in_repo("user list")).output, HasSubstr("(disabled)"));

  EXPECT_EQ(mura("user").code, 2);
  EXPECT_EQ(mura("user --help").code, 0);
  EXPECT_EQ(mura(in_repo("user frobnicate")).code, 2);
  EXPECT_EQ(mura(in_repo("user grant bek")).code, 2);
  EXPECT_EQ(mura(in_repo("user token")).code, 2);
  EXPECT_EQ(mura(in_repo("user list --bogus")).code, 2);
  EXPECT_EQ(mura("user list").code, 2) << "no repository";
}

TEST_F(UserCliTest, TheAuditLogHoldsEveryWriteAndFindsTampering) {
  ASSERT_EQ(mura(in_repo("user add root --roles admin --password-stdin"), "long enough").code, 0);
  ASSERT_EQ(mura(in_repo("ingest " + source_dir() + "/demo/demo.csv")).code, 0);

  Outcome verified = mura(in_repo("audit verify --json"), "", false);
  ASSERT_EQ(verified.code, 0) << verified.output;
  auto result = nlohmann::json::parse(verified.output, nullptr, false);
  EXPECT_TRUE(result["intact"].get<bool>());
  EXPECT_EQ(result["entries"], 39) << "one account change and 38 ingested records";
  EXPECT_EQ(result["head"].get<std::string>().size(), 64u);
  EXPECT_THAT(mura(in_repo("audit verify")).output, HasSubstr("audit log intact: 39 entries"));

  const std::string exported = (root_ / "audit.json").string();
  Outcome exporting = mura(in_repo("audit export --out " + exported));
  ASSERT_EQ(exporting.code, 0) << exporting.output;
  EXPECT_THAT(exporting.output, HasSubstr("exported 39 events"));
  std::ifstream file(exported);
  std::stringstream text;
  text << file.rdbuf();
  auto events = nlohmann::json::parse(text.str(), nullptr, false);
  ASSERT_TRUE(events.is_array());
  ASSERT_EQ(events.size(), 39u);
  EXPECT_EQ(events[1]["eventType"], "ingestion");
  EXPECT_EQ(events[1]["linkingObjectIdentifier"][0]["linkingObjectIdentifierType"], "ARK");
  EXPECT_EQ(events[2]["mura:previousHash"], events[1]["mura:hash"]);
  auto to_stdout =
      nlohmann::json::parse(mura(in_repo("audit export"), "", false).output, nullptr, false);
  EXPECT_EQ(to_stdout, events);

  // Someone edits an entry behind Mura's back.
  const std::string edit = "sqlite3 " + repo_ +
                           "/catalog.sqlite \"UPDATE audit_log SET actor = 'mallory' WHERE "
                           "sequence = 17\"";
  ASSERT_EQ(std::system(edit.c_str()), 0);
  Outcome broken = mura(in_repo("audit verify"));
  EXPECT_EQ(broken.code, 1);
  EXPECT_THAT(broken.output, HasSubstr("audit log broken at entry 17"));
  EXPECT_THAT(broken.output, HasSubstr("the 16 entries before it are intact"));

  EXPECT_EQ(mura("audit").code, 2);
  EXPECT_EQ(mura(in_repo("audit check")).code, 2);
  EXPECT_EQ(mura(in_repo("audit verify extra")).code, 2);
}

}  // namespace
