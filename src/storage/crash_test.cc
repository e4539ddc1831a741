// Crash test: runs a workload of object creations and updates on the fault-injecting file
// system, fails it at every mutating operation in turn, simulates the power cut (everything not
// yet durable is lost), reopens the store, and checks that the storage root validates and that
// every version acknowledged before the fault is there, byte for byte.
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

const std::string kBig(300000, 'B');

std::vector<Step> workload() {
  return {
      {"ark:/99999/m1", 0, {{"record.json", "{\"v\":1}"}, {"files/scan.tif", "@/source/scan.tif"}}, {}, {}},
      {"ark:/99999/m2", 0, {{"record.json", "{\"v\":1}"}, {"files/a", "same"}, {"files/b", "same"}}, {}, {}},
      {"ark:/99999/m1", 1, {{"record.json", "{\"v\":2}"}, {"files/more.txt", "more"}}, {}, {}},
      {"ark:/99999/m1", 2, {}, {"files/more.txt"}, {{"files/scan.tif", "files/page-1.tif"}}},
      {"ark:/99999/m3", 0, {{"record.json", "{}"}}, {}, {}},
      {"ark:/99999/m2", 1, {{"files/c", "same"}, {"events.jsonl", "{}\n"}}, {}, {}},
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

// Runs the workload until the first failure; returns how many steps were acknowledged.
std::size_t run_workload(FileSystem& fs, FileSystem& source) {
  auto store = OcflStore::open(fs, "/repo/store", "/repo/staging");
  if (!store) return 0;
  std::size_t acknowledged = 0;
  for (const auto& step : workload()) {
    if (!(*store)->commit(to_version(step, source)).has_value()) break;
    ++acknowledged;
  }
  return acknowledged;
}

class CrashTest : public ::testing::Test {
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

TEST_F(CrashTest, EveryAcknowledgedVersionSurvivesAFaultAtAnyOperation) {
  std::uint64_t total_operations = 0;
  {
    MemoryFileSystem memory;
    make_root(memory);
    FaultInjectingFileSystem counting(memory);
    ASSERT_EQ(run_workload(counting, source_), workload().size());
    total_operations = counting.operation_count();
  }
  ASSERT_GT(total_operations, 50u);

  for (std::uint64_t fault = 0; fault < total_operations; ++fault) {
    SCOPED_TRACE("fault at operation " + std::to_string(fault));
    MemoryFileSystem memory;
    make_root(memory);
    std::size_t acknowledged = 0;
    {
      FaultInjectingFileSystem faulty(memory);
      faulty.fail_at(fault);
      // A fault during the clean-up after the last commit leaves every step acknowledged.
      acknowledged = run_workload(faulty, source_);
    }
    memory.simulate_crash();

    auto reopened = OcflStore::open(memory, "/repo/store", "/repo/staging");
    ASSERT_THAT(reopened, testing::IsOk());
    auto& store = **reopened;
    ValidationReport report = validate_storage_root(memory, "/repo/store");
    ASSERT_TRUE(report.valid()) << report.to_text();
    ASSERT_OK_AND_ASSIGN(auto staging, memory.list_directory("/repo/staging"));
    EXPECT_TRUE(staging.empty()) << "recovery removes stale staging";

    // Expected state of every object after the acknowledged steps; the interrupted step may
    // have become durable as a whole, never in part.
    std::map<std::string, std::vector<FileState>> versions;
    auto steps = workload();
    for (std::size_t i = 0; i <= acknowledged && i < steps.size(); ++i) {
      auto& history = versions[steps[i].object_id];
      history.push_back(apply(history.empty() ? FileState{} : history.back(), steps[i], source_));
    }
    std::string interrupted_id = acknowledged < steps.size() ? steps[acknowledged].object_id : "";
    for (const auto& [id, history] : versions) {
      int acknowledged_head = static_cast<int>(history.size());
      if (id == interrupted_id) --acknowledged_head;
      if (acknowledged_head == 0 && !store.object_exists(id)) continue;
      ASSERT_OK_AND_ASSIGN(Inventory inventory, store.inventory(id));
      ASSERT_TRUE(inventory.head() == acknowledged_head ||
                  (id == interrupted_id && inventory.head() == acknowledged_head + 1))
          << id << " has head v" << inventory.head();
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

}  // namespace
}  // namespace mura::storage
