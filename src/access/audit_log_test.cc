#include "access/audit_log.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "access/testing/memory_audit_store.h"
#include "base/testing/status_matchers.h"

namespace mura::access {
namespace {

using ::mura::testing::StatusIs;
using ::testing::HasSubstr;

class AuditLogTest : public ::testing::Test {
 protected:
  AuditLogTest() : log_(store_, [this] { return now_; }) {}

  void append_some(int count) {
    for (int i = 0; i < count; ++i) {
      ASSERT_OK(log_.append("alice", i % 2 == 0 ? "modification" : "read",
                            "ark:/99999/m" + std::to_string(i), "version " + std::to_string(i)));
    }
  }

  std::chrono::system_clock::time_point now_ =
      std::chrono::sys_days(std::chrono::year(2026) / 11 / 28) + std::chrono::hours(9);
  test_support::MemoryAuditStore store_;
  AuditLog log_;
};

TEST_F(AuditLogTest, EntriesChainTheirHashes) {
  ASSERT_OK_AND_ASSIGN(auto first, log_.append("alice", "ingestion", "ark:/99999/mx", "created"));
  ASSERT_OK_AND_ASSIGN(auto second, log_.append("", "read", "ark:/99999/mx", "version 1"));
  EXPECT_EQ(first.sequence, 1);
  EXPECT_EQ(first.time, "2026-11-28T09:00:00Z");
  EXPECT_EQ(first.previous_hash, kGenesisHash);
  EXPECT_EQ(first.hash, audit_entry_hash(first));
  EXPECT_EQ(first.hash.size(), 64u);
  EXPECT_EQ(second.sequence, 2);
  EXPECT_EQ(second.actor, "anonymous");
  EXPECT_EQ(second.previous_hash, first.hash);
  EXPECT_THAT(log_.append("alice", "", "x", ""), StatusIs(StatusCode::kInvalidArgument));

  // The hash covers every field: changing any one changes it.
  auto changed = first;
  for (auto field : {&AuditEntry::time, &AuditEntry::actor, &AuditEntry::action,
                     &AuditEntry::target, &AuditEntry::detail, &AuditEntry::previous_hash}) {
    changed = first;
    changed.*field += "x";
    EXPECT_NE(audit_entry_hash(changed), first.hash);
  }
  changed = first;
  changed.sequence = 7;
  EXPECT_NE(audit_entry_hash(changed), first.hash);
  // Fields do not run into each other.
  AuditEntry a = first, b = first;
  a.actor = "ab";
  a.action = "c";
  b.actor = "a";
  b.action = "bc";
  EXPECT_NE(audit_entry_hash(a), audit_entry_hash(b));
}

TEST_F(AuditLogTest, VerifyFindsTheFirstBrokenEntry) {
  append_some(2500);
  ASSERT_OK_AND_ASSIGN(auto intact, log_.verify());
  EXPECT_TRUE(intact.intact);
  EXPECT_EQ(intact.entries, 2500);
  EXPECT_EQ(intact.head_hash, store_.entries().back().hash);
  EXPECT_FALSE(intact.first_broken.has_value());

  struct Case {
    const char* name;
    std::function<void(std::vector<AuditEntry>&)> tamper;
    std::int64_t first_broken;
    const char* problem;
  } cases[] = {
      {"a detail changed", [](auto& entries) { entries[1500].detail = "nothing happened"; }, 1501,
       "its own hash"},
      {"an entry changed and rehashed",
       [](auto& entries) {
         entries[1200].actor = "mallory";
         entries[1200].hash = audit_entry_hash(entries[1200]);
       },
       1202, "the hash of the entry before"},
      {"an entry removed", [](auto& entries) { entries.erase(entries.begin() + 999); }, 1001,
       "missing"},
      {"the first entry removed", [](auto& entries) { entries.erase(entries.begin()); }, 2,
       "missing"},
      {"an entry inserted",
       [](auto& entries) {
         AuditEntry forged = entries[10];
         forged.detail = "forged";
         forged.hash = audit_entry_hash(forged);
         entries.insert(entries.begin() + 11, forged);
       },
       11, "inserted"},
      {"renumbered after a removal",
       [](auto& entries) {
         entries.erase(entries.begin() + 5);
         for (std::size_t i = 5; i < entries.size(); ++i) {
           entries[i].sequence -= 1;
           entries[i].hash = audit_entry_hash(entries[i]);
         }
       },
       6, "the hash of the entry before"},
  };
  const auto original = store_.entries();
  for (const auto& test : cases) {
    SCOPED_TRACE(test.name);
    store_.entries() = original;
    test.tamper(store_.entries());
    ASSERT_OK_AND_ASSIGN(auto result, log_.verify());
    EXPECT_FALSE(result.intact);
    EXPECT_EQ(result.first_broken, test.first_broken);
    EXPECT_THAT(result.problem, HasSubstr(test.problem));
    EXPECT_LE(result.entries, test.first_broken);
  }
}

TEST_F(AuditLogTest, PagesRunNewestFirst) {
  append_some(25);
  std::vector<std::int64_t> seen;
  std::string cursor;
  for (int pages = 0; pages < 10; ++pages) {
    ASSERT_OK_AND_ASSIGN(auto page, log_.page(cursor, 10));
    for (const auto& entry : page.items) seen.push_back(entry.sequence);
    if (page.next_cursor.empty()) break;
    cursor = page.next_cursor;
  }
  ASSERT_EQ(seen.size(), 25u);
  EXPECT_EQ(seen.front(), 25);
  EXPECT_EQ(seen.back(), 1);
  EXPECT_TRUE(std::is_sorted(seen.rbegin(), seen.rend()));
  for (const char* bad : {"x", "-1", "0", "12abc"}) {
    EXPECT_THAT(log_.page(bad, 10), StatusIs(StatusCode::kInvalidArgument)) << bad;
  }
  EXPECT_THAT(log_.page("", 0), StatusIs(StatusCode::kInvalidArgument));
  EXPECT_THAT(log_.page("", kMaxAuditPage + 1), StatusIs(StatusCode::kInvalidArgument));
}

TEST_F(AuditLogTest, ExportsPremisEvents) {
  std::string empty;
  ASSERT_OK(log_.export_premis([&](std::string_view text) { empty += text; }));
  EXPECT_EQ(nlohmann::json::parse(empty), nlohmann::json::array());

  ASSERT_OK(log_.append("alice", "ingestion", "ark:/99999/mx", "version 1: created"));
  ASSERT_OK(log_.append("bek", "read", "ark:/99999/mx", "version 1"));
  ASSERT_OK(log_.append("root", "user.add", "user:bek", "roles: reader"));
  append_some(1100);
  std::string text;
  EXPECT_THAT(log_.export_premis([&](std::string_view part) { text += part; }),
              ::testing::Optional(1103));
  auto events = nlohmann::json::parse(text, nullptr, false);
  ASSERT_TRUE(events.is_array()) << text.substr(0, 200);
  ASSERT_EQ(events.size(), 1103u);
  const auto& first = events[0];
  EXPECT_EQ(first["eventIdentifier"]["eventIdentifierValue"], "1");
  EXPECT_EQ(first["eventType"], "ingestion");
  EXPECT_EQ(first["eventDateTime"], "2026-11-28T09:00:00Z");
  EXPECT_EQ(first["eventDetailInformation"][0]["eventDetail"], "version 1: created");
  EXPECT_EQ(first["linkingAgentIdentifier"][0]["linkingAgentIdentifierValue"], "alice");
  EXPECT_EQ(first["linkingObjectIdentifier"][0]["linkingObjectIdentifierType"], "ARK");
  EXPECT_EQ(first["mura:previousHash"], kGenesisHash);
  EXPECT_EQ(events[1]["eventType"], "dissemination");
  EXPECT_EQ(events[1]["mura:previousHash"], first["mura:hash"]);
  EXPECT_EQ(events[2]["eventType"], "mura:user.add");
  EXPECT_EQ(events[2]["linkingObjectIdentifier"][0]["linkingObjectIdentifierType"], "mura");
  EXPECT_EQ(events[1102]["eventIdentifier"]["eventIdentifierValue"], "1103");
}

TEST_F(AuditLogTest, RecordsAccountChanges) {
  auto record = log_.recorder();
  ASSERT_OK(record("root", "user.grant", "user:ana", "admin"));
  ASSERT_EQ(store_.entries().size(), 1u);
  EXPECT_EQ(store_.entries()[0].action, "user.grant");
  EXPECT_THAT(record("root", "", "user:ana", ""), StatusIs(StatusCode::kInvalidArgument));
}

}  // namespace
}  // namespace mura::access
