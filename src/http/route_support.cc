#include "http/route_support.h"

#include <algorithm>
#include <cctype>
#include <charconv>

namespace mura::http {

Response json_response(int status, const nlohmann::json& body) {
  return Response::text(status,
                        body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace),
                        "application/json");
}

Result<std::int64_t> integer_argument(const Context& context, std::string_view name,
                                      std::int64_t fallback, std::int64_t minimum,
                                      std::int64_t maximum) {
  const auto text = context.request.argument(name);
  if (!text) return fallback;
  std::int64_t value = 0;
  const auto [end, error] = std::from_chars(text->data(), text->data() + text->size(), value);
  if (error != std::errc() || end != text->data() + text->size() || value < minimum ||
      value > maximum) {
    return invalid_argument_error("query argument \"" + std::string(name) + "\" is \"" +
                                  std::string(*text) + "\"; expected a whole number from " +
                                  std::to_string(minimum) + " to " + std::to_string(maximum));
  }
  return value;
}

std::string language_argument(const Context& context) {
  const auto lang = context.request.argument("lang");
  // A language tag is letters, digits and hyphens ("kk-Latn"); anything else is no preference.
  if (!lang || lang->size() > 35 ||
      !std::all_of(lang->begin(), lang->end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) || c == '-';
      })) {
    return "";
  }
  return std::string(*lang);
}

Result<std::string> checked_ark(const Context& context) {
  const std::string& id = context.parameter("ark");
  // Minted ARKs are "ark:/NAAN/name" with a betanumeric name; anything else cannot exist.
  if (id.size() > 200 || id.find_first_of(" \t\r\n\"<>\\") != std::string::npos) {
    return invalid_argument_error("\"" + id + "\" is not an ARK (expected ark:/NAAN/name)");
  }
  return id;
}

Status require_writer(const Context& context, const std::string& collection) {
  if (context.caller.is_anonymous()) {
    return unauthenticated_error("sign in or send an API token to change records");
  }
  if (!context.caller.curates(collection)) {
    return permission_denied_error(
        collection.empty() ? "only administrators may change records outside collections"
                           : "you do not curate collection " + collection);
  }
  return ok_status();
}

service::Actor actor_of(const Context& context) {
  service::Actor actor;
  actor.name = context.caller.user;
  return actor;
}

std::string uploads_directory(service::Repository& repository) {
  return join_path(repository.directory(), "staging/uploads");
}

Result<std::string> upload_path(service::Repository& repository, const std::string& upload,
                                const std::string& what) {
  if (upload.size() != 36 || upload.find_first_not_of("0123456789abcdef-") != std::string::npos) {
    return invalid_argument_error("upload id \"" + upload + "\" of " + what +
                                  " is not an id from POST /api/v1/uploads");
  }
  std::string path = join_path(uploads_directory(repository), upload);
  if (!repository.file_system().stat(path)) {
    return not_found_error("upload \"" + upload + "\" of " + what +
                           " does not exist (uploads are kept for a day)");
  }
  return path;
}

}  // namespace mura::http
