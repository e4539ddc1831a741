// Crash test: runs a workload of object creations and updates on the fault-injecting file
// system, fails it at every mutating operation in turn, simulates the power cut (everything not
// yet durable is lost), reopens the store, and checks that the storage root validates and that
// every version acknowledged before the fault is there, byte for byte. The workload runs once
// as single commits and once as group commits (commit_all, as batched ingest uses it), with
// syncs one after another (deterministic) and in parallel.
#include <map>

#include "base/fault_injecting_file_system.h"
#include "base/memory_file_system.h"
#include "base/testing/status_matchers.h"
#include "storage/ocfl_store.h"
#include "storage/ocfl_validator.h"

namespace mura::storage {
namespace {

using FileState = std::map<std::string, std::string>;  // logical path -> bytes

struct Step {
  std::string object_id;
  int expected_head;
  std::vector<std::pair<std::string, std::string>> add;  // path, bytes (or "@source" path)
  std::vector<std::string> remove;
  std::vector<std::pair<std::string, std::string>> rename;
};

// Steps committed together; a group of one is a plain commit().
using Group = std::vector<Step>;

const std::string kBig(300000, 'B');

std::vector<Group> single_commits() {
  return {
      {{"ark:/99999/m1", 0, {{"record.json", "{\"v\":1}"}, {"files/scan.tif", "@/source/scan.tif"}}, {}, {}}},
      {{"ark:/99999/m2", 0, {{"record.json", "{\"v\":1}"}, {"files/a", "same"}, {"files/b", "same"}}, {}, {}}},
      {{"ark:/99999/m1", 1, {{"record.json", "{\"v\":2}"}, {"files/more.txt", "more"}}, {}, {}}},
      {{"ark:/99999/m1", 2, {}, {"files/more.txt"}, {{"files/scan.tif", "files/page-1.tif"}}}},
      {{"ark:/99999/m3", 0, {{"record.json", "{}"}}, {}, {}}},
      {{"ark:/99999/m2", 1, {{"files/c", "same"}, {"events.jsonl", "{}\n"}}, {}, {}}},
  };
}

std::vector<Group> group_commits() {
  return {
      {
          {"ark:/99999/m1", 0, {{"record.json", "{\"v\":1}"}, {"files/scan.tif", "@/source/scan.tif"}}, {}, {}},
          {"ark:/99999/m2", 0, {{"record.json", "{\"v\":1}"}, {"files/a", "same"}, {"files/b", "same"}}, {}, {}},
          {"ark:/99999/m3", 0, {{"record.json", "{}"}, {"files/sub/x.txt", "x"}}, {}, {}},
      },
      {
          {"ark:/99999/m1", 1, {{"record.json", "{\"v\":2}"}, {"files/more.txt", "more"}}, {}, {}},
          {"ark:/99999/m4", 0, {{"record.json", "{}"}, {"files/copy.tif", "@/source/scan.tif"}}, {}, {}},
          {"ark:/99999/m2", 1, {{"files/c", "same"}, {"events.jsonl", "{}\n"}}, {}, {}},
          // Two new objects under one new tuple directory (67e/): the second goes deeper.
          {"ark:/99999/t107", 0, {{"record.json", "{\"t\":107}"}}, {}, {}},
          {"ark:/99999/t134", 0, {{"record.json", "{\"t\":134}"}}, {}, {}},
      },
      {
          {"ark:/99999/m1", 2, {}, {"files/more.txt"}, {{"files/scan.tif", "files/page-1.tif"}}},
          {"ark:/99999/m4", 1, {{"files/again.tif", "@/source/scan.tif"}}, {}, {}},
          {"ark:/99999/m3", 1, {{"record.json", "{\"v\":2}"}}, {"files/sub/x.txt"}, {}},
      },
      {{"ark:/99999/m5", 0, {{"record.json", "{}"}}, {}, {}}},
  };
}

FileState apply(FileState state, const Step& step, FileSystem& source) {
  for (const auto& [path, bytes] : step.add) {
    state[path] = bytes.starts_with("@") ? *read_file(source, bytes.substr(1)) : bytes;
  }
  for (const auto& path : step.remove) state.erase(path);
  for (const auto& [from, to] : step.rename) {
    state[to] = state[from];
    state.erase(from);
  }
  return state;
}

NewVersion to_version(const Step& step, FileSystem& source) {
  NewVersion version;
  version.object_id = step.object_id;
  version.expected_head = step.expected_head;
  version.message = "step";
  version.user_name = "crash test";
  for (const auto& [path, bytes] : step.add) {
    if (bytes.starts_with("@")) {
      version.add_file(path, bytes.substr(1), &source);
    } else {
      version.add_bytes(path, bytes);
    }
  }
  for (const auto& path : step.remove) version.remove(path);
  for (const auto& [from, to] : step.rename) version.rename(from, to);
  return version;
}

// What a run acknowledged: per object, how many of its steps, and whether its next step was
// attempted without an acknowledgement (it may then be durable as a whole, never in part).
struct Outcome {
  std::map<std::string, int> acknowledged;
  std::map<std::string, bool> pending;
  bool complete = false;
};

// Runs the workload until the first group with a failure, as a process that dies there.
Outcome run_workload(FileSystem& fs, FileSystem& source, const std::vector<Group>& groups,
                     StoreOptions options) {
  Outcome outcome;
  auto store = OcflStore::open(fs, "/repo/store", "/repo/staging", options);
  if (!store) return outcome;
  for (const auto& group : groups) {
    std::vector<NewVersion> versions;
    for (const auto& step : group) versions.push_back(to_version(step, source));
    std::vector<Result<int>> results;
    if (versions.size() == 1) {
      results.push_back((*store)->commit(versions.front()));
    } else {
      results = (*store)->commit_all(versions);
    }
    bool failed = false;
    for (std::size_t i = 0; i < group.size(); ++i) {
      if (results[i].has_value()) {
        EXPECT_EQ(*results[i], group[i].expected_head + 1);
        ++outcome.acknowledged[group[i].object_id];
      } else {
        outcome.pending[group[i].object_id] = true;
        failed = true;
      }
    }
    if (failed) return outcome;
  }
  outcome.complete = true;
  return outcome;
}

struct Workload {
  std::string name;
  std::vector<Group> (*groups)();
  int sync_threads;
};

void PrintTo(const Workload& workload, std::ostream* out) { *out << workload.name; }

class CrashTest : public ::testing::TestWithParam<Workload> {
 protected:
  void SetUp() override {
    ASSERT_OK(create_directories(source_, "/source"));
    ASSERT_OK(write_file(source_, "/source/scan.tif", kBig));
  }
  static void make_root(MemoryFileSystem& fs) {
    ASSERT_THAT(OcflStore::create(fs, "/repo/store", "/repo/staging"), testing::IsOk());
  }
  MemoryFileSystem source_;
};

TEST_P(CrashTest, EveryAcknowledgedVersionSurvivesAFaultAtAnyOperation) {
  const std::vector<Group> groups = GetParam().groups();
  StoreOptions options;
  options.sync_threads = GetParam().sync_threads;
  // Every object's history of states, one per step.
  std::map<std::string, std::vector<FileState>> histories;
  for (const auto& group : groups) {
    for (const auto& step : group) {
      auto& history = histories[step.object_id];
      history.push_back(apply(history.empty() ? FileState{} : history.back(), step, source_));
    }
  }

  std::uint64_t total_operations = 0;
  {
    MemoryFileSystem memory;
    make_root(memory);
    FaultInjectingFileSystem counting(memory);
    ASSERT_TRUE(run_workload(counting, source_, groups, options).complete);
    total_operations = counting.operation_count();
  }
  ASSERT_GT(total_operations, 50u);

  for (std::uint64_t fault = 0; fault < total_operations; ++fault) {
    SCOPED_TRACE("fault at operation " + std::to_string(fault));
    MemoryFileSystem memory;
    make_root(memory);
    Outcome outcome;
    {
      FaultInjectingFileSystem faulty(memory);
      faulty.fail_at(fault);
      // A fault during the clean-up after the last commit leaves every step acknowledged.
      outcome = run_workload(faulty, source_, groups, options);
    }
    memory.simulate_crash();

    auto reopened = OcflStore::open(memory, "/repo/store", "/repo/staging");
    ASSERT_THAT(reopened, testing::IsOk());
    auto& store = **reopened;
    ValidationReport report = validate_storage_root(memory, "/repo/store");
    ASSERT_TRUE(report.valid()) << report.to_text();
    ASSERT_OK_AND_ASSIGN(auto staging, memory.list_directory("/repo/staging"));
    EXPECT_TRUE(staging.empty()) << "recovery removes stale staging";

    for (const auto& [id, history] : histories) {
      int acknowledged = outcome.acknowledged[id];
      bool pending = outcome.pending[id];
      if (acknowledged == 0 && !store.object_exists(id)) continue;
      ASSERT_OK_AND_ASSIGN(Inventory inventory, store.inventory(id));
      ASSERT_TRUE(inventory.head() == acknowledged ||
                  (pending && inventory.head() == acknowledged + 1))
          << id << " has head v" << inventory.head() << ", " << acknowledged
          << " version(s) acknowledged";
      for (int number = 1; number <= inventory.head(); ++number) {
        const FileState& expected = history[static_cast<std::size_t>(number - 1)];
        ASSERT_OK_AND_ASSIGN(auto files, store.files(id, number));
        ASSERT_EQ(files.size(), expected.size()) << id << " v" << number;
        for (const auto& [path, bytes] : expected) {
          ASSERT_OK_AND_ASSIGN(std::string stored, store.read(id, path, number));
          EXPECT_EQ(stored, bytes) << id << " v" << number << " " << path;
        }
      }
    }
    // The store keeps working after recovery.
    NewVersion after;
    after.object_id = "ark:/99999/after-crash";
    after.add_bytes("record.json", "{}");
    EXPECT_THAT(store.commit(after), testing::IsOk());
  }
}

INSTANTIATE_TEST_SUITE_P(
    Workloads, CrashTest,
    ::testing::Values(Workload{"SingleCommits", single_commits, 1},
                      Workload{"GroupCommits", group_commits, 1},
                      Workload{"GroupCommitsWithParallelSyncs", group_commits, 4}),
    [](const ::testing::TestParamInfo<Workload>& param) { return param.param.name; });

}  // namespace
}  // namespace mura::storage
