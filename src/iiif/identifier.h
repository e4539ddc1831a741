// IIIF identifiers of Mura images. "<naan>~<name>" names the first image of the record
// ark:/<naan>/<name>; "<naan>~<name>~<16 hex digits>" names the record's file whose SHA-512
// starts with those digits. Built and parsed only here (table-driven tests in
// identifier_test.cc); the web UI and search build the same strings. Value types; thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "base/result.h"

namespace mura::iiif {

// How many hex digits of a file's SHA-512 an identifier carries.
inline constexpr std::size_t kDigestPrefixLength = 16;

struct ImageIdentifier {
  std::string naan;           // "99999"
  std::string name;           // "mr4kz7q2x1"
  std::string digest_prefix;  // 16 lowercase hex digits, or "" for the record's first image

  std::string ark() const;        // "ark:/99999/mr4kz7q2x1"
  std::string to_string() const;  // "99999~mr4kz7q2x1" or "99999~mr4kz7q2x1~0123456789abcdef"
  friend bool operator==(const ImageIdentifier&, const ImageIdentifier&) = default;
};

// Parses an identifier as it appears in a IIIF URL (already percent-decoded). InvalidArgument
// says which part is wrong: a missing "~", a NAAN or name that is not an ARK's (including a
// wrong check character), or a digest part that is not 16 hex digits.
Result<ImageIdentifier> parse_identifier(std::string_view text);

// The identifier of record `ark` ("ark:/NAAN/name"); with `digest` (a SHA-512 in hex, or at
// least its first 16 digits) the identifier of that file. InvalidArgument for a malformed ARK or
// a digest shorter than 16 hex digits.
Result<ImageIdentifier> identifier_for(std::string_view ark, std::string_view digest = "");

}  // namespace mura::iiif
