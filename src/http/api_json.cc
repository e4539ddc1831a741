#include "http/api_json.h"

#include <algorithm>
#include <set>

#include "http/message.h"
#include "iiif/presentation.h"
#include "record/record_json.h"

namespace mura::http {
namespace {

using Json = nlohmann::json;

constexpr std::string_view kFallbackOrder[] = {"kk", "kk-Latn", "ru", "en"};

std::vector<record::LanguageValue> pick_language(const std::vector<record::LanguageValue>& values,
                                                 const std::string& language, bool& fallback) {
  fallback = false;
  std::vector<record::LanguageValue> chosen;
  auto take = [&](std::string_view wanted) {
    for (const auto& value : values) {
      if (value.language == wanted) chosen.push_back(value);
    }
  };
  take(language);
  if (chosen.empty()) {
    for (const auto candidate : kFallbackOrder) {
      take(candidate);
      if (!chosen.empty()) break;
    }
    if (chosen.empty()) {
      for (const auto& value : values) {
        if (!value.language.empty()) {
          take(value.language);
          break;
        }
      }
    }
    fallback = !chosen.empty();
  }
  for (const auto& value : values) {
    if (value.language.empty()) chosen.push_back(value);
  }
  return chosen;
}

}  // namespace

std::string record_path(const std::string& id) { return "/" + id; }

nlohmann::json record_json(const record::Record& record, const RecordView& view) {
  Json json = Json::parse(record::encode_record(record));
  json.erase("format");
  json.erase("source");
  json["version"] = record.version;
  if (!view.language.empty()) {
    Json fields = Json::object();
    for (const auto& [name, values] : record.fields) {
      bool fallback = false;
      Json list = Json::array();
      for (const auto& value : pick_language(values, view.language, fallback)) {
        Json item = {{"value", value.value}};
        if (!value.language.empty()) item["lang"] = value.language;
        if (fallback && !value.language.empty()) item["fallback"] = true;
        list.push_back(std::move(item));
      }
      fields[name] = std::move(list);
    }
    json["fields"] = std::move(fields);
    json["lang"] = view.language;
  }
  const std::string self = view.base_url + "/api/v1/records/" + record.id;
  if (view.files_visible) {
    for (auto& file : json["files"]) {
      file["url"] = self + "/files/" + file["path"].get<std::string>();
    }
  } else {
    json.erase("files");
    json["files_available"] = false;
  }
  json["links"] = {
      {"self", self},
      {"ark", view.base_url + record_path(record.id)},
      {"versions", self + "/versions"},
      {"children", self + "/children"},
      {"ancestors", self + "/ancestors"},
      {"events", self + "/events"},
  };
  // IIIF: a manifest when there is something to show, a collection for the parts of a collection,
  // fonds, series or file.
  const std::string iiif_base = iiif::presentation_base(view.base_url, record.id);
  const bool showable = view.files_visible &&
                        std::any_of(record.files.begin(), record.files.end(), [](const auto& file) {
                          return file.media_type.starts_with("image/") ||
                                 file.media_type.starts_with("audio/") ||
                                 file.media_type.starts_with("video/");
                        });
  if (showable) json["links"]["manifest"] = iiif_base + "/manifest";
  if (iiif::aggregates_parts(record)) json["links"]["iiif_collection"] = iiif_base + "/collection";
  return json;
}

nlohmann::json summary_json(const catalog::RecordSummary& summary, const std::string& base_url) {
  Json json = {
      {"id", summary.id},
      {"kind", std::string(record::kind_name(summary.kind))},
      {"title", summary.title},
      {"modified", summary.modified},
      {"version", summary.version},
      {"child_count", summary.child_count},
      {"url", base_url + "/api/v1/records/" + summary.id},
  };
  if (!summary.level.empty()) json["level"] = summary.level;
  if (!summary.parent.empty()) json["parent"] = summary.parent;
  if (!summary.collection.empty()) json["collection"] = summary.collection;
  if (summary.deleted) json["deleted"] = true;
  return json;
}

nlohmann::json event_json(const record::Event& event) {
  return Json::parse(record::encode_event(event));
}

Result<RecordBody> decode_record_body(std::string_view body, bool for_update) {
  Json json = Json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (json.is_discarded()) {
    return invalid_argument_error("body: not valid JSON (send a JSON object with \"kind\" and "
                                  "\"fields\")");
  }
  if (!json.is_object()) return invalid_argument_error("body: must be a JSON object");
  static const std::set<std::string> kMembers = {
      "kind",  "level", "parent",       "position", "fields", "access",
      "rights", "files", "remove_files", "version",  "message"};
  for (auto it = json.begin(); it != json.end(); ++it) {
    if (!kMembers.contains(it.key())) {
      return invalid_argument_error("body: unknown member \"" + it.key() +
                                    "\" (known: kind, level, parent, position, fields, access, "
                                    "rights, files, remove_files, version, message)");
    }
  }
  RecordBody result;
  if (for_update) {
    if (!json.contains("version") || !json["version"].is_number_integer() ||
        json["version"].get<std::int64_t>() < 1) {
      return invalid_argument_error(
          "body: \"version\" must be the version you read (a whole number from 1), so that a "
          "concurrent edit is detected");
    }
    result.version = json["version"].get<std::int64_t>();
  } else if (json.contains("version")) {
    return invalid_argument_error("body: \"version\" is only for updates");
  }
  if (json.contains("message")) {
    if (!json["message"].is_string()) return invalid_argument_error("body: \"message\" must be a string");
    result.message = json["message"].get<std::string>();
  }
  std::vector<UploadedFile> files;
  if (json.contains("files")) {
    if (!json["files"].is_array()) {
      return invalid_argument_error("body: \"files\" must be an array of {path, upload, label}");
    }
    for (std::size_t i = 0; i < json["files"].size(); ++i) {
      const auto& item = json["files"][i];
      const std::string where = "body: \"files[" + std::to_string(i) + "]";
      if (!item.is_object() || !item.contains("path") || !item["path"].is_string() ||
          !item.contains("upload") || !item["upload"].is_string()) {
        return invalid_argument_error(where + "\" must be an object with string \"path\" and "
                                              "\"upload\" (an id from POST /api/v1/uploads)");
      }
      for (auto member = item.begin(); member != item.end(); ++member) {
        if (member.key() != "path" && member.key() != "upload" && member.key() != "label") {
          return invalid_argument_error(where + "\" has an unknown member \"" + member.key() + "\"");
        }
      }
      UploadedFile file{item["path"].get<std::string>(), item["upload"].get<std::string>(), ""};
      if (item.contains("label")) {
        if (!item["label"].is_string()) return invalid_argument_error(where + ".label\" must be a string");
        file.label = item["label"].get<std::string>();
      }
      files.push_back(std::move(file));
    }
    json.erase("files");
  }
  if (json.contains("remove_files")) {
    if (!for_update) return invalid_argument_error("body: \"remove_files\" is only for updates");
    if (!json["remove_files"].is_array()) {
      return invalid_argument_error("body: \"remove_files\" must be an array of paths");
    }
    for (const auto& path : json["remove_files"]) {
      if (!path.is_string()) return invalid_argument_error("body: \"remove_files\" must hold strings");
      result.remove_files.push_back(path.get<std::string>());
    }
    json.erase("remove_files");
  }
  json.erase("version");
  json.erase("message");
  // The rest has the shape of record.json; its decoder checks the types and names the member.
  json["format"] = record::kRecordFormat;
  json["id"] = "ark:/0/pending";
  if (!json.contains("created")) json["created"] = "";
  if (!json.contains("modified")) json["modified"] = "";
  auto decoded = record::decode_record(json.dump());
  if (!decoded) {
    std::string message = decoded.error().message();
    if (message.starts_with("record.json")) message = "body" + message.substr(11);
    return invalid_argument_error(message);
  }
  result.record = std::move(*decoded);
  result.record.id.clear();
  result.files = std::move(files);
  return result;
}

}  // namespace mura::http
