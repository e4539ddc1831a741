#include "iiif/raster.h"

#include <gtest/gtest.h>

#include "base/testing/status_matchers.h"
#include "iiif/jpeg_codec.h"

namespace mura::iiif {
namespace {

// A 4x2 RGB raster whose pixels are distinct: (x, y) -> (10x, 100y, 7).
Raster numbered() {
  Raster raster(4, 2, 3);
  for (int y = 0; y < 2; ++y) {
    for (int x = 0; x < 4; ++x) {
      std::uint8_t* p = raster.row(y) + x * 3;
      p[0] = static_cast<std::uint8_t>(10 * x);
      p[1] = static_cast<std::uint8_t>(100 * y);
      p[2] = 7;
    }
  }
  return raster;
}

TEST(RasterTest, ResampleAtScaleOneCopiesExactly) {
  const Raster source = numbered();
  const Raster copy = resample(source, 1, 0, 2, 2, 2, 2);
  ASSERT_EQ(copy.width, 2);
  EXPECT_EQ(copy.row(0)[0], 10);
  EXPECT_EQ(copy.row(0)[3], 20);
  EXPECT_EQ(copy.row(1)[1], 100);
}

TEST(RasterTest, ResampleAveragesWhenShrinking) {
  Raster source(8, 8, 1);
  for (int y = 0; y < 8; ++y) {
    for (int x = 0; x < 8; ++x) source.row(y)[x] = (x + y) % 2 == 0 ? 0 : 200;
  }
  const Raster half = resample(source, 0, 0, 8, 8, 4, 4);
  for (int y = 1; y < 3; ++y) {
    for (int x = 1; x < 3; ++x) EXPECT_NEAR(half.row(y)[x], 100, 2);  // away from the edges
  }
  Raster single(1, 1, 1);
  single.pixels[0] = 42;
  const Raster up = resample(single, 0, 0, 1, 1, 3, 3);  // one pixel enlarged stays that pixel
  for (auto value : up.pixels) EXPECT_EQ(value, 42);
}

TEST(RasterTest, GrayBitonalMirrorAndQuarterTurns) {
  const Raster source = numbered();
  const Raster gray = to_gray(source);
  EXPECT_EQ(gray.bands, 1);
  EXPECT_EQ(gray.row(1)[3], (299 * 30 + 587 * 100 + 114 * 7 + 500) / 1000);
  for (auto value : to_bitonal(source).pixels) EXPECT_TRUE(value == 0 || value == 255);
  const Raster mirrored = mirror(source);
  EXPECT_EQ(mirrored.row(0)[0], 30);
  const Raster turned = rotate_quarters(source, 1);  // clockwise: the bottom-left goes top-left
  ASSERT_EQ(turned.width, 2);
  ASSERT_EQ(turned.height, 4);
  EXPECT_EQ(turned.row(0)[1], 100);  // from (0, 1)
  EXPECT_EQ(turned.row(0)[3 + 1], 0);  // from (0, 0)
  const Raster back = rotate_quarters(rotate_quarters(turned, 2), 1);
  EXPECT_EQ(back.pixels, source.pixels);
}

TEST(JpegCodecTest, RoundTripAndDctScaling) {
  Raster flat(64, 48, 3);
  for (std::size_t i = 0; i < flat.pixels.size(); i += 3) {
    flat.pixels[i] = 200;
    flat.pixels[i + 1] = 40;
    flat.pixels[i + 2] = 90;
  }
  ASSERT_OK_AND_ASSIGN(auto jpeg, encode_jpeg(flat, 90));
  ASSERT_OK_AND_ASSIGN(auto full, decode_jpeg(jpeg));
  EXPECT_EQ(full.width, 64);
  EXPECT_EQ(full.height, 48);
  EXPECT_NEAR(full.row(20)[30 * 3], 200, 4);
  ASSERT_OK_AND_ASSIGN(auto eighth, decode_jpeg(jpeg, 8));
  EXPECT_EQ(eighth.width, 8);
  EXPECT_EQ(eighth.height, 6);
  EXPECT_NEAR(eighth.row(3)[4 * 3 + 1], 40, 4);
  EXPECT_THAT(decode_jpeg("not a jpeg"), ::mura::testing::StatusIs(StatusCode::kDataLoss));
  EXPECT_THAT(decode_jpeg(jpeg, 3), ::mura::testing::StatusIs(StatusCode::kInvalidArgument));
}

}  // namespace
}  // namespace mura::iiif
