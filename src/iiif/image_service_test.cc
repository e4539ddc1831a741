// The image service on a real image: the IIIF Image API validator's 1000x1000 test pattern
// (ten by ten squares of distinct colours) made into a real pyramid with libvips.
#include "iiif/image_service.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <thread>

#include <nlohmann/json.hpp>

#include "base/testing/status_matchers.h"
#include "iiif/jpeg_codec.h"
#include "media/image_pyramid.h"
#include "media/vips_support.h"

namespace mura::iiif {
namespace {

using ::mura::testing::StatusIs;
using ::testing::HasSubstr;
using Origin = RenderedImage::Origin;

std::string test_pattern() {
  const char* shared = std::getenv("MURA_SHARED");
  return std::string(shared ? shared : MURA_SHARED_DIR) +
         "/conformance/iiif/image/67352ccc-d1b0-11e1-89ae-279075081939.png";
}

struct Rgb {
  int r, g, b;
};

// Decodes any output (JPEG, PNG, WebP) with libvips into a Raster.
Raster decode_any(const std::string& bytes) {
  media::VipsImagePtr image(vips_image_new_from_buffer(bytes.data(), bytes.size(), "", nullptr));
  EXPECT_TRUE(image != nullptr);
  if (!image) return {};
  Raster raster(image->Xsize, image->Ysize, image->Bands);
  std::size_t size = 0;
  void* memory = vips_image_write_to_memory(image.get(), &size);
  std::copy_n(static_cast<std::uint8_t*>(memory), std::min(size, raster.pixels.size()), raster.pixels.data());
  g_free(memory);
  return raster;
}

Rgb at(const Raster& raster, int x, int y) {
  const std::uint8_t* p = raster.row(y) + static_cast<std::size_t>(x) * static_cast<std::size_t>(raster.bands);
  if (raster.bands < 3) return {p[0], p[0], p[0]};
  return {p[0], p[1], p[2]};
}

void expect_near(Rgb actual, Rgb expected, int tolerance = 14) {
  EXPECT_NEAR(actual.r, expected.r, tolerance);
  EXPECT_NEAR(actual.g, expected.g, tolerance);
  EXPECT_NEAR(actual.b, expected.b, tolerance);
}

class ImageServiceTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    std::random_device random;
    directory_ = new std::filesystem::path(std::filesystem::temp_directory_path() /
                                           ("mura-iiif-test-" + std::to_string(random())));
    std::filesystem::create_directories(*directory_);
    auto built = media::build_pyramid(test_pattern(), (*directory_ / "pattern.tif").string());
    ASSERT_TRUE(built.has_value()) << built.error().to_string();
    auto original = decode_any_file(test_pattern());
    original_ = new Raster(std::move(original));
  }
  static void TearDownTestSuite() {
    std::filesystem::remove_all(*directory_);
    delete directory_;
    delete original_;
  }
  static Raster decode_any_file(const std::string& path) {
    std::string bytes;
    std::FILE* file = std::fopen(path.c_str(), "rb");
    char buffer[65536];
    std::size_t got = 0;
    while ((got = std::fread(buffer, 1, sizeof buffer, file)) > 0) bytes.append(buffer, got);
    std::fclose(file);
    return decode_any(bytes);
  }
  // The colour of the square that holds pixel (x, y) of the original.
  static Rgb square(int x, int y) { return at(*original_, x / 100 * 100 + 50, y / 100 * 100 + 50); }

  ImageSource source() const { return {"pattern", (*directory_ / "pattern.tif").string()}; }
  Result<RenderedImage> render(ImageService& service, const std::string& url,
                               const std::string& thumbnail_path = "") {
    std::vector<std::string> parts;
    std::size_t start = 0;
    for (std::size_t slash; (slash = url.find('/', start)) != std::string::npos; start = slash + 1) {
      parts.push_back(url.substr(start, slash - start));
    }
    parts.push_back(url.substr(start));
    EXPECT_EQ(parts.size(), 4u);
    MURA_ASSIGN_OR_RETURN(auto request, parse_image_request(parts[0], parts[1], parts[2], parts[3]));
    ImageSource image = source();
    image.thumbnail_path = thumbnail_path;
    return service.render(image, request);
  }

