// The one place where a Status becomes an HTTP status and an RFC 9457 problem+json body. Handlers
// return Status/Result values; parsers never know HTTP.
#pragma once

#include <string>
#include <string_view>

#include "base/status.h"
#include "http/message.h"

namespace mura::http {

// NotFound 404, AlreadyExists 409, InvalidArgument 400, FailedPrecondition 412, Aborted 409,
// PermissionDenied 403, Unauthenticated 401, ResourceExhausted 429, Unavailable 503,
// Unimplemented 501, DataLoss/Internal 500.
int http_status_for(StatusCode code);

// The standard reason phrase ("Not Found"); "Unknown" for codes it does not know.
std::string_view reason_phrase(int status);

// An application/problem+json response for `status`: {"type", "title", "status", "detail",
// "instance", "code"}. Server faults (500) do not echo internal messages to the caller; they are
// logged by the server instead.
Response problem_response(const Status& status, std::string_view instance);
// A problem with an explicit HTTP status (for conditions found by the server itself: 413, 431,
// 429, 405 ...).
Response problem_response(int http_status, std::string detail, std::string_view instance);

}  // namespace mura::http
