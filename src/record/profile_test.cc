#include "record/profile.h"

#include <cstdlib>
#include <functional>

#include "base/memory_file_system.h"
#include "base/posix_file_system.h"
#include "base/testing/status_matchers.h"

namespace mura::record {
namespace {

using ::mura::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

constexpr Kind kAllKinds[] = {Kind::kCollection,     Kind::kArchivalUnit, Kind::kMuseumObject,
                              Kind::kResearchOutput, Kind::kArtwork,      Kind::kLegalAct,
                              Kind::kAgent};

const ProfileSet& shipped() {
  static const ProfileSet* set = [] {
    auto loaded = ProfileSet::load(default_file_system(), default_profile_directory());
    if (!loaded) {
      ADD_FAILURE() << loaded.error().to_string();
      std::abort();
    }
    return new ProfileSet(std::move(*loaded));
  }();
  return *set;
}

TEST(ProfileTest, LoadsTheShippedProfiles) {
  ASSERT_OK(ProfileSet::load(default_file_system(), default_profile_directory()));
  for (Kind kind : kAllKinds) {
    SCOPED_TRACE(kind_name(kind));
    const Profile& profile = shipped().profile(kind);
    EXPECT_EQ(profile.kind, kind);
    for (std::string_view language : kLabelLanguages) {
      EXPECT_FALSE(profile.label.at(std::string(language)).empty());
    }
    ASSERT_NE(profile.field("title"), nullptr);
    EXPECT_TRUE(profile.field("title")->required);
    EXPECT_TRUE(profile.field("title")->multilingual);
    EXPECT_EQ(profile.field("title")->dc_element, "title");
    EXPECT_NE(profile.field("identifier"), nullptr) << "the sheet stores its key there";
    EXPECT_TRUE(profile.field("description") != nullptr || profile.field("biography") != nullptr);
    for (const auto& field : profile.fields) {
      if (field.type != FieldType::kTerm) continue;
      for (const auto& value : field.values) {
        EXPECT_TRUE(field.value_labels.contains(value)) << field.name << " " << value;
      }
    }
  }
  const Profile& museum = shipped().profile(Kind::kMuseumObject);
  EXPECT_EQ(museum.label.at("kk"), "Мұражай заты");
  EXPECT_EQ(museum.label.at("kk-Latn"), "Mūrajai zaty");
  const FieldDefinition* inventory = museum.field("inventory_number");
  ASSERT_NE(inventory, nullptr);
  EXPECT_EQ(inventory->type, FieldType::kIdentifier);
  EXPECT_TRUE(inventory->required);
  EXPECT_EQ(inventory->dc_element, "identifier");
  EXPECT_EQ(museum.field("colour"), nullptr);
  const FieldDefinition* resource_type = shipped().profile(Kind::kResearchOutput).field("resource_type");
  ASSERT_NE(resource_type, nullptr);
  EXPECT_THAT(resource_type->values,
              ElementsAre("dataset", "article", "thesis", "report", "software", "other"));
  EXPECT_EQ(resource_type->value_labels.at("dataset").at("ru"), "Набор данных");
}

TEST(ProfileTest, DefaultDirectoryFollowsMuraDataDir) {
  const char* previous = std::getenv("MURA_DATA_DIR");
  std::string saved = previous != nullptr ? previous : "";
  ::setenv("MURA_DATA_DIR", "/opt/mura/data", 1);
  EXPECT_EQ(default_profile_directory(), "/opt/mura/data/profiles");
  ::unsetenv("MURA_DATA_DIR");
  EXPECT_THAT(default_profile_directory(), ::testing::EndsWith("/data/profiles"));
  if (previous != nullptr) ::setenv("MURA_DATA_DIR", saved.c_str(), 1);
}

TEST(ProfileTest, LanguageTags) {
  for (const char* tag : {"kk", "kk-Latn", "ru", "en", "en-GB", "zh-Hant-TW", "kk-Arab-CN"}) {
    EXPECT_TRUE(is_language_tag(tag)) << tag;
  }
  for (const char* tag : {"", "k", "kk_Latn", "kk-", "-kk", "kk--Latn", "1k", "kk-Latinscript",
                          "қаз"}) {
    EXPECT_FALSE(is_language_tag(tag)) << tag;
  }
}

Record museum_sample() {
  Record record;
  record.id = "ark:/99999/mtest0001x";
  record.kind = Kind::kMuseumObject;
  record.fields["title"] = {{"kk", "Сырмақ"}, {"kk-Latn", "Syrmaq"}, {"ru", "Сырмак"},
                            {"en", "Syrmak felt carpet"}};
  record.fields["inventory_number"] = {{"", "ЕӨМ КП-1024"}};
  record.fields["object_name"] = {{"kk", "сырмақ"}, {"en", "felt carpet"}};
  record.fields["number_of_objects"] = {{"", "1"}};
  record.fields["date"] = {{"", "1920/1930"}};
  record.fields["material"] = {{"en", "felt"}, {"en", "wool yarn"}};
  record.fields["dimensions"] = {{"", "310 × 182 cm"}};
  record.fields["description"] = {{"kk", "Қошқар мүйіз өрнекті сырмақ."},
                                  {"en", "A felt carpet with ram's-horn ornament."}};
  record.fields["provenance"] = {{"en", "Bought from the maker's family, 1968."}};
  record.rights = "http://rightsstatements.org/vocab/NoC-NC/1.0/";
  return record;
}

Record research_sample() {
  Record record;
  record.kind = Kind::kResearchOutput;
  record.fields["title"] = {{"en", "Ornament motifs of felt carpets"}};
  record.fields["resource_type"] = {{"", "dataset"}};
  record.fields["creator"] = {{"kk-Latn", "Säuleṭova, Aigerım"}};
  record.fields["publisher"] = {{"en", "Ertis Regional Museum"}};
  record.fields["publication_year"] = {{"", "2024"}};
  record.fields["license"] = {{"", "https://creativecommons.org/licenses/by/4.0/"}};
  return record;
}

Record archival_sample() {
  Record record;
  record.kind = Kind::kArchivalUnit;
  record.level = "item";
  record.fields["title"] = {{"ru", "Письмо брату"}};
  record.fields["reference_code"] = {{"", "KZ ERT 212/1/3"}};
  record.fields["date"] = {{"", "1916-05-19"}};
  return record;
}

struct ValidationCase {
  const char* name;
  std::function<Record()> make;
  // Substrings of the one expected problem; nullptr for a valid record.
  const char* problem;
};

TEST(ProfileTest, ValidationFindsEachKindOfProblem) {
  const ValidationCase cases[] = {
      {"museum sample", museum_sample, nullptr},
      {"research sample", research_sample, nullptr},
      {"archival sample", archival_sample, nullptr},
      {"other BCP 47 tag", [] { auto r = museum_sample(); r.fields["title"].push_back({"de", "Filzteppich"}); return r; }, nullptr},
      {"one value per language", [] { auto r = museum_sample(); r.fields["description"].push_back({"ru", "Сырмак."}); return r; }, nullptr},
      {"unknown field",
       [] { auto r = museum_sample(); r.fields["colour"] = {{"en", "red"}}; return r; },
       "field \"colour\": is not a field of the museum_object profile; its fields are title, "},
      {"required identifier missing",
       [] { auto r = museum_sample(); r.fields.erase("inventory_number"); return r; },
       "field \"inventory_number\": is required; give a value"},
      {"required title only blank",
       [] { auto r = archival_sample(); r.fields["title"] = {}; return r; },
       "field \"title\": is required; give at least one value tagged with a language (kk, kk-Latn, ru, en)"},
      {"required reference code missing",
       [] { auto r = archival_sample(); r.fields.erase("reference_code"); return r; },
       "field \"reference_code\": is required"},
      {"two values in a single-valued field",
       [] { auto r = museum_sample(); r.fields["dimensions"].push_back({"", "1 × 2 m"}); return r; },
       "field \"dimensions\": 2 values; the field takes one value"},
      {"two values in one language",
       [] { auto r = museum_sample(); r.fields["description"].push_back({"en", "Another."}); return r; },
       "field \"description\": 2 values in \"en\"; the field takes one value per language"},
      {"language tag on a plain field",
       [] { auto r = museum_sample(); r.fields["dimensions"] = {{"en", "310 × 182 cm"}}; return r; },
       "field \"dimensions\": \"310 × 182 cm\" is tagged \"en\", but the field takes values without a language tag"},
      {"missing language tag",
       [] { auto r = museum_sample(); r.fields["material"].push_back({"", "киіз"}); return r; },
       "field \"material\": \"киіз\" has no language tag; the field is multilingual"},
      {"malformed language tag",
       [] { auto r = museum_sample(); r.fields["title"].push_back({"kk_Latn", "Syrmaq"}); return r; },
       "field \"title\": \"kk_Latn\" is not a BCP 47 language tag"},
      {"empty value",
       [] { auto r = museum_sample(); r.fields["subject"] = {{"kk", "  "}}; return r; },
       "field \"subject\": has an empty value"},
      {"term not in the list",
       [] { auto r = research_sample(); r.fields["resource_type"] = {{"", "paper"}}; return r; },
       "field \"resource_type\": \"paper\" is not one of dataset, article, thesis, report, software, other"},
      {"not an integer",
       [] { auto r = museum_sample(); r.fields["number_of_objects"] = {{"", "two"}}; return r; },
       "field \"number_of_objects\": \"two\" is not an integer"},
      {"year with a letter O",
       [] { auto r = research_sample(); r.fields["publication_year"] = {{"", "2O24"}}; return r; },
       "field \"publication_year\": \"2O24\" is not an integer"},
      {"not an EDTF date",
       [] { auto r = archival_sample(); r.fields["date"] = {{"", "19 мамыр"}}; return r; },
       "field \"date\": \"19 мамыр\" is not an EDTF date"},
      {"impossible day",
       [] { auto r = archival_sample(); r.fields["date"] = {{"", "1916-02-30"}}; return r; },
       "field \"date\": \"1916-02-30\" is not an EDTF date"},
      {"not a URI",
       [] { auto r = research_sample(); r.fields["license"] = {{"", "CC BY 4.0"}}; return r; },
       "field \"license\": \"CC BY 4.0\" is not an absolute URI"},
      {"identifier with spaces around",
       [] { auto r = museum_sample(); r.fields["inventory_number"] = {{"", " КП-1024"}}; return r; },
       "field \"inventory_number\": \" КП-1024\" has surrounding spaces or control characters"},
      {"reference with a line break",
       [] { auto r = museum_sample(); r.fields["creator_agent"] = {{"", "ark:/99999/a\nb"}}; return r; },
       "field \"creator_agent\": "},
      {"archival level unknown",
       [] { auto r = archival_sample(); r.level = "box"; return r; },
       "level: \"box\" is not an archival level; expected fonds, sub-fonds, series, sub-series, file, item"},
      {"archival level missing",
       [] { auto r = archival_sample(); r.level = ""; return r; },
       "level: is required for an archival unit"},
      {"level on a museum object",
       [] { auto r = museum_sample(); r.level = "item"; return r; },
       "level: \"item\" is set on a record of kind museum_object"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    std::vector<std::string> problems = shipped().validate(c.make());
    if (c.problem == nullptr) {
      EXPECT_THAT(problems, IsEmpty());
    } else {
      EXPECT_THAT(problems, ElementsAre(HasSubstr(c.problem)));
    }
  }
}

TEST(ProfileTest, ValidationReportsEveryProblem) {
  Record record = research_sample();
  record.fields.erase("publisher");
  record.fields["publication_year"] = {{"", "next year"}};
  record.fields["colour"] = {{"", "red"}};
  EXPECT_EQ(shipped().validate(record).size(), 3u);
}

using DcPair = std::pair<std::string, LanguageValue>;

TEST(ProfileTest, DublinCoreInProfileOrderWithTypeAndRights) {
  EXPECT_THAT(
      shipped().dublin_core(museum_sample()),
      ElementsAre(DcPair{"title", {"kk", "Сырмақ"}}, DcPair{"title", {"kk-Latn", "Syrmaq"}},
                  DcPair{"title", {"ru", "Сырмак"}}, DcPair{"title", {"en", "Syrmak felt carpet"}},
                  DcPair{"identifier", {"", "ЕӨМ КП-1024"}}, DcPair{"type", {"kk", "сырмақ"}},
                  DcPair{"type", {"en", "felt carpet"}}, DcPair{"date", {"", "1920/1930"}},
                  DcPair{"format", {"en", "felt"}}, DcPair{"format", {"en", "wool yarn"}},
                  DcPair{"format", {"", "310 × 182 cm"}},
                  DcPair{"description", {"kk", "Қошқар мүйіз өрнекті сырмақ."}},
                  DcPair{"description", {"en", "A felt carpet with ram's-horn ornament."}},
                  DcPair{"type", {"", "PhysicalObject"}},
                  DcPair{"rights", {"", "http://rightsstatements.org/vocab/NoC-NC/1.0/"}}));
}

TEST(ProfileTest, DublinCoreTypeOfArchivalUnitsDependsOnLevel) {
  Record item = archival_sample();
  EXPECT_THAT(shipped().dublin_core(item),
              ElementsAre(DcPair{"title", {"ru", "Письмо брату"}},
                          DcPair{"identifier", {"", "KZ ERT 212/1/3"}},
                          DcPair{"date", {"", "1916-05-19"}}));
  Record series = archival_sample();
  series.level = "series";
  EXPECT_EQ(shipped().dublin_core(series).back(), (DcPair{"type", {"", "Collection"}}));
}

TEST(ProfileTest, DublinCoreOfResearchOutputUsesLicenceAndYear) {
  auto elements = shipped().dublin_core(research_sample());
  EXPECT_THAT(elements, ::testing::Contains(DcPair{"date", {"", "2024"}}));
  EXPECT_THAT(elements, ::testing::Contains(DcPair{"type", {"", "dataset"}}));
  EXPECT_THAT(elements, ::testing::Contains(DcPair{
                            "rights", {"", "https://creativecommons.org/licenses/by/4.0/"}}));
}

constexpr const char* kMinimalProfile = R"({"kind": "%KIND%",
  "label": {"kk": "а", "kk-Latn": "a", "ru": "а", "en": "a"},
  "fields": [{"name": "title", "type": "text", "required": true, "multilingual": true,
              "dc": "title", "label": {"kk": "Атауы", "kk-Latn": "Atauy", "ru": "Название", "en": "Title"}}]})";

std::string minimal_profile(std::string_view kind) {
  std::string text = kMinimalProfile;
  text.replace(text.find("%KIND%"), 6, kind);
  return text;
}

// A profile whose second field is `field` (JSON text).
std::string profile_with_field(const std::string& field) {
  std::string text = minimal_profile("artwork");
  text.insert(text.rfind(']'), ", " + field);
  return text;
}

constexpr const char* kLabel = R"("label": {"kk": "х", "kk-Latn": "h", "ru": "х", "en": "x"})";

struct BadProfile {
  std::string json;
  std::string message;
};

TEST(ProfileTest, BadProfileDocumentsNameTheKey) {
  const std::string label = kLabel;
  const BadProfile cases[] = {
      {"{\"kind\": ", "p.json: not valid JSON"},
      {"[]", "p.json: must be a JSON object"},
      {R"({"label": {}, "fields": []})", "p.json: \"kind\" is required"},
      {R"({"kind": "statue"})", "p.json: \"kind\" is \"statue\"; expected collection,"},
      {R"({"kind": "agent", "colour": 1})", "p.json: \"colour\" is not a known key"},
      {R"({"kind": "agent", "label": {"kk": "а", "ru": "а", "en": "a"}})",
       "p.json: \"label.kk-Latn\" is required"},
      {R"({"kind": "agent", "label": {"kk": "а", "kk-Latn": "a", "ru": "а", "en": ""}})",
       "p.json: \"label.en\" must be a non-empty string"},
      {R"({"kind": "agent", "label": {"kk": "а", "kk-Latn": "a", "ru": "а", "en": "a"}})",
       "p.json: \"fields\" must be a non-empty array"},
      {profile_with_field(R"({"name": "x", "type": "colour", )" + label + "}"),
       "p.json: \"fields[1].type\" is \"colour\"; expected one of text, edtf, identifier, uri, "
       "term, integer, reference"},
      {profile_with_field(R"({"name": "x", )" + label + "}"), "p.json: \"fields[1].type\" is required"},
      {profile_with_field(R"({"name": "x", "type": "text", "requried": true, )" + label + "}"),
       "p.json: \"fields[1].requried\" is not a known key"},
      {profile_with_field(R"({"name": "x", "type": "text", "required": "yes", )" + label + "}"),
       "p.json: \"fields[1].required\" must be true or false"},
      {profile_with_field(R"({"name": "Colour", "type": "text", )" + label + "}"),
       "p.json: \"fields[1].name\" is \"Colour\"; expected lower-case letters"},
      {profile_with_field(R"({"name": "parent", "type": "text", )" + label + "}"),
       "p.json: \"fields[1].name\" is \"parent\", a name reserved"},
      {profile_with_field(R"({"name": "title", "type": "text", )" + label + "}"),
       "p.json: \"fields[1].name\" repeats the field name \"title\""},
      {profile_with_field(R"({"name": "x", "type": "text", "dc": "author", )" + label + "}"),
       "p.json: \"fields[1].dc\" is \"author\"; expected one of the 15 Dublin Core elements"},
      {profile_with_field(R"({"name": "x", "type": "edtf", "multilingual": true, )" + label + "}"),
       "p.json: \"fields[1].multilingual\" is true on a field of type edtf"},
      {profile_with_field(R"({"name": "x", "type": "term", )" + label + "}"),
       "p.json: \"fields[1].values\" must be a non-empty array of the allowed terms"},
      {profile_with_field(R"({"name": "x", "type": "term", "values": ["a", "a"], )" + label + "}"),
       "p.json: \"fields[1].values[1]\" repeats the term \"a\""},
      {profile_with_field(R"({"name": "x", "type": "text", "values": ["a"], )" + label + "}"),
       "p.json: \"fields[1].values\" is only for fields of type term"},
      {profile_with_field(R"({"name": "x", "type": "term", "values": ["a"], "value_labels": {"b": {}}, )" +
                          label + "}"),
       "p.json: \"fields[1].value_labels.b\" labels a term that is not in values"},
      {profile_with_field(R"({"name": "x", "type": "text"})"),
       "p.json: \"fields[1].label\" is required"},
      {R"({"kind": "agent", "label": {"kk": "а", "kk-Latn": "a", "ru": "а", "en": "a"},
          "fields": [{"name": "name", "type": "text", )" + label + "}]}",
       "p.json: \"fields\" must define \"title\" as a required multilingual text field"},
      {R"({"kind": "agent", )" + label + R"(, "dc_type_by_level": {"item": ""}})",
       "p.json: \"dc_type_by_level\" is only for the archival_unit profile"},
      {R"({"kind": "archival_unit", )" + label + R"(, "dc_type_by_level": {"box": ""}})",
       "p.json: \"dc_type_by_level.box\" is not an archival level"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.json);
    EXPECT_THAT(parse_profile(c.json, "p.json"),
                StatusIs(StatusCode::kInvalidArgument, HasSubstr(c.message)));
  }
  EXPECT_OK(parse_profile(minimal_profile("artwork"), "p.json"));
}

class ProfileDirectoryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_OK(create_directories(fs_, "/profiles"));
    for (Kind kind : kAllKinds) {
      std::string name(kind_name(kind));
      ASSERT_OK(write_file(fs_, "/profiles/" + name + ".json", minimal_profile(name)));
    }
  }
  MemoryFileSystem fs_;
};

TEST_F(ProfileDirectoryTest, LoadsOneProfilePerKindAndIgnoresOtherFiles) {
  ASSERT_OK(write_file(fs_, "/profiles/README.md", "not a profile"));
  ASSERT_OK(create_directories(fs_, "/profiles/old.json"));
  ASSERT_OK_AND_ASSIGN(ProfileSet set, ProfileSet::load(fs_, "/profiles"));
  EXPECT_EQ(set.profile(Kind::kAgent).kind, Kind::kAgent);
  EXPECT_EQ(set.profile(Kind::kAgent).fields.size(), 1u);
}

TEST_F(ProfileDirectoryTest, ErrorsNameTheFileAndKey) {
  ASSERT_OK(write_file(fs_, "/profiles/agent.json", "{\"kind\": \"agent\", \"fields\": ["));
  EXPECT_THAT(ProfileSet::load(fs_, "/profiles"),
              StatusIs(StatusCode::kInvalidArgument, HasSubstr("/profiles/agent.json: not valid JSON")));

  ASSERT_OK(write_file(fs_, "/profiles/agent.json", profile_with_field(R"({"name": "x", "type": "colour"})")));
  EXPECT_THAT(ProfileSet::load(fs_, "/profiles"),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("/profiles/agent.json: \"fields[1].type\" is \"colour\"")));

  ASSERT_OK(write_file(fs_, "/profiles/agent.json", R"({"fields": []})"));
  EXPECT_THAT(ProfileSet::load(fs_, "/profiles"),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("/profiles/agent.json: \"kind\" is required")));
}

