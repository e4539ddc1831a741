// Resumption tokens: stateless and signed. A token carries everything needed to continue a list
// — the verb, its arguments, the catalog's keyset cursor after the last item sent, how many items
// were sent before, the list's size when known and when the token expires — as base64url text
// with an HMAC-SHA256 tag made with a key kept in the catalog's settings. Any server holding the
// catalog, before or after a restart, can continue a list; a token cannot be forged or altered.
// TokenCodec is immutable after construction and thread-safe.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "base/result.h"
#include "catalog/catalog.h"
#include "oai/request.h"

namespace mura::oai {

// The catalog setting that holds the key (64 hex digits).
inline constexpr std::string_view kTokenKeySetting = "oai.resumption_token_key";

struct TokenState {
  Verb verb = Verb::kListRecords;
  std::string metadata_prefix;
  std::string set;
  DateRange range;
  std::string catalog_cursor;            // Catalog::list's cursor for the next page; never empty
  std::int64_t cursor = 0;               // items sent before the next page
  std::int64_t complete_list_size = -1;  // -1: not known
  std::int64_t expires = 0;              // seconds since 1970 (UTC)
  friend bool operator==(const TokenState&, const TokenState&) = default;
};

class TokenCodec {
 public:
  // REQUIRES: `key` holds at least 16 bytes.
  explicit TokenCodec(std::string key) : key_(std::move(key)) {}

  std::string encode(const TokenState& state) const;
  // The state inside `token`; badResumptionToken when it is not one this repository's key
  // signed, when it is malformed, or when it expired before `now` (seconds since 1970).
  OaiResult<TokenState> decode(std::string_view token, std::int64_t now) const;

 private:
  std::string sign(std::string_view payload) const;
  std::string key_;
};

// The key in the catalog's settings, made (32 random bytes) and stored on first use.
// Unavailable or Internal when the catalog or the random generator fails.
Result<std::string> load_or_create_token_key(catalog::Catalog& catalog);

}  // namespace mura::oai
