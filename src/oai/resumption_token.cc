#include "oai/resumption_token.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>

#include <charconv>
#include <optional>
#include <vector>

namespace mura::oai {
namespace {

constexpr char kFormatVersion = '1';
constexpr std::size_t kTagBytes = 16;  // HMAC-SHA256 truncated to 128 bits
constexpr std::size_t kKeyBytes = 32;
constexpr std::size_t kMaxTokenLength = 4096;

std::string base64url_encode(std::string_view bytes) {
  std::string text(4 * ((bytes.size() + 2) / 3) + 1, '\0');
  const int written = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(text.data()),
                                      reinterpret_cast<const unsigned char*>(bytes.data()),
                                      static_cast<int>(bytes.size()));
  text.resize(static_cast<std::size_t>(written));
  while (!text.empty() && text.back() == '=') text.pop_back();
  for (char& c : text) {
    if (c == '+') c = '-';
    if (c == '/') c = '_';
  }
  return text;
}

std::optional<std::string> base64url_decode(std::string_view text) {
  if (text.size() % 4 == 1) return std::nullopt;
  std::string padded(text);
  for (char& c : padded) {
    const bool plain = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    if (c == '-') {
      c = '+';
    } else if (c == '_') {
      c = '/';
    } else if (!plain) {
      return std::nullopt;
    }
  }
  const std::size_t padding = (4 - padded.size() % 4) % 4;
  padded.append(padding, '=');
  std::string bytes(padded.size() / 4 * 3, '\0');
  const int decoded = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(bytes.data()),
                                      reinterpret_cast<const unsigned char*>(padded.data()),
                                      static_cast<int>(padded.size()));
  if (decoded < 0 || static_cast<std::size_t>(decoded) < padding) return std::nullopt;
  bytes.resize(static_cast<std::size_t>(decoded) - padding);
  return bytes;
}

std::optional<std::int64_t> parse_integer(std::string_view text) {
  std::int64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || text.empty()) return std::nullopt;
  return value;
}

std::vector<std::string_view> split_lines(std::string_view text) {
  std::vector<std::string_view> lines;
  std::size_t start = 0;
  while (true) {
    const auto end = text.find('\n', start);
    lines.push_back(text.substr(start, end - start));
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  return lines;
}

std::string hex(std::string_view bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string text;
  for (char c : bytes) {
    const auto byte = static_cast<unsigned char>(c);
    text += kDigits[byte >> 4];
    text += kDigits[byte & 15U];
  }
  return text;
}

std::optional<std::string> unhex(std::string_view text) {
  if (text.size() % 2 != 0) return std::nullopt;
  std::string bytes;
  for (std::size_t i = 0; i < text.size(); i += 2) {
    int value = 0;
    for (char c : text.substr(i, 2)) {
      const int digit = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
      if (digit < 0) return std::nullopt;
      value = value * 16 + digit;
    }
    bytes += static_cast<char>(value);
  }
  return bytes;
}

}  // namespace

std::string TokenCodec::sign(std::string_view payload) const {
  unsigned char tag[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  HMAC(EVP_sha256(), key_.data(), static_cast<int>(key_.size()),
       reinterpret_cast<const unsigned char*>(payload.data()), payload.size(), tag, &length);
  return std::string(reinterpret_cast<const char*>(tag), kTagBytes);
}

std::string TokenCodec::encode(const TokenState& state) const {
  std::string payload(1, kFormatVersion);
  for (const std::string& field :
       {std::string(verb_name(state.verb)), state.metadata_prefix, state.set, state.range.from,
        state.range.until, state.catalog_cursor, std::to_string(state.cursor),
        std::to_string(state.complete_list_size), std::to_string(state.expires)}) {
    payload += '\n';
    payload += field;
  }
  return base64url_encode(payload) + "." + base64url_encode(sign(payload));
}

OaiResult<TokenState> TokenCodec::decode(std::string_view token, std::int64_t now) const {
  const auto refuse = [](std::string why) {
    return protocol_error(
        ErrorCode::kBadResumptionToken,
        "the resumptionToken " + why + "; start the list again without a resumptionToken");
  };
  const auto dot = token.find('.');
  if (token.size() > kMaxTokenLength || dot == std::string_view::npos) {
    return refuse("is not one this repository issued");
  }
  const auto payload = base64url_decode(token.substr(0, dot));
  const auto tag = base64url_decode(token.substr(dot + 1));
  if (!payload || !tag || tag->size() != kTagBytes)
    return refuse("is not one this repository issued");
  const std::string expected = sign(*payload);
  if (CRYPTO_memcmp(expected.data(), tag->data(), kTagBytes) != 0) {
    return refuse("is not one this repository issued (its signature does not match)");
  }
  const auto fields = split_lines(*payload);
  if (fields.size() != 10 || fields[0].size() != 1 || fields[0][0] != kFormatVersion) {
    return refuse("has a format this repository no longer reads");
  }
  TokenState state;
  const auto verb = parse_verb(fields[1]);
  const auto cursor = parse_integer(fields[7]);
  const auto size = parse_integer(fields[8]);
  const auto expires = parse_integer(fields[9]);
  if (!verb || !cursor || !size || !expires || fields[6].empty()) {
    return refuse("is damaged");
  }
  state.verb = *verb;
  state.metadata_prefix = fields[2];
  state.set = fields[3];
  state.range = {std::string(fields[4]), std::string(fields[5])};
  state.catalog_cursor = fields[6];
  state.cursor = *cursor;
  state.complete_list_size = *size;
  state.expires = *expires;
  if (state.expires < now) return refuse("has expired");
  return state;
}

Result<std::string> load_or_create_token_key(catalog::Catalog& catalog) {
  const std::string setting(kTokenKeySetting);
  MURA_ASSIGN_OR_RETURN(auto stored, catalog.setting(setting));
  if (stored) {
    auto key = unhex(*stored);
    if (key && key->size() >= kTagBytes) return *key;
    // A damaged key is replaced: tokens signed with it stop working, nothing else does.
  }
  std::string key(kKeyBytes, '\0');
  if (RAND_bytes(reinterpret_cast<unsigned char*>(key.data()), static_cast<int>(key.size())) != 1) {
    return internal_error("oai: the random generator failed to make a resumption-token key");
  }
  MURA_TRY(catalog.set_setting(setting, hex(key)).with_context("oai: storing the token key"));
  // Read back, so that a key another server stored meanwhile wins over ours.
  MURA_ASSIGN_OR_RETURN(stored, catalog.setting(setting));
  if (!stored) return internal_error("oai: the resumption-token key was not stored");
  auto kept = unhex(*stored);
  if (!kept) return internal_error("oai: the stored resumption-token key is not hex");
  return *kept;
}

}  // namespace mura::oai
