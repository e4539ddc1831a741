#include "oai/oai_handler.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <random>
#include <set>

#include "base/testing/status_matchers.h"
#include "formats/testing/sample_records.h"
#include "formats/testing/xml_scan.h"
#include "formats/testing/xml_schema.h"
#include "oai/identifiers.h"

namespace mura::oai {
namespace {

using formats::testing::archival_item;
using formats::testing::attribute_of;
using formats::testing::contents_after;
using formats::testing::count_of;
using formats::testing::research_output;
using formats::testing::schema_errors;
using formats::testing::shipped_profiles;
using ::testing::HasSubstr;
using ::testing::Not;

constexpr std::string_view kPrefix = "oai:mura.example.kz:";
// 2026-12-01T00:00:00Z
constexpr std::int64_t kNow = 1'796'083'200;

std::string id_of(std::string_view name) { return "ark:/99999/" + std::string(name); }

// The OAI identifiers of a response's headers, in order.
std::vector<std::string> identifiers_in(const std::string& xml) {
  std::vector<std::string> found;
  for (auto& text : contents_after(xml, "<identifier>")) {
    if (text.starts_with("oai:")) found.push_back(std::move(text));
  }
  return found;
}

std::string token_in(const std::string& xml) {
  const auto tokens = contents_after(xml, "<resumptionToken");
  return tokens.empty() ? "" : tokens.front();
}

std::string error_code_in(const std::string& xml) { return attribute_of(xml, "<error ", "code"); }

// A real SQLite catalog in a temporary directory, filled with records of every kind of
// visibility, and a handler over it with a clock the test moves.
class OaiHandlerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::random_device random;
    directory_ = std::filesystem::temp_directory_path() /
                 ("mura-oai-test-" + std::to_string(random()) + std::to_string(random()));
    std::filesystem::create_directories(directory_);
    open_catalog();
    driver_ = formats::testing::oai_with_datacite_driver();
  }
  void TearDown() override {
    handler_.reset();
    catalog_.reset();
    std::error_code ignored;
    std::filesystem::remove_all(directory_, ignored);
  }

  void open_catalog() {
    auto catalog = catalog::Catalog::open_sqlite((directory_ / "catalog.sqlite").string());
    ASSERT_TRUE(catalog.has_value()) << catalog.error().to_string();
    catalog_ = std::move(*catalog);
  }

  OaiHandler& handler() {
    if (!handler_) {
      OaiOptions options;
      options.base_url = "https://mura.example.kz/oai";
      options.record_url_base = "https://mura.example.kz";
      options.repository_name = "Mura test repository";
      options.records_per_page = records_per_page_;
      options.headers_per_page = records_per_page_;
      options.sets_per_page = records_per_page_;
      options.clock = [this] {
        return std::chrono::system_clock::time_point(std::chrono::seconds(now_.load()));
      };
      auto created = OaiHandler::create(*catalog_, shipped_profiles(), options);
      EXPECT_TRUE(created.has_value()) << created.error().to_string();
      handler_ = std::move(*created);
    }
    return *handler_;
  }

  // Restarts: a new catalog connection and a new handler over the same file.
  void restart() {
    handler_.reset();
    catalog_.reset();
    open_catalog();
  }

  void put(record::Record record) { ASSERT_OK(catalog_->put_record(record)); }

  static record::Record stamped(record::Record record, std::string modified) {
    record.created = modified;
    record.modified = std::move(modified);
    return record;
  }

  static record::Record collection(std::string name, std::string parent, std::string title,
                                   std::string modified) {
    record::Record record;
    record.id = id_of(name);
    record.kind = record::Kind::kCollection;
    record.parent = parent.empty() ? "" : id_of(parent);
    record.fields["title"] = {{"kk", title}, {"en", title + " (en)"}};
    record.fields["description"] = {{"en", "About " + title}};
    return stamped(record, std::move(modified));
  }

