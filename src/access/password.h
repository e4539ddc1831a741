// Password hashing with Argon2id (libargon2, RFC 9106): the encoded form
// "$argon2id$v=19$m=...,t=...,p=...$salt$hash" is what the accounts store keeps, so the cost can
// rise later without invalidating old hashes. Thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "base/result.h"

namespace mura::access {

// The work of one hash. The default follows OWASP's advice for Argon2id (19 MiB, 2 passes, 1
// lane: tens of milliseconds); tests may lower it.
struct PasswordCost {
  std::uint32_t memory_kib = 19456;
  std::uint32_t passes = 2;
  std::uint32_t lanes = 1;
};

inline constexpr std::size_t kMinPasswordLength = 8;
inline constexpr std::size_t kMaxPasswordLength = 1024;

// InvalidArgument when the password is shorter than kMinPasswordLength or longer than
// kMaxPasswordLength bytes, saying which.
Status check_password_rules(std::string_view password);

// The encoded Argon2id hash of `password` with a fresh 16-byte random salt. InvalidArgument as
// check_password_rules(); Internal when libargon2 fails (e.g. out of memory).
Result<std::string> hash_password(std::string_view password, const PasswordCost& cost = {});

// True when `password` matches `encoded` (libargon2 compares in constant time); false for a
// wrong password and for an encoded hash that is not Argon2id.
bool verify_password(std::string_view encoded, std::string_view password);

// An encoded hash that no password matches, computed once with `cost`: verified against when a
// user is unknown, so that an unknown name costs as much time as a wrong password.
const std::string& decoy_password_hash(const PasswordCost& cost = {});

}  // namespace mura::access
