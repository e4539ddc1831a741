#include "base/digest.h"

#include "base/memory_file_system.h"
#include "base/testing/status_matchers.h"

namespace mura {
namespace {

struct DigestCase {
  DigestAlgorithm algorithm;
  const char* name;
  const char* digest_of_abc;
};

// Published test vectors for "abc" (FIPS 180-4, RFC 1321, RFC 7693).
const DigestCase kCases[] = {
    {DigestAlgorithm::kMd5, "md5", "900150983cd24fb0d6963f7d28e17f72"},
    {DigestAlgorithm::kSha1, "sha1", "a9993e364706816aba3e25717850c26c9cd0d89d"},
    {DigestAlgorithm::kSha256, "sha256",
     "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"},
    {DigestAlgorithm::kSha512, "sha512",
     "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3fee"
     "bbd454d4423643ce80e2a9ac94fa54ca49f"},
    {DigestAlgorithm::kBlake2b512, "blake2b-512",
     "ba80a53f981c4d0d6a2797b69f12f6e94c212f14685ac4b74b12bb6fdbffa2d17d87c5392aab792dc252d5de4533c"
     "c9518d38aa8dbf1925ab92386edd4009923"},
};

TEST(DigestTest, KnownVectors) {
  for (const auto& c : kCases) {
    SCOPED_TRACE(c.name);
    EXPECT_EQ(digest_hex(c.algorithm, "abc"), c.digest_of_abc);
    EXPECT_EQ(digest_algorithm_name(c.algorithm), c.name);
    EXPECT_EQ(parse_digest_algorithm(c.name), c.algorithm);
    EXPECT_EQ(digest_hex_length(c.algorithm), std::string_view(c.digest_of_abc).size());
  }
  EXPECT_EQ(parse_digest_algorithm("SHA512"), std::nullopt);
}

TEST(DigestTest, StreamingEqualsOneShot) {
  Hasher hasher(DigestAlgorithm::kSha512);
  hasher.update("a");
  hasher.update("bc");
  EXPECT_EQ(hasher.finish(), digest_hex(DigestAlgorithm::kSha512, "abc"));
  hasher.update("abc");  // reusable after finish()
  EXPECT_EQ(hasher.finish(), digest_hex(DigestAlgorithm::kSha512, "abc"));
}

TEST(DigestTest, FileDigest) {
  MemoryFileSystem fs;
  ASSERT_OK(write_file(fs, "/f", std::string(3 << 20, 'x')));
  ASSERT_OK_AND_ASSIGN(auto digest, digest_file(fs, "/f", DigestAlgorithm::kSha256));
  EXPECT_EQ(digest, digest_hex(DigestAlgorithm::kSha256, std::string(3 << 20, 'x')));
  EXPECT_THAT(digest_file(fs, "/missing", DigestAlgorithm::kSha256),
              testing::StatusIs(StatusCode::kNotFound));
}

}  // namespace
}  // namespace mura
