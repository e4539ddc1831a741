// `mura serve` end to end, as an operator runs it: a repository made with the CLI from the demo
// sheet, the real binary listening on a free port, and the routes a browser, a harvester and a
// script use — then SIGTERM and a clean exit.
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <string>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "http_client.h"

namespace {

using ::testing::HasSubstr;
using mura::http::testing::fetch;
using Json = nlohmann::json;

int run(const std::string& arguments) {
  const std::string command = std::string(MURA_BINARY) + " " + arguments + " >/dev/null 2>&1";
  const int status = std::system(command.c_str());
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

class ServeTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    root_ = std::filesystem::temp_directory_path() / ("mura-serve-" + std::to_string(::getpid()));
    std::filesystem::remove_all(root_);
    std::filesystem::create_directories(root_);
    const std::string repo = (root_ / "repo").string();
    ASSERT_EQ(run("init " + repo), 0);
    ASSERT_EQ(run("ingest --repo " + repo + " " + std::string(MURA_TEST_SOURCE_DIR) + "/demo/demo.csv"), 0);

    int out[2];
    ASSERT_EQ(::pipe(out), 0);
    pid_ = ::fork();
    ASSERT_GE(pid_, 0);
    if (pid_ == 0) {
      ::dup2(out[1], STDOUT_FILENO);
      ::close(out[0]);
      ::execl(MURA_BINARY, MURA_BINARY, "serve", "--repo", repo.c_str(), "--listen",
              "127.0.0.1:0", "--access-log", (root_ / "access.log").c_str(), nullptr);
      ::_exit(127);
    }
    ::close(out[1]);
    output_ = ::fdopen(out[0], "r");
    char line[1024];
    ASSERT_NE(std::fgets(line, sizeof line, output_), nullptr);
    std::smatch match;
    const std::string text = line;
    ASSERT_TRUE(std::regex_search(text, match, std::regex(R"(on http://127\.0\.0\.1:(\d+))"))) << text;
    port_ = static_cast<std::uint16_t>(std::stoi(match[1]));
  }

  static void TearDownTestSuite() {
    if (pid_ > 0) {
      ::kill(pid_, SIGTERM);
      int status = 0;
      ::waitpid(pid_, &status, 0);
    }
    if (output_) std::fclose(output_);
    std::filesystem::remove_all(root_);
  }

  static Json get_json(const std::string& target) {
    auto response = fetch(port_, "GET", target);
    if (!response || response->status != 200) return Json();
    return Json::parse(response->body, nullptr, false);
  }

  // The first record of `kind` in the list.
  static std::string first_of(const std::string& kind) {
    auto list = get_json("/api/v1/records?kind=" + kind + "&limit=1000");
    for (const auto& item : list["items"]) return item["id"];
    return "";
  }

  static inline std::filesystem::path root_;
  static inline pid_t pid_ = -1;
  static inline FILE* output_ = nullptr;
  static inline std::uint16_t port_ = 0;
};

TEST_F(ServeTest, HealthMetricsAndRecords) {
  auto health = fetch(port_, "GET", "/healthz");
  ASSERT_TRUE(health);
  EXPECT_EQ(health->status, 200);

  auto collections = get_json("/api/v1/records?kind=collection");
  ASSERT_TRUE(collections.contains("items"));
  EXPECT_GE(collections["items"].size(), 2u);
  const std::string id = collections["items"][0]["id"];
  auto record = get_json("/api/v1/records/" + id + "?lang=en");
  EXPECT_EQ(record["id"], id);
  EXPECT_TRUE(record.contains("fields")) << record.dump();

  auto metrics = fetch(port_, "GET", "/metrics");
  ASSERT_TRUE(metrics);
  EXPECT_THAT(metrics->body, HasSubstr("mura_http_requests_total{route=\"/api/v1/records\""));
}

TEST_F(ServeTest, ResolvesArksForPeopleAndPrograms) {
  const std::string id = first_of("collection");
  ASSERT_FALSE(id.empty());
  auto page = fetch(port_, "GET", "/" + id, "", "Accept: text/html\r\n");
  ASSERT_TRUE(page);
  EXPECT_EQ(page->status, 200);
  EXPECT_THAT(page->header("content-type"), HasSubstr("text/html"));
  EXPECT_THAT(page->body, HasSubstr("og:title"));
  EXPECT_THAT(page->body, HasSubstr("application/ld+json"));
  auto info = fetch(port_, "GET", "/" + id + "?info");
  ASSERT_TRUE(info);
  EXPECT_THAT(info->body, HasSubstr("erc:"));
  auto missing = fetch(port_, "GET", "/ark:/99999/mdoesnotexist");
  ASSERT_TRUE(missing);
  EXPECT_EQ(missing->status, 404);
  EXPECT_EQ(missing->header("content-type"), "application/problem+json");
}

