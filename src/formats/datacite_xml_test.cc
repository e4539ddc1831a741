#include "formats/datacite_xml.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "base/testing/status_matchers.h"
#include "formats/testing/sample_records.h"
#include "formats/testing/xml_schema.h"

namespace mura::formats {
namespace {

using ::mura::testing::StatusIs;
using testing::archival_item;
using ::testing::HasSubstr;
using ::testing::Not;
using testing::research_output;
using testing::schema_errors;

constexpr std::string_view kSchema = "datacite/kernel-4/metadata.xsd";

TEST(DataciteXmlTest, MapsEveryField) {
  ASSERT_OK_AND_ASSIGN(std::string xml, datacite_document(research_output(), {"Mura"}));
  for (std::string_view expected : {
           "<identifier identifierType=\"DOI\">10.48550/mura.2026.1</identifier>",
           "<alternateIdentifier alternateIdentifierType=\"ARK\">ark:/99999/mresearch1<",
           "<alternateIdentifier alternateIdentifierType=\"Local\">KZ-NAS-2026-17<",
           "<creator><creatorName xml:lang=\"kk\">Әбішев, Ақан</creatorName></creator>",
           "<creator><creatorName xml:lang=\"kk\">Сейітова, Гүлнар</creatorName></creator>",
           "<title xml:lang=\"kk\">Қазақ даласының климаты</title>",
           "<title titleType=\"TranslatedTitle\" xml:lang=\"en\">The climate of the Kazakh",
           "<title titleType=\"AlternativeTitle\" xml:lang=\"kk\">Дала &amp; ауа-райы &lt;",
           "<publisher xml:lang=\"kk\">Қазақстан Ұлттық ғылым академиясы</publisher>",
           "<publicationYear>2026</publicationYear>",
           "<resourceType resourceTypeGeneral=\"Dataset\">dataset</resourceType>",
           "<subject xml:lang=\"kk-Latn\">klimat</subject>",
           "<contributor contributorType=\"Other\"><contributorName xml:lang=\"en\">Institute",
           "<date dateType=\"Coverage\">1900/2000</date>",
           "<language>kk</language>",
           "relatedIdentifierType=\"DOI\" relationType=\"References\">10.5281/zenodo.123<",
           "relatedIdentifierType=\"URL\" relationType=\"References\">https://example.org/paper<",
           "<format>text/csv</format>",
           "<version>1.2</version>",
           "rightsURI=\"https://creativecommons.org/licenses/by/4.0/\"",
           "rightsURI=\"http://rightsstatements.org/vocab/InC/1.0/\"",
           "<description descriptionType=\"Abstract\" xml:lang=\"en\">Daily temperature "
           "\"series\"",
           "<geoLocation><geoLocationPlace xml:lang=\"en\">Kazakhstan</geoLocationPlace>",
           "<fundingReference><funderName>Ministry of Science",
       }) {
    EXPECT_THAT(xml, HasSubstr(std::string(expected)));
  }
  // The English creators repeat the same people; an unknown related identifier is left out.
  EXPECT_THAT(xml, Not(HasSubstr("Abishev")));
  EXPECT_THAT(xml, Not(HasSubstr("not an identifier we know")));
  EXPECT_EQ(schema_errors(xml, std::string(kSchema)), "") << xml;
}

TEST(DataciteXmlTest, MinimalRecordUsesArkAndFallbacks) {
  record::Record record;
  record.id = "ark:/99999/mminimal1";
  record.kind = record::Kind::kResearchOutput;
  record.fields["title"] = {{"ru", "Отчёт"}};
  record.created = "2025-01-02T03:04:05Z";
  ASSERT_OK_AND_ASSIGN(std::string xml, datacite_document(record, {"Mura repository"}));
  EXPECT_THAT(xml, HasSubstr("<identifier identifierType=\"ARK\">ark:/99999/mminimal1<"));
  EXPECT_THAT(xml, HasSubstr("<creatorName>:unav</creatorName>"));
  EXPECT_THAT(xml, HasSubstr("<publisher>Mura repository</publisher>"));
  EXPECT_THAT(xml, HasSubstr("<publicationYear>2025</publicationYear>"));
  EXPECT_THAT(xml, HasSubstr("resourceTypeGeneral=\"Other\""));
  EXPECT_THAT(xml, Not(HasSubstr("alternateIdentifiers")));
  EXPECT_EQ(schema_errors(xml, std::string(kSchema)), "") << xml;
}

TEST(DataciteXmlTest, BadValuesStayValid) {
  record::Record record = research_output();
  record.fields["doi"] = {{"", "doi: not-a-doi"}};
  record.fields["publication_year"] = {{"", "MMXXVI"}};
  record.fields["language"] = {{"", "Kazakh language"}};
  record.fields["title"] = {{"xx yy", "bad \x02 tag \xFF"}};
  record.fields["date"] = {{"", "19XX"}};
  ASSERT_OK_AND_ASSIGN(std::string xml, datacite_document(record, {}));
  EXPECT_THAT(xml, HasSubstr("identifierType=\"ARK\""));
  EXPECT_THAT(xml, HasSubstr("<publicationYear>2026</publicationYear>"));  // from created
  EXPECT_THAT(xml, Not(HasSubstr("<language>")));
  EXPECT_EQ(schema_errors(xml, std::string(kSchema)), "") << xml;
}

TEST(DataciteXmlTest, OnlyResearchOutputs) {
  EXPECT_THAT(datacite_document(archival_item(), {}), StatusIs(StatusCode::kFailedPrecondition));
  EXPECT_FALSE(has_datacite(archival_item()));
  EXPECT_TRUE(has_datacite(research_output()));
}

TEST(DataciteXmlTest, NormalizesDois) {
  struct Case {
    std::string_view input;
    std::string_view expected;
  } cases[] = {
      {"10.1234/abc", "10.1234/abc"},
      {" https://doi.org/10.1234/ABC.def ", "10.1234/ABC.def"},
      {"DOI:10.1000.10/xyz", "10.1000.10/xyz"},
      {"http://dx.doi.org/10.5/x", "10.5/x"},
      {"10.1234", ""},
      {"10./abc", ""},
      {"10.12a4/abc", ""},
      {"10.1234/", ""},
      {"10.1234/a b", ""},
      {"11.1234/abc", ""},
      {"", ""},
  };
  for (const auto& test : cases) {
    EXPECT_EQ(normalize_doi(test.input), test.expected) << test.input;
  }
}

}  // namespace
}  // namespace mura::formats
