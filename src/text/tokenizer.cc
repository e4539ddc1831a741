#include "text/tokenizer.h"

#include <unicode/uchar.h>

#include "text/utf8.h"

namespace mura::text {
namespace {

bool is_word_character(char32_t c) {
  if (c < 0x80)
    return (c >= U'a' && c <= U'z') || (c >= U'A' && c <= U'Z') || (c >= U'0' && c <= U'9');
  if (c == kReplacementCharacter) return false;
  const auto code = static_cast<UChar32>(c);
  if (u_isalnum(code)) return true;
  const auto type = static_cast<UCharCategory>(u_charType(code));
  return type == U_NON_SPACING_MARK || type == U_COMBINING_SPACING_MARK;
}

bool is_apostrophe(char32_t c) { return c == U'\'' || c == U'’' || c == U'ʼ'; }

}  // namespace

std::vector<Token> tokenize(std::string_view text) {
  std::vector<Token> tokens;
  std::size_t position = 0;
  std::size_t start = std::string_view::npos;
  auto finish = [&](std::size_t end) {
    if (start != std::string_view::npos && end - start <= kMaxTokenBytes)
      tokens.push_back({start, end});
    start = std::string_view::npos;
  };
  while (position < text.size()) {
    const std::size_t here = position;
    const char32_t c = next_code_point(text, position);
    if (is_word_character(c)) {
      if (start == std::string_view::npos) start = here;
      continue;
    }
    if (start != std::string_view::npos && is_apostrophe(c) && position < text.size()) {
      std::size_t after = position;
      if (is_word_character(next_code_point(text, after))) continue;  // inside the word
    }
    finish(here);
  }
  finish(text.size());
  return tokens;
}

}  // namespace mura::text
