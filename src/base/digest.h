// Digests (OpenSSL EVP): the algorithms OCFL and BagIt name, streaming, lowercase hex.
// A Hasher is used by one thread at a time.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "base/file_system.h"

namespace mura {

enum class DigestAlgorithm { kMd5, kSha1, kSha256, kSha512, kBlake2b512, kSha512_256 };

// The name used by OCFL and BagIt ("sha512", "blake2b-512", "sha512/256").
std::string_view digest_algorithm_name(DigestAlgorithm algorithm);
std::optional<DigestAlgorithm> parse_digest_algorithm(std::string_view name);
// Number of hex characters of a digest.
std::size_t digest_hex_length(DigestAlgorithm algorithm);

class Hasher {
 public:
  explicit Hasher(DigestAlgorithm algorithm);
  ~Hasher();
  Hasher(const Hasher&) = delete;
  Hasher& operator=(const Hasher&) = delete;

  void update(std::string_view data);
  // The lowercase hex digest; the hasher is reset for reuse.
  std::string finish();

 private:
  struct State;
  std::unique_ptr<State> state_;
  DigestAlgorithm algorithm_;
};

std::string digest_hex(DigestAlgorithm algorithm, std::string_view data);
// Streams the file through the hasher in 1 MiB pieces.
Result<std::string> digest_file(FileSystem& fs, const std::string& path,
                                DigestAlgorithm algorithm);

}  // namespace mura
