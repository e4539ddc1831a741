// OAI-PMH through a real App over a real repository (records written to the OCFL store and the
// catalog by the service): GET and POST, the response type, hidden and withdrawn records, bad
// input, and a harvest that resumes after the server restarts. Every response is validated
// against the official schemas.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "formats/testing/sample_records.h"
#include "formats/testing/xml_scan.h"
#include "formats/testing/xml_schema.h"
#include "http/testing/app_testing.h"

namespace mura::http {
namespace {

using formats::testing::schema_errors;
using ::testing::HasSubstr;
using ::testing::Not;

std::string error_code_in(const std::string& xml) {
  return formats::testing::attribute_of(xml, "<error ", "code");
}

std::string token_in(const std::string& xml) {
  const auto tokens = formats::testing::contents_after(xml, "<resumptionToken");
  return tokens.empty() ? "" : tokens.front();
}

int headers_in(const std::string& xml) { return formats::testing::count_of(xml, "<header"); }

class OaiRoutesTest : public testing::AppTest {
 protected:
  void SetUp() override {
    AppTest::SetUp();
    driver_ = formats::testing::oai_with_datacite_driver();
  }

  std::string add(record::Record draft) {
    draft.id.clear();
    auto created = repository_->create_record(draft, {}, service::Actor{}, "test");
    EXPECT_TRUE(created.has_value()) << created.error().to_string();
    return created ? created->id : "";
  }

  // A 200 text/xml response that validates; its body.
  std::string oai(const Response& response) {
    EXPECT_EQ(response.status, 200) << response.body;
    EXPECT_EQ(response.header("Content-Type"), "text/xml; charset=utf-8");
    EXPECT_EQ(schema_errors(response.body, driver_->path()), "") << response.body;
    return response.body;
  }
  std::string oai_get(const std::string& query) { return oai(get("/oai?" + query)); }
  std::string oai_post(const std::string& body,
                       std::string content_type = "application/x-www-form-urlencoded") {
    return oai(send("POST", "/oai", body, {{"content-type", std::move(content_type)}}));
  }

