#include "base/status.h"

#include <cerrno>
#include <cstring>

namespace mura {

std::string_view status_code_name(StatusCode code) {
  switch (code) {
    case StatusCode::kOk: return "ok";
    case StatusCode::kNotFound: return "not_found";
    case StatusCode::kAlreadyExists: return "already_exists";
    case StatusCode::kInvalidArgument: return "invalid_argument";
    case StatusCode::kFailedPrecondition: return "failed_precondition";
    case StatusCode::kAborted: return "aborted";
    case StatusCode::kPermissionDenied: return "permission_denied";
    case StatusCode::kUnauthenticated: return "unauthenticated";
    case StatusCode::kResourceExhausted: return "resource_exhausted";
    case StatusCode::kUnavailable: return "unavailable";
    case StatusCode::kDataLoss: return "data_loss";
    case StatusCode::kInternal: return "internal";
    case StatusCode::kUnimplemented: return "unimplemented";
  }
  return "unknown";
}

Status Status::with_context(std::string_view context) const {
  if (ok()) return *this;
  std::string message(context);
  message += ": ";
  message += message_;
  return Status(code_, std::move(message));
}

std::string Status::to_string() const {
  if (ok()) return "ok";
  std::string text(status_code_name(code_));
  text += ": ";
  text += message_;
  return text;
}

Status errno_status(int error_number, std::string_view operation, std::string_view path) {
  std::string message(operation);
  message += ' ';
  message += path;
  message += ": ";
  message += std::strerror(error_number);
  StatusCode code = StatusCode::kInternal;
  switch (error_number) {
    case ENOENT:
    case ENOTDIR: code = StatusCode::kNotFound; break;
    case EEXIST:
    case ENOTEMPTY: code = StatusCode::kAlreadyExists; break;
    case EACCES:
    case EPERM:
    case EROFS: code = StatusCode::kPermissionDenied; break;
    case ENOSPC:
    case EDQUOT:
    case EMFILE:
    case ENFILE:
    case ENOMEM: code = StatusCode::kResourceExhausted; break;
    case EINVAL:
    case ENAMETOOLONG:
    case EISDIR: code = StatusCode::kInvalidArgument; break;
    case EIO: code = StatusCode::kDataLoss; break;
    case EAGAIN:
    case EBUSY: code = StatusCode::kUnavailable; break;
    default: break;
  }
  return Status(code, std::move(message));
}

}  // namespace mura
