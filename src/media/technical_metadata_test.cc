#include "media/technical_metadata.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <random>

#include "base/testing/status_matchers.h"
#include "media/av_rendition.h"
#include "media/image_pyramid.h"
#include "media/subprocess.h"

namespace mura::media {
namespace {

using ::mura::testing::StatusIs;
using ::testing::HasSubstr;

std::string demo(const std::string& path) {
  const char* source = std::getenv("MURA_SOURCE_DIR");
  return std::string(source ? source : ".") + "/demo/files/" + path;
}

class TechnicalMetadataTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::random_device random;
    directory_ = std::filesystem::temp_directory_path() / ("mura-media-test-" + std::to_string(random()));
    std::filesystem::create_directories(directory_);
  }
  void TearDown() override { std::filesystem::remove_all(directory_); }
  // Makes a short test signal with ffmpeg's own generators.
  std::string generate(const std::string& name, const std::vector<std::string>& arguments) {
    const std::string path = (directory_ / name).string();
    std::vector<std::string> argv = {"ffmpeg", "-nostdin", "-loglevel", "error", "-y"};
    argv.insert(argv.end(), arguments.begin(), arguments.end());
    argv.push_back(path);
    auto output = run_process(argv, std::chrono::seconds(60));
    EXPECT_TRUE(output.has_value() && output->exit_code == 0) << (output ? output->err : output.error().to_string());
    return path;
  }
  std::filesystem::path directory_;
};

TEST_F(TechnicalMetadataTest, ImagesWithLibvips) {
  ASSERT_OK_AND_ASSIGN(auto png, characterize(demo("archive/letter-1916-p1.png"), "image/png"));
  EXPECT_EQ(png.width, 1240);
  EXPECT_EQ(png.height, 1754);
  EXPECT_EQ(png.bit_depth, 8);
  EXPECT_EQ(png.colour_space, "sRGB");
  EXPECT_TRUE(png.is_image());
  EXPECT_THAT(png.tool, HasSubstr("libvips"));
  EXPECT_THAT(png.summary(), HasSubstr("1240x1754 px"));
  // A 16-bit gray TIFF at 400 dpi, written by ffmpeg.
  const std::string tiff = generate("gray16.tif", {"-f", "lavfi", "-i", "testsrc=size=64x48:duration=1",
                                                   "-frames:v", "1", "-pix_fmt", "gray16le", "-dpi", "400"});
  ASSERT_OK_AND_ASSIGN(auto gray, characterize(tiff, "image/tiff"));
  EXPECT_EQ(gray.width, 64);
  EXPECT_EQ(gray.bit_depth, 16);
  EXPECT_EQ(gray.colour_space, "gray");
  EXPECT_EQ(gray.bands, 1);
  EXPECT_THAT(characterize(demo("../README.md"), "image/png"), StatusIs(StatusCode::kInvalidArgument));
}

TEST_F(TechnicalMetadataTest, SoundAndVideoWithFfprobe) {
  ASSERT_OK_AND_ASSIGN(auto wav, characterize(demo("archive/kui-1965.wav"), "audio/x-wav"));
  EXPECT_NEAR(wav.duration_seconds, 6.0, 0.01);
  ASSERT_EQ(wav.streams.size(), 1u);
  EXPECT_EQ(wav.streams[0].codec, "pcm_s16le");
  EXPECT_EQ(wav.streams[0].channels, 1);
  EXPECT_EQ(wav.streams[0].sample_rate, 22050);
  EXPECT_TRUE(wav.has_audio());
  EXPECT_FALSE(wav.has_video());
  EXPECT_FALSE(wav.is_image());
  EXPECT_EQ(rendition_needed(wav), Rendition::kNone);  // 16-bit WAV plays in browsers
  ASSERT_OK_AND_ASSIGN(auto pdf, characterize(demo("research/ornament-article.pdf"), "application/pdf"));
  EXPECT_EQ(pdf.pages, 2);
  EXPECT_THAT(pdf.tool, HasSubstr("poppler"));
  ASSERT_OK_AND_ASSIGN(auto csv, characterize(demo("research/felt-motifs.csv"), "text/csv"));
  EXPECT_EQ(csv.media_type, "text/csv");
  EXPECT_EQ(csv.tool, "");
}

