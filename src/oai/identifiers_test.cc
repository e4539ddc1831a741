#include "oai/identifiers.h"

#include <gtest/gtest.h>

namespace mura::oai {
namespace {

TEST(RepositoryIdentifierTest, FromBaseUrls) {
  struct Case {
    std::string_view url;
    std::string_view expected;
  } cases[] = {
      {"https://mura.example.kz", "mura.example.kz"},
      {"https://Mura.Example.KZ:8443/oai", "mura.example.kz"},
      {"http://user@archive.gov.kz/x?y", "archive.gov.kz"},
      {"http://127.0.0.1:8080", kFallbackRepositoryIdentifier},
      {"http://localhost:8080", kFallbackRepositoryIdentifier},
      {"http://[::1]:8080", kFallbackRepositoryIdentifier},
      {"", kFallbackRepositoryIdentifier},
      {"https://1mura.kz", kFallbackRepositoryIdentifier},
      {"https://mura..kz", kFallbackRepositoryIdentifier},
  };
  for (const auto& test : cases) {
    EXPECT_EQ(repository_identifier_from_url(test.url), test.expected) << test.url;
  }
  EXPECT_TRUE(is_repository_identifier("a.b"));
  EXPECT_TRUE(is_repository_identifier("mura-1.gov.kz"));
  EXPECT_FALSE(is_repository_identifier("mura"));
  EXPECT_FALSE(is_repository_identifier("mura."));
  EXPECT_FALSE(is_repository_identifier("mura_x.kz"));
}

TEST(OaiIdentifierTest, BuildAndParse) {
  EXPECT_EQ(oai_identifier("mura.example.kz", "ark:/99999/mabc"),
            "oai:mura.example.kz:ark:/99999/mabc");
  EXPECT_EQ(record_id_from_oai_identifier("mura.example.kz", "oai:mura.example.kz:ark:/99999/mabc"),
            "ark:/99999/mabc");
  for (std::string_view bad : {"oai:other.kz:ark:/99999/mabc", "ark:/99999/mabc",
                               "oai:mura.example.kz:", "oai:mura.example.kz:ark:/99999/m b",
                               "oai:mura.example.kz:<script>", "oai:mura.example.kz:a\"b",
                               "oai:mura.example.kz:a\nb", "OAI:mura.example.kz:ark:/99999/m"}) {
    EXPECT_EQ(record_id_from_oai_identifier("mura.example.kz", bad), std::nullopt) << bad;
  }
  EXPECT_EQ(record_id_from_oai_identifier("x.y", "oai:x.y:" + std::string(600, 'a')), std::nullopt);
}

TEST(SetSpecTest, ComponentsRoundTrip) {
  EXPECT_EQ(set_component("ark:/99999/mabc"), "99999.mabc");
  EXPECT_EQ(collection_from_set_component("99999.mabc"), "ark:/99999/mabc");
  for (std::string_view id : {"ark:/99999/mabc", "ark:/12345/x9z"}) {
    auto component = set_component(id);
    ASSERT_TRUE(component.has_value());
    EXPECT_EQ(collection_from_set_component(*component), id);
  }
  for (std::string_view bad : {"mabc", "ark:/99999", "ark://mabc", "ark:/99999/m/abc",
                               "ark:/99.9/mabc", "ark:/99999/m abc", "ark:/99999/m:abc"}) {
    EXPECT_EQ(set_component(bad), std::nullopt) << bad;
  }
  for (std::string_view bad : {"mabc", ".mabc", "99999."}) {
    EXPECT_EQ(collection_from_set_component(bad), std::nullopt) << bad;
  }
  EXPECT_EQ(split_set_spec("a:b:c"), (std::vector<std::string_view>{"a", "b", "c"}));
  EXPECT_EQ(split_set_spec("a"), (std::vector<std::string_view>{"a"}));
}

}  // namespace
}  // namespace mura::oai
