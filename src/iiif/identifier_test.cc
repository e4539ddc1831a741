#include "iiif/identifier.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "base/ark.h"
#include "base/testing/status_matchers.h"

namespace mura::iiif {
namespace {

using ::mura::testing::StatusIs;
using ::testing::HasSubstr;

TEST(IdentifierTest, ParsesEveryFormAndRejectsBadOnes) {
  const Ark ark = mint_ark("99999", "m");
  const std::string good = "99999~" + ark.name;
  struct Case {
    std::string text;
    bool ok;
    std::string digest_prefix;
    std::string message;  // part of the error message
  };
  std::string wrong_check = ark.name;
  wrong_check.back() = wrong_check.back() == 'b' ? 'c' : 'b';
  const Case cases[] = {
      {good, true, "", ""},
      {good + "~0123456789abcdef", true, "0123456789abcdef", ""},
      {"99999" + ark.name, false, "", "no \"~\""},
      {"~" + ark.name, false, "", "not a NAAN"},
      {"12~" + ark.name, false, "", "not a NAAN"},
      {"99999~", false, "", "empty name"},
      {"99999~" + wrong_check, false, "", "check character"},
      {good + "~0123456789ABCDEF", false, "", "16 lowercase hex"},
      {good + "~0123456789abcde", false, "", "16 lowercase hex"},
      {good + "~0123456789abcdef0", false, "", "16 lowercase hex"},
      {good + "~", false, "", "16 lowercase hex"},
      {"99999~" + ark.name + "/p2", false, "", ""},
  };
  for (const auto& test : cases) {
    SCOPED_TRACE(test.text);
    auto parsed = parse_identifier(test.text);
    if (test.ok) {
      ASSERT_TRUE(parsed.has_value()) << parsed.error().to_string();
      EXPECT_EQ(parsed->naan, "99999");
      EXPECT_EQ(parsed->name, ark.name);
      EXPECT_EQ(parsed->digest_prefix, test.digest_prefix);
      EXPECT_EQ(parsed->ark(), ark.to_string());
      EXPECT_EQ(parsed->to_string(), test.text);
    } else {
      EXPECT_THAT(parsed, StatusIs(StatusCode::kInvalidArgument, HasSubstr(test.message)));
    }
  }
}

TEST(IdentifierTest, BuildsFromArkAndDigest) {
  const Ark ark = mint_ark("99999", "m");
  const std::string digest(128, 'a');
  ASSERT_OK_AND_ASSIGN(auto first, identifier_for(ark.to_string()));
  EXPECT_EQ(first.to_string(), "99999~" + ark.name);
  ASSERT_OK_AND_ASSIGN(auto file, identifier_for(ark.to_string(), digest));
  EXPECT_EQ(file.to_string(), "99999~" + ark.name + "~aaaaaaaaaaaaaaaa");
  ASSERT_OK_AND_ASSIGN(auto round_trip, parse_identifier(file.to_string()));
  EXPECT_EQ(round_trip, file);
  EXPECT_THAT(identifier_for("not an ark"), StatusIs(StatusCode::kInvalidArgument));
  EXPECT_THAT(identifier_for(ark.to_string(), "abc"), StatusIs(StatusCode::kInvalidArgument));
}

}  // namespace
}  // namespace mura::iiif
