// Writing records through the REST API as a client would: create with files sent as
// multipart/form-data or as staged uploads, update, read the versions and their diff, follow
// the breadcrumb, withdraw as a tombstone; a concurrent edit is refused; bad forms change nothing.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

#include "access/accounts.h"
#include "base/digest.h"
#include "http/testing/app_testing.h"

namespace mura::http {
namespace {

using ::testing::HasSubstr;
using testing::AppTest;
using Json = nlohmann::json;

constexpr std::string_view kBoundary = "mura-test-boundary";

// A multipart/form-data body: the record's JSON, then each file as {filename, bytes}.
std::string form(const std::string& record,
                 const std::vector<std::pair<std::string, std::string>>& files) {
  std::string body;
  auto open = [&](const std::string& disposition) {
    body += "--" + std::string(kBoundary) + "\r\nContent-Disposition: form-data; " + disposition +
            "\r\n";
  };
  open("name=\"record\"");
  body += "Content-Type: application/json\r\n\r\n" + record + "\r\n";
  for (const auto& [name, bytes] : files) {
    open("name=\"file\"; filename=\"" + name + "\"");
    body += "Content-Type: application/octet-stream\r\n\r\n" + bytes + "\r\n";
  }
  body += "--" + std::string(kBoundary) + "--\r\n";
  return body;
}

class RecordWriteRoutesTest : public AppTest {
 protected:
  void SetUp() override {
    AppTest::SetUp();
    access::Accounts accounts(repository_->catalog().accounts(), {});
    ASSERT_TRUE(accounts.add_user("root", "Root", "root password", {"admin"}, "test"));
    auto token = accounts.create_token("root", access::TokenScope::kWrite, 1, "", "test");
    ASSERT_TRUE(token.has_value());
    writer_ = {{"authorization", "Bearer " + token->secret}};
  }

  Fields writer(const std::string& content_type = "application/json") const {
    Fields headers = writer_;
    headers.push_back({"content-type", content_type});
    return headers;
  }
  Fields multipart() const {
    return writer("multipart/form-data; boundary=" + std::string(kBoundary));
  }
  std::size_t staged_uploads() const {
    const auto directory = root_ / "repo" / "staging" / "uploads";
    if (!std::filesystem::exists(directory)) return 0;
    return static_cast<std::size_t>(std::distance(std::filesystem::directory_iterator(directory),
                                                  std::filesystem::directory_iterator()));
  }
  std::size_t record_count() {
    return json_of(get("/api/v1/records?limit=1000", writer_))["items"].size();
  }

  Fields writer_;
};

TEST_F(RecordWriteRoutesTest, CreatesUpdatesDiffsAndWithdrawsRecords) {
  auto fonds = send("POST", "/api/v1/records",
                    R"({"kind":"archival_unit","level":"fonds",
                        "fields":{"title":[{"lang":"kk","value":"Қор 1"}],
                                  "reference_code":[{"value":"KZ/F-1"}]}})",
                    writer());
  ASSERT_EQ(fonds.status, 201) << fonds.body;
  const std::string fonds_id = json_of(fonds)["id"];
  EXPECT_EQ(fonds.header("Location"), "http://127.0.0.1:8080/api/v1/records/" + fonds_id);

  // An item with two scans, sent in one multipart form.
  const std::string record = R"({"kind":"archival_unit","level":"item","parent":")" + fonds_id +
                             R"(","fields":{"title":[{"lang":"ru","value":"Письмо"}],
                                "reference_code":[{"value":"KZ/F-1/1"}]}})";
  auto created = send("POST", "/api/v1/records",
                      form(record, {{"p1.txt", "first page\r\n--not the end"}, {"p2.txt", "page 2"}}),
                      multipart());
  ASSERT_EQ(created.status, 201) << created.body;
  const Json item = json_of(created);
  const std::string id = item["id"];
  ASSERT_EQ(item["files"].size(), 2u) << item.dump();
  EXPECT_EQ(body_of(get("/api/v1/records/" + id + "/files/p1.txt")), "first page\r\n--not the end");
  EXPECT_EQ(staged_uploads(), 0u) << "the form's files are not left behind";

  // A staged upload, then an update that adds it, removes p2 and retitles the item.
  auto upload = send("POST", "/api/v1/uploads", "third", writer("application/octet-stream"));
  ASSERT_EQ(upload.status, 201) << upload.body;
  EXPECT_EQ(json_of(upload)["size"], 5);
  EXPECT_EQ(json_of(upload)["sha512"], digest_hex(DigestAlgorithm::kSha512, "third"));
  const std::string update =
      R"({"version":1,"message":"page 3 found","kind":"archival_unit","level":"item","parent":")" +
      fonds_id + R"(","fields":{"title":[{"lang":"ru","value":"Письмо и приписка"}],
         "reference_code":[{"value":"KZ/F-1/1"}]},
         "files":[{"path":"p3.txt","upload":")" + json_of(upload)["upload"].get<std::string>() +
      R"("}],"remove_files":["p2.txt"]})";
  auto updated = send("PUT", "/api/v1/records/" + id, update, writer());
  ASSERT_EQ(updated.status, 200) << updated.body;
  EXPECT_EQ(json_of(updated)["version"], 2);

  // The same edit again is a conflict: version 1 is no longer the head.
  auto stale = send("PUT", "/api/v1/records/" + id, update, writer());
  EXPECT_EQ(stale.status, 409) << stale.body;

  auto versions = json_of(get("/api/v1/records/" + id + "/versions", writer_));
  ASSERT_EQ(versions["versions"].size(), 2u) << versions.dump();
  EXPECT_EQ(json_of(get("/api/v1/records/" + id + "/versions/1?lang=ru", writer_))["fields"]["title"][0]["value"],
            "Письмо");
  auto diff = json_of(get("/api/v1/records/" + id + "/diff?from=1&to=2", writer_));
  EXPECT_THAT(diff["fields"].dump(), HasSubstr("Письмо и приписка"));
  EXPECT_THAT(diff["files"].dump(), HasSubstr("p3.txt"));
  EXPECT_THAT(diff["files"].dump(), HasSubstr("p2.txt"));
  EXPECT_EQ(body_of(get("/api/v1/records/" + id + "/files/p3.txt")), "third");
  EXPECT_EQ(get("/api/v1/records/" + id + "/files/p2.txt").status, 404);
  EXPECT_EQ(body_of(get("/api/v1/records/" + id + "/files/p2.txt?version=1")), "page 2");

  auto ancestors = json_of(get("/api/v1/records/" + id + "/ancestors"));
  ASSERT_EQ(ancestors["ancestors"].size(), 1u);
  EXPECT_EQ(ancestors["ancestors"][0]["id"], fonds_id);

  // Withdrawn: a tombstone version that says so; lists leave it out and its versions remain.
  EXPECT_EQ(send("DELETE", "/api/v1/records/" + id, "", writer_).status, 400) << "needs ?version";
  auto withdrawn = send("DELETE", "/api/v1/records/" + id + "?version=2&reason=duplicate", "", writer_);
  ASSERT_EQ(withdrawn.status, 200) << withdrawn.body;
  EXPECT_EQ(json_of(withdrawn)["version"], 3);
  auto tombstone = get("/api/v1/records/" + id);
  ASSERT_EQ(tombstone.status, 200);
  EXPECT_EQ(json_of(tombstone)["deleted"], true) << tombstone.body;
  EXPECT_EQ(json_of(get("/api/v1/records?limit=1000"))["items"].size(), 1u) << "only the fonds is listed";
  EXPECT_EQ(json_of(get("/api/v1/records/" + id + "/versions", writer_))["versions"].size(), 3u);
}

