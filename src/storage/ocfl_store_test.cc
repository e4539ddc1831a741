#include "storage/ocfl_store.h"

#include <thread>

#include "base/memory_file_system.h"
#include "base/testing/status_matchers.h"
#include "storage/ocfl_paths.h"

namespace mura::storage {
namespace {

using ::mura::testing::IsOk;
using ::mura::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

class OcflStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto store = OcflStore::create(fs_, "/repo/store", "/repo/staging");
    ASSERT_THAT(store, IsOk());
    store_ = std::move(*store);
  }

  Result<int> create(const std::string& id, std::map<std::string, std::string> files) {
    NewVersion version;
    version.object_id = id;
    version.message = "ingest";
    version.user_name = "Test";
    for (auto& [path, bytes] : files) version.add_bytes(path, bytes);
    return store_->commit(version);
  }

  std::vector<std::string> paths_of(const std::string& id, int version = 0) {
    std::vector<std::string> paths;
    auto files = store_->files(id, version);
    if (!files) return {"<" + files.error().to_string() + ">"};
    for (const auto& file : *files) paths.push_back(file.logical_path);
    return paths;
  }

  MemoryFileSystem fs_;
  std::unique_ptr<OcflStore> store_;
};

TEST_F(OcflStoreTest, CreatesTheStorageRoot) {
  EXPECT_EQ(*read_file(fs_, "/repo/store/0=ocfl_1.1"), "ocfl_1.1\n");
  EXPECT_THAT(*read_file(fs_, "/repo/store/ocfl_layout.json"),
              HasSubstr("0004-hashed-n-tuple-storage-layout"));
  EXPECT_THAT(*read_file(fs_, "/repo/store/extensions/0004-hashed-n-tuple-storage-layout/config.json"),
              HasSubstr("\"tupleSize\": 3"));
  EXPECT_TRUE(path_exists(fs_, "/repo/store/ocfl_1.1.md"));
  EXPECT_THAT(OcflStore::create(fs_, "/repo/store", "/repo/staging"),
              StatusIs(StatusCode::kAlreadyExists));
  EXPECT_THAT(OcflStore::open(fs_, "/nowhere", "/repo/staging"), StatusIs(StatusCode::kNotFound));
}

TEST_F(OcflStoreTest, CreateReadAndVersion) {
  ASSERT_OK_AND_ASSIGN(int v1, create("ark:/99999/m1", {{"record.json", "{}"}, {"files/a.txt", "A"}}));
  EXPECT_EQ(v1, 1);
  EXPECT_TRUE(store_->object_exists("ark:/99999/m1"));
  EXPECT_TRUE(path_exists(fs_, "/repo/store/" + object_path_for("ark:/99999/m1") + "/0=ocfl_object_1.1"));
  EXPECT_EQ(*store_->read("ark:/99999/m1", "files/a.txt"), "A");

  NewVersion update;
  update.object_id = "ark:/99999/m1";
  update.expected_head = 1;
  update.message = "edit";
  update.add_bytes("files/a.txt", "A2");        // replace
  update.add_bytes("files/b.txt", "B");         // add
  update.rename("record.json", "meta.json");    // rename
  ASSERT_OK_AND_ASSIGN(int v2, store_->commit(update));
  EXPECT_EQ(v2, 2);

  NewVersion removal;
  removal.object_id = "ark:/99999/m1";
  removal.expected_head = 2;
  removal.remove("files/b.txt");
  ASSERT_OK_AND_ASSIGN(int v3, store_->commit(removal));
  EXPECT_EQ(v3, 3);

  EXPECT_THAT(paths_of("ark:/99999/m1", 1), ElementsAre("files/a.txt", "record.json"));
  EXPECT_THAT(paths_of("ark:/99999/m1", 2), ElementsAre("files/a.txt", "files/b.txt", "meta.json"));
  EXPECT_THAT(paths_of("ark:/99999/m1"), ElementsAre("files/a.txt", "meta.json"));
  EXPECT_EQ(*store_->read("ark:/99999/m1", "files/a.txt", 1), "A");
  EXPECT_EQ(*store_->read("ark:/99999/m1", "files/a.txt", 2), "A2");
  EXPECT_THAT(store_->read("ark:/99999/m1", "files/b.txt", 3), StatusIs(StatusCode::kNotFound));
  EXPECT_THAT(store_->read("ark:/99999/m1", "files/a.txt", 9), StatusIs(StatusCode::kNotFound));
  ASSERT_OK_AND_ASSIGN(auto versions, store_->versions("ark:/99999/m1"));
  ASSERT_EQ(versions.size(), 3u);
  EXPECT_EQ(versions[0].message, "ingest");
  EXPECT_EQ(versions[1].message, "edit");
  EXPECT_EQ(versions[0].user_name, "Test");
}

