#include "media/derivative_paths.h"

#include <gtest/gtest.h>

namespace mura::media {
namespace {

TEST(DerivativePathsTest, NamesEveryKindAndParsesThemBack) {
  const std::string digest = "ab" + std::string(126, '0');
  struct Case {
    DerivativeKind kind;
    const char* name;
  } cases[] = {
      {DerivativeKind::kTechnical, "technical.json"}, {DerivativeKind::kPyramid, "pyramid.tif"},
      {DerivativeKind::kOcr, "ocr.json"},             {DerivativeKind::kHocr, "ocr.hocr"},
      {DerivativeKind::kPdfText, "text.json"},        {DerivativeKind::kVideo, "rendition.mp4"},
      {DerivativeKind::kAudio, "rendition.m4a"},
  };
  for (const auto& test : cases) {
    SCOPED_TRACE(test.name);
    EXPECT_EQ(derivative_file_name(test.kind), test.name);
    EXPECT_EQ(parse_derivative_file_name(test.name), test.kind);
    EXPECT_EQ(derivative_path("/srv/repo", digest, test.kind),
              "/srv/repo/derivatives/ab/" + digest + "/" + test.name);
    EXPECT_EQ(derivative_path("/srv/repo/", digest, test.kind),
              "/srv/repo/derivatives/ab/" + digest + "/" + test.name);
  }
  for (const char* other : {"", "pyramid.tiff", "jobs", "../technical.json", "OCR.json"}) {
    EXPECT_FALSE(parse_derivative_file_name(other).has_value()) << other;
  }
  EXPECT_EQ(derivatives_root("/srv/repo"), "/srv/repo/derivatives");
  EXPECT_EQ(jobs_directory("/srv/repo"), "/srv/repo/derivatives/jobs");
}

TEST(DerivativePathsTest, RecognisesSha512) {
  EXPECT_TRUE(is_sha512_hex(std::string(128, 'f')));
  EXPECT_FALSE(is_sha512_hex(std::string(127, 'f')));
  EXPECT_FALSE(is_sha512_hex(std::string(128, 'F')));
  EXPECT_FALSE(is_sha512_hex(std::string(127, 'f') + "/"));
}

}  // namespace
}  // namespace mura::media
