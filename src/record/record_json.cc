#include "record/record_json.h"

#include <nlohmann/json.hpp>

namespace mura::record {
namespace {

using Json = nlohmann::ordered_json;

Json encode_access(const AccessPolicy& access) {
  Json json;
  json["metadata"] = access_level_name(access.metadata);
  json["files"] = access_level_name(access.files);
  json["groups"] = access.groups;
  json["embargo_until"] = access.embargo_until ? Json(*access.embargo_until) : Json(nullptr);
  json["personal_data"] = access.personal_data;
  json["closure_years"] = access.closure_years ? Json(*access.closure_years) : Json(nullptr);
  json["review_pending"] = access.review_pending;
  return json;
}

// Reads typed members out of a JSON object, remembering the first problem with its key path.
class Reader {
 public:
  explicit Reader(std::string document) : document_(std::move(document)) {}

  bool failed() const { return !error_.empty(); }
  Status status() const {
    return failed() ? Status(invalid_argument_error(document_ + ": " + error_)) : ok_status();
  }
  void fail(const std::string& path, const std::string& expected) {
    if (error_.empty()) error_ = "\"" + path + "\" " + expected;
  }

  std::string string(const Json& object, const std::string& key, const std::string& path,
                     bool required) {
    auto it = object.find(key);
    if (it == object.end() || it->is_null()) {
      if (required) fail(path, "is required");
      return "";
    }
    if (!it->is_string()) {
      fail(path, "must be a string");
      return "";
    }
    return it->get<std::string>();
  }

  bool boolean(const Json& object, const std::string& key, const std::string& path) {
    auto it = object.find(key);
    if (it == object.end() || it->is_null()) return false;
    if (!it->is_boolean()) {
      fail(path, "must be true or false");
      return false;
    }
    return it->get<bool>();
  }

  std::int64_t integer(const Json& object, const std::string& key, const std::string& path) {
    auto it = object.find(key);
    if (it == object.end() || it->is_null()) return 0;
    if (!it->is_number_integer()) {
      fail(path, "must be an integer");
      return 0;
    }
    return it->get<std::int64_t>();
  }

