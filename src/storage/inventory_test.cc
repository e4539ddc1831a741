#include "storage/inventory.h"

#include "base/digest.h"
#include "base/testing/status_matchers.h"

namespace mura::storage {
namespace {

using ::mura::testing::StatusIs;
using ::testing::HasSubstr;

Inventory sample() {
  Inventory inventory;
  inventory.id = "ark:/99999/mtest";
  inventory.manifest["d1"] = {"v1/content/a.txt"};
  inventory.manifest["d2"] = {"v2/content/b.txt"};
  VersionEntry v1{"2026-01-01T00:00:00Z", "first", "Alice", "mailto:alice@example.kz", {{"a.txt", "d1"}}};
  VersionEntry v2{"2026-01-02T00:00:00Z", "", "", "", {{"a.txt", "d1"}, {"copy.txt", "d1"}, {"b.txt", "d2"}}};
  inventory.versions = {v1, v2};
  return inventory;
}

TEST(InventoryTest, EncodeDecodeRoundTrip) {
  Inventory inventory = sample();
  std::string json = inventory.encode();
  EXPECT_THAT(json, HasSubstr("\"head\": \"v2\""));
  EXPECT_THAT(json, HasSubstr("\"digestAlgorithm\": \"sha512\""));
  ASSERT_OK_AND_ASSIGN(Inventory decoded, Inventory::decode(json));
  EXPECT_EQ(decoded.encode(), json);
  EXPECT_EQ(decoded.head(), 2);
  EXPECT_EQ(decoded.version(2).state.at("copy.txt"), "d1");
  EXPECT_EQ(decoded.version(1).user_address, "mailto:alice@example.kz");
  EXPECT_EQ(decoded.content_path_of("d2"), "v2/content/b.txt");
  EXPECT_EQ(decoded.content_path_of("nope"), "");
}

TEST(InventoryTest, SidecarIsTheSha512OfTheBytes) {
  EXPECT_EQ(sidecar_for("{}"), digest_hex(DigestAlgorithm::kSha512, "{}") + " inventory.json\n");
}

TEST(InventoryTest, MalformedInventoriesAreRejected) {
  const std::pair<const char*, const char*> cases[] = {
      {"[]", "not a JSON object"},
      {R"({"digestAlgorithm":"sha512"})", "no \"id\""},
      {R"({"id":"x","digestAlgorithm":"crc32","manifest":{},"versions":{},"head":"v1"})",
       "unsupported digestAlgorithm"},
      {R"({"id":"x","digestAlgorithm":"sha512","versions":{},"head":"v1"})", "no \"manifest\""},
      {R"({"id":"x","digestAlgorithm":"sha512","manifest":{},"versions":{},"head":"v1"})",
       "version 1 is missing"},
      {R"({"id":"x","digestAlgorithm":"sha512","manifest":{},"versions":{},"head":"one"})",
       "not a version name"},
  };
  for (const auto& [json, message] : cases) {
    EXPECT_THAT(Inventory::decode(json), StatusIs(StatusCode::kInvalidArgument, HasSubstr(message)))
        << json;
  }
}

}  // namespace
}  // namespace mura::storage
