// The `mura` command end to end, as a user runs it: exit codes, output and errors.
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace {

using ::testing::HasSubstr;

struct Outcome {
  int code = -1;
  std::string output;  // stdout and stderr together
};

Outcome mura(const std::string& arguments) {
  std::string command = std::string(MURA_BINARY) + " " + arguments + " 2>&1";
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

std::string shared_dir() {
  const char* env = std::getenv("MURA_SHARED");
  return env != nullptr ? env : MURA_SHARED_DIR;
}

std::string source_dir() {
  const char* env = std::getenv("MURA_SOURCE_DIR");
  return env != nullptr ? env : MURA_TEST_SOURCE_DIR;
}

class CliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = std::filesystem::temp_directory_path() / ("mura-cli-" + std::to_string(::getpid()));
    std::filesystem::remove_all(root_);
    std::filesystem::create_directories(root_);
    ::unsetenv("MURA_REPO");
  }
  void TearDown() override { std::filesystem::remove_all(root_); }
  std::string path(const std::string& name) const { return (root_ / name).string(); }
  std::filesystem::path root_;
};

TEST_F(CliTest, UsageErrorsExitWithTwo) {
  EXPECT_EQ(mura("").code, 2);
  EXPECT_EQ(mura("--help").code, 0);
  Outcome unknown = mura("frobnicate");
  EXPECT_EQ(unknown.code, 2);
  EXPECT_THAT(unknown.output, HasSubstr("unknown command \"frobnicate\""));
  EXPECT_EQ(mura("ocfl validate").code, 2);
  EXPECT_EQ(mura("ocfl validate " + path("missing")).code, 2);
  EXPECT_EQ(mura("ocfl check x").code, 2);
  EXPECT_EQ(mura("bag validate " + path("missing")).code, 2);
  Outcome no_repo = mura("list");
  EXPECT_EQ(no_repo.code, 2);
  EXPECT_THAT(no_repo.output, HasSubstr("--repo DIR or set MURA_REPO"));
  EXPECT_EQ(mura("list --repo " + path("r") + " --bogus").code, 2);
  Outcome not_repo = mura("list --repo " + path("nothing-here"));
  EXPECT_EQ(not_repo.code, 1);
  EXPECT_THAT(not_repo.output, HasSubstr("is not a Mura repository"));
}

TEST_F(CliTest, EveryCommandExplainsItselfWithHelp) {
  Outcome serve = mura("serve --help");
  EXPECT_EQ(serve.code, 0);
  EXPECT_THAT(serve.output, HasSubstr("usage: mura serve [--listen ADDR:PORT]"));
  EXPECT_THAT(serve.output, HasSubstr("[--rate N]"));
  EXPECT_THAT(serve.output, ::testing::Not(HasSubstr("ingest")));
  Outcome ingest = mura("ingest -h");
  EXPECT_EQ(ingest.code, 0);
  EXPECT_THAT(ingest.output, HasSubstr("usage: mura ingest SOURCE [--dry-run]"));
  Outcome derivatives = mura("derivatives build --help");
  EXPECT_THAT(derivatives.output, HasSubstr("--no-ocr"));
  ASSERT_EQ(mura("init " + path("r")).code, 0);
  Outcome negative = mura("serve --rate -1 --repo " + path("r"));
  EXPECT_EQ(negative.code, 2);
  EXPECT_THAT(negative.output, HasSubstr("--rate"));
}

// A personnel file of 1990 in a collection: closed for 75 years by default; a 20-year period set
// for its collection opens it (1990 + 20 < today) for the public search; "default" closes it again.
TEST_F(CliTest, ClosurePeriodsAreSetPerCollection) {
  const std::string repo = path("r");
  ASSERT_EQ(mura("init " + repo).code, 0);
  std::ofstream(path("sheet.csv")) << "key,kind,level,parent,title@en,reference_code,date,personal_data\n"
                                      "c,collection,,,Staff records,,,\n"
                                      "f,archival_unit,file,c,Personnel file Zqxw,KZ/1,1990,yes\n";
  ASSERT_EQ(mura("ingest --repo " + repo + " " + path("sheet.csv")).code, 0);
  auto search = [&] { return mura("search --repo " + repo + " --public Zqxw").output; };
  EXPECT_THAT(search(), HasSubstr("0 records"));
  Outcome shown = mura("closure --repo " + repo);
  EXPECT_EQ(shown.code, 0);
  EXPECT_EQ(shown.output, "records with personal data stay closed for 75 years after their date in every collection\n");

  const std::string list = mura("list --repo " + repo + " --kind collection --json").output;
  const auto id_at = list.find("\"id\": \"");
  ASSERT_NE(id_at, std::string::npos) << list;
  const std::string id = list.substr(id_at + 7, list.find('"', id_at + 7) - id_at - 7);
  Outcome set = mura("closure --repo " + repo + " --collection " + id + " 20");
  EXPECT_EQ(set.code, 0) << set.output;
  EXPECT_THAT(set.output, HasSubstr("except:\n  " + id + "  20 years\n"));
  EXPECT_THAT(search(), HasSubstr("1 record"));

  EXPECT_EQ(mura("closure --repo " + repo + " --collection " + id + " default").code, 0);
  EXPECT_THAT(search(), HasSubstr("0 records"));
  Outcome bad = mura("closure --repo " + repo + " 500");
  EXPECT_EQ(bad.code, 1);
  EXPECT_THAT(bad.output, HasSubstr("500 is not a number of years from 0 to 200"));
  EXPECT_EQ(mura("closure --repo " + repo + " many").code, 2);
  Outcome not_collection = mura("closure --repo " + repo + " --collection ark:/99999/mnothere 5");
  EXPECT_EQ(not_collection.code, 1);
}

