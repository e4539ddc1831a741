// OAI-PMH 2.0 at /oai (oai/oai_handler.h): GET with the arguments in the query string, POST with
// them in an application/x-www-form-urlencoded body. Every answer the protocol defines is
// 200 text/xml, its errors inside the document; only a failing catalog becomes problem+json.
#include <memory>

#include "http/app.h"
#include "http/problem.h"
#include "oai/oai_handler.h"

namespace mura::http {
namespace {

// The catalog setting with Identify's adminEmail; without it, admin@<repository identifier>.
constexpr std::string_view kAdminEmailSetting = "oai.admin_email";

bool is_form(std::string_view content_type) {
  constexpr std::string_view kForm = "application/x-www-form-urlencoded";
  if (content_type.size() < kForm.size()) return false;
  for (std::size_t i = 0; i < kForm.size(); ++i) {
    char c = content_type[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != kForm[i]) return false;
  }
  const auto rest = content_type.substr(kForm.size());
  return rest.empty() || rest.front() == ';' || rest.front() == ' ';
}

Response xml_response(std::string body) {
  return Response::text(200, std::move(body), "text/xml; charset=utf-8");
}

}  // namespace

void add_oai_routes(App& app) {
  auto& router = app.mutable_router();
  auto& repository = app.repository();
  oai::OaiOptions options;
  options.base_url = app.options().base_url + "/oai";
  options.record_url_base = app.options().base_url;
  options.repository_name = repository.config().name;
  options.naan = repository.config().naan;
  if (auto email = repository.catalog().setting(std::string(kAdminEmailSetting)); email && *email) {
    options.admin_email = **email;
  }
  auto created = oai::OaiHandler::create(repository.catalog(), repository.profiles(), options);
  if (!created) {
    // The catalog could not give the token key: every request says so, nothing else breaks.
    const Status failure = created.error().with_context("OAI-PMH is unavailable");
    for (std::string method : {"GET", "POST"}) {
      router.add(method, "/oai",
                 [failure](Context&) -> Result<Response> { return Error(failure); });
    }
    return;
  }
  std::shared_ptr<const oai::OaiHandler> handler(std::move(*created));
  app.hold(handler);

  router.add("GET", "/oai", [handler](Context& context) -> Result<Response> {
    MURA_ASSIGN_OR_RETURN(std::string body, handler->handle(context.request.query));
    return xml_response(std::move(body));
  });
  router.add("POST", "/oai", [handler](Context& context) -> Result<Response> {
    const auto& request = context.request;
    const auto content_type = request.header("content-type");
    if (!content_type.empty() && !is_form(content_type)) {
      return xml_response(handler->bad_argument(
          "a POST request carries its arguments as application/x-www-form-urlencoded, not " +
          std::string(content_type.substr(0, 100))));
    }
    auto arguments = parse_query(request.body);
    if (!arguments) {
      return xml_response(
          handler->bad_argument("the form body is malformed: " + arguments.error().message()));
    }
    // Arguments in the URL count too, so a repeated one is refused as in a GET.
    oai::Arguments all = request.query;
    all.insert(all.end(), arguments->begin(), arguments->end());
    MURA_ASSIGN_OR_RETURN(std::string body, handler->handle(all));
    return xml_response(std::move(body));
  });
}

}  // namespace mura::http