  std::unique_ptr<formats::testing::TemporaryFile> driver_;
};

TEST_F(OaiRoutesTest, IdentifyByGetAndPost) {
  std::string xml = oai_get("verb=Identify");
  EXPECT_THAT(xml, HasSubstr("<baseURL>http://127.0.0.1:8080/oai</baseURL>"));
  EXPECT_THAT(xml, HasSubstr("<repositoryIdentifier>mura.localhost</repositoryIdentifier>"));
  EXPECT_THAT(xml, HasSubstr("<repositoryName>Mura</repositoryName>"));
  xml = oai_post("verb=Identify");
  EXPECT_THAT(xml, HasSubstr("<request verb=\"Identify\">"));
  xml = oai_post("verb=Identify", "application/x-www-form-urlencoded; charset=UTF-8");
  EXPECT_EQ(error_code_in(xml), "");
  EXPECT_EQ(get("/oai?verb=Identify").header("Access-Control-Allow-Origin"), "*");
  EXPECT_EQ(app().handle(testing::make_request("HEAD", "/oai?verb=Identify")).status, 200);
}

TEST_F(OaiRoutesTest, HarvestsWhatThePublicMaySee) {
  const std::string open = add(formats::testing::archival_item());
  record::Record closed_draft = formats::testing::archival_item();
  closed_draft.fields["title"] = {{"en", "Secret minutes"}};
  closed_draft.access.metadata = record::AccessLevel::kClosed;
  const std::string closed = add(closed_draft);
  const std::string research = add(formats::testing::research_output());
  ASSERT_FALSE(open.empty() || closed.empty() || research.empty());

  std::string xml = oai_get("verb=ListRecords&metadataPrefix=oai_dc");
  EXPECT_EQ(headers_in(xml), 2);
  EXPECT_THAT(xml, HasSubstr("<identifier>oai:mura.localhost:" + open + "</identifier>"));
  EXPECT_THAT(xml, HasSubstr("<dc:identifier>http://127.0.0.1:8080/" + open + "</dc:identifier>"));
  EXPECT_THAT(xml, Not(HasSubstr(closed)));
  EXPECT_THAT(xml, Not(HasSubstr("Secret minutes")));

  xml = oai_post("verb=GetRecord&metadataPrefix=datacite&identifier=oai%3Amura.localhost%3A" +
                 percent_encode(research));
  EXPECT_THAT(xml, HasSubstr("<resource xmlns=\"http://datacite.org/schema/kernel-4\""));
  xml = oai_get("verb=GetRecord&metadataPrefix=oai_dc&identifier=oai:mura.localhost:" + closed);
  EXPECT_EQ(error_code_in(xml), "idDoesNotExist");

  // Withdrawn: reported as deleted from the tombstone, by GET and in lists.
  auto withdrawn = repository_->delete_record(open, 1, service::Actor{}, "duplicate");
  ASSERT_TRUE(withdrawn.has_value()) << withdrawn.error().to_string();
  xml = oai_get("verb=ListIdentifiers&metadataPrefix=oai_dc");
  EXPECT_THAT(xml, HasSubstr("<header status=\"deleted\"><identifier>oai:mura.localhost:" + open));
  xml = oai_get("verb=ListMetadataFormats&identifier=oai:mura.localhost:" + open);
  EXPECT_EQ(error_code_in(xml), "noMetadataFormats");
}

TEST_F(OaiRoutesTest, SetsFromCollections) {
  record::Record fonds;
  fonds.kind = record::Kind::kCollection;
  fonds.fields["title"] = {{"kk", "Қор"}};
  const std::string fonds_id = add(fonds);
  record::Record item = formats::testing::archival_item();
  item.parent = fonds_id;
  add(item);
  add(formats::testing::archival_item());  // outside the set
  const std::string spec = fonds_id.substr(5, 5) + "." + fonds_id.substr(11);
  std::string xml = oai_get("verb=ListSets");
  EXPECT_THAT(xml, HasSubstr("<setSpec>" + spec + "</setSpec><setName>Қор</setName>"));
  xml = oai_get("verb=ListIdentifiers&metadataPrefix=oai_dc&set=" + spec);
  EXPECT_EQ(headers_in(xml), 2);  // the fonds and its item
}

TEST_F(OaiRoutesTest, BadInputIsAnOaiErrorNeverAnHttpOne) {
  add(formats::testing::archival_item());
  struct Case {
    std::string_view label;
    std::string method;
    std::string target;
    std::string body;
    std::string content_type;
    std::string code;
  } cases[] = {
      {"no verb", "GET", "/oai", "", "", "badVerb"},
      {"unknown verb", "GET", "/oai?verb=Delete", "", "", "badVerb"},
      {"repeated verb", "GET", "/oai?verb=Identify&verb=Identify", "", "", "badVerb"},
      {"unknown argument", "GET", "/oai?verb=Identify&debug=1", "", "", "badArgument"},
      {"missing prefix", "GET", "/oai?verb=ListRecords", "", "", "badArgument"},
      {"bad date", "GET", "/oai?verb=ListRecords&metadataPrefix=oai_dc&from=2026-02-30", "", "",
       "badArgument"},
      {"unknown format", "GET", "/oai?verb=ListRecords&metadataPrefix=mods", "", "",
       "cannotDisseminateFormat"},
      {"forged token", "GET", "/oai?verb=ListRecords&resumptionToken=eyJ.abc", "", "",
       "badResumptionToken"},
      {"unknown id", "GET",
       "/oai?verb=GetRecord&metadataPrefix=oai_dc&identifier=oai:mura.localhost:ark:/99999/mnone",
       "", "", "idDoesNotExist"},
      {"no records", "GET", "/oai?verb=ListRecords&metadataPrefix=oai_dc&until=2000-01-01", "", "",
       "noRecordsMatch"},
      {"no sets", "GET", "/oai?verb=ListSets", "", "", "noSetHierarchy"},
      {"JSON body", "POST", "/oai", "{\"verb\":\"Identify\"}", "application/json", "badArgument"},
      {"malformed form", "POST", "/oai", "verb=Identify&x=%G1", "application/x-www-form-urlencoded",
       "badArgument"},
      {"empty form", "POST", "/oai", "", "application/x-www-form-urlencoded", "badVerb"},
      {"argument in URL and body", "POST", "/oai?verb=Identify", "verb=Identify",
       "application/x-www-form-urlencoded", "badVerb"},
      {"huge argument", "GET", "/oai?verb=ListRecords&metadataPrefix=" + std::string(5000, 'x'), "",
       "", "cannotDisseminateFormat"},
  };
  for (const auto& test : cases) {
    SCOPED_TRACE(test.label);
    Fields headers;
    if (!test.content_type.empty()) headers.emplace_back("content-type", test.content_type);
    const std::string xml = oai(send(test.method, test.target, test.body, headers));
    EXPECT_EQ(error_code_in(xml), test.code) << xml;
  }
}

TEST_F(OaiRoutesTest, HarvestResumesAfterARestart) {
  for (int i = 0; i < 5; ++i) add(formats::testing::archival_item());
  // ListRecords sends 200 records a page: write enough for two.
  for (int i = 0; i < 200; ++i) add(formats::testing::archival_item());
  std::string xml = oai_get("verb=ListRecords&metadataPrefix=oai_dc");
  EXPECT_EQ(headers_in(xml), 200);
  EXPECT_THAT(xml, HasSubstr("completeListSize=\"205\""));
  const std::string token = token_in(xml);
  ASSERT_FALSE(token.empty());

  // A new server process: the app and the repository opened again from disk.
  app_.reset();
  repository_.reset();
  auto reopened = service::Repository::open(default_file_system(), (root_ / "repo").string());
  ASSERT_TRUE(reopened.has_value()) << reopened.error().to_string();
  repository_ = std::move(*reopened);
  xml = oai_get("verb=ListRecords&resumptionToken=" + percent_encode(token));
  EXPECT_EQ(headers_in(xml), 5);
  EXPECT_THAT(xml, HasSubstr("<resumptionToken completeListSize=\"205\" cursor=\"200\"/>"));
}

}  // namespace
}  // namespace mura::http