TEST_F(OcflStoreTest, ContentIsStoredOncePerObject) {
  std::string big(100000, 'x');
  ASSERT_THAT(create("ark:/99999/m2", {{"files/a", big}, {"files/b", big}}), IsOk());
  NewVersion update;
  update.object_id = "ark:/99999/m2";
  update.expected_head = 1;
  update.add_bytes("files/c", big);
  update.add_bytes("files/d", "new");
  ASSERT_THAT(store_->commit(update), IsOk());
  ASSERT_OK_AND_ASSIGN(Inventory inventory, store_->inventory("ark:/99999/m2"));
  EXPECT_EQ(inventory.manifest.size(), 2u) << "two distinct contents, stored once each";
  std::string object = store_->object_root("ark:/99999/m2");
  EXPECT_FALSE(path_exists(fs_, object + "/v2/content/files/c"));
  EXPECT_TRUE(path_exists(fs_, object + "/v2/content/files/d"));
  EXPECT_EQ(*store_->read("ark:/99999/m2", "files/c"), big);
}

TEST_F(OcflStoreTest, VersionWithNoNewContentHasNoContentDirectory) {
  ASSERT_THAT(create("ark:/99999/m3", {{"a", "1"}}), IsOk());
  NewVersion update;
  update.object_id = "ark:/99999/m3";
  update.expected_head = 1;
  update.rename("a", "b");
  ASSERT_THAT(store_->commit(update), IsOk());
  EXPECT_FALSE(path_exists(fs_, store_->object_root("ark:/99999/m3") + "/v2/content"));
}

TEST_F(OcflStoreTest, ConflictingWritersAreRefused) {
  ASSERT_THAT(create("ark:/99999/m4", {{"a", "1"}}), IsOk());
  EXPECT_THAT(create("ark:/99999/m4", {{"a", "1"}}), StatusIs(StatusCode::kAlreadyExists));
  NewVersion first;
  first.object_id = "ark:/99999/m4";
  first.expected_head = 1;
  first.add_bytes("a", "2");
  NewVersion second = first;
  second.add_bytes("a", "3");
  ASSERT_THAT(store_->commit(first), IsOk());
  EXPECT_THAT(store_->commit(second),
              StatusIs(StatusCode::kAborted, HasSubstr("expected head v1 but found v2")));
  EXPECT_EQ(*store_->read("ark:/99999/m4", "a"), "2");
}

TEST_F(OcflStoreTest, ConcurrentWritersNeverCorruptAnObject) {
  ASSERT_THAT(create("ark:/99999/m5", {{"n", "0"}}), IsOk());
  std::atomic<int> successes{0};
  std::atomic<int> conflicts{0};
  std::vector<std::thread> writers;
  for (int t = 0; t < 4; ++t) {
    writers.emplace_back([&, t] {
      for (int attempt = 0; attempt < 10; ++attempt) {
        auto inventory = store_->inventory("ark:/99999/m5");
        if (!inventory) continue;
        NewVersion version;
        version.object_id = "ark:/99999/m5";
        version.expected_head = inventory->head();
        version.add_bytes("n", std::to_string(t) + "-" + std::to_string(attempt));
        auto result = store_->commit(version);
        if (result.has_value()) ++successes;
        if (!result.has_value() && result.error().code() == StatusCode::kAborted) ++conflicts;
      }
    });
  }
  for (auto& writer : writers) writer.join();
  ASSERT_OK_AND_ASSIGN(Inventory inventory, store_->inventory("ark:/99999/m5"));
  EXPECT_EQ(inventory.head(), 1 + successes.load());
  EXPECT_EQ(successes.load() + conflicts.load(), 40);
  ASSERT_OK_AND_ASSIGN(auto staging, fs_.list_directory("/repo/staging"));
  EXPECT_TRUE(staging.empty()) << "no staging left behind";
}

