// The ARK resolver (/ark:/NAAN/name, with the ?info inflection) and the record's web page with
// the metadata search engines read (title, description, Open Graph, schema.org JSON-LD).
#include <nlohmann/json.hpp>

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

}  // namespace

void add_discovery_routes(App& app) {
  auto& router = app.mutable_router();
  auto& repository = app.repository();
  const std::string base = app.options().base_url;

  router.add("GET", "/{ark}", [&repository, base](Context& context) -> Result<Response> {
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
    auto response = Response::text(200, record_page(visible.record, base, language_of(context.request)),
                                   "text/html; charset=utf-8");
    response.set_header("Vary", "Accept, Accept-Language");
    return response;
  });
}

}  // namespace mura::http
