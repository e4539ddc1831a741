#include "search/cursor.h"

#include <charconv>
#include <cstdio>
#include <optional>

namespace mura::search {
namespace {

constexpr std::string_view kAlphabet =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

std::string base64url(std::string_view bytes) {
  std::string out;
  std::uint32_t buffer = 0;
  int bits = 0;
  for (char c : bytes) {
    buffer = (buffer << 8) | static_cast<unsigned char>(c);
    bits += 8;
    while (bits >= 6) {
      bits -= 6;
      out += kAlphabet[(buffer >> bits) & 0x3FU];
    }
  }
  if (bits > 0) out += kAlphabet[(buffer << (6 - bits)) & 0x3FU];
  return out;
}

std::optional<std::string> from_base64url(std::string_view text) {
  std::string out;
  std::uint32_t buffer = 0;
  int bits = 0;
  for (char c : text) {
    const auto index = kAlphabet.find(c);
    if (index == std::string_view::npos) return std::nullopt;
    buffer = (buffer << 6) | static_cast<std::uint32_t>(index);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((buffer >> bits) & 0xFFU);
    }
  }
  return out;
}

}  // namespace

std::uint64_t fingerprint_of(std::string_view text) {
  std::uint64_t hash = 14695981039346656037ULL;
  for (char c : text) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 1099511628211ULL;
  }
  return hash;
}

std::string encode_cursor(std::int64_t offset, std::uint64_t fingerprint) {
  char text[64];
  std::snprintf(text, sizeof text, "s1:%lld:%016llx", static_cast<long long>(offset),
                static_cast<unsigned long long>(fingerprint));
  return base64url(text);
}

Result<std::int64_t> decode_cursor(std::string_view cursor, std::uint64_t fingerprint) {
  const auto refuse = [&](std::string_view why) {
    return invalid_argument_error("cursor \"" + std::string(cursor.substr(0, 64)) + "\" " +
                                  std::string(why) +
                                  " (leave it out to start from the first page)");
  };
  const auto text = from_base64url(cursor);
  if (!text || !text->starts_with("s1:")) return refuse("is not a search cursor");
  const auto colon = text->find(':', 3);
  if (colon == std::string::npos) return refuse("is not a search cursor");
  long long offset = 0;
  const char* begin = text->data() + 3;
  const char* end = text->data() + colon;
  const auto [stop, failure] = std::from_chars(begin, end, offset);
  if (failure != std::errc() || stop != end || offset < 0) return refuse("is not a search cursor");
  char expected[24];
  std::snprintf(expected, sizeof expected, "%016llx", static_cast<unsigned long long>(fingerprint));
  if (text->substr(colon + 1) != expected) return refuse("belongs to another search");
  return static_cast<std::int64_t>(offset);
}

}  // namespace mura::search
