// Words of a text for search: runs of letters, combining marks and digits; an apostrophe between
// two letters stays inside the word (the 2017 Kazakh Latin "a'" spellings, "O'Brien"), and
// anything else — spaces, punctuation, hyphens — separates words. Offsets are bytes into the
// text, so snippets can cut and highlight the original. Plain functions; thread-safe.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

namespace mura::text {

struct Token {
  std::size_t begin = 0;  // byte offset of the first byte
  std::size_t end = 0;    // one past the last byte
  std::string_view of(std::string_view text) const { return text.substr(begin, end - begin); }
  friend bool operator==(const Token&, const Token&) = default;
};

// Words longer than this many bytes are left out (they are not words a person searches for).
inline constexpr std::size_t kMaxTokenBytes = 120;

std::vector<Token> tokenize(std::string_view text);

}  // namespace mura::text
