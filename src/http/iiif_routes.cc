// IIIF routes: Image API 3.0 (/iiif/3/{id}/..., info.json), Presentation API 3.0 manifests and
// collections, web renditions of sound and video, the text of a record's scans and PDFs
// (/api/v1/records/{ark}/text) and the derivative jobs (/api/v1/jobs). Every route reads
// through the access policy: an image, manifest or text whose files the caller may not see is
// answered 404 exactly like one that does not exist. The module keeps the image service (open
// pyramids, caches), a short-lived cache of records and their access requirements (cleared on
// every write of this process, at most two seconds old otherwise), the manifests per record
// version, and the derivative job runner (MURA_DERIVATIVE_WORKERS threads, default 1, which
// waits five seconds after a write wakes it, so that a burst of writes is not interleaved with
// derivative work record by record). Reads of
// what the public may not see are audited once per caller, record and file every ten minutes.
#include <chrono>
#include <cstdlib>
#include <mutex>
#include <unordered_map>

#include <nlohmann/json.hpp>

#include "base/file_system.h"
#include "http/app.h"
#include "http/file_response.h"
#include "http/problem.h"
#include "iiif/identifier.h"
#include "iiif/image_service.h"
#include "iiif/presentation.h"
#include "media/av_rendition.h"
#include "media/derivative_paths.h"
#include "service/derivatives.h"
#include "service/derivatives_jobs.h"
#include "service/record_access.h"

namespace mura::http {
namespace {

using Json = nlohmann::json;
using Clock = std::chrono::steady_clock;

constexpr auto kRecordCacheLifetime = std::chrono::seconds(2);
constexpr int kCollectionPageSize = 100;
constexpr std::string_view kProfileLink = "<http://iiif.io/api/image/3/level2.json>;rel=\"profile\"";

// Records with their access requirements, for the many requests a viewer makes per image.
class RecordCache {
 public:
  explicit RecordCache(service::Repository& repository) : repository_(repository) {}

  // The head record as read_visible_record() gives it: NotFound when it does not exist or the
  // caller may not see its metadata.
  Result<service::VisibleRecord> read(const Context& context, const std::string& id) {
    std::shared_ptr<const Entry> entry = lookup(id);
    if (!entry) {
      MURA_ASSIGN_OR_RETURN(entry, load(id));
    }
    if (!entry->record || !access::allows(context.caller, entry->requirements.metadata, context.today)) {
      return not_found_error("no record " + id);
    }
    service::VisibleRecord visible;
    visible.record = *entry->record;
    visible.requirements = entry->requirements;
    visible.collection = entry->collection;
    visible.files_visible = access::allows(context.caller, entry->requirements.files, context.today);
    return visible;
  }

  void clear() {
    std::lock_guard lock(mutex_);
    entries_.clear();
  }

 private:
  struct Entry {
    std::optional<record::Record> record;  // nullopt: no such record
    access::RecordRequirements requirements;
    std::string collection;
    Clock::time_point loaded;
  };

  std::shared_ptr<const Entry> lookup(const std::string& id) {
    std::lock_guard lock(mutex_);
    auto it = entries_.find(id);
    if (it == entries_.end() || Clock::now() - it->second->loaded > kRecordCacheLifetime) return nullptr;
    return it->second;
  }