TEST_F(ProfileDirectoryTest, EveryKindNeedsExactlyOneProfile) {
  ASSERT_OK(fs_.remove_file("/profiles/agent.json"));
  ASSERT_OK(fs_.remove_file("/profiles/legal_act.json"));
  EXPECT_THAT(ProfileSet::load(fs_, "/profiles"),
              StatusIs(StatusCode::kFailedPrecondition,
                       HasSubstr("no profile for the kind(s) legal_act, agent")));

  ASSERT_OK(write_file(fs_, "/profiles/agent.json", minimal_profile("agent")));
  ASSERT_OK(write_file(fs_, "/profiles/legal_act.json", minimal_profile("legal_act")));
  ASSERT_OK(write_file(fs_, "/profiles/people.json", minimal_profile("agent")));
  EXPECT_THAT(ProfileSet::load(fs_, "/profiles"),
              StatusIs(StatusCode::kFailedPrecondition,
                       HasSubstr("/profiles/people.json: \"kind\" is \"agent\", already defined by "
                                 "/profiles/agent.json")));
}

TEST_F(ProfileDirectoryTest, MissingDirectoryIsNotFound) {
  EXPECT_THAT(ProfileSet::load(fs_, "/nowhere"), StatusIs(StatusCode::kNotFound));
}

}  // namespace
}  // namespace mura::record
