// The OCFL conformance fixtures (github.com/OCFL/fixtures, read in place from
// $MURA_SHARED/conformance/ocfl-fixtures) through the validator on the POSIX file system: good
// objects are valid, warn objects are valid with at least the W-codes their directory names,
// bad objects are invalid with at least the E-codes their directory names.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <string>
#include <vector>

#include "base/posix_file_system.h"
#include "storage/ocfl_validator.h"

namespace mura::storage {
namespace {

std::string fixtures_root() {
  const char* shared = std::getenv("MURA_SHARED");
  return std::string(shared != nullptr && *shared != '\0' ? shared : MURA_SHARED_DIR) +
         "/conformance/ocfl-fixtures";
}

struct Fixture {
  std::string spec;  // "1.0", "1.1"
  std::string kind;  // "good-objects", "warn-objects", "bad-objects"
  std::string name;  // "E040_wrong_head_format"
  std::string path;
};

std::vector<Fixture> find_fixtures() {
  std::vector<Fixture> fixtures;
  FileSystem& fs = default_file_system();
  for (const char* spec : {"1.0", "1.1"}) {
    for (const char* kind : {"good-objects", "warn-objects", "bad-objects"}) {
      std::string directory = fixtures_root() + "/" + spec + "/" + kind;
      auto entries = fs.list_directory(directory);
      if (!entries.has_value()) continue;
      for (const auto& entry : *entries) {
        if (entry.type != FileType::kDirectory) continue;
        fixtures.push_back({spec, kind, entry.name, directory + "/" + entry.name});
      }
    }
  }
  return fixtures;
}

// The leading codes of a fixture name: "E049_E050_E054_bad_version_block_values" -> E049,
// E050, E054.
std::vector<std::string> expected_codes(const std::string& name) {
  std::vector<std::string> codes;
  std::size_t start = 0;
  while (start + 4 <= name.size() && (name[start] == 'E' || name[start] == 'W') &&
         std::all_of(name.begin() + static_cast<std::ptrdiff_t>(start) + 1,
                     name.begin() + static_cast<std::ptrdiff_t>(start) + 4,
                     [](char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; }) &&
         (start + 4 == name.size() || name[start + 4] == '_')) {
    codes.push_back(name.substr(start, 4));
    start += 5;
  }
  return codes;
}

std::string test_name(const ::testing::TestParamInfo<Fixture>& info) {
  std::string name =
      "v" + info.param.spec + "_" + info.param.kind.substr(0, 4) + "_" + info.param.name;
  for (char& c : name) {
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  }
  return name;
}

TEST(OcflFixtures, FixturesArePresent) {
  // Good, warn and bad objects: 10 + 14 + 52 for OCFL 1.0 and 12 + 13 + 55 for 1.1.
  EXPECT_GE(find_fixtures().size(), 156u)
      << "the OCFL fixtures are missing from " << fixtures_root()
      << " (set MURA_SHARED to the shared data directory)";
}

TEST(OcflFixtures, ExpectedCodesComeFromTheName) {
  EXPECT_EQ(expected_codes("E049_E050_E054_bad_version_block_values"),
            (std::vector<std::string>{"E049", "E050", "E054"}));
  EXPECT_EQ(expected_codes("W004_uses_sha256"), (std::vector<std::string>{"W004"}));
  EXPECT_TRUE(expected_codes("spec-ex-full").empty());
  EXPECT_TRUE(expected_codes("E0x1_nonsense").empty());
}

class OcflFixtureTest : public ::testing::TestWithParam<Fixture> {};

TEST_P(OcflFixtureTest, ValidatorAgreesWithTheFixture) {
  const Fixture& fixture = GetParam();
  ValidationReport report = validate_object(default_file_system(), fixture.path);
  SCOPED_TRACE("report for " + fixture.path + ":\n" + report.to_text());
  if (fixture.kind == "bad-objects") {
    EXPECT_FALSE(report.valid());
  } else {
    EXPECT_EQ(report.error_count(), 0u);
  }
  std::vector<std::string> codes = expected_codes(fixture.name);
  if (fixture.kind != "good-objects") {
    EXPECT_FALSE(codes.empty()) << "no code in the name";
  }
  for (const auto& code : codes) {
    EXPECT_TRUE(report.has_code(code)) << "expected " << code;
  }
}

INSTANTIATE_TEST_SUITE_P(Ocfl, OcflFixtureTest, ::testing::ValuesIn(find_fixtures()), test_name);
GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(OcflFixtureTest);

}  // namespace
}  // namespace mura::storage
