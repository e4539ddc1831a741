#include "search/schema.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "search/cursor.h"
#include "search/snippet.h"
#include "search/stored_record.h"

namespace mura::search {
namespace {

using ::testing::ElementsAre;

TEST(Schema, BuildsTermsWithTheirPrefixes) {
  struct Case {
    Form form;
    std::optional<Field> field;
    std::string term;
  };
  const Case cases[] = {
      {Form::kSurface, std::nullopt, "абай"},      {Form::kStem, std::nullopt, "Zабай"},
      {Form::kLoose, std::nullopt, "Labai"},       {Form::kLooseStem, std::nullopt, "Mabai"},
      {Form::kSurface, Field::kTitle, "XTабай"},   {Form::kStem, Field::kCreator, "ZXAабай"},
      {Form::kLoose, Field::kFullText, "LXFabai"}, {Form::kLooseStem, Field::kPlace, "MXPabai"},
  };
  for (const auto& c : cases) {
    const std::string word = c.form == Form::kLoose || c.form == Form::kLooseStem ? "abai" : "абай";
    EXPECT_EQ(word_term(c.form, word, c.field), c.term);
  }
  EXPECT_EQ(facet_term(Facet::kKind, "artwork"), "Fkind:artwork");
  EXPECT_EQ(ancestor_term("ark:/99999/c1"), "Hark:/99999/c1");
  EXPECT_EQ(id_term("ark:/99999/c1"), "Qark:/99999/c1");
  // Long values stay distinct and within Xapian's term limit.
  const std::string long_a = std::string(300, 'a') + "1";
  const std::string long_b = std::string(300, 'a') + "2";
  EXPECT_LT(facet_term(Facet::kCreator, long_a).size(), 245u);
  EXPECT_NE(facet_term(Facet::kCreator, long_a), facet_term(Facet::kCreator, long_b));
}

TEST(Schema, MapsRecordFieldsToSearchFields) {
  struct Case {
    std::string record_field;
    std::optional<Field> field;
  };
  const Case cases[] = {
      {"title", Field::kTitle},
      {"alternative_name", Field::kTitle},
      {"scope_and_content", Field::kDescription},
      {"biography", Field::kDescription},
      {"creator", Field::kCreator},
      {"curator", Field::kCreator},
      {"subject", Field::kSubject},
      {"material", Field::kSubject},
      {"place", Field::kPlace},
      {"reference_code", Field::kIdentifier},
      {"inventory_number", Field::kIdentifier},
      {"extent", Field::kOther},
      {"date", std::nullopt},
      {"creator_agent", std::nullopt},
      {"language", std::nullopt},
  };
  for (const auto& c : cases) EXPECT_EQ(search_field_of(c.record_field), c.field) << c.record_field;
  EXPECT_TRUE(is_identifier_field("doi"));
  EXPECT_FALSE(is_identifier_field("title"));
  EXPECT_EQ(parse_field("title"), Field::kTitle);
  EXPECT_EQ(parse_field("text"), Field::kFullText);
  EXPECT_EQ(parse_field("other"), std::nullopt);
  EXPECT_EQ(parse_facet("has_images"), Facet::kHasImages);
  EXPECT_EQ(parse_facet("colour"), std::nullopt);
  EXPECT_EQ(title_slot("kk-Latn"), kSlotTitleKazakh);
  EXPECT_EQ(title_slot("ru"), kSlotTitleRussian);
}

TEST(Schema, PacksFacetValues) {
  const std::vector<FacetValue> values = {
      {Facet::kKind, "", "artwork"},
      {Facet::kCreator, "kk", "Абай"},
      {Facet::kCreator, "en", "Abai"},
      {Facet::kCreator, "de", "Abai K."},
      {Facet::kRights, "", "http://rightsstatements.org/vocab/InC/1.0/"},
      {Facet::kRights, "", "https://example.org/licence"},
      {Facet::kDecade, "", "1910"},
      {Facet::kDecade, "", "1920"},
      {Facet::kCentury, "", "1900"},
      {Facet::kPlace, "ru", "Семей\x1e\x1f"},
  };
  const std::string packed = pack_facets(values);
  EXPECT_EQ(packed.find("rightsstatements"), std::string::npos);  // abbreviated
  auto unpacked = unpack_facets(packed);
  ASSERT_EQ(unpacked.size(), 10u);
  EXPECT_EQ(unpacked[1], values[1]);
  EXPECT_EQ(unpacked[3], values[3]);
  EXPECT_EQ(unpacked[4], values[4]);
  EXPECT_EQ(unpacked[5], values[5]);
  EXPECT_EQ(unpacked[6].value, "Семей");  // separators are dropped
  // Decades and centuries come back from the span, after the other values.
  EXPECT_EQ(unpacked[7], (FacetValue{Facet::kDecade, "", "1910"}));
  EXPECT_EQ(unpacked[8], (FacetValue{Facet::kDecade, "", "1920"}));
  EXPECT_EQ(unpacked[9], (FacetValue{Facet::kCentury, "", "1900"}));
  EXPECT_TRUE(unpack_facets("").empty());
  EXPECT_TRUE(unpack_facets("garbage").empty());
}

TEST(Schema, DecadesAndCenturiesOfASpan) {
  EXPECT_THAT(decades_of(1916, 1916), ElementsAre("1910"));
  EXPECT_THAT(decades_of(1895, 1912), ElementsAre("1890", "1900", "1910"));
  EXPECT_THAT(decades_of(-15, -5), ElementsAre("-20", "-10"));
  EXPECT_THAT(centuries_of(1880, 2003), ElementsAre("1800", "1900", "2000"));
  EXPECT_TRUE(decades_of(1000, 1900).empty());  // longer than kMaxHistogramSpan
  EXPECT_TRUE(decades_of(1920, 1910).empty());
  EXPECT_THAT(language_preference("ru"), ElementsAre("ru", "kk", "kk-Latn", "en"));
  EXPECT_THAT(language_preference(""), ElementsAre("kk", "kk-Latn", "ru", "en"));
}

TEST(Schema, StoredRecordsRoundTrip) {
  StoredRecord stored;
  stored.id = "ark:/99999/a1";
  stored.kind = "artwork";
  stored.titles = {{"kk", "Жайлау"}, {"en", "Summer pasture"}};
  stored.texts = {{"description", {"kk", "Сипаттама"}}};
  stored.has_images = true;
  stored.files.grants = {"public"};
  stored.files.open_from = "2099-01-01";
  auto decoded = StoredRecord::decode(stored.encode());
  ASSERT_TRUE(decoded.has_value());
  EXPECT_EQ(*decoded, stored);
  EXPECT_EQ(stored.title_for("en").value, "Summer pasture");
  EXPECT_EQ(stored.title_for("ru").value, "Жайлау");
  EXPECT_EQ(stored.title_for("kk-Latn").value, "Jailau");
  EXPECT_EQ(StoredRecord::decode("{").error().code(), StatusCode::kDataLoss);
  EXPECT_EQ(StoredRecord::decode("{\"id\": 1}").error().code(), StatusCode::kDataLoss);
  EXPECT_EQ(cut_utf8("жайлау", 3), "ж");
}

TEST(Schema, CursorsCarryTheirSearch) {
  const std::string cursor = encode_cursor(40, fingerprint_of("абай"));
  EXPECT_EQ(decode_cursor(cursor, fingerprint_of("абай")).value(), 40);
  EXPECT_FALSE(decode_cursor(cursor, fingerprint_of("abai")).has_value());
  EXPECT_FALSE(decode_cursor("not a cursor!", 0).has_value());
  EXPECT_FALSE(decode_cursor("", 0).has_value());
  EXPECT_EQ(
      cursor.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"),
      std::string::npos);
}

TEST(Snippet, CutsAroundTheMatchesAndEscapes) {
  QueryWords words;
  words.words = {"abay"};
  const Highlighter highlighter(words, "kk");
  std::string text;
  for (int i = 0; i < 60; ++i) text += "сөз ";
  text += "Абайдың <өлеңі>";
  for (int i = 0; i < 60; ++i) text += " сөз";
  const Snippet snippet = highlighter.snippet(text, "kk", 120);
  EXPECT_EQ(snippet.matches, 1u);
  EXPECT_TRUE(snippet.html.starts_with("… "));
  EXPECT_TRUE(snippet.html.ends_with(" …"));
  EXPECT_NE(snippet.html.find("<mark>Абайдың</mark> &lt;өлеңі&gt;"), std::string::npos);
  EXPECT_LT(snippet.html.size(), 200u);
  EXPECT_EQ(highlighter.snippet("жоқ", "kk").html, "жоқ");
  EXPECT_EQ(escape_html("<a href='x'>&</a>"), "&lt;a href=&#39;x&#39;&gt;&amp;&lt;/a&gt;");
}

}  // namespace
}  // namespace mura::search
