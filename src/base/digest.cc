#include "base/digest.h"

#include <openssl/evp.h>

#include <vector>

namespace mura {

struct Hasher::State {
  EVP_MD_CTX* context = nullptr;
  const EVP_MD* md = nullptr;
  ~State() { EVP_MD_CTX_free(context); }
};

namespace {

const EVP_MD* md_for(DigestAlgorithm algorithm) {
  switch (algorithm) {
    case DigestAlgorithm::kMd5: return EVP_md5();
    case DigestAlgorithm::kSha1: return EVP_sha1();
    case DigestAlgorithm::kSha256: return EVP_sha256();
    case DigestAlgorithm::kSha512: return EVP_sha512();
    case DigestAlgorithm::kBlake2b512: return EVP_blake2b512();
    case DigestAlgorithm::kSha512_256: return EVP_sha512_256();
  }
  return EVP_sha512();
}

}  // namespace

std::string_view digest_algorithm_name(DigestAlgorithm algorithm) {
  switch (algorithm) {
    case DigestAlgorithm::kMd5: return "md5";
    case DigestAlgorithm::kSha1: return "sha1";
    case DigestAlgorithm::kSha256: return "sha256";
    case DigestAlgorithm::kSha512: return "sha512";
    case DigestAlgorithm::kBlake2b512: return "blake2b-512";
    case DigestAlgorithm::kSha512_256: return "sha512/256";
  }
  return "sha512";
}

std::optional<DigestAlgorithm> parse_digest_algorithm(std::string_view name) {
  for (auto algorithm : {DigestAlgorithm::kMd5, DigestAlgorithm::kSha1, DigestAlgorithm::kSha256,
                         DigestAlgorithm::kSha512, DigestAlgorithm::kBlake2b512,
                         DigestAlgorithm::kSha512_256}) {
    if (digest_algorithm_name(algorithm) == name) return algorithm;
  }
  return std::nullopt;
}

std::size_t digest_hex_length(DigestAlgorithm algorithm) {
  return static_cast<std::size_t>(EVP_MD_get_size(md_for(algorithm))) * 2;
}

Hasher::Hasher(DigestAlgorithm algorithm) : state_(std::make_unique<State>()), algorithm_(algorithm) {
  state_->md = md_for(algorithm);
  state_->context = EVP_MD_CTX_new();
  MURA_CHECK(state_->context != nullptr);
  MURA_CHECK(EVP_DigestInit_ex(state_->context, state_->md, nullptr) == 1);
}

Hasher::~Hasher() = default;

void Hasher::update(std::string_view data) {
  MURA_CHECK(EVP_DigestUpdate(state_->context, data.data(), data.size()) == 1);
}

std::string Hasher::finish() {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  MURA_CHECK(EVP_DigestFinal_ex(state_->context, digest, &length) == 1);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex;
  hex.reserve(length * 2);
  for (unsigned int i = 0; i < length; ++i) {
    hex += kHex[digest[i] >> 4];
    hex += kHex[digest[i] & 0xf];
  }
  MURA_CHECK(EVP_DigestInit_ex(state_->context, state_->md, nullptr) == 1);
  return hex;
}

std::string digest_hex(DigestAlgorithm algorithm, std::string_view data) {
  Hasher hasher(algorithm);
  hasher.update(data);
  return hasher.finish();
}

Result<std::string> digest_file(FileSystem& fs, const std::string& path,
                                DigestAlgorithm algorithm) {
  MURA_ASSIGN_OR_RETURN(auto file, fs.open_readable(path));
  Hasher hasher(algorithm);
  std::vector<char> buffer(1 << 20);
  std::uint64_t offset = 0;
  for (;;) {
    MURA_ASSIGN_OR_RETURN(std::size_t count, file->read_at(offset, buffer));
    if (count == 0) break;
    hasher.update(std::string_view(buffer.data(), count));
    offset += count;
  }
  return hasher.finish();
}

}  // namespace mura