  // fonds (public) > series (public) with items; a closed collection with a public item;
  // research outputs, one withdrawn; restricted, closed and personal-data records.
  void fill() {
    put(collection("mfonds", "", "Қор", "2026-11-01T09:00:00Z"));
    put(collection("mseries", "mfonds", "Серия", "2026-11-01T09:30:00Z"));
    put(stamped(collection("msecret", "", "Closed", "2026-11-01T10:00:00Z"),
                "2026-11-01T10:00:00Z"));
    {
      record::Record secret = collection("msecret", "", "Closed", "2026-11-01T10:00:00Z");
      secret.access.metadata = record::AccessLevel::kClosed;
      put(secret);
    }
    for (int i = 1; i <= 5; ++i) {
      record::Record item = archival_item(id_of("mletter" + std::to_string(i)));
      item.parent = id_of("mseries");
      put(stamped(item, "2026-11-0" + std::to_string(i + 1) + "T12:00:00Z"));
    }
    record::Record research = research_output(id_of("mresearch"));
    research.parent = id_of("mfonds");
    put(stamped(research, "2026-11-10T08:00:00Z"));
    record::Record withdrawn = research_output(id_of("mwithdrawn"));
    withdrawn.parent = id_of("mfonds");
    withdrawn.deleted = true;
    put(stamped(withdrawn, "2026-11-11T08:00:00Z"));
    record::Record withdrawn_letter = archival_item(id_of("mgone"));
    withdrawn_letter.deleted = true;
    put(stamped(withdrawn_letter, "2026-11-11T09:00:00Z"));
    record::Record restricted = archival_item(id_of("mrestricted"));
    restricted.parent = id_of("mseries");
    restricted.access.metadata = record::AccessLevel::kRestricted;
    restricted.access.groups = {"researchers"};
    put(stamped(restricted, "2026-11-12T08:00:00Z"));
    record::Record registered = archival_item(id_of("mregistered"));
    registered.access.metadata = record::AccessLevel::kRegistered;
    put(stamped(registered, "2026-11-12T09:00:00Z"));
    record::Record in_secret = archival_item(id_of("minsecret"));
    in_secret.parent = id_of("msecret");
    put(stamped(in_secret, "2026-11-13T08:00:00Z"));
    record::Record recent_personal = archival_item(id_of("mpersonal"));
    recent_personal.access.personal_data = true;
    recent_personal.fields["date"] = {{"", "1990"}};
    put(stamped(recent_personal, "2026-11-14T08:00:00Z"));
    record::Record old_personal = archival_item(id_of("mpersonalold"));
    old_personal.access.personal_data = true;
    old_personal.fields["date"] = {{"", "1916"}};
    put(stamped(old_personal, "2026-11-14T09:00:00Z"));
    record::Record withdrawn_secret = archival_item(id_of("mgonesecret"));
    withdrawn_secret.access.metadata = record::AccessLevel::kClosed;
    withdrawn_secret.deleted = true;
    put(stamped(withdrawn_secret, "2026-11-15T08:00:00Z"));
  }

  // Ids the public may see, in datestamp order: what every full list must give.
  static std::vector<std::string> public_ids() {
    std::vector<std::string> ids;
    for (std::string_view name :
         {"mfonds", "mseries", "mletter1", "mletter2", "mletter3", "mletter4", "mletter5",
          "mresearch", "mwithdrawn", "mgone", "minsecret", "mpersonalold"}) {
      ids.push_back(std::string(kPrefix) + id_of(name));
    }
    return ids;
  }

  std::string oai(const Arguments& arguments) {
    auto response = handler().handle(arguments);
    EXPECT_TRUE(response.has_value()) << response.error().to_string();
    if (!response) return "";
    EXPECT_EQ(schema_errors(*response, driver_->path()), "") << *response;
    return *response;
  }

  // Every identifier of a list, following resumption tokens; checks cursors on the way.
  std::vector<std::string> harvest(Arguments first, int* requests = nullptr) {
    std::vector<std::string> all;
    std::string xml = oai(first);
    const std::string verb = first.front().second;
    int count = 1;
    while (true) {
      EXPECT_EQ(error_code_in(xml), "") << xml;
      for (auto& id : identifiers_in(xml)) all.push_back(id);
      const std::string token = token_in(xml);
      if (token.empty()) break;
      EXPECT_THAT(xml, HasSubstr("cursor=\"" +
                                 std::to_string(all.size() - identifiers_in(xml).size()) + "\""));
      xml = oai({{"verb", verb}, {"resumptionToken", token}});
      ++count;
      if (count > 1000) break;
    }
    if (requests != nullptr) *requests = count;
    return all;
  }

