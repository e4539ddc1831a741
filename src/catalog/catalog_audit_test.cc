// The catalog as the audit log's store, on every backend: the chain holds under concurrent
// appends, pages, survives clear() and joins an open batch.
#include <thread>

#include "access/audit_log.h"
#include "base/testing/status_matchers.h"
#include "catalog/catalog.h"
#include "catalog/catalog_testing.h"

namespace mura::catalog {
namespace {

using ::mura::testing::IsOk;
using test_support::Backend;
using test_support::kBackends;
using test_support::TempDirectory;

class CatalogAuditTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    ASSERT_FALSE(directory_.path().empty());
    auto opened = GetParam().open(directory_.path(), "catalog");
    ASSERT_THAT(opened, IsOk());
    catalog_ = std::move(opened).value();
  }
  TempDirectory directory_;
  std::unique_ptr<Catalog> catalog_;
};

TEST_P(CatalogAuditTest, ConcurrentAppendsMakeOneChain) {
  access::AuditLog log(catalog_->audit());
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&log, t] {
      for (int i = 0; i < 50; ++i) {
        EXPECT_THAT(
            log.append("user" + std::to_string(t), "read", "ark:/99999/m" + std::to_string(i), ""),
            IsOk());
      }
    });
  }
  for (auto& thread : threads) thread.join();
  ASSERT_OK_AND_ASSIGN(auto verification, log.verify());
  EXPECT_TRUE(verification.intact) << verification.problem;
  EXPECT_EQ(verification.entries, 200);

  ASSERT_OK_AND_ASSIGN(auto newest, catalog_->audit().recent_audit_entries(0, 3));
  ASSERT_EQ(newest.size(), 3u);
  EXPECT_EQ(newest[0].sequence, 200);
  EXPECT_EQ(newest[0].hash, verification.head_hash);
  ASSERT_OK_AND_ASSIGN(auto older, catalog_->audit().recent_audit_entries(3, 10));
  ASSERT_EQ(older.size(), 2u);
  EXPECT_EQ(older[0].sequence, 2);
  ASSERT_OK_AND_ASSIGN(auto oldest, catalog_->audit().audit_entries(198, 10));
  ASSERT_EQ(oldest.size(), 2u);
  EXPECT_EQ(oldest[1].sequence, 200);

  ASSERT_OK(catalog_->clear());
  ASSERT_OK_AND_ASSIGN(verification, log.verify());
  EXPECT_EQ(verification.entries, 200) << "clear() keeps the audit log";
}

TEST_P(CatalogAuditTest, EntriesJoinAnOpenBatch) {
  access::AuditLog log(catalog_->audit());
  ASSERT_OK(log.append("a", "read", "x", ""));
  ASSERT_OK(catalog_->begin_batch());
  ASSERT_OK(log.append("a", "modification", "x", ""));
  ASSERT_OK_AND_ASSIGN(auto during, log.verify());
  EXPECT_EQ(during.entries, 2) << "seen at once by this process";
  ASSERT_OK(catalog_->rollback_batch());
  ASSERT_OK_AND_ASSIGN(auto after, log.verify());
  EXPECT_EQ(after.entries, 1);
  ASSERT_OK_AND_ASSIGN(auto entry, log.append("a", "modification", "x", ""));
  EXPECT_EQ(entry.sequence, 2) << "the chain goes on from what was committed";
  EXPECT_TRUE(after.intact);
}

INSTANTIATE_TEST_SUITE_P(Backends, CatalogAuditTest, ::testing::ValuesIn(kBackends),
                         [](const ::testing::TestParamInfo<Backend>& backend) {
                           return backend.param.name;
                         });

}  // namespace
}  // namespace mura::catalog
