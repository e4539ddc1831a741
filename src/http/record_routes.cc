// REST API v1 for one record: read (any version, with language selection), versions, diff,
// events, ancestors, files (streamed), and the writes: uploads, create, update, withdraw.
#include <algorithm>
#include <charconv>
#include <memory>
#include <optional>
#include <set>

#include <nlohmann/json.hpp>

#include "base/digest.h"
#include "base/file_system.h"
#include "http/api_json.h"
#include "http/app.h"
#include "http/file_response.h"
#include "http/multipart.h"
#include "http/problem.h"
#include "http/response_cache.h"
#include "http/route_support.h"
#include "media/technical_metadata.h"
#include "record/record_json.h"
#include "service/derivatives.h"
#include "service/record_access.h"
#include "storage/ocfl_paths.h"

namespace mura::http {
namespace {

using Json = nlohmann::json;

// Bytes of rendered record JSON kept in memory.
constexpr std::size_t kRecordCacheBytes = 64u << 20;

Result<std::vector<service::FileSource>> file_sources(service::Repository& repository,
                                                      const std::vector<UploadedFile>& files) {
  std::vector<service::FileSource> sources;
  for (const auto& file : files) {
    MURA_TRY(storage::check_logical_path(file.path));
    MURA_ASSIGN_OR_RETURN(auto path, upload_path(repository, file.upload, "file \"" + file.path + "\""));
    sources.push_back(service::FileSource{file.path, path, nullptr, file.label});
  }
  return sources;
}

// Bytes kept under staging/uploads with a new id, and their size and SHA-512.
struct StagedUpload {
  std::string id;
  std::size_t size = 0;
  std::string sha512;
};

Result<StagedUpload> stage_upload(service::Repository& repository, std::string_view bytes) {
  auto& fs = repository.file_system();
  const std::string directory = uploads_directory(repository);
  MURA_TRY(create_directories(fs, directory, Durability::kDeferred));
  StagedUpload staged{service::new_uuid(), bytes.size(), digest_hex(DigestAlgorithm::kSha512, bytes)};
  MURA_TRY(write_file_atomically(fs, join_path(directory, staged.id), bytes));
  return staged;
}

Json staged_json(const StagedUpload& staged, const std::string& file_name) {
  Json json = {{"upload", staged.id}, {"size", staged.size}, {"sha512", staged.sha512}};
  if (!file_name.empty()) json["file_name"] = file_name;
  return json;
}

// A record body sent as JSON, or as multipart/form-data with the JSON in a part named "record"
// and each file in a part of its own whose filename is the file's path in the record. The files
// of a form are staged and removed again when the form is done with, whatever the outcome.
// Upload ids staged for one request, removed when it is done with them.
class StagedFiles {
 public:
  explicit StagedFiles(service::Repository& repository) : repository_(repository) {}
  StagedFiles(const StagedFiles&) = delete;
  StagedFiles& operator=(const StagedFiles&) = delete;
  ~StagedFiles() {
    for (const auto& id : ids_) {
      (void)repository_.file_system().remove_file(join_path(uploads_directory(repository_), id));
    }
  }
  void add(std::string id) { ids_.push_back(std::move(id)); }