  std::filesystem::path directory_;
  std::unique_ptr<catalog::Catalog> catalog_;
  std::unique_ptr<OaiHandler> handler_;
  std::unique_ptr<formats::testing::TemporaryFile> driver_;
  std::atomic<std::int64_t> now_{kNow};
  int records_per_page_ = 200;
};

TEST_F(OaiHandlerTest, Identify) {
  fill();
  const std::string xml = oai({{"verb", "Identify"}});
  EXPECT_THAT(xml, HasSubstr("<request verb=\"Identify\">https://mura.example.kz/oai</request>"));
  EXPECT_THAT(xml, HasSubstr("<responseDate>2026-12-01T00:00:00Z</responseDate>"));
  EXPECT_THAT(xml, HasSubstr("<repositoryName>Mura test repository</repositoryName>"));
  EXPECT_THAT(xml, HasSubstr("<protocolVersion>2.0</protocolVersion>"));
  EXPECT_THAT(xml, HasSubstr("<adminEmail>admin@mura.example.kz</adminEmail>"));
  EXPECT_THAT(xml, HasSubstr("<earliestDatestamp>2026-11-01T09:00:00Z</earliestDatestamp>"));
  EXPECT_THAT(xml, HasSubstr("<deletedRecord>persistent</deletedRecord>"));
  EXPECT_THAT(xml, HasSubstr("<granularity>YYYY-MM-DDThh:mm:ssZ</granularity>"));
  EXPECT_THAT(xml, HasSubstr("<repositoryIdentifier>mura.example.kz</repositoryIdentifier>"));
  EXPECT_THAT(xml, HasSubstr("<sampleIdentifier>oai:mura.example.kz:ark:/99999/"));
}

TEST_F(OaiHandlerTest, IdentifyOfAnEmptyRepository) {
  const std::string xml = oai({{"verb", "Identify"}});
  EXPECT_THAT(xml, HasSubstr("<earliestDatestamp>2026-12-01T00:00:00Z</earliestDatestamp>"));
}

TEST_F(OaiHandlerTest, ListMetadataFormats) {
  fill();
  std::string xml = oai({{"verb", "ListMetadataFormats"}});
  EXPECT_EQ(count_of(xml, "<metadataFormat>"), 2);
  EXPECT_THAT(xml, HasSubstr("<metadataPrefix>oai_dc</metadataPrefix>"
                             "<schema>http://www.openarchives.org/OAI/2.0/oai_dc.xsd</schema>"
                             "<metadataNamespace>http://www.openarchives.org/OAI/2.0/oai_dc/"
                             "</metadataNamespace>"));
  EXPECT_THAT(xml, HasSubstr("<metadataPrefix>datacite</metadataPrefix>"));

  xml = oai(
      {{"verb", "ListMetadataFormats"}, {"identifier", std::string(kPrefix) + id_of("mresearch")}});
  EXPECT_EQ(count_of(xml, "<metadataFormat>"), 2);
  xml = oai(
      {{"verb", "ListMetadataFormats"}, {"identifier", std::string(kPrefix) + id_of("mletter1")}});
  EXPECT_EQ(count_of(xml, "<metadataFormat>"), 1);
  EXPECT_THAT(xml, Not(HasSubstr("datacite")));
  EXPECT_THAT(xml, HasSubstr("identifier=\"oai:mura.example.kz:ark:/99999/mletter1\""));
}

TEST_F(OaiHandlerTest, ListMetadataFormatsErrors) {
  fill();
  struct Case {
    std::string identifier;
    std::string code;
  } cases[] = {
      {std::string(kPrefix) + id_of("mnothere"), "idDoesNotExist"},
      {std::string(kPrefix) + id_of("mrestricted"), "idDoesNotExist"},
      {std::string(kPrefix) + id_of("mpersonal"), "idDoesNotExist"},
      {std::string(kPrefix) + id_of("mgonesecret"), "idDoesNotExist"},
      {"oai:other.example.kz:" + id_of("mletter1"), "idDoesNotExist"},
      {"not an identifier", "idDoesNotExist"},
      {std::string(kPrefix) + id_of("mwithdrawn"), "noMetadataFormats"},
  };
  for (const auto& test : cases) {
    SCOPED_TRACE(test.identifier);
    const std::string xml = oai({{"verb", "ListMetadataFormats"}, {"identifier", test.identifier}});
    EXPECT_EQ(error_code_in(xml), test.code);
    EXPECT_THAT(xml, HasSubstr("<request verb=\"ListMetadataFormats\""));
  }
}

