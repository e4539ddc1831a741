// `mura kurultai` end to end, as the clerk of the register runs it: seats allocated from a CSV of
// votes by each method and threshold base, the demo register appended into a fresh repository
// (a second run adds nothing), its state at a date, explanations and verification, unlawful acts
// and malformed files that leave the register as it was, and altered entries found by verify.
#include <fcntl.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

namespace {

using ::testing::HasSubstr;
using ::testing::MatchesRegex;
using ::testing::Not;
using ::testing::StartsWith;
using Json = nlohmann::json;

struct Outcome {
  int code = -1;
  std::string output;  // stdout
  std::string errors;  // stderr
};

std::string read_text(const std::filesystem::path& path) {
  std::ifstream file(path, std::ios::binary);
  std::ostringstream text;
  text << file.rdbuf();
  return text.str();
}

void write_text(const std::filesystem::path& path, const std::string& text) {
  std::ofstream(path, std::ios::binary) << text;
}

// Runs `program` (looked up in PATH when it has no slash) with `arguments`, no shell between, in
// the directory `scratch`: stdin is /dev/null, stdout and stderr are kept. Code -1 when it could
// not be started or did not exit.
Outcome run(const std::string& program, const std::vector<std::string>& arguments,
            const std::filesystem::path& scratch) {
  const std::string output = (scratch / ".stdout").string();
  const std::string errors = (scratch / ".stderr").string();
  std::vector<std::string> words = {program};
  words.insert(words.end(), arguments.begin(), arguments.end());
  std::vector<char*> argv;
  for (auto& word : words) argv.push_back(word.data());
  argv.push_back(nullptr);
  const std::string directory = scratch.string();
  const pid_t child = ::fork();
  if (child == 0) {
    // The child only points its standard streams at /dev/null and the files, and execs.
    const int in = ::open("/dev/null", O_RDONLY);
    const int out = ::open(output.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    const int err = ::open(errors.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (in < 0 || out < 0 || err < 0 || ::dup2(in, 0) < 0 || ::dup2(out, 1) < 0 ||
        ::dup2(err, 2) < 0 || ::chdir(directory.c_str()) != 0) {
      ::_exit(127);
    }
    ::execvp(argv[0], argv.data());
    ::_exit(127);
  }
  Outcome outcome;
  int status = 0;
  if (child < 0 || ::waitpid(child, &status, 0) != child) return outcome;
  outcome.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  outcome.output = read_text(output);
  outcome.errors = read_text(errors);
  return outcome;
}

std::string source_dir() {
  const char* env = std::getenv("MURA_SOURCE_DIR");
  return env != nullptr ? env : MURA_TEST_SOURCE_DIR;
}

// The seats of each list of an allocation's JSON, in registration order.
std::vector<std::int64_t> seats_of(const Json& allocation) {
  std::vector<std::int64_t> seats;
  for (const auto& party : allocation["parties"])
    seats.push_back(party["seats"].get<std::int64_t>());
  return seats;
}

// The votes of every test below, in list-registration order; 10 seats, threshold 5 %.
//
// Threshold base with against all: 10550 party votes + 500 = 11050; 5 % of it is 552.5, so Kokshe
// (550) fails and 10000 votes pass. Without against all the base is 10550, 5 % is 527.5 and
// Kokshe passes.
//
// By hand, over the 10000 passing votes:
//   Hare, quota 10000/10 = 1000: quotients 5.8, 1.85, 1.65, 0.7 give 5+1+1+0 = 7 whole seats;
//     the 3 left go to the largest remainders .85 (Ertis), .8 (Alatau), .7 (Oqjetpes), not .65
//     (Saryarqa): 6, 2, 1, 1.
//   D'Hondt, divisors 1, 2, 3, ...: the ten largest quotients are Alatau 5800, 2900, 1933.33,
//     Ertis 1850, Saryarqa 1650, Alatau 1450, 1160, 966.67, Ertis 925, Alatau 828.57 (Saryarqa's
//     825 is 11th; Oqjetpes' 700 never counts): 7, 2, 1, 0.
//   Sainte-Laguë, divisors 1, 3, 5, ...: Alatau 5800, 1933.33, Ertis 1850, Saryarqa 1650, Alatau
//     1160, 828.57, Oqjetpes 700, Alatau 644.44, Ertis 616.67, Saryarqa 550 (Alatau's 527.27 is
//     11th): 5, 2, 2, 1.
//   Droop, quota floor(10000/11) + 1 = 910: quotients 6 r 340, 2 r 30, 1 r 740, 0 r 700 give 9
//     whole seats; the 10th goes to Saryarqa's 740 over Oqjetpes' 700: 6, 2, 2, 0.
//   Hare over 10550 votes (Kokshe passing), quota 1055: 5 r 525, 1 r 795, 1 r 595, 0 r 700,
//     0 r 550 give 7; the 3 left go to Ertis 795, Oqjetpes 700, Saryarqa 595: 5, 2, 2, 1, 0 —
//     Kokshe passes, wins nothing, and costs Alatau a seat.
constexpr const char* kVotes =
    "party,votes\n"
    "Alatau,5800\n"
    "Ertis,1850\n"
    "Saryarqa,1650\n"
    "Oqjetpes,700\n"
    "Kokshe,550\n"
    "against_all,500\n";

// The date every state is taken at, after the demo's last act (2026-11-10).
constexpr const char* kAfterTheDemo = "2026-11-30";

// A lawful act that may follow the demo register.
constexpr const char* kBillThree =
    R"({"bill": "B-3", "date": "2026-11-12", "initiator": "government", "title": "On Libraries", )"
    R"("type": "bill_introduced"})";

// A file of acts that `append` must turn away, and its exact message.
struct TurnedAway {
  const char* name;
  std::string acts;
  std::string errors;
};

class KurultaiCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = std::filesystem::temp_directory_path() /
            ("mura-kurultai-cli-" + std::to_string(::getpid()));
    std::filesystem::remove_all(root_);
    std::filesystem::create_directories(root_);
    ::unsetenv("MURA_REPO");
    ::setenv("MURA_CONSTITUTION", (source_dir() + "/data/constitution.toml").c_str(), 1);
    write_text(root_ / "votes.csv", kVotes);
  }
  void TearDown() override { std::filesystem::remove_all(root_); }

  // `mura kurultai ARGUMENTS...`, run in the scratch directory.
  Outcome kurultai(std::vector<std::string> arguments) {
    arguments.insert(arguments.begin(), "kurultai");
    return run(MURA_BINARY, arguments, root_);
  }
  // `mura kurultai allocate` of votes.csv, 10 seats, threshold 5 %, and `more` options.
  Outcome allocate(const std::string& method, const std::vector<std::string>& more = {}) {
    std::vector<std::string> arguments = {"allocate", "--seats", "10",      "--threshold", "5",
                                          "--method", method,    "--votes", "votes.csv"};
    arguments.insert(arguments.end(), more.begin(), more.end());
    return kurultai(arguments);
  }
  Json allocation(const std::string& method, std::vector<std::string> more = {}) {
    more.push_back("--json");
    const Outcome outcome = allocate(method, more);
    EXPECT_EQ(outcome.code, 0) << method << ": " << outcome.errors;
    return Json::parse(outcome.output, nullptr, false);
  }

  std::filesystem::path root_;
};

// With a repository "repo" in the scratch directory holding the demo register.
class KurultaiCliRegisterTest : public KurultaiCliTest {
 protected:
  void SetUp() override {
    KurultaiCliTest::SetUp();
    ASSERT_EQ(run(MURA_BINARY, {"init", "repo"}, root_).code, 0);
    demo_appended_ = in_repo("append", {demo()});
    ASSERT_EQ(demo_appended_.code, 0) << demo_appended_.errors;
    const Outcome verified = in_repo("verify");
    ASSERT_EQ(verified.code, 0) << verified.errors;
    demo_verified_ = verified.output;
  }

