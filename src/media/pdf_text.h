// The text of PDF files with poppler: born-digital pages give their text and word boxes (in
// points) directly; pages without text — scans saved as PDF — are rendered at 300 dpi and
// recognised by OCR when asked. Thread-safe (one poppler document per call).
#pragma once

#include <string>
#include <vector>

#include "base/result.h"
#include "media/ocr.h"
#include "media/text_layer.h"

namespace mura::media {

// One TextPage per page of the PDF at `path`. With `ocr`, pages without a text layer are
// recognised (their boxes are then in pixels at 300 dpi). InvalidArgument when poppler cannot
// read the file.
Result<std::vector<TextPage>> pdf_text(const std::string& path, const OcrOptions* ocr);

}  // namespace mura::media
