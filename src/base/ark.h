// ARK identifiers (Archival Resource Key, https://arks.org, draft-kunze-ark): minting, parsing
// and the NOID check character (NCDA) that catches a mistyped or transposed character.
// Every Mura record is named "ark:/NAAN/<shoulder><8 random betanumerics><check char>".
// Plain functions and a value type; thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "base/result.h"

namespace mura {

// The 29 "betanumeric" characters: digits and lowercase consonants without 'l'. The NCDA maps
// each to its index here; any other character counts as zero.
inline constexpr std::string_view kBetanumeric = "0123456789bcdfghjkmnpqrstvwxz";

struct Ark {
  std::string naan;  // Name Assigning Authority Number, e.g. "99999" (lowercase)
  std::string name;  // the assigned name including its check character, e.g. "mr4kz7q2x1"

  // "ark:/99999/mr4kz7q2x1" (the classic form with a slash after "ark:").
  std::string to_string() const;
  friend bool operator==(const Ark&, const Ark&) = default;
};

// The NCDA check character of `naan_slash_name` ("13030/xf93gt2" -> 'q'): the sum over all
// characters of (1-based position x betanumeric ordinal), modulo 29, as a betanumeric character.
// Slashes and other non-betanumeric characters take a position but add nothing.
char noid_check_char(std::string_view naan_slash_name);

// True for a NAAN of five or more (at most 16) lowercase betanumeric characters: the five-digit
// NAANs that the ARK registry assigns, the historical nine-digit ones, and the betanumeric form
// that the current spec permits.
bool is_valid_naan(std::string_view naan);

// Mints a new ARK under `naan`: `shoulder` + 8 random betanumeric characters drawn from a CSPRNG
// (OpenSSL RAND_bytes) + the NCDA check character. About 5e11 names per shoulder, so a caller
// that needs uniqueness still checks the catalog for a collision.
// REQUIRES: is_valid_naan(naan); `shoulder` consists of betanumeric characters only.
Ark mint_ark(std::string_view naan, std::string_view shoulder = "m");

// Parses "ark:/99999/mx..." and the newer form without the slash, "ark:99999/mx...", also inside
// a resolver URL ("https://n2t.net/ark:/99999/mx..."). Normalises as the spec allows: surrounding
// whitespace, the case of the "ark:" label and of the NAAN, and hyphens in the name (which ARKs
// ignore) are dropped. The name must be lowercase betanumeric and end in a valid check character.
// Returns InvalidArgument saying what is wrong: not an ARK, a bad NAAN, a missing name, a
// qualifier ("/page2" or ".pdf" after the name), a character outside the betanumeric set, or a
// check character that does not match (a mistyped identifier).
Result<Ark> parse_ark(std::string_view text);

}  // namespace mura