 private:
  service::Repository& repository_;
  std::vector<std::string> ids_;
};

struct RecordForm {
  RecordBody body;
  std::unique_ptr<StagedFiles> staged;
};

Result<RecordForm> read_record_form(service::Repository& repository, const Request& request,
                                    bool for_update) {
  RecordForm form{RecordBody{}, std::make_unique<StagedFiles>(repository)};
  const std::string_view content_type = request.header("content-type");
  if (!is_multipart_form(content_type)) {
    MURA_ASSIGN_OR_RETURN(form.body, decode_record_body(request.body, for_update));
    return form;
  }
  MURA_ASSIGN_OR_RETURN(auto parts, parse_multipart(content_type, request.body));
  const FormPart* json = nullptr;
  for (const auto& part : parts) {
    if (part.name == "record" && part.file_name.empty()) json = &part;
  }
  if (json == nullptr) {
    return invalid_argument_error(
        "multipart body: no part named \"record\" with the record's JSON");
  }
  MURA_ASSIGN_OR_RETURN(form.body, decode_record_body(json->body, for_update));
  for (std::size_t index = 0; index < parts.size(); ++index) {
    const FormPart& part = parts[index];
    if (&part == json) continue;
    if (part.file_name.empty()) {
      return invalid_argument_error("multipart body, part " + std::to_string(index + 1) + " (\"" +
                                    part.name + "\"): not a file (no filename) and not \"record\"");
    }
    if (auto checked = storage::check_logical_path(part.file_name); !checked.ok()) {
      return invalid_argument_error("multipart body, part " + std::to_string(index + 1) +
                                    ": filename \"" + part.file_name + "\" is not a file path (" +
                                    checked.message() + ")");
    }
    MURA_ASSIGN_OR_RETURN(auto staged, stage_upload(repository, part.body));
    form.staged->add(staged.id);
    form.body.files.push_back(UploadedFile{part.file_name, staged.id, ""});
  }
  return form;
}

// Whether a file request asks for the file from its first byte: a GET without a Range header or
// with one whose first range starts at 0. HEAD reads nothing.
bool starts_at_first_byte(const Request& request) {
  if (request.method != "GET") return false;
  const std::string_view range = request.header("range");
  if (range.empty()) return true;
  constexpr std::string_view kFromZero = "bytes=0-";
  return range.substr(0, kFromZero.size()) == kFromZero;
}

Json field_diff(const record::Record& from, const record::Record& to) {
  Json changes = Json::object();
  std::set<std::string> names;
  for (const auto& [name, values] : from.fields) names.insert(name);
  for (const auto& [name, values] : to.fields) names.insert(name);
  auto values_json = [](const record::Record& record, const std::string& name) {
    Json list = Json::array();
    if (auto it = record.fields.find(name); it != record.fields.end()) {
      for (const auto& value : it->second) {
        Json item = {{"value", value.value}};
        if (!value.language.empty()) item["lang"] = value.language;
        list.push_back(std::move(item));
      }
    }
    return list;
  };
  for (const auto& name : names) {
    auto before = values_json(from, name);
    auto after = values_json(to, name);
    if (before != after) changes[name] = {{"from", before}, {"to", after}};
  }
  return changes;
}

Json files_diff(const record::Record& from, const record::Record& to) {
  Json added = Json::array(), removed = Json::array(), changed = Json::array();
  for (const auto& file : to.files) {
    auto it = std::find_if(from.files.begin(), from.files.end(),
                           [&](const record::FileEntry& old) { return old.path == file.path; });
    if (it == from.files.end()) {
      added.push_back(file.path);
    } else if (it->digest != file.digest) {
      changed.push_back(file.path);
    }
  }
  for (const auto& file : from.files) {
    auto it = std::find_if(to.files.begin(), to.files.end(),
                           [&](const record::FileEntry& now) { return now.path == file.path; });
    if (it == to.files.end()) removed.push_back(file.path);
  }
  return {{"added", added}, {"removed", removed}, {"changed", changed}};
}

// GET /api/v1/records/{ark}. Rendered JSON of public records at their head is cached, keyed by
// everything it depends on, so that the hot path is one catalog lookup — cheap enough to run on
// an I/O thread (read_cached).
class RecordReader {
 public:
  RecordReader(service::Repository& repository, std::string base)
      : repository_(repository), base_(std::move(base)), cache_(kRecordCacheBytes) {}

  // Answers from the cache, or nullopt when the request needs the store.
  std::optional<Result<Response>> read_cached(Context& context) {
    auto request = parse(context);
    if (!request) return Result<Response>(Error(request.error()));
    if (request->version != 0) return std::nullopt;
    auto head = public_head(*request, context);
    if (!head || !*head) return std::nullopt;  // a catalog error is the worker's to report
    auto body = cache_.find((*head)->key);
    if (!body) return std::nullopt;
    return respond(context, *request, body, (*head)->version, (*head)->files_visible);
  }

