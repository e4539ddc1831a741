// Secrets for accounts: random values from OpenSSL's CSPRNG, their SHA-256 for storage, and
// comparison in constant time. Plain functions; thread-safe.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace mura::access {

// `bytes` random bytes (OpenSSL RAND_bytes) as base64url without padding: 32 bytes give 43
// characters.
std::string random_secret(std::size_t bytes = 32);
// `bytes` random bytes as lowercase hex.
std::string random_hex(std::size_t bytes);

// The lowercase hex SHA-256 of `secret`: how tokens and session ids are kept at rest. (The
// secrets are 256 random bits, so a fast hash is enough; passwords use Argon2id, password.h.)
std::string secret_digest(std::string_view secret);

// True when `a` and `b` are equal, in time that depends only on their lengths.
bool constant_time_equal(std::string_view a, std::string_view b);

}  // namespace mura::access
