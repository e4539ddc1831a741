#include "kurultai/ledger.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>

#include "base/digest.h"
#include "base/file_system.h"
#include "base/posix_file_system.h"
#include "base/testing/status_matchers.h"
#include "kurultai/kurultai_testing.h"
#include "kurultai/ledger_file.h"
#include "kurultai/register.h"

namespace mura::kurultai {
namespace {

using ::mura::testing::StatusIs;
using testing::act;
using ::testing::AllOf;
using ::testing::HasSubstr;

std::vector<Act> sample_acts() {
  return {act({{"type", "bill_introduced"},
               {"date", "2026-09-01"},
               {"bill", "B-1"},
               {"title", "On archives — Мұрағат туралы"},
               {"initiator", "government"}}),
          act({{"type", "bill_priority_declared"}, {"date", "2026-09-02"}, {"bill", "B-1"}}),
          act({{"type", "referendum_held"},
               {"date", "2026-09-03"},
               {"question", "Q"},
               {"registered", 100},
               {"participants", 60},
               {"yes", 40}})};
}

class TempDirectory {
 public:
  TempDirectory() {
    std::string pattern = "/tmp/mura-ledger-test-XXXXXX";
    path_ = ::mkdtemp(pattern.data());
  }
  ~TempDirectory() { (void)remove_all(default_file_system(), path_); }
  std::string file(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

TEST(LedgerTest, ChainsEntriesAndVerifies) {
  auto store = std::make_unique<MemoryLedgerStore>();
  MemoryLedgerStore* raw = store.get();
  ASSERT_OK_AND_ASSIGN(auto ledger, Ledger::open(std::move(store)));
  EXPECT_EQ(ledger->head_hash(), kGenesisHash);
  std::string previous(kGenesisHash);
  for (const Act& entry : sample_acts()) {
    ASSERT_OK_AND_ASSIGN(std::string hash, ledger->append(entry));
    const nlohmann::json stored = nlohmann::json::parse(raw->entries().back());
    EXPECT_EQ(stored["prev_hash"], previous);
    EXPECT_EQ(stored["hash"], hash);
    nlohmann::json without_hash = stored;
    without_hash.erase("hash");
    EXPECT_EQ(hash, digest_hex(DigestAlgorithm::kSha256, without_hash.dump()));
    previous = hash;
  }
  ASSERT_OK_AND_ASSIGN(VerifyReport report, verify_ledger(*raw));
  EXPECT_EQ(report.entries, 3u);
  EXPECT_EQ(report.head_hash, previous);
}

TEST(LedgerTest, EntriesAreCanonical) {
  const Act one =
      act(nlohmann::json::parse(R"({"type":"law_sent","date":"2026-09-01","bill":"B-1"})"));
  const Act two =
      act(nlohmann::json::parse(R"({ "bill" : "B-1", "date":"2026-09-01",   "type":"law_sent" })"));
  ASSERT_OK_AND_ASSIGN(std::string first, make_entry(one, kGenesisHash));
  ASSERT_OK_AND_ASSIGN(std::string second, make_entry(two, kGenesisHash));
  EXPECT_EQ(first, second);
  EXPECT_TRUE(first.starts_with(R"({"bill":"B-1","date":"2026-09-01","hash":")")) << first;
}

TEST(LedgerTest, FileLedgerDetectsTampering) {
  TempDirectory directory;
  const std::string path = directory.file("ledger.jsonl");
  {
    ASSERT_OK_AND_ASSIGN(auto ledger, Ledger::open(std::make_unique<JsonLinesLedgerStore>(path)));
    for (const Act& entry : sample_acts()) ASSERT_OK(ledger->append(entry));
  }
  ASSERT_OK_AND_ASSIGN(auto reopened, Ledger::open(std::make_unique<JsonLinesLedgerStore>(path)));
  EXPECT_EQ(reopened->acts().size(), 3u);
  EXPECT_EQ(reopened->acts()[0].text("title"), "On archives — Мұрағат туралы");
  ASSERT_OK_AND_ASSIGN(std::string original, read_file(default_file_system(), path));

  struct Tamper {
    std::string name;
    std::string text;
    std::string message;
  };
  std::string altered = original;
  altered.replace(altered.find("\"participants\":60"), 17, "\"participants\":61");
  const std::size_t second_line = original.find('\n') + 1;
  const std::size_t third_line = original.find('\n', second_line) + 1;
  std::string removed = original;
  removed.erase(second_line, third_line - second_line);
  const std::vector<Tamper> cases = {
      {"altered", altered, "entry 3: hash"},
      {"removed", removed, "entry 2: prev_hash"},
      {"torn", original.substr(0, original.size() - 5), "line 3 has no newline: a torn append"},
      {"garbage", original + "not json\n", "entry 4: not a JSON object"},
  };
  for (const auto& tamper : cases) {
    ASSERT_OK(write_file(default_file_system(), path, tamper.text));
    JsonLinesLedgerStore store(path);
    EXPECT_THAT(verify_ledger(store), StatusIs(StatusCode::kDataLoss, HasSubstr(tamper.message)))
        << tamper.name;
    EXPECT_THAT(Ledger::open(std::make_unique<JsonLinesLedgerStore>(path)),
                StatusIs(StatusCode::kDataLoss))
        << tamper.name;
  }
  ASSERT_OK(write_file(default_file_system(), path, original));
  JsonLinesLedgerStore store(path);
  EXPECT_OK(verify_ledger(store));
}

TEST(LedgerTest, MissingFileIsAnEmptyLedger) {
  TempDirectory directory;
  JsonLinesLedgerStore store(directory.file("none.jsonl"));
  ASSERT_OK_AND_ASSIGN(VerifyReport report, verify_ledger(store));
  EXPECT_EQ(report.entries, 0u);
  EXPECT_EQ(report.head_hash, kGenesisHash);
}

TEST(LedgerTest, ActCannotCarryItsOwnChain) {
  ASSERT_OK_AND_ASSIGN(auto ledger, Ledger::open(std::make_unique<MemoryLedgerStore>()));
  EXPECT_THAT(parse_act(nlohmann::json::parse(
                  R"({"type":"law_sent","date":"2026-09-01","bill":"B","prev_hash":"x"})")),
              StatusIs(StatusCode::kInvalidArgument, HasSubstr("unknown field \"prev_hash\"")));
}

TEST(RegisterTest, AppendsOnlyLawfulActs) {
  TempDirectory directory;
  const std::string path = directory.file("register.jsonl");
  ASSERT_OK_AND_ASSIGN(auto book, Register::open(testing::constitution(),
                                                 std::make_unique<JsonLinesLedgerStore>(path)));
  ASSERT_OK(book->append(act({{"type", "bill_introduced"},
                              {"date", "2026-09-01"},
                              {"bill", "B-1"},
                              {"title", "T"},
                              {"initiator", "government"}})));
  EXPECT_THAT(book->append(act({{"type", "bill_introduced"},
                                {"date", "2026-09-02"},
                                {"bill", "B-2"},
                                {"title", "T"},
                                {"initiator", "senate"}})),
              StatusIs(StatusCode::kFailedPrecondition, HasSubstr("legislation.initiators")));
  ASSERT_OK(book->append(
      act({{"type", "bill_priority_declared"}, {"date", "2026-09-03"}, {"bill", "B-1"}})));
  EXPECT_EQ(book->acts().size(), 2u);
  ASSERT_OK_AND_ASSIGN(auto reopened, Register::open(testing::constitution(),
                                                     std::make_unique<JsonLinesLedgerStore>(path)));
  EXPECT_EQ(reopened->head_hash(), book->head_hash());
  ASSERT_OK_AND_ASSIGN(State before, reopened->state_at(Date::parse("2026-09-02").value()));
  EXPECT_FALSE(before.bills.at("B-1").priority_since.has_value());
  ASSERT_OK_AND_ASSIGN(State after, reopened->state_at(Date::parse("2026-11-04").value()));
  ASSERT_EQ(after.missed_deadlines().size(), 1u);
  EXPECT_EQ(after.missed_deadlines()[0]->id, "priority:B-1");
}

TEST(RegisterTest, AppendsAllOrNothingAndRefreshesFromAnotherWriter) {
  TempDirectory directory;
  const std::string path = directory.file("register.jsonl");
  ASSERT_OK_AND_ASSIGN(auto writer, Register::open(testing::constitution(),
                                                   std::make_unique<JsonLinesLedgerStore>(path)));
  ASSERT_OK_AND_ASSIGN(auto reader, Register::open(testing::constitution(),
                                                   std::make_unique<JsonLinesLedgerStore>(path)));
  const Act introduced = act({{"type", "bill_introduced"},
                              {"date", "2026-09-01"},
                              {"bill", "B-1"},
                              {"title", "T"},
                              {"initiator", "government"}});
  const Act priority =
      act({{"type", "bill_priority_declared"}, {"date", "2026-09-03"}, {"bill", "B-1"}});
  // The second act is refused (a priority for an unknown bill): neither is stored.
  EXPECT_THAT(
      writer->append_all(
          {introduced,
           act({{"type", "bill_priority_declared"}, {"date", "2026-09-03"}, {"bill", "B-2"}})}),
      StatusIs(StatusCode::kInvalidArgument, HasSubstr("act 2 of 2")));
  EXPECT_TRUE(writer->acts().empty());
  ASSERT_OK_AND_ASSIGN(std::string head, writer->append_all({introduced, priority}));
  EXPECT_EQ(writer->ledger().hashes().size(), 2u);
  EXPECT_EQ(writer->ledger().hashes().back(), head);
  ASSERT_OK_AND_ASSIGN(std::string second, writer->ledger().entry(2));
  EXPECT_THAT(second, HasSubstr("\"prev_hash\":\"" + writer->ledger().hashes()[0] + "\""));

  EXPECT_TRUE(reader->acts().empty());
  ASSERT_OK_AND_ASSIGN(std::size_t added, reader->refresh());
  EXPECT_EQ(added, 2u);
  EXPECT_EQ(reader->head_hash(), head);
  ASSERT_OK_AND_ASSIGN(State state, reader->state_at(Date::parse("2026-09-04").value()));
  EXPECT_TRUE(state.bills.at("B-1").priority_since.has_value());
  ASSERT_OK_AND_ASSIGN(added, reader->refresh());
  EXPECT_EQ(added, 0u);
}

}  // namespace
}  // namespace mura::kurultai
