#include "service/ingest.h"

#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "base/fault_injecting_file_system.h"
#include "base/memory_file_system.h"
#include "base/posix_file_system.h"
#include "base/testing/status_matchers.h"
#include "formats/bagit.h"
#include "service/maintenance.h"
#include "storage/ocfl_validator.h"

namespace mura::service {
namespace {

using ::testing::HasSubstr;

std::string source_dir() {
  const char* env = std::getenv("MURA_SOURCE_DIR");
  return env != nullptr ? env : MURA_TEST_SOURCE_DIR;
}

class IngestTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = std::filesystem::temp_directory_path() /
            ("mura-ingest-" + std::to_string(::getpid()) + "-" +
             ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(root_);
    std::filesystem::create_directories(root_ / "in");
    auto repository = Repository::init(default_file_system(), (root_ / "repo").string(), {});
    ASSERT_THAT(repository, testing::IsOk());
    repository_ = std::move(*repository);
  }
  void TearDown() override {
    repository_.reset();
    std::filesystem::remove_all(root_);
  }

  std::string write(const std::string& name, const std::string& content) {
    auto path = root_ / "in" / name;
    std::filesystem::create_directories(path.parent_path());
    std::ofstream(path, std::ios::binary) << content;
    return path.string();
  }

  IngestReport run(const std::string& path, IngestMode mode = IngestMode::kApply) {
    IngestOptions options;
    options.mode = mode;
    options.actor.name = "tester";
    return ingest(*repository_, path, options);
  }

  std::int64_t count() {
    auto total = repository_->catalog().count({});
    return total ? *total : -1;
  }

