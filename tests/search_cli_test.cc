// `mura search` end to end on the demo collection: ingest indexes as it writes, queries in both
// alphabets and in informal spellings find the same records, filters and facets, the public
// view leaves out restricted records, bad queries exit 1 with the reason, and `mura reindex`
// rebuilds a lost index.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <nlohmann/json.hpp>

namespace {

using ::testing::HasSubstr;
using Json = nlohmann::json;

struct Outcome {
  int code = -1;
  std::string output;  // stdout
  std::string errors;  // stderr
};

Outcome mura(const std::string& arguments, const std::filesystem::path& scratch) {
  const std::string errors = (scratch / "stderr.txt").string();
  const std::string command = std::string(MURA_BINARY) + " " + arguments + " 2>" + errors;
  Outcome run;
  FILE* pipe = ::popen(command.c_str(), "r");
  if (pipe == nullptr) return run;
  std::array<char, 4096> buffer{};
  while (std::size_t count = std::fread(buffer.data(), 1, buffer.size(), pipe))
    run.output.append(buffer.data(), count);
  const int status = ::pclose(pipe);
  run.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  if (FILE* file = std::fopen(errors.c_str(), "r")) {
    while (std::size_t count = std::fread(buffer.data(), 1, buffer.size(), file))
      run.errors.append(buffer.data(), count);
    std::fclose(file);
  }
  return run;
}

std::string source_dir() {
  const char* env = std::getenv("MURA_SOURCE_DIR");
  return env != nullptr ? env : MURA_TEST_SOURCE_DIR;
}

class SearchCliTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    root_ = new std::filesystem::path(std::filesystem::temp_directory_path() /
                                      ("mura-search-cli-" + std::to_string(::getpid())));
    std::filesystem::remove_all(*root_);
    std::filesystem::create_directories(*root_);
    ::unsetenv("MURA_REPO");
    ASSERT_EQ(mura("init " + repo(), *root_).code, 0);
    const Outcome ingest =
        mura("ingest --repo " + repo() + " " + source_dir() + "/demo/demo.csv", *root_);
    ASSERT_EQ(ingest.code, 0) << ingest.output << ingest.errors;
  }
  static void TearDownTestSuite() {
    std::filesystem::remove_all(*root_);
    delete root_;
  }
  static std::string repo() { return (*root_ / "repo").string(); }
  static Outcome search(const std::string& arguments) {
    return mura("search --repo " + repo() + " " + arguments, *root_);
  }
  static Json json(const std::string& arguments) {
    const Outcome run = search("--json " + arguments);
    EXPECT_EQ(run.code, 0) << arguments << ": " << run.errors;
    return Json::parse(run.output, nullptr, false);
  }
  static std::set<std::string> titles(const Json& body) {
    std::set<std::string> found;
    for (const auto& hit : body["hits"]) found.insert(hit["title"].get<std::string>());
    return found;
  }
  static std::set<std::string> ids(const Json& body) {
    std::set<std::string> found;
    for (const auto& hit : body["hits"]) found.insert(hit["id"].get<std::string>());
    return found;
  }
  static std::filesystem::path* root_;
};

std::filesystem::path* SearchCliTest::root_ = nullptr;

TEST_F(SearchCliTest, FindsTheSameRecordsInEveryScriptAndSpelling) {
  const Json cyrillic = json("'Жақыпов Ғабит'");
  ASSERT_GT(cyrillic["total"].get<int>(), 0);
  const std::string agent = cyrillic["hits"][0]["id"];
  for (const std::string query :
       {"'Jaqypov Ğabit'", "'Zhakypov Gabit'", "'Жакыпов Габит'", "Жақыповтың"}) {
    EXPECT_TRUE(ids(json(query)).contains(agent)) << query;
  }
  // A phrase: the restricted letter is found by the operator, not by a visitor.
  EXPECT_TRUE(
      titles(json("'\"Ғабит Жақыповтың\"'")).contains("Ғабит Жақыповтың Алматыдағы досына хаты"));
  EXPECT_FALSE(titles(json("--public '\"Ғабит Жақыповтың\"'"))
                   .contains("Ғабит Жақыповтың Алматыдағы досына хаты"));
}

TEST_F(SearchCliTest, TextOutputFacetsAndFilters) {
  const Outcome text = search("домбыра");
  EXPECT_EQ(text.code, 0) << text.errors;
  EXPECT_THAT(text.output, HasSubstr("for \"домбыра\""));
  EXPECT_THAT(text.output, HasSubstr("[домбыра]"));
  EXPECT_THAT(text.output, HasSubstr("Екі ішекті домбыра"));
  const Json museum = json("--filter kind:museum_object --facet kind --facet decade");
  ASSERT_GT(museum["total"].get<int>(), 0);
  for (const auto& hit : museum["hits"]) EXPECT_EQ(hit["kind"], "museum_object");
  EXPECT_EQ(museum["facets"].size(), 2u);
  EXPECT_EQ(museum["facets"]["kind"].size(), 1u);
  EXPECT_EQ(museum["facets"]["kind"][0]["count"], museum["total"]);
  const Json dated = json("--sort date --filter date:1900..1920 --limit 100");
  ASSERT_GT(dated["total"].get<int>(), 1);
  const Json english = json("--lang en --limit 1 ornament");
  EXPECT_EQ(english["hits"][0]["title_lang"], "en");
  EXPECT_FALSE(english["next"].is_null());
}

TEST_F(SearchCliTest, ThePublicViewLeavesOutRestrictedRecords) {
  const Json everything = json("Жақыпов --limit 100");
  const Json visitor = json("--public Жақыпов --limit 100");
  EXPECT_LT(visitor["total"].get<int>(), everything["total"].get<int>());
  EXPECT_EQ(static_cast<int>(visitor["hits"].size()), visitor["total"].get<int>());
  EXPECT_FALSE(titles(visitor).contains("Ғабит Жақыповтың Алматыдағы досына хаты"));
  EXPECT_FALSE(titles(visitor).contains("С. Ғ. Жақыповтың жеке ісі"));
  EXPECT_TRUE(titles(everything).contains("С. Ғ. Жақыповтың жеке ісі"));
}

TEST_F(SearchCliTest, BadQueriesExitOneWithTheReason) {
  Outcome run = search("'\"абай'");
  EXPECT_EQ(run.code, 1);
  EXPECT_THAT(run.errors, HasSubstr("the quote is never closed at column 1"));
  run = search("titel:абай");
  EXPECT_EQ(run.code, 1);
  EXPECT_THAT(run.errors, HasSubstr("unknown field \"titel\""));
  run = search("--filter kind --json");
  EXPECT_EQ(run.code, 2);
  EXPECT_THAT(run.errors, HasSubstr("is not FIELD:VALUE"));
  run = search("--lang de абай");
  EXPECT_EQ(run.code, 2);
  run = search("date:1920..1900");
  EXPECT_EQ(run.code, 1);
  EXPECT_THAT(run.errors, HasSubstr("ends before it starts"));
}

TEST_F(SearchCliTest, ReindexRebuildsALostIndex) {
  const int before = json("")["total"].get<int>();
  std::filesystem::remove_all(*root_ / "repo" / "search");
  const Outcome lost = search("абай");
  EXPECT_EQ(lost.code, 1);
  EXPECT_THAT(lost.errors, HasSubstr("mura reindex"));
  const Outcome reindex = mura("reindex --repo " + repo(), *root_);
  ASSERT_EQ(reindex.code, 0) << reindex.errors;
  EXPECT_THAT(reindex.output, HasSubstr("search index"));
  EXPECT_EQ(json("")["total"].get<int>(), before);
}

}  // namespace
