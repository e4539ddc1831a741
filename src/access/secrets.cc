#include "access/secrets.h"

#include <openssl/crypto.h>
#include <openssl/rand.h>

#include <vector>

#include "base/digest.h"
#include "base/result.h"

namespace mura::access {
namespace {

std::vector<unsigned char> random_bytes(std::size_t count) {
  std::vector<unsigned char> bytes(count);
  // Without randomness no account can be made safe; OpenSSL fails only when the OS has none.
  MURA_CHECK(RAND_bytes(bytes.data(), static_cast<int>(bytes.size())) == 1);
  return bytes;
}

}  // namespace

std::string random_secret(std::size_t bytes) {
  static constexpr char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  std::string text;
  std::uint32_t buffer = 0;
  int bits = 0;
  for (unsigned char byte : random_bytes(bytes)) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 6) {
      bits -= 6;
      text += kAlphabet[(buffer >> bits) & 63U];
    }
    buffer &= (1U << bits) - 1U;
  }
  if (bits > 0) text += kAlphabet[(buffer << (6 - bits)) & 63U];
  return text;
}

std::string random_hex(std::size_t bytes) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string text;
  for (unsigned char byte : random_bytes(bytes)) {
    text += kHex[byte >> 4];
    text += kHex[byte & 15U];
  }
  return text;
}

std::string secret_digest(std::string_view secret) {
  return digest_hex(DigestAlgorithm::kSha256, secret);
}

bool constant_time_equal(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  return a.empty() || CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace mura::access