  Result<Response> read(Context& context) {
    MURA_ASSIGN_OR_RETURN(auto request, parse(context));
    if (request.version == 0) {
      MURA_ASSIGN_OR_RETURN(auto head, public_head(request, context));
      if (head) {
        if (auto body = cache_.find(head->key)) {
          return respond(context, request, body, head->version, head->files_visible);
        }
        MURA_ASSIGN_OR_RETURN(auto visible, service::read_visible_record(
                                                repository_, request.id, context.caller,
                                                context.today));
        if (visible.record.version == head->version &&
            visible.files_visible == head->files_visible) {
          auto body = render(visible, request.language);
          cache_.put(head->key, body);
          return respond(context, request, body, head->version, head->files_visible);
        }
      }
    }
    MURA_ASSIGN_OR_RETURN(auto visible,
                          service::read_visible_record(repository_, request.id, context.caller,
                                                       context.today, request.version));
    return respond(context, request, render(visible, request.language), visible.record.version,
                   visible.files_visible);
  }

 private:
  struct Arguments {
    std::string id;
    std::int64_t version = 0;  // 0: the head
    std::string language;
  };
  // A record that anyone may see, at its head: its cache key and what the key depends on.
  struct PublicHead {
    std::string key;
    std::int64_t version = 0;
    bool files_visible = false;
  };

  static Result<Arguments> parse(const Context& context) {
    MURA_ASSIGN_OR_RETURN(auto id, checked_ark(context));
    MURA_ASSIGN_OR_RETURN(auto version, integer_argument(context, "version", 0, 1, 1 << 30));
    return Arguments{std::move(id), version, language_argument(context)};
  }

  Result<std::optional<PublicHead>> public_head(const Arguments& request,
                                                const Context& context) const {
    MURA_ASSIGN_OR_RETURN(auto summary, repository_.catalog().summary(request.id));
    if (!summary || !access::allows(access::Caller::anonymous(), summary->requirements.metadata,
                                    context.today)) {
      return std::optional<PublicHead>();
    }
    const bool files_visible =
        access::allows(context.caller, summary->requirements.files, context.today);
    std::string key = request.id + "\n" + std::to_string(summary->version) + "\n" +
                      request.language + "\n" + (files_visible ? "files" : "") + "\n" + base_;
    return std::optional<PublicHead>(PublicHead{std::move(key), summary->version, files_visible});
  }

  std::shared_ptr<const std::string> render(const service::VisibleRecord& visible,
                                            const std::string& language) const {
    return std::make_shared<const std::string>(
        record_json(visible.record, RecordView{base_, language, visible.files_visible})
            .dump(-1, ' ', false, Json::error_handler_t::replace));
  }

  // The representation varies with the version, the language and whether files are shown.
  static Response respond(const Context& context, const Arguments& request,
                          const std::shared_ptr<const std::string>& body,
                          std::int64_t shown_version, bool files_visible) {
    const std::string etag = "\"" + request.id + "@" + std::to_string(shown_version) +
                             (request.language.empty() ? "" : "-" + request.language) +
                             (files_visible ? "" : "-nofiles") + "\"";
    Response response;
    if (context.request.header("if-none-match") == etag) {
      response.status = 304;
    } else {
      response = Response::text(200, *body, "application/json");
    }
    response.set_header("ETag", etag);
    return response;
  }

