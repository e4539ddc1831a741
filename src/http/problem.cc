#include "http/problem.h"

#include <nlohmann/json.hpp>

namespace mura::http {

int http_status_for(StatusCode code) {
  switch (code) {
    case StatusCode::kOk: return 200;
    case StatusCode::kNotFound: return 404;
    case StatusCode::kAlreadyExists: return 409;
    case StatusCode::kInvalidArgument: return 400;
    case StatusCode::kFailedPrecondition: return 412;
    case StatusCode::kAborted: return 409;
    case StatusCode::kPermissionDenied: return 403;
    case StatusCode::kUnauthenticated: return 401;
    case StatusCode::kResourceExhausted: return 429;
    case StatusCode::kUnavailable: return 503;
    case StatusCode::kUnimplemented: return 501;
    case StatusCode::kDataLoss:
    case StatusCode::kInternal: return 500;
  }
  return 500;
}

std::string_view reason_phrase(int status) {
  switch (status) {
    case 200: return "OK";
    case 201: return "Created";
    case 204: return "No Content";
    case 206: return "Partial Content";
    case 301: return "Moved Permanently";
    case 302: return "Found";
    case 303: return "See Other";
    case 304: return "Not Modified";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 406: return "Not Acceptable";
    case 408: return "Request Timeout";
    case 409: return "Conflict";
    case 411: return "Length Required";
    case 412: return "Precondition Failed";
    case 413: return "Content Too Large";
    case 415: return "Unsupported Media Type";
    case 416: return "Range Not Satisfiable";
    case 422: return "Unprocessable Content";
    case 429: return "Too Many Requests";
    case 431: return "Request Header Fields Too Large";
    case 500: return "Internal Server Error";
    case 501: return "Not Implemented";
    case 503: return "Service Unavailable";
  }
  return "Unknown";
}

Response problem_response(int http_status, std::string detail, std::string_view instance) {
  nlohmann::json body = {
      {"type", "about:blank"},
      {"title", std::string(reason_phrase(http_status))},
      {"status", http_status},
      {"detail", std::move(detail)},
      {"instance", std::string(instance)},
  };
  Response response;
  response.status = http_status;
  response.body = body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  response.set_header("Content-Type", "application/problem+json");
  return response;
}

Response problem_response(const Status& status, std::string_view instance) {
  const int http_status = http_status_for(status.code());
  std::string detail = http_status == 500
                           ? "the server failed to complete the request; the failure is logged"
                           : status.message();
  auto response = problem_response(http_status, std::move(detail), instance);
  // The code names the condition for programs ("not_found", "aborted").
  auto body = nlohmann::json::parse(response.body);
  body["code"] = std::string(status_code_name(status.code()));
  response.body = body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return response;
}

}  // namespace mura::http