 private:
  std::string document_;
  std::string error_;
};

AccessPolicy decode_access(Reader& reader, const Json& json) {
  AccessPolicy access;
  if (json.is_null()) return access;
  if (!json.is_object()) {
    reader.fail("access", "must be an object");
    return access;
  }
  for (auto [key, target] : {std::pair{"metadata", &access.metadata}, {"files", &access.files}}) {
    std::string text = reader.string(json, key, std::string("access.") + key, false);
    if (text.empty()) continue;
    auto level = parse_access_level(text);
    if (!level) {
      reader.fail(std::string("access.") + key, "must be public, registered, restricted or closed");
    } else {
      *target = *level;
    }
  }
  if (auto it = json.find("groups"); it != json.end() && !it->is_null()) {
    if (!it->is_array()) reader.fail("access.groups", "must be an array of group names");
    for (const auto& group : *it) {
      if (!group.is_string()) {
        reader.fail("access.groups", "must be an array of group names");
        break;
      }
      access.groups.push_back(group.get<std::string>());
    }
  }
  std::string embargo = reader.string(json, "embargo_until", "access.embargo_until", false);
  if (!embargo.empty()) access.embargo_until = embargo;
  access.personal_data = reader.boolean(json, "personal_data", "access.personal_data");
  access.review_pending = reader.boolean(json, "review_pending", "access.review_pending");
  if (auto it = json.find("closure_years"); it != json.end() && !it->is_null()) {
    if (!it->is_number_integer() || it->get<std::int64_t>() < 0 || it->get<std::int64_t>() > 200) {
      reader.fail("access.closure_years", "must be a whole number of years from 0 to 200");
    } else {
      access.closure_years = it->get<int>();
    }
  }
  return access;
}

}  // namespace

std::string encode_record(const Record& record) {
  Json json;
  json["format"] = kRecordFormat;
  json["id"] = record.id;
  json["kind"] = kind_name(record.kind);
  if (!record.level.empty()) json["level"] = record.level;
  if (!record.parent.empty()) json["parent"] = record.parent;
  if (!record.parent.empty() || record.position != 0) json["position"] = record.position;
  Json fields = Json::object();
  for (const auto& [name, values] : record.fields) {
    Json list = Json::array();
    for (const auto& value : values) {
      Json item;
      if (!value.language.empty()) item["lang"] = value.language;
      item["value"] = value.value;
      list.push_back(std::move(item));
    }
    fields[name] = std::move(list);
  }
  json["fields"] = std::move(fields);
  json["access"] = encode_access(record.access);
  if (!record.rights.empty()) json["rights"] = record.rights;
  Json files = Json::array();
  for (const auto& file : record.files) {
    Json item;
    item["path"] = file.path;
    // Digest and size are the inventory's to keep; they are written only when known.
    if (!file.digest.empty()) item["digest"] = file.digest;
    if (file.size != 0) item["size"] = file.size;
    if (!file.media_type.empty()) item["media_type"] = file.media_type;
    if (!file.puid.empty()) item["puid"] = file.puid;
    if (!file.label.empty()) item["label"] = file.label;
    files.push_back(std::move(item));
  }
  json["files"] = std::move(files);
  if (!record.source.empty()) json["source"] = record.source;
  if (record.deleted) json["deleted"] = true;
  json["created"] = record.created;
  json["modified"] = record.modified;
  return json.dump(2) + "\n";
}

Result<Record> decode_record(std::string_view text) {
  Json json = Json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (json.is_discarded()) return invalid_argument_error("record.json: not valid JSON");
  if (!json.is_object()) return invalid_argument_error("record.json: must be a JSON object");
  Reader reader("record.json");
  Record record;
  std::string format = reader.string(json, "format", "format", true);
  if (!format.empty() && format != kRecordFormat) {
    reader.fail("format", "is \"" + format + "\"; this Mura reads " + std::string(kRecordFormat));
  }
  record.id = reader.string(json, "id", "id", true);
  std::string kind = reader.string(json, "kind", "kind", true);
  if (auto parsed = parse_kind(kind)) {
    record.kind = *parsed;
  } else if (!kind.empty()) {
    reader.fail("kind", "\"" + kind + "\" is not a record kind");
  }
  record.level = reader.string(json, "level", "level", false);
  record.parent = reader.string(json, "parent", "parent", false);
  record.position = reader.integer(json, "position", "position");
  if (auto it = json.find("fields"); it != json.end()) {
    if (!it->is_object()) reader.fail("fields", "must be an object of field name -> values");
    for (auto field = it->begin(); it->is_object() && field != it->end(); ++field) {
      std::string path = "fields." + field.key();
      if (!field->is_array()) {
        reader.fail(path, "must be an array of {lang, value} objects");
        continue;
      }
      auto& values = record.fields[field.key()];
      for (std::size_t i = 0; i < field->size(); ++i) {
        const auto& item = (*field)[i];
        std::string item_path = path + "[" + std::to_string(i) + "]";
        if (!item.is_object()) {
          reader.fail(item_path, "must be an object with \"value\" and optional \"lang\"");
          continue;
        }
        LanguageValue value;
        value.language = reader.string(item, "lang", item_path + ".lang", false);
        value.value = reader.string(item, "value", item_path + ".value", true);
        values.push_back(std::move(value));
      }
    }
  }
  if (auto it = json.find("access"); it != json.end()) record.access = decode_access(reader, *it);
  record.rights = reader.string(json, "rights", "rights", false);
  if (auto it = json.find("files"); it != json.end()) {
    if (!it->is_array()) reader.fail("files", "must be an array");
    for (std::size_t i = 0; it->is_array() && i < it->size(); ++i) {
      const auto& item = (*it)[i];
      std::string path = "files[" + std::to_string(i) + "]";
      if (!item.is_object()) {
        reader.fail(path, "must be an object");
        continue;
      }
      FileEntry file;
      file.path = reader.string(item, "path", path + ".path", true);
      file.digest = reader.string(item, "digest", path + ".digest", false);
      std::int64_t size = reader.integer(item, "size", path + ".size");
      if (size < 0) reader.fail(path + ".size", "must not be negative");
      file.size = static_cast<std::uint64_t>(size);
      file.media_type = reader.string(item, "media_type", path + ".media_type", false);
      file.puid = reader.string(item, "puid", path + ".puid", false);
      file.label = reader.string(item, "label", path + ".label", false);
      record.files.push_back(std::move(file));
    }
  }
  record.source = reader.string(json, "source", "source", false);
  record.deleted = reader.boolean(json, "deleted", "deleted");
  record.created = reader.string(json, "created", "created", false);
  record.modified = reader.string(json, "modified", "modified", false);
  MURA_TRY(reader.status());
  return record;
}

std::string encode_event(const Event& event) {
  Json json;
  json["id"] = event.identifier;
  json["type"] = event.type;
  json["time"] = event.time;
  json["agent"] = event.agent;
  json["outcome"] = event.outcome;
  if (!event.detail.empty()) json["detail"] = event.detail;
  return json.dump();
}

Result<Event> decode_event(std::string_view line) {
  Json json = Json::parse(line, nullptr, /*allow_exceptions=*/false);
  if (json.is_discarded() || !json.is_object()) {
    return invalid_argument_error("events.jsonl: a line is not a JSON object");
  }
  Reader reader("events.jsonl");
  Event event;
  event.identifier = reader.string(json, "id", "id", true);
  event.type = reader.string(json, "type", "type", true);
  event.time = reader.string(json, "time", "time", true);
  event.agent = reader.string(json, "agent", "agent", false);
  event.outcome = reader.string(json, "outcome", "outcome", false);
  event.detail = reader.string(json, "detail", "detail", false);
  MURA_TRY(reader.status());
  return event;
}

Result<std::vector<Event>> decode_events(std::string_view jsonl) {
  std::vector<Event> events;
  std::size_t line_number = 0;
  while (!jsonl.empty()) {
    ++line_number;
    auto end = jsonl.find('\n');
    std::string_view line = jsonl.substr(0, end);
    jsonl = end == std::string_view::npos ? std::string_view() : jsonl.substr(end + 1);
    if (line.empty()) continue;
    auto event = decode_event(line);
    if (!event) return Error(event.error().with_context("line " + std::to_string(line_number)));
    events.push_back(std::move(*event));
  }
  return events;
}

}  // namespace mura::record
