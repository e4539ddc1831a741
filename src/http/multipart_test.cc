// multipart/form-data parsing: the forms browsers and curl send, and every kind of broken body.
#include "http/multipart.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace mura::http {
namespace {

using ::testing::HasSubstr;

constexpr std::string_view kType = "multipart/form-data; boundary=XyZ";

TEST(MultipartTest, ReadsFieldsAndFiles) {
  const std::string body =
      "--XyZ\r\n"
      "Content-Disposition: form-data; name=\"record\"\r\n"
      "Content-Type: application/json\r\n"
      "\r\n"
      "{\"kind\":\"collection\"}\r\n"
      "--XyZ\r\n"
      "Content-Disposition: form-data; name=\"file\"; filename=\"хат 1916.png\"\r\n"
      "Content-Type: image/png\r\n"
      "\r\n"
      "\x89PNG\r\n--Xy not a boundary\r\n"
      "--XyZ--\r\n";
  auto parts = parse_multipart(kType, body);
  ASSERT_TRUE(parts.has_value()) << parts.error().to_string();
  ASSERT_EQ(parts->size(), 2u);
  EXPECT_EQ((*parts)[0].name, "record");
  EXPECT_EQ((*parts)[0].file_name, "");
  EXPECT_EQ((*parts)[0].content_type, "application/json");
  EXPECT_EQ((*parts)[0].body, "{\"kind\":\"collection\"}");
  EXPECT_EQ((*parts)[1].name, "file");
  EXPECT_EQ((*parts)[1].file_name, "хат 1916.png");
  EXPECT_EQ((*parts)[1].body, "\x89PNG\r\n--Xy not a boundary");
}

TEST(MultipartTest, AcceptsQuotedBoundariesPreamblesAndEmptyParts) {
  const std::string body =
      "a preamble that is ignored\r\n"
      "--a b\r\n"
      "content-disposition: FORM-DATA; name=empty\r\n"
      "\r\n"
      "\r\n"
      "--a b  \r\n"
      "Content-Disposition: form-data; name=\"quoted \\\"name\\\"\"; filename=\"\"\r\n"
      "\r\n"
      "x\r\n"
      "--a b--";
  auto parts = parse_multipart("Multipart/Form-Data; charset=utf-8; boundary=\"a b\"", body);
  ASSERT_TRUE(parts.has_value()) << parts.error().to_string();
  ASSERT_EQ(parts->size(), 2u);
  EXPECT_EQ((*parts)[0].name, "empty");
  EXPECT_EQ((*parts)[0].body, "");
  EXPECT_EQ((*parts)[1].name, "quoted \"name\"");
  EXPECT_EQ((*parts)[1].body, "x");
}

TEST(MultipartTest, ANoPartBodyIsEmpty) {
  auto parts = parse_multipart(kType, "--XyZ--\r\n");
  ASSERT_TRUE(parts.has_value()) << parts.error().to_string();
  EXPECT_TRUE(parts->empty());
}

TEST(MultipartTest, RecognisesTheContentType) {
  EXPECT_TRUE(is_multipart_form("multipart/form-data; boundary=x"));
  EXPECT_TRUE(is_multipart_form(" MULTIPART/FORM-DATA"));
  EXPECT_FALSE(is_multipart_form("multipart/mixed; boundary=x"));
  EXPECT_FALSE(is_multipart_form("application/json"));
  EXPECT_FALSE(is_multipart_form(""));
}

struct BadBody {
  std::string content_type;
  std::string body;
  std::string message;
};

void PrintTo(const BadBody& bad, std::ostream* out) { *out << "expecting \"" << bad.message << "\""; }

// Names each case by its expected message ("part_1_no_Content_Disposition_header"), not its bytes.
std::string case_name(const ::testing::TestParamInfo<BadBody>& info) {
  std::string name;
  for (char c : info.param.message) {
    const bool word = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    if (word) {
      name += c;
    } else if (!name.empty() && name.back() != '_') {
      name += '_';
    }
  }
  while (!name.empty() && name.back() == '_') name.pop_back();
  return std::to_string(info.index) + "_" + name.substr(0, 60);
}

class MultipartBadBodyTest : public ::testing::TestWithParam<BadBody> {};

TEST_P(MultipartBadBodyTest, IsRefusedNamingTheProblem) {
  auto parts = parse_multipart(GetParam().content_type, GetParam().body);
  ASSERT_FALSE(parts.has_value());
  EXPECT_EQ(parts.error().code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(parts.error().message(), HasSubstr(GetParam().message));
}

const std::string kDisposition = "Content-Disposition: form-data; name=\"a\"\r\n\r\n";

INSTANTIATE_TEST_SUITE_P(
    Cases, MultipartBadBodyTest,
    ::testing::Values(
        BadBody{"application/json", "--XyZ--", "not multipart/form-data"},
        BadBody{"multipart/form-data", "--XyZ--", "needs a boundary parameter"},
        BadBody{"multipart/form-data; boundary=", "----", "needs a boundary parameter"},
        BadBody{"multipart/form-data; boundary=" + std::string(71, 'b'), "", "1 to 70 characters"},
        BadBody{"multipart/form-data; boundary=\"open", "", "quoted parameter is not closed"},
        BadBody{std::string(kType), "no boundary here", "never occurs"},
        BadBody{std::string(kType), "--XyZ\r\n" + kDisposition + "body without an end",
                "part 1: the closing boundary \"--XyZ--\" is missing"},
        BadBody{std::string(kType), "--XyZjunk\r\n" + kDisposition + "x\r\n--XyZ--",
                "part 1: the boundary line does not end with CRLF"},
        BadBody{std::string(kType), "--XyZ\r\nContent-Type: text/plain\r\n\r\nx\r\n--XyZ--",
                "part 1: no Content-Disposition header"},
        BadBody{std::string(kType),
                "--XyZ\r\n" + kDisposition + "x\r\n--XyZ\r\nContent-Disposition: attachment; "
                "name=\"b\"\r\n\r\ny\r\n--XyZ--",
                "part 2: Content-Disposition is \"attachment; name=\"b\"\", not form-data"},
        BadBody{std::string(kType), "--XyZ\r\nContent-Disposition: form-data\r\n\r\nx\r\n--XyZ--",
                "part 1: Content-Disposition names no field"},
        BadBody{std::string(kType),
                "--XyZ\r\nContent-Disposition: form-data; name=\"a\r\n\r\nx\r\n--XyZ--",
                "part 1: Content-Disposition has an unclosed quoted string"},
        BadBody{std::string(kType), "--XyZ\r\nno colon\r\n\r\nx\r\n--XyZ--",
                "part 1: header line \"no colon\" has no name"},
        BadBody{std::string(kType), "--XyZ\r\nContent-Disposition: form-data; name=a\r\n",
                "part 1: the headers do not end with a blank line"}),
    case_name);

TEST(MultipartTest, RefusesMoreThanAThousandParts) {
  std::string body;
  for (int i = 0; i <= 1000; ++i) body += "--XyZ\r\n" + kDisposition + "x\r\n";
  body += "--XyZ--";
  auto parts = parse_multipart(kType, body);
  ASSERT_FALSE(parts.has_value());
  EXPECT_THAT(parts.error().message(), HasSubstr("more than 1000 parts"));
}

}  // namespace
}  // namespace mura::http
