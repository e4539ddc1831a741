#include "access/policy.h"

#include <gtest/gtest.h>

namespace mura::access {
namespace {

using record::AccessLevel;

record::AccessPolicy policy(AccessLevel metadata, AccessLevel files,
                            std::vector<std::string> groups = {}) {
  record::AccessPolicy result;
  result.metadata = metadata;
  result.files = files;
  result.groups = std::move(groups);
  return result;
}

Caller curator_of(const std::string& collection) {
  auto caller = Caller::registered_user("cura", {});
  caller.curated_collections = {collection};
  return caller;
}

Caller administrator() {
  auto caller = Caller::registered_user("root", {});
  caller.administrator = true;
  return caller;
}

constexpr std::string_view kToday = "2026-11-28";
constexpr const char* kCollection = "ark:/99999/mcoll";

struct Case {
  const char* name;
  record::AccessPolicy policy;
  const char* date;
  Caller caller;
  bool metadata;
  bool files;
};

TEST(PolicyTest, DecidesForEveryLevelAndCaller) {
  auto embargoed = policy(AccessLevel::kPublic, AccessLevel::kPublic);
  embargoed.embargo_until = "2027-01-01";
  auto lifted = embargoed;
  lifted.embargo_until = "2026-11-28";
  auto personal = policy(AccessLevel::kPublic, AccessLevel::kPublic);
  personal.personal_data = true;
  auto personal_short = personal;
  personal_short.closure_years = 10;
  auto pending = policy(AccessLevel::kPublic, AccessLevel::kPublic);
  pending.review_pending = true;
  const auto anonymous = Caller::anonymous();
  const auto reader = Caller::registered_user("ana", {});
  const auto member = Caller::registered_user("bek", {"staff"});
  const auto curator = curator_of(kCollection);
  const auto other_curator = curator_of("ark:/99999/mother");

  const Case cases[] = {
      {"public to anonymous", policy(AccessLevel::kPublic, AccessLevel::kPublic), "", anonymous,
       true, true},
      {"files registered to anonymous", policy(AccessLevel::kPublic, AccessLevel::kRegistered), "",
       anonymous, true, false},
      {"files registered to reader", policy(AccessLevel::kPublic, AccessLevel::kRegistered), "",
       reader, true, true},
      {"registered to anonymous", policy(AccessLevel::kRegistered, AccessLevel::kPublic), "",
       anonymous, false, false},
      {"restricted to reader",
       policy(AccessLevel::kRestricted, AccessLevel::kRestricted, {"staff"}), "", reader, false,
       false},
      {"restricted to member",
       policy(AccessLevel::kRestricted, AccessLevel::kRestricted, {"staff"}), "", member, true,
       true},
      {"closed to member", policy(AccessLevel::kClosed, AccessLevel::kClosed), "", member, false,
       false},
      {"closed to curator", policy(AccessLevel::kClosed, AccessLevel::kClosed), "", curator, true,
       true},
      {"closed to another collection's curator", policy(AccessLevel::kClosed, AccessLevel::kClosed),
       "", other_curator, false, false},
      {"closed to administrator", policy(AccessLevel::kClosed, AccessLevel::kClosed), "",
       administrator(), true, true},
      {"embargoed files", embargoed, "", anonymous, true, false},
      {"embargo lifted on its day", lifted, "", anonymous, true, true},
      {"personal data inside closure", personal, "1960", anonymous, false, false},
      {"personal data after closure", personal, "1940/1950", anonymous, true, true},
      {"personal data with its own closure", personal_short, "2010", anonymous, true, true},
      {"personal data without a date", personal, "", reader, false, false},
      {"personal data to curator", personal, "1990", curator, true, true},
      {"review pending", pending, "1800", reader, false, false},
      {"review pending to curator", pending, "1800", curator, true, true},
  };
  for (const auto& test : cases) {
    SCOPED_TRACE(test.name);
    const auto required = requirements_for(test.policy, test.date, kCollection, PolicySettings{});
    EXPECT_EQ(allows(test.caller, required.metadata, kToday), test.metadata);
    EXPECT_EQ(allows(test.caller, required.files, kToday), test.files);
  }
}

TEST(PolicyTest, FilesAreNeverLooserThanMetadata) {
  const auto required = requirements_for(
      policy(AccessLevel::kRestricted, AccessLevel::kPublic, {"staff", "staff", "board"}), "", "",
      PolicySettings{});
  EXPECT_EQ(required.files.grants, (std::vector<std::string>{"group:board", "group:staff"}));
  EXPECT_EQ(required.metadata.grants, required.files.grants);
}

TEST(PolicyTest, ClosureEndsOnNewYearAfterThePeriod) {
  auto personal = policy(AccessLevel::kPublic, AccessLevel::kPublic);
  personal.personal_data = true;
  EXPECT_EQ(requirements_for(personal, "1950-05-19", "", PolicySettings{}).metadata.open_from,
            "2026-01-01");
  EXPECT_EQ(requirements_for(personal, "1951", "", PolicySettings{}).metadata.open_from,
            "2027-01-01");
  EXPECT_EQ(requirements_for(personal, "1950/..", "", PolicySettings{}).metadata.open_from, kNever);
  EXPECT_EQ(requirements_for(personal, "not a date", "", PolicySettings{}).metadata.open_from,
            kNever);
  PolicySettings thirty;
  thirty.default_closure_years = 30;
  EXPECT_EQ(requirements_for(personal, "1950", "", thirty).metadata.open_from, "1981-01-01");
}

TEST(PolicyTest, ClosurePeriodComesFromTheRecordThenItsCollectionThenTheDefault) {
  auto personal = policy(AccessLevel::kPublic, AccessLevel::kPublic);
  personal.personal_data = true;
  PolicySettings settings;
  settings.default_closure_years = 50;
  settings.collection_closure_years = {{kCollection, 20}};
  EXPECT_EQ(requirements_for(personal, "1950", kCollection, settings).metadata.open_from,
            "1971-01-01");
  EXPECT_EQ(requirements_for(personal, "1950", "ark:/99999/mother", settings).metadata.open_from,
            "2001-01-01");
  EXPECT_EQ(requirements_for(personal, "1950", "", settings).metadata.open_from, "2001-01-01");
  personal.closure_years = 5;
  EXPECT_EQ(requirements_for(personal, "1950", kCollection, settings).metadata.open_from,
            "1956-01-01");
  EXPECT_EQ(settings.closure_years_for(""), 50);
}

TEST(PolicyTest, EmbargoLaterThanClosureWins) {
  auto both = policy(AccessLevel::kPublic, AccessLevel::kPublic);
  both.personal_data = true;
  both.embargo_until = "2090-06-01";
  const auto required = requirements_for(both, "1950", "", PolicySettings{});
  EXPECT_EQ(required.metadata.open_from, "2026-01-01");
  EXPECT_EQ(required.files.open_from, "2090-06-01");
}

TEST(PolicyTest, TodayIsAnIsoDate) {
  const auto today = today_utc();
  ASSERT_EQ(today.size(), 10u);
  EXPECT_EQ(today[4], '-');
  EXPECT_EQ(today[7], '-');
  EXPECT_GE(today, "2026-01-01");
}

}  // namespace
}  // namespace mura::access