TEST_F(OcflStoreTest, BadChangesNameTheProblem) {
  NewVersion version;
  version.object_id = "ark:/99999/m6";
  version.add_bytes("../escape", "x");
  EXPECT_THAT(store_->commit(version), StatusIs(StatusCode::kInvalidArgument, HasSubstr("..")));
  NewVersion missing;
  missing.object_id = "ark:/99999/m6";
  missing.add_file("files/a", "/does/not/exist");
  EXPECT_THAT(store_->commit(missing), StatusIs(StatusCode::kNotFound, HasSubstr("files/a")));
  NewVersion conflict;
  conflict.object_id = "ark:/99999/m6";
  conflict.add_bytes("a", "1");
  conflict.add_bytes("a/b", "2");
  EXPECT_THAT(store_->commit(conflict), StatusIs(StatusCode::kInvalidArgument, HasSubstr("conflicts")));
  NewVersion remove_missing;
  remove_missing.object_id = "ark:/99999/m6";
  remove_missing.remove("nothing");
  EXPECT_THAT(store_->commit(remove_missing), StatusIs(StatusCode::kInvalidArgument));
  EXPECT_FALSE(store_->object_exists("ark:/99999/m6"));
  ASSERT_OK_AND_ASSIGN(auto staging, fs_.list_directory("/repo/staging"));
  EXPECT_TRUE(staging.empty());
}

TEST_F(OcflStoreTest, AddFileStreamsFromAnotherFileSystem) {
  MemoryFileSystem source;
  std::string big(3 << 20, 'q');
  ASSERT_OK(create_directories(source, "/in"));
  ASSERT_OK(write_file(source, "/in/big.bin", big));
  NewVersion version;
  version.object_id = "ark:/99999/m7";
  version.add_file("files/big.bin", "/in/big.bin", &source);
  ASSERT_THAT(store_->commit(version), IsOk());
  ASSERT_OK_AND_ASSIGN(auto files, store_->files("ark:/99999/m7"));
  ASSERT_EQ(files.size(), 1u);
  EXPECT_EQ(files[0].size, big.size());
  EXPECT_EQ(*store_->read("ark:/99999/m7", "files/big.bin"), big);
}

TEST_F(OcflStoreTest, GroupCommitGivesEachVersionItsOwnOutcome) {
  ASSERT_THAT(create("ark:/99999/g1", {{"a", "1"}}), IsOk());
  ASSERT_THAT(create("ark:/99999/g2", {{"a", "1"}}), IsOk());
  ASSERT_THAT(create("ark:/99999/g0", {{"a", "1"}}), IsOk());
  std::vector<NewVersion> group(5);
  group[0].object_id = "ark:/99999/g1";  // an update
  group[0].expected_head = 1;
  group[0].add_bytes("a", "2");
  group[1].object_id = "ark:/99999/g3";  // a new object, sharing content inside itself
  group[1].add_bytes("x", "same");
  group[1].add_bytes("y", "same");
  group[2].object_id = "ark:/99999/g2";  // a stale writer
  group[2].expected_head = 2;
  group[2].add_bytes("a", "3");
  group[3].object_id = "ark:/99999/g1";  // the same object twice
  group[3].expected_head = 2;
  group[3].add_bytes("a", "4");
  group[4].object_id = "ark:/99999/g0";  // an object that exists
  group[4].add_bytes("a", "5");
  auto results = store_->commit_all(group);
  ASSERT_EQ(results.size(), 5u);
  EXPECT_THAT(results[0], IsOk());
  EXPECT_EQ(results[0].value_or(0), 2);
  EXPECT_EQ(results[1].value_or(0), 1);
  EXPECT_THAT(results[2], StatusIs(StatusCode::kAborted, HasSubstr("expected head v2")));
  EXPECT_THAT(results[3], StatusIs(StatusCode::kInvalidArgument, HasSubstr("twice")));
  EXPECT_THAT(results[4], StatusIs(StatusCode::kAlreadyExists));
  EXPECT_EQ(*store_->read("ark:/99999/g1", "a"), "2");
  EXPECT_EQ(*store_->read("ark:/99999/g2", "a"), "1");
  EXPECT_EQ(*store_->read("ark:/99999/g3", "y"), "same");
  ASSERT_OK_AND_ASSIGN(Inventory inventory, store_->inventory("ark:/99999/g3"));
  EXPECT_EQ(inventory.manifest.size(), 1u);
  ASSERT_OK_AND_ASSIGN(auto staging, fs_.list_directory("/repo/staging"));
  EXPECT_TRUE(staging.empty()) << "no staging left behind";
}

