// Tests of the OCFL validator on hand-built objects and storage roots in memory, for the codes
// the conformance fixtures (tests/conformance/ocfl_fixtures_test.cc) do not reach, and of its
// parsers of dates, URIs, paths and version names.
#include "storage/ocfl_validator.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "base/digest.h"
#include "base/memory_file_system.h"
#include "base/testing/status_matchers.h"
#include "storage/ocfl_validator_internal.h"

namespace mura::storage {
namespace {

using Json = nlohmann::json;
using ::testing::ElementsAre;
using ::testing::IsEmpty;
using Files = std::map<std::string, std::string>;  // logical path -> bytes
using Edit = std::function<void(Json&)>;

// The codes of a report, sorted and without repetition.
std::set<std::string> codes_of(const ValidationReport& report) {
  std::set<std::string> codes;
  for (const auto& issue : report.issues) codes.insert(issue.code);
  return codes;
}

void put(FileSystem& fs, const std::string& path, const std::string& data) {
  ASSERT_OK(create_directories(fs, parent_path(path)));
  ASSERT_OK(write_file(fs, path, data));
}

// Writes an inventory and its sidecar (in the algorithm the inventory names, sha512 otherwise).
void put_inventory(FileSystem& fs, const std::string& directory, const Json& inventory) {
  std::string text = inventory.dump(2);
  std::string algorithm = "sha512";
  if (inventory.contains("digestAlgorithm") && inventory["digestAlgorithm"].is_string() &&
      parse_digest_algorithm(inventory["digestAlgorithm"].get<std::string>())) {
    algorithm = inventory["digestAlgorithm"].get<std::string>();
  }
  put(fs, directory + "/inventory.json", text);
  put(fs, directory + "/inventory.json." + algorithm,
      digest_hex(*parse_digest_algorithm(algorithm), text) + "  inventory.json\n");
}

// A small OCFL object: its versions by their full state. Content is deduplicated and stored in
// the version that first holds it, as a conforming writer would.
struct TestObject {
  std::string id = "urn:mura:test-1";
  std::string spec = "1.1";
  std::vector<Files> versions = {{{"record.json", "{}"}, {"files/a.txt", "alpha"}}};

  Json inventory(std::size_t version_count) const {
    Json manifest = Json::object();
    Json versions_block = Json::object();
    for (std::size_t i = 0; i < version_count; ++i) {
      std::string name = "v" + std::to_string(i + 1);
      Json state = Json::object();
      for (const auto& [logical, bytes] : versions[i]) {
        std::string digest = digest_hex(DigestAlgorithm::kSha512, bytes);
        if (!manifest.contains(digest)) manifest[digest] = {name + "/content/" + logical};
        state[digest].push_back(logical);
      }
      versions_block[name] = {
          {"created", "2024-05-01T10:00:0" + std::to_string(i) + "Z"},
          {"message", "version " + std::to_string(i + 1)},
          {"user", {{"name", "Archivist"}, {"address", "mailto:archivist@example.org"}}},
          {"state", state}};
    }
    return {{"id", id},
            {"type", "https://ocfl.io/" + spec + "/spec/#inventory"},
            {"digestAlgorithm", "sha512"},
            {"head", "v" + std::to_string(version_count)},
            {"manifest", manifest},
            {"versions", versions_block}};
  }

