// Search cursors: the opaque, URL-safe (base64url) token that asks for the next page of the same
// search. It carries the offset and a fingerprint of the search (query, filters, sort,
// language), so a cursor used with another search is refused rather than silently misread.
// Plain functions; thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "base/result.h"

namespace mura::search {

std::string encode_cursor(std::int64_t offset, std::uint64_t fingerprint);
// The offset; InvalidArgument when `cursor` is malformed or belongs to another search.
Result<std::int64_t> decode_cursor(std::string_view cursor, std::uint64_t fingerprint);

// A stable 64-bit hash (FNV-1a) of `text`.
std::uint64_t fingerprint_of(std::string_view text);

}  // namespace mura::search
