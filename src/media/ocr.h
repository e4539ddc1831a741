// Optical character recognition of scanned pages with Tesseract (Debian tesseract-ocr with the
// kaz, rus and eng models): the page's text with every word's box and confidence, its main
// language, and hOCR for other tools. Each thread keeps its own initialised engine, so
// recognition runs in parallel on several threads. Thread-safe.
#pragma once

#include <cstdint>
#include <string>

#include "base/result.h"
#include "media/text_layer.h"

namespace mura::media {

struct OcrOptions {
  std::string languages = "kaz+rus+eng";
  // Words recognised with less confidence (0-100) are left out of the text and the words.
  int min_confidence = 30;
};

struct OcrResult {
  TextPage page;
  std::string hocr;
};

// Recognises the first page of the image at `path` (any format libvips reads). InvalidArgument
// when it is not an image; Unavailable when Tesseract or a language model is missing.
Result<OcrResult> ocr_image(const std::string& path, const OcrOptions& options = {});

// Recognises 8-bit gray pixels (`stride` bytes per row) scanned at `dpi` (0: assume 300).
Result<OcrResult> ocr_pixels(const std::uint8_t* pixels, int width, int height, int stride, int dpi,
                             const OcrOptions& options = {});

}  // namespace mura::media