TEST_F(CliTest, OcflValidateReportsSpecCodes) {
  std::string fixtures = shared_dir() + "/conformance/ocfl-fixtures/1.1";
  Outcome good = mura("ocfl validate " + fixtures + "/good-objects/spec-ex-full");
  EXPECT_EQ(good.code, 0) << good.output;
  EXPECT_THAT(good.output, HasSubstr("valid"));
  Outcome warn = mura("ocfl validate " + fixtures + "/warn-objects/W004_uses_sha256");
  EXPECT_EQ(warn.code, 0) << warn.output;
  EXPECT_THAT(warn.output, HasSubstr("W004"));
  Outcome bad = mura("ocfl validate " + fixtures + "/bad-objects/E040_wrong_head_format");
  EXPECT_EQ(bad.code, 1);
  EXPECT_THAT(bad.output, HasSubstr("E040"));
  Outcome json = mura("ocfl validate --json " + fixtures + "/bad-objects/E058_no_sidecar");
  EXPECT_EQ(json.code, 1);
  auto parsed = nlohmann::json::parse(json.output, nullptr, false);
  ASSERT_FALSE(parsed.is_discarded()) << json.output;
  EXPECT_FALSE(parsed["valid"].get<bool>());
  bool has_e058 = false;
  for (const auto& issue : parsed["issues"]) has_e058 = has_e058 || issue["code"] == "E058";
  EXPECT_TRUE(has_e058) << json.output;
}

TEST_F(CliTest, RepositoryWorkflowEndToEnd) {
  std::string repo = path("repo");
  ASSERT_EQ(mura("init " + repo).code, 0);
  EXPECT_EQ(mura("init " + repo).code, 1) << "a second init refuses";
  std::string sheet = source_dir() + "/demo/demo.csv";
  Outcome dry = mura("ingest --repo " + repo + " --dry-run " + sheet);
  EXPECT_EQ(dry.code, 0) << dry.output;
  EXPECT_THAT(dry.output, HasSubstr("would have 38 created"));
  Outcome ingest = mura("ingest --repo " + repo + " --json " + sheet);
  ASSERT_EQ(ingest.code, 0) << ingest.output;
  auto report = nlohmann::json::parse(ingest.output.substr(ingest.output.find('{')), nullptr, false);
  ASSERT_FALSE(report.is_discarded()) << ingest.output;
  EXPECT_EQ(report["created"], 38);
  std::string id;
  for (const auto& record : report["records"]) {
    if (record["source"] == "demo.csv#mo-syrmak") id = record["id"];
  }
  ASSERT_FALSE(id.empty()) << ingest.output;

  Outcome again = mura("ingest --repo " + repo + " " + sheet);
  EXPECT_EQ(again.code, 0);
  EXPECT_THAT(again.output, HasSubstr("0 created, 0 updated, 38 unchanged"));

  Outcome show = mura("show --repo " + repo + " " + id);
  EXPECT_EQ(show.code, 0) << show.output;
  EXPECT_THAT(show.output, HasSubstr("museum_object"));
  EXPECT_EQ(mura("show --repo " + repo + " ark:/99999/nothing").code, 1);
  Outcome list = mura("list --repo " + repo + " --kind museum_object");
  EXPECT_EQ(list.code, 0);
  EXPECT_THAT(list.output, HasSubstr(id));
  EXPECT_EQ(mura("versions --repo " + repo + " " + id).code, 0);

  std::string bag = path("bag");
  ASSERT_EQ(mura("export --repo " + repo + " " + id + " --bag " + bag).code, 0);
  EXPECT_EQ(mura("bag validate " + bag).code, 0);
  std::ofstream(bag + "/data/extra.txt") << "not in the manifest";
  Outcome damaged = mura("bag validate " + bag);
  EXPECT_EQ(damaged.code, 1);
  EXPECT_THAT(damaged.output, HasSubstr("extra.txt"));

  Outcome verify = mura("verify --repo " + repo + " --fixity");
  EXPECT_EQ(verify.code, 0) << verify.output;
  EXPECT_THAT(verify.output, HasSubstr("all digests match"));
  EXPECT_EQ(mura("reindex --repo " + repo).code, 0);
  EXPECT_EQ(mura("ocfl validate " + repo + "/store").code, 0);
  ::setenv("MURA_REPO", repo.c_str(), 1);
  EXPECT_EQ(mura("list --limit 3").code, 0);
  ::unsetenv("MURA_REPO");
}

TEST_F(CliTest, BadSheetIsRefusedWithItsPlace) {
  std::string repo = path("repo");
  ASSERT_EQ(mura("init " + repo).code, 0);
  std::ofstream(path("bad.csv")) << "key,kind,title@en,date,reference_code\n"
                                    "a,archival_unit,Letter,19 мамыр,R-1\n";
  Outcome run = mura("ingest --repo " + repo + " " + path("bad.csv"));
  EXPECT_EQ(run.code, 1);
  EXPECT_THAT(run.output, HasSubstr("bad.csv row 2"));
  EXPECT_THAT(run.output, HasSubstr("19 мамыр"));
  EXPECT_THAT(run.output, HasSubstr("nothing was written"));
}

}  // namespace
