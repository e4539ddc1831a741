// Small pieces every route module shares: JSON responses, checked query arguments, ARK path
// parameters, and who may write.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "base/result.h"
#include "http/message.h"
#include "http/router.h"
#include "service/repository.h"

namespace mura::http {

// A JSON body (invalid UTF-8 replaced, never thrown).
Response json_response(int status, const nlohmann::json& body);

// A whole-number query argument within [minimum, maximum]; `fallback` when absent.
// InvalidArgument names the argument and the range.
Result<std::int64_t> integer_argument(const Context& context, std::string_view name,
                                      std::int64_t fallback, std::int64_t minimum,
                                      std::int64_t maximum);

// The `lang` query argument, "" when absent or not a language tag (letters, digits, hyphens).
std::string language_argument(const Context& context);

// The {ark} parameter when it could be an ARK; InvalidArgument otherwise.
Result<std::string> checked_ark(const Context& context);

// Writers: administrators anywhere, curators inside their collection ("" = outside any).
Status require_writer(const Context& context, const std::string& collection);

// The caller as the actor recorded in versions and events.
service::Actor actor_of(const Context& context);

// Where POST /api/v1/uploads keeps uploaded bytes.
std::string uploads_directory(service::Repository& repository);

// The file of an upload id; InvalidArgument for a malformed id, NotFound when it is not there.
// `what` names the use in messages ("file \"scans/p1.tif\"").
Result<std::string> upload_path(service::Repository& repository, const std::string& upload,
                                const std::string& what);

}  // namespace mura::http
