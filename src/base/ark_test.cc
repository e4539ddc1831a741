#include "base/ark.h"

#include <set>
#include <string>

#include "base/testing/status_matchers.h"

namespace mura {
namespace {

using ::mura::testing::StatusIs;
using ::testing::HasSubstr;

TEST(NoidCheckCharTest, MatchesThePublishedExample) {
  // The NOID documentation's example: 13030/xf93gt2 has check character 'q'.
  EXPECT_EQ(noid_check_char("13030/xf93gt2"), 'q');
}

TEST(NoidCheckCharTest, KnownValues) {
  struct Case {
    std::string_view input;
    char expected;
  };
  const Case cases[] = {
      {"99999/mr4kz7q2x", '1'}, {"99999/m", '0'}, {"12345/bcd", '2'},
      {"b5072/mr4kz7q2x", 'c'}, {"", '0'},
  };
  for (const Case& c : cases) EXPECT_EQ(noid_check_char(c.input), c.expected) << c.input;
}

TEST(NoidCheckCharTest, DetectsEverySingleSubstitutionAndAdjacentTransposition) {
  const std::string base = "13030/xf93gt2";
  const char check = noid_check_char(base);
  for (std::size_t i = 0; i < base.size(); ++i) {
    if (base[i] == '/') continue;
    for (char replacement : kBetanumeric) {
      if (replacement == base[i]) continue;
      std::string changed = base;
      changed[i] = replacement;
      EXPECT_NE(noid_check_char(changed), check) << changed;
    }
    if (i + 1 < base.size() && base[i] != base[i + 1] && base[i + 1] != '/') {
      std::string swapped = base;
      std::swap(swapped[i], swapped[i + 1]);
      EXPECT_NE(noid_check_char(swapped), check) << swapped;
    }
  }
}

TEST(IsValidNaanTest, Table) {
  struct Case {
    std::string_view naan;
    bool valid;
  };
  const Case cases[] = {
      {"99999", true},
      {"13030", true},
      {"12025", true},
      {"b5072", true},
      {"123456789", true},
      {"1234", false},
      {"", false},
      {"1234a", false},
      {"12 45", false},
      {"ABCDE", false},
      {"12345678901234567", false},
      {"1234l", false},
      {"9999/", false},
  };
  for (const Case& c : cases) EXPECT_EQ(is_valid_naan(c.naan), c.valid) << c.naan;
}

TEST(MintArkTest, ProducesParseableArksWithShoulderAndLength) {
  std::set<std::string> seen;
  for (int i = 0; i < 200; ++i) {
    const Ark ark = mint_ark("99999");
    EXPECT_EQ(ark.naan, "99999");
    ASSERT_EQ(ark.name.size(), 10u) << ark.name;
    EXPECT_EQ(ark.name.front(), 'm');
    for (char c : ark.name) EXPECT_NE(kBetanumeric.find(c), std::string_view::npos) << ark.name;
    ASSERT_OK_AND_ASSIGN(Ark parsed, parse_ark(ark.to_string()));
    EXPECT_EQ(parsed, ark);
    seen.insert(ark.name);
  }
  // 29^8 possibilities: 200 draws colliding would mean the generator is broken.
  EXPECT_EQ(seen.size(), 200u);
}

TEST(MintArkTest, UsesTheGivenShoulder) {
  const Ark ark = mint_ark("b5072", "k4");
  EXPECT_EQ(ark.name.substr(0, 2), "k4");
  EXPECT_EQ(ark.name.size(), 11u);
  EXPECT_EQ(ark.name.back(), noid_check_char("b5072/" + ark.name.substr(0, 10)));
}

TEST(ArkTest, ToString) {
  EXPECT_EQ((Ark{"99999", "mr4kz7q2x1"}.to_string()), "ark:/99999/mr4kz7q2x1");
}

TEST(ParseArkTest, ValidForms) {
  struct Case {
    std::string_view input;
    std::string_view naan;
    std::string_view name;
  };
  const Case cases[] = {
      {"ark:/99999/mr4kz7q2x1", "99999", "mr4kz7q2x1"},
      {"ark:99999/mr4kz7q2x1", "99999", "mr4kz7q2x1"},  // the newer form without a slash
      {"ARK:/99999/mr4kz7q2x1", "99999", "mr4kz7q2x1"},
      {"  ark:/99999/mr4kz7q2x1\n", "99999", "mr4kz7q2x1"},
      {"ark:/99999/mr4-kz7q-2x1", "99999", "mr4kz7q2x1"},  // hyphens are ignored
      {"ark:/13030/xf93gt2q", "13030", "xf93gt2q"},
      {"ark:/B5072/mr4kz7q2xc", "b5072", "mr4kz7q2xc"},  // NAAN case is normalised
      {"https://n2t.net/ark:/13030/xf93gt2q", "13030", "xf93gt2q"},
      {"http://example.org/ark:99999/mr4kz7q2x1", "99999", "mr4kz7q2x1"},
      {"https://example.org/resolver/ark:/99999/mr4kz7q2x1", "99999", "mr4kz7q2x1"},
  };
  for (const Case& c : cases) {
    auto result = parse_ark(c.input);
    ASSERT_TRUE(result.has_value()) << c.input << ": " << result.error().to_string();
    EXPECT_EQ(result->naan, c.naan) << c.input;
    EXPECT_EQ(result->name, c.name) << c.input;
  }
}

TEST(ParseArkTest, BadInput) {
  struct Case {
    std::string_view input;
    std::string_view message_part;
  };
  const Case cases[] = {
      {"", "must start with \"ark:\""},
      {"99999/mr4kz7q2x1", "must start with \"ark:\""},
      {"doi:10.1000/182", "must start with \"ark:\""},
      {"https://n2t.net/", "URL without an ARK"},
      {"https://example.org/records/99999/mr4kz7q2x1", "URL without an ARK"},
      {"ark:/99999", "has no name"},
      {"ark:/1234/mr4kz7q2x1", "NAAN \"1234\" must be five digits"},
      {"ark:/9999a/mr4kz7q2x1", "NAAN \"9999a\""},
      {"ark://mr4kz7q2x1", "NAAN \"\""},
      {"ark:/99999/", "too short"},
      {"ark:/99999/m", "too short"},
      {"ark:/99999/mr4kz7q2x1/page2", "qualifier \"/page2\""},
      {"ark:/99999/mr4kz7q2x1.pdf", "qualifier \".pdf\""},
      {"ark:/99999/MR4KZ7Q2X1", "uppercase 'M'"},
      {"ark:/99999/mr4kz7q2xa", "has 'a' at position 10"},
      {"ark:/99999/mr4kz 7q2x1", "has ' ' at position 6"},
      {"ark:/99999/mr4kz7q2xl", "has 'l'"},
      {"ark:/99999/mr4kz7q2x2",
       "check character '2' does not match 99999/mr4kz7q2x (expected '1')"},
      {"ark:/99999/mr4kz7q2xk", "probably mistyped"},
      {"ark:/13030/xf39gt2q", "check character 'q' does not match"},  // transposed 9 and 3
      {"ark:/99998/mr4kz7q2x1", "does not match"},                    // wrong NAAN
  };
  for (const Case& c : cases) {
    EXPECT_THAT(parse_ark(c.input),
                StatusIs(StatusCode::kInvalidArgument, HasSubstr(c.message_part)))
        << c.input;
  }
}

}  // namespace
}  // namespace mura
