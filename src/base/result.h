// Result<T>: a value or the Status that explains why there is none, and the macros that
// propagate failures (MURA_TRY, MURA_ASSIGN_OR_RETURN) in standard C++.
#pragma once

#include <cstdio>
#include <cstdlib>
#include <utility>

#include <tl/expected.hpp>

#include "base/status.h"

namespace mura {

template <typename T>
using Result = tl::expected<T, Status>;

namespace internal {
inline Status to_status(const Status& status) { return status; }
inline Status to_status(Status&& status) { return std::move(status); }
template <typename T>
Status to_status(const Result<T>& result) {
  return result.has_value() ? Status() : result.error();
}
template <typename T>
Status to_status(Result<T>&& result) {
  return result.has_value() ? Status() : std::move(result).error();
}
[[noreturn]] void check_failed(const char* file, int line, const char* condition);
}  // namespace internal

}  // namespace mura

#define MURA_CONCAT_INNER(a, b) a##b
#define MURA_CONCAT(a, b) MURA_CONCAT_INNER(a, b)

// Evaluates `expr` (a Status or a Result); returns its error from the enclosing function.
#define MURA_TRY(expr)                                                    \
  do {                                                                    \
    ::mura::Status mura_try_status = ::mura::internal::to_status((expr)); \
    if (!mura_try_status.ok()) return ::mura::Error(std::move(mura_try_status)); \
  } while (false)

#define MURA_ASSIGN_OR_RETURN_IMPL(tmp, lhs, expr)          \
  auto tmp = (expr);                                        \
  if (!tmp.has_value()) return ::mura::Error(std::move(tmp).error()); \
  lhs = std::move(tmp).value()

// MURA_ASSIGN_OR_RETURN(auto x, f()): declares x from f()'s value or returns f()'s error.
#define MURA_ASSIGN_OR_RETURN(lhs, expr) \
  MURA_ASSIGN_OR_RETURN_IMPL(MURA_CONCAT(mura_result_, __LINE__), lhs, expr)

// For broken invariants of the program only; never for input or environment.
#define MURA_CHECK(condition) \
  ((condition) ? (void)0 : ::mura::internal::check_failed(__FILE__, __LINE__, #condition))
