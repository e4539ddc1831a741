#include "oai/request.h"

#include <gtest/gtest.h>

namespace mura::oai {
namespace {

struct Case {
  std::string_view label;
  Arguments arguments;
  std::optional<ErrorCode> error;  // std::nullopt: accepted
};

TEST(ParseRequestTest, EveryRuleOfTheProtocol) {
  const Case cases[] = {
      {"Identify", {{"verb", "Identify"}}, std::nullopt},
      {"no verb", {}, ErrorCode::kBadVerb},
      {"no verb, other arguments", {{"metadataPrefix", "oai_dc"}}, ErrorCode::kBadVerb},
      {"unknown verb", {{"verb", "ListEverything"}}, ErrorCode::kBadVerb},
      {"empty verb", {{"verb", ""}}, ErrorCode::kBadVerb},
      {"verb in the wrong case", {{"verb", "identify"}}, ErrorCode::kBadVerb},
      {"repeated verb", {{"verb", "Identify"}, {"verb", "Identify"}}, ErrorCode::kBadVerb},
      {"Identify with an argument", {{"verb", "Identify"}, {"set", "a"}}, ErrorCode::kBadArgument},
      {"ListMetadataFormats", {{"verb", "ListMetadataFormats"}}, std::nullopt},
      {"ListMetadataFormats for an item",
       {{"verb", "ListMetadataFormats"}, {"identifier", "oai:x.y:ark:/99999/m1"}},
       std::nullopt},
      {"ListMetadataFormats, empty identifier",
       {{"verb", "ListMetadataFormats"}, {"identifier", ""}},
       ErrorCode::kBadArgument},
      {"ListSets", {{"verb", "ListSets"}}, std::nullopt},
      {"ListSets resumed", {{"verb", "ListSets"}, {"resumptionToken", "abc"}}, std::nullopt},
      {"ListSets with a set", {{"verb", "ListSets"}, {"set", "a"}}, ErrorCode::kBadArgument},
      {"GetRecord",
       {{"verb", "GetRecord"}, {"identifier", "oai:x.y:1"}, {"metadataPrefix", "oai_dc"}},
       std::nullopt},
      {"GetRecord without metadataPrefix",
       {{"verb", "GetRecord"}, {"identifier", "oai:x.y:1"}},
       ErrorCode::kBadArgument},
      {"GetRecord without identifier",
       {{"verb", "GetRecord"}, {"metadataPrefix", "oai_dc"}},
       ErrorCode::kBadArgument},
      {"GetRecord with a resumptionToken",
       {{"verb", "GetRecord"}, {"resumptionToken", "abc"}},
       ErrorCode::kBadArgument},
      {"ListRecords", {{"verb", "ListRecords"}, {"metadataPrefix", "oai_dc"}}, std::nullopt},
      {"ListRecords without metadataPrefix", {{"verb", "ListRecords"}}, ErrorCode::kBadArgument},
      {"ListIdentifiers with every argument",
       {{"verb", "ListIdentifiers"},
        {"metadataPrefix", "oai_dc"},
        {"from", "2026-01-01"},
        {"until", "2026-12-31"},
        {"set", "99999.ma:99999.mb"}},
       std::nullopt},
      {"ListRecords with an unknown argument",
       {{"verb", "ListRecords"}, {"metadataPrefix", "oai_dc"}, {"format", "x"}},
       ErrorCode::kBadArgument},
      {"ListRecords with identifier",
       {{"verb", "ListRecords"}, {"metadataPrefix", "oai_dc"}, {"identifier", "x"}},
       ErrorCode::kBadArgument},
      {"repeated metadataPrefix",
       {{"verb", "ListRecords"}, {"metadataPrefix", "oai_dc"}, {"metadataPrefix", "oai_dc"}},
       ErrorCode::kBadArgument},
      {"repeated set",
       {{"verb", "ListRecords"}, {"metadataPrefix", "oai_dc"}, {"set", "a"}, {"set", "b"}},
       ErrorCode::kBadArgument},
      {"resumptionToken alone", {{"verb", "ListRecords"}, {"resumptionToken", "t"}}, std::nullopt},
      {"resumptionToken and metadataPrefix",
       {{"verb", "ListRecords"}, {"resumptionToken", "t"}, {"metadataPrefix", "oai_dc"}},
       ErrorCode::kBadArgument},
      {"empty resumptionToken",
       {{"verb", "ListRecords"}, {"resumptionToken", ""}},
       ErrorCode::kBadArgument},
      {"metadataPrefix with a space",
       {{"verb", "ListRecords"}, {"metadataPrefix", "oai dc"}},
       ErrorCode::kBadArgument},
      {"set with a slash",
       {{"verb", "ListRecords"}, {"metadataPrefix", "oai_dc"}, {"set", "ark:/99999/m"}},
       ErrorCode::kBadArgument},
      {"set with an empty component",
       {{"verb", "ListRecords"}, {"metadataPrefix", "oai_dc"}, {"set", "a::b"}},
       ErrorCode::kBadArgument},
      {"set ending in a colon",
       {{"verb", "ListRecords"}, {"metadataPrefix", "oai_dc"}, {"set", "a:"}},
       ErrorCode::kBadArgument},
      {"from as a day",
       {{"verb", "ListRecords"}, {"metadataPrefix", "x"}, {"from", "2024-02-29"}},
       std::nullopt},
      {"from to the second",
       {{"verb", "ListRecords"}, {"metadataPrefix", "x"}, {"from", "2026-11-28T10:00:59Z"}},
       std::nullopt},
      {"not a leap day",
       {{"verb", "ListRecords"}, {"metadataPrefix", "x"}, {"from", "2026-02-29"}},
       ErrorCode::kBadArgument},
      {"month 13",
       {{"verb", "ListRecords"}, {"metadataPrefix", "x"}, {"from", "2026-13-01"}},
       ErrorCode::kBadArgument},
      {"minute granularity",
       {{"verb", "ListRecords"}, {"metadataPrefix", "x"}, {"from", "2026-11-28T10:00Z"}},
       ErrorCode::kBadArgument},
      {"fractions of a second",
       {{"verb", "ListRecords"}, {"metadataPrefix", "x"}, {"until", "2026-11-28T10:00:00.5Z"}},
       ErrorCode::kBadArgument},
      {"time zone offset",
       {{"verb", "ListRecords"}, {"metadataPrefix", "x"}, {"until", "2026-11-28T10:00:00+05:00"}},
       ErrorCode::kBadArgument},
      {"hour 24",
       {{"verb", "ListRecords"}, {"metadataPrefix", "x"}, {"until", "2026-11-28T24:00:00Z"}},
       ErrorCode::kBadArgument},
      {"the spec's bad until",
       {{"verb", "ListRecords"}, {"metadataPrefix", "x"}, {"until", "2002-06-01T03:020:00Z"}},
       ErrorCode::kBadArgument},
      {"words",
       {{"verb", "ListRecords"}, {"metadataPrefix", "x"}, {"from", "yesterday"}},
       ErrorCode::kBadArgument},
      {"mixed granularities",
       {{"verb", "ListRecords"},
        {"metadataPrefix", "x"},
        {"from", "2026-01-01"},
        {"until", "2026-12-31T00:00:00Z"}},
       ErrorCode::kBadArgument},
      {"from after until",
       {{"verb", "ListRecords"},
        {"metadataPrefix", "x"},
        {"from", "2026-12-31"},
        {"until", "2026-01-01"}},
       ErrorCode::kBadArgument},
      {"from equal to until",
       {{"verb", "ListRecords"},
        {"metadataPrefix", "x"},
        {"from", "2026-12-31"},
        {"until", "2026-12-31"}},
       std::nullopt},
  };
  for (const auto& test : cases) {
    SCOPED_TRACE(test.label);
    const auto parsed = parse_request(test.arguments);
    if (test.error) {
      ASSERT_FALSE(parsed.has_value());
      EXPECT_EQ(parsed.error().code, *test.error) << parsed.error().message;
      EXPECT_FALSE(parsed.error().message.empty());
    } else {
      EXPECT_TRUE(parsed.has_value()) << parsed.error().message;
    }
  }
}

TEST(ParseRequestTest, DaysBecomeInclusiveBoundsToTheSecond) {
  auto parsed = parse_request({{"verb", "ListIdentifiers"},
                               {"metadataPrefix", "oai_dc"},
                               {"from", "2026-11-01"},
                               {"until", "2026-11-28"}});
  ASSERT_TRUE(parsed.has_value());
  EXPECT_EQ(parsed->verb, Verb::kListIdentifiers);
  EXPECT_EQ(parsed->from, "2026-11-01");
  EXPECT_EQ(parsed->range, (DateRange{"2026-11-01T00:00:00Z", "2026-11-28T23:59:59Z"}));
  parsed = parse_request(
      {{"verb", "ListRecords"}, {"metadataPrefix", "oai_dc"}, {"until", "2026-11-28T10:00:00Z"}});
  ASSERT_TRUE(parsed.has_value());
  EXPECT_EQ(parsed->range, (DateRange{"", "2026-11-28T10:00:00Z"}));
}

TEST(ParseRequestTest, NamesAndCodes) {
  for (Verb verb : {Verb::kIdentify, Verb::kListMetadataFormats, Verb::kListSets, Verb::kGetRecord,
                    Verb::kListIdentifiers, Verb::kListRecords}) {
    EXPECT_EQ(parse_verb(verb_name(verb)), verb);
  }
  EXPECT_EQ(error_code_name(ErrorCode::kBadArgument), "badArgument");
  EXPECT_EQ(error_code_name(ErrorCode::kBadResumptionToken), "badResumptionToken");
  EXPECT_EQ(error_code_name(ErrorCode::kBadVerb), "badVerb");
  EXPECT_EQ(error_code_name(ErrorCode::kCannotDisseminateFormat), "cannotDisseminateFormat");
  EXPECT_EQ(error_code_name(ErrorCode::kIdDoesNotExist), "idDoesNotExist");
  EXPECT_EQ(error_code_name(ErrorCode::kNoRecordsMatch), "noRecordsMatch");
  EXPECT_EQ(error_code_name(ErrorCode::kNoMetadataFormats), "noMetadataFormats");
  EXPECT_EQ(error_code_name(ErrorCode::kNoSetHierarchy), "noSetHierarchy");
}

TEST(DatestampTest, RecognisesSecondGranularity) {
  EXPECT_TRUE(is_datestamp("2026-11-28T10:00:00Z"));
  EXPECT_TRUE(is_datestamp("2024-02-29T23:59:59Z"));
  for (std::string_view bad :
       {"2026-11-28", "2026-11-28T10:00:00", "2026-11-28T10:00:00.1Z", "2026-02-29T10:00:00Z",
        "2026-11-28T10:60:00Z", "2026-11-28 10:00:00Z", "xxxx-11-28T10:00:00Z", ""}) {
    EXPECT_FALSE(is_datestamp(bad)) << bad;
  }
}

TEST(DatestampTest, FromCatalogTimestamps) {
  EXPECT_EQ(to_datestamp("2026-11-28T10:00:00Z"), "2026-11-28T10:00:00Z");
  EXPECT_EQ(to_datestamp("2026-11-28T10:00:00.123Z"), "2026-11-28T10:00:00Z");
  EXPECT_EQ(to_datestamp("2026-11-28"), "2026-11-28T00:00:00Z");
  EXPECT_EQ(to_datestamp("2026-11-28T10:00:00"), std::nullopt);
  EXPECT_EQ(to_datestamp("2026-11-28T10:00:00.Z"), std::nullopt);
  EXPECT_EQ(to_datestamp("2026-11-28T10:00:00.1xZ"), std::nullopt);
  EXPECT_EQ(to_datestamp(""), std::nullopt);
  EXPECT_EQ(to_datestamp("never"), std::nullopt);
}

TEST(SyntaxTest, MetadataPrefixesAndSetSpecs) {
  EXPECT_TRUE(is_metadata_prefix("oai_dc"));
  EXPECT_TRUE(is_metadata_prefix("datacite"));
  EXPECT_FALSE(is_metadata_prefix(""));
  EXPECT_FALSE(is_metadata_prefix("a:b"));
  EXPECT_TRUE(is_set_spec("99999.mabc"));
  EXPECT_TRUE(is_set_spec("99999.ma:99999.mb:c"));
  EXPECT_FALSE(is_set_spec(""));
  EXPECT_FALSE(is_set_spec(":a"));
  EXPECT_FALSE(is_set_spec("a b"));
  EXPECT_FALSE(is_set_spec("a/b"));
}

}  // namespace
}  // namespace mura::oai