TEST_F(ServeTest, StreamsFilesWithRangesAndValidators) {
  // A record with files: walk the list until one has them.
  std::string id, path;
  auto list = get_json("/api/v1/records?limit=1000");
  for (const auto& item : list["items"]) {
    auto record = get_json("/api/v1/records/" + item["id"].get<std::string>());
    if (record.contains("files") && !record["files"].empty()) {
      id = item["id"];
      path = record["files"][0]["path"];
      break;
    }
  }
  ASSERT_FALSE(id.empty()) << "the demo sheet has records with files";
  const std::string target = "/api/v1/records/" + id + "/files/" + path;
  auto whole = fetch(port_, "GET", target);
  ASSERT_TRUE(whole);
  ASSERT_EQ(whole->status, 200);
  const std::string etag = whole->header("etag");
  EXPECT_FALSE(etag.empty());
  auto part = fetch(port_, "GET", target, "", "Range: bytes=0-9\r\n");
  ASSERT_TRUE(part);
  EXPECT_EQ(part->status, 206);
  EXPECT_EQ(part->body, whole->body.substr(0, 10));
  auto unchanged = fetch(port_, "GET", target, "", "If-None-Match: " + etag + "\r\n");
  ASSERT_TRUE(unchanged);
  EXPECT_EQ(unchanged->status, 304);
  auto beyond = fetch(port_, "GET", target, "", "Range: bytes=999999999-\r\n");
  ASSERT_TRUE(beyond);
  EXPECT_EQ(beyond->status, 416);
  auto traversal = fetch(port_, "GET", "/api/v1/records/" + id + "/files/../record.json");
  ASSERT_TRUE(traversal);
  EXPECT_TRUE(traversal->status == 400 || traversal->status == 404) << traversal->status;
}

TEST_F(ServeTest, WritesNeedCredentialsAndBadBodiesChangeNothing) {
  const auto before = get_json("/api/v1/records?limit=1000")["items"].size();
  ASSERT_GT(before, 0u);
  auto anonymous = fetch(port_, "POST", "/api/v1/records", R"({"kind":"collection","fields":{}})",
                         "Content-Type: application/json\r\n");
  ASSERT_TRUE(anonymous);
  EXPECT_EQ(anonymous->status, 401);
  auto malformed = fetch(port_, "POST", "/api/v1/records", "{not json",
                         "Content-Type: application/json\r\n");
  ASSERT_TRUE(malformed);
  EXPECT_EQ(malformed->status, 400);
  EXPECT_EQ(get_json("/api/v1/records?limit=1000")["items"].size(), before);
}

TEST_F(ServeTest, LogsEveryRequestAsOneJsonLine) {
  ASSERT_TRUE(fetch(port_, "GET", "/healthz?probe=log"));
  // A record read twice: the second answer comes from the fast path on the I/O thread, which
  // must be logged like any other.
  const std::string id = first_of("collection");
  ASSERT_FALSE(id.empty());
  for (const char* probe : {"fast1", "fast2"}) {
    auto response = fetch(port_, "GET", "/api/v1/records/" + id + "?lang=ru&probe=" + probe);
    ASSERT_TRUE(response);
    ASSERT_EQ(response->status, 200);
  }
  // The log is written after the response; give the server a moment.
  std::set<std::string> seen;
  for (int attempt = 0; attempt < 50 && seen.size() < 3; ++attempt) {
    std::ifstream log(root_ / "access.log");
    std::string line;
    while (std::getline(log, line)) {
      for (const char* probe : {"probe=log", "probe=fast1", "probe=fast2"}) {
        if (line.find(probe) == std::string::npos) continue;
        auto entry = Json::parse(line, nullptr, false);
        ASSERT_FALSE(entry.is_discarded()) << line;
        EXPECT_EQ(entry["status"], 200) << line;
        if (std::string(probe) != "probe=log") {
          EXPECT_EQ(entry["route"], "/api/v1/records/{ark}");
        }
        seen.insert(probe);
      }
    }
    ::usleep(20000);
  }
  EXPECT_EQ(seen.size(), 3u) << "an access log line is missing";
}

TEST(ServeOptionsTest, AccessLogOffWritesNoRequestLines) {
  const auto root = std::filesystem::temp_directory_path() / ("mura-serve-off-" + std::to_string(::getpid()));
  std::filesystem::remove_all(root);
  ASSERT_EQ(run("init " + (root / "repo").string()), 0);
  int out[2];
  ASSERT_EQ(::pipe(out), 0);
  const pid_t pid = ::fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    ::dup2(out[1], STDOUT_FILENO);
    ::close(out[0]);
    ::execl(MURA_BINARY, MURA_BINARY, "serve", "--repo", (root / "repo").c_str(), "--listen",
            "127.0.0.1:0", "--access-log", "off", nullptr);
    ::_exit(127);
  }
  ::close(out[1]);
  FILE* output = ::fdopen(out[0], "r");
  char line[1024];
  ASSERT_NE(std::fgets(line, sizeof line, output), nullptr);
  std::smatch match;
  const std::string first = line;
  ASSERT_TRUE(std::regex_search(first, match, std::regex(R"(on http://127\.0\.0\.1:(\d+))"))) << first;
  const auto port = static_cast<std::uint16_t>(std::stoi(match[1]));
  auto health = fetch(port, "GET", "/healthz?probe=off");
  ASSERT_TRUE(health);
  EXPECT_EQ(health->status, 200);
  ::kill(pid, SIGTERM);
  int status = 0;
  ::waitpid(pid, &status, 0);
  std::string rest;
  while (std::fgets(line, sizeof line, output) != nullptr) rest += line;
  std::fclose(output);
  std::filesystem::remove_all(root);
  EXPECT_EQ(rest, "mura serve: stopped\n") << "only the stop line, no access log";
}

TEST_F(ServeTest, StopsCleanlyOnSigterm) {
  ASSERT_EQ(::kill(pid_, SIGTERM), 0);
  int status = 0;
  ASSERT_EQ(::waitpid(pid_, &status, 0), pid_);
  pid_ = -1;
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 0);
  char line[1024];
  std::string rest;
  while (std::fgets(line, sizeof line, output_) != nullptr) rest += line;
  EXPECT_THAT(rest, HasSubstr("mura serve: stopped"));
}

}  // namespace
