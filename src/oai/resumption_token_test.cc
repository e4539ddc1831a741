#include "oai/resumption_token.h"

#include <gtest/gtest.h>

#include "base/testing/status_matchers.h"

namespace mura::oai {
namespace {

TokenState sample_state() {
  TokenState state;
  state.verb = Verb::kListRecords;
  state.metadata_prefix = "oai_dc";
  state.set = "99999.ma:99999.mb";
  state.range = {"2026-01-01T00:00:00Z", "2026-12-31T23:59:59Z"};
  state.catalog_cursor = "bDIwOjIwMjYtMTEtMjhUMTA6MDA6MDBaYXJrOi85OTk5OS9tYQ";
  state.cursor = 400;
  state.complete_list_size = 1234;
  state.expires = 2'000'000'000;
  return state;
}

TEST(TokenCodecTest, RoundTrips) {
  const TokenCodec codec(std::string(32, 'k'));
  const TokenState state = sample_state();
  const std::string token = codec.encode(state);
  EXPECT_EQ(
      token.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_."),
      std::string::npos)
      << token;
  auto decoded = codec.decode(token, 1'900'000'000);
  ASSERT_TRUE(decoded.has_value()) << decoded.error().message;
  EXPECT_EQ(*decoded, state);

  TokenState empty_fields;
  empty_fields.verb = Verb::kListSets;
  empty_fields.catalog_cursor = "x";
  empty_fields.expires = 5;
  decoded = codec.decode(codec.encode(empty_fields), 5);
  ASSERT_TRUE(decoded.has_value()) << decoded.error().message;
  EXPECT_EQ(*decoded, empty_fields);
}

TEST(TokenCodecTest, RefusesForgedDamagedAndExpiredTokens) {
  const TokenCodec codec(std::string(32, 'k'));
  const TokenCodec other(std::string(32, 'o'));
  const std::string token = codec.encode(sample_state());
  std::string flipped = token;
  flipped[5] = flipped[5] == 'A' ? 'B' : 'A';
  std::string bad_tag = token;
  const std::size_t in_tag = token.find('.') + 3;  // a character that carries whole bits
  bad_tag[in_tag] = bad_tag[in_tag] == 'A' ? 'B' : 'A';
  struct Case {
    std::string_view label;
    std::string token;
    std::int64_t now;
  } cases[] = {
      {"another key", other.encode(sample_state()), 0},
      {"altered payload", flipped, 0},
      {"altered tag", bad_tag, 0},
      {"no tag", token.substr(0, token.find('.')), 0},
      {"truncated", token.substr(0, token.size() - 3), 0},
      {"not base64", "!!!!.????", 0},
      {"empty", "", 0},
      {"huge", std::string(5000, 'A') + ".AAAA", 0},
      {"expired", token, 2'000'000'001},
  };
  for (const auto& test : cases) {
    SCOPED_TRACE(test.label);
    auto decoded = codec.decode(test.token, test.now);
    ASSERT_FALSE(decoded.has_value());
    EXPECT_EQ(decoded.error().code, ErrorCode::kBadResumptionToken);
  }
  EXPECT_NE(codec.decode(token, 2'000'000'001).error().message.find("expired"), std::string::npos);
}

TEST(TokenKeyTest, MadeOnceAndKeptInTheCatalog) {
  ASSERT_OK_AND_ASSIGN(auto catalog, catalog::Catalog::open_sqlite(":memory:"));
  ASSERT_OK_AND_ASSIGN(std::string first, load_or_create_token_key(*catalog));
  EXPECT_EQ(first.size(), 32U);
  ASSERT_OK_AND_ASSIGN(std::string again, load_or_create_token_key(*catalog));
  EXPECT_EQ(first, again);
  ASSERT_OK_AND_ASSIGN(auto stored, catalog->setting(std::string(kTokenKeySetting)));
  ASSERT_TRUE(stored.has_value());
  EXPECT_EQ(stored->size(), 64U);
  // A damaged key is replaced by a new one.
  ASSERT_OK(catalog->set_setting(std::string(kTokenKeySetting), "not hex"));
  ASSERT_OK_AND_ASSIGN(std::string replaced, load_or_create_token_key(*catalog));
  EXPECT_EQ(replaced.size(), 32U);
  EXPECT_NE(replaced, first);
}

}  // namespace
}  // namespace mura::oai