  // Writes the object at `root`; `edit` changes every inventory before it is written.
  void write(FileSystem& fs, const std::string& root, const Edit& edit = nullptr) const {
    put(fs, root + "/0=ocfl_object_" + spec, "ocfl_object_" + spec + "\n");
    std::set<std::string> stored;
    for (std::size_t i = 0; i < versions.size(); ++i) {
      std::string name = "v" + std::to_string(i + 1);
      for (const auto& [logical, bytes] : versions[i]) {
        if (stored.insert(digest_hex(DigestAlgorithm::kSha512, bytes)).second) {
          put(fs, root + "/" + name + "/content/" + logical, bytes);
        }
      }
      Json version_inventory = inventory(i + 1);
      if (edit) edit(version_inventory);
      put_inventory(fs, root + "/" + name, version_inventory);
    }
    Json root_inventory = inventory(versions.size());
    if (edit) edit(root_inventory);
    put_inventory(fs, root, root_inventory);
  }
};

TEST(OcflValidatorTest, WellFormedObjectHasNoIssue) {
  MemoryFileSystem fs;
  TestObject object;
  object.versions.push_back({{"record.json", "{\"v\":2}"}, {"files/a.txt", "alpha"}});
  object.versions.push_back({{"record.json", "{\"v\":2}"}, {"files/b/c.txt", "alpha"}});
  object.write(fs, "/store/obj");
  ValidationReport report = validate_object(fs, "/store/obj");
  EXPECT_THAT(report.issues, IsEmpty()) << report.to_text();
  EXPECT_TRUE(report.valid());
}

TEST(OcflValidatorTest, Ocfl10ObjectIsCheckedByTheOcfl10Rules) {
  MemoryFileSystem fs;
  TestObject object;
  object.spec = "1.0";
  // A manifest entry that no state uses is E107 in OCFL 1.1 but was allowed by 1.0.
  object.write(fs, "/obj", [](Json& inventory) {
    inventory["manifest"][std::string(128, 'a')] = {"v1/content/unused.txt"};
  });
  put(fs, "/obj/v1/content/unused.txt", "unused");
  ValidationReport report = validate_object(fs, "/obj", {.check_digests = false});
  EXPECT_THAT(codes_of(report), IsEmpty()) << report.to_text();
}

struct InventoryCase {
  std::string name;
  Edit edit;
  std::set<std::string> codes;  // exactly the codes expected
};

class InventoryEditTest : public ::testing::TestWithParam<InventoryCase> {};

TEST_P(InventoryEditTest, ReportsTheSpecificationCode) {
  MemoryFileSystem fs;
  TestObject().write(fs, "/obj", GetParam().edit);
  ValidationReport report = validate_object(fs, "/obj");
  EXPECT_EQ(codes_of(report), GetParam().codes) << report.to_text();
}

const std::string kRecordDigest = digest_hex(DigestAlgorithm::kSha512, "{}");

INSTANTIATE_TEST_SUITE_P(
    Inventory, InventoryEditTest,
    ::testing::Values(
        InventoryCase{"UnknownKey", [](Json& i) { i["extra"] = 1; }, {"E102"}},
        InventoryCase{"UnknownVersionKey", [](Json& i) { i["versions"]["v1"]["note"] = "x"; },
                      {"E102"}},
        InventoryCase{"UnknownUserKey",
                      [](Json& i) { i["versions"]["v1"]["user"]["email"] = "x"; }, {"E102"}},
        InventoryCase{"WrongType", [](Json& i) { i["type"] = "https://ocfl.io/2.0/spec/#inventory"; },
                      {"E038"}},
        InventoryCase{"TypeOfOtherVersion",
                      [](Json& i) { i["type"] = "https://ocfl.io/1.0/spec/#inventory"; }, {"E038"}},
        InventoryCase{"MissingType", [](Json& i) { i.erase("type"); }, {"E036"}},
        InventoryCase{"IdNotString", [](Json& i) { i["id"] = 7; }, {"E037"}},
        InventoryCase{"IdNotUri", [](Json& i) { i["id"] = "record 1"; }, {"W005"}},
        InventoryCase{"DigestAlgorithmNotString", [](Json& i) { i["digestAlgorithm"] = 512; },
                      {"E025"}},
        InventoryCase{"ContentDirectoryDotDot", [](Json& i) { i["contentDirectory"] = ".."; },
                      {"E018"}},
        InventoryCase{"ContentDirectoryNotString", [](Json& i) { i["contentDirectory"] = 1; },
                      {"E017"}},
        InventoryCase{"ManifestNotObject", [](Json& i) { i["manifest"] = Json::array(); },
                      {"E106", "E050", "E023"}},
        InventoryCase{"ManifestEntryNotArray",
                      [](Json& i) { i["manifest"][kRecordDigest] = "v1/content/record.json"; },
                      {"E092", "E023"}},
        InventoryCase{"ManifestKeyNotDigest",
                      [](Json& i) {
                        i["manifest"]["xyz"] = {"v1/content/other.txt"};
                        i["versions"]["v1"]["state"]["xyz"] = {"other.txt"};
                      },
                      {"E039", "E092"}},
        InventoryCase{"ContentPathOutsideContentDirectory",
                      [](Json& i) { i["manifest"][kRecordDigest] = {"v1/record.json"}; },
                      {"E042", "E023"}},
        InventoryCase{"ConflictingContentPaths",
                      [](Json& i) {
                        i["manifest"][std::string(128, 'b')] = {"v1/content/files"};
                        i["versions"]["v1"]["state"][std::string(128, 'b')] = {"other"};
                      },
                      {"E101", "E092"}},
        InventoryCase{"VersionsNotObject", [](Json& i) { i["versions"] = Json::array(); },
                      {"E044"}},
        InventoryCase{"VersionsMissing", [](Json& i) { i.erase("versions"); }, {"E041"}},
        InventoryCase{"VersionNotObject", [](Json& i) { i["versions"]["v1"] = "v1"; },
                      {"E047"}},
        InventoryCase{"VersionStartsAtTwo",
                      [](Json& i) {
                        i["versions"]["v2"] = i["versions"]["v1"];
                        i["versions"].erase("v1");
                        i["head"] = "v2";
                      },
                      {"E009", "E010", "E042", "E046"}},
        InventoryCase{"MixedPadding",
                      [](Json& i) {
                        i["versions"]["v02"] = i["versions"]["v1"];
                        i["head"] = "v02";
                      },
                      {"E012", "E010", "E040"}},
        InventoryCase{"CreatedMissing", [](Json& i) { i["versions"]["v1"].erase("created"); },
                      {"E048"}},
        InventoryCase{"CreatedWithoutSeconds",
                      [](Json& i) { i["versions"]["v1"]["created"] = "2024-05-01T10:00Z"; },
                      {"E049"}},
        InventoryCase{"StateMissing", [](Json& i) { i["versions"]["v1"].erase("state"); },
                      {"E048"}},
        InventoryCase{"LogicalPathNotString",
                      [](Json& i) { i["versions"]["v1"]["state"][kRecordDigest] = {1}; },
                      {"E051", "E107"}},
        InventoryCase{"UserWithoutName",
                      [](Json& i) { i["versions"]["v1"]["user"].erase("name"); }, {"E054"}},
        InventoryCase{"UserAddressNotUri",
                      [](Json& i) { i["versions"]["v1"]["user"]["address"] = "someone"; },
                      {"W009"}},
        InventoryCase{"MessageMissing", [](Json& i) { i["versions"]["v1"].erase("message"); },
                      {"W007"}},
        InventoryCase{"UserAddressMissing",
                      [](Json& i) { i["versions"]["v1"]["user"].erase("address"); }, {"W008"}},
        InventoryCase{"FixityNotObject", [](Json& i) { i["fixity"] = "md5"; }, {"E111"}},
        InventoryCase{"FixityUnknownAlgorithm",
                      [](Json& i) { i["fixity"] = {{"crc32", Json::object()}}; }, {"E056"}},
        InventoryCase{"FixityPathNotInManifest",
                      [](Json& i) {
                        i["fixity"] = {{"md5", {{std::string(32, 'c'), {"v1/content/x"}}}}};
                      },
                      {"E057"}},
        InventoryCase{"FixityRightDigests",
                      [](Json& i) {
                        i["fixity"] = {
                            {"md5", {{digest_hex(DigestAlgorithm::kMd5, "{}"),
                                      {"v1/content/record.json"}}}},
                            {"blake2b-384", {{std::string(96, 'd'), {"v1/content/record.json"}}}}};
                      },
                      {}},
        InventoryCase{"FixityWrongDigest",
                      [](Json& i) {
                        i["fixity"] = {
                            {"sha1", {{std::string(40, 'e'), {"v1/content/record.json"}}}}};
                      },
                      {"E093"}}),
    [](const auto& test_info) { return test_info.param.name; });

TEST(OcflValidatorTest, InvalidJsonIsE033) {
  for (std::string text : {"{", "[1, 2]", "{\"id\": \"a\", \"id\": \"b\"}", "{} // comment"}) {
    MemoryFileSystem fs;
    TestObject().write(fs, "/obj");
    put(fs, "/obj/inventory.json", text);
    ValidationReport report = validate_object(fs, "/obj");
    EXPECT_TRUE(report.has_code("E033")) << text << "\n" << report.to_text();
    EXPECT_FALSE(report.valid());
  }
}

TEST(OcflValidatorTest, DeclarationProblems) {
  struct Case {
    std::string file, content, code;
  };
  for (const auto& c : {Case{"0=ocfl_object_2.0", "ocfl_object_2.0\n", "E004"},
                        Case{"0=ocfl_1.1", "ocfl_1.1\n", "E006"},
                        Case{"0=ocfl_object_1.1", "ocfl_object_1.1", "E007"}}) {
    MemoryFileSystem fs;
    TestObject().write(fs, "/obj");
    ASSERT_OK(fs.remove_file("/obj/0=ocfl_object_1.1"));
    put(fs, "/obj/" + c.file, c.content);
    ValidationReport report = validate_object(fs, "/obj");
    EXPECT_TRUE(report.has_code(c.code)) << c.file << "\n" << report.to_text();
  }
  MemoryFileSystem fs;
  TestObject().write(fs, "/obj");
  put(fs, "/obj/0=ocfl_object_1.0", "ocfl_object_1.0\n");
  EXPECT_TRUE(validate_object(fs, "/obj").has_code("E003"));  // two declarations
}

TEST(OcflValidatorTest, MissingObjectRootIsReportedNotFailed) {
  MemoryFileSystem fs;
  ValidationReport report = validate_object(fs, "/nowhere");
  ASSERT_EQ(report.issues.size(), 1u);
  EXPECT_EQ(report.issues[0].code, "E003");
  EXPECT_EQ(report.issues[0].path, ".");
}

TEST(OcflValidatorTest, ContentDirectoryProblems) {
  MemoryFileSystem fs;
  TestObject().write(fs, "/obj");
  ASSERT_OK(fs.create_directory("/obj/v1/content/empty"));
  EXPECT_THAT(codes_of(validate_object(fs, "/obj")), ElementsAre("E024"));

  MemoryFileSystem empty_fs;
  TestObject object;
  object.versions = {{}};
  object.write(empty_fs, "/obj");
  ASSERT_OK(create_directories(empty_fs, "/obj/v1/content"));
  EXPECT_THAT(codes_of(validate_object(empty_fs, "/obj")), ElementsAre("W003"));
}

TEST(OcflValidatorTest, VersionInventoryThatIsADirectoryIsE034) {
  MemoryFileSystem fs;
  TestObject().write(fs, "/obj");
  ASSERT_OK(fs.remove_file("/obj/v1/inventory.json"));
  ASSERT_OK(fs.remove_file("/obj/v1/inventory.json.sha512"));
  ASSERT_OK(fs.create_directory("/obj/v1/inventory.json"));
  EXPECT_THAT(codes_of(validate_object(fs, "/obj")), ElementsAre("E034"));
}

TEST(OcflValidatorTest, DigestsAreCheckedOnlyWhenAsked) {
  MemoryFileSystem fs;
  TestObject().write(fs, "/obj");
  put(fs, "/obj/v1/content/files/a.txt", "bit rot");
  ValidationReport full = validate_object(fs, "/obj");
  ASSERT_EQ(full.issues.size(), 1u) << full.to_text();
  EXPECT_EQ(full.issues[0].code, "E092");
  EXPECT_EQ(full.issues[0].path, "v1/content/files/a.txt");
  EXPECT_TRUE(validate_object(fs, "/obj", {.check_digests = false}).valid());
}

TEST(OcflValidatorTest, ReportRendersAsTextAndJson) {
  ValidationReport report;
  report.issues.push_back({Severity::kError, "E040", "inventory.json", "head is wrong."});
  report.issues.push_back({Severity::kWarning, "W004", "v1/inventory.json", "sha256 is used."});
  EXPECT_FALSE(report.valid());
  EXPECT_EQ(report.error_count(), 1u);
  EXPECT_EQ(report.warning_count(), 1u);
  EXPECT_EQ(report.to_text(),
            "E040 inventory.json: head is wrong.\nW004 v1/inventory.json: sha256 is used.\n");
  Json json = Json::parse(report.to_json());
  EXPECT_EQ(json["valid"], false);
  EXPECT_EQ(json["errors"], 1);
  EXPECT_EQ(json["warnings"], 1);
  ASSERT_EQ(json["issues"].size(), 2u);
  EXPECT_EQ(json["issues"][1], (Json{{"severity", "warning"},
                                     {"code", "W004"},
                                     {"path", "v1/inventory.json"},
                                     {"message", "sha256 is used."}}));
  EXPECT_TRUE(ValidationReport{}.valid());
  EXPECT_EQ(Json::parse(ValidationReport{}.to_json())["issues"], Json::array());
}

// ---- Storage roots.

constexpr char kLayoutJson[] =
    R"({"extension": "0004-hashed-n-tuple-storage-layout", "description": "hashed"})";

// The path of "object-01" under the default 0004 configuration, from the extension's text.
constexpr char kObject01Path[] =
    "3c0/ff4/240/3c0ff4240c1e116dba14c7627f2319b58aa3d77606d0d90dfc6161608ac987d4";

// The object root of `id` under the default 0004 configuration: sha256, three tuples of three.
std::string hashed_path(const std::string& id) {
  std::string digest = digest_hex(DigestAlgorithm::kSha256, id);
  return digest.substr(0, 3) + "/" + digest.substr(3, 3) + "/" + digest.substr(6, 3) + "/" + digest;
}

const std::string kObjectId = "ark:/99999/mr4kz7q2";

void put_storage_root(FileSystem& fs, const std::string& root, const std::string& config = "") {
  put(fs, root + "/0=ocfl_1.1", "ocfl_1.1\n");
  put(fs, root + "/ocfl_layout.json", kLayoutJson);
  if (!config.empty()) {
    put(fs, root + "/extensions/0004-hashed-n-tuple-storage-layout/config.json", config);
  }
}

TEST(OcflStorageRootTest, GoodRootWithHashedNTupleLayout) {
  MemoryFileSystem fs;
  put_storage_root(fs, "/root",
                   R"({"extensionName": "0004-hashed-n-tuple-storage-layout",
                       "digestAlgorithm": "sha256", "tupleSize": 3, "numberOfTuples": 3,
                       "shortObjectRoot": false})");
  put(fs, "/root/ocfl_1.1.md", "the specification, kept beside the data\n");  // ignored (E087)
  TestObject object;
  object.id = "object-01";
  object.write(fs, std::string("/root/") + kObject01Path);
  TestObject other;
  other.id = "..hor/rib:le-$id";
  other.write(fs,
              "/root/487/326/d8c/"
              "487326d8c2a3c0b885e23da1469b4d6671fd4e76978924b4443e9e3c316cda6d");
  ValidationReport report = validate_storage_root(fs, "/root");
  // The ids of the extension's examples are not URIs, which is only a warning.
  EXPECT_THAT(codes_of(report), ElementsAre("W005")) << report.to_text();
  EXPECT_TRUE(validate_path(fs, "/root").valid());
}

TEST(OcflStorageRootTest, ShortObjectRootConfiguration) {
  MemoryFileSystem fs;
  put_storage_root(fs, "/root",
                   R"({"extensionName": "0004-hashed-n-tuple-storage-layout",
                       "digestAlgorithm": "md5", "tupleSize": 2, "numberOfTuples": 15,
                       "shortObjectRoot": true})");
  TestObject object;
  object.id = "object-01";
  object.write(fs, "/root/ff/75/53/44/92/48/5e/ab/b3/9f/86/35/67/28/88/4e");
  ValidationReport report = validate_storage_root(fs, "/root");
  EXPECT_THAT(codes_of(report), ElementsAre("W005")) << report.to_text();
}