TEST_F(TechnicalMetadataTest, RenditionsForWhatBrowsersCannotPlay) {
  // 24-bit WAV at 96 kHz: archival, not for browsers -> AAC.
  const std::string wav = generate("master.wav", {"-f", "lavfi", "-i", "sine=frequency=440:sample_rate=96000:duration=1",
                                                  "-c:a", "pcm_s24le"});
  ASSERT_OK_AND_ASSIGN(auto master, characterize(wav, "audio/x-wav"));
  EXPECT_EQ(rendition_needed(master), Rendition::kAudio);
  const std::string m4a = (directory_ / "rendition.m4a").string();
  ASSERT_OK(make_rendition(wav, m4a, Rendition::kAudio));
  ASSERT_OK_AND_ASSIGN(auto audio, characterize(m4a, "audio/mp4"));
  ASSERT_EQ(audio.streams.size(), 1u);
  EXPECT_EQ(audio.streams[0].codec, "aac");
  EXPECT_NEAR(audio.duration_seconds, 1.0, 0.1);
  EXPECT_EQ(rendition_needed(audio), Rendition::kNone);
  // MPEG-4 Part 2 in AVI -> H.264/AAC MP4.
  const std::string avi = generate("film.avi", {"-f", "lavfi", "-i", "testsrc=size=160x120:rate=10:duration=1",
                                                "-f", "lavfi", "-i", "sine=duration=1", "-c:v", "mpeg4",
                                                "-c:a", "mp2", "-shortest"});
  ASSERT_OK_AND_ASSIGN(auto film, characterize(avi, "video/x-msvideo"));
  EXPECT_TRUE(film.has_video());
  EXPECT_EQ(rendition_needed(film), Rendition::kVideo);
  const std::string mp4 = (directory_ / "rendition.mp4").string();
  ASSERT_OK(make_rendition(avi, mp4, Rendition::kVideo));
  ASSERT_OK_AND_ASSIGN(auto web, characterize(mp4, "video/mp4"));
  EXPECT_EQ(rendition_needed(web), Rendition::kNone);
  EXPECT_EQ(web.streams[0].codec, "h264");
  EXPECT_EQ(web.streams[0].width, 160);
  EXPECT_THAT(make_rendition(demo("research/felt-motifs.csv"), mp4, Rendition::kVideo),
              StatusIs(StatusCode::kInternal, HasSubstr("ffmpeg")));
}

TEST_F(TechnicalMetadataTest, JsonRoundTrip) {
  TechnicalMetadata metadata;
  metadata.media_type = "video/mp4";
  metadata.duration_seconds = 12.5;
  metadata.container = "mov,mp4,m4a,3gp,3g2,mj2";
  metadata.streams = {{"video", "h264", 0, 0, 640, 480}, {"audio", "aac", 2, 48000, 0, 0}};
  metadata.tool = "ffprobe";
  ASSERT_OK_AND_ASSIGN(auto decoded, technical_from_json(technical_to_json(metadata)));
  EXPECT_EQ(decoded, metadata);
  EXPECT_EQ(metadata.summary(), "12.5 s, video h264 640x480, audio aac 2 ch 48000 Hz (ffprobe)");
  EXPECT_THAT(technical_from_json("[1]"), StatusIs(StatusCode::kDataLoss));
}

TEST_F(TechnicalMetadataTest, PyramidOfAnImageWithTransparency) {
  // An RGBA PNG becomes an RGB pyramid flattened on white.
  const std::string png = generate("alpha.png", {"-f", "lavfi", "-i", "color=c=red@0.0:size=300x200,format=rgba",
                                                 "-frames:v", "1"});
  ASSERT_OK_AND_ASSIGN(auto summary, build_pyramid(png, (directory_ / "alpha.tif").string()));
  EXPECT_EQ(summary.width, 300);
  EXPECT_EQ(summary.height, 200);
  EXPECT_EQ(summary.bands, 3);
  EXPECT_THAT(build_pyramid(demo("../README.md"), (directory_ / "x.tif").string()),
              StatusIs(StatusCode::kInvalidArgument));
  EXPECT_FALSE(std::filesystem::exists(directory_ / "x.tif"));
}

}  // namespace
}  // namespace mura::media