TEST_F(OaiHandlerTest, ListSetsShowsTheVisibleCollectionHierarchy) {
  fill();
  const std::string xml = oai({{"verb", "ListSets"}});
  EXPECT_EQ(count_of(xml, "<set>"), 2) << xml;
  EXPECT_THAT(xml, HasSubstr("<setSpec>99999.mfonds</setSpec><setName>Қор</setName>"));
  EXPECT_THAT(xml,
              HasSubstr("<setSpec>99999.mfonds:99999.mseries</setSpec><setName>Серия</setName>"));
  EXPECT_THAT(xml, HasSubstr("<setDescription><oai_dc:dc "));
  EXPECT_THAT(xml, HasSubstr("<dc:title xml:lang=\"en\">Қор (en)</dc:title>"));
  EXPECT_THAT(xml, Not(HasSubstr("msecret")));
  EXPECT_THAT(xml, Not(HasSubstr("Closed")));
  EXPECT_THAT(xml, Not(HasSubstr("resumptionToken")));
}

TEST_F(OaiHandlerTest, CollectionChangesReachSetSpecsWithinTheirLifetime) {
  fill();
  const std::string letter = std::string(kPrefix) + id_of("mletter1");
  const Arguments get = {
      {"verb", "GetRecord"}, {"identifier", letter}, {"metadataPrefix", "oai_dc"}};
  EXPECT_THAT(oai(get), HasSubstr("<setSpec>99999.mfonds:99999.mseries</setSpec>"));
  // The fonds closes: the series and its letters stay public, but no longer form a set.
  record::Record fonds = collection("mfonds", "", "Қор", "2026-11-20T00:00:00Z");
  fonds.access.metadata = record::AccessLevel::kClosed;
  put(fonds);
  now_ += kSpecLifetime.count();
  const std::string xml = oai(get);
  EXPECT_EQ(error_code_in(xml), "");
  EXPECT_THAT(xml, Not(HasSubstr("<setSpec>")));
  EXPECT_EQ(error_code_in(oai({{"verb", "ListSets"}})), "noSetHierarchy");
  EXPECT_EQ(error_code_in(oai({{"verb", "ListIdentifiers"},
                               {"metadataPrefix", "oai_dc"},
                               {"set", "99999.mfonds:99999.mseries"}})),
            "noSetHierarchy");
}

TEST_F(OaiHandlerTest, NoSetHierarchyWithoutCollections) {
  put(stamped(archival_item(), "2026-11-01T00:00:00Z"));
  EXPECT_EQ(error_code_in(oai({{"verb", "ListSets"}})), "noSetHierarchy");
  EXPECT_EQ(error_code_in(oai(
                {{"verb", "ListRecords"}, {"metadataPrefix", "oai_dc"}, {"set", "99999.mfonds"}})),
            "noSetHierarchy");
  // Only hidden collections: no set hierarchy either.
  record::Record closed = collection("mclosed", "", "Closed", "2026-11-02T00:00:00Z");
  closed.access.metadata = record::AccessLevel::kClosed;
  put(closed);
  EXPECT_EQ(error_code_in(oai({{"verb", "ListSets"}})), "noSetHierarchy");
  EXPECT_EQ(
      error_code_in(oai(
          {{"verb", "ListIdentifiers"}, {"metadataPrefix", "oai_dc"}, {"set", "99999.mclosed"}})),
      "noSetHierarchy");
}

