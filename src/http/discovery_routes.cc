// The ARK resolver (/ark:/NAAN/name, with the ?info inflection) and the record's web page with
// the metadata search engines read (title, description, Open Graph, schema.org JSON-LD).
#include <cstdlib>

#include <nlohmann/json.hpp>

#include "base/posix_file_system.h"

#include "http/api_json.h"
#include "http/app.h"
#include "http/html.h"
#include "service/record_access.h"

namespace mura::http {
namespace {

bool wants_json(const Request& request) {
  const auto accept = request.header("accept");
  return accept.find("application/json") != std::string_view::npos ||
         accept.find("application/ld+json") != std::string_view::npos;
}

// "?info" or the older "?" / "??" inflections.
bool wants_info(const Request& request) {
  return request.argument("info").has_value() || request.target.ends_with("?") ||
         request.target.ends_with("??");
}

// An ERC record (the ARK metadata kernel: who, what, when, where).
std::string erc(const record::Record& record, const std::string& url) {
  auto one_line = [](std::string text) {
    for (auto& c : text) {
      if (c == '\n' || c == '\r') c = ' ';
    }
    return text.empty() ? std::string("(:unav)") : text;
  };
  return "erc:\nwho: " + one_line(record.first_value("creator")) +
         "\nwhat: " + one_line(record.first_value("title")) +
         "\nwhen: " + one_line(record.first_value("date")) + "\nwhere: " + url + "\n";
}

// data/ of the installation: $MURA_DATA_DIR, else the source tree's data/.
std::string data_file(const std::string& name) {
  const char* directory = std::getenv("MURA_DATA_DIR");
  return join_path(directory != nullptr && *directory != '\0' ? directory : MURA_SOURCE_DATA_DIR,
                   name);
}

}  // namespace

void add_discovery_routes(App& app) {
  auto& router = app.mutable_router();
  auto& repository = app.repository();
  const std::string base = app.options().base_url;

  // The OpenAPI 3.1 description of the API (data/openapi.json), with this server's URL.
  auto openapi = std::make_shared<std::string>();
  if (auto text = read_file(default_file_system(), data_file("openapi.json"))) {
    auto document = nlohmann::json::parse(*text, nullptr, /*allow_exceptions=*/false);
    if (!document.is_discarded()) {
      document["servers"] = nlohmann::json::array({{{"url", base}}});
      *openapi = document.dump(1);
    }
  }
  router.add("GET", "/api/v1/openapi.json", [openapi](Context&) -> Result<Response> {
    if (openapi->empty()) return unavailable_error("the OpenAPI document (data/openapi.json) is missing");
    return Response::text(200, *openapi, "application/json");
  });

  const bool has_web_interface = !app.options().web_root.empty();
  router.add("GET", "/{ark}", [&repository, base, has_web_interface](Context& context) -> Result<Response> {
    const std::string& id = context.parameter("ark");
    MURA_ASSIGN_OR_RETURN(auto visible, service::read_visible_record(repository, id, context.caller,
                                                                     context.today));
    const std::string url = base + "/" + id;
    if (wants_info(context.request)) {
      return Response::text(200, erc(visible.record, url), "text/plain; charset=utf-8");
    }
    if (wants_json(context.request)) {
      auto body = record_json(visible.record, RecordView{base, "", visible.files_visible});
      auto response = Response::text(200, body.dump(), "application/json");
      response.set_header("Vary", "Accept");
      return response;
    }
    if (has_web_interface) {
      // People reach the record's page in the web interface, which the server sends with the
      // same head (title, description, Open Graph, JSON-LD).
      Response response = Response::text(303, "", "text/plain");
      response.set_header("Location", base + "/records/" + id);
      response.set_header("Vary", "Accept");
      return response;
    }
    auto response = Response::text(200, record_page(visible.record, base, language_of(context.request)),
                                   "text/html; charset=utf-8");
    response.set_header("Vary", "Accept, Accept-Language");
    return response;
  });
}

}  // namespace mura::http