  static std::filesystem::path* directory_;
  static Raster* original_;
};

std::filesystem::path* ImageServiceTest::directory_ = nullptr;
Raster* ImageServiceTest::original_ = nullptr;

TEST_F(ImageServiceTest, DescribesThePyramid) {
  ImageService service;
  ASSERT_OK_AND_ASSIGN(auto description, service.describe(source()));
  EXPECT_EQ(description.width, 1000);
  EXPECT_EQ(description.height, 1000);
  EXPECT_EQ(description.tile_width, 256);
  EXPECT_EQ(description.scale_factors, (std::vector<std::int64_t>{1, 2, 4}));
  ASSERT_EQ(description.sizes.size(), 3u);
  EXPECT_EQ(description.sizes.back(), (std::pair<std::int64_t, std::int64_t>{1000, 1000}));
  auto info = nlohmann::json::parse(info_json(description, "https://x.test/iiif/3/a~b", service.limits(),
                                              "http://rightsstatements.org/vocab/InC/1.0/"));
  EXPECT_EQ(info["@context"], "http://iiif.io/api/image/3/context.json");
  EXPECT_EQ(info["type"], "ImageService3");
  EXPECT_EQ(info["protocol"], "http://iiif.io/api/image");
  EXPECT_EQ(info["profile"], "level2");
  EXPECT_EQ(info["id"], "https://x.test/iiif/3/a~b");
  EXPECT_EQ(info["tiles"][0]["scaleFactors"], nlohmann::json::array({1, 2, 4}));
  EXPECT_EQ(info["maxArea"], 25'000'000);
  EXPECT_EQ(info["sizes"][0]["width"], 250);
  EXPECT_EQ(info["rights"], "http://rightsstatements.org/vocab/InC/1.0/");
  EXPECT_THAT(service.describe({"missing", (*directory_ / "missing.tif").string()}),
              StatusIs(StatusCode::kNotFound));
  EXPECT_THAT(service.describe({"png", test_pattern()}), StatusIs(StatusCode::kFailedPrecondition));
}

TEST_F(ImageServiceTest, SendsStoredTilesUnchanged) {
  ImageService service;
  for (const char* url : {"0,0,256,256/256,256/0/default.jpg", "256,512,256,256/256,/0/color.jpg",
                          "0,0,512,512/256,256/0/default.jpg", "0,0,1000,1000/250,250/0/default.jpg"}) {
    SCOPED_TRACE(url);
    if (std::string(url).starts_with("0,0,1000")) {
      // The last level is a single tile smaller than the tile size: drawn, not stored.
      ASSERT_OK_AND_ASSIGN(auto drawn, render(service, url));
      EXPECT_NE(drawn.origin, Origin::kStoredTile);
      continue;
    }
    ASSERT_OK_AND_ASSIGN(auto tile, render(service, url));
    EXPECT_EQ(tile.origin, Origin::kStoredTile);
    EXPECT_EQ(tile.media_type, "image/jpeg");
    ASSERT_OK_AND_ASSIGN(auto raster, decode_jpeg(*tile.bytes));
    EXPECT_EQ(raster.width, 256);
    EXPECT_EQ(raster.height, 256);
  }
  ASSERT_OK_AND_ASSIGN(auto tile, render(service, "256,512,256,256/256,/0/default.jpg"));
  ASSERT_OK_AND_ASSIGN(auto raster, decode_jpeg(*tile.bytes));
  expect_near(at(raster, 10, 10), square(266, 522));
  expect_near(at(raster, 200, 200), square(456, 712));
  EXPECT_EQ(service.stats().stored_tiles, 4u);
}

