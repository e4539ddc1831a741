#include "media/ocr.h"

#include <tesseract/baseapi.h>
#include <tesseract/resultiterator.h>

#include <cmath>
#include <map>
#include <memory>

#include "media/vips_support.h"

namespace mura::media {
namespace {

struct Engine {
  std::unique_ptr<tesseract::TessBaseAPI> api;
  std::string languages;
};

Result<tesseract::TessBaseAPI*> engine_for(const std::string& languages) {
  thread_local Engine engine;
  if (engine.api && engine.languages == languages) return engine.api.get();
  auto api = std::make_unique<tesseract::TessBaseAPI>();
  if (api->Init(nullptr, languages.c_str(), tesseract::OEM_LSTM_ONLY) != 0) {
    return unavailable_error("Tesseract cannot load the language models \"" + languages +
                             "\" (install tesseract-ocr-kaz, -rus and -eng)");
  }
  api->SetVariable("debug_file", "/dev/null");
  engine.api = std::move(api);
  engine.languages = languages;
  return engine.api.get();
}

std::string take_text(char* text) {
  std::string value = text != nullptr ? text : "";
  delete[] text;
  return value;
}

}  // namespace

Result<OcrResult> ocr_pixels(const std::uint8_t* pixels, int width, int height, int stride, int dpi,
                             const OcrOptions& options) {
  MURA_ASSIGN_OR_RETURN(tesseract::TessBaseAPI * api, engine_for(options.languages));
  api->SetPageSegMode(tesseract::PSM_AUTO);
  api->SetImage(pixels, width, height, 1, stride);
  api->SetSourceResolution(dpi > 0 ? dpi : 300);
  if (api->Recognize(nullptr) != 0) {
    api->Clear();
    return internal_error("Tesseract could not recognise the page");
  }
  OcrResult result;
  result.page.width = width;
  result.page.height = height;
  result.page.source = "ocr";
  std::map<std::string, int> languages;
  std::unique_ptr<tesseract::ResultIterator> it(api->GetIterator());
  constexpr auto kWord = tesseract::RIL_WORD;
  if (it) {
    bool first = true;
    do {
      const float confidence = it->Confidence(kWord);
      std::string word = take_text(it->GetUTF8Text(kWord));
      if (word.empty() || confidence < static_cast<float>(options.min_confidence)) continue;
      if (!first) {
        if (it->IsAtBeginningOf(tesseract::RIL_PARA)) {
          result.page.text += "\n\n";
        } else if (it->IsAtBeginningOf(tesseract::RIL_TEXTLINE)) {
          result.page.text += "\n";
        } else {
          result.page.text += " ";
        }
      }
      first = false;
      result.page.text += word;
      int left = 0, top = 0, right = 0, bottom = 0;
      it->BoundingBox(kWord, &left, &top, &right, &bottom);
      result.page.words.push_back({word, left, top, right - left, bottom - top,
                                   static_cast<int>(std::lround(confidence))});
      if (const char* language = it->WordRecognitionLanguage()) ++languages[language];
    } while (it->Next(kWord));
  }
  int best = 0;
  for (const auto& [language, count] : languages) {
    if (count > best) {
      best = count;
      result.page.language = language_tag(language);
    }
  }
  result.hocr = take_text(api->GetHOCRText(0));
  api->Clear();
  return result;
}

Result<OcrResult> ocr_image(const std::string& path, const OcrOptions& options) {
  MURA_TRY(start_vips());
  VipsImagePtr image(vips_image_new_from_file(path.c_str(), "access", VIPS_ACCESS_SEQUENTIAL, nullptr));
  if (!image) return Error(vips_failure(StatusCode::kInvalidArgument, path + " is not an image libvips reads"));
  const double dpi = image->Xres > 1.0001 ? image->Xres * 25.4 : 0;
  VipsImage* out = nullptr;
  if (vips_image_hasalpha(image.get())) {
    VipsArrayDouble* white = vips_array_double_newv(1, 255.0);
    const int failed = vips_flatten(image.get(), &out, "background", white, nullptr);
    vips_area_unref(VIPS_AREA(white));
    if (failed != 0) return Error(vips_failure(StatusCode::kInvalidArgument, "flattening " + path));
    image.reset(out);
  }
  if (vips_colourspace(image.get(), &out, VIPS_INTERPRETATION_B_W, nullptr) != 0) {
    return Error(vips_failure(StatusCode::kInvalidArgument, "converting " + path + " to gray"));
  }
  image.reset(out);
  if (vips_cast_uchar(image.get(), &out, nullptr) != 0) {
    return Error(vips_failure(StatusCode::kInvalidArgument, "converting " + path + " to 8 bits"));
  }
  image.reset(out);
  if (image->Bands > 1) {
    if (vips_extract_band(image.get(), &out, 0, nullptr) != 0) {
      return Error(vips_failure(StatusCode::kInvalidArgument, "taking the gray band of " + path));
    }
    image.reset(out);
  }
  std::size_t size = 0;
  void* memory = vips_image_write_to_memory(image.get(), &size);
  if (memory == nullptr) return Error(vips_failure(StatusCode::kInvalidArgument, "decoding " + path));
  std::unique_ptr<void, decltype(&g_free)> owned(memory, &g_free);
  return ocr_pixels(static_cast<const std::uint8_t*>(memory), image->Xsize, image->Ysize,
                    image->Xsize, static_cast<int>(std::lround(dpi)), options);
}

}  // namespace mura::media
