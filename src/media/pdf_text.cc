#include "media/pdf_text.h"

#include <algorithm>
#include <cmath>
#include <memory>

#include <poppler-document.h>
#include <poppler-image.h>
#include <poppler-page-renderer.h>
#include <poppler-page.h>

namespace mura::media {
namespace {

constexpr double kOcrDpi = 300;

std::string utf8(const poppler::ustring& text) {
  const poppler::byte_array bytes = text.to_utf8();
  return std::string(bytes.begin(), bytes.end());
}

bool has_letters(const std::string& text) {
  return std::any_of(text.begin(), text.end(),
                     [](char c) { return static_cast<unsigned char>(c) > ' '; });
}

Result<TextPage> recognise_page(const poppler::page& page, const OcrOptions& options) {
  poppler::page_renderer renderer;
  renderer.set_render_hint(poppler::page_renderer::antialiasing, true);
  renderer.set_render_hint(poppler::page_renderer::text_antialiasing, true);
  renderer.set_image_format(poppler::image::format_gray8);
  poppler::image image = renderer.render_page(&page, kOcrDpi, kOcrDpi);
  if (!image.is_valid()) return internal_error("poppler could not render the page for OCR");
  MURA_ASSIGN_OR_RETURN(auto result,
                        ocr_pixels(reinterpret_cast<const std::uint8_t*>(image.const_data()), image.width(),
                                   image.height(), image.bytes_per_row(), static_cast<int>(kOcrDpi), options));
  return result.page;
}

}  // namespace

Result<std::vector<TextPage>> pdf_text(const std::string& path, const OcrOptions* ocr) {
  std::unique_ptr<poppler::document> document(poppler::document::load_from_file(path));
  if (!document || document->is_locked()) return invalid_argument_error(path + " is not a PDF poppler reads");
  std::vector<TextPage> pages;
  for (int number = 0; number < document->pages(); ++number) {
    std::unique_ptr<poppler::page> page(document->create_page(number));
    if (!page) continue;
    TextPage text;
    text.page = number + 1;
    text.source = "pdf";
    const poppler::rectf box = page->page_rect();
    text.width = static_cast<int>(std::lround(box.width()));
    text.height = static_cast<int>(std::lround(box.height()));
    text.text = utf8(page->text());
    for (const auto& word : page->text_list()) {
      const poppler::rectf bounds = word.bbox();
      text.words.push_back({utf8(word.text()), static_cast<int>(std::lround(bounds.x())),
                            static_cast<int>(std::lround(bounds.y())),
                            static_cast<int>(std::lround(bounds.width())),
                            static_cast<int>(std::lround(bounds.height())), 100});
    }
    if (!has_letters(text.text) && ocr != nullptr) {
      MURA_ASSIGN_OR_RETURN(text, recognise_page(*page, *ocr));
      text.page = number + 1;
    }
    pages.push_back(std::move(text));
  }
  return pages;
}

}  // namespace mura::media