TEST(OcflStorageRootTest, ObjectAtTheWrongPathIsE083) {
  MemoryFileSystem fs;
  put_storage_root(fs, "/root");  // no config.json: the extension's defaults
  TestObject object;
  object.id = "urn:object-02";
  object.write(fs, std::string("/root/") + kObject01Path);
  ValidationReport report = validate_storage_root(fs, "/root");
  EXPECT_THAT(codes_of(report), ElementsAre("E083")) << report.to_text();
  EXPECT_EQ(report.issues[0].path, kObject01Path);
}

TEST(OcflStorageRootTest, MissingDeclarationIsE069) {
  MemoryFileSystem fs;
  put_storage_root(fs, "/root");
  ASSERT_OK(fs.remove_file("/root/0=ocfl_1.1"));
  TestObject object;
  object.id = kObjectId;
  object.write(fs, "/root/" + hashed_path(kObjectId));
  EXPECT_THAT(codes_of(validate_storage_root(fs, "/root")), ElementsAre("E069"));
}

TEST(OcflStorageRootTest, ObjectIssuesArePrefixedWithTheObjectPath) {
  MemoryFileSystem fs;
  put_storage_root(fs, "/root");
  TestObject object;
  object.id = kObjectId;
  object.write(fs, "/root/" + hashed_path(kObjectId));
  put(fs, "/root/" + hashed_path(kObjectId) + "/stray.txt", "x");
  ValidationReport report = validate_storage_root(fs, "/root");
  ASSERT_EQ(report.issues.size(), 1u) << report.to_text();
  EXPECT_EQ(report.issues[0].code, "E001");
  EXPECT_EQ(report.issues[0].path, hashed_path(kObjectId) + "/stray.txt");
}