TEST_F(OcflStoreTest, GroupCommitPublishesObjectsThatShareANewTupleDirectory) {
  // Both ids hash to 67e/...: the first object's rename creates 67e/, the second goes deeper.
  std::vector<NewVersion> group(2);
  group[0].object_id = "ark:/99999/t107";
  group[0].add_bytes("a", "107");
  group[1].object_id = "ark:/99999/t134";
  group[1].add_bytes("a", "134");
  ASSERT_EQ(object_path_for(group[0].object_id).substr(0, 4), "67e/");
  ASSERT_EQ(object_path_for(group[1].object_id).substr(0, 4), "67e/");
  auto results = store_->commit_all(group);
  EXPECT_THAT(results[0], IsOk());
  EXPECT_THAT(results[1], IsOk());
  EXPECT_EQ(*store_->read("ark:/99999/t107", "a"), "107");
  EXPECT_EQ(*store_->read("ark:/99999/t134", "a"), "134");
  ASSERT_OK_AND_ASSIGN(auto staging, fs_.list_directory("/repo/staging"));
  EXPECT_TRUE(staging.empty());
}

TEST_F(OcflStoreTest, RecoveryNeverRollsAnObjectBack) {
  // An intent left by a writer that died before its rename, naming a version number that
  // another writer has published since and gone past: recovery must leave the object alone.
  ASSERT_THAT(create("ark:/99999/r1", {{"a", "1"}}), IsOk());
  for (int head = 1; head <= 2; ++head) {
    NewVersion update;
    update.object_id = "ark:/99999/r1";
    update.expected_head = head;
    update.add_bytes("a", std::to_string(head + 1));
    ASSERT_THAT(store_->commit(update), IsOk());
  }
  std::string object = store_->object_root("ark:/99999/r1");
  ASSERT_OK(write_file(fs_, "/repo/staging/dead.intent",
                       R"({"object": ")" + object + R"(", "version": "v2"})"));
  ASSERT_OK(write_file(fs_, "/repo/staging/other.intent",
                       R"([{"object": ")" + object + R"(", "version": "v3", "inventory": "00"}])"));
  store_.reset();
  ASSERT_OK_AND_ASSIGN(store_, OcflStore::open(fs_, "/repo/store", "/repo/staging"));
  ASSERT_OK_AND_ASSIGN(Inventory inventory, store_->inventory("ark:/99999/r1"));
  EXPECT_EQ(inventory.head(), 3);
  EXPECT_EQ(*store_->read("ark:/99999/r1", "a"), "3");
  ASSERT_OK_AND_ASSIGN(auto staging, fs_.list_directory("/repo/staging"));
  EXPECT_TRUE(staging.empty());
}

TEST_F(OcflStoreTest, ListsObjectIds) {
  ASSERT_THAT(create("ark:/99999/b", {{"a", "1"}}), IsOk());
  ASSERT_THAT(create("ark:/99999/a", {{"a", "1"}}), IsOk());
  EXPECT_THAT(*store_->object_ids(), ElementsAre("ark:/99999/a", "ark:/99999/b"));
}

}  // namespace
}  // namespace mura::storage
