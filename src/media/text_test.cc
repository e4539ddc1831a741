#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <random>

#include "base/testing/status_matchers.h"
#include "media/ocr.h"
#include "media/pdf_text.h"
#include "media/testing/scanned_page.h"
#include "media/text_layer.h"

namespace mura::media {
namespace {

using ::mura::testing::StatusIs;
using ::testing::HasSubstr;

std::string source_dir() {
  const char* source = std::getenv("MURA_SOURCE_DIR");
  return source ? source : ".";
}

class TextTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::random_device random;
    directory_ = std::filesystem::temp_directory_path() / ("mura-text-test-" + std::to_string(random()));
    std::filesystem::create_directories(directory_);
  }
  void TearDown() override { std::filesystem::remove_all(directory_); }
  std::filesystem::path directory_;
};

TEST_F(TextTest, RecognisesAScannedKazakhLetterWithWordBoxes) {
  const std::string path = (directory_ / "letter.png").string();
  ASSERT_OK(testing::write_scanned_page(path, testing::kKazakhLetter));
  ASSERT_OK_AND_ASSIGN(auto result, ocr_image(path));
  const TextPage& page = result.page;
  EXPECT_EQ(page.language, "kk");
  EXPECT_EQ(page.source, "ocr");
  EXPECT_THAT(page.text, HasSubstr("Ғабит"));
  EXPECT_THAT(page.text, HasSubstr("Мұрағаттағы"));
  EXPECT_THAT(page.text, HasSubstr("\n"));  // lines are kept
  ASSERT_GE(page.words.size(), 15u);
  const TextWord* word = nullptr;
  for (const auto& candidate : page.words) {
    if (candidate.text == "Ғабит") word = &candidate;
  }
  ASSERT_NE(word, nullptr);
  // The first line starts at the 150 px margin.
  EXPECT_GT(word->x, 150);
  EXPECT_LT(word->x, 800);
  EXPECT_GE(word->y, 140);
  EXPECT_LT(word->y, 260);
  EXPECT_GT(word->width, 60);
  EXPECT_GT(word->confidence, 60);
  EXPECT_THAT(result.hocr, HasSubstr("ocrx_word"));
  EXPECT_THAT(ocr_image((directory_ / "missing.png").string()), StatusIs(StatusCode::kInvalidArgument));
}

TEST_F(TextTest, TakesTheTextOfBornDigitalPdfs) {
  ASSERT_OK_AND_ASSIGN(auto pages, pdf_text(source_dir() + "/demo/files/research/ornament-article.pdf", nullptr));
  ASSERT_GE(pages.size(), 1u);
  EXPECT_EQ(pages[0].source, "pdf");
  EXPECT_THAT(pages[0].text, HasSubstr("ram's-horn ornament"));
  EXPECT_GT(pages[0].width, 500);  // A4 or letter, in points
  ASSERT_FALSE(pages[0].words.empty());
  EXPECT_EQ(pages[0].words[0].text, "Types");
  EXPECT_THAT(pdf_text(source_dir() + "/demo/demo.csv", nullptr), StatusIs(StatusCode::kInvalidArgument));
}

TEST_F(TextTest, TextLayerJsonRoundTrip) {
  std::vector<TextPage> pages(2);
  pages[0].language = "kk";
  pages[0].text = "Сәлем\nәлем";
  pages[0].words = {{"Сәлем", 10, 20, 30, 40, 91}, {"әлем", 50, 20, 30, 40, 88}};
  pages[0].width = 1000;
  pages[0].height = 1400;
  pages[0].source = "ocr";
  pages[1].page = 2;
  pages[1].source = "pdf";
  ASSERT_OK_AND_ASSIGN(auto decoded, text_pages_from_json(text_pages_to_json(pages)));
  EXPECT_EQ(decoded, pages);
  EXPECT_THAT(text_pages_from_json("{\"pages\": [{\"page\": \"x\"}]}"), StatusIs(StatusCode::kDataLoss));
  EXPECT_THAT(text_pages_from_json("[]"), StatusIs(StatusCode::kDataLoss));
  EXPECT_EQ(language_tag("kaz"), "kk");
  EXPECT_EQ(language_tag("rus"), "ru");
  EXPECT_EQ(language_tag("eng"), "en");
}

}  // namespace
}  // namespace mura::media
