// Status: the outcome of an operation that can fail in an expected way.
// A small closed set of codes modelled on Abseil's; the message says what was wrong, where,
// and what to do. Value type, cheap to move, thread-compatible.
#pragma once

#include <string>
#include <string_view>

#include <tl/expected.hpp>

namespace mura {

enum class StatusCode {
  kOk = 0,
  kNotFound,
  kAlreadyExists,
  kInvalidArgument,
  kFailedPrecondition,
  kAborted,  // a concurrent writer won (optimistic concurrency conflict)
  kPermissionDenied,
  kUnauthenticated,
  kResourceExhausted,
  kUnavailable,
  kDataLoss,
  kInternal,
  kUnimplemented,
};

// The code's name as written in messages and JSON ("not_found").
std::string_view status_code_name(StatusCode code);

class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(StatusCode code, std::string message) : code_(code), message_(std::move(message)) {}

  static Status ok_status() { return Status(); }

  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  const std::string& message() const { return message_; }

  // Returns a copy whose message is "context: message" (how callers add the place).
  Status with_context(std::string_view context) const;

  // "not_found: record ark:/99999/x not in the catalog", or "ok".
  std::string to_string() const;

  friend bool operator==(const Status& a, const Status& b) {
    return a.code_ == b.code_ && a.message_ == b.message_;
  }

 private:
  StatusCode code_ = StatusCode::kOk;
  std::string message_;
};

// An error on its way out of a function. It converts both to Status and to any Result<T>, so a
// factory such as not_found_error("...") can be returned from either kind of function.
class Error : public tl::unexpected<Status> {
 public:
  explicit Error(Status status) : tl::unexpected<Status>(std::move(status)) {}
  Error(StatusCode code, std::string message)
      : tl::unexpected<Status>(Status(code, std::move(message))) {}
  operator Status() const& { return value(); }    // NOLINT(google-explicit-constructor)
  operator Status() && { return std::move(value()); }  // NOLINT(google-explicit-constructor)
};

inline Status ok_status() { return Status(); }
inline Error not_found_error(std::string m) { return Error(StatusCode::kNotFound, std::move(m)); }
inline Error already_exists_error(std::string m) {
  return Error(StatusCode::kAlreadyExists, std::move(m));
}
inline Error invalid_argument_error(std::string m) {
  return Error(StatusCode::kInvalidArgument, std::move(m));
}
inline Error failed_precondition_error(std::string m) {
  return Error(StatusCode::kFailedPrecondition, std::move(m));
}
inline Error aborted_error(std::string m) { return Error(StatusCode::kAborted, std::move(m)); }
inline Error permission_denied_error(std::string m) {
  return Error(StatusCode::kPermissionDenied, std::move(m));
}
inline Error unauthenticated_error(std::string m) {
  return Error(StatusCode::kUnauthenticated, std::move(m));
}
inline Error resource_exhausted_error(std::string m) {
  return Error(StatusCode::kResourceExhausted, std::move(m));
}
inline Error unavailable_error(std::string m) {
  return Error(StatusCode::kUnavailable, std::move(m));
}
inline Error data_loss_error(std::string m) { return Error(StatusCode::kDataLoss, std::move(m)); }
inline Error internal_error(std::string m) { return Error(StatusCode::kInternal, std::move(m)); }
inline Error unimplemented_error(std::string m) {
  return Error(StatusCode::kUnimplemented, std::move(m));
}

// An errno value turned into a Status with the operation and path: "open /x/y: No such file".
Status errno_status(int error_number, std::string_view operation, std::string_view path);

}  // namespace mura
