#include "access/password.h"

#include <argon2.h>

#include <mutex>
#include <vector>

#include "access/secrets.h"

namespace mura::access {
namespace {

// 16 random bytes, written as 22 base64url characters (the salt is any byte string).
constexpr std::size_t kSaltBytes = 16;
constexpr std::size_t kHashBytes = 32;

}  // namespace

Status check_password_rules(std::string_view password) {
  if (password.size() < kMinPasswordLength) {
    return invalid_argument_error("the password has " + std::to_string(password.size()) +
                                  " characters; use at least " +
                                  std::to_string(kMinPasswordLength));
  }
  if (password.size() > kMaxPasswordLength) {
    return invalid_argument_error("the password is longer than " +
                                  std::to_string(kMaxPasswordLength) + " bytes");
  }
  return ok_status();
}

Result<std::string> hash_password(std::string_view password, const PasswordCost& cost) {
  MURA_TRY(check_password_rules(password));
  const std::string salt = random_secret(kSaltBytes);
  const std::size_t length = argon2_encodedlen(cost.passes, cost.memory_kib, cost.lanes,
                                               static_cast<std::uint32_t>(salt.size()),
                                               static_cast<std::uint32_t>(kHashBytes), Argon2_id);
  std::vector<char> encoded(length + 1, '\0');
  const int result = argon2id_hash_encoded(cost.passes, cost.memory_kib, cost.lanes,
                                           password.data(), password.size(), salt.data(),
                                           salt.size(), kHashBytes, encoded.data(), encoded.size());
  if (result != ARGON2_OK) {
    return internal_error(std::string("hashing a password: ") + argon2_error_message(result));
  }
  return std::string(encoded.data());
}

bool verify_password(std::string_view encoded, std::string_view password) {
  if (!encoded.starts_with("$argon2id$") || password.size() > kMaxPasswordLength) return false;
  const std::string terminated(encoded);  // libargon2 wants a C string
  return argon2id_verify(terminated.c_str(), password.data(), password.size()) == ARGON2_OK;
}

const std::string& decoy_password_hash(const PasswordCost& cost) {
  static std::once_flag once;
  static std::string decoy;
  std::call_once(once, [&] {
    decoy = hash_password(random_secret(24), cost).value_or("$argon2id$v=19$m=8,t=1,p=1$x$y");
  });
  return decoy;
}

}  // namespace mura::access
