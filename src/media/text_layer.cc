#include "media/text_layer.h"

#include <nlohmann/json.hpp>

namespace mura::media {

using Json = nlohmann::json;

std::string text_pages_to_json(const std::vector<TextPage>& pages) {
  Json list = Json::array();
  for (const auto& page : pages) {
    Json words = Json::array();
    for (const auto& word : page.words) {
      words.push_back({{"text", word.text}, {"x", word.x}, {"y", word.y}, {"w", word.width},
                       {"h", word.height}, {"confidence", word.confidence}});
    }
    list.push_back({{"page", page.page}, {"lang", page.language}, {"text", page.text},
                    {"width", page.width}, {"height", page.height}, {"source", page.source},
                    {"words", words}});
  }
  return Json{{"pages", list}}.dump(-1, ' ', false, Json::error_handler_t::replace);
}

Result<std::vector<TextPage>> text_pages_from_json(std::string_view text) {
  Json json = Json::parse(text, nullptr, false);
  if (!json.is_object() || !json.contains("pages") || !json["pages"].is_array()) {
    return data_loss_error("text layer: expected {\"pages\": [...]}");
  }
  try {
    std::vector<TextPage> pages;
    for (const auto& entry : json["pages"]) {
      TextPage page;
      page.page = entry.at("page").get<int>();
      page.language = entry.value("lang", "");
      page.text = entry.at("text").get<std::string>();
      page.width = entry.value("width", 0);
      page.height = entry.value("height", 0);
      page.source = entry.value("source", "");
      for (const auto& item : entry.value("words", Json::array())) {
        page.words.push_back({item.at("text").get<std::string>(), item.at("x").get<int>(),
                              item.at("y").get<int>(), item.at("w").get<int>(),
                              item.at("h").get<int>(), item.value("confidence", 100)});
      }
      pages.push_back(std::move(page));
    }
    return pages;
  } catch (const Json::exception& error) {
    return data_loss_error(std::string("text layer: ") + error.what());
  }
}

std::string language_tag(std::string_view tesseract_language) {
  if (tesseract_language == "kaz") return "kk";
  if (tesseract_language == "rus") return "ru";
  if (tesseract_language == "eng") return "en";
  return std::string(tesseract_language);
}

}  // namespace mura::media
