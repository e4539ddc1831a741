#include "service/repository.h"

#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "base/posix_file_system.h"
#include "base/testing/status_matchers.h"

namespace mura::service {
namespace {

using ::mura::testing::StatusIs;
using ::testing::HasSubstr;

class RepositoryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = std::filesystem::temp_directory_path() /
            ("mura-repo-" + std::to_string(::getpid()) + "-" +
             ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(root_);
    std::filesystem::create_directories(root_);
    auto repository = Repository::init(default_file_system(), (root_ / "repo").string(), {});
    ASSERT_THAT(repository, testing::IsOk());
    repository_ = std::move(*repository);
    std::ofstream(root_ / "scan.png", std::ios::binary)
        << std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x02\0\0\0", 29);
  }
  void TearDown() override {
    repository_.reset();
    std::filesystem::remove_all(root_);
  }
  static record::Record letter() {
    record::Record draft;
    draft.kind = record::Kind::kArchivalUnit;
    draft.level = "item";
    draft.fields["title"] = {{"kk", "Хат"}, {"en", "A letter"}};
    draft.fields["date"] = {{"", "1916"}};
    draft.fields["reference_code"] = {{"", "KZ-ERT-212/1/7"}};
    return draft;
  }

  std::filesystem::path root_;
  std::unique_ptr<Repository> repository_;
  Actor actor_{"alice", "mailto:alice@example.kz"};
};

TEST_F(RepositoryTest, InitRefusesAnExistingRepositoryAndOpenNamesAMissingOne) {
  EXPECT_THAT(Repository::init(default_file_system(), (root_ / "repo").string(), {}),
              StatusIs(StatusCode::kAlreadyExists));
  EXPECT_THAT(Repository::open(default_file_system(), (root_ / "none").string()),
              StatusIs(StatusCode::kNotFound, HasSubstr("mura init")));
  RepositoryConfig bad;
  bad.naan = "12";
  EXPECT_THAT(Repository::init(default_file_system(), (root_ / "other").string(), bad),
              StatusIs(StatusCode::kInvalidArgument, HasSubstr("NAAN")));
}

TEST_F(RepositoryTest, CreateUpdateAndWithdrawKeepEveryVersion) {
  ASSERT_OK_AND_ASSIGN(record::Record created,
                       repository_->create_record(letter(), {{"scan.png", (root_ / "scan.png").string(), nullptr, "page 1"}},
                                                  actor_, "first deposit"));
  EXPECT_TRUE(created.id.starts_with("ark:/99999/m"));
  EXPECT_EQ(created.version, 1);
  ASSERT_EQ(created.files.size(), 1u);
  EXPECT_EQ(created.files[0].media_type, "image/png");
  EXPECT_EQ(created.files[0].puid, "fmt/13");
  EXPECT_EQ(created.files[0].label, "page 1");

  record::Record edited = created;
  edited.fields["title"] = {{"kk", "Абай хаты"}};
  ASSERT_OK_AND_ASSIGN(record::Record updated,
                       repository_->update_record(created.id, 1, edited, {}, actor_, "title"));
  EXPECT_EQ(updated.version, 2);
  EXPECT_EQ(updated.files.size(), 1u) << "files carry over";
  EXPECT_THAT(repository_->update_record(created.id, 1, edited, {}, actor_, "stale"),
              StatusIs(StatusCode::kAborted, HasSubstr("expected head v1 but found v2")));

  ASSERT_OK_AND_ASSIGN(record::Record withdrawn,
                       repository_->delete_record(created.id, 2, actor_, "duplicate"));
  EXPECT_TRUE(withdrawn.deleted);
  EXPECT_TRUE(withdrawn.files.empty());
  ASSERT_OK_AND_ASSIGN(record::Record first, repository_->read_record(created.id, 1));
  EXPECT_EQ(first.first_value("title", "kk"), "Хат");
  EXPECT_EQ(first.files.size(), 1u);
  ASSERT_OK_AND_ASSIGN(auto events, repository_->read_events(created.id));
  ASSERT_EQ(events.size(), 3u);
  EXPECT_EQ(events[0].type, "ingestion");
  EXPECT_EQ(events[1].type, "modification");
  EXPECT_EQ(events[2].type, "deletion");
  EXPECT_EQ(events[0].agent, "mura/0.1 user:alice");
  ASSERT_OK_AND_ASSIGN(auto cataloged, repository_->catalog().get_record(created.id));
  ASSERT_TRUE(cataloged.has_value());
  EXPECT_TRUE(cataloged->deleted);
  EXPECT_THAT(repository_->update_record(created.id, 3, edited, {}, actor_, "x"),
              StatusIs(StatusCode::kFailedPrecondition));
}

TEST_F(RepositoryTest, InvalidRecordsAreRefusedWithEveryProblem) {
  record::Record draft = letter();
  draft.fields.erase("title");
  draft.fields["date"] = {{"", "someday"}};
  auto result = repository_->create_record(draft, {}, actor_, "");
  EXPECT_THAT(result, StatusIs(StatusCode::kInvalidArgument, HasSubstr("title")));
  EXPECT_THAT(result, StatusIs(StatusCode::kInvalidArgument, HasSubstr("someday")));
  ASSERT_OK_AND_ASSIGN(auto ids, repository_->store().object_ids());
  EXPECT_TRUE(ids.empty());
}

}  // namespace
}  // namespace mura::service
