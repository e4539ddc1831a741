#include "search/stored_record.h"

#include <nlohmann/json.hpp>

#include "search/schema.h"
#include "text/kazakh_script.h"
#include "text/normalize.h"

namespace mura::search {
namespace {

using Json = nlohmann::json;

Json requirement_json(const access::Requirement& requirement) {
  return {{"g", requirement.grants}, {"o", requirement.open_from}, {"c", requirement.collection}};
}

access::Requirement requirement_of(const Json& json) {
  access::Requirement requirement;
  requirement.grants = json.at("g").get<std::vector<std::string>>();
  requirement.open_from = json.at("o").get<std::string>();
  requirement.collection = json.at("c").get<std::string>();
  return requirement;
}

}  // namespace

std::string cut_utf8(std::string_view text, std::size_t limit) {
  if (text.size() <= limit) return std::string(text);
  std::size_t cut = limit;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0U) == 0x80U) --cut;
  return std::string(text.substr(0, cut));
}

record::LanguageValue StoredRecord::title_for(std::string_view language) const {
  for (const auto& preferred : language_preference(language)) {
    for (const auto& title : titles) {
      if (title.language == preferred) return title;
    }
    if (text::is_kazakh_latin(preferred) && preferred == language) {
      for (const auto& title : titles) {
        if (title.language == "kk") return {"kk-Latn", text::kazakh_to_latin(title.value)};
      }
    }
  }
  return titles.empty() ? record::LanguageValue{} : titles.front();
}

std::string StoredRecord::encode() const {
  Json json = {{"id", id},
               {"k", kind},
               {"c", collection},
               {"i", has_images},
               {"m", requirement_json(metadata)},
               {"f", requirement_json(files)}};
  if (!level.empty()) json["l"] = level;
  if (!parent.empty()) json["p"] = parent;
  if (!date.empty()) json["d"] = date;
  Json title_list = Json::array();
  for (const auto& title : titles) title_list.push_back({title.language, title.value});
  json["t"] = std::move(title_list);
  Json text_list = Json::array();
  for (const auto& stored : texts)
    text_list.push_back({stored.field, stored.text.language, stored.text.value});
  json["x"] = std::move(text_list);
  if (!full_text.empty()) json["ft"] = full_text;
  return json.dump(-1, ' ', false, Json::error_handler_t::replace);
}

Result<StoredRecord> StoredRecord::decode(std::string_view data) {
  Json json = Json::parse(data, nullptr, /*allow_exceptions=*/false);
  if (!json.is_object())
    return data_loss_error(
        "search document data is not JSON; rebuild the index with `mura reindex`");
  try {
    StoredRecord stored;
    stored.id = json.at("id").get<std::string>();
    stored.kind = json.at("k").get<std::string>();
    stored.collection = json.at("c").get<std::string>();
    stored.has_images = json.at("i").get<bool>();
    stored.metadata = requirement_of(json.at("m"));
    stored.files = requirement_of(json.at("f"));
    stored.level = json.value("l", "");
    stored.parent = json.value("p", "");
    stored.date = json.value("d", "");
    for (const auto& title : json.at("t")) {
      stored.titles.push_back({title.at(0).get<std::string>(), title.at(1).get<std::string>()});
    }
    for (const auto& text : json.at("x")) {
      stored.texts.push_back({text.at(0).get<std::string>(),
                              {text.at(1).get<std::string>(), text.at(2).get<std::string>()}});
    }
    stored.full_text = json.value("ft", "");
    return stored;
  } catch (const Json::exception& error) {
    return data_loss_error(std::string("search document data is malformed (") + error.what() +
                           "); rebuild the index with `mura reindex`");
  }
}

}  // namespace mura::search
