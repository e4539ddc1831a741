// Tests of BagIt (RFC 8493): the on-disk names, bag-info.txt parsing, writing bags and
// validating good and damaged ones, on the in-memory file system (with crashes) and on disk.
#include "formats/bagit.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <cctype>
#include <cstdlib>
#include <functional>
#include <nlohmann/json.hpp>

#include "base/fault_injecting_file_system.h"
#include "base/memory_file_system.h"
#include "base/posix_file_system.h"
#include "base/testing/status_matchers.h"

namespace mura::formats {
namespace {

using ::mura::testing::IsOk;
using ::mura::testing::StatusIs;
using ::testing::HasSubstr;
using ::testing::Not;

constexpr char kRoot[] = "/bags/sample";

void put(FileSystem& fs, const std::string& path, std::string_view content) {
  ASSERT_OK(create_directories(fs, parent_path(path)));
  ASSERT_OK(write_file(fs, path, content));
}

std::string read(FileSystem& fs, const std::string& path) {
  auto content = read_file(fs, path);
  EXPECT_THAT(content, IsOk());
  return content.value_or("");
}

void replace_in(FileSystem& fs, const std::string& path, std::string_view from,
                std::string_view to) {
  std::string content = read(fs, path);
  std::size_t at = content.find(from);
  ASSERT_NE(at, std::string::npos) << from << " not in " << path;
  content.replace(at, from.size(), to);
  ASSERT_OK(write_file(fs, path, content));
}

void append_to(FileSystem& fs, const std::string& path, std::string_view text) {
  ASSERT_OK(write_file(fs, path, read(fs, path) + std::string(text)));
}

bool has_problem(const std::vector<BagProblem>& problems, const std::string& path,
                 const std::string& fragment) {
  for (const auto& problem : problems) {
    if (problem.path == path && problem.message.find(fragment) != std::string::npos) return true;
  }
  return false;
}

std::vector<BagPayloadFile> sample_payload(FileSystem& fs) {
  put(fs, "/src/a.txt", "hello");
  put(fs, "/src/b.bin", std::string("\0\1\2 binary", 10));
  return {{"a.txt", "/src/a.txt"}, {"sub dir/b.bin", "/src/b.bin"}};
}

BagWriteOptions sample_options() {
  BagWriteOptions options;
  options.info = {{"Source-Organization", "Қазақстан Ұлттық мұрағаты"},
                  {"External-Identifier", "ark:/99999/mr4kz7q2x"},
                  {"External-Description", "Two files\nfor a test"},
                  {"Bagging-Date", "2026-03-01"}};
  options.extra_tag_files = {{"metadata/record.json", "{\"id\": \"ark:/99999/mr4kz7q2x\"}\n"}};
  return options;
}

void write_sample_bag(FileSystem& fs, const std::string& root = kRoot) {
  ASSERT_OK(write_bag(fs, root, sample_payload(fs), sample_options()));
}

std::string sha512(std::string_view data) { return digest_hex(DigestAlgorithm::kSha512, data); }

// --- on-disk names -------------------------------------------------------------------------

TEST(BagItNamesTest, AlgorithmNames) {
  struct Case {
    std::string_view name;
    std::optional<DigestAlgorithm> expected;
  };
  const Case cases[] = {
      {"sha512", DigestAlgorithm::kSha512},
      {"SHA-512", DigestAlgorithm::kSha512},
      {"sha256", DigestAlgorithm::kSha256},
      {"sha-256", DigestAlgorithm::kSha256},
      {"md5", DigestAlgorithm::kMd5},
      {"sha1", DigestAlgorithm::kSha1},
      {"blake2b512", DigestAlgorithm::kBlake2b512},
      {"sha512256", DigestAlgorithm::kSha512_256},
      {"foo", std::nullopt},
      {"", std::nullopt},
      {"sha", std::nullopt},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(parse_bagit_algorithm(c.name), c.expected) << c.name;
  }
  EXPECT_EQ(bagit_algorithm_name(DigestAlgorithm::kSha512), "sha512");
  EXPECT_EQ(bagit_algorithm_name(DigestAlgorithm::kBlake2b512), "blake2b512");
  EXPECT_EQ(bagit_algorithm_name(DigestAlgorithm::kSha512_256), "sha512256");
}

TEST(BagItNamesTest, ManifestPathEncoding) {
  struct Case {
    std::string decoded;
    std::string encoded;
  };
  const Case cases[] = {
      {"data/plain.txt", "data/plain.txt"},
      {"data/with space.txt", "data/with space.txt"},
      {"data/line\nbreak", "data/line%0Abreak"},
      {"data/carriage\rreturn", "data/carriage%0Dreturn"},
      {"data/crlf\r\n", "data/crlf%0D%0A"},
      {"data/100%.txt", "data/100%25.txt"},
      {"data/%20", "data/%2520"},
      {"data/Қазақ.txt", "data/Қазақ.txt"},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(encode_manifest_path(c.decoded), c.encoded);
    EXPECT_EQ(decode_manifest_path(c.encoded), c.decoded);
  }
  // Lowercase hex is read; other escapes and a stray '%' stay literal.
  EXPECT_EQ(decode_manifest_path("data/a%0ab%0dc%25"), "data/a\nb\rc%");
  EXPECT_EQ(decode_manifest_path("data/a%20b"), "data/a%20b");
  EXPECT_EQ(decode_manifest_path("data/50%"), "data/50%");
  EXPECT_EQ(decode_manifest_path("data/%2"), "data/%2");
}

TEST(BagItNamesTest, RelativeBagPaths) {
  struct Case {
    std::string path;
    bool ok;
    std::string fragment;
  };
  const Case cases[] = {
      {"data/a.txt", true, ""},
      {"a", true, ""},
      {"deep/er/path/file name.tif", true, ""},
      {"..hidden/..x", true, ""},
      {"", false, "empty"},
      {"/etc/passwd", false, "absolute"},
      {"../x", false, "\"..\""},
      {"data/../../x", false, "\"..\""},
      {"data/..", false, "\"..\""},
      {"./data/x", false, "\".\""},
      {"data//x", false, "empty segment"},
      {"data/x/", false, "empty segment"},
      {std::string("data/a\0b", 8), false, "NUL"},
  };
  for (const auto& c : cases) {
    Status status = check_relative_bag_path(c.path);
    if (c.ok) {
      EXPECT_OK(status) << c.path;
    } else {
      EXPECT_THAT(status, StatusIs(StatusCode::kInvalidArgument, HasSubstr(c.fragment))) << c.path;
    }
  }
}

// --- bag-info.txt --------------------------------------------------------------------------

TEST(ParseBagInfoTest, GoodInput) {
  struct Case {
    std::string name;
    std::string text;
    std::vector<BagInfoEntry> expected;
  };
  const std::vector<Case> cases = {
      {"empty", "", {}},
      {"one", "Source-Organization: FOO University\n", {{"Source-Organization", "FOO University"}}},
      {"order kept and repeats allowed",
       "Contact-Name: A\nContact-Name: B\nBag-Count: 1 of 2\n",
       {{"Contact-Name", "A"}, {"Contact-Name", "B"}, {"Bag-Count", "1 of 2"}}},
      {"crlf and cr endings", "A: 1\r\nB: 2\rC: 3", {{"A", "1"}, {"B", "2"}, {"C", "3"}}},
      {"continuation lines",
       "External-Description: Uncompressed greyscale TIFF images from the\n"
       "      FOO papers colle...\n\tand more\nNext: x\n",
       {{"External-Description",
         "Uncompressed greyscale TIFF images from the\nFOO papers colle...\nand more"},
        {"Next", "x"}}},
      {"colon in value",
       "Source: https://example.org/a:b\n",
       {{"Source", "https://example.org/a:b"}}},
      {"tab after colon and label with inner space",
       "Contact Name:\tJane Doe\n",
       {{"Contact Name", "Jane Doe"}}},
      {"empty value", "Empty:\nAlso-Empty: \n", {{"Empty", ""}, {"Also-Empty", ""}}},
      {"blank line skipped", "A: 1\n\nB: 2\n", {{"A", "1"}, {"B", "2"}}},
      {"utf-8", "Title: Абай жолы\n", {{"Title", "Абай жолы"}}},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    ASSERT_OK_AND_ASSIGN(auto entries, parse_bag_info(c.text));
    EXPECT_EQ(entries, c.expected);
  }
}

TEST(ParseBagInfoTest, BadInputNamesTheLine) {
  struct Case {
    std::string text;
    std::string fragment;
  };
  const Case cases[] = {
      {"A: 1\nno colon here\n", "line 2: expected \"Label: value\""},
      {"  starts indented\n", "line 1: starts with whitespace"},
      {"A: 1\r\nLabel : value\r\n", "line 2: label \"Label \" ends with whitespace"},
      {": value\n", "line 1: the label before ':' is empty"},
      {"A: 1\nB: 2\nLabel:value\n", "line 3: expected a space after the colon"},
  };
  for (const auto& c : cases) {
    EXPECT_THAT(parse_bag_info(c.text),
                StatusIs(StatusCode::kInvalidArgument, HasSubstr(c.fragment)))
        << c.text;
  }
}

// --- writing -------------------------------------------------------------------------------

TEST(WriteBagTest, WritesEveryElement) {
  MemoryFileSystem fs;
  write_sample_bag(fs);
  const std::string root = kRoot;
  EXPECT_EQ(read(fs, root + "/bagit.txt"),
            "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n");
  EXPECT_EQ(read(fs, root + "/data/a.txt"), "hello");
  EXPECT_EQ(read(fs, root + "/data/sub dir/b.bin"), std::string("\0\1\2 binary", 10));
  EXPECT_EQ(read(fs, root + "/manifest-sha512.txt"), sha512("hello") + " data/a.txt\n" +
                                                         sha512(std::string("\0\1\2 binary", 10)) +
                                                         " data/sub dir/b.bin\n");
  EXPECT_EQ(read(fs, root + "/bag-info.txt"),
            "Source-Organization: Қазақстан Ұлттық мұрағаты\n"
            "External-Identifier: ark:/99999/mr4kz7q2x\n"
            "External-Description: Two files\n  for a test\n"
            "Bagging-Date: 2026-03-01\n"
            "Payload-Oxum: 15.2\n"
            "Bag-Software-Agent: Mura digital repository\n");
  std::string tag_manifest = read(fs, root + "/tagmanifest-sha512.txt");
  for (const char* name :
       {"bagit.txt", "bag-info.txt", "manifest-sha512.txt", "metadata/record.json"}) {
    std::string line = sha512(read(fs, root + "/" + name)) + " " + name + "\n";
    EXPECT_THAT(tag_manifest, HasSubstr(line));
  }
  EXPECT_THAT(tag_manifest, Not(HasSubstr(" data/")));
  // The staging directory was renamed into place: the parent holds only the bag.
  ASSERT_OK_AND_ASSIGN(auto entries, fs.list_directory("/bags"));
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(entries[0].name, "sample");
}

TEST(WriteBagTest, AddsTodayAndAgentWhenNotGiven) {
  MemoryFileSystem fs;
  put(fs, "/src/x", "x");
  ASSERT_OK(write_bag(fs, "/bag", {{"x", "/src/x"}}, {}));
  ASSERT_OK_AND_ASSIGN(auto info, parse_bag_info(read(fs, "/bag/bag-info.txt")));
  ASSERT_EQ(info.size(), 3u);
  EXPECT_EQ(info[0].label, "Bagging-Date");
  EXPECT_THAT(info[0].value, ::testing::MatchesRegex("[0-9]{4}-[0-9]{2}-[0-9]{2}"));
  EXPECT_EQ(info[1], (BagInfoEntry{"Payload-Oxum", "1.1"}));
  EXPECT_EQ(info[2].label, "Bag-Software-Agent");
}

TEST(WriteBagTest, CopiesLargeFilesPieceByPiece) {
  MemoryFileSystem fs;
  std::string big;
  for (int i = 0; big.size() < (3u << 20) + 17; ++i) big += std::to_string(i) + ",";
  put(fs, "/src/big", big);
  BagWriteOptions options;
  options.algorithms = {DigestAlgorithm::kSha256, DigestAlgorithm::kSha512, DigestAlgorithm::kMd5};
  ASSERT_OK(write_bag(fs, "/bag", {{"big.dat", "/src/big"}}, options));
  EXPECT_EQ(read(fs, "/bag/data/big.dat"), big);
  EXPECT_EQ(read(fs, "/bag/manifest-sha256.txt"),
            digest_hex(DigestAlgorithm::kSha256, big) + " data/big.dat\n");
  EXPECT_EQ(read(fs, "/bag/manifest-md5.txt"),
            digest_hex(DigestAlgorithm::kMd5, big) + " data/big.dat\n");
  for (const char* name :
       {"tagmanifest-sha256.txt", "tagmanifest-sha512.txt", "tagmanifest-md5.txt"}) {
    EXPECT_TRUE(path_exists(fs, std::string("/bag/") + name)) << name;
  }
  BagReport report = validate_bag(fs, "/bag");
  EXPECT_TRUE(report.valid()) << report.to_text();
  EXPECT_EQ(report.payload_algorithm, "sha512");
  ASSERT_EQ(report.payload.size(), 1u);
  EXPECT_EQ(report.payload[0], std::make_pair(std::string("big.dat"), sha512(big)));
}

TEST(WriteBagTest, RejectsBadRequests) {
  struct Case {
    std::string name;
    std::string root;
    std::vector<BagPayloadFile> payload;
    std::function<void(BagWriteOptions&)> adjust;
    StatusCode code;
    std::string fragment;
  };
  const std::vector<Case> cases = {
      {"root exists",
       "/existing",
       {},
       [](BagWriteOptions&) {},
       StatusCode::kAlreadyExists,
       "/existing already exists"},
      {"parent escape",
       "/bag",
       {{"../x", "/src/a"}},
       [](BagWriteOptions&) {},
       StatusCode::kInvalidArgument,
       "\"..\""},
      {"absolute",
       "/bag",
       {{"/x", "/src/a"}},
       [](BagWriteOptions&) {},
       StatusCode::kInvalidArgument,
       "absolute"},
      {"empty path",
       "/bag",
       {{"", "/src/a"}},
       [](BagWriteOptions&) {},
       StatusCode::kInvalidArgument,
       "empty"},
      {"duplicate path",
       "/bag",
       {{"x", "/src/a"}, {"x", "/src/a"}},
       [](BagWriteOptions&) {},
       StatusCode::kInvalidArgument,
       "\"x\" is given twice"},
      {"no algorithm",
       "/bag",
       {},
       [](BagWriteOptions& o) { o.algorithms.clear(); },
       StatusCode::kInvalidArgument,
       "no digest algorithm"},
      {"algorithm twice",
       "/bag",
       {},
       [](BagWriteOptions& o) { o.algorithms.push_back(DigestAlgorithm::kSha512); },
       StatusCode::kInvalidArgument,
       "sha512 is given twice"},
      {"oxum supplied",
       "/bag",
       {},
       [](BagWriteOptions& o) {
         o.info.push_back({"payload-oxum", "1.1"});
       },
       StatusCode::kInvalidArgument,
       "Payload-Oxum"},
      {"label with colon",
       "/bag",
       {},
       [](BagWriteOptions& o) {
         o.info.push_back({"a:b", "x"});
       },
       StatusCode::kInvalidArgument,
       "\"a:b\""},
      {"label with trailing space",
       "/bag",
       {},
       [](BagWriteOptions& o) {
         o.info.push_back({"Label ", "x"});
       },
       StatusCode::kInvalidArgument,
       "surrounding whitespace"},
      {"reserved tag file",
       "/bag",
       {},
       [](BagWriteOptions& o) {
         o.extra_tag_files.push_back({"manifest-md5.txt", ""});
       },
       StatusCode::kInvalidArgument,
       "reserved"},
      {"tag file in data",
       "/bag",
       {},
       [](BagWriteOptions& o) {
         o.extra_tag_files.push_back({"data/x", ""});
       },
       StatusCode::kInvalidArgument,
       "reserved"},
      {"tag file escapes",
       "/bag",
       {},
       [](BagWriteOptions& o) {
         o.extra_tag_files.push_back({"../x", ""});
       },
       StatusCode::kInvalidArgument,
       "\"..\""},
      {"source missing",
       "/bag",
       {{"x", "/src/missing"}},
       [](BagWriteOptions&) {},
       StatusCode::kNotFound,
       "payload file \"x\" from /src/missing"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    MemoryFileSystem fs;
    put(fs, "/src/a", "a");
    ASSERT_OK(fs.create_directory("/existing"));
    BagWriteOptions options;
    c.adjust(options);
    EXPECT_THAT(write_bag(fs, c.root, c.payload, options), StatusIs(c.code, HasSubstr(c.fragment)));
    // Nothing was left behind: no bag and no staging directory.
    ASSERT_OK_AND_ASSIGN(auto entries, fs.list_directory("/"));
    std::vector<std::string> names;
    for (const auto& entry : entries) names.push_back(entry.name);
    EXPECT_THAT(names, ::testing::ElementsAre("existing", "src"));
  }
}

TEST(WriteBagTest, FailureAfterSomeFilesLeavesNoHalfBag) {
  MemoryFileSystem fs;
  auto payload = sample_payload(fs);
  payload.push_back({"late.txt", "/src/not-there"});
  EXPECT_THAT(write_bag(fs, kRoot, payload, sample_options()), StatusIs(StatusCode::kNotFound));
  ASSERT_OK_AND_ASSIGN(auto entries, fs.list_directory("/bags"));
  EXPECT_TRUE(entries.empty());
}

// A crash at any mutating operation leaves either no bag or a valid one, never a half bag.
TEST(WriteBagTest, CrashAtEveryOperationLeavesNoHalfBag) {
  std::uint64_t operations = 0;
  {
    MemoryFileSystem memory;
    auto payload = sample_payload(memory);
    FaultInjectingFileSystem counting(memory);
    ASSERT_OK(write_bag(counting, kRoot, payload, sample_options()));
    operations = counting.operation_count();
  }
  ASSERT_GT(operations, 10u);
  for (std::uint64_t fail_at = 0; fail_at < operations; ++fail_at) {
    SCOPED_TRACE("failing operation " + std::to_string(fail_at));
    MemoryFileSystem memory;
    auto payload = sample_payload(memory);
    ASSERT_OK(sync_tree(memory, "/"));
    FaultInjectingFileSystem faulty(memory);
    faulty.fail_at(fail_at);
    EXPECT_THAT(write_bag(faulty, kRoot, payload, sample_options()), Not(IsOk()));
    memory.simulate_crash();
    if (path_exists(memory, kRoot)) {
      BagReport report = validate_bag(memory, kRoot);
      EXPECT_TRUE(report.valid()) << report.to_text();
    }
  }
}

// --- validating ----------------------------------------------------------------------------

TEST(ValidateBagTest, WrittenBagIsValid) {
  MemoryFileSystem fs;
  write_sample_bag(fs);
  BagReport report = validate_bag(fs, kRoot);
  EXPECT_TRUE(report.valid()) << report.to_text();
  EXPECT_TRUE(report.warnings.empty()) << report.to_text();
  EXPECT_EQ(report.to_text(), "valid (0 errors, 0 warnings)\n");
  std::vector<BagInfoEntry> expected_info = sample_options().info;
  expected_info.push_back({"Payload-Oxum", "15.2"});
  expected_info.push_back({"Bag-Software-Agent", "Mura digital repository"});
  EXPECT_EQ(report.info, expected_info);
  EXPECT_EQ(report.payload_algorithm, "sha512");
  ASSERT_EQ(report.payload.size(), 2u);
  EXPECT_EQ(report.payload[0], std::make_pair(std::string("a.txt"), sha512("hello")));
  EXPECT_EQ(report.payload[1].first, "sub dir/b.bin");

  auto json = nlohmann::json::parse(report.to_json());
  EXPECT_EQ(json["valid"], true);
  EXPECT_EQ(json["payload"][0]["path"], "a.txt");
  EXPECT_EQ(json["info"][0]["value"], "Қазақстан Ұлттық мұрағаты");
}

TEST(ValidateBagTest, PercentEncodedNamesRoundTrip) {
  MemoryFileSystem fs;
  put(fs, "/src/1", "one");
  put(fs, "/src/2", "two");
  put(fs, "/src/3", "three");
  put(fs, "/src/4", "four");
  std::vector<BagPayloadFile> payload = {{"with space.txt", "/src/1"},
                                         {"line\nbreak.txt", "/src/2"},
                                         {"100%.txt", "/src/3"},
                                         {"cr\rin name/%0A literal", "/src/4"}};
  ASSERT_OK(write_bag(fs, "/bag", payload, {}));
  std::string manifest = read(fs, "/bag/manifest-sha512.txt");
  EXPECT_THAT(manifest, HasSubstr(" data/with space.txt\n"));
  EXPECT_THAT(manifest, HasSubstr(" data/line%0Abreak.txt\n"));
  EXPECT_THAT(manifest, HasSubstr(" data/100%25.txt\n"));
  EXPECT_THAT(manifest, HasSubstr(" data/cr%0Din name/%250A literal\n"));
  EXPECT_TRUE(path_exists(fs, "/bag/data/line\nbreak.txt"));
  BagReport report = validate_bag(fs, "/bag");
  EXPECT_TRUE(report.valid()) << report.to_text();
  EXPECT_TRUE(report.warnings.empty()) << report.to_text();
  std::vector<std::string> names;
  for (const auto& [path, digest] : report.payload) names.push_back(path);
  EXPECT_THAT(names, ::testing::UnorderedElementsAre("with space.txt", "line\nbreak.txt",
                                                     "100%.txt", "cr\rin name/%0A literal"));
}

struct DamageCase {
  std::string name;
  std::function<void(FileSystem&)> damage;
  std::string path;      // the problem's path
  std::string fragment;  // part of its message
  BagValidateOptions options = {};
};

std::vector<DamageCase> damage_cases() {
  const std::string root = kRoot;
  auto at = [root](const std::string& name) { return root + "/" + name; };
  return {
      {"payload file altered",
       [=](FileSystem& fs) { ASSERT_OK(write_file(fs, at("data/a.txt"), "HELLO")); }, "data/a.txt",
       "sha512 checksum " + sha512("HELLO") + " does not match manifest-sha512.txt line 1"},
      {"payload file missing", [=](FileSystem& fs) { ASSERT_OK(fs.remove_file(at("data/a.txt"))); },
       "data/a.txt", "is listed in manifest-sha512.txt line 1 but is missing"},
      {"payload file missing changes the oxum",
       [=](FileSystem& fs) { ASSERT_OK(fs.remove_file(at("data/a.txt"))); }, "bag-info.txt",
       "Payload-Oxum is 15.2 but data/ holds 10 octets in 1 files"},
      {"extra payload file", [=](FileSystem& fs) { put(fs, at("data/extra.txt"), "x"); },
       "data/extra.txt", "not listed in manifest-sha512.txt"},
      {"manifest line without a path",
       [=](FileSystem& fs) { append_to(fs, at("manifest-sha512.txt"), "nonsense\n"); },
       "manifest-sha512.txt", "line 3: expected \"<checksum> <path>\", found \"nonsense\""},
      {"manifest checksum too short",
       [=](FileSystem& fs) { append_to(fs, at("manifest-sha512.txt"), "abc data/c.txt\n"); },
       "manifest-sha512.txt", "line 3: a sha512 checksum has 128 hex digits, found 3"},
      {"manifest checksum not hex",
       [=](FileSystem& fs) {
         append_to(fs, at("manifest-sha512.txt"), std::string(128, 'g') + " data/c.txt\n");
       },
       "manifest-sha512.txt", "line 3: checksum"},
      {"manifest path escapes with ..",
       [=](FileSystem& fs) {
         append_to(fs, at("manifest-sha512.txt"), sha512("x") + " data/../../etc/passwd\n");
       },
       "manifest-sha512.txt", "line 3: path \"data/../../etc/passwd\" has a \"..\" segment"},
      {"manifest path absolute",
       [=](FileSystem& fs) {
         append_to(fs, at("manifest-sha512.txt"), sha512("x") + " /etc/passwd\n");
       },
       "manifest-sha512.txt", "line 3: path \"/etc/passwd\" is absolute"},
      {"payload manifest lists a tag file",
       [=](FileSystem& fs) {
         append_to(fs, at("manifest-sha512.txt"), sha512("x") + " bagit.txt\n");
       },
       "manifest-sha512.txt", "line 3: \"bagit.txt\" is outside the payload directory"},
      {"manifest entry listed twice",
       [=](FileSystem& fs) {
         append_to(fs, at("manifest-sha512.txt"), sha512("hello") + "  data/a.txt\n");
       },
       "manifest-sha512.txt", "line 3: \"data/a.txt\" is listed again (first on line 1)"},
      {"manifest changed after the tag manifest was written",
       [=](FileSystem& fs) { append_to(fs, at("manifest-sha512.txt"), "\n"); },
       "manifest-sha512.txt", "does not match tagmanifest-sha512.txt line"},
      {"bad oxum",
       [=](FileSystem& fs) {
         replace_in(fs, at("bag-info.txt"), "Payload-Oxum: 15.2", "Payload-Oxum: 16.2");
       },
       "bag-info.txt", "line 6: Payload-Oxum is 16.2 but data/ holds 15 octets in 2 files"},
      {"malformed oxum",
       [=](FileSystem& fs) {
         replace_in(fs, at("bag-info.txt"), "Payload-Oxum: 15.2", "Payload-Oxum: lots");
       },
       "bag-info.txt", "Payload-Oxum \"lots\" is not \"<octets>.<files>\""},
      {"oxum twice",
       [=](FileSystem& fs) { append_to(fs, at("bag-info.txt"), "Payload-Oxum: 15.2\n"); },
       "bag-info.txt", "line 8: Payload-Oxum appears again"},
      {"bag-info line without colon",
       [=](FileSystem& fs) { append_to(fs, at("bag-info.txt"), "just words\n"); }, "bag-info.txt",
       "line 8: expected \"Label: value\""},
      {"missing bagit.txt", [=](FileSystem& fs) { ASSERT_OK(fs.remove_file(at("bagit.txt"))); },
       "bagit.txt", "is missing"},
      {"wrong version line",
       [=](FileSystem& fs) {
         ASSERT_OK(write_file(fs, at("bagit.txt"),
                              "BagIt-Version 1.0\nTag-File-Character-Encoding: UTF-8\n"));
       },
       "bagit.txt", "line 1: expected \"BagIt-Version: 1.0\", found \"BagIt-Version 1.0\""},
      {"unknown version",
       [=](FileSystem& fs) {
         ASSERT_OK(write_file(fs, at("bagit.txt"),
                              "BagIt-Version: 2.0\nTag-File-Character-Encoding: UTF-8\n"));
       },
       "bagit.txt", "BagIt-Version \"2.0\" is not a version Mura reads"},
      {"missing encoding line",
       [=](FileSystem& fs) { ASSERT_OK(write_file(fs, at("bagit.txt"), "BagIt-Version: 1.0\n")); },
       "bagit.txt", "line 2: expected \"Tag-File-Character-Encoding: UTF-8\", found nothing"},
      {"third line in bagit.txt",
       [=](FileSystem& fs) { append_to(fs, at("bagit.txt"), "Extra: 1\n"); }, "bagit.txt",
       "line 3: unexpected \"Extra: 1\""},
      {"byte-order mark in bagit.txt",
       [=](FileSystem& fs) {
         ASSERT_OK(write_file(fs, at("bagit.txt"), "\xEF\xBB\xBF" + read(fs, at("bagit.txt"))));
       },
       "bagit.txt", "byte-order mark"},
      {"bagit.txt not utf-8",
       [=](FileSystem& fs) {
         ASSERT_OK(write_file(fs, at("bagit.txt"),
                              "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\xC3\n"));
       },
       "bagit.txt", "is not valid UTF-8 (byte offset 53)"},
      {"manifest not utf-8",
       [=](FileSystem& fs) {
         append_to(fs, at("manifest-sha512.txt"), sha512("x") + " data/\xFF.txt\n");
       },
       "manifest-sha512.txt", "is not valid UTF-8"},
      {"tag file altered",
       [=](FileSystem& fs) { ASSERT_OK(write_file(fs, at("metadata/record.json"), "{}\n")); },
       "metadata/record.json", "does not match tagmanifest-sha512.txt line"},
      {"tag file missing",
       [=](FileSystem& fs) { ASSERT_OK(fs.remove_file(at("metadata/record.json"))); },
       "metadata/record.json", "is missing, but tagmanifest-sha512.txt line"},
      {"tag manifest lists a payload file",
       [=](FileSystem& fs) {
         append_to(fs, at("tagmanifest-sha512.txt"), sha512("hello") + " data/a.txt\n");
       },
       "tagmanifest-sha512.txt", "line 5: \"data/a.txt\" is a payload file"},
      {"tag manifest omits the payload manifest",
       [=](FileSystem& fs) {
         std::string kept;
         for (std::string line : {"bagit.txt", "bag-info.txt"}) {
           kept += sha512(read(fs, at(line))) + " " + line + "\n";
         }
         ASSERT_OK(write_file(fs, at("tagmanifest-sha512.txt"), kept));
       },
       "tagmanifest-sha512.txt", "does not list the payload manifest manifest-sha512.txt"},
      {"no payload manifest",
       [=](FileSystem& fs) { ASSERT_OK(fs.remove_file(at("manifest-sha512.txt"))); }, "",
       "the bag has no payload manifest"},
      {"unknown algorithm",
       [=](FileSystem& fs) { put(fs, at("manifest-foo.txt"), "abcd data/a.txt\n"); },
       "manifest-foo.txt", "names the checksum algorithm \"foo\", which Mura does not know"},
      {"payload manifest for the same algorithm twice",
       [=](FileSystem& fs) {
         put(fs, at("manifest-SHA512.txt"), read(fs, at("manifest-sha512.txt")));
       },
       "manifest-sha512.txt", "uses the same algorithm as manifest-SHA512.txt"},
      {"a second manifest lacks a payload file",
       [=](FileSystem& fs) {
         put(fs, at("manifest-md5.txt"),
             digest_hex(DigestAlgorithm::kMd5, "hello") + " data/a.txt\n");
       },
       "data/sub dir/b.bin", "is not listed in manifest-md5.txt"},
      {"missing payload directory", [=](FileSystem& fs) { ASSERT_OK(remove_all(fs, at("data"))); },
       "data", "the payload directory data/ is missing"},
      {"fetch.txt with a file not yet fetched",
       [=](FileSystem& fs) {
         ASSERT_OK(fs.remove_file(at("data/a.txt")));
         put(fs, at("fetch.txt"), "https://example.org/a.txt 5 data/a.txt\n");
       },
       "data/a.txt", "is still to be fetched from https://example.org/a.txt (fetch.txt line 1)"},
      {"fetch.txt lists a tag file",
       [=](FileSystem& fs) { put(fs, at("fetch.txt"), "https://example.org/x - bagit.txt\n"); },
       "fetch.txt", "line 1: \"bagit.txt\" is not a payload file"},
      {"fetch.txt line malformed",
       [=](FileSystem& fs) {
         put(fs, at("fetch.txt"),
             "https://example.org/a.txt data/a.txt\nexample.org 12 data/a.txt\n");
       },
       "fetch.txt", "line 1: expected \"<url> <length> <path>\""},
      {"fetch.txt url not absolute",
       [=](FileSystem& fs) { put(fs, at("fetch.txt"), "example.org/a 5 data/a.txt\n"); },
       "fetch.txt", "line 1: \"example.org/a\" is not an absolute URL"},
      {"fetch.txt file not in the manifest",
       [=](FileSystem& fs) { put(fs, at("fetch.txt"), "https://e.org/z - data/z\n"); }, "fetch.txt",
       "line 1: \"data/z\" is not listed in manifest-sha512.txt"},
      {"checks digests off still finds missing files",
       [=](FileSystem& fs) { ASSERT_OK(fs.remove_file(at("data/a.txt"))); }, "data/a.txt",
       "is missing", BagValidateOptions{.check_digests = false}},
  };
}

TEST(ValidateBagTest, ReportsEachKindOfDamageNamingTheFile) {
  for (const DamageCase& c : damage_cases()) {
    SCOPED_TRACE(c.name);
    MemoryFileSystem fs;
    write_sample_bag(fs);
    c.damage(fs);
    BagReport report = validate_bag(fs, kRoot, c.options);
    EXPECT_FALSE(report.valid());
    EXPECT_TRUE(has_problem(report.errors, c.path, c.fragment)) << report.to_text();
    if (!c.path.empty()) {
      EXPECT_THAT(report.to_text(), HasSubstr("error: " + c.path + ": "));
    }
  }
}

TEST(ValidateBagTest, CollectsEveryProblem) {
  MemoryFileSystem fs;
  write_sample_bag(fs);
  const std::string root = kRoot;
  ASSERT_OK(write_file(fs, root + "/data/a.txt", "HELLO"));
  ASSERT_OK(fs.remove_file(root + "/data/sub dir/b.bin"));
  put(fs, root + "/data/extra", "x");
  append_to(fs, root + "/manifest-sha512.txt", "bad line\n");
  BagReport report = validate_bag(fs, kRoot);
  EXPECT_TRUE(has_problem(report.errors, "data/a.txt", "does not match")) << report.to_text();
  EXPECT_TRUE(has_problem(report.errors, "data/sub dir/b.bin", "missing"));
  EXPECT_TRUE(has_problem(report.errors, "data/extra", "not listed"));
  EXPECT_TRUE(has_problem(report.errors, "manifest-sha512.txt", "line 3:"));
  EXPECT_TRUE(has_problem(report.errors, "bag-info.txt", "Payload-Oxum"));
  auto json = nlohmann::json::parse(report.to_json());
  EXPECT_EQ(json["valid"], false);
  EXPECT_EQ(json["errors"].size(), report.errors.size());
}

TEST(ValidateBagTest, AllowFetchTurnsUnfetchedFilesIntoWarnings) {
  MemoryFileSystem fs;
  write_sample_bag(fs);
  const std::string root = kRoot;
  ASSERT_OK(fs.remove_file(root + "/data/a.txt"));
  put(fs, root + "/fetch.txt", "https://example.org/a.txt 5 data/a.txt\r\n");
  BagReport strict = validate_bag(fs, kRoot);
  EXPECT_FALSE(strict.valid());
  BagReport lenient = validate_bag(fs, kRoot, {.check_digests = true, .allow_fetch = true});
  EXPECT_TRUE(lenient.valid()) << lenient.to_text();
  EXPECT_TRUE(has_problem(lenient.warnings, "data/a.txt", "still to be fetched"));
  EXPECT_TRUE(has_problem(lenient.warnings, "bag-info.txt", "Payload-Oxum not compared"));
  // Once fetched, the bag is complete and valid without allowing fetch.
  put(fs, root + "/data/a.txt", "hello");
  BagReport fetched = validate_bag(fs, kRoot);
  EXPECT_TRUE(fetched.valid()) << fetched.to_text();
}

TEST(ValidateBagTest, ChecksumsNotCheckedWhenAskedNot) {
  MemoryFileSystem fs;
  write_sample_bag(fs);
  ASSERT_OK(write_file(fs, std::string(kRoot) + "/data/a.txt", "HELLO"));
  EXPECT_TRUE(validate_bag(fs, kRoot, {.check_digests = false}).valid());
  EXPECT_FALSE(validate_bag(fs, kRoot).valid());
}

// A bag made by hand the way older tools made them: 0.97, md5 with uppercase hex, CRLF line
// endings, md5sum's '*' marker and whitespace around the bag-info colon.
TEST(ValidateBagTest, AcceptsOlderHandMadeBagsWithWarnings) {
  MemoryFileSystem fs;
  put(fs, "/old/bagit.txt", "BagIt-Version: 0.97\r\nTag-File-Character-Encoding: UTF-8\r\n");
  put(fs, "/old/data/27613-h/images/q172.txt", "OCR text");
  std::string md5 = digest_hex(DigestAlgorithm::kMd5, "OCR text");
  for (char& c : md5) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  put(fs, "/old/manifest-md5.txt", md5 + " *data/27613-h/images/q172.txt\r\n");
  put(fs, "/old/bag-info.txt", "Contact-Name  :  Jane Doe\r\nPayload-Oxum: 8.1\r\n");
  BagReport report = validate_bag(fs, "/old");
  EXPECT_TRUE(report.valid()) << report.to_text();
  EXPECT_TRUE(has_problem(report.warnings, "bagit.txt", "0.97 predates 1.0"));
  EXPECT_TRUE(has_problem(report.warnings, "", "no payload manifest uses SHA-256 or SHA-512"));
  EXPECT_TRUE(has_problem(report.warnings, "manifest-md5.txt", "md5sum's binary-mode marker"));
  ASSERT_EQ(report.info.size(), 2u);
  EXPECT_EQ(report.info[0], (BagInfoEntry{"Contact-Name", "Jane Doe"}));
  EXPECT_EQ(report.payload_algorithm, "md5");
  ASSERT_EQ(report.payload.size(), 1u);
  EXPECT_EQ(report.payload[0].first, "27613-h/images/q172.txt");
}

TEST(ValidateBagTest, RootThatIsNotABag) {
  MemoryFileSystem fs;
  put(fs, "/file", "x");
  EXPECT_TRUE(has_problem(validate_bag(fs, "/file").errors, "", "is not a directory"));
  EXPECT_TRUE(has_problem(validate_bag(fs, "/nowhere").errors, "", "cannot be opened"));
  ASSERT_OK(fs.create_directory("/empty"));
  BagReport report = validate_bag(fs, "/empty");
  EXPECT_TRUE(has_problem(report.errors, "bagit.txt", "is missing"));
  EXPECT_TRUE(has_problem(report.errors, "data", "missing"));
  EXPECT_TRUE(has_problem(report.errors, "", "no payload manifest"));
}

// --- on disk ---------------------------------------------------------------------------------

class PosixBagTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const char* base = std::getenv("TMPDIR");
    std::string pattern = std::string(base != nullptr ? base : "/tmp") + "/mura-bagit-XXXXXX";
    ASSERT_NE(::mkdtemp(pattern.data()), nullptr);
    directory_ = pattern;
  }
  void TearDown() override {
    if (!directory_.empty()) {
      EXPECT_OK(remove_all(fs_, directory_));
    }
  }