TEST_F(OaiHandlerTest, GetRecordInBothFormats) {
  fill();
  std::string xml = oai({{"verb", "GetRecord"},
                         {"identifier", std::string(kPrefix) + id_of("mletter1")},
                         {"metadataPrefix", "oai_dc"}});
  EXPECT_THAT(xml, HasSubstr("<header><identifier>oai:mura.example.kz:ark:/99999/mletter1"
                             "</identifier><datestamp>2026-11-02T12:00:00Z</datestamp>"
                             "<setSpec>99999.mfonds:99999.mseries</setSpec></header>"));
  EXPECT_THAT(xml, HasSubstr("<dc:identifier>https://mura.example.kz/ark:/99999/mletter1"));
  EXPECT_THAT(xml, HasSubstr("<dc:title xml:lang=\"kk\">Хат</dc:title>"));

  xml = oai({{"verb", "GetRecord"},
             {"identifier", std::string(kPrefix) + id_of("mresearch")},
             {"metadataPrefix", "datacite"}});
  EXPECT_THAT(xml, HasSubstr("<metadata><resource xmlns=\"http://datacite.org/schema/kernel-4\""));
  EXPECT_THAT(xml,
              HasSubstr("<identifier identifierType=\"DOI\">10.48550/mura.2026.1</identifier>"));
  EXPECT_THAT(xml, HasSubstr("<setSpec>99999.mfonds</setSpec>"));

  xml = oai({{"verb", "GetRecord"},
             {"identifier", std::string(kPrefix) + id_of("mpersonalold")},
             {"metadataPrefix", "oai_dc"}});
  EXPECT_EQ(error_code_in(xml), "");
  EXPECT_THAT(xml, Not(HasSubstr("<setSpec>")));  // outside any collection
}

TEST_F(OaiHandlerTest, GetRecordOfATombstoneIsADeletedHeader) {
  fill();
  for (std::string_view prefix : {"oai_dc", "datacite"}) {
    const std::string xml = oai({{"verb", "GetRecord"},
                                 {"identifier", std::string(kPrefix) + id_of("mwithdrawn")},
                                 {"metadataPrefix", std::string(prefix)}});
    EXPECT_THAT(xml, HasSubstr("<record><header status=\"deleted\"><identifier>"
                               "oai:mura.example.kz:ark:/99999/mwithdrawn</identifier>"));
    EXPECT_THAT(xml, Not(HasSubstr("<metadata>")));
  }
}

TEST_F(OaiHandlerTest, GetRecordErrors) {
  fill();
  struct Case {
    std::string identifier;
    std::string prefix;
    std::string code;
  } cases[] = {
      {std::string(kPrefix) + id_of("mletter1"), "datacite", "cannotDisseminateFormat"},
      {std::string(kPrefix) + id_of("mletter1"), "marc21", "cannotDisseminateFormat"},
      {std::string(kPrefix) + id_of("mgone"), "datacite", "cannotDisseminateFormat"},
      {std::string(kPrefix) + id_of("mnothere"), "oai_dc", "idDoesNotExist"},
      {std::string(kPrefix) + id_of("mrestricted"), "oai_dc", "idDoesNotExist"},
      {std::string(kPrefix) + id_of("mregistered"), "oai_dc", "idDoesNotExist"},
      {std::string(kPrefix) + id_of("msecret"), "oai_dc", "idDoesNotExist"},
      {std::string(kPrefix) + id_of("mpersonal"), "oai_dc", "idDoesNotExist"},
      {std::string(kPrefix) + id_of("mgonesecret"), "oai_dc", "idDoesNotExist"},
      {"oai:mura.example.kz:", "oai_dc", "idDoesNotExist"},
      {"oai:mura.example.kz:ark:/99999/m b", "oai_dc", "idDoesNotExist"},
  };
  for (const auto& test : cases) {
    SCOPED_TRACE(test.identifier + " " + test.prefix);
    const std::string xml = oai(
        {{"verb", "GetRecord"}, {"identifier", test.identifier}, {"metadataPrefix", test.prefix}});
    EXPECT_EQ(error_code_in(xml), test.code) << xml;
    EXPECT_THAT(xml, Not(HasSubstr("<GetRecord>")));
    EXPECT_THAT(xml, HasSubstr("metadataPrefix=\"" + test.prefix + "\""));  // arguments echoed
  }
}

