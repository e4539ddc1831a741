// The OpenAPI 3.1 document (data/openapi.json) matches the implementation: every route the
// application registers is documented with the same method, every documented operation exists,
// and the document is served at /api/v1/openapi.json with this server's URL.
#include <gtest/gtest.h>

#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include "http/testing/app_testing.h"

namespace mura::http {
namespace {

using testing::AppTest;
using Json = nlohmann::json;

constexpr std::string_view kMethods[] = {"get", "post", "put", "patch", "delete"};

// "/api/v1/records/{ark}/files/{path*}" -> "/api/v1/records/{ark}/files/{path}"
std::string openapi_path(const std::string& pattern) {
  return std::regex_replace(pattern, std::regex(R"(\{([a-z_]+)\*\})"), "{$1}");
}

class OpenApiTest : public AppTest {
 protected:
  Json document() {
    std::ifstream file(std::string(MURA_TEST_SOURCE_DIR) + "/data/openapi.json");
    std::stringstream text;
    text << file.rdbuf();
    return Json::parse(text.str(), nullptr, false);
  }
};

TEST_F(OpenApiTest, EveryRouteIsDocumentedAndEveryOperationExists) {
  const Json doc = document();
  ASSERT_FALSE(doc.is_discarded()) << "data/openapi.json is not valid JSON";
  EXPECT_EQ(doc.value("openapi", ""), "3.1.0");
  std::set<std::pair<std::string, std::string>> documented;
  for (const auto& [path, item] : doc["paths"].items()) {
    for (const auto method : kMethods) {
      if (item.contains(std::string(method))) {
        std::string upper(method);
        for (auto& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        documented.insert({upper, path});
        const auto& operation = item[std::string(method)];
        EXPECT_TRUE(operation.contains("summary")) << upper << " " << path;
        EXPECT_TRUE(operation.contains("responses")) << upper << " " << path;
      }
    }
  }
  std::set<std::pair<std::string, std::string>> implemented;
  for (const auto& [method, pattern] : app().router().routes()) {
    // The web UI's files and the ARK resolver are not part of the API.
    if (pattern == "/{path*}" || pattern == "/") continue;
    implemented.insert({method, openapi_path(pattern)});
  }
  for (const auto& route : implemented) {
    EXPECT_TRUE(documented.contains(route)) << "undocumented: " << route.first << " " << route.second;
  }
  for (const auto& operation : documented) {
    EXPECT_TRUE(implemented.contains(operation))
        << "documented but not implemented: " << operation.first << " " << operation.second;
  }
}

TEST_F(OpenApiTest, IsServedWithThisServersUrl) {
  auto response = get("/api/v1/openapi.json");
  ASSERT_EQ(response.status, 200) << response.body;
  auto served = json_of(response);
  EXPECT_EQ(served["servers"][0]["url"], "http://127.0.0.1:8080");
  EXPECT_EQ(served["paths"].size(), document()["paths"].size());
}

}  // namespace
}  // namespace mura::http
