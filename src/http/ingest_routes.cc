// Ingest jobs over HTTP: start an ingest of an uploaded sheet, bag or archive (POST
// /api/v1/ingests), follow it and read its report (GET /api/v1/ingests/{id}), list one's jobs.
// Administrators may ingest anything; curators only records that go below collections they
// curate — checked against the planned records before anything is written.
#include <nlohmann/json.hpp>

#include "http/app.h"
#include "http/route_support.h"
#include "service/ingest_jobs.h"
#include "service/record_access.h"

namespace mura::http {
namespace {

using Json = nlohmann::json;

struct IngestBody {
  std::string upload;
  std::string file_name;
  bool dry_run = false;
};

Result<IngestBody> decode_ingest_body(std::string_view text) {
  Json json = Json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (json.is_discarded() || !json.is_object()) {
    return invalid_argument_error(
        "body: not a JSON object (send {\"upload\": id, \"file_name\": name, \"dry_run\": bool})");
  }
  IngestBody body;
  for (const auto& [name, value] : json.items()) {
    if (name == "upload" || name == "file_name") {
      if (!value.is_string()) return invalid_argument_error("body: \"" + name + "\" must be a string");
      (name == "upload" ? body.upload : body.file_name) = value.get<std::string>();
    } else if (name == "dry_run") {
      if (!value.is_boolean()) return invalid_argument_error("body: \"dry_run\" must be true or false");
      body.dry_run = value.get<bool>();
    } else {
      return invalid_argument_error("body: unknown member \"" + name +
                                    "\" (known: upload, file_name, dry_run)");
    }
  }
  if (body.upload.empty()) return invalid_argument_error("body: \"upload\" is required");
  if (body.file_name.empty()) return invalid_argument_error("body: \"file_name\" is required");
  return body;
}

Status require_ingester(const Context& context) {
  if (context.caller.is_anonymous()) {
    return unauthenticated_error("sign in or send an API token to ingest");
  }
  if (!context.caller.administrator && context.caller.curated_collections.empty()) {
    return permission_denied_error("only curators and administrators may ingest");
  }
  return ok_status();
}

// Whether a caller's job may be shown to this caller: their own, or any to administrators.
bool may_follow(const Context& context, const service::IngestJob& job) {
  return context.caller.administrator || job.user == context.caller.user;
}

}  // namespace

void add_ingest_routes(App& app) {
  auto& router = app.mutable_router();
  auto& repository = app.repository();
  auto jobs = std::make_shared<service::IngestJobs>(repository);
  app.hold(jobs);
  const std::string base = app.options().base_url;

  router.add("POST", "/api/v1/ingests", [&repository, jobs, base](Context& context) -> Result<Response> {
    MURA_TRY(require_ingester(context));
    MURA_ASSIGN_OR_RETURN(auto body, decode_ingest_body(context.request.body));
    MURA_ASSIGN_OR_RETURN(auto path, upload_path(repository, body.upload, "the ingest"));
    service::IngestJobRequest request;
    request.upload_path = path;
    request.file_name = body.file_name;
    request.dry_run = body.dry_run;
    request.actor = actor_of(context);
    const access::Caller caller = context.caller;
    request.authorize = [&repository, caller](const std::vector<service::IngestItem>& items) -> Status {
      if (caller.administrator) return ok_status();
      for (const auto& item : items) {
        if (!item.parent_key.empty()) continue;  // below another record of the same source
        if (item.parent_id.empty()) {
          return permission_denied_error(item.location +
                                         ": only administrators may ingest top-level records");
        }
        auto collection = service::collection_of(repository, item.parent_id);
        if (!collection || !caller.curates(*collection)) {
          return permission_denied_error(item.location + ": you do not curate the collection of " +
                                         item.parent_id);
        }
      }
      return ok_status();
    };
    MURA_ASSIGN_OR_RETURN(auto job, jobs->start(std::move(request)));
    auto response = json_response(202, Json::parse(job.to_json()));
    response.set_header("Location", base + "/api/v1/ingests/" + job.id);
    return response;
  });

  router.add("GET", "/api/v1/ingests", [jobs](Context& context) -> Result<Response> {
    MURA_TRY(require_ingester(context));
    Json list = Json::array();
    for (const auto& job : jobs->list()) {
      if (may_follow(context, job)) list.push_back(Json::parse(job.to_json()));
    }
    return json_response(200, {{"items", list}});
  });

  router.add("GET", "/api/v1/ingests/{id}", [jobs](Context& context) -> Result<Response> {
    MURA_TRY(require_ingester(context));
    auto job = jobs->get(context.parameter("id"));
    if (!job || !may_follow(context, *job)) {
      return not_found_error("ingest job " + context.parameter("id") + " does not exist");
    }
    return json_response(200, Json::parse(job->to_json()));
  });
}

}  // namespace mura::http