  PosixFileSystem fs_;
  std::string directory_;
};

TEST_F(PosixBagTest, WriteValidateDamage) {
  put(fs_, directory_ + "/src/scan 1.tif", std::string(70000, 'x'));
  put(fs_, directory_ + "/src/notes.txt", "Абай\n");
  std::string root = directory_ + "/out/bag";
  BagWriteOptions options = sample_options();
  options.algorithms = {DigestAlgorithm::kSha512, DigestAlgorithm::kSha256};
  ASSERT_OK(write_bag(fs_, root,
                      {{"scans/scan 1.tif", directory_ + "/src/scan 1.tif"},
                       {"notes.txt", directory_ + "/src/notes.txt"}},
                      options));
  ASSERT_OK_AND_ASSIGN(auto entries, fs_.list_directory(directory_ + "/out"));
  ASSERT_EQ(entries.size(), 1u);  // no staging directory left beside the bag
  BagReport report = validate_bag(fs_, root);
  EXPECT_TRUE(report.valid()) << report.to_text();
  EXPECT_TRUE(report.warnings.empty()) << report.to_text();

  put(fs_, root + "/data/notes.txt", "Абай!\n");
  ASSERT_EQ(::symlink("/etc/passwd", (root + "/data/link").c_str()), 0);
  report = validate_bag(fs_, root);
  EXPECT_FALSE(report.valid());
  EXPECT_TRUE(has_problem(report.errors, "data/notes.txt", "sha512 checksum"));
  EXPECT_TRUE(has_problem(report.errors, "data/notes.txt", "sha256 checksum"));
  EXPECT_TRUE(has_problem(report.errors, "data/link", "not a regular file"));
  EXPECT_THAT(write_bag(fs_, root, {}, {}), StatusIs(StatusCode::kAlreadyExists));
}

}  // namespace
}  // namespace mura::formats
