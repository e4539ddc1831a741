// Route tests without sockets: a real repository in a temporary directory, a real App over it,
// and requests built from a method, a target and a body. Used by the tests of every route module;
// tests/http/ covers the same routes through the real server.
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <memory>
#include <random>
#include <string>

#include <nlohmann/json.hpp>

#include "base/file_system.h"
#include "base/posix_file_system.h"
#include "http/app.h"
#include "http/message.h"
#include "service/repository.h"

namespace mura::http::testing {

// "/api/v1/records?kind=item" -> a Request with path and decoded query.
inline Request make_request(std::string method, std::string target, std::string body = "",
                            Fields headers = {}) {
  Request request;
  request.method = std::move(method);
  request.target = std::move(target);
  const auto question = request.target.find('?');
  auto path = percent_decode(request.target.substr(0, question));
  request.path = path ? *path : request.target.substr(0, question);
  if (question != std::string::npos) {
    auto query = parse_query(std::string_view(request.target).substr(question + 1));
    if (query) request.query = std::move(*query);
  }
  request.headers = std::move(headers);
  request.body = std::move(body);
  request.client = "127.0.0.1";
  return request;
}

// A fresh repository and an App over it, removed after the test.
class AppTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::random_device random;
    root_ = std::filesystem::temp_directory_path() /
            ("mura-app-test-" + std::to_string(random()) + std::to_string(random()));
    std::filesystem::create_directories(root_);
    auto repository = service::Repository::init(default_file_system(), (root_ / "repo").string(),
                                                repository_config());
    ASSERT_TRUE(repository.has_value()) << repository.error().to_string();
    repository_ = std::move(*repository);
  }
  void TearDown() override {
    app_.reset();
    repository_.reset();
    std::error_code ignored;
    std::filesystem::remove_all(root_, ignored);
  }
  virtual service::RepositoryConfig repository_config() const { return {}; }

  // The app, made on first use (so that a test can add records or options first).
  App& app() {
    if (!app_) app_ = std::make_unique<App>(*repository_, options_);
    return *app_;
  }
  Response get(const std::string& target, Fields headers = {}) {
    return app().handle(make_request("GET", target, "", std::move(headers)));
  }
  Response send(const std::string& method, const std::string& target, std::string body,
                Fields headers = {}) {
    return app().handle(make_request(method, target, std::move(body), std::move(headers)));
  }
  // The body of a response, its streamed file segments read.
  static std::string body_of(const Response& response) {
    std::string body = response.body;
    for (const auto& segment : response.segments) {
      if (!segment.file) {
        body += segment.bytes;
        continue;
      }
      std::string chunk(segment.length, '\0');
      auto read = segment.file->read_at(segment.offset, std::span<char>(chunk.data(), chunk.size()));
      if (read) body += chunk.substr(0, *read);
    }
    return body;
  }
  static nlohmann::json json_of(const Response& response) {
    return nlohmann::json::parse(response.body, nullptr, /*allow_exceptions=*/false);
  }

  std::filesystem::path root_;
  std::unique_ptr<service::Repository> repository_;
  AppOptions options_;
  std::unique_ptr<App> app_;
};

}  // namespace mura::http::testing