TEST_F(OaiHandlerTest, ListRecordsShowsWhatThePublicMaySee) {
  fill();
  const std::string xml = oai({{"verb", "ListRecords"}, {"metadataPrefix", "oai_dc"}});
  EXPECT_EQ(identifiers_in(xml), public_ids());
  EXPECT_EQ(count_of(xml, "<record>"), 12);
  EXPECT_EQ(count_of(xml, "status=\"deleted\""), 2);
  EXPECT_EQ(count_of(xml, "<metadata>"), 10);
  for (std::string_view hidden :
       {"mrestricted", "mregistered", "msecret", "mpersonal<", "mgonesecret"}) {
    EXPECT_THAT(xml, Not(HasSubstr(std::string(hidden)))) << hidden;
  }
  EXPECT_THAT(xml, Not(HasSubstr("resumptionToken")));
}

TEST_F(OaiHandlerTest, ListRecordsInDataciteHasOnlyResearchOutputs) {
  fill();
  const std::string xml = oai({{"verb", "ListRecords"}, {"metadataPrefix", "datacite"}});
  EXPECT_EQ(identifiers_in(xml),
            (std::vector<std::string>{std::string(kPrefix) + id_of("mresearch"),
                                      std::string(kPrefix) + id_of("mwithdrawn")}));
  EXPECT_EQ(count_of(xml, "<resource "), 1);
  EXPECT_EQ(count_of(xml, "status=\"deleted\""), 1);
}

TEST_F(OaiHandlerTest, ListIdentifiersBySet) {
  fill();
  std::string xml = oai({{"verb", "ListIdentifiers"},
                         {"metadataPrefix", "oai_dc"},
                         {"set", "99999.mfonds:99999.mseries"}});
  EXPECT_EQ(identifiers_in(xml).size(), 6U);  // the series and its five public letters
  EXPECT_THAT(xml, Not(HasSubstr("<metadata>")));
  EXPECT_THAT(xml, Not(HasSubstr("mrestricted")));

  xml = oai({{"verb", "ListIdentifiers"}, {"metadataPrefix", "oai_dc"}, {"set", "99999.mfonds"}});
  EXPECT_EQ(identifiers_in(xml).size(), 9U);  // + the fonds and both research outputs
  xml = oai({{"verb", "ListIdentifiers"}, {"metadataPrefix", "datacite"}, {"set", "99999.mfonds"}});
  EXPECT_EQ(identifiers_in(xml).size(), 2U);

  for (std::string_view set : {"99999.mseries", "99999.mnothere", "99999.msecret", "99999.mletter1",
                               "x:99999.mseries", "nodot"}) {
    SCOPED_TRACE(set);
    xml =
        oai({{"verb", "ListIdentifiers"}, {"metadataPrefix", "oai_dc"}, {"set", std::string(set)}});
    EXPECT_EQ(error_code_in(xml), "noRecordsMatch");
  }
}

TEST_F(OaiHandlerTest, FromAndUntil) {
  fill();
  struct Case {
    std::string from;
    std::string until;
    std::size_t count;  // 0: noRecordsMatch
  } cases[] = {
      {"2026-11-02", "", 10},          {"2026-11-02T12:00:01Z", "", 9},
      {"", "2026-11-02", 3},           {"", "2026-11-02T11:59:59Z", 2},
      {"2026-11-03", "2026-11-04", 2}, {"2026-11-03T12:00:00Z", "2026-11-03T12:00:00Z", 1},
      {"2026-11-16", "", 0},           {"", "2026-10-31", 0},
  };
  for (const auto& test : cases) {
    SCOPED_TRACE(test.from + ".." + test.until);
    Arguments arguments = {{"verb", "ListIdentifiers"}, {"metadataPrefix", "oai_dc"}};
    if (!test.from.empty()) arguments.emplace_back("from", test.from);
    if (!test.until.empty()) arguments.emplace_back("until", test.until);
    const std::string xml = oai(arguments);
    if (test.count == 0) {
      EXPECT_EQ(error_code_in(xml), "noRecordsMatch");
      if (!test.from.empty()) {
        EXPECT_THAT(xml, HasSubstr("from=\"" + test.from + "\""));
      }
    } else {
      EXPECT_EQ(identifiers_in(xml).size(), test.count) << xml;
    }
  }
}