  static std::string demo() { return source_dir() + "/demo/kurultai-acts.jsonl"; }
  // `mura kurultai COMMAND --repo repo ARGUMENTS...`.
  Outcome in_repo(const std::string& command, const std::vector<std::string>& arguments = {}) {
    std::vector<std::string> words = {command, "--repo", "repo"};
    words.insert(words.end(), arguments.begin(), arguments.end());
    return kurultai(words);
  }
  Outcome state(const std::vector<std::string>& more = {}) {
    std::vector<std::string> arguments = {"--date", kAfterTheDemo};
    arguments.insert(arguments.end(), more.begin(), more.end());
    return in_repo("state", arguments);
  }
  Outcome explain(const std::string& fact) {
    return in_repo("explain", {"--date", kAfterTheDemo, fact});
  }

  // Appends `file.acts` from acts.jsonl and expects exit 1 with exactly `file.errors`, nothing
  // appended and the state as it was.
  void expect_turned_away(const TurnedAway& file) {
    const std::string state_before = state({"--json"}).output;
    write_text(root_ / "acts.jsonl", file.acts);
    const Outcome outcome = in_repo("append", {"acts.jsonl"});
    EXPECT_EQ(outcome.code, 1) << file.name;
    EXPECT_EQ(outcome.errors, file.errors) << file.name;
    EXPECT_EQ(outcome.output, "") << file.name;
    EXPECT_EQ(in_repo("verify").output, demo_verified_) << file.name;
    EXPECT_EQ(state({"--json"}).output, state_before) << file.name;
  }

