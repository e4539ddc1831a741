#include "base/status.h"

#include <cerrno>

#include "base/result.h"
#include "base/testing/status_matchers.h"

namespace mura {
namespace {

using ::mura::testing::IsOk;
using ::mura::testing::StatusIs;
using ::testing::HasSubstr;

Result<int> parse_positive(int value) {
  if (value <= 0) return invalid_argument_error("value " + std::to_string(value) + " is not positive");
  return value;
}

Result<int> doubled(int value) {
  MURA_ASSIGN_OR_RETURN(int parsed, parse_positive(value));
  return parsed * 2;
}

Status check_twice(int value) {
  MURA_TRY(parse_positive(value));
  MURA_TRY(parse_positive(value - 1));
  return ok_status();
}

TEST(StatusTest, DefaultIsOk) {
  Status status;
  EXPECT_TRUE(status.ok());
  EXPECT_EQ(status.to_string(), "ok");
}

TEST(StatusTest, ErrorFactoriesConvertToStatusAndResult) {
  Status status = not_found_error("record x");
  EXPECT_EQ(status.code(), StatusCode::kNotFound);
  EXPECT_EQ(status.to_string(), "not_found: record x");
  Result<int> result = already_exists_error("y");
  EXPECT_THAT(result, StatusIs(StatusCode::kAlreadyExists));
}

TEST(StatusTest, MacrosPropagate) {
  EXPECT_THAT(doubled(4), IsOk());
  EXPECT_EQ(*doubled(4), 8);
  EXPECT_THAT(doubled(-1), StatusIs(StatusCode::kInvalidArgument, HasSubstr("-1")));
  EXPECT_THAT(check_twice(2), IsOk());
  EXPECT_THAT(check_twice(1), StatusIs(StatusCode::kInvalidArgument, HasSubstr("value 0")));
}

TEST(StatusTest, WithContextPrefixesTheMessage) {
  Status status = Status(invalid_argument_error("bad date")).with_context("row 3");
  EXPECT_EQ(status.message(), "row 3: bad date");
  EXPECT_TRUE(ok_status().with_context("x").ok());
}

TEST(StatusTest, ErrnoMapsToCodes) {
  EXPECT_EQ(errno_status(ENOENT, "open", "/x").code(), StatusCode::kNotFound);
  EXPECT_EQ(errno_status(ENOSPC, "write", "/x").code(), StatusCode::kResourceExhausted);
  EXPECT_THAT(errno_status(EACCES, "open", "/secret").message(), HasSubstr("/secret"));
}

}  // namespace
}  // namespace mura