TEST_F(OaiHandlerTest, ResumptionTokensPageThroughEveryList) {
  fill();
  records_per_page_ = 5;
  int requests = 0;
  EXPECT_EQ(harvest({{"verb", "ListRecords"}, {"metadataPrefix", "oai_dc"}}, &requests),
            public_ids());
  EXPECT_EQ(requests, 3);
  EXPECT_EQ(harvest({{"verb", "ListIdentifiers"}, {"metadataPrefix", "oai_dc"}}), public_ids());
  records_per_page_ = 1;
  handler_.reset();
  EXPECT_EQ(harvest({{"verb", "ListIdentifiers"}, {"metadataPrefix", "oai_dc"}}, &requests),
            public_ids());
  EXPECT_EQ(requests, 12);
  const auto sets = harvest({{"verb", "ListSets"}}, &requests);
  EXPECT_EQ(requests, 2);
}

TEST_F(OaiHandlerTest, ResumptionTokenShape) {
  fill();
  records_per_page_ = 5;
  std::string xml =
      oai({{"verb", "ListRecords"}, {"metadataPrefix", "oai_dc"}, {"from", "2026-11-01"}});
  EXPECT_THAT(xml, HasSubstr("<resumptionToken expirationDate=\"2026-12-02T00:00:00Z\" "
                             "completeListSize=\"12\" cursor=\"0\">"));
  const std::string token = token_in(xml);
  xml = oai({{"verb", "ListRecords"}, {"resumptionToken", token}});
  EXPECT_THAT(xml, HasSubstr("<request verb=\"ListRecords\" resumptionToken=\"" + token + "\">"));
  EXPECT_THAT(xml, HasSubstr("cursor=\"5\">"));
  xml = oai({{"verb", "ListRecords"}, {"resumptionToken", token_in(xml)}});
  // The last page ends the list with an empty token.
  EXPECT_THAT(xml, HasSubstr("<resumptionToken completeListSize=\"12\" cursor=\"10\"/>"));
  EXPECT_EQ(identifiers_in(xml).size(), 2U);
}

TEST_F(OaiHandlerTest, ResumptionTokenSurvivesARestart) {
  fill();
  records_per_page_ = 4;
  const std::string first = oai({{"verb", "ListRecords"}, {"metadataPrefix", "oai_dc"}});
  const std::string token = token_in(first);
  ASSERT_FALSE(token.empty());
  restart();
  const std::string second = oai({{"verb", "ListRecords"}, {"resumptionToken", token}});
  EXPECT_EQ(error_code_in(second), "") << second;
  std::vector<std::string> ids = identifiers_in(first);
  for (auto& id : identifiers_in(second)) ids.push_back(id);
  const auto expected = public_ids();
  EXPECT_EQ(ids, std::vector<std::string>(expected.begin(), expected.begin() + 8));
}

TEST_F(OaiHandlerTest, BadResumptionTokens) {
  fill();
  records_per_page_ = 4;
  const std::string token =
      token_in(oai({{"verb", "ListIdentifiers"}, {"metadataPrefix", "oai_dc"}}));
  ASSERT_FALSE(token.empty());
  struct Case {
    std::string_view label;
    Arguments arguments;
  } cases[] = {
      {"garbage", {{"verb", "ListRecords"}, {"resumptionToken", "garbage"}}},
      {"another verb", {{"verb", "ListRecords"}, {"resumptionToken", token}}},
      {"ListSets", {{"verb", "ListSets"}, {"resumptionToken", token}}},
      {"altered", {{"verb", "ListIdentifiers"}, {"resumptionToken", "A" + token}}},
  };
  for (const auto& test : cases) {
    SCOPED_TRACE(test.label);
    const std::string xml = oai(test.arguments);
    EXPECT_EQ(error_code_in(xml), "badResumptionToken");
    EXPECT_THAT(xml, HasSubstr("resumptionToken=\""));
  }
  // Expired a day later.
  now_ += 24 * 3600 + 1;
  EXPECT_EQ(error_code_in(oai({{"verb", "ListIdentifiers"}, {"resumptionToken", token}})),
            "badResumptionToken");
  // Another repository's key.
  now_ = kNow;
  ASSERT_OK(catalog_->set_setting(std::string(kTokenKeySetting), std::string(64, 'a')));
  restart();
  EXPECT_EQ(error_code_in(oai({{"verb", "ListIdentifiers"}, {"resumptionToken", token}})),
            "badResumptionToken");
}

