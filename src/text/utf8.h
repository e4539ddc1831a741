// UTF-8 code points: decoding one at a time and appending one, for the text/ and search/ code that
// walks words letter by letter. Invalid bytes decode as U+FFFD, one byte at a time, so every input
// is consumed. Plain functions; thread-safe.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace mura::text {

inline constexpr char32_t kReplacementCharacter = U'\uFFFD';

// The code point that starts at text[position]; advances `position` past it.
// REQUIRES: position < text.size().
char32_t next_code_point(std::string_view text, std::size_t& position);

// Appends `code_point` as UTF-8 (U+FFFD for surrogates and values beyond U+10FFFF).
void append_utf8(std::string& out, char32_t code_point);

// The number of code points in `text`.
std::size_t code_point_count(std::string_view text);

}  // namespace mura::text
