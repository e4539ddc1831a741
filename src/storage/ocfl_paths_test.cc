#include "storage/ocfl_paths.h"

#include "base/testing/status_matchers.h"

namespace mura::storage {
namespace {

using ::mura::testing::IsOk;
using ::mura::testing::StatusIs;

TEST(OcflPathsTest, VersionDirectories) {
  struct Case {
    std::string_view name;
    std::optional<int> version;
  };
  const Case cases[] = {{"v1", 1},       {"v12", 12},       {"v003", 3},      {"v0", std::nullopt},
                        {"v", std::nullopt}, {"1", std::nullopt}, {"va", std::nullopt},
                        {"v1a", std::nullopt}, {"V1", std::nullopt}, {"", std::nullopt}};
  for (const auto& c : cases) {
    EXPECT_EQ(parse_version_directory(c.name), c.version) << c.name;
  }
  EXPECT_EQ(version_directory(7), "v7");
  EXPECT_EQ(content_path(2, "files/a b.tif"), "v2/content/files/a b.tif");
}

TEST(OcflPathsTest, HashedNTupleLayoutMatchesTheExtensionExamples) {
  // Examples from the 0004-hashed-n-tuple-storage-layout specification (sha256, 3, 3).
  EXPECT_EQ(object_path_for("object-01"),
            "3c0/ff4/240/3c0ff4240c1e116dba14c7627f2319b58aa3d77606d0d90dfc6161608ac987d4");
  EXPECT_EQ(object_path_for("..hor/rib:le-$id"),
            "487/326/d8c/487326d8c2a3c0b885e23da1469b4d6671fd4e76978924b4443e9e3c316cda6d");
}

TEST(OcflPathsTest, LogicalPathRules) {
  for (std::string_view good : {"record.json", "files/scan 1.tif", "files/Абай/хат.pdf"}) {
    EXPECT_THAT(check_logical_path(good), IsOk()) << good;
  }
  for (std::string_view bad : {"", "/etc/passwd", "files/", "a//b", "../x", "a/./b", "a/../../b",
                               "a\nb"}) {
    EXPECT_THAT(check_logical_path(bad), StatusIs(StatusCode::kInvalidArgument)) << bad;
  }
}

}  // namespace
}  // namespace mura::storage