TEST_F(OaiHandlerTest, ChangesDuringAHarvestAreNotLost) {
  fill();
  records_per_page_ = 5;
  std::string xml = oai({{"verb", "ListIdentifiers"}, {"metadataPrefix", "oai_dc"}});
  std::vector<std::string> ids = identifiers_in(xml);
  // A record already harvested changes: it comes again at the end (its new datestamp).
  record::Record changed = archival_item(id_of("mletter1"));
  changed.parent = id_of("mseries");
  put(stamped(changed, "2026-11-30T00:00:00Z"));
  std::string token = token_in(xml);
  while (!token.empty()) {
    xml = oai({{"verb", "ListIdentifiers"}, {"resumptionToken", token}});
    for (auto& id : identifiers_in(xml)) ids.push_back(id);
    token = token_in(xml);
  }
  EXPECT_EQ(ids.size(), public_ids().size() + 1);
  EXPECT_EQ(ids.back(), std::string(kPrefix) + id_of("mletter1"));
}

TEST_F(OaiHandlerTest, BadVerbAndBadArgumentEchoNoArguments) {
  fill();
  struct Case {
    Arguments arguments;
    std::string code;
  } cases[] = {
      {{}, "badVerb"},
      {{{"verb", "Harvest"}}, "badVerb"},
      {{{"verb", "Identify"}, {"verb", "Identify"}}, "badVerb"},
      {{{"verb", "Identify"}, {"extra", "1"}}, "badArgument"},
      {{{"verb", "ListRecords"}}, "badArgument"},
      {{{"verb", "ListRecords"}, {"metadataPrefix", "oai_dc"}, {"from", "2002-06-01T03:020:00Z"}},
       "badArgument"},
      {{{"verb", "ListRecords"}, {"metadataPrefix", "oai_dc"}, {"until", "<script>"}},
       "badArgument"},
      {{{"verb", "GetRecord"}, {"identifier", "x"}}, "badArgument"},
  };
  for (const auto& test : cases) {
    const std::string xml = oai(test.arguments);
    EXPECT_EQ(error_code_in(xml), test.code) << xml;
    EXPECT_THAT(xml, HasSubstr("<request>https://mura.example.kz/oai</request>"));
  }
}

TEST_F(OaiHandlerTest, CannotDisseminateAnUnknownFormatInLists) {
  fill();
  const std::string xml = oai({{"verb", "ListRecords"}, {"metadataPrefix", "marc21"}});
  EXPECT_EQ(error_code_in(xml), "cannotDisseminateFormat");
  EXPECT_THAT(xml, HasSubstr("<request verb=\"ListRecords\" metadataPrefix=\"marc21\">"));
}

TEST_F(OaiHandlerTest, EmptyRepositoryHasNoRecords) {
  EXPECT_EQ(error_code_in(oai({{"verb", "ListRecords"}, {"metadataPrefix", "oai_dc"}})),
            "noRecordsMatch");
  EXPECT_EQ(error_code_in(oai({{"verb", "ListIdentifiers"}, {"metadataPrefix", "datacite"}})),
            "noRecordsMatch");
  EXPECT_EQ(count_of(oai({{"verb", "ListMetadataFormats"}}), "<metadataFormat>"), 2);
}

TEST_F(OaiHandlerTest, EscapesEverythingTheRecordHolds) {
  record::Record tricky = archival_item(id_of("mtricky"));
  tricky.fields["title"] = {{"en", "</dc:title><evil/> & \"quotes\" \x01 control"}};
  put(stamped(tricky, "2026-11-01T00:00:00Z"));
  const std::string xml = oai({{"verb", "ListRecords"}, {"metadataPrefix", "oai_dc"}});
  EXPECT_THAT(xml,
              HasSubstr("&lt;/dc:title&gt;&lt;evil/&gt; &amp; \"quotes\" \xEF\xBF\xBD control"));
}

}  // namespace
}  // namespace mura::oai
