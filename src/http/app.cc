#include "http/app.h"

#include "http/problem.h"

namespace mura::http {

App::App(service::Repository& repository, AppOptions options)
    : repository_(repository), options_(std::move(options)) {
  while (!options_.base_url.empty() && options_.base_url.back() == '/') options_.base_url.pop_back();
  authenticator_ = [](const Request&) -> Result<access::Caller> {
    return access::Caller::anonymous();
  };
  has_credentials_ = [](const Request&) { return false; };
  add_system_routes(*this);
  add_auth_routes(*this);
  add_record_routes(*this);
  add_listing_routes(*this);
  add_ingest_routes(*this);
  add_discovery_routes(*this);
  add_search_routes(*this);
  add_oai_routes(*this);
  add_iiif_routes(*this);
  add_kurultai_routes(*this);
  add_web_routes(*this);
}

App::~App() = default;

void App::set_authenticator(Authenticator authenticator, CredentialProbe has_credentials) {
  authenticator_ = std::move(authenticator);
  has_credentials_ = std::move(has_credentials);
}

Response App::handle(const Request& request) {
  auto caller = authenticator_(request);
  Response response;
  if (!caller) {
    response = problem_response(caller.error(), request.path);
    response.set_header("WWW-Authenticate", "Bearer realm=\"mura\"");
    response.route = "unauthenticated";
  } else {
    const std::string user = caller->user;
    response = router_.dispatch(request, std::move(*caller), access::today_utc());
    response.user = user;
  }
  finish(request, response);
  return response;
}

std::optional<Response> App::handle_inline(const Request& request) {
  if (has_credentials_(request)) return std::nullopt;
  auto response = router_.dispatch_inline(request, access::Caller::anonymous(), access::today_utc());
  if (response) finish(request, *response);
  return response;
}

void App::finish(const Request& request, Response& response) {
  response.set_header("X-Content-Type-Options", "nosniff");
  if (response.header("Access-Control-Allow-Origin").empty() &&
      (request.path.starts_with("/api/") || request.path.starts_with("/iiif/") ||
       request.path.starts_with("/oai") || request.path.starts_with("/ark:"))) {
    response.set_header("Access-Control-Allow-Origin", "*");
  }
}

}  // namespace mura::http
