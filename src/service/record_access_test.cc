// The read path and the write hooks of access: read_visible_record() and may_see() decide with
// the catalog's stored requirements, non-public reads and every write reach the audit log.
#include "service/record_access.h"

#include <unistd.h>

#include <filesystem>

#include "access/audit_log.h"
#include "base/posix_file_system.h"
#include "base/testing/status_matchers.h"
#include "service/access_hooks.h"

namespace mura::service {
namespace {

using ::mura::testing::StatusIs;
using ::testing::HasSubstr;

constexpr std::string_view kToday = "2026-11-28";

class RecordAccessTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = std::filesystem::temp_directory_path() /
            ("mura-access-" + std::to_string(::getpid()) + "-" +
             ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(root_);
    auto repository = Repository::init(default_file_system(), (root_ / "repo").string(), {});
    ASSERT_TRUE(repository.has_value()) << repository.error().to_string();
    repository_ = std::move(*repository);
    record::Record collection;
    collection.kind = record::Kind::kCollection;
    collection.fields["title"] = {{"kk", "Қор"}};
    ASSERT_OK_AND_ASSIGN(auto created, repository_->create_record(collection, {}, actor_, ""));
    collection_ = created.id;
  }
  void TearDown() override {
    repository_.reset();
    std::filesystem::remove_all(root_);
  }

  record::Record item(record::AccessLevel level, const std::string& title = "Хат") const {
    record::Record draft;
    draft.kind = record::Kind::kArchivalUnit;
    draft.level = "item";
    draft.parent = collection_;
    draft.fields["title"] = {{"kk", title}};
    draft.fields["reference_code"] = {{"", "KZ-1/1/" + title}};
    draft.access.metadata = level;
    draft.access.files = level;
    if (level == record::AccessLevel::kRestricted) draft.access.groups = {"staff"};
    return draft;
  }

  std::vector<access::AuditEntry> audit() {
    auto entries = repository_->catalog().audit().audit_entries(0, 1000);
    return entries ? *entries : std::vector<access::AuditEntry>{};
  }

