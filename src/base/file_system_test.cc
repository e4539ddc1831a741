#include "base/file_system.h"

#include <unistd.h>

#include <filesystem>
#include <functional>
#include <thread>

#include "base/fault_injecting_file_system.h"
#include "base/memory_file_system.h"
#include "base/posix_file_system.h"
#include "base/testing/status_matchers.h"

namespace mura {
namespace {

using ::mura::testing::IsOk;
using ::mura::testing::StatusIs;

// Every FileSystem implementation passes the same contract tests.
class FileSystemContractTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    if (GetParam() == "posix") {
      root_ = std::filesystem::temp_directory_path() /
              ("mura-fs-test-" + std::to_string(::getpid()) + "-" +
               ::testing::UnitTest::GetInstance()->current_test_info()->name());
      std::filesystem::remove_all(root_);
      std::filesystem::create_directories(root_);
      fs_ = std::make_unique<PosixFileSystem>();
      base_ = root_.string();
    } else {
      fs_ = std::make_unique<MemoryFileSystem>();
      base_ = "/t";
      ASSERT_OK(fs_->create_directory(base_));
    }
  }
  void TearDown() override {
    if (!root_.empty()) std::filesystem::remove_all(root_);
  }
  std::string path(std::string_view name) const { return join_path(base_, name); }

  std::unique_ptr<FileSystem> fs_;
  std::filesystem::path root_;
  std::string base_;
};

TEST_P(FileSystemContractTest, WriteReadRoundTrip) {
  ASSERT_OK(write_file(*fs_, path("a.txt"), "hello"));
  ASSERT_OK_AND_ASSIGN(auto data, read_file(*fs_, path("a.txt")));
  EXPECT_EQ(data, "hello");
  ASSERT_OK_AND_ASSIGN(auto info, fs_->stat(path("a.txt")));
  EXPECT_EQ(info.size, 5u);
  EXPECT_EQ(info.type, FileType::kFile);
}

TEST_P(FileSystemContractTest, CreateNewRefusesExisting) {
  ASSERT_OK(write_file(*fs_, path("a"), "1"));
  EXPECT_THAT(fs_->open_writable(path("a"), WriteMode::kCreateNew),
              StatusIs(StatusCode::kAlreadyExists));
}

TEST_P(FileSystemContractTest, MissingFilesAreNotFound) {
  EXPECT_THAT(fs_->open_readable(path("nope")), StatusIs(StatusCode::kNotFound));
  EXPECT_THAT(fs_->stat(path("nope")), StatusIs(StatusCode::kNotFound));
  EXPECT_THAT(fs_->create_directory(path("x/y")), StatusIs(StatusCode::kNotFound));
  EXPECT_FALSE(path_exists(*fs_, path("nope")));
}

TEST_P(FileSystemContractTest, DirectoriesListSorted) {
  ASSERT_OK(create_directories(*fs_, path("d/e/f")));
  ASSERT_OK(write_file(*fs_, path("d/b"), ""));
  ASSERT_OK(write_file(*fs_, path("d/a"), ""));
  ASSERT_OK_AND_ASSIGN(auto entries, fs_->list_directory(path("d")));
  ASSERT_EQ(entries.size(), 3u);
  EXPECT_EQ(entries[0].name, "a");
  EXPECT_EQ(entries[1].name, "b");
  EXPECT_EQ(entries[2].name, "e");
  EXPECT_EQ(entries[2].type, FileType::kDirectory);
  EXPECT_THAT(fs_->remove_directory(path("d")), StatusIs(StatusCode::kAlreadyExists));
  ASSERT_OK(remove_all(*fs_, path("d")));
  EXPECT_FALSE(path_exists(*fs_, path("d")));
}

TEST_P(FileSystemContractTest, RenameReplacesFilesButNotDirectories) {
  ASSERT_OK(write_file(*fs_, path("a"), "new"));
  ASSERT_OK(write_file(*fs_, path("b"), "old"));
  ASSERT_OK(fs_->rename(path("a"), path("b")));
  EXPECT_EQ(*read_file(*fs_, path("b")), "new");
  EXPECT_FALSE(path_exists(*fs_, path("a")));
  ASSERT_OK(create_directories(*fs_, path("d1/x")));
  ASSERT_OK(create_directories(*fs_, path("d2/y")));
  EXPECT_THAT(fs_->rename(path("d1"), path("d2")), StatusIs(StatusCode::kAlreadyExists));
  ASSERT_OK(fs_->rename(path("d1"), path("d3")));
  EXPECT_TRUE(is_directory(*fs_, path("d3/x")));
}

