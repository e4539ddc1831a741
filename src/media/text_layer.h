// The text of a page — recognised by OCR or taken from a born-digital PDF — with its words and
// their boxes, so that the viewer can highlight a word and search can index the text. Stored as
// JSON in the derivative cache (ocr.json, text.json) and served by /api/v1/records/{ark}/text.
// Value types and plain functions; thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"

namespace mura::media {

struct TextWord {
  std::string text;
  // The box in the page's pixels (images) or points (PDF pages), from the top left.
  int x = 0, y = 0, width = 0, height = 0;
  int confidence = 100;  // 0-100; 100 for born-digital text
  friend bool operator==(const TextWord&, const TextWord&) = default;
};

struct TextPage {
  int page = 1;          // 1-based page of the file (always 1 for an image)
  std::string language;  // BCP 47 of most words ("kk", "ru", "en"); "" when unknown
  std::string text;      // lines separated by "\n", paragraphs by "\n\n"
  std::vector<TextWord> words;
  int width = 0, height = 0;  // the page's size in the units of the boxes
  std::string source;         // "ocr" or "pdf"
  friend bool operator==(const TextPage&, const TextPage&) = default;
};

std::string text_pages_to_json(const std::vector<TextPage>& pages);
// DataLoss naming the member for malformed JSON.
Result<std::vector<TextPage>> text_pages_from_json(std::string_view json);

// The BCP 47 tag of a Tesseract language ("kaz" -> "kk", "rus" -> "ru", "eng" -> "en"); the
// code itself for others.
std::string language_tag(std::string_view tesseract_language);

}  // namespace mura::media