TEST(OcflStorageRootTest, HierarchyProblems) {
  MemoryFileSystem fs;
  put(fs, "/root/0=ocfl_1.1", "ocfl_1.1\n");
  TestObject().write(fs, "/root/a/object");
  put(fs, "/root/a/stray.txt", "x");                                    // E084
  ASSERT_OK(create_directories(fs, "/root/a/empty"));                   // E073
  put(fs, "/root/b/c/orphan.txt", "x");                                 // E084, and E085 for b
  TestObject().write(fs, "/root/d");                                    // same id again: E037
  put(fs, "/root/extensions/notes.txt", "x");                           // E112
  ASSERT_OK(create_directories(fs, "/root/extensions/local-thing/x"));  // W016
  ValidationReport report = validate_storage_root(fs, "/root");
  EXPECT_EQ(codes_of(report),
            (std::set<std::string>{"E037", "E073", "E084", "E085", "E112", "W016"}))
      << report.to_text();
  EXPECT_TRUE(std::any_of(report.issues.begin(), report.issues.end(), [](const auto& issue) {
    return issue.code == "E085" && issue.path == "b";
  })) << report.to_text();
}

TEST(OcflStorageRootTest, DeclarationAndLayoutProblems) {
  struct Case {
    std::string name;
    std::function<void(FileSystem&)> damage;
    std::string code;
  };
  const std::vector<Case> cases = {
      {"declaration content", [](FileSystem& fs) { put(fs, "/root/0=ocfl_1.1", "ocfl\n"); },
       "E080"},
      {"two declarations", [](FileSystem& fs) { put(fs, "/root/0=ocfl_1.0", "ocfl_1.0\n"); },
       "E076"},
      {"layout not JSON", [](FileSystem& fs) { put(fs, "/root/ocfl_layout.json", "{"); }, "E070"},
      {"layout without description",
       [](FileSystem& fs) {
         put(fs, "/root/ocfl_layout.json",
             R"({"extension": "0004-hashed-n-tuple-storage-layout"})");
       },
       "E070"},
      {"tuples longer than digest",
       [](FileSystem& fs) {
         put(fs, "/root/extensions/0004-hashed-n-tuple-storage-layout/config.json",
             R"({"extensionName": "0004-hashed-n-tuple-storage-layout", "digestAlgorithm":
                 "md5", "tupleSize": 4, "numberOfTuples": 9})");
       },
       "E083"},
      {"object newer than root",
       [](FileSystem& fs) {
         ASSERT_OK(fs.remove_file("/root/0=ocfl_1.1"));
         put(fs, "/root/0=ocfl_1.0", "ocfl_1.0\n");
       },
       "E081"},
  };
  for (const auto& c : cases) {
    MemoryFileSystem fs;
    put_storage_root(fs, "/root");
    TestObject object;
    object.id = kObjectId;
    object.write(fs, "/root/" + hashed_path(kObjectId));
    c.damage(fs);
    ValidationReport report = validate_storage_root(fs, "/root");
    EXPECT_TRUE(report.has_code(c.code)) << c.name << "\n" << report.to_text();
  }
}