  Outcome demo_appended_;      // the first append of the demo file
  std::string demo_verified_;  // `verify` right after it
};

TEST_F(KurultaiCliTest, AllocatesSeatsByEachMethodAsComputedByHand) {
  const struct {
    const char* method;
    std::vector<std::int64_t> seats;  // Alatau, Ertis, Saryarqa, Oqjetpes, Kokshe
    std::size_t awards;  // the remainder seats of quota methods, every seat of divisor methods
  } cases[] = {
      {"hare", {6, 2, 1, 1, 0}, 3},
      {"dhondt", {7, 2, 1, 0, 0}, 10},
      {"sainte-lague", {5, 2, 2, 1, 0}, 10},
      {"droop", {6, 2, 2, 0, 0}, 1},
  };
  for (const auto& c : cases) {
    const Json result = allocation(c.method);
    ASSERT_TRUE(result.is_object()) << c.method;
    EXPECT_EQ(result["method"], c.method);
    EXPECT_EQ(result["seats"], 10);
    EXPECT_EQ(seats_of(result), c.seats) << c.method;
    EXPECT_EQ(result["passing_votes"], 10000) << c.method;
    EXPECT_EQ(result["awards"].size(), c.awards) << c.method;
  }

  const Json hare = allocation("hare");
  EXPECT_EQ(hare["quota"], "1000");
  EXPECT_EQ(hare["parties"][1]["remainder"], "17/20");
  EXPECT_EQ(hare["parties"][2]["remainder_seats"], 0) << "Saryarqa's .65 wins no seat";
  const Json remainder_seats = Json::array({
      {{"seat", 8}, {"party", "Ertis"}, {"value", "17/20"}, {"by_remainder", true}},
      {{"seat", 9}, {"party", "Alatau"}, {"value", "4/5"}, {"by_remainder", true}},
      {{"seat", 10}, {"party", "Oqjetpes"}, {"value", "7/10"}, {"by_remainder", true}},
  });
  EXPECT_EQ(hare["awards"], remainder_seats);
  EXPECT_EQ(allocation("droop")["quota"], "910");
  const Json dhondt = allocation("dhondt");
  EXPECT_EQ(dhondt["awards"][9]["party"], "Alatau");
  EXPECT_EQ(dhondt["awards"][9]["value"], "5800/7");
  EXPECT_FALSE(dhondt.contains("quota"));
}

TEST_F(KurultaiCliTest, AllocationTextShowsTheQuotaRemaindersAndQuotients) {
  const Outcome hare = allocate("hare");
  EXPECT_EQ(hare.code, 0) << hare.errors;
  EXPECT_EQ(hare.errors, "");
  EXPECT_EQ(
      hare.output,
      "method hare, 10 seats\n"
      "threshold 5% of 11050 votes (party votes + 500 against all) = 552.50 votes\n"
      "votes of the lists that passed: 10000\n"
      "quota 1000 = 1000.0000 (Hare: passing votes / seats)\n"
      "party     votes       passed  quotient  remainder               seats\n"
      "Alatau    5800        yes     5         0.8000 (4/5)            6 (5 + 1 by remainder)\n"
      "Ertis     1850        yes     1         0.8500 (17/20)          2 (1 + 1 by remainder)\n"
      "Saryarqa  1650        yes     1         0.6500 (13/20)          1\n"
      "Oqjetpes  700         yes     0         0.7000 (7/10)           1 (0 + 1 by remainder)\n"
      "Kokshe    550         no      -         -                       0\n");

  const Outcome sainte_lague = allocate("sainte-lague");
  EXPECT_EQ(sainte_lague.code, 0) << sainte_lague.errors;
  EXPECT_EQ(sainte_lague.output,
            "method sainte-lague, 10 seats\n"
            "threshold 5% of 11050 votes (party votes + 500 against all) = 552.50 votes\n"
            "votes of the lists that passed: 10000\n"
            "party     votes       passed  seats\n"
            "Alatau    5800        yes     5\n"
            "Ertis     1850        yes     2\n"
            "Saryarqa  1650        yes     2\n"
            "Oqjetpes  700         yes     1\n"
            "Kokshe    550         no      0\n"
            "seats in order (quotient = votes / divisor):\n"
            "  1. Alatau 5800.00\n"
            "  2. Alatau 1933.33\n"
            "  3. Ertis 1850.00\n"
            "  4. Saryarqa 1650.00\n"
            "  5. Alatau 1160.00\n"
            "  6. Alatau 828.57\n"
            "  7. Oqjetpes 700.00\n"
            "  8. Alatau 644.44\n"
            "  9. Ertis 616.67\n"
            "  10. Saryarqa 550.00\n");

  const Outcome droop = allocate("droop");
  EXPECT_EQ(droop.code, 0) << droop.errors;
  EXPECT_THAT(droop.output,
              HasSubstr("quota 910 = 910.0000 (Droop: floor(passing votes / (seats + 1)) + 1)\n"));
  EXPECT_THAT(droop.output, HasSubstr("Saryarqa  1650        yes     1         0.8132 (74/91)    "
                                      "      2 (1 + 1 by remainder)\n"));
}

TEST_F(KurultaiCliTest, AgainstAllVotesCountInTheThresholdBase) {
  const Json with_against_all = allocation("hare");
  EXPECT_EQ(with_against_all["against_all"], 500);
  EXPECT_EQ(with_against_all["threshold_base_votes"], 11050);
  EXPECT_EQ(with_against_all["threshold_votes"], "1105/2");
  EXPECT_EQ(with_against_all["parties"][4]["party"], "Kokshe");
  EXPECT_FALSE(with_against_all["parties"][4]["passed"].get<bool>());
  EXPECT_TRUE(with_against_all["parties"][3]["passed"].get<bool>()) << "Oqjetpes: 700 of 11050";

  // The default base is the election law's; naming it changes nothing.
  EXPECT_EQ(allocation("hare", {"--threshold-base", "party_votes_and_against_all"}),
            with_against_all);

  const Json party_votes = allocation("hare", {"--threshold-base", "party_votes"});
  EXPECT_EQ(party_votes["threshold_base_votes"], 10550);
  EXPECT_EQ(party_votes["threshold_votes"], "1055/2");
  EXPECT_TRUE(party_votes["parties"][4]["passed"].get<bool>());
  EXPECT_EQ(party_votes["passing_votes"], 10550);
  EXPECT_EQ(party_votes["quota"], "1055");
  EXPECT_EQ(seats_of(party_votes), (std::vector<std::int64_t>{5, 2, 2, 1, 0}));

  const Outcome text = allocate("hare", {"--threshold-base", "party_votes"});
  EXPECT_THAT(text.output, HasSubstr("threshold 5% of 10550 votes (party votes) = 527.50 votes\n"));
}

TEST_F(KurultaiCliTest, BadAllocationInputNamesTheProblemAndWhere) {
  const struct {
    const char* name;
    const char* csv;  // nullptr: the votes file is missing
    std::vector<std::string> options;
    int code;
    std::string errors;
  } cases[] = {
      {"missing file",
       nullptr,
       {},
       1,
       "mura kurultai: open input.csv: No such file or directory\n"},
      {"votes not a number",
       "party,votes\nAlatau,5800\nErtis,lots\n",
       {},
       1,
       "mura kurultai: input.csv:3: votes \"lots\" of \"Ertis\" is not a whole number between 0 "
       "and 1000000000000\n"},
      {"negative votes",
       "party,votes\n\nAlatau,5800\nErtis,-5\n",
       {},
       1,
       "mura kurultai: input.csv:4: votes \"-5\" of \"Ertis\" is not a whole number between 0 and "
       "1000000000000\n"},
      {"a row without votes",
       "Alatau,5800\nErtis\n",
       {},
       1,
       "mura kurultai: input.csv:2: expected 2 fields \"party,votes\", found 1\n"},
      {"a list twice",
       "party,votes\nAlatau,5800\nErtis,1850\nAlatau,10\n",
       {},
       1,
       "mura kurultai: input.csv:4: party \"Alatau\" already listed on line 2\n"},
      {"unknown method",
       kVotes,
       {"--method", "imperiali"},
       2,
       "mura kurultai: --method: expected hare, dhondt, sainte-lague or droop (see mura kurultai "
       "--help)\n"},
      {"negative seats",
       kVotes,
       {"--seats", "-3"},
       2,
       "mura kurultai: --seats must be a whole number from 1 to 100000 (got \"-3\") (see mura "
       "kurultai --help)\n"},
      {"threshold above 100 %",
       kVotes,
       {"--threshold", "101"},
       2,
       "mura kurultai: --threshold: expected a percentage from 0 to 100, such as 5 or 7.5 (see "
       "mura kurultai --help)\n"},
      {"unknown threshold base",
       kVotes,
       {"--threshold-base", "valid_ballots"},
       2,
       "mura kurultai: --threshold-base: expected party_votes_and_against_all or party_votes "
       "(see mura kurultai --help)\n"},
      {"no list passes",
       kVotes,
       {"--threshold", "60"},
       1,
       "mura kurultai: allocate: no list with votes reached the threshold of 60% of 11050 "
       "votes\n"},
  };
  for (const auto& c : cases) {
    std::filesystem::remove(root_ / "input.csv");
    if (c.csv != nullptr) write_text(root_ / "input.csv", c.csv);
    // The later of two equal options wins, so each case overrides the defaults.
    std::vector<std::string> arguments = {"allocate", "--seats", "10",      "--threshold", "5",
                                          "--method", "hare",    "--votes", "input.csv"};
    arguments.insert(arguments.end(), c.options.begin(), c.options.end());
    const Outcome outcome = kurultai(arguments);
    EXPECT_EQ(outcome.code, c.code) << c.name;
    EXPECT_EQ(outcome.errors, c.errors) << c.name;
    EXPECT_EQ(outcome.output, "") << c.name;
  }
}

// A party's list of 8 for 5 mandates, quota group at positions 3, 6 and 8. With 30 % the quota
// needs ceil(1.5) = 2: Gulnar (6) replaces Farid (5), the lowest-placed elected outside the group.
// With 60 % it needs 3: Inkar (8) then replaces Erlan (4).
TEST_F(KurultaiCliTest, MandatesGoDownTheListAndMeetTheQuota) {
  write_text(root_ / "list.csv",
             "candidate,quota_group\nArman,no\nBolat,no\nDana,yes\nErlan,no\nFarid,no\n"
             "Gulnar,yes\nHasen,no\nInkar,yes\n");
  const Outcome text = kurultai({"mandates", "--seats", "5", "--list", "list.csv"});
  ASSERT_EQ(text.code, 0) << text.errors;
  EXPECT_EQ(text.output,
            "5 mandates from a list of 8 candidates; the 30% quota needs 2 of them in the quota "
            "group\n"
            "  1. Arman\n  2. Bolat\n  3. Dana  (quota group)\n  4. Erlan\n"
            "  6. Gulnar  (quota group)\n"
            "replacement: Gulnar (position 6) takes the mandate of Farid (position 5) to meet the "
            "30% quota (2 of 5 required)\n"
            "quota group elected: 2 of 2 required\n");
  const Outcome json =
      kurultai({"mandates", "--seats", "5", "--list", "list.csv", "--quota", "60", "--json"});
  ASSERT_EQ(json.code, 0) << json.errors;
  const Json result = Json::parse(json.output, nullptr, false);
  EXPECT_EQ(result["required"], 3);
  EXPECT_EQ(result["quota_elected"], 3);
  std::vector<int> positions;
  for (const auto& elected : result["elected"]) positions.push_back(elected["position"]);
  EXPECT_EQ(positions, (std::vector<int>{1, 2, 3, 6, 8}));
  EXPECT_EQ(result["explanation"].size(), 2u);

  // A list that cannot meet the quota, and bad input, each named.
  const struct {
    std::string csv;
    std::vector<std::string> options;
    int code;
    std::string errors;
  } cases[] = {
      {"a,no\nb,no\nc,yes\n", {"--seats", "3", "--quota", "70"}, 1,
       "mura kurultai: assign mandates: the list cannot meet the 70% quota: 3 of 3 mandates must "
       "go to quota candidates, the list has only 1 to give\n"},
      {"a,no\nb,maybe\n", {"--seats", "1"}, 1,
       "mura kurultai: list.csv:2: quota_group \"maybe\" of \"b\" is not yes or no\n"},
      {"a,no\na,yes\n", {"--seats", "1"}, 1,
       "mura kurultai: list.csv:2: candidate \"a\" already listed on line 1\n"},
      {"a\n", {"--seats", "1"}, 1,
       "mura kurultai: list.csv:1: expected 2 fields \"candidate,quota_group\", found 1\n"},
      {"candidate,quota_group\n", {"--seats", "1"}, 1,
       "mura kurultai: list.csv: no candidates (expected lines \"candidate,quota_group\")\n"},
      {"a,no\n", {"--seats", "1", "--quota", "101"}, 2, ""},
  };
  for (const auto& c : cases) {
    write_text(root_ / "list.csv", c.csv);
    std::vector<std::string> arguments = {"mandates", "--list", "list.csv"};
    arguments.insert(arguments.end(), c.options.begin(), c.options.end());
    const Outcome outcome = kurultai(arguments);
    EXPECT_EQ(outcome.code, c.code) << c.csv;
    if (!c.errors.empty()) {
      EXPECT_EQ(outcome.errors, c.errors) << c.csv;
    }
    EXPECT_EQ(outcome.output, "") << c.csv;
  }
}

TEST_F(KurultaiCliRegisterTest, AppendsTheDemoRegisterOnce) {
  EXPECT_THAT(demo_appended_.output,
              MatchesRegex("appended 179 act\\(s\\); head [0-9a-f]{64}\n"
                           "published bill B-1: record ark:/99999/[0-9a-z]+ version 5 \\(5 new\\)\n"
                           "published bill B-2: record ark:/99999/[0-9a-z]+ version 2 \\(2 new\\)\n"
                           "published bill D-1: record ark:/99999/[0-9a-z]+ version 2 \\(2 "
                           "new\\)\n"));
  EXPECT_EQ(demo_appended_.errors, "");
  const std::string head =
      demo_appended_.output.substr(demo_appended_.output.find("head ") + 5, 64);
  EXPECT_EQ(demo_verified_, "repo/kurultai.sqlite: ok, 179 entries, head " + head + "\n");

  const Outcome again = in_repo("append", {"--json", demo()});
  ASSERT_EQ(again.code, 0) << again.errors;
  const Json report = Json::parse(again.output, nullptr, false);
  EXPECT_EQ(report["appended"], 0);
  EXPECT_EQ(report["skipped"], 179);
  EXPECT_EQ(report["head_hash"], head);
  EXPECT_EQ(report["published"], Json::array());
  EXPECT_EQ(report["warnings"], Json::array());
  const Outcome text = in_repo("append", {demo()});
  EXPECT_EQ(text.code, 0) << text.errors;
  EXPECT_EQ(text.output,
            "appended 0 act(s), skipped 179 already in the ledger; head " + head + "\n");
  EXPECT_EQ(in_repo("verify").output, demo_verified_);
}

TEST_F(KurultaiCliRegisterTest, RunningAFileAgainAppendsOnlyWhatIsNew) {
  write_text(root_ / "more.jsonl", read_text(demo()) + kBillThree + "\n");
  const Outcome more = in_repo("append", {"more.jsonl"});
  ASSERT_EQ(more.code, 0) << more.errors;
  EXPECT_THAT(more.output,
              StartsWith("appended 1 act(s), skipped 179 already in the ledger; head "));
  EXPECT_THAT(more.output, HasSubstr("\npublished bill B-3: record ark:/99999/"));
  const Outcome verified = in_repo("verify");
  EXPECT_EQ(verified.code, 0) << verified.errors;
  EXPECT_THAT(verified.output, StartsWith("repo/kurultai.sqlite: ok, 180 entries, head "));
  EXPECT_THAT(state().output, HasSubstr("  B-3 introduced — On Libraries\n"));
}

// A ledger kept as a JSON-lines file takes a file of acts again the same way: only what is new.
TEST_F(KurultaiCliRegisterTest, ALedgerFileTakesAFileAgainAndAddsOnlyWhatIsNew) {
  const Outcome first = kurultai({"append", "--ledger", "ledger.jsonl", demo()});
  ASSERT_EQ(first.code, 0) << first.errors;
  EXPECT_THAT(first.output, StartsWith("appended 179 act(s), entries up to 179: "));
  const Outcome again = kurultai({"append", "--ledger", "ledger.jsonl", demo()});
  ASSERT_EQ(again.code, 0) << again.errors;
  EXPECT_THAT(again.output,
              StartsWith("appended 0 act(s), skipped 179 already in the ledger, entries up to 179: "));
  write_text(root_ / "more.jsonl", read_text(demo()) + kBillThree + "\n");
  const Outcome more = kurultai({"append", "--ledger", "ledger.jsonl", "more.jsonl"});
  ASSERT_EQ(more.code, 0) << more.errors;
  EXPECT_THAT(more.output,
              StartsWith("appended 1 act(s), skipped 179 already in the ledger, entries up to 180: "));
  // A file that starts like the ledger but then differs is not a continuation of it.
  std::string text = read_text(demo());
  text.replace(text.find("Alatau"), 6, "Alatay");
  write_text(root_ / "other.jsonl", text);
  const Outcome other = kurultai({"append", "--ledger", "ledger.jsonl", "other.jsonl"});
  EXPECT_EQ(other.code, 1);
  const Outcome verified = kurultai({"verify", "--ledger", "ledger.jsonl"});
  EXPECT_EQ(verified.code, 0) << verified.errors;
  EXPECT_THAT(verified.output, HasSubstr("ok, 180 entries"));
}

TEST_F(KurultaiCliRegisterTest, StateAtADate) {
  const Outcome text = state();
  EXPECT_EQ(text.code, 0) << text.errors;
  EXPECT_EQ(text.output,
            "as of 2026-11-30 (179 acts), Constitution 2026\n"
            "Kurultai: 145 of 145 seats filled\n"
            "  Alatau: 67\n"
            "  Ertis: 30\n"
            "  Saryarqa: 21\n"
            "  Oqjetpes: 16\n"
            "  Jaiyq: 11\n"
            "deputy chairs: 3, committees: 8\n"
            "offices:\n"
            "  chair: Aigerim Abenova\n"
            "  president: Qasym Ardakov\n"
            "  prime_minister: Olzhas Bektenov-Sadyq\n"
            "  vice_president: Saule Temirbayeva\n"
            "the President may dissolve the chamber\n"
            "bills:\n"
            "  B-1 signed — On the National Archival Fund and Archives\n"
            "  B-2 in_readings — On Museums and Museum Activity\n"
            "  D-1 rejected — On the Deputies' Allowances\n"
            "People's Council: 3 members\n"
            "deadlines:\n"
            "  met  due 2026-10-11  send law B-1 to the President [send:B-1]\n"
            "  open  due 2026-12-05  adopt priority bill B-2 [priority:B-2]\n"
            "  met  due 2026-11-07  the President signs or returns law B-1 [sign:B-1]\n"
            "  met  due 2026-12-03  the President signs law B-1 passed over objections "
            "[sign-override:B-1]\n");

  // Between Yerlan Utepov leaving Oqjetpes (2026-10-15) and Marat Yesenov taking the seat.
  const Outcome october = in_repo("state", {"--date", "2026-10-16"});
  EXPECT_EQ(october.code, 0) << october.errors;
  EXPECT_THAT(october.output, StartsWith("as of 2026-10-16 (173 acts), Constitution 2026\n"
                                         "Kurultai: 144 of 145 seats filled\n"));
  EXPECT_THAT(october.output, HasSubstr("  Oqjetpes: 15 (won 16)\n"));
  const Outcome before_the_chair = in_repo("state", {"--date", "2026-08-26"});
  EXPECT_THAT(before_the_chair.output, HasSubstr("(147 acts)"));
  EXPECT_THAT(before_the_chair.output, Not(HasSubstr("chair:")));
  // Without --date: today, or the last act's date when that is later; every act either way.
  EXPECT_THAT(in_repo("state").output, HasSubstr(" (179 acts), Constitution 2026\n"));

  const Outcome json = state({"--json"});
  ASSERT_EQ(json.code, 0) << json.errors;
  const Json body = Json::parse(json.output, nullptr, false);
  ASSERT_TRUE(body.is_object()) << json.output;
  EXPECT_EQ(body["acts"], 179);
  EXPECT_EQ(body["as_of"], kAfterTheDemo);
  EXPECT_EQ(body["version"]["id"], "2026");
  EXPECT_EQ(body["chamber"]["seats"], 145);
  EXPECT_EQ(body["chamber"]["seated"], 145);
  EXPECT_EQ(body["chamber"]["vacant_seats"], 0);
  EXPECT_EQ(
      body["chamber"]["seats_won"],
      Json({{"Alatau", 67}, {"Ertis", 30}, {"Jaiyq", 11}, {"Oqjetpes", 16}, {"Saryarqa", 21}}));
  EXPECT_EQ(body["chamber"]["committees"].size(), 8u);
  EXPECT_EQ(body["chamber"]["deputy_chairs"],
            Json({"Nurlan Baimukhanov", "Saule Duisenova", "Madina Zhaksylykova"}));
  for (const auto& [office, person] : {std::pair{"chair", "Aigerim Abenova"},
                                       {"president", "Qasym Ardakov"},
                                       {"prime_minister", "Olzhas Bektenov-Sadyq"},
                                       {"vice_president", "Saule Temirbayeva"}}) {
    EXPECT_EQ(body["offices"][office]["holders"][0]["person"], person) << office;
  }
  EXPECT_EQ(body["majorities"]["law"], 73);
  EXPECT_EQ(body["majorities"]["override"], 97);
  EXPECT_TRUE(body["president_may_dissolve"].get<bool>());
  ASSERT_EQ(body["bills"].size(), 3u);
  EXPECT_EQ(body["bills"][0]["stage"], "signed");
  EXPECT_EQ(body["bills"][1]["stage"], "in_readings");
  EXPECT_EQ(body["bills"][2]["stage"], "rejected");

  const Outcome bad_date = in_repo("state", {"--date", "2026-13-01"});
  EXPECT_EQ(bad_date.code, 2);
  EXPECT_THAT(bad_date.errors, HasSubstr("--date: \"2026-13-01\" is not a day of the calendar"));
}

TEST_F(KurultaiCliRegisterTest, ExplainsDerivedFactsByTheActsBehindThem) {
  const Outcome vice_president = explain("office:vice_president");
  EXPECT_EQ(vice_president.code, 0) << vice_president.errors;
  EXPECT_THAT(vice_president.output,
              StartsWith("Saule Temirbayeva holds vice_president since 2026-09-16\nbecause:\n"));
  EXPECT_THAT(vice_president.output,
              HasSubstr("[entry 162, 2026-09-14] Saule Temirbayeva proposed by the President for "
                        "Vice President\n"));
  EXPECT_THAT(vice_president.output,
              HasSubstr("[entry 164, 2026-09-16] Saule Temirbayeva takes office as Vice President "
                        "with the consent of the chamber: roll call: yes 96, no 40, abstain 3, "
                        "absent 6;"));
  EXPECT_THAT(vice_president.output, HasSubstr("rule: majorities.consent (Constitution 2026, "));

  const Outcome dissolution = explain("dissolution");
  EXPECT_EQ(dissolution.code, 0) << dissolution.errors;
  EXPECT_THAT(dissolution.output, StartsWith("the President may dissolve the chamber\n"));
  EXPECT_THAT(dissolution.output, HasSubstr("[entry 158, 2026-09-04] consent to Marat Zhumabekov "
                                            "as Vice President refused (1)"));
  EXPECT_THAT(dissolution.output, HasSubstr("[entry 160, 2026-09-09] consent to Gulnar Sembayeva "
                                            "as Vice President refused (2)"));
  EXPECT_THAT(dissolution.output, HasSubstr("rule: president.dissolution_after_refusals"));

  // The demo's Kokshe is kept out by the against-all votes in the threshold's base.
  const Outcome kokshe = explain("seats:Kokshe");
  EXPECT_EQ(kokshe.code, 0) << kokshe.errors;
  EXPECT_THAT(kokshe.output, StartsWith("Kokshe won 0 of 145 list seats; 0 deputies seated\n"));
  EXPECT_THAT(kokshe.output, HasSubstr("Kokshe: 290000 votes; threshold 376000.00 (5% of 7520000, "
                                       "against all included: 380000) not reached"));

  const Outcome seat = explain("deputy:Marat Yesenov");
  EXPECT_EQ(seat.code, 0) << seat.errors;
  EXPECT_THAT(seat.output, HasSubstr("[entry 175, 2026-10-22] Marat Yesenov seated for the list "
                                     "of Oqjetpes\n"));

  const Outcome facts = explain("list");
  EXPECT_EQ(facts.code, 0) << facts.errors;
  EXPECT_THAT(facts.output, HasSubstr("\nseats:Oqjetpes\n"));
  EXPECT_THAT(facts.output, HasSubstr("\ndeputy:Marat Yesenov\n"));
  EXPECT_THAT(facts.output, Not(HasSubstr("deputy:Yerlan Utepov"))) << "he left his party";

  const Outcome unknown = explain("office:nobody");
  EXPECT_EQ(unknown.code, 1);
  EXPECT_EQ(unknown.errors, "mura kurultai: no act concerns the office \"nobody\"\n");
}

TEST_F(KurultaiCliRegisterTest, RefusesAnUnlawfulActAndAppendsNothing) {
  const TurnedAway files[] = {
      {"a fourth deputy chair, after a lawful act",
       std::string(kBillThree) +
           "\n"
           R"({"date": "2026-11-13", "persons": ["Nurlan Baimukhanov", "Saule Duisenova", )"
           R"("Madina Zhaksylykova", "Dana Duisenova"], "type": "deputy_chairs_set"})"
           "\n",
       "mura kurultai: act 2 of 2: refused by chamber.max_deputy_chairs (Constitution 2026, "
       "President's speech; Section IV [C]): 4 deputy chairs named; at most 3 are allowed\n"},
      {"a final reading before the second",
       R"({"bill": "B-2", "date": "2026-11-12", "reading": 3, "result": "passed", )"
       R"("type": "reading_held", "vote": {"yes": 100, "no": 30, "abstain": 5}})"
       "\n",
       "mura kurultai: act 1 of 1: refused by legislation.readings (Constitution 2026, Section IV "
       "[C]): reading 3 (final) of bill B-2 cannot be held before reading 2 (amendments) has "
       "passed; the bill has passed 1 reading(s)\n"},
      {"a second Vice President",
       R"({"date": "2026-11-12", "office": "vice_president", "person": "Marat Zhumabekov", )"
       R"("type": "appointment_proposed"})"
       "\n",
       "mura kurultai: act 1 of 1: refused by offices.vice_president (Constitution 2026, Section "
       "III [C]): all 1 seat(s) of Vice President are filled\n"},
  };
  for (const auto& file : files) expect_turned_away(file);
  EXPECT_EQ(in_repo("bill", {"B-3"}).code, 1) << "the lawful act before the refused one is gone";
}

TEST_F(KurultaiCliRegisterTest, RejectsAMalformedFileNamingTheLine) {
  const TurnedAway files[] = {
      {"bad JSON", std::string(kBillThree) + "\n{\"bill\": \"B-4\", \"date\": \"2026-11-12\",\n",
       "mura kurultai: acts.jsonl:2: not valid JSON (expected one act object, an array of acts, "
       "or one act object per line)\n"},
      {"unknown act type after a blank line",
       std::string(kBillThree) + "\n\n"
                                 R"({"bill": "B-3", "date": "2026-11-13", "type": "bill_vetoed"})"
                                 "\n",
       "mura kurultai: acts.jsonl:3: act: unknown type \"bill_vetoed\" "
       "(docs/format/kurultai-acts.md lists the types)\n"},
      {"missing date",
       std::string(kBillThree) +
           "\n"
           R"({"bill": "B-4", "initiator": "government", "title": "On Theatres", )"
           R"("type": "bill_introduced"})"
           "\n",
       "mura kurultai: acts.jsonl:2: act bill_introduced: missing \"date\" (YYYY-MM-DD)\n"},
      {"a day not in the calendar",
       std::string(kBillThree) +
           "\n"
           R"({"bill": "B-4", "date": "2026-02-30", "initiator": "government", )"
           R"("title": "On Theatres", "type": "bill_introduced"})"
           "\n",
       "mura kurultai: acts.jsonl:2: act bill_introduced: date: \"2026-02-30\" is not a day of "
       "the calendar\n"},
  };
  for (const auto& file : files) expect_turned_away(file);
}

TEST_F(KurultaiCliRegisterTest, VerifyFindsAnEntryAlteredInTheDatabase) {
  // Entry 148 elects the Chair by 121 votes; someone with the file makes it 131. The table's
  // triggers refuse UPDATE, so they drop them first.
  const Outcome altered =
      run("sqlite3",
          {"repo/kurultai.sqlite",
           "DROP TRIGGER ledger_no_update; "
           "UPDATE ledger SET entry = replace(entry, '\"yes\":121', '\"yes\":131') "
           "WHERE position = 148; SELECT changes();"},
          root_);
  ASSERT_EQ(altered.code, 0) << "needs the sqlite3 command: " << altered.errors;
  ASSERT_EQ(altered.output, "1\n");

  const Outcome verified = in_repo("verify");
  EXPECT_EQ(verified.code, 1);
  EXPECT_EQ(verified.output, "");
  EXPECT_THAT(verified.errors, StartsWith("mura kurultai: repo/kurultai.sqlite: entry 148: hash "));
  EXPECT_THAT(verified.errors, HasSubstr("does not match the content"));
  EXPECT_THAT(verified.errors, HasSubstr("the entry was altered\n"));
  // Nothing is derived from a broken chain.
  const Outcome state_of_a_broken_chain = state();
  EXPECT_EQ(state_of_a_broken_chain.code, 1);
  EXPECT_EQ(state_of_a_broken_chain.errors, verified.errors);
  EXPECT_EQ(in_repo("append", {demo()}).code, 1);
}

TEST_F(KurultaiCliRegisterTest, TheLogIsALedgerFileWithTheSameChain) {
  const Outcome log = in_repo("log");
  ASSERT_EQ(log.code, 0) << log.errors;
  write_text(root_ / "ledger.jsonl", log.output);
  const std::string head = demo_verified_.substr(demo_verified_.find("head ") + 5, 64);
  const Outcome verified = kurultai({"verify", "--ledger", "ledger.jsonl"});
  EXPECT_EQ(verified.code, 0) << verified.errors;
  EXPECT_EQ(verified.output, "ledger.jsonl: ok, 179 entries, head " + head + "\n");
  const Outcome file_state =
      kurultai({"state", "--ledger", "ledger.jsonl", "--date", kAfterTheDemo});
  EXPECT_EQ(file_state.code, 0) << file_state.errors;
  EXPECT_EQ(file_state.output, state().output);

  std::vector<std::string> lines;
  std::ifstream file(root_ / "ledger.jsonl");
  for (std::string line; std::getline(file, line);) lines.push_back(line);
  ASSERT_EQ(lines.size(), 179u);
  const std::size_t vote = lines[147].find("\"yes\":121");
  ASSERT_NE(vote, std::string::npos) << lines[147];
  lines[147][vote + 7] = '3';
  std::string tampered;
  for (const auto& line : lines) tampered += line + "\n";
  write_text(root_ / "ledger.jsonl", tampered);
  const Outcome broken = kurultai({"verify", "--ledger", "ledger.jsonl"});
  EXPECT_EQ(broken.code, 1);
  EXPECT_THAT(broken.errors, StartsWith("mura kurultai: ledger.jsonl: entry 148: hash "));
  EXPECT_THAT(broken.errors, HasSubstr("the entry was altered\n"));
}

}  // namespace
