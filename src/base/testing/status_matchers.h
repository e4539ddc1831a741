// GoogleTest matchers for Status and Result: EXPECT_THAT(f(), IsOk()),
// EXPECT_THAT(g(), StatusIs(StatusCode::kNotFound)), ASSERT_OK_AND_ASSIGN(auto x, h()).
#pragma once

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "base/result.h"

namespace mura::testing {

inline const Status& status_of(const Status& status) { return status; }
template <typename T>
Status status_of(const Result<T>& result) {
  return result.has_value() ? Status() : result.error();
}

MATCHER(IsOk, "is OK") {
  Status status = ::mura::testing::status_of(arg);
  if (!status.ok()) *result_listener << status.to_string();
  return status.ok();
}

MATCHER_P(StatusIs, code, "has status code " + std::string(::mura::status_code_name(code))) {
  Status status = ::mura::testing::status_of(arg);
  *result_listener << status.to_string();
  return status.code() == code;
}

MATCHER_P2(StatusIs, code, message_matcher, "") {
  Status status = ::mura::testing::status_of(arg);
  *result_listener << status.to_string();
  return status.code() == code &&
         ::testing::ExplainMatchResult(message_matcher, status.message(), result_listener);
}

}  // namespace mura::testing

#define ASSERT_OK(expr) ASSERT_THAT((expr), ::mura::testing::IsOk())
#define EXPECT_OK(expr) EXPECT_THAT((expr), ::mura::testing::IsOk())

#define MURA_ASSERT_OK_AND_ASSIGN_IMPL(tmp, lhs, expr) \
  auto tmp = (expr);                                   \
  ASSERT_THAT(tmp, ::mura::testing::IsOk());           \
  lhs = std::move(tmp).value()
#define ASSERT_OK_AND_ASSIGN(lhs, expr) \
  MURA_ASSERT_OK_AND_ASSIGN_IMPL(MURA_CONCAT(mura_test_result_, __LINE__), lhs, expr)