TEST(OcflValidatePathTest, ChoosesByDeclaration) {
  MemoryFileSystem fs;
  put_storage_root(fs, "/root");
  TestObject object;
  object.id = kObjectId;
  object.write(fs, "/root/" + hashed_path(kObjectId));
  put(fs, "/root/" + hashed_path(kObjectId) + "/stray.txt", "x");
  // As a storage root the issue is prefixed; as an object it is not.
  EXPECT_EQ(validate_path(fs, "/root").issues.at(0).path, hashed_path(kObjectId) + "/stray.txt");
  EXPECT_EQ(validate_path(fs, "/root/" + hashed_path(kObjectId)).issues.at(0).path, "stray.txt");
  ASSERT_OK(create_directories(fs, "/plain"));
  EXPECT_EQ(codes_of(validate_path(fs, "/plain")), (std::set<std::string>{"E003", "E069"}));
  EXPECT_EQ(codes_of(validate_path(fs, "/missing")), (std::set<std::string>{"E003", "E069"}));
}

// ---- The parsers behind the checks.

namespace detail = validator_detail;

TEST(OcflValidatorParsersTest, Rfc3339DateTimes) {
  struct Case {
    const char* text;
    bool valid;
  };
  for (const auto& c :
       {Case{"2019-01-01T02:03:04Z", true}, Case{"2021-03-30T15:18:29.613693922-05:00", true},
        Case{"2019-01-01t02:03:04z", true}, Case{"2016-12-31T23:59:60+14:00", true},
        Case{"2019-01-01T02:03:04", false}, Case{"2019-01-01T01:02Z", false},
        Case{"2019-01-01 02:03:04Z", false}, Case{"2019-13-01T02:03:04Z", false},
        Case{"2019-01-01T24:03:04Z", false}, Case{"2019-01-01T02:03:04.Z", false},
        Case{"2019-01-01T02:03:04+0500", false}, Case{"", false}}) {
    EXPECT_EQ(detail::is_rfc3339_date_time(c.text), c.valid) << c.text;
  }
}

