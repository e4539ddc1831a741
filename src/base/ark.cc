#include "base/ark.h"

#include <openssl/rand.h>

#include <array>
#include <cstddef>
#include <cstdint>
#include <random>

namespace mura {
namespace {

constexpr std::size_t kRandomLength = 8;
constexpr std::size_t kMaxNaanLength = 16;
constexpr std::string_view kExample = "ark:/99999/mr4kz7q2x1";

bool is_betanumeric(char c) { return kBetanumeric.find(c) != std::string_view::npos; }

char ascii_lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

bool starts_with_ignoring_case(std::string_view text, std::string_view prefix) {
  if (text.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i) {
    if (ascii_lower(text[i]) != prefix[i]) return false;
  }
  return true;
}

std::string_view trim(std::string_view text) {
  constexpr std::string_view kSpace = " \t\r\n";
  const std::size_t first = text.find_first_not_of(kSpace);
  if (first == std::string_view::npos) return {};
  const std::size_t last = text.find_last_not_of(kSpace);
  return text.substr(first, last - first + 1);
}

// Fills `out` with random bytes: OpenSSL's CSPRNG, or the OS entropy source behind
// std::random_device should OpenSSL fail to seed.
void random_bytes(std::array<unsigned char, 64>& out) {
  if (RAND_bytes(out.data(), static_cast<int>(out.size())) == 1) return;
  std::random_device device;
  for (unsigned char& byte : out) byte = static_cast<unsigned char>(device() & 0xffU);
}

std::string quoted(std::string_view text) { return "\"" + std::string(text) + "\""; }

}  // namespace

std::string Ark::to_string() const { return "ark:/" + naan + "/" + name; }

char noid_check_char(std::string_view naan_slash_name) {
  std::uint64_t sum = 0;
  for (std::size_t i = 0; i < naan_slash_name.size(); ++i) {
    const std::size_t ordinal = kBetanumeric.find(naan_slash_name[i]);
    if (ordinal != std::string_view::npos) sum += (i + 1) * ordinal;
  }
  return kBetanumeric[sum % kBetanumeric.size()];
}

bool is_valid_naan(std::string_view naan) {
  if (naan.size() < 5 || naan.size() > kMaxNaanLength) return false;
  for (char c : naan) {
    if (!is_betanumeric(c)) return false;
  }
  return true;
}

Ark mint_ark(std::string_view naan, std::string_view shoulder) {
  MURA_CHECK(is_valid_naan(naan));
  for (char c : shoulder) MURA_CHECK(is_betanumeric(c));

  std::string name(shoulder);
  // Rejection sampling keeps every character equally likely: 232 = 8 * 29, so bytes below 232
  // map uniformly onto the 29 characters. 64 bytes run out with negligible probability.
  while (name.size() < shoulder.size() + kRandomLength) {
    std::array<unsigned char, 64> bytes{};
    random_bytes(bytes);
    for (unsigned char byte : bytes) {
      if (byte >= 232) continue;
      name += kBetanumeric[byte % kBetanumeric.size()];
      if (name.size() == shoulder.size() + kRandomLength) break;
    }
  }
  name += noid_check_char(std::string(naan) + "/" + name);
  return Ark{std::string(naan), std::move(name)};
}

Result<Ark> parse_ark(std::string_view text) {
  const std::string_view input = trim(text);
  const std::string shown = quoted(input);
  std::string_view rest = input;

  // A resolver URL: keep what follows the host, from "ark:" on.
  if (starts_with_ignoring_case(rest, "http://") || starts_with_ignoring_case(rest, "https://")) {
    std::size_t label = std::string_view::npos;
    for (std::size_t i = rest.find("//") + 2; i < rest.size(); ++i) {
      if (rest[i] == '/' && starts_with_ignoring_case(rest.substr(i + 1), "ark:")) {
        label = i + 1;
        break;
      }
    }
    if (label == std::string_view::npos) {
      return invalid_argument_error(shown + " is a URL without an ARK in its path; expected " +
                                    "https://<host>/ark:/NAAN/name");
    }
    rest = rest.substr(label);
  }
  if (!starts_with_ignoring_case(rest, "ark:")) {
    return invalid_argument_error(shown + " is not an ARK: it must start with \"ark:\" (e.g. " +
                                  std::string(kExample) + ")");
  }
  rest.remove_prefix(4);
  if (!rest.empty() && rest.front() == '/') rest.remove_prefix(1);

  const std::size_t slash = rest.find('/');
  if (slash == std::string_view::npos) {
    return invalid_argument_error("ARK " + shown + " has no name: expected ark:/NAAN/name (e.g. " +
                                  std::string(kExample) + ")");
  }
  std::string naan;
  for (char c : rest.substr(0, slash)) naan += ascii_lower(c);
  if (!is_valid_naan(naan)) {
    return invalid_argument_error("ARK " + shown + ": NAAN " + quoted(naan) +
                                  " must be five digits (or 5 to 16 betanumeric characters)");
  }

  const std::string_view raw_name = rest.substr(slash + 1);
  std::string name;
  for (std::size_t i = 0; i < raw_name.size(); ++i) {
    const char c = raw_name[i];
    if (c == '-') continue;  // hyphens are identity-inert in ARKs
    if (c == '/' || c == '.') {
      return invalid_argument_error("ARK " + shown + " has a qualifier " +
                                    quoted(raw_name.substr(i)) +
                                    " after the name; pass the base identifier");
    }
    if (c >= 'A' && c <= 'Z' && is_betanumeric(ascii_lower(c))) {
      return invalid_argument_error("ARK " + shown + ": name " + quoted(raw_name) +
                                    " has uppercase '" + std::string(1, c) +
                                    "'; ARK names are case-sensitive and Mura's are lowercase");
    }
    if (!is_betanumeric(c)) {
      return invalid_argument_error(
          "ARK " + shown + ": name " + quoted(raw_name) + " has '" + std::string(1, c) +
          "' at position " + std::to_string(i + 1) +
          "; names use only digits and the consonants bcdfghjkmnpqrstvwxz");
    }
    name += c;
  }
  if (name.size() < 2) {
    return invalid_argument_error("ARK " + shown + ": name " + quoted(name) +
                                  " is too short; expected at least one character and a check "
                                  "character");
  }

  const std::string base = naan + "/" + name.substr(0, name.size() - 1);
  const char expected = noid_check_char(base);
  if (name.back() != expected) {
    return invalid_argument_error("ARK " + shown + ": check character '" +
                                  std::string(1, name.back()) + "' does not match " + base +
                                  " (expected '" + std::string(1, expected) +
                                  "'); the identifier was probably mistyped");
  }
  return Ark{std::move(naan), std::move(name)};
}

}  // namespace mura