TEST_P(FileSystemContractTest, AtomicWriteReplaces) {
  ASSERT_OK(write_file_atomically(*fs_, path("inv"), "1"));
  ASSERT_OK(write_file_atomically(*fs_, path("inv"), "22"));
  EXPECT_EQ(*read_file(*fs_, path("inv")), "22");
  ASSERT_OK_AND_ASSIGN(auto entries, fs_->list_directory(base_));
  EXPECT_EQ(entries.size(), 1u) << "no temporary file is left behind";
}

TEST_P(FileSystemContractTest, LockIsExclusive) {
  ASSERT_OK_AND_ASSIGN(auto first, fs_->lock(path("lock")));
  std::atomic<bool> acquired{false};
  std::thread other([&] {
    auto second = fs_->lock(path("lock"));
    acquired = second.has_value();
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  EXPECT_FALSE(acquired.load()) << "the second locker waits while the first holds the lock";
  EXPECT_THAT(fs_->try_lock(path("lock")), StatusIs(StatusCode::kUnavailable));
  first.reset();
  other.join();
  EXPECT_TRUE(acquired.load());
  EXPECT_THAT(fs_->try_lock(path("lock")), IsOk());
}

INSTANTIATE_TEST_SUITE_P(AllFileSystems, FileSystemContractTest,
                         ::testing::Values("posix", "memory"),
                         [](const auto& test_param) { return test_param.param; });

TEST(MemoryFileSystemCrashTest, UnsyncedDataAndEntriesAreLost) {
  MemoryFileSystem fs;
  ASSERT_OK(fs.create_directory("/d"));
  ASSERT_OK(fs.sync_directory("/"));
  ASSERT_OK(write_file(fs, "/d/synced", "kept"));  // write_file syncs the data
  ASSERT_OK(fs.sync_directory("/d"));
  {
    auto file = fs.open_writable("/d/unsynced", WriteMode::kCreateNew);
    ASSERT_OK(file);
    ASSERT_OK((*file)->append("gone"));
  }
  ASSERT_OK(write_file(fs, "/d/entry-not-synced", "data synced, entry not"));
  fs.simulate_crash();
  EXPECT_EQ(*read_file(fs, "/d/synced"), "kept");
  EXPECT_FALSE(path_exists(fs, "/d/unsynced"));
  EXPECT_FALSE(path_exists(fs, "/d/entry-not-synced"));
}

TEST(MemoryFileSystemCrashTest, RenameBecomesDurableWithTheDirectorySync) {
  MemoryFileSystem fs;
  ASSERT_OK(write_file(fs, "/old", "1"));
  ASSERT_OK(fs.sync_directory("/"));
  ASSERT_OK(write_file(fs, "/tmp", "2"));
  ASSERT_OK(fs.rename("/tmp", "/old"));
  fs.simulate_crash();
  EXPECT_EQ(*read_file(fs, "/old"), "1") << "rename not yet durable";
  ASSERT_OK(write_file(fs, "/tmp", "2"));
  ASSERT_OK(fs.rename("/tmp", "/old"));
  ASSERT_OK(fs.sync_directory("/"));
  fs.simulate_crash();
  EXPECT_EQ(*read_file(fs, "/old"), "2");
}

TEST(FaultInjectingFileSystemTest, FailsFromTheChosenOperationOn) {
  MemoryFileSystem memory;
  FaultInjectingFileSystem fs(memory);
  ASSERT_OK(write_file(fs, "/a", "x"));  // create, append, sync, close = 4 operations
  EXPECT_EQ(fs.operation_count(), 4u);
  fs.fail_at(5);
  EXPECT_THAT(fs.create_directory("/d"), IsOk());                           // operation 4
  EXPECT_THAT(fs.create_directory("/e"), StatusIs(StatusCode::kDataLoss));  // operation 5
  EXPECT_THAT(fs.rename("/a", "/b"), StatusIs(StatusCode::kDataLoss));
  EXPECT_TRUE(fs.has_failed());
  EXPECT_TRUE(path_exists(memory, "/a"));
}

}  // namespace
}  // namespace mura
