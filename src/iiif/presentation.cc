#include "iiif/presentation.h"

#include <set>

#include <nlohmann/json.hpp>

#include "iiif/identifier.h"
#include "iiif/image_service.h"

namespace mura::iiif {
namespace {

using Json = nlohmann::json;

// Labels of what Mura adds, in the label languages of profiles.
const std::map<std::string, std::string> kAttributionLabel = {
    {"kk", "Құқық иесі"}, {"kk-Latn", "Qūqyq iesı"}, {"ru", "Правообладатель"}, {"en", "Attribution"}};
const std::map<std::string, std::string> kRecordLabel = {
    {"kk", "Жазба"}, {"kk-Latn", "Jazba"}, {"ru", "Запись"}, {"en", "Record"}};
const std::map<std::string, std::string> kRecordDataLabel = {
    {"kk", "Жазба деректері (JSON)"}, {"kk-Latn", "Jazba derekterı (JSON)"},
    {"ru", "Данные записи (JSON)"}, {"en", "Record data (JSON)"}};
const std::map<std::string, std::string> kMoreLabel = {
    {"kk", "Жалғасы"}, {"kk-Latn", "Jalğasy"}, {"ru", "Продолжение"}, {"en", "More"}};

Json language_map(const std::vector<record::LanguageValue>& values) {
  Json map = Json::object();
  for (const auto& value : values) {
    if (value.value.empty()) continue;
    map[value.language.empty() ? "none" : value.language].push_back(value.value);
  }
  return map;
}

Json label_map(const std::map<std::string, std::string>& labels) {
  Json map = Json::object();
  for (const auto& [language, text] : labels) map[language] = Json::array({text});
  return map;
}

Json single(const std::string& text) { return Json{{"none", Json::array({text})}}; }

Json title_of(const record::Record& record) {
  auto it = record.fields.find("title");
  Json label = it == record.fields.end() ? Json::object() : language_map(it->second);
  if (label.empty()) label = single(record.id);
  return label;
}

Json image_service(const std::string& id) {
  return Json::array({{{"id", id}, {"type", "ImageService3"}, {"profile", "level2"}}});
}

Json thumbnail(const std::string& service) {
  return Json::array({{{"id", service + "/full/" + std::string(kThumbnailSize) + "/0/default.jpg"},
                       {"type", "Image"},
                       {"format", "image/jpeg"},
                       {"service", image_service(service)}}});
}

std::string resource_type(const std::string& media_type) {
  if (media_type.starts_with("image/")) return "Image";
  if (media_type.starts_with("audio/")) return "Sound";
  if (media_type.starts_with("video/")) return "Video";
  if (media_type.starts_with("text/") || media_type == "application/pdf" ||
      media_type.find("document") != std::string::npos) {
    return "Text";
  }
  return "Dataset";
}

// Fields shown in "metadata": all but the title and description (label and summary) and
// values the public record keeps to itself.
Json metadata_of(const record::Record& record, const record::Profile* profile) {
  static const std::set<std::string> kSkipped = {"title", "description"};
  Json metadata = Json::array();
  auto add = [&](const std::string& name, const std::vector<record::LanguageValue>& values) {
    if (kSkipped.count(name) != 0 || values.empty()) return;
    Json value = language_map(values);
    if (value.empty()) return;
    Json label = Json::object();
    if (profile != nullptr) {
      if (const record::FieldDefinition* field = profile->field(name)) label = label_map(field->label);
    }
    if (label.empty()) label = single(name);
    metadata.push_back({{"label", label}, {"value", value}});
  };
  if (profile != nullptr) {
    for (const auto& field : profile->fields) {
      if (auto it = record.fields.find(field.name); it != record.fields.end()) add(field.name, it->second);
    }
    for (const auto& [name, values] : record.fields) {
      if (profile->field(name) == nullptr) add(name, values);
    }
  } else {
    for (const auto& [name, values] : record.fields) add(name, values);
  }
  return metadata;
}

}  // namespace

bool aggregates_parts(const record::Record& record) {
  return record.kind == record::Kind::kCollection ||
         (record.kind == record::Kind::kArchivalUnit && !record.level.empty() &&
          record.level != "item");
}

std::string presentation_base(const std::string& base_url, const std::string& ark) {
  auto identifier = identifier_for(ark);
  return base_url + "/iiif/3/" + (identifier ? identifier->to_string() : ark);
}

std::string presentation_rights(const std::string& rights) {
  std::string uri = rights;
  if (uri.starts_with("https://")) uri = "http://" + uri.substr(8);
  for (const char* prefix : {"http://creativecommons.org/licenses/", "http://creativecommons.org/publicdomain/",
                             "http://rightsstatements.org/vocab/"}) {
    if (uri.starts_with(prefix) && uri.size() > std::string_view(prefix).size()) return uri;
  }
  return "";
}

std::string manifest_json(const record::Record& record, const record::Profile* profile,
                          const std::vector<CanvasContent>& canvases,
                          const std::vector<Download>& downloads, const std::string& collection,
                          const PresentationContext& context) {
  const std::string base = presentation_base(context.base_url, record.id);
  const std::string id = base + "/manifest";
  Json manifest = {{"@context", kPresentationContext}, {"id", id}, {"type", "Manifest"},
                   {"label", title_of(record)}};
  if (auto it = record.fields.find("description"); it != record.fields.end()) {
    Json summary = language_map(it->second);
    if (!summary.empty()) manifest["summary"] = summary;
  }
  Json metadata = metadata_of(record, profile);
  if (!metadata.empty()) manifest["metadata"] = metadata;

  // Attribution: the rights holder the record names, else the repository.
  auto holder = record.fields.find("rights_holder");
  Json attribution = holder != record.fields.end() ? language_map(holder->second) : Json::object();
  if (attribution.empty()) attribution = single(context.provider_name);
  manifest["requiredStatement"] = {{"label", label_map(kAttributionLabel)}, {"value", attribution}};
  if (const std::string rights = presentation_rights(record.rights); !rights.empty()) manifest["rights"] = rights;
  manifest["provider"] = Json::array({{{"id", context.base_url + "/"},
                                       {"type", "Agent"},
                                       {"label", single(context.provider_name)},
                                       {"homepage", Json::array({{{"id", context.base_url + "/"},
                                                                  {"type", "Text"},
                                                                  {"label", single(context.provider_name)},
                                                                  {"format", "text/html"}}})}}});
  manifest["homepage"] = Json::array({{{"id", context.base_url + "/" + record.id},
                                       {"type", "Text"},
                                       {"label", label_map(kRecordLabel)},
                                       {"format", "text/html"}}});
  manifest["seeAlso"] = Json::array({{{"id", context.base_url + "/api/v1/records/" + record.id},
                                      {"type", "Dataset"},
                                      {"label", label_map(kRecordDataLabel)},
                                      {"format", "application/json"}}});
  if (!collection.empty() && collection != record.id) {
    manifest["partOf"] = Json::array({{{"id", presentation_base(context.base_url, collection) + "/collection"},
                                       {"type", "Collection"}}});
  }
  for (const auto& canvas : canvases) {
    if (canvas.type == CanvasContent::Type::kImage) {
      manifest["thumbnail"] = thumbnail(canvas.image_service);
      break;
    }
  }
  Json rendering = Json::array();
  for (const auto& download : downloads) {
    rendering.push_back({{"id", download.url},
                         {"type", resource_type(download.format)},
                         {"label", single(download.file_path)},
                         {"format", download.format}});
  }
  if (!rendering.empty()) manifest["rendering"] = rendering;

  Json items = Json::array();
  int number = 0;
  for (const auto& content : canvases) {
    const std::string canvas_id = base + "/canvas/" + std::to_string(++number);
    Json canvas = {{"id", canvas_id},
                   {"type", "Canvas"},
                   {"label", single(content.label.empty() ? content.file_path : content.label)}};
    Json body;
    if (content.type == CanvasContent::Type::kImage) {
      canvas["width"] = content.width;
      canvas["height"] = content.height;
      body = {{"id", content.image_service + "/full/max/0/default.jpg"},
              {"type", "Image"},
              {"format", "image/jpeg"},
              {"width", content.width},
              {"height", content.height},
              {"service", image_service(content.image_service)}};
      canvas["thumbnail"] = thumbnail(content.image_service);
    } else {
      canvas["duration"] = content.duration;
      body = {{"id", content.content_url},
              {"type", content.type == CanvasContent::Type::kVideo ? "Video" : "Sound"},
              {"format", content.format},
              {"duration", content.duration}};
      if (content.type == CanvasContent::Type::kVideo && content.width > 0) {
        canvas["width"] = content.width;
        canvas["height"] = content.height;
        body["width"] = content.width;
        body["height"] = content.height;
      }
    }
    Json annotation = {{"id", canvas_id + "/annotation"},
                       {"type", "Annotation"},
                       {"motivation", "painting"},
                       {"body", body},
                       {"target", canvas_id}};
    canvas["items"] = Json::array({{{"id", canvas_id + "/page"},
                                    {"type", "AnnotationPage"},
                                    {"items", Json::array({annotation})}}});
    items.push_back(canvas);
  }
  manifest["items"] = items;
  return manifest.dump(-1, ' ', false, Json::error_handler_t::replace);
}

std::string collection_json(const record::Record& record, const record::Profile* profile,
                            const std::vector<CollectionEntry>& entries, const std::string& cursor,
                            const std::string& next_cursor, const PresentationContext& context) {
  const std::string base = presentation_base(context.base_url, record.id) + "/collection";
  Json collection = {{"@context", kPresentationContext},
                     {"id", cursor.empty() ? base : base + "?page=" + cursor},
                     {"type", "Collection"},
                     {"label", title_of(record)}};
  if (auto it = record.fields.find("description"); it != record.fields.end()) {
    Json summary = language_map(it->second);
    if (!summary.empty()) collection["summary"] = summary;
  }
  Json metadata = metadata_of(record, profile);
  if (!metadata.empty()) collection["metadata"] = metadata;
  collection["requiredStatement"] = {{"label", label_map(kAttributionLabel)},
                                     {"value", single(context.provider_name)}};
  if (const std::string rights = presentation_rights(record.rights); !rights.empty()) collection["rights"] = rights;
  collection["homepage"] = Json::array({{{"id", context.base_url + "/" + record.id},
                                         {"type", "Text"},
                                         {"label", label_map(kRecordLabel)},
                                         {"format", "text/html"}}});
  Json items = Json::array();
  for (const auto& entry : entries) {
    const bool manifest = entry.type == CollectionEntry::Type::kManifest;
    Json label = language_map(entry.label);
    if (label.empty()) label = single(entry.id);
    Json item = {{"id", presentation_base(context.base_url, entry.id) + (manifest ? "/manifest" : "/collection")},
                 {"type", manifest ? "Manifest" : "Collection"},
                 {"label", label}};
    if (!entry.thumbnail_service.empty()) item["thumbnail"] = thumbnail(entry.thumbnail_service);
    items.push_back(item);
  }
  if (!next_cursor.empty()) {
    items.push_back({{"id", base + "?page=" + next_cursor}, {"type", "Collection"}, {"label", label_map(kMoreLabel)}});
  }
  collection["items"] = items;
  return collection.dump(-1, ' ', false, Json::error_handler_t::replace);
}

}  // namespace mura::iiif