  Result<std::shared_ptr<const Entry>> load(const std::string& id) {
    auto entry = std::make_shared<Entry>();
    entry->loaded = Clock::now();
    // The requirements the catalog stored with the record, as every listing uses them.
    MURA_ASSIGN_OR_RETURN(auto summary, repository_.catalog().summary(id));
    if (summary) {
      MURA_ASSIGN_OR_RETURN(auto head, repository_.catalog().get_record(id));
      if (head) {
        entry->requirements = summary->requirements;
        entry->collection = summary->collection;
        entry->record = std::move(*head);
      }
    }
    std::lock_guard lock(mutex_);
    if (entries_.size() > 100'000) entries_.clear();
    entries_[id] = entry;
    return std::shared_ptr<const Entry>(entry);
  }

  service::Repository& repository_;
  std::mutex mutex_;
  std::unordered_map<std::string, std::shared_ptr<const Entry>> entries_;  // GUARDED_BY(mutex_)
};

// Reads of what the public may not see are audited (service/record_access.h): once per caller,
// record and file every ten minutes, rather than once for each of the hundreds of tiles a viewer
// asks for.
class AuditMemo {
 public:
  // True when `key` was not audited in the last interval (and marks it audited now).
  bool due(const std::string& key) {
    std::lock_guard lock(mutex_);
    const auto now = Clock::now();
    auto it = audited_.find(key);
    if (it != audited_.end() && now - it->second < kAuditInterval) return false;
    if (audited_.size() > 100'000) audited_.clear();
    audited_[key] = now;
    return true;
  }
  void forget(const std::string& key) {
    std::lock_guard lock(mutex_);
    audited_.erase(key);
  }

 private:
  static constexpr auto kAuditInterval = std::chrono::minutes(10);
  std::mutex mutex_;
  std::unordered_map<std::string, Clock::time_point> audited_;  // GUARDED_BY(mutex_)
};

struct IiifModule {
  IiifModule(service::Repository& repository_, std::string base_url_)
      : repository(repository_),
        base_url(std::move(base_url_)),
        records(repository_),
        manifests(32u << 20),
        jobs(std::make_shared<service::DerivativeJobs>(repository_, service::DerivativeOptions{})) {}
  ~IiifModule() { jobs->stop(); }

  service::Repository& repository;
  std::string base_url;
  iiif::ImageService images;
  RecordCache records;
  iiif::ByteCache<std::string> manifests;
  AuditMemo audits;
  std::shared_ptr<service::DerivativeJobs> jobs;
};

// Audits the caller's read of a record's metadata when the public may not see it.
Status audit_metadata(IiifModule& module, const Context& context, const service::VisibleRecord& visible) {
  if (access::allows(access::Caller::anonymous(), visible.requirements.metadata, context.today)) return ok_status();
  const std::string key = "metadata\n" + context.caller.user + "\n" + visible.record.id;
  if (!module.audits.due(key)) return ok_status();
  auto read = service::read_visible_record(module.repository, visible.record.id, context.caller, context.today);
  if (read) return ok_status();
  module.audits.forget(key);
  return read.error();
}

// Audits the caller's read of file `path` (its pixels, text or sound) when the public may not.
Status audit_file(IiifModule& module, const Context& context, const service::VisibleRecord& visible,
                  const std::string& path) {
  if (access::allows(access::Caller::anonymous(), visible.requirements.files, context.today)) return ok_status();
  const std::string key = "file\n" + context.caller.user + "\n" + visible.record.id + "\n" + path;
  if (!module.audits.due(key)) return ok_status();
  Status audited = service::audit_file_read(module.repository, visible, context.caller, path, context.today);
  if (!audited.ok()) module.audits.forget(key);
  return audited;
}

// Forgets cached records whenever this process writes one.
class CacheObserver : public service::RecordObserver {
 public:
  explicit CacheObserver(std::weak_ptr<IiifModule> module) : module_(std::move(module)) {}
  Status record_cataloged(const record::Record&) override {
    if (auto module = module_.lock()) module->records.clear();
    return ok_status();
  }