  std::filesystem::path root_;
  std::unique_ptr<Repository> repository_;
};

const std::string kHeader = "key,kind,level,parent,title@en,title@kk,date,file,reference_code\n";

TEST_F(IngestTest, DemoSheetIngestsOnceAndReRunsChangeNothing) {
  std::string sheet = source_dir() + "/demo/demo.csv";
  IngestReport first = run(sheet);
  ASSERT_TRUE(first.ok()) << first.to_text();
  EXPECT_EQ(first.created, 38u);
  EXPECT_GT(first.files, 20u);
  EXPECT_EQ(count(), 38);
  IngestReport second = run(sheet);
  ASSERT_TRUE(second.ok()) << second.to_text();
  EXPECT_EQ(second.created, 0u);
  EXPECT_EQ(second.unchanged, 38u);
  EXPECT_EQ(first.records, second.records) << "the same identifiers";
  auto report = storage::validate_storage_root(default_file_system(), repository_->store().root());
  EXPECT_TRUE(report.valid()) << report.to_text();

  // Hierarchy and references were resolved to ARKs.
  for (const auto& [source, id] : first.records) {
    ASSERT_OK_AND_ASSIGN(record::Record record, repository_->read_record(id));
    EXPECT_EQ(record.source, source);
    if (!record.parent.empty()) {
      EXPECT_TRUE(repository_->store().object_exists(record.parent));
    }
    for (const auto& file : record.files) {
      EXPECT_EQ(file.digest.size(), 128u) << file.path;
      EXPECT_FALSE(file.media_type.empty());
    }
  }
}

TEST_F(IngestTest, DryRunWritesNothing) {
  write("a.png", "\x89PNG\r\n\x1a\n");
  std::string sheet = write("s.csv", kHeader + "f1,archival_unit,fonds,,Fonds,Қор,1916,a.png,F-1\n");
  IngestReport report = run(sheet, IngestMode::kDryRun);
  ASSERT_TRUE(report.ok()) << report.to_text();
  EXPECT_EQ(report.created, 1u);
  EXPECT_EQ(count(), 0);
  ASSERT_OK_AND_ASSIGN(auto ids, repository_->store().object_ids());
  EXPECT_TRUE(ids.empty());
}

TEST_F(IngestTest, BadSheetsNameTheProblemAndIngestNothing) {
  write("a.png", "png");
  write("../outside.png", "png");
  struct Case {
    std::string name;
    std::string content;
    std::string message;
  };
  const Case cases[] = {
      {"cp1251.csv", kHeader + "f1,archival_unit,fonds,,\xcf\xe8\xf1\xfc\xec\xee,,1916,\n", "CP1251"},
      {"utf16.csv", std::string("\xff\xfek\0e\0y\0", 8), "UTF-16"},
      {"unknown.csv", "key,kind,colour@en\nk,artwork,red\n", "\"colour\" is not a field"},
      {"missing.csv", kHeader + "f1,archival_unit,fonds,,T,,1916,nope.png\n", "\"nope.png\" does not exist"},
      {"escape.csv", kHeader + "f1,archival_unit,fonds,,T,,1916,../outside.png\n", "leads outside"},
      {"absolute.csv", kHeader + "f1,archival_unit,fonds,,T,,1916,/etc/passwd\n", "must be relative"},
      {"duplicate.csv", kHeader + "f1,archival_unit,fonds,,T,,,\nf1,archival_unit,fonds,,T,,,\n",
       "already the key of row 2"},
      {"edtf.csv", kHeader + "f1,archival_unit,fonds,,T,,19 мамыр,\n", "19 мамыр"},
      {"title.csv", kHeader + "f1,archival_unit,fonds,,,,1916,\n", "title"},
      {"cycle.csv", kHeader + "a,archival_unit,series,b,A,,,\nb,archival_unit,series,a,B,,,\n", "loops back"},
      {"parent.csv", kHeader + "a,archival_unit,item,ghost,A,,,\n", "\"ghost\" is neither a key"},
      {"kind.csv", kHeader + "a,statue,,,A,,,\n", "\"statue\" is not a kind"},
      {"level.csv", kHeader + "a,archival_unit,box,,A,,,\n", "box"},
      {"quote.csv", kHeader + "a,archival_unit,item,,\"A,,,\n", "quote"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    IngestReport report = run(write(c.name, c.content));
    ASSERT_FALSE(report.ok());
    std::string text = report.to_text();
    EXPECT_THAT(text, HasSubstr(c.message));
    EXPECT_THAT(text, HasSubstr("nothing was written"));
    EXPECT_EQ(count(), 0);
  }
}

TEST_F(IngestTest, DuplicateIdentifiersAcrossSources) {
  std::string header = "key,kind,title@en,inventory_number,object_name@en\n";
  IngestReport one = run(write("one.csv", header + "a,museum_object,Dombra,KP-1,dombra\n"));
  ASSERT_TRUE(one.ok()) << one.to_text();
  IngestReport report = run(write("two.csv", header + "b,museum_object,Other,KP-1,dombra\n"));
  ASSERT_FALSE(report.ok());
  EXPECT_THAT(report.to_text(), HasSubstr("inventory_number \"KP-1\" already belongs to ark:/"));
}

TEST_F(IngestTest, ChangedRowsBecomeNewVersionsAndInterruptedIngestsResume) {
  write("a.png", "first image");
  std::string sheet = write("s.csv", kHeader + "f,archival_unit,fonds,,Fonds,,1916,a.png,F\n"
                                               "s,archival_unit,series,f,Series,,,,F/S\n");
  ASSERT_TRUE(run(sheet).ok());
  // The same sheet grows (as if the first run had been interrupted) and a row changes.
  write("a.png", "second image");
  sheet = write("s.csv", kHeader + "f,archival_unit,fonds,,Fonds,,1916,a.png,F\n"
                                   "s,archival_unit,series,f,Series,,,,F/S\n"
                                   "i,archival_unit,item,s,Item,,1917,,F/S/1\n");
  IngestReport report = run(sheet);
  ASSERT_TRUE(report.ok()) << report.to_text();
  EXPECT_EQ(report.created, 1u);
  EXPECT_EQ(report.updated, 1u);
  EXPECT_EQ(report.unchanged, 1u);
  std::string fonds = report.records[0].second;
  ASSERT_OK_AND_ASSIGN(auto versions, repository_->store().versions(fonds));
  EXPECT_EQ(versions.size(), 2u);
  ASSERT_OK_AND_ASSIGN(std::string v1, repository_->store().read(fonds, "files/a.png", 1));
  EXPECT_EQ(v1, "first image");

  // A crash after the store but before the catalog: the next run catalogs what it finds.
  ASSERT_OK(repository_->catalog().clear());
  IngestReport resumed = run(sheet);
  ASSERT_TRUE(resumed.ok()) << resumed.to_text();
  EXPECT_EQ(resumed.unchanged, 3u);
  EXPECT_EQ(count(), 3);
}

TEST_F(IngestTest, BagsAndTreesIngestAndExportRoundTrips) {
  write("bag-src/page-1.png", "page one");
  write("bag-src/page-2.png", "page two");
  formats::BagWriteOptions options;
  options.info = {{"Title", "Хат"}, {"Mura-Language", "kk"}, {"External-Identifier", "BAG-7"}};
  std::string bag = (root_ / "in" / "bag").string();
  ASSERT_OK(formats::write_bag(default_file_system(), bag,
                               {{"page-1.png", (root_ / "in/bag-src/page-1.png").string()},
                                {"page-2.png", (root_ / "in/bag-src/page-2.png").string()}},
                               options));
  IngestReport report = run(bag);
  ASSERT_TRUE(report.ok()) << report.to_text();
  ASSERT_EQ(report.records.size(), 1u);
  std::string id = report.records[0].second;
  ASSERT_OK_AND_ASSIGN(record::Record record, repository_->read_record(id));
  EXPECT_EQ(record.first_value("title", "kk"), "Хат");
  EXPECT_EQ(record.files.size(), 2u);

  std::string exported = (root_ / "exported").string();
  ASSERT_OK(export_bag(*repository_, id, exported));
  formats::BagReport validation = formats::validate_bag(default_file_system(), exported);
  EXPECT_TRUE(validation.valid()) << validation.to_text();
  EXPECT_EQ(validation.payload.size(), 2u);
  EXPECT_THAT(export_bag(*repository_, id, exported), testing::StatusIs(StatusCode::kAlreadyExists));

  write("tree/Letters/1916/a.txt", "letter a");
  write("tree/Letters/b.txt", "letter b");
  write("tree/Maps/m.txt", "map");
  IngestReport tree = run((root_ / "in" / "tree").string());
  ASSERT_TRUE(tree.ok()) << tree.to_text();
  EXPECT_EQ(tree.created, 7u) << "fonds, 3 folders, 3 files";
}

TEST_F(IngestTest, ReindexGivesTheSameCatalogAndFixityFindsDamage) {
  ASSERT_TRUE(run(source_dir() + "/demo/demo.csv").ok());
  ASSERT_OK_AND_ASSIGN(auto before, repository_->catalog().stats());
  ASSERT_OK_AND_ASSIGN(auto page_before, repository_->catalog().list({}, "", 1000));
  ReindexReport reindexed = reindex(*repository_, 2, nullptr);
  EXPECT_TRUE(reindexed.problems.empty());
  EXPECT_EQ(reindexed.records, 38u);
  ASSERT_OK_AND_ASSIGN(auto after, repository_->catalog().stats());
  ASSERT_OK_AND_ASSIGN(auto page_after, repository_->catalog().list({}, "", 1000));
  EXPECT_EQ(before.records, after.records);
  EXPECT_EQ(before.files, after.files);
  EXPECT_EQ(before.bytes, after.bytes);
  ASSERT_EQ(page_before.items.size(), page_after.items.size());
  for (std::size_t i = 0; i < page_before.items.size(); ++i) {
    EXPECT_EQ(page_before.items[i], page_after.items[i]);
  }

  FixityReport clean = audit_fixity(*repository_, {}, {});
  EXPECT_TRUE(clean.ok()) << clean.to_text();
  EXPECT_EQ(clean.objects, 38u);

  // Damage one stored file: the audit names it, and logs a failed fixity check.
  std::string id;
  for (const auto& item : page_after.items) {
    auto record = repository_->read_record(item.id);
    if (record && !record->files.empty()) id = item.id;
  }
  ASSERT_FALSE(id.empty());
  ASSERT_OK_AND_ASSIGN(record::Record damaged, repository_->read_record(id));
  ASSERT_OK_AND_ASSIGN(std::string location,
                       repository_->store().content_location(id, "files/" + damaged.files[0].path));
  std::ofstream(location, std::ios::binary | std::ios::app) << "bit rot";
  FixityReport audit = audit_fixity(*repository_, {id}, {});
  ASSERT_EQ(audit.problems.size(), 1u) << audit.to_text();
  EXPECT_THAT(audit.problems[0].message, HasSubstr("does not match"));
  ASSERT_OK_AND_ASSIGN(auto events, repository_->read_events(id));
  EXPECT_EQ(events.back().type, "fixity check");
  EXPECT_EQ(events.back().outcome, "failure");
}

// Crash test of batched ingest: a sheet ingested on the fault-injecting file system fails at
// every mutating operation in turn; then the power is cut (the store keeps only what was
// durable; the catalog, on disk, keeps what SQLite committed), the repository reopens, the
// store validates, every record the interrupted ingest acknowledged is there byte for byte, and
// running the same ingest again completes it.
class IngestCrashTest : public ::testing::Test {
 protected:
  static constexpr int kItems = 5;

  void SetUp() override {
    root_ = std::filesystem::temp_directory_path() / ("mura-ingest-crash-" +
                                                      std::to_string(::getpid()));
    std::filesystem::remove_all(root_);
    std::string sheet = kHeader + "f,archival_unit,fonds,,Fonds,,1916,,F\n";
    for (int i = 0; i < kItems; ++i) {
      std::string name = "item-" + std::to_string(i) + ".txt";
      files_[name] = "item " + std::to_string(i) + (i == 3 ? "" : " text");
      sheet += "i" + std::to_string(i) + ",archival_unit,item,f,Item " + std::to_string(i) +
               ",,1917," + name + ",F/" + std::to_string(i) + "\n";
    }
    files_["sheet.csv"] = sheet;
  }
  void TearDown() override { std::filesystem::remove_all(root_); }

  // A repository in `memory` whose catalog is in a fresh directory on disk, and the sheet.
  std::string prepare(MemoryFileSystem& memory, int run) {
    std::string directory = (root_ / ("run-" + std::to_string(run))).string();
    std::filesystem::create_directories(directory);
    EXPECT_THAT(Repository::init(memory, directory, {}), testing::IsOk());
    EXPECT_OK(create_directories(memory, "/in"));
    for (const auto& [name, bytes] : files_) EXPECT_OK(write_file(memory, "/in/" + name, bytes));
    EXPECT_OK(memory.sync_directory("/in"));  // the source survives the power cut
    return directory;
  }

  IngestReport run(Repository& repository) {
    IngestOptions options;
    options.actor.name = "tester";
    return ingest(repository, "/in/sheet.csv", options);
  }

  std::filesystem::path root_;
  std::map<std::string, std::string> files_;
};

TEST_F(IngestCrashTest, AcknowledgedRecordsSurviveAFaultAtAnyOperationAndIngestResumes) {
  std::uint64_t total_operations = 0;
  {
    MemoryFileSystem memory;
    std::string directory = prepare(memory, -1);
    FaultInjectingFileSystem counting(memory);
    ASSERT_OK_AND_ASSIGN(auto repository, Repository::open(counting, directory));
    IngestReport report = run(*repository);
    ASSERT_TRUE(report.ok()) << report.to_text();
    ASSERT_EQ(report.created, kItems + 1u);
    total_operations = counting.operation_count();
  }
  ASSERT_GT(total_operations, 100u);

  for (std::uint64_t fault = 0; fault < total_operations; ++fault) {
    SCOPED_TRACE("fault at operation " + std::to_string(fault));
    MemoryFileSystem memory;
    std::string directory = prepare(memory, static_cast<int>(fault));
    IngestReport interrupted;
    {
      FaultInjectingFileSystem faulty(memory);
      faulty.fail_at(fault);
      auto repository = Repository::open(faulty, directory);
      if (repository) interrupted = run(**repository);
    }
    memory.simulate_crash();

    ASSERT_OK_AND_ASSIGN(auto repository, Repository::open(memory, directory));
    auto validation = storage::validate_storage_root(memory, repository->store().root());
    ASSERT_TRUE(validation.valid()) << validation.to_text();
    for (const auto& [source, id] : interrupted.records) {
      ASSERT_OK_AND_ASSIGN(record::Record record, repository->read_record(id));
      EXPECT_EQ(record.source, source);
      for (const auto& file : record.files) {
        ASSERT_OK_AND_ASSIGN(std::string bytes, repository->store().read(id, "files/" + file.path));
        EXPECT_EQ(bytes, files_.at(file.path)) << id << " " << file.path;
      }
    }
    IngestReport resumed = run(*repository);
    ASSERT_TRUE(resumed.ok()) << resumed.to_text();
    EXPECT_EQ(resumed.created + resumed.unchanged, kItems + 1u);
    EXPECT_GE(resumed.unchanged, interrupted.records.size());
    ASSERT_OK_AND_ASSIGN(std::int64_t cataloged, repository->catalog().count({}));
    EXPECT_EQ(cataloged, kItems + 1);
    repository.reset();
    std::filesystem::remove_all(directory);
  }
}

}  // namespace
}  // namespace mura::service
