// Ingest jobs through a real App: upload a sheet, start the job, follow it to its report, and
// find the records; a dry run writes nothing; a curator cannot ingest top-level records; bad
// bodies and anonymous callers are refused.
#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "http/testing/app_testing.h"

namespace mura::http {
namespace {

using testing::AppTest;
using Json = nlohmann::json;

constexpr std::string_view kSheet =
    "key,kind,parent,title@kk,title@en\n"
    "c1,collection,,Сынақ қоры,Test fonds\n"
    "c2,collection,c1,Ішкі бөлім,Inner part\n";

class IngestRoutesTest : public AppTest {
 protected:
  void sign_in(access::Caller caller) {
    app().set_authenticator([caller](const Request&) -> Result<access::Caller> { return caller; });
  }
  static access::Caller administrator() {
    access::Caller caller = access::Caller::registered_user("ada", {});
    caller.administrator = true;
    return caller;
  }
  std::string upload(std::string_view bytes) {
    auto response = send("POST", "/api/v1/uploads", std::string(bytes));
    EXPECT_EQ(response.status, 201) << response.body;
    return json_of(response).value("upload", "");
  }
  // Polls the job until it ends.
  Json finished(const std::string& id) {
    for (int attempt = 0; attempt < 500; ++attempt) {
      auto job = json_of(get("/api/v1/ingests/" + id));
      const std::string state = job.value("state", "");
      if (state != "queued" && state != "running") return job;
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    ADD_FAILURE() << "job " << id << " did not end";
    return {};
  }
};

TEST_F(IngestRoutesTest, IngestsAnUploadedSheetAndReports) {
  sign_in(administrator());
  const auto id = upload(kSheet);
  auto started = send("POST", "/api/v1/ingests",
                      Json{{"upload", id}, {"file_name", "test.csv"}}.dump());
  ASSERT_EQ(started.status, 202) << started.body;
  const std::string job_id = json_of(started)["id"];
  EXPECT_NE(started.header("Location").find("/api/v1/ingests/" + job_id), std::string::npos);
  auto job = finished(job_id);
  EXPECT_EQ(job["state"], "succeeded") << job.dump();
  EXPECT_EQ(job["report"]["created"], 2);
  EXPECT_EQ(job["done"], 2);
  EXPECT_EQ(json_of(get("/api/v1/records?kind=collection"))["items"].size(), 2u);
  // The job is listed and survives a restart of the app.
  EXPECT_EQ(json_of(get("/api/v1/ingests"))["items"].size(), 1u);
  app_.reset();
  sign_in(administrator());
  EXPECT_EQ(json_of(get("/api/v1/ingests/" + job_id))["state"], "succeeded");
}

TEST_F(IngestRoutesTest, ADryRunWritesNothing) {
  sign_in(administrator());
  auto started = send("POST", "/api/v1/ingests",
                      Json{{"upload", upload(kSheet)}, {"file_name", "t.csv"}, {"dry_run", true}}.dump());
  ASSERT_EQ(started.status, 202);
  auto job = finished(json_of(started)["id"]);
  EXPECT_EQ(job["state"], "succeeded") << job.dump();
  EXPECT_EQ(job["report"]["created"], 2);
  EXPECT_TRUE(json_of(get("/api/v1/records"))["items"].empty());
}

TEST_F(IngestRoutesTest, ASheetWithProblemsFailsWithItsReport) {
  sign_in(administrator());
  auto started = send("POST", "/api/v1/ingests",
                      Json{{"upload", upload("key,kind,title@kk\nx,spaceship,Бір\n")},
                           {"file_name", "bad.csv"}}.dump());
  ASSERT_EQ(started.status, 202);
  auto job = finished(json_of(started)["id"]);
  EXPECT_EQ(job["state"], "failed");
  ASSERT_FALSE(job["report"]["problems"].empty()) << job.dump();
  EXPECT_NE(job["report"]["problems"][0].get<std::string>().find("bad.csv"), std::string::npos);
  EXPECT_TRUE(json_of(get("/api/v1/records"))["items"].empty());
}

TEST_F(IngestRoutesTest, ACuratorCannotIngestTopLevelRecords) {
  access::Caller curator = access::Caller::registered_user("cura", {});
  curator.curated_collections = {"ark:/99999/msomewhere"};
  sign_in(curator);
  auto started = send("POST", "/api/v1/ingests", Json{{"upload", upload(kSheet)}, {"file_name", "t.csv"}}.dump());
  ASSERT_EQ(started.status, 202);
  auto job = finished(json_of(started)["id"]);
  EXPECT_EQ(job["state"], "failed");
  EXPECT_NE(job.value("error", "").find("only administrators may ingest top-level records"),
            std::string::npos)
      << job.dump();
  EXPECT_TRUE(json_of(get("/api/v1/records"))["items"].empty());
  // Another user's job is not theirs to see.
  sign_in(access::Caller::registered_user("other", {}));
  EXPECT_EQ(get("/api/v1/ingests/" + json_of(started)["id"].get<std::string>()).status, 403);
}

TEST_F(IngestRoutesTest, RefusesAnonymousCallersAndBadBodies) {
  EXPECT_EQ(send("POST", "/api/v1/ingests", "{}").status, 401);
  EXPECT_EQ(get("/api/v1/ingests").status, 401);
  sign_in(administrator());
  const auto id = upload(kSheet);
  struct Case {
    std::string body;
    int status;
    std::string message;
  };
  const Case cases[] = {
      {"not json", 400, "not a JSON object"},
      {"[]", 400, "not a JSON object"},
      {R"({"file_name":"a.csv"})", 400, "\"upload\" is required"},
      {R"({"upload":")" + id + R"("})", 400, "\"file_name\" is required"},
      {R"({"upload":")" + id + R"(","file_name":"a.csv","colour":1})", 400, "unknown member \"colour\""},
      {R"({"upload":")" + id + R"(","file_name":7})", 400, "\"file_name\" must be a string"},
      {R"({"upload":")" + id + R"(","file_name":"a.csv","dry_run":"yes"})", 400, "\"dry_run\""},
      {R"({"upload":"../../etc/passwd","file_name":"a.csv"})", 400, "is not an id"},
      {R"({"upload":"00000000-0000-0000-0000-000000000000","file_name":"a.csv"})", 404, "does not exist"},
      {R"({"upload":")" + id + R"(","file_name":"../a.csv"})", 400, "not usable"},
  };
  for (const auto& c : cases) {
    auto response = send("POST", "/api/v1/ingests", c.body);
    EXPECT_EQ(response.status, c.status) << c.body << " " << response.body;
    EXPECT_NE(json_of(response).value("detail", "").find(c.message), std::string::npos)
        << c.body << " " << response.body;
  }
  EXPECT_TRUE(json_of(get("/api/v1/ingests"))["items"].empty());
}

}  // namespace
}  // namespace mura::http