 private:
  std::weak_ptr<IiifModule> module_;
};

Response json_response(int status, const Json& body, std::string content_type = "application/json") {
  return Response::text(status, body.dump(-1, ' ', false, Json::error_handler_t::replace), std::move(content_type));
}

bool is_public(const access::Requirement& requirement, std::string_view today) {
  return access::allows(access::Caller::anonymous(), requirement, today);
}

// Long lifetimes for content that cannot change (a file named by its digest), a day for a
// record's first image, and no shared caching of what only some callers may see.
std::string cache_control(const service::VisibleRecord& visible, const iiif::ImageIdentifier& identifier,
                          std::string_view today) {
  if (!is_public(visible.requirements.files, today)) return "private, max-age=600";
  if (!identifier.digest_prefix.empty()) return "public, max-age=31536000, immutable";
  return "public, max-age=86400";
}

bool matches_etag(const Request& request, const std::string& etag) {
  const std::string_view header = request.header("if-none-match");
  return !header.empty() && (header == "*" || header.find(etag) != std::string_view::npos);
}

Response not_modified(const std::string& etag, const std::string& cache) {
  Response response;
  response.status = 304;
  response.set_header("ETag", etag);
  response.set_header("Cache-Control", cache);
  return response;
}

Result<iiif::ImageIdentifier> identifier_of(const Context& context) {
  return iiif::parse_identifier(context.parameter("id"));
}

// The image a IIIF identifier names, if the caller may see it.
struct ResolvedImage {
  service::VisibleRecord visible;
  record::FileEntry file;
  iiif::ImageSource source;
};

Result<ResolvedImage> resolve_image(IiifModule& module, const Context& context,
                                    const iiif::ImageIdentifier& identifier) {
  auto hidden = [&] { return not_found_error("no image " + identifier.to_string()); };
  auto visible = module.records.read(context, identifier.ark());
  if (!visible) {
    if (visible.error().code() == StatusCode::kNotFound) return hidden();
    return Error(visible.error());
  }
  if (!visible->files_visible) return hidden();
  for (const auto& file : visible->record.files) {
    if (!media::is_image_type(file.media_type) || !media::is_sha512_hex(file.digest)) continue;
    if (!identifier.digest_prefix.empty() && !file.digest.starts_with(identifier.digest_prefix)) continue;
    MURA_TRY(audit_file(module, context, *visible, file.path));
    ResolvedImage image{std::move(*visible), file, {}};
    image.source.key = file.digest;
    image.source.pyramid_path =
        media::derivative_path(module.repository.directory(), file.digest, media::DerivativeKind::kPyramid);
    image.source.thumbnail_path =
        media::derivative_path(module.repository.directory(), file.digest, media::DerivativeKind::kThumbnail);
    return image;
  }
  return hidden();
}

// Runs `operation` on the image's pyramid, making the pyramid first when it is missing.
template <typename Operation>
auto with_pyramid(IiifModule& module, const ResolvedImage& image, Operation operation)
    -> decltype(operation()) {
  auto result = operation();
  if (result || result.error().code() != StatusCode::kNotFound) return result;
  auto made = service::ensure_pyramid(module.repository, image.visible.record.id, image.file);
  if (!made) {
    return unimplemented_error("image \"" + image.file.path + "\" (" + image.file.media_type +
                               ") cannot be served: " + made.error().message());
  }
  return operation();
}

std::string service_id(const IiifModule& module, const iiif::ImageIdentifier& identifier) {
  return module.base_url + "/iiif/3/" + identifier.to_string();
}

Result<Response> image_route(IiifModule& module, Context& context) {
  MURA_ASSIGN_OR_RETURN(auto identifier, identifier_of(context));
  MURA_ASSIGN_OR_RETURN(auto request,
                        iiif::parse_image_request(context.parameter("region"), context.parameter("size"),
                                                  context.parameter("rotation"), context.parameter("quality_format")));
  MURA_ASSIGN_OR_RETURN(auto image, resolve_image(module, context, identifier));
  MURA_ASSIGN_OR_RETURN(auto rendered, with_pyramid(module, image, [&] { return module.images.render(image.source, request); }));
  const std::string etag = "\"" + image.file.digest.substr(0, 16) + "/" + rendered.canonical + "\"";
  const std::string cache = cache_control(image.visible, identifier, context.today);
  if (matches_etag(context.request, etag)) return not_modified(etag, cache);
  Response response = Response::text(200, *rendered.bytes, rendered.media_type);
  response.set_header("Link", std::string(kProfileLink) + ", <" + service_id(module, identifier) + "/" +
                                  rendered.canonical + ">;rel=\"canonical\"");
  response.set_header("ETag", etag);
  response.set_header("Cache-Control", cache);
  if (cache.starts_with("private")) response.set_header("Vary", "Authorization, Cookie");
  return response;
}

Result<Response> info_route(IiifModule& module, Context& context) {
  MURA_ASSIGN_OR_RETURN(auto identifier, identifier_of(context));
  MURA_ASSIGN_OR_RETURN(auto image, resolve_image(module, context, identifier));
  MURA_ASSIGN_OR_RETURN(auto description, with_pyramid(module, image, [&] { return module.images.describe(image.source); }));
  const std::string etag = "\"info-" + image.file.digest.substr(0, 16) + "-v" +
                           std::to_string(image.visible.record.version) + "\"";
  const std::string cache = cache_control(image.visible, identifier, context.today);
  if (matches_etag(context.request, etag)) return not_modified(etag, cache);
  const bool linked_data = context.request.header("accept").find("application/ld+json") != std::string_view::npos;
  Response response = Response::text(
      200,
      iiif::info_json(description, service_id(module, identifier), module.images.limits(),
                      iiif::presentation_rights(image.visible.record.rights)),
      linked_data ? "application/ld+json;profile=\"http://iiif.io/api/image/3/context.json\"" : "application/json");
  response.set_header("Link", std::string(kProfileLink));
  response.set_header("ETag", etag);
  response.set_header("Cache-Control", cache);
  return response;
}

// A sound or video file's canvas: its web rendition when one was made, else the original.
iiif::CanvasContent media_canvas(IiifModule& module, const record::Record& record, const record::FileEntry& file,
                                 const media::TechnicalMetadata& technical) {
  iiif::CanvasContent canvas;
  canvas.type = technical.has_video() ? iiif::CanvasContent::Type::kVideo : iiif::CanvasContent::Type::kSound;
  canvas.file_path = file.path;
  canvas.label = file.label;
  canvas.duration = technical.duration_seconds > 0 ? technical.duration_seconds : 0.001;
  for (const auto& stream : technical.streams) {
    if (stream.kind == "video" && stream.width > 0) {
      canvas.width = stream.width;
      canvas.height = stream.height;
    }
  }
  if (auto rendition = service::rendition_if_present(module.repository, file)) {
    auto identifier = iiif::identifier_for(record.id, file.digest);
    canvas.content_url = module.base_url + "/iiif/3/" + (identifier ? identifier->to_string() : record.id) + "/rendition";
    canvas.format = rendition->second;
  } else {
    canvas.content_url = module.base_url + "/api/v1/records/" + record.id + "/files/" + file.path;
    canvas.format = file.media_type;
  }
  return canvas;
}

// The manifest of a record, and whether it may be cached for the record's version (not while a
// web rendition it should point to is still to be made).
struct BuiltManifest {
  std::string json;
  bool final = true;
};

Result<BuiltManifest> build_manifest(IiifModule& module, const service::VisibleRecord& visible) {
  BuiltManifest built;
  const record::Record& record = visible.record;
  service::Actor actor;
  actor.name = "mura-derivatives";
  std::vector<iiif::CanvasContent> canvases;
  std::vector<iiif::Download> downloads;
  for (const auto& file : record.files) {
    downloads.push_back({module.base_url + "/api/v1/records/" + record.id + "/files/" + file.path + "?download",
                         file.path, file.media_type});
    const bool image = media::is_image_type(file.media_type);
    if (!image && !media::is_audio_type(file.media_type) && !media::is_video_type(file.media_type)) continue;
    auto technical = service::ensure_technical(module.repository, record.id, file, actor);
    if (!technical) continue;  // a file no tool reads gets no canvas; it stays downloadable
    if (image) {
      if (technical->width <= 0) continue;
      auto identifier = iiif::identifier_for(record.id, file.digest);
      if (!identifier) continue;
      iiif::CanvasContent canvas;
      canvas.file_path = file.path;
      canvas.label = file.label;
      canvas.image_service = module.base_url + "/iiif/3/" + identifier->to_string();
      canvas.width = technical->width;
      canvas.height = technical->height;
      canvases.push_back(std::move(canvas));
    } else if (technical->has_audio() || technical->has_video()) {
      canvases.push_back(media_canvas(module, record, file, *technical));
      if (media::rendition_needed(*technical) != media::Rendition::kNone &&
          !service::rendition_if_present(module.repository, file)) {
        built.final = false;
      }
    }
  }
  if (canvases.empty()) return not_found_error("record " + record.id + " has no image, sound or video to show");
  built.json = iiif::manifest_json(record, &module.repository.profiles().profile(record.kind), canvases,
                                   downloads, visible.collection,
                                   {module.base_url, module.repository.config().name});
  return built;
}

Result<Response> manifest_route(IiifModule& module, Context& context) {
  MURA_ASSIGN_OR_RETURN(auto identifier, identifier_of(context));
  if (!identifier.digest_prefix.empty()) {
    return invalid_argument_error("a manifest describes a whole record: drop \"~" + identifier.digest_prefix +
                                  "\" from the identifier");
  }
  auto hidden = [&] { return not_found_error("no manifest " + identifier.to_string()); };
  auto visible = module.records.read(context, identifier.ark());
  if (!visible) return visible.error().code() == StatusCode::kNotFound ? Result<Response>(hidden()) : Error(visible.error());
  if (!visible->files_visible) return hidden();
  MURA_TRY(audit_metadata(module, context, *visible));
  const std::string key = visible->record.id + "@" + std::to_string(visible->record.version);
  const std::string etag = "\"manifest-" + key + "\"";
  const std::string cache = cache_control(*visible, identifier, context.today);
  if (matches_etag(context.request, etag)) return not_modified(etag, cache);
  auto manifest = module.manifests.find(key);
  bool final = true;
  if (!manifest) {
    MURA_ASSIGN_OR_RETURN(auto built, build_manifest(module, *visible));
    manifest = std::make_shared<const std::string>(std::move(built.json));
    final = built.final;
    if (final) module.manifests.insert(key, manifest, manifest->size() + key.size());
  }
  const bool linked_data = context.request.header("accept").find("application/ld+json") != std::string_view::npos;
  Response response = Response::text(
      200, *manifest,
      linked_data ? "application/ld+json;profile=\"http://iiif.io/api/presentation/3/context.json\"" : "application/json");
  if (!final) {
    response.set_header("Cache-Control", "no-cache");  // a rendition is still being made
    return response;
  }
  response.set_header("ETag", etag);
  response.set_header("Cache-Control", cache.starts_with("public") ? "public, max-age=3600" : cache);
  return response;
}

Result<Response> collection_route(IiifModule& module, Context& context) {
  MURA_ASSIGN_OR_RETURN(auto identifier, identifier_of(context));
  auto hidden = [&] { return not_found_error("no collection " + identifier.to_string()); };
  if (!identifier.digest_prefix.empty()) return hidden();
  auto visible = module.records.read(context, identifier.ark());
  if (!visible) return visible.error().code() == StatusCode::kNotFound ? Result<Response>(hidden()) : Error(visible.error());
  const record::Record& record = visible->record;
  if (record.deleted) return hidden();
  MURA_TRY(audit_metadata(module, context, *visible));
  const std::string cursor(context.request.argument("page").value_or(""));
  MURA_ASSIGN_OR_RETURN(auto page, module.repository.catalog().children(
                                       record.id, cursor, kCollectionPageSize,
                                       catalog::Visibility::of(context.caller, context.today)));
  if (!iiif::aggregates_parts(record) && cursor.empty() && page.items.empty()) {
    return not_found_error(identifier.to_string() + " has no parts to list as a collection");
  }
  std::vector<iiif::CollectionEntry> entries;
  for (const auto& child : page.items) {
    auto seen = module.records.read(context, child.id);
    if (!seen) continue;
    iiif::CollectionEntry entry;
    entry.id = child.id;
    if (auto title = seen->record.fields.find("title"); title != seen->record.fields.end()) entry.label = title->second;
    if (child.child_count > 0) {
      entry.type = iiif::CollectionEntry::Type::kCollection;
    } else {
      if (!seen->files_visible) continue;
      bool shown = false;
      for (const auto& file : seen->record.files) {
        if (media::is_image_type(file.media_type) && entry.thumbnail_service.empty()) {
          if (auto image = iiif::identifier_for(child.id, file.digest)) {
            entry.thumbnail_service = module.base_url + "/iiif/3/" + image->to_string();
          }
        }
        shown = shown || media::is_image_type(file.media_type) || media::is_audio_type(file.media_type) ||
                media::is_video_type(file.media_type);
      }
      if (!shown) continue;
    }
    entries.push_back(std::move(entry));
  }
  return json_response(200, Json::parse(iiif::collection_json(record, &module.repository.profiles().profile(record.kind),
                                                              entries, cursor, page.next_cursor,
                                                              {module.base_url, module.repository.config().name})));
}

Result<Response> rendition_route(IiifModule& module, Context& context) {
  MURA_ASSIGN_OR_RETURN(auto identifier, identifier_of(context));
  auto hidden = [&] { return not_found_error("no rendition " + identifier.to_string()); };
  auto visible = module.records.read(context, identifier.ark());
  if (!visible || !visible->files_visible || identifier.digest_prefix.empty()) return hidden();
  for (const auto& file : visible->record.files) {
    if (!file.digest.starts_with(identifier.digest_prefix)) continue;
    auto rendition = service::rendition_if_present(module.repository, file);
    if (!rendition) return hidden();
    MURA_TRY(audit_file(module, context, *visible, file.path));
    MURA_ASSIGN_OR_RETURN(auto opened, module.repository.file_system().open_readable(rendition->first));
    std::shared_ptr<ReadableFile> shared(std::move(opened));
    MURA_ASSIGN_OR_RETURN(auto size, shared->size());
    FileDescription description;
    description.media_type = rendition->second;
    description.digest = file.digest.substr(0, 32) + "-web";
    description.size = size;
    description.modified = visible->record.modified;
    description.file_name = file_name(file.path) + (rendition->second == "video/mp4" ? ".mp4" : ".m4a");
    return file_response(context.request, shared, description);
  }
  return hidden();
}

Result<Response> text_route(IiifModule& module, Context& context) {
  const std::string& id = context.parameter("ark");
  auto visible = module.records.read(context, id);
  if (!visible) return Error(visible.error());
  if (!visible->files_visible) return not_found_error("no record " + id);
  MURA_ASSIGN_OR_RETURN(auto texts, service::text_of(module.repository, visible->record));
  MURA_TRY(audit_metadata(module, context, *visible));
  Json pages = Json::array();
  for (const auto& entry : texts) {
    MURA_TRY(audit_file(module, context, *visible, entry.path));
    Json words = Json::array();
    for (const auto& word : entry.page.words) {
      words.push_back({{"text", word.text}, {"x", word.x}, {"y", word.y}, {"w", word.width}, {"h", word.height}});
    }
    pages.push_back({{"file", "files/" + entry.path}, {"page", entry.page.page}, {"lang", entry.page.language},
                     {"source", entry.page.source}, {"width", entry.page.width}, {"height", entry.page.height},
                     {"text", entry.page.text}, {"words", words}});
  }
  return json_response(200, {{"id", id}, {"pages", pages}});
}

Result<Response> jobs_route(IiifModule& module, Context& context) {
  if (context.caller.is_anonymous()) return unauthenticated_error("sign in to see the derivative jobs");
  if (!context.caller.administrator) return permission_denied_error("only administrators see the derivative jobs");
  MURA_ASSIGN_OR_RETURN(auto jobs, module.jobs->list());
  Json list = Json::array();
  for (const auto& job : jobs) {
    list.push_back({{"id", job.id}, {"record", job.record}, {"version", job.version},
                    {"state", service::job_state_name(job.state)}, {"attempts", job.attempts},
                    {"created", job.created}, {"updated", job.updated}, {"made", job.made},
                    {"problems", job.problems}, {"message", job.message}});
  }
  return json_response(200, {{"jobs", list}});
}

int derivative_workers() {
  const char* text = std::getenv("MURA_DERIVATIVE_WORKERS");
  if (text == nullptr || *text == '\0') return 1;
  return std::clamp(std::atoi(text), 0, 16);
}

}  // namespace

void add_iiif_routes(App& app) {
  auto module = std::make_shared<IiifModule>(app.repository(), app.options().base_url);
  app.hold(module);
  app.repository().add_observer(std::make_shared<CacheObserver>(module));
  app.repository().add_observer(service::derivative_job_observer(module->jobs));
  if (const int workers = derivative_workers(); workers > 0) {
    module->jobs->start(workers, std::chrono::seconds(5));
  }

  auto& router = app.mutable_router();
  IiifModule& m = *module;
  router.add("GET", "/iiif/3/{id}", [&m](Context& context) -> Result<Response> {
    MURA_ASSIGN_OR_RETURN(auto identifier, identifier_of(context));
    MURA_TRY(resolve_image(m, context, identifier));
    Response response;
    response.status = 303;
    response.set_header("Location", service_id(m, identifier) + "/info.json");
    return response;
  });
  router.add("GET", "/iiif/3/{id}/info.json", [&m](Context& context) { return info_route(m, context); });
  router.add("GET", "/iiif/3/{id}/manifest", [&m](Context& context) { return manifest_route(m, context); });
  router.add("GET", "/iiif/3/{id}/collection", [&m](Context& context) { return collection_route(m, context); });
  router.add("GET", "/iiif/3/{id}/rendition", [&m](Context& context) { return rendition_route(m, context); });
  router.add("GET", "/iiif/3/{id}/{region}/{size}/{rotation}/{quality_format}",
             [&m](Context& context) { return image_route(m, context); });
  router.add("GET", "/api/v1/records/{ark}/text", [&m](Context& context) { return text_route(m, context); });
  router.add("GET", "/api/v1/jobs", [&m](Context& context) { return jobs_route(m, context); });
}

}  // namespace mura::http
