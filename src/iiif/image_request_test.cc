#include "iiif/image_request.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "base/testing/status_matchers.h"

namespace mura::iiif {
namespace {

using ::mura::testing::StatusIs;
using ::testing::HasSubstr;

TEST(ParseRegionTest, EveryFormOfTheSpecification) {
  using Kind = Region::Kind;
  struct Case {
    const char* text;
    bool ok;
    Region expected;
  } cases[] = {
      {"full", true, {Kind::kFull, 0, 0, 0, 0}},
      {"square", true, {Kind::kSquare, 0, 0, 0, 0}},
      {"125,15,120,140", true, {Kind::kPixels, 125, 15, 120, 140}},
      {"0,0,1,1", true, {Kind::kPixels, 0, 0, 1, 1}},
      {"pct:41.6,7.5,40,70", true, {Kind::kPercent, 41.6, 7.5, 40, 70}},
      {"pct:0,0,100,100", true, {Kind::kPercent, 0, 0, 100, 100}},
      {"pct:.5,5.,1,1", true, {Kind::kPercent, 0.5, 5, 1, 1}},
      {"", false, {}},
      {"Full", false, {}},
      {"full ", false, {}},
      {"0,0,10", false, {}},
      {"0,0,10,10,10", false, {}},
      {"-1,0,10,10", false, {}},
      {"+1,0,10,10", false, {}},
      {"0,0,0,10", false, {}},
      {"0,0,10,0", false, {}},
      {"0,0,1.5,10", false, {}},
      {"0,0,1e3,10", false, {}},
      {"a,b,c,d", false, {}},
      {"pct:0,0,0,10", false, {}},
      {"pct:-5,0,10,10", false, {}},
      {"pct:0,0,10", false, {}},
      {"pct:0,0,1.2.3,10", false, {}},
      {"pct:", false, {}},
      {"0,0,99999999999,1", false, {}},
      {"0,,10,10", false, {}},
  };
  for (const auto& test : cases) {
    SCOPED_TRACE(test.text);
    auto region = parse_region(test.text);
    if (test.ok) {
      ASSERT_TRUE(region.has_value()) << region.error().to_string();
      EXPECT_EQ(*region, test.expected);
    } else {
      EXPECT_THAT(region, StatusIs(StatusCode::kInvalidArgument, HasSubstr("IIIF region")));
    }
  }
}

TEST(ParseSizeTest, EveryFormOfTheSpecification) {
  using Kind = Size::Kind;
  struct Case {
    const char* text;
    bool ok;
    Size expected;
  } cases[] = {
      {"max", true, {Kind::kMax, false, 0, 0, 0}},
      {"^max", true, {Kind::kMax, true, 0, 0, 0}},
      {"150,", true, {Kind::kWidth, false, 150, 0, 0}},
      {"^360,", true, {Kind::kWidth, true, 360, 0, 0}},
      {",150", true, {Kind::kHeight, false, 0, 150, 0}},
      {"^,240", true, {Kind::kHeight, true, 0, 240, 0}},
      {"pct:50", true, {Kind::kPercent, false, 0, 0, 50}},
      {"pct:12.5", true, {Kind::kPercent, false, 0, 0, 12.5}},
      {"^pct:120", true, {Kind::kPercent, true, 0, 0, 120}},
      {"225,100", true, {Kind::kExact, false, 225, 100, 0}},
      {"^360,360", true, {Kind::kExact, true, 360, 360, 0}},
      {"!225,100", true, {Kind::kConfined, false, 225, 100, 0}},
      {"^!360,360", true, {Kind::kConfined, true, 360, 360, 0}},
      {"", false, {}},
      {"full", false, {}},  // Image API 2 only
      {"Max", false, {}},
      {"^", false, {}},
      {",", false, {}},
      {"0,", false, {}},
      {",0", false, {}},
      {"0,10", false, {}},
      {"-10,", false, {}},
      {"10.5,", false, {}},
      {"pct:0", false, {}},
      {"pct:101", false, {}},
      {"pct:", false, {}},
      {"pct:-1", false, {}},
      {"!10,", false, {}},
      {"!,10", false, {}},
      {"!^10,10", false, {}},  // the "^" comes first
      {"^^max", false, {}},
      {"10,10,10", false, {}},
      {"abc,", false, {}},
  };
  for (const auto& test : cases) {
    SCOPED_TRACE(test.text);
    auto size = parse_size(test.text);
    if (test.ok) {
      ASSERT_TRUE(size.has_value()) << size.error().to_string();
      EXPECT_EQ(*size, test.expected);
    } else {
      EXPECT_THAT(size, StatusIs(StatusCode::kInvalidArgument, HasSubstr("IIIF size")));
    }
  }
}

TEST(ParseRotationTest, EveryFormOfTheSpecification) {
  struct Case {
    const char* text;
    bool ok;
    bool mirror;
    double degrees;
  } cases[] = {
      {"0", true, false, 0},       {"90", true, false, 90},    {"180", true, false, 180},
      {"270", true, false, 270},   {"360", true, false, 360},  {"22.5", true, false, 22.5},
      {"!0", true, true, 0},       {"!90", true, true, 90},    {"!22.5", true, true, 22.5},
      {"0.5", true, false, 0.5},   {"", false, false, 0},      {"!", false, false, 0},
      {"-90", false, false, 0},    {"361", false, false, 0},   {"360.1", false, false, 0},
      {"90deg", false, false, 0},  {"!!90", false, false, 0},  {"9 0", false, false, 0},
      {"1e2", false, false, 0},
  };
  for (const auto& test : cases) {
    SCOPED_TRACE(test.text);
    auto rotation = parse_rotation(test.text);
    if (test.ok) {
      ASSERT_TRUE(rotation.has_value()) << rotation.error().to_string();
      EXPECT_EQ(rotation->mirror, test.mirror);
      EXPECT_EQ(rotation->degrees, test.degrees);
    } else {
      EXPECT_THAT(rotation, StatusIs(StatusCode::kInvalidArgument, HasSubstr("IIIF rotation")));
    }
  }
}

TEST(ParseQualityFormatTest, EveryQualityAndFormat) {
  struct Case {
    const char* text;
    StatusCode code;
    Quality quality;
    Format format;
    const char* message;
  } cases[] = {
      {"default.jpg", StatusCode::kOk, Quality::kDefault, Format::kJpg, ""},
      {"color.jpg", StatusCode::kOk, Quality::kColor, Format::kJpg, ""},
      {"gray.png", StatusCode::kOk, Quality::kGray, Format::kPng, ""},
      {"bitonal.webp", StatusCode::kOk, Quality::kBitonal, Format::kWebp, ""},
      {"default.tif", StatusCode::kUnimplemented, {}, {}, "tif"},
      {"default.gif", StatusCode::kUnimplemented, {}, {}, "gif"},
      {"default.jp2", StatusCode::kUnimplemented, {}, {}, "jp2"},
      {"default.pdf", StatusCode::kUnimplemented, {}, {}, "pdf"},
      {"default.bmp", StatusCode::kInvalidArgument, {}, {}, "IIIF format"},
      {"default.JPG", StatusCode::kInvalidArgument, {}, {}, "IIIF format"},
      {"default.", StatusCode::kInvalidArgument, {}, {}, "IIIF format"},
      {"native.jpg", StatusCode::kInvalidArgument, {}, {}, "IIIF quality"},  // Image API 1
      {"grey.jpg", StatusCode::kInvalidArgument, {}, {}, "IIIF quality"},
      {".jpg", StatusCode::kInvalidArgument, {}, {}, "IIIF quality"},
      {"default", StatusCode::kInvalidArgument, {}, {}, "quality.format"},
  };
  for (const auto& test : cases) {
    SCOPED_TRACE(test.text);
    auto parsed = parse_quality_format(test.text);
    if (test.code == StatusCode::kOk) {
      ASSERT_TRUE(parsed.has_value()) << parsed.error().to_string();
      EXPECT_EQ(parsed->first, test.quality);
      EXPECT_EQ(parsed->second, test.format);
    } else {
      EXPECT_THAT(parsed, StatusIs(test.code, HasSubstr(test.message)));
    }
  }
}

TEST(ParseImageRequestTest, FirstErrorInUrlOrderWins) {
  EXPECT_OK(parse_image_request("full", "max", "0", "default.jpg"));
  EXPECT_THAT(parse_image_request("x", "y", "z", "w"), StatusIs(StatusCode::kInvalidArgument, HasSubstr("region")));
  EXPECT_THAT(parse_image_request("full", "y", "z", "w"), StatusIs(StatusCode::kInvalidArgument, HasSubstr("size")));
  EXPECT_THAT(parse_image_request("full", "max", "z", "w"), StatusIs(StatusCode::kInvalidArgument, HasSubstr("rotation")));
  EXPECT_THAT(parse_image_request("full", "max", "0", "default.gif"), StatusIs(StatusCode::kUnimplemented));
}

// Resolution against a 300x200 image, as in the specification's examples, with limits.
TEST(ResolveTest, RegionsSizesAndCanonicalForms) {
  const ImageLimits none;
  struct Case {
    const char* region;
    const char* size;
    const char* rotation;
    PixelRect rect;
    std::int64_t width, height;
    const char* canonical;
  } cases[] = {
      {"full", "max", "0", {0, 0, 300, 200}, 300, 200, "full/max/0/default.jpg"},
      {"square", "max", "0", {50, 0, 200, 200}, 200, 200, "50,0,200,200/max/0/default.jpg"},
      {"0,0,300,200", "max", "0", {0, 0, 300, 200}, 300, 200, "full/max/0/default.jpg"},
      {"125,15,120,140", "max", "0", {125, 15, 120, 140}, 120, 140, "125,15,120,140/max/0/default.jpg"},
      {"125,15,200,200", "max", "0", {125, 15, 175, 185}, 175, 185, "125,15,175,185/max/0/default.jpg"},
      {"pct:10,10,50,50", "max", "0", {30, 20, 150, 100}, 150, 100, "30,20,150,100/max/0/default.jpg"},
      {"pct:0,0,100,100", "max", "0", {0, 0, 300, 200}, 300, 200, "full/max/0/default.jpg"},
      {"full", "150,", "0", {0, 0, 300, 200}, 150, 100, "full/150,100/0/default.jpg"},
      {"full", ",100", "0", {0, 0, 300, 200}, 150, 100, "full/150,100/0/default.jpg"},
      {"full", "pct:50", "0", {0, 0, 300, 200}, 150, 100, "full/150,100/0/default.jpg"},
      {"full", "225,100", "0", {0, 0, 300, 200}, 225, 100, "full/225,100/0/default.jpg"},
      {"full", "!225,100", "0", {0, 0, 300, 200}, 150, 100, "full/150,100/0/default.jpg"},
      {"full", "!400,400", "0", {0, 0, 300, 200}, 300, 200, "full/max/0/default.jpg"},
      {"full", "^!600,600", "0", {0, 0, 300, 200}, 600, 400, "full/^600,400/0/default.jpg"},
      {"full", "^600,", "0", {0, 0, 300, 200}, 600, 400, "full/^600,400/0/default.jpg"},
      {"full", "^,400", "0", {0, 0, 300, 200}, 600, 400, "full/^600,400/0/default.jpg"},
      {"full", "^pct:200", "0", {0, 0, 300, 200}, 600, 400, "full/^600,400/0/default.jpg"},
      {"full", "^300,300", "0", {0, 0, 300, 200}, 300, 300, "full/^300,300/0/default.jpg"},
      {"full", "^max", "0", {0, 0, 300, 200}, 300, 200, "full/max/0/default.jpg"},
      {"full", "max", "!90", {0, 0, 300, 200}, 300, 200, "full/max/!90/default.jpg"},
      {"full", "max", "22.50", {0, 0, 300, 200}, 300, 200, "full/max/22.5/default.jpg"},
      {"299,199,10,10", "max", "0", {299, 199, 1, 1}, 1, 1, "299,199,1,1/max/0/default.jpg"},
      {"full", "1,", "0", {0, 0, 300, 200}, 1, 1, "full/1,1/0/default.jpg"},
  };
  for (const auto& test : cases) {
    SCOPED_TRACE(std::string(test.region) + "/" + test.size + "/" + test.rotation);
    ASSERT_OK_AND_ASSIGN(auto request, parse_image_request(test.region, test.size, test.rotation, "default.jpg"));
    ASSERT_OK_AND_ASSIGN(auto resolved, resolve(request, 300, 200, none));
    EXPECT_EQ(resolved.region, test.rect);
    EXPECT_EQ(resolved.width, test.width);
    EXPECT_EQ(resolved.height, test.height);
    EXPECT_EQ(resolved.canonical(), test.canonical);
  }
}

TEST(ResolveTest, RejectsOutsideRegionsUpscalingAndLimitsWith400) {
  const ImageLimits limits{1000, 800, 400'000};
  struct Case {
    const char* region;
    const char* size;
    const char* message;
  } cases[] = {
      {"300,0,10,10", "max", "outside"},
      {"0,200,10,10", "max", "outside"},
      {"pct:100,0,10,10", "max", "outside"},
      {"pct:0,0,0.01,0.01", "max", "smaller than one pixel"},
      {"full", "301,", "without \"^\""},
      {"full", ",201", "without \"^\""},
      {"full", "301,200", "without \"^\""},
      {"full", "300,201", "without \"^\""},
      {"0,0,10,10", "11,", "without \"^\""},
      {"full", "^1001,", "larger than this server returns"},
      {"full", "^,801", "larger than this server returns"},
      {"full", "^800,800", "larger than this server returns"},  // area 640,000
  };
  for (const auto& test : cases) {
    SCOPED_TRACE(std::string(test.region) + "/" + test.size);
    ASSERT_OK_AND_ASSIGN(auto request, parse_image_request(test.region, test.size, "0", "default.jpg"));
    EXPECT_THAT(resolve(request, 300, 200, limits),
                StatusIs(StatusCode::kInvalidArgument, HasSubstr(test.message)));
  }
}

TEST(ResolveTest, MaxRespectsLimitsAndUpscalesToThemWithCaret) {
  const ImageLimits limits{1000, 800, 400'000};
  ASSERT_OK_AND_ASSIGN(auto max, parse_image_request("full", "max", "0", "default.jpg"));
  ASSERT_OK_AND_ASSIGN(auto big, resolve(max, 4000, 2000, limits));
  EXPECT_EQ(big.width, 894);  // sqrt(400000 / 8e6) * 4000, rounded down
  EXPECT_EQ(big.height, 447);
  EXPECT_LE(big.width * big.height, limits.max_area);
  EXPECT_EQ(big.canonical(), "full/max/0/default.jpg");
  ASSERT_OK_AND_ASSIGN(auto caret, parse_image_request("full", "^max", "0", "default.jpg"));
  ASSERT_OK_AND_ASSIGN(auto up, resolve(caret, 100, 50, limits));
  EXPECT_EQ(up.width, 894);
  EXPECT_EQ(up.height, 447);
  EXPECT_EQ(up.canonical(), "full/^894,447/0/default.jpg");
  EXPECT_EQ(max_size_for(300, 200, limits), (std::pair<std::int64_t, std::int64_t>{300, 200}));
}

TEST(ResolveTest, OutputSizeAfterRotation) {
  ResolvedRequest resolved;
  resolved.width = 300;
  resolved.height = 200;
  EXPECT_EQ(resolved.output_size(), (std::pair<std::int64_t, std::int64_t>{300, 200}));
  resolved.rotation.degrees = 90;
  EXPECT_EQ(resolved.output_size(), (std::pair<std::int64_t, std::int64_t>{200, 300}));
  resolved.rotation.degrees = 180;
  EXPECT_EQ(resolved.output_size(), (std::pair<std::int64_t, std::int64_t>{300, 200}));
  resolved.rotation.degrees = 45;
  EXPECT_EQ(resolved.output_size(), (std::pair<std::int64_t, std::int64_t>{354, 354}));
  EXPECT_EQ(format_number(90), "90");
  EXPECT_EQ(format_number(22.5), "22.5");
  EXPECT_EQ(format_number(0.125), "0.125");
}

}  // namespace
}  // namespace mura::iiif