TEST_F(ImageServiceTest, SendsTheStoredThumbnailForExactlyItsRequest) {
  // A stored thumbnail made as the derivative jobs make it, then marked so that its bytes show.
  ImageService maker;
  ASSERT_OK_AND_ASSIGN(auto made, maker.render(source(), thumbnail_request()));
  const auto path = *directory_ / "thumbnail.jpg";
  const std::string stored = *made.bytes + "stored";
  std::ofstream(path, std::ios::binary) << stored;

  ImageService service;
  // "!400,400" of a 1000 x 1000 image, as asked and in its canonical form.
  for (const char* url : {"full/!400,400/0/default.jpg", "full/400,400/0/default.jpg"}) {
    SCOPED_TRACE(url);
    ASSERT_OK_AND_ASSIGN(auto thumbnail, render(service, url, path.string()));
    EXPECT_EQ(*thumbnail.bytes, stored);
  }
  EXPECT_EQ(service.stats().stored_thumbnails, 1u) << "the second came from the output cache";
  // Any other request is drawn; without a stored file, the thumbnail is drawn too.
  ASSERT_OK_AND_ASSIGN(auto other, render(service, "full/!300,300/0/default.jpg", path.string()));
  EXPECT_EQ(other.origin, Origin::kRendered);
  ImageService fresh;
  ASSERT_OK_AND_ASSIGN(auto drawn, render(fresh, "full/!400,400/0/default.jpg",
                                          (*directory_ / "no-thumbnail.jpg").string()));
  EXPECT_EQ(drawn.origin, Origin::kRendered);
  EXPECT_EQ(*drawn.bytes, *made.bytes);
}

TEST_F(ImageServiceTest, DrawsRegionsAtEveryScaleWithTheRightPixels) {
  ImageService service;
  struct Case {
    const char* url;
    int width, height;
    // Points of the output and the original pixel they show.
    std::vector<std::pair<std::pair<int, int>, std::pair<int, int>>> points;
  } cases[] = {
      {"full/max/0/default.jpg", 1000, 1000, {{{50, 50}, {50, 50}}, {{950, 850}, {950, 850}}}},
      {"full/100,/0/default.jpg", 100, 100, {{{5, 5}, {50, 50}}, {{95, 35}, {950, 350}}}},
      {"full/,333/0/default.jpg", 333, 333, {{{16, 16}, {50, 50}}, {{316, 40}, {949, 120}}}},
      {"768,768,232,232/max/0/default.jpg", 232, 232, {{{100, 100}, {868, 868}}}},
      {"110,210,380,180/190,90/0/default.jpg", 190, 90, {{{10, 10}, {130, 230}}, {{180, 80}, {470, 370}}}},
      {"pct:50,50,50,50/pct:10/0/default.jpg", 50, 50, {{{5, 5}, {550, 550}}, {{45, 45}, {950, 950}}}},
      {"square/!64,64/0/default.jpg", 64, 64, {{{3, 3}, {50, 50}}}},
      {"10,10,30,30/^90,/0/default.jpg", 90, 90, {{{45, 45}, {25, 25}}}},
      {"full/400,200/0/default.jpg", 400, 200, {{{20, 10}, {50, 50}}, {{380, 190}, {950, 950}}}},
  };
  for (const auto& test : cases) {
    SCOPED_TRACE(test.url);
    ASSERT_OK_AND_ASSIGN(auto image, render(service, test.url));
    EXPECT_EQ(image.origin, Origin::kRendered);
    ASSERT_OK_AND_ASSIGN(auto raster, decode_jpeg(*image.bytes));
    EXPECT_EQ(raster.width, test.width);
    EXPECT_EQ(raster.height, test.height);
    for (const auto& [output, original] : test.points) {
      SCOPED_TRACE(std::to_string(output.first) + "," + std::to_string(output.second));
      expect_near(at(raster, output.first, output.second), square(original.first, original.second));
    }
  }
}