TEST(OcflValidatorParsersTest, Uris) {
  for (const char* uri : {"ark:/99999/mr4kz7q2", "urn:example", "info:a/b", "mailto:a@b.org",
                          "https://orcid.org/0000-0000-0000-0000", "x-y.z+w:1"}) {
    EXPECT_TRUE(detail::is_uri(uri)) << uri;
  }
  for (const char* not_uri : {"bb123cd4567", "alice@example.org", "1 Wonky Way, WW", ":x",
                              "urn:", "9a:b", "urn:a b", ""}) {
    EXPECT_FALSE(detail::is_uri(not_uri)) << not_uri;
  }
}

TEST(OcflValidatorParsersTest, InventoryPaths) {
  struct Case {
    const char* path;
    bool slash_at_end, bad_element;
  };
  for (const auto& c :
       {Case{"a/b.txt", false, false}, Case{"a", false, false}, Case{"/a", true, false},
        Case{"a/", true, false}, Case{"a//b", false, true}, Case{"./a", false, true},
        Case{"a/../b", false, true}, Case{"//a", true, true}, Case{"", false, true},
        Case{"...", false, false}}) {
    auto problems = detail::check_inventory_path(c.path);
    EXPECT_EQ(problems.slash_at_end, c.slash_at_end) << c.path;
    EXPECT_EQ(problems.bad_element, c.bad_element) << c.path;
  }
  EXPECT_THAT(detail::conflicting_paths({"a", "a/b", "ab", "c/d", "c/d/e/f"}),
              ElementsAre("a", "c/d"));
}

TEST(OcflValidatorParsersTest, VersionNames) {
  EXPECT_EQ(detail::parse_version_name("v1"), 1);
  EXPECT_EQ(detail::parse_version_name("v0003"), 3);
  EXPECT_EQ(detail::parse_version_name("v10"), 10);
  for (const char* bad : {"v", "1", "V1", "v1a", "v-1", "v1234567890123", ""}) {
    EXPECT_FALSE(detail::parse_version_name(bad)) << bad;
  }
}

TEST(OcflValidatorParsersTest, StrictJson) {
  std::string error;
  EXPECT_TRUE(detail::parse_strict_json(R"({"a": {"b": 1}, "c": {"b": 2}})", error));
  EXPECT_FALSE(detail::parse_strict_json(R"({"a": {"b": 1, "b": 2}})", error));
  EXPECT_THAT(error, ::testing::HasSubstr("\"b\""));
  EXPECT_FALSE(detail::parse_strict_json("{\"a\": 1} /* c */", error));
  EXPECT_FALSE(detail::parse_strict_json("{\"a\": \"\xff\"}", error));
}

}  // namespace
}  // namespace mura::storage