  std::filesystem::path root_;
  std::unique_ptr<Repository> repository_;
  std::string collection_;
  Actor actor_{"alice", ""};
};

TEST_F(RecordAccessTest, EveryWriteIsAudited) {
  ASSERT_OK_AND_ASSIGN(auto created, repository_->create_record(item(record::AccessLevel::kPublic),
                                                                {}, actor_, "first"));
  record::Record edited = created;
  edited.fields["title"] = {{"kk", "Абай хаты"}};
  ASSERT_OK(repository_->update_record(created.id, 1, edited, {}, actor_, "title"));
  ASSERT_OK(repository_->delete_record(created.id, 2, actor_, "duplicate"));
  const auto entries = audit();
  ASSERT_EQ(entries.size(), 4u) << "the collection and three writes of the item";
  EXPECT_EQ(entries[1].action, "ingestion");
  EXPECT_EQ(entries[1].actor, "alice");
  EXPECT_EQ(entries[1].target, created.id);
  EXPECT_EQ(entries[1].detail, "version 1: first");
  EXPECT_EQ(entries[2].action, "modification");
  EXPECT_EQ(entries[2].detail, "version 2: title");
  EXPECT_EQ(entries[3].action, "deletion");
  EXPECT_EQ(entries[3].detail, "version 3: withdrawn: duplicate");
  access::AuditLog log(repository_->catalog().audit());
  ASSERT_OK_AND_ASSIGN(auto verification, log.verify());
  EXPECT_TRUE(verification.intact);
}

TEST_F(RecordAccessTest, ReadsDecideWithStoredRequirementsAndAuditWhatIsNotPublic) {
  ASSERT_OK_AND_ASSIGN(auto open, repository_->create_record(
                                      item(record::AccessLevel::kPublic, "a"), {}, actor_, ""));
  ASSERT_OK_AND_ASSIGN(
      auto staff,
      repository_->create_record(item(record::AccessLevel::kRestricted, "b"), {}, actor_, ""));
  ASSERT_OK_AND_ASSIGN(auto closed, repository_->create_record(
                                        item(record::AccessLevel::kClosed, "c"), {}, actor_, ""));
  const std::size_t writes = audit().size();
  const auto anonymous = access::Caller::anonymous();
  const auto member = access::Caller::registered_user("bek", {"staff"});
  auto curator = access::Caller::registered_user("cura", {});
  curator.curated_collections = {collection_};

  ASSERT_OK_AND_ASSIGN(auto visible, read_visible_record(*repository_, open.id, anonymous, kToday));
  EXPECT_EQ(visible.collection, collection_);
  EXPECT_TRUE(visible.files_visible);
  EXPECT_EQ(audit().size(), writes) << "public reads are not audited";

  EXPECT_THAT(read_visible_record(*repository_, staff.id, anonymous, kToday),
              StatusIs(StatusCode::kNotFound, "no record " + staff.id));
  EXPECT_THAT(read_visible_record(*repository_, closed.id, member, kToday),
              StatusIs(StatusCode::kNotFound));
  EXPECT_THAT(read_visible_record(*repository_, "ark:/99999/nothing", curator, kToday),
              StatusIs(StatusCode::kNotFound));
  EXPECT_EQ(audit().size(), writes) << "refused reads are not reads";

  ASSERT_OK(read_visible_record(*repository_, staff.id, member, kToday));
  ASSERT_OK_AND_ASSIGN(auto older,
                       read_visible_record(*repository_, closed.id, curator, kToday, 1));
  EXPECT_EQ(older.record.version, 1);
  EXPECT_THAT(read_visible_record(*repository_, closed.id, curator, kToday, 7),
              StatusIs(StatusCode::kNotFound, HasSubstr("no version 7")));
  auto entries = audit();
  ASSERT_EQ(entries.size(), writes + 2);
  EXPECT_EQ(entries[writes].action, "read");
  EXPECT_EQ(entries[writes].actor, "bek");
  EXPECT_EQ(entries[writes].target, staff.id);
  EXPECT_EQ(entries[writes].detail, "metadata, version 1");
  EXPECT_EQ(entries[writes + 1].actor, "cura");

  EXPECT_TRUE(may_see(*repository_, staff.id, member, kToday));
  EXPECT_FALSE(may_see(*repository_, staff.id, anonymous, kToday));
  EXPECT_FALSE(may_see(*repository_, "ark:/99999/nothing", anonymous, kToday));
  EXPECT_EQ(audit().size(), writes + 2) << "may_see is a check, not a read";

  ASSERT_OK(audit_file_read(*repository_, visible, anonymous, "scan.png", kToday));
  EXPECT_EQ(audit().size(), writes + 2) << "public files are not audited";
  ASSERT_OK_AND_ASSIGN(auto staff_visible,
                       read_visible_record(*repository_, staff.id, member, kToday));
  ASSERT_OK(audit_file_read(*repository_, staff_visible, member, "scan.png", kToday));
  entries = audit();
  EXPECT_EQ(entries.back().detail, "file scan.png, version 1");
}

TEST_F(RecordAccessTest, ClosureSettingsOfTheCatalogGovernTheReadPath) {
  record::Record personal = item(record::AccessLevel::kPublic);
  personal.access.personal_data = true;
  personal.fields["date"] = {{"", "1990"}};
  ASSERT_OK_AND_ASSIGN(auto created, repository_->create_record(personal, {}, actor_, ""));
  const auto anonymous = access::Caller::anonymous();
  EXPECT_FALSE(may_see(*repository_, created.id, anonymous, kToday));
  ASSERT_OK(repository_->catalog().set_closure_years(collection_, 20));
  EXPECT_TRUE(may_see(*repository_, created.id, anonymous, kToday));
  EXPECT_EQ(requirements_of(*repository_, created, collection_).metadata.open_from, "2011-01-01");
  ASSERT_OK_AND_ASSIGN(auto collection, collection_of(*repository_, created.id));
  EXPECT_EQ(collection, collection_);
  EXPECT_THAT(collection_of(*repository_, "ark:/99999/nothing"), StatusIs(StatusCode::kNotFound));
}

TEST_F(RecordAccessTest, PersonalDataIsHeldForReviewUntilACuratorDecides) {
  record::Record draft = item(record::AccessLevel::kPublic, "d");
  draft.fields["description"] = {{"ru", "Заявитель: ИИН 870412300416, тел. 8 701 123 45 67"}};
  ASSERT_OK_AND_ASSIGN(auto created, repository_->create_record(draft, {}, actor_, "deposit"));
  EXPECT_TRUE(created.access.review_pending) << "flagged in the stored record.json";
  const auto anonymous = access::Caller::anonymous();
  auto curator = access::Caller::registered_user("cura", {});
  curator.curated_collections = {collection_};
  EXPECT_FALSE(may_see(*repository_, created.id, anonymous, kToday)) << "not public until reviewed";
  EXPECT_TRUE(may_see(*repository_, created.id, curator, kToday));

  // An edit that sends the flag back cleared does not clear it.
  record::Record edited = created;
  edited.fields["title"] = {{"kk", "Өтініш"}};
  edited.access.review_pending = false;
  ASSERT_OK_AND_ASSIGN(auto updated,
                       repository_->update_record(created.id, 1, edited, {}, actor_, "title"));
  EXPECT_TRUE(updated.access.review_pending);

  catalog::ListFilter flagged;
  flagged.review_pending = true;
  flagged.visibility = catalog::Visibility::of(curator, std::string(kToday));
  EXPECT_THAT(repository_->catalog().count(flagged), ::testing::Optional(1));

  Actor reviewer{"cura", ""};
  ASSERT_OK_AND_ASSIGN(auto cleared, review_personal_data(*repository_, created.id,
                                                          ReviewDecision::kClear, reviewer));
  EXPECT_FALSE(cleared.access.review_pending);
  EXPECT_FALSE(cleared.access.personal_data);
  EXPECT_TRUE(may_see(*repository_, created.id, anonymous, kToday));
  EXPECT_THAT(repository_->catalog().count(flagged), ::testing::Optional(0));
  EXPECT_THAT(review_personal_data(*repository_, created.id, ReviewDecision::kClear, reviewer),
              StatusIs(StatusCode::kFailedPrecondition, HasSubstr("not waiting")));
  const auto entries = audit();
  EXPECT_EQ(entries.back().action, "review");
  EXPECT_EQ(entries.back().actor, "cura");
  EXPECT_EQ(entries.back().detail, "clear, version 3");
  EXPECT_EQ(entries[entries.size() - 2].detail, "version 3: personal-data review: clear");

  // Editing the reviewed record does not flag it again; new personal data does.
  record::Record again = cleared;
  again.fields["title"] = {{"kk", "Өтініш, 1990"}};
  ASSERT_OK_AND_ASSIGN(auto kept, repository_->update_record(created.id, 3, again, {}, actor_, ""));
  EXPECT_FALSE(kept.access.review_pending);
  again.fields["description"][0].value += " e-mail: ana@example.kz";
  ASSERT_OK_AND_ASSIGN(auto reflagged,
                       repository_->update_record(created.id, 4, again, {}, actor_, ""));
  EXPECT_TRUE(reflagged.access.review_pending);
  ASSERT_OK_AND_ASSIGN(auto restricted, review_personal_data(*repository_, created.id,
                                                             ReviewDecision::kRestrict, reviewer));
  EXPECT_TRUE(restricted.access.personal_data);
  EXPECT_FALSE(may_see(*repository_, created.id, anonymous, kToday))
      << "personal data without a date stays closed";

  EXPECT_EQ(parse_review_decision("restrict"), ReviewDecision::kRestrict);
  EXPECT_EQ(parse_review_decision("approve"), std::nullopt);
}

}  // namespace
}  // namespace mura::service