TEST_F(ImageServiceTest, QualitiesRotationsAndFormats) {
  ImageService service;
  // Mirrored: the left edge shows the right edge of the original.
  ASSERT_OK_AND_ASSIGN(auto mirrored, render(service, "full/200,/!0/default.png"));
  EXPECT_EQ(mirrored.media_type, "image/png");
  Raster raster = decode_any(*mirrored.bytes);
  expect_near(at(raster, 5, 5), square(975, 25));
  // A quarter turn clockwise: the top-left shows the original's bottom-left.
  ASSERT_OK_AND_ASSIGN(auto turned, render(service, "0,0,1000,500/200,/90/default.jpg"));
  raster = decode_any(*turned.bytes);
  EXPECT_EQ(raster.width, 100);
  EXPECT_EQ(raster.height, 200);
  expect_near(at(raster, 5, 5), square(25, 475));
  // Any angle: a larger canvas, white corners in JPEG, transparent ones in PNG.
  ASSERT_OK_AND_ASSIGN(auto tilted, render(service, "full/100,/45/default.jpg"));
  raster = decode_any(*tilted.bytes);
  EXPECT_NEAR(raster.width, 142, 2);
  expect_near(at(raster, 1, 1), {255, 255, 255}, 6);
  ASSERT_OK_AND_ASSIGN(auto clear, render(service, "full/100,/45/default.png"));
  raster = decode_any(*clear.bytes);
  ASSERT_EQ(raster.bands, 4);
  EXPECT_EQ(raster.row(1)[4 + 3], 0);
  // Gray and bitonal have one band; WebP decodes.
  ASSERT_OK_AND_ASSIGN(auto gray, render(service, "full/100,/0/gray.jpg"));
  raster = decode_any(*gray.bytes);
  EXPECT_EQ(raster.bands, 1);
  ASSERT_OK_AND_ASSIGN(auto bitonal, render(service, "full/100,/0/bitonal.png"));
  raster = decode_any(*bitonal.bytes);
  for (auto value : raster.pixels) ASSERT_TRUE(value == 0 || value == 255);
  ASSERT_OK_AND_ASSIGN(auto webp, render(service, "full/100,/0/default.webp"));
  EXPECT_EQ(webp.media_type, "image/webp");
  EXPECT_EQ(decode_any(*webp.bytes).width, 100);
}

TEST_F(ImageServiceTest, CachesOutputsAndGivesCanonicalForms) {
  ImageService service;
  ASSERT_OK_AND_ASSIGN(auto first, render(service, "pct:0,0,100,100/!400,400/0/default.jpg"));
  EXPECT_EQ(first.origin, Origin::kRendered);
  EXPECT_EQ(first.canonical, "full/400,400/0/default.jpg");
  ASSERT_OK_AND_ASSIGN(auto again, render(service, "full/400,/0/default.jpg"));
  EXPECT_EQ(again.origin, Origin::kCache);
  EXPECT_EQ(*again.bytes, *first.bytes);
  EXPECT_EQ(service.stats().outputs.hits, 1u);
  EXPECT_THAT(render(service, "1000,0,10,10/max/0/default.jpg"),
              StatusIs(StatusCode::kInvalidArgument, HasSubstr("outside")));
  EXPECT_THAT(render(service, "full/1001,/0/default.jpg"), StatusIs(StatusCode::kInvalidArgument));
}

TEST_F(ImageServiceTest, PixelBudgetRefusesWhatItCannotAdmit) {
  ImageServiceOptions options;
  options.large_request_pixels = 1000;
  options.pixel_budget = 10;  // anything large runs alone
  options.budget_wait = std::chrono::milliseconds(0);
  ImageService service(options);
  // Alone, a large request is admitted; several at once, some are refused or all succeed in
  // turn — never more than one at a time is in flight, which the counters show.
  std::vector<std::thread> threads;
  std::atomic<int> ok{0}, refused{0};
  for (int i = 0; i < 4; ++i) {
    threads.emplace_back([&, i] {
      auto image = render(service,
                          "full/" + std::to_string(900 + i) + ",/0/default.jpg");
      if (image) {
        ++ok;
      } else if (image.error().code() == StatusCode::kUnavailable) {
        ++refused;
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(ok + refused, 4);
  EXPECT_GE(ok.load(), 1);
  EXPECT_EQ(service.stats().refused, static_cast<std::uint64_t>(refused.load()));
}

}  // namespace
}  // namespace mura::iiif
