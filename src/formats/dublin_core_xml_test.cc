#include "formats/dublin_core_xml.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "formats/testing/sample_records.h"
#include "formats/testing/xml_schema.h"

namespace mura::formats {
namespace {

using testing::archival_item;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;
using testing::research_output;
using testing::schema_errors;
using testing::shipped_profiles;

TEST(DublinCoreXmlTest, SampleRecordsAreValidAgainstTheirProfiles) {
  EXPECT_THAT(shipped_profiles().validate(archival_item()), IsEmpty());
  EXPECT_THAT(shipped_profiles().validate(research_output()), IsEmpty());
}

TEST(DublinCoreXmlTest, MapsLanguageTaggedFields) {
  const auto values = dublin_core_values(archival_item(), shipped_profiles(),
                                         "https://mura.example.kz/ark:/99999/mletter01");
  const std::string xml = oai_dc_document(values);
  EXPECT_THAT(xml, HasSubstr("<dc:identifier>https://mura.example.kz/ark:/99999/mletter01"
                             "</dc:identifier>"));
  EXPECT_THAT(xml, HasSubstr("<dc:title xml:lang=\"kk\">Хат</dc:title>"));
  EXPECT_THAT(xml, HasSubstr("<dc:title xml:lang=\"kk-Latn\">Hat</dc:title>"));
  EXPECT_THAT(xml, HasSubstr("<dc:title xml:lang=\"en\">A letter &lt;draft&gt;</dc:title>"));
  EXPECT_THAT(xml, HasSubstr("<dc:description xml:lang=\"ru\">Письмо о \"земле\" &amp; воде"));
  EXPECT_THAT(xml, HasSubstr("<dc:identifier>KZ-ERT-212/1/7</dc:identifier>"));
  EXPECT_THAT(xml, HasSubstr("<dc:date>1916-05-19</dc:date>"));
  EXPECT_THAT(xml, HasSubstr("<dc:rights>http://rightsstatements.org/vocab/NoC-US/1.0/"));
  // The identifier comes first, values without a language carry no xml:lang.
  EXPECT_LT(xml.find("dc:identifier"), xml.find("dc:title"));
  EXPECT_THAT(xml, Not(HasSubstr("<dc:date xml:lang")));
}

TEST(DublinCoreXmlTest, DocumentsValidateAgainstOaiDcSchema) {
  for (const auto& record : {archival_item(), research_output()}) {
    SCOPED_TRACE(record.id);
    const std::string xml = oai_dc_document(
        dublin_core_values(record, shipped_profiles(), "https://mura.example.kz/" + record.id));
    EXPECT_EQ(schema_errors(xml, "oai-pmh/oai_dc.xsd"), "") << xml;
  }
}

TEST(DublinCoreXmlTest, BadValuesStayWellFormedAndValid) {
  DublinCoreValues values = {
      {"title", {"k k", "language tag with a space is dropped"}},
      {"title", {"en", "control \x01 and broken \xC3 UTF-8"}},
      {"description", {"", "]]> <![CDATA[ & &amp;"}},
      {"not_dublin_core", {"", "skipped"}},
  };
  const std::string xml = oai_dc_document(values);
  EXPECT_THAT(xml, Not(HasSubstr("skipped")));
  EXPECT_THAT(xml, HasSubstr("<dc:title>language tag with a space is dropped</dc:title>"));
  EXPECT_THAT(xml, HasSubstr("]]&gt; &lt;![CDATA[ &amp; &amp;amp;"));
  EXPECT_EQ(schema_errors(xml, "oai-pmh/oai_dc.xsd"), "") << xml;
}

TEST(DublinCoreXmlTest, EmptyRecordIsAnEmptyValidContainer) {
  const std::string xml = oai_dc_document({});
  EXPECT_THAT(xml, HasSubstr("<oai_dc:dc "));
  EXPECT_THAT(xml, HasSubstr("/>"));
  EXPECT_EQ(schema_errors(xml, "oai-pmh/oai_dc.xsd"), "") << xml;
}

TEST(DublinCoreXmlTest, SchemaCheckRejectsAnInvalidDocument) {
  // The validation used above can fail: an element outside Dublin Core is refused.
  EXPECT_THAT(schema_errors("<oai_dc:dc xmlns:oai_dc=\"http://www.openarchives.org/OAI/2.0/"
                            "oai_dc/\"><title/></oai_dc:dc>",
                            "oai-pmh/oai_dc.xsd"),
              Not(IsEmpty()));
}

}  // namespace
}  // namespace mura::formats