TEST_F(RecordWriteRoutesTest, UploadsManyFilesInOneForm) {
  std::string body = "--" + std::string(kBoundary) +
                     "\r\nContent-Disposition: form-data; name=\"a\"; filename=\"a.tif\"\r\n\r\nAAA\r\n--" +
                     std::string(kBoundary) +
                     "\r\nContent-Disposition: form-data; name=\"b\"; filename=\"b.tif\"\r\n\r\nBB\r\n--" +
                     std::string(kBoundary) + "--";
  auto response = send("POST", "/api/v1/uploads", body, multipart());
  ASSERT_EQ(response.status, 201) << response.body;
  const Json uploads = json_of(response)["uploads"];
  ASSERT_EQ(uploads.size(), 2u);
  EXPECT_EQ(uploads[0]["file_name"], "a.tif");
  EXPECT_EQ(uploads[0]["size"], 3);
  EXPECT_EQ(uploads[1]["sha512"], digest_hex(DigestAlgorithm::kSha512, "BB"));
  EXPECT_EQ(staged_uploads(), 2u);
}

TEST_F(RecordWriteRoutesTest, BadFormsAreRefusedAndChangeNothing) {
  const std::size_t before = record_count();
  const std::string good = R"({"kind":"collection","fields":{"title":[{"lang":"en","value":"C"}]}})";
  struct Case {
    std::string body;
    std::string message;
  };
  const std::vector<Case> cases = {
      {form(good, {{"../escape.txt", "x"}}), "part 2: filename \"../escape.txt\" is not a file path"},
      {form("{not json", {{"a.txt", "x"}}), "not valid JSON"},
      {"--" + std::string(kBoundary) + "\r\nContent-Disposition: form-data; name=\"file\"; "
       "filename=\"a.txt\"\r\n\r\nx\r\n--" + std::string(kBoundary) + "--",
       "no part named \"record\""},
      {"--" + std::string(kBoundary) + "\r\nContent-Disposition: form-data; name=\"record\"\r\n\r\n" +
           good + "\r\n--" + std::string(kBoundary) +
           "\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\nhello\r\n--" +
           std::string(kBoundary) + "--",
       "part 2 (\"note\"): not a file"},
      {form(good, {{"a.txt", "x"}}).substr(0, 150), "closing boundary"},
  };
  for (const auto& bad : cases) {
    auto response = send("POST", "/api/v1/records", bad.body, multipart());
    EXPECT_EQ(response.status, 400) << bad.message << ": " << response.body;
    EXPECT_THAT(json_of(response)["detail"].get<std::string>(), HasSubstr(bad.message));
  }
  auto no_boundary = send("POST", "/api/v1/uploads", "x", writer("multipart/form-data"));
  EXPECT_EQ(no_boundary.status, 400);
  EXPECT_THAT(no_boundary.body, HasSubstr("boundary"));
  auto not_a_file = send("POST", "/api/v1/uploads",
                         "--" + std::string(kBoundary) +
                             "\r\nContent-Disposition: form-data; name=\"x\"\r\n\r\ny\r\n--" +
                             std::string(kBoundary) + "--",
                         multipart());
  EXPECT_EQ(not_a_file.status, 400);
  EXPECT_THAT(not_a_file.body, HasSubstr("part 1 (\\\"x\\\"): not a file"));
  EXPECT_EQ(record_count(), before);
  EXPECT_EQ(staged_uploads(), 0u);
  auto anonymous = send("POST", "/api/v1/records", form(good, {}),
                        {{"content-type", "multipart/form-data; boundary=" + std::string(kBoundary)}});
  EXPECT_EQ(anonymous.status, 401);
}

}  // namespace
}  // namespace mura::http