  service::Repository& repository_;
  std::string base_;
  ResponseCache cache_;
};

}  // namespace

void add_record_routes(App& app) {
  auto& router = app.mutable_router();
  auto& repository = app.repository();
  const std::string base = app.options().base_url;

  auto reader = std::make_shared<RecordReader>(repository, base);
  app.hold(reader);
  router.add("GET", "/api/v1/records/{ark}",
             [reader](Context& context) { return reader->read(context); });
  router.add_inline("GET", "/api/v1/records/{ark}",
                    [reader](Context& context) { return reader->read_cached(context); });

  router.add("GET", "/api/v1/records/{ark}/versions",
             [&repository, base](Context& context) -> Result<Response> {
               MURA_ASSIGN_OR_RETURN(auto id, checked_ark(context));
               MURA_TRY(service::read_visible_record(repository, id, context.caller, context.today));
               MURA_ASSIGN_OR_RETURN(auto versions, repository.store().versions(id));
               Json list = Json::array();
               for (const auto& version : versions) {
                 list.push_back({{"version", version.number},
                                 {"created", version.created},
                                 {"message", version.message},
                                 {"user", version.user_name},
                                 {"url", base + "/api/v1/records/" + id + "?version=" +
                                             std::to_string(version.number)}});
               }
               return json_response(200, {{"id", id}, {"versions", list}});
             });

  router.add("GET", "/api/v1/records/{ark}/versions/{version}",
             [&repository, base](Context& context) -> Result<Response> {
               MURA_ASSIGN_OR_RETURN(auto id, checked_ark(context));
               std::int64_t version = 0;
               const auto& text = context.parameter("version");
               const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), version);
               if (error != std::errc() || end != text.data() + text.size() || version < 1) {
                 return invalid_argument_error("version \"" + text + "\" is not a whole number from 1");
               }
               MURA_ASSIGN_OR_RETURN(auto visible, service::read_visible_record(
                                                       repository, id, context.caller, context.today, version));
               return json_response(200, record_json(visible.record,
                                                     RecordView{base, language_argument(context),
                                                                visible.files_visible}));
             });

  router.add("GET", "/api/v1/records/{ark}/diff", [&repository](Context& context) -> Result<Response> {
    MURA_ASSIGN_OR_RETURN(auto id, checked_ark(context));
    MURA_ASSIGN_OR_RETURN(auto head, service::read_visible_record(repository, id, context.caller,
                                                                  context.today));
    MURA_ASSIGN_OR_RETURN(auto from_version, integer_argument(context, "from", std::max<std::int64_t>(1, head.record.version - 1), 1, head.record.version));
    MURA_ASSIGN_OR_RETURN(auto to_version, integer_argument(context, "to", head.record.version, 1, head.record.version));
    MURA_ASSIGN_OR_RETURN(auto from, repository.read_record(id, from_version));
    MURA_ASSIGN_OR_RETURN(auto to, repository.read_record(id, to_version));
    Json body = {{"id", id}, {"from", from_version}, {"to", to_version},
                 {"fields", field_diff(from, to)}};
    if (head.files_visible) body["files"] = files_diff(from, to);
    if (from.access != to.access) {
      body["access"] = {{"from", Json::parse(record::encode_record(from))["access"]},
                        {"to", Json::parse(record::encode_record(to))["access"]}};
    }
    if (from.deleted != to.deleted) body["deleted"] = {{"from", from.deleted}, {"to", to.deleted}};
    return json_response(200, body);
  });

  router.add("GET", "/api/v1/records/{ark}/events", [&repository](Context& context) -> Result<Response> {
    MURA_ASSIGN_OR_RETURN(auto id, checked_ark(context));
    MURA_TRY(service::read_visible_record(repository, id, context.caller, context.today));
    MURA_ASSIGN_OR_RETURN(auto events, repository.catalog().events(id));
    Json list = Json::array();
    for (const auto& event : events) list.push_back(event_json(event));
    return json_response(200, {{"id", id}, {"events", list}});
  });

  // What the derivative jobs read from each file's content (media/technical_metadata.h).
  router.add("GET", "/api/v1/records/{ark}/technical",
             [&repository](Context& context) -> Result<Response> {
               MURA_ASSIGN_OR_RETURN(auto id, checked_ark(context));
               MURA_ASSIGN_OR_RETURN(auto version,
                                     integer_argument(context, "version", 0, 1, 1 << 30));
               MURA_ASSIGN_OR_RETURN(auto visible,
                                     service::read_visible_record(repository, id, context.caller,
                                                                  context.today, version));
               if (!visible.files_visible) {
                 return permission_denied_error("the files of " + id +
                                                " are not open to you (access, embargo or closure)");
               }
               Json files = Json::array();
               for (const auto& file : visible.record.files) {
                 Json entry = {{"path", file.path},       {"media_type", file.media_type},
                               {"size", file.size},       {"digest", file.digest},
                               {"technical", nullptr}};
                 if (!file.puid.empty()) entry["puid"] = file.puid;
                 if (auto technical = service::technical_if_present(repository, file)) {
                   entry["technical"] = Json::parse(media::technical_to_json(*technical),
                                                    nullptr, /*allow_exceptions=*/false);
                 }
                 files.push_back(std::move(entry));
               }
               return json_response(
                   200, {{"id", id}, {"version", visible.record.version}, {"files", files}});
             });

  router.add("GET", "/api/v1/records/{ark}/ancestors",
             [&repository, base](Context& context) -> Result<Response> {
               MURA_ASSIGN_OR_RETURN(auto id, checked_ark(context));
               MURA_TRY(service::read_visible_record(repository, id, context.caller, context.today));
               // The breadcrumb holds only the visible ancestors nearest the record.
               MURA_ASSIGN_OR_RETURN(auto ancestors,
                                     repository.catalog().ancestors(
                                         id, catalog::Visibility::of(context.caller, context.today)));
               Json list = Json::array();
               for (const auto& ancestor : ancestors) list.push_back(summary_json(ancestor, base));
               return json_response(200, {{"id", id}, {"ancestors", list}});
             });

  router.add("GET", "/api/v1/records/{ark}/files/{path*}",
             [&repository](Context& context) -> Result<Response> {
               MURA_ASSIGN_OR_RETURN(auto id, checked_ark(context));
               const std::string& path = context.parameter("path");
               MURA_TRY(storage::check_logical_path(path));
               MURA_ASSIGN_OR_RETURN(auto version, integer_argument(context, "version", 0, 1, 1 << 30));
               MURA_ASSIGN_OR_RETURN(auto visible, service::read_visible_record(
                                                       repository, id, context.caller, context.today, version));
               if (!visible.files_visible) {
                 return permission_denied_error("the files of " + id +
                                                " are not open to you (access, embargo or closure)");
               }
               const auto& files = visible.record.files;
               auto it = std::find_if(files.begin(), files.end(),
                                      [&](const record::FileEntry& file) { return file.path == path; });
               if (it == files.end()) {
                 return not_found_error("record " + id + " has no file \"" + path + "\"" +
                                        (version ? " in version " + std::to_string(version) : ""));
               }
               MURA_ASSIGN_OR_RETURN(auto file, repository.store().open_file(
                                                    id, "files/" + path, static_cast<int>(version)));
               // A download that is not public is audited once, at its first byte: the later
               // ranges a player or a resuming client asks for are the same reading.
               if (starts_at_first_byte(context.request)) {
                 MURA_TRY(service::audit_file_read(repository, visible, context.caller, path,
                                                   context.today));
               }
               FileDescription description;
               description.media_type = it->media_type;
               description.digest = it->digest;
               description.size = it->size;
               description.modified = visible.record.modified;
               description.file_name = file_name(path);
               description.attachment = context.request.argument("download").has_value();
               return file_response(context.request, std::shared_ptr<ReadableFile>(std::move(file)),
                                    description);
             });

  router.add("POST", "/api/v1/uploads", [&repository](Context& context) -> Result<Response> {
    if (context.caller.is_anonymous()) {
      return unauthenticated_error("sign in or send an API token to upload files");
    }
    if (!context.caller.administrator && context.caller.curated_collections.empty()) {
      return permission_denied_error("only curators and administrators may upload files");
    }
    const std::string_view content_type = context.request.header("content-type");
    if (!is_multipart_form(content_type)) {
      MURA_ASSIGN_OR_RETURN(auto staged, stage_upload(repository, context.request.body));
      return json_response(201, staged_json(staged, ""));
    }
    MURA_ASSIGN_OR_RETURN(auto parts, parse_multipart(content_type, context.request.body));
    Json uploads = Json::array();
    for (std::size_t index = 0; index < parts.size(); ++index) {
      if (parts[index].file_name.empty()) {
        return invalid_argument_error("multipart body, part " + std::to_string(index + 1) +
                                      " (\"" + parts[index].name + "\"): not a file (no filename)");
      }
    }
    if (parts.empty()) return invalid_argument_error("multipart body: no file to upload");
    for (const auto& part : parts) {
      MURA_ASSIGN_OR_RETURN(auto staged, stage_upload(repository, part.body));
      uploads.push_back(staged_json(staged, part.file_name));
    }
    return json_response(201, {{"uploads", uploads}});
  });

  router.add("POST", "/api/v1/records", [&repository, base](Context& context) -> Result<Response> {
    MURA_ASSIGN_OR_RETURN(auto form, read_record_form(repository, context.request, false));
    auto& body = form.body;
    std::string collection;
    if (!body.record.parent.empty()) {
      auto parent = service::read_visible_record(repository, body.record.parent, context.caller,
                                                 context.today);
      if (!parent) {
        return invalid_argument_error("body: \"parent\" " + body.record.parent +
                                      " is not a record you can see");
      }
      collection = parent->collection;
    }
    if (body.record.kind == record::Kind::kCollection && body.record.parent.empty()) collection = "";
    MURA_TRY(require_writer(context, collection));
    MURA_ASSIGN_OR_RETURN(auto sources, file_sources(repository, body.files));
    MURA_ASSIGN_OR_RETURN(auto created,
                          repository.create_record(std::move(body.record), sources, actor_of(context),
                                                   body.message.empty() ? "created through the API" : body.message));
    auto response = json_response(201, record_json(created, RecordView{base, "", true}));
    response.set_header("Location", base + "/api/v1/records/" + created.id);
    return response;
  });

  router.add("PUT", "/api/v1/records/{ark}", [&repository, base](Context& context) -> Result<Response> {
    MURA_ASSIGN_OR_RETURN(auto id, checked_ark(context));
    MURA_ASSIGN_OR_RETURN(auto current, service::read_visible_record(repository, id, context.caller,
                                                                     context.today));
    MURA_TRY(require_writer(context, current.collection));
    MURA_ASSIGN_OR_RETURN(auto form, read_record_form(repository, context.request, true));
    auto& body = form.body;
    MURA_ASSIGN_OR_RETURN(auto sources, file_sources(repository, body.files));
    service::FileChanges changes;
    changes.add = std::move(sources);
    changes.remove = body.remove_files;
    MURA_ASSIGN_OR_RETURN(auto updated,
                          repository.update_record(id, body.version, std::move(body.record), changes,
                                                   actor_of(context),
                                                   body.message.empty() ? "edited through the API" : body.message));
    return json_response(200, record_json(updated, RecordView{base, "", true}));
  });

  router.add("DELETE", "/api/v1/records/{ark}", [&repository, base](Context& context) -> Result<Response> {
    MURA_ASSIGN_OR_RETURN(auto id, checked_ark(context));
    MURA_ASSIGN_OR_RETURN(auto current, service::read_visible_record(repository, id, context.caller,
                                                                     context.today));
    MURA_TRY(require_writer(context, current.collection));
    MURA_ASSIGN_OR_RETURN(auto version, integer_argument(context, "version", 0, 1, 1 << 30));
    if (version == 0) {
      return invalid_argument_error("send ?version=N, the version you read, to withdraw a record");
    }
    std::string reason(context.request.argument("reason").value_or("withdrawn through the API"));
    MURA_ASSIGN_OR_RETURN(auto tombstone,
                          repository.delete_record(id, version, actor_of(context), reason));
    return json_response(200, record_json(tombstone, RecordView{base, "", false}));
  });
}

}  // namespace mura::http
