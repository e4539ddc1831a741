// Unpacking archives: ZIP and tar.gz with folders, and every unsafe entry refused by name — a path
// climbing out with "..", an absolute path, a symbolic link — and the size bound.
#include "formats/archive_reader.h"

#include <archive.h>
#include <archive_entry.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <random>

#include "base/posix_file_system.h"
#include "base/testing/status_matchers.h"

namespace mura::formats {
namespace {

using mura::testing::StatusIs;

struct Entry {
  Entry(std::string entry_name, std::string entry_content = "", unsigned entry_type = AE_IFREG,
        std::string entry_link = "")
      : name(std::move(entry_name)), content(std::move(entry_content)), type(entry_type),
        link(std::move(entry_link)) {}
  std::string name;
  std::string content;
  unsigned type;
  std::string link;
};

class ArchiveReaderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::random_device random;
    root_ = std::filesystem::temp_directory_path() / ("mura-archive-" + std::to_string(random()));
    std::filesystem::create_directories(root_);
  }
  void TearDown() override { std::filesystem::remove_all(root_); }

  // Writes an archive of `entries` with libarchive: "zip" or "tar.gz".
  std::string make(const std::string& name, const std::vector<Entry>& entries, bool zip) {
    const std::string path = (root_ / name).string();
    archive* writer = archive_write_new();
    if (zip) {
      archive_write_set_format_zip(writer);
    } else {
      archive_write_set_format_pax_restricted(writer);
      archive_write_add_filter_gzip(writer);
    }
    EXPECT_EQ(archive_write_open_filename(writer, path.c_str()), ARCHIVE_OK);
    for (const auto& item : entries) {
      archive_entry* entry = archive_entry_new();
      archive_entry_set_pathname(entry, item.name.c_str());
      archive_entry_set_filetype(entry, item.type);
      archive_entry_set_perm(entry, 0644);
      if (!item.link.empty()) archive_entry_set_symlink(entry, item.link.c_str());
      archive_entry_set_size(entry, item.type == AE_IFREG ? static_cast<la_int64_t>(item.content.size()) : 0);
      archive_write_header(writer, entry);
      if (item.type == AE_IFREG) archive_write_data(writer, item.content.data(), item.content.size());
      archive_entry_free(entry);
    }
    archive_write_close(writer);
    archive_write_free(writer);
    return path;
  }
  std::string out(const std::string& name) { return (root_ / name).string(); }
  std::filesystem::path root_;
};

TEST_F(ArchiveReaderTest, UnpacksZipAndTarWithFolders) {
  for (bool zip : {true, false}) {
    const std::vector<Entry> entries = {{"bag/", "", AE_IFDIR},
                                        {"bag/bagit.txt", "BagIt-Version: 1.0\n"},
                                        {"bag/data/scans/p1.txt", "page one"}};
    const auto archive_path = make(zip ? "a.zip" : "a.tar.gz", entries, zip);
    const auto target = out(zip ? "zip-out" : "tar-out");
    auto summary = extract_archive(default_file_system(), archive_path, target);
    ASSERT_TRUE(summary.has_value()) << summary.error().to_string();
    EXPECT_EQ(summary->files, 2u);
    EXPECT_EQ(summary->bytes, 27u);
    auto text = read_file(default_file_system(), target + "/bag/data/scans/p1.txt");
    ASSERT_TRUE(text.has_value());
    EXPECT_EQ(*text, "page one");
  }
}

TEST_F(ArchiveReaderTest, RefusesUnsafeEntriesByName) {
  struct Case {
    Entry entry;
    std::string message;
  };
  const Case cases[] = {
      {{"../evil.txt", "x"}, "\"../evil.txt\" climbs out"},
      {{"a/../../evil.txt", "x"}, "climbs out"},
      {{"/etc/passwd", "x"}, "\"/etc/passwd\" has an absolute path"},
      {{"link", "", AE_IFLNK, "/etc/passwd"}, "\"link\" is a link"},
  };
  int index = 0;
  for (const auto& c : cases) {
    const auto archive_path = make("bad" + std::to_string(index) + ".tar.gz", {c.entry}, false);
    const auto target = out("bad-out" + std::to_string(index++));
    auto result = extract_archive(default_file_system(), archive_path, target);
    EXPECT_THAT(result, StatusIs(StatusCode::kInvalidArgument, ::testing::HasSubstr(c.message)))
        << c.entry.name;
    EXPECT_FALSE(std::filesystem::exists(root_ / "evil.txt"));
  }
}

TEST_F(ArchiveReaderTest, BoundsEntriesAndBytes) {
  const auto archive_path = make("big.zip", {{"a.txt", std::string(1000, 'a')}, {"b.txt", "b"}}, true);
  EXPECT_THAT(extract_archive(default_file_system(), archive_path, out("o1"), {10, 1u << 20}),
              StatusIs(StatusCode::kOk));
  EXPECT_THAT(extract_archive(default_file_system(), archive_path, out("o2"), {1, 1u << 20}),
              StatusIs(StatusCode::kResourceExhausted));
  EXPECT_THAT(extract_archive(default_file_system(), archive_path, out("o3"), {10, 999}),
              StatusIs(StatusCode::kResourceExhausted));
}

TEST_F(ArchiveReaderTest, RefusesAFileThatIsNotAnArchive) {
  const auto path = out("notes.txt");
  ASSERT_TRUE(write_file(default_file_system(), path, "just some text, not an archive").ok());
  EXPECT_THAT(extract_archive(default_file_system(), path, out("o")),
              StatusIs(StatusCode::kInvalidArgument, ::testing::HasSubstr("not an archive")));
}

}  // namespace
}  // namespace mura::formats
