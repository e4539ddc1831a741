// Derivatives and derivative jobs on a real repository with real files: a scanned Kazakh letter
// rendered at 300 dpi, the demo collection's sound recording and PDF, and a museum photograph.
#include "service/derivatives.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <map>
#include <mutex>
#include <random>

#include "base/ark.h"
#include "base/posix_file_system.h"
#include "base/testing/status_matchers.h"
#include "media/derivative_paths.h"
#include "media/testing/scanned_page.h"
#include "record/record_json.h"
#include "search/searcher.h"
#include "service/access_hooks.h"
#include "service/derivatives_jobs.h"
#include "service/record_access.h"
#include "service/search_sync.h"

namespace mura::service {
namespace {

using ::mura::testing::StatusIs;
using ::testing::HasSubstr;

std::string demo(const std::string& path) {
  const char* source = std::getenv("MURA_SOURCE_DIR");
  return std::string(source ? source : ".") + "/demo/files/" + path;
}

class DerivativesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::random_device random;
    root_ = std::filesystem::temp_directory_path() / ("mura-derivatives-" + std::to_string(random()));
    std::filesystem::create_directories(root_);
    auto repository = Repository::init(default_file_system(), (root_ / "repo").string(), {});
    ASSERT_THAT(repository, ::mura::testing::IsOk());
    repository_ = std::move(*repository);
    ASSERT_OK(media::testing::write_scanned_page((root_ / "letter.png").string(), media::testing::kKazakhLetter));
  }
  void TearDown() override {
    sync_.reset();
    repository_.reset();
    std::filesystem::remove_all(root_);
  }
  FileSource file(const std::string& path, const std::string& source) {
    return FileSource{path, source, nullptr, ""};
  }
  record::Record letter_with_files() {
    record::Record draft;
    draft.kind = record::Kind::kArchivalUnit;
    draft.level = "item";
    draft.fields["title"] = {{"kk", "Жақыптың хаты"}};
    draft.fields["reference_code"] = {{"", "KZ-ERT-212/1/9"}};
    auto created = repository_->create_record(
        draft,
        {file("p1.png", (root_ / "letter.png").string()), file("kui.wav", demo("archive/kui-1965.wav")),
         file("article.pdf", demo("research/ornament-article.pdf")), file("notes.csv", demo("research/felt-motifs.csv"))},
        actor_, "test");
    EXPECT_TRUE(created.has_value()) << created.error().to_string();
    return *created;
  }
  record::Record museum_object() {
    record::Record draft;
    draft.kind = record::Kind::kMuseumObject;
    draft.fields["title"] = {{"kk", "Домбыра"}};
    draft.fields["inventory_number"] = {{"", "KP-77"}};
    draft.fields["object_name"] = {{"kk", "домбыра"}};
    auto created = repository_->create_record(draft, {file("dombra.png", demo("museum/dombra.png"))}, actor_, "test");
    EXPECT_TRUE(created.has_value()) << created.error().to_string();
    return *created;
  }
  // Derivative jobs queued on every write, with the search index kept in step: what a job reads
  // is searchable when it is done.
  std::shared_ptr<DerivativeJobs> searched_jobs() {
    SearchSyncOptions options;
    options.commit = SearchSyncOptions::Commit::kEachRecord;
    sync_ = attach_search_sync(*repository_, options);
    auto jobs = std::make_shared<DerivativeJobs>(*repository_, DerivativeOptions{});
    repository_->add_observer(derivative_job_observer(jobs));
    return jobs;
  }
  // The ids of the records an anonymous caller finds with `query`, best first.
  std::vector<std::string> hits(const std::string& query) {
    search::Searcher searcher(SearchSync::index_directory(*repository_), &repository_->profiles());
    search::SearchRequest request;
    request.query = query;
    auto result = searcher.search(request, access::Caller::anonymous(), access::today_utc());
    std::vector<std::string> ids;
    if (!result) {
      ADD_FAILURE() << query << ": " << result.error().to_string();
      return ids;
    }
    for (const auto& hit : result->hits) ids.push_back(hit.id);
    return ids;
  }
  std::string derivative(const record::FileEntry& entry, media::DerivativeKind kind) {
    return media::derivative_path(repository_->directory(), entry.digest, kind);
  }

  std::filesystem::path root_;
  std::unique_ptr<Repository> repository_;
  std::shared_ptr<SearchSync> sync_;
  Actor actor_{"alice", ""};
};

TEST_F(DerivativesTest, BuildsEveryDerivativeOnceAndRecordsPremisEvents) {
  const record::Record record = letter_with_files();
  ASSERT_OK_AND_ASSIGN(auto report, build_derivatives(*repository_, record.id, {}, actor_));
  EXPECT_EQ(report.files, 3u);  // the CSV has none
  EXPECT_TRUE(report.problems.empty()) << report.problems.front();
  // technical x3, pyramid, thumbnail, OCR, PDF text; the 16-bit WAV plays in browsers as it is
  EXPECT_EQ(report.made, 7u);
  EXPECT_EQ(report.ocr_pages, 1u);
  EXPECT_GT(report.megapixels, 0.5);
  const auto& files = record.files;
  EXPECT_TRUE(std::filesystem::exists(derivative(files[0], media::DerivativeKind::kPyramid)));
  EXPECT_TRUE(std::filesystem::exists(derivative(files[0], media::DerivativeKind::kHocr)));
  // The thumbnail: a JPEG that fits in 400 x 400.
  ASSERT_OK_AND_ASSIGN(auto thumbnail, read_file(default_file_system(),
                                                 derivative(files[0], media::DerivativeKind::kThumbnail)));
  ASSERT_GT(thumbnail.size(), 3u);
  EXPECT_EQ(thumbnail.substr(0, 3), "\xFF\xD8\xFF");
  EXPECT_FALSE(std::filesystem::exists(derivative(files[1], media::DerivativeKind::kAudio)));

  auto technical = technical_if_present(*repository_, files[1]);
  ASSERT_TRUE(technical.has_value());
  EXPECT_NEAR(technical->duration_seconds, 6.0, 0.01);
  // One PREMIS event per characterised file, in the object's logs and in the catalog.
  ASSERT_OK_AND_ASSIGN(auto events, repository_->catalog().events(record.id));
  int extraction = 0;
  for (const auto& event : events) {
    if (event.type == "metadata extraction") {
      ++extraction;
      EXPECT_EQ(event.outcome, "success");
      EXPECT_EQ(event.agent, actor_.agent());
    }
  }
  EXPECT_EQ(extraction, 3);
  ASSERT_OK_AND_ASSIGN(auto log, read_file(default_file_system(),
                                           repository_->store().object_root(record.id) + "/logs/characterization.jsonl"));
  ASSERT_OK_AND_ASSIGN(auto logged, record::decode_events(log));
  ASSERT_EQ(logged.size(), 3u);
  for (const auto& event : logged) EXPECT_EQ(event.type, "metadata extraction");

  // The text of the scan and of the PDF, for the viewer and for search.
  ASSERT_OK_AND_ASSIGN(auto texts, text_of(*repository_, record));
  ASSERT_EQ(texts.size(), 3u);  // the scan, then both PDF pages
  EXPECT_EQ(texts[0].path, "p1.png");
  EXPECT_EQ(texts[0].page.language, "kk");
  EXPECT_EQ(texts[1].path, "article.pdf");
  EXPECT_EQ(texts[2].page.page, 2);
  ASSERT_OK_AND_ASSIGN(auto text, extracted_text(*repository_, record.id));
  EXPECT_THAT(text, HasSubstr("Мұрағаттағы"));
  EXPECT_THAT(text, HasSubstr("ram's-horn ornament"));

  // Again: everything is there.
  ASSERT_OK_AND_ASSIGN(auto again, build_derivatives(*repository_, record.id, {}, actor_));
  EXPECT_EQ(again.made, 0u);
  EXPECT_EQ(again.present, 7u);
  EXPECT_THAT(extracted_text(*repository_, "ark:/99999/mnotthere0"), StatusIs(StatusCode::kNotFound));
}

TEST_F(DerivativesTest, PicturesOfObjectsAreNotReadAndPyramidsComeOnDemand) {
  const record::Record object = museum_object();
  EXPECT_FALSE(wants_ocr(object));
  ASSERT_OK_AND_ASSIGN(auto path, ensure_pyramid(*repository_, object.id, object.files[0]));
  EXPECT_TRUE(std::filesystem::exists(path));
  EXPECT_EQ(path, derivative(object.files[0], media::DerivativeKind::kPyramid));
  ASSERT_OK_AND_ASSIGN(auto report, build_derivatives(*repository_, object.id, {}, actor_));
  EXPECT_EQ(report.made, 2u);  // technical metadata and thumbnail; the pyramid was there, no OCR
  EXPECT_EQ(report.present, 1u);
  ASSERT_OK_AND_ASSIGN(auto text, extracted_text(*repository_, object.id));
  EXPECT_EQ(text, "");
  record::FileEntry not_image = object.files[0];
  not_image.media_type = "text/csv";
  EXPECT_THAT(ensure_pyramid(*repository_, object.id, not_image), StatusIs(StatusCode::kFailedPrecondition));
}

TEST(JobIdTest, NamesJobsByRecordAndVersion) {
  const Ark ark = mint_ark("99999", "m");
  ASSERT_OK_AND_ASSIGN(auto id, job_id(ark.to_string(), 3));
  EXPECT_EQ(id, "99999~" + ark.name + "~v3");
  EXPECT_THAT(job_id(ark.to_string(), 0), StatusIs(StatusCode::kInvalidArgument));
  EXPECT_THAT(job_id("not an ark", 1), StatusIs(StatusCode::kInvalidArgument));
  // A wrong check character (appending one could, by chance, make a valid name).
  std::string wrong = ark.name;
  wrong.back() = wrong.back() == '0' ? '1' : '0';
  EXPECT_THAT(job_id("ark:/99999/" + wrong, 1), StatusIs(StatusCode::kInvalidArgument));
}

// Counts the records the repository catalogs, as the search index sees them.
class CatalogedCounter : public RecordObserver {
 public:
  Status record_cataloged(const record::Record& head) override {
    std::lock_guard lock(mutex_);
    ++counts_[head.id];
    return ok_status();
  }
  int count(const std::string& id) {
    std::lock_guard lock(mutex_);
    return counts_[id];
  }

 private:
  std::mutex mutex_;
  std::map<std::string, int> counts_;
};

// A scanned page is found by a word in it: the job that recognises the text catalogs the record
// again and the search index takes the text in (and keeps it when the metadata is edited).
TEST_F(DerivativesTest, RecognisedTextIsFoundBySearch) {
  auto jobs = searched_jobs();
  const record::Record record = letter_with_files();
  // "Мұрағаттағы" is only in the scan's pixels, "ram's-horn" only in the PDF's text.
  EXPECT_THAT(hits("мұрағаттағы"), ::testing::IsEmpty());
  auto summary = jobs->run_pending(1);
  ASSERT_EQ(summary.done, 1u);
  EXPECT_THAT(hits("мұрағаттағы"), ::testing::ElementsAre(record.id));
  EXPECT_THAT(hits("muraghattaghy"), ::testing::ElementsAre(record.id)) << "and in Latin script";
  EXPECT_THAT(hits("\"ram's-horn ornament\""), ::testing::ElementsAre(record.id));

  record::Record edited = record;
  edited.fields["title"] = {{"kk", "Жақыптың хаты, 1916"}};
  ASSERT_TRUE(repository_->update_record(record.id, record.version, edited, {}, actor_, "edit").has_value());
  EXPECT_THAT(hits("мұрағаттағы"), ::testing::ElementsAre(record.id));
}

// The demo's typed resolution of 1994 (demo/make_images.py sets real Kazakh text on it): a word of
// its body that no metadata holds is found once the page is read.
TEST_F(DerivativesTest, TheDemoResolutionIsFoundByAWordOnItsPage) {
  auto jobs = searched_jobs();
  record::Record draft;
  draft.kind = record::Kind::kArchivalUnit;
  draft.level = "item";
  draft.fields["title"] = {{"kk", "Ертіс өңірлік мемлекеттік мұрағатын құру туралы"}};
  draft.fields["language"] = {{"", "kk"}};
  draft.fields["reference_code"] = {{"", "KZ-ERT-1994/145"}};
  auto created = repository_->create_record(
      draft, {file("resolution.png", demo("legal/resolution-1994.png"))}, actor_, "test");
  ASSERT_TRUE(created.has_value()) << created.error().to_string();
  const auto only = ::testing::ElementsAre(created->id);
  EXPECT_THAT(hits("қолжазбалар"), ::testing::IsEmpty());
  ASSERT_EQ(jobs->run_pending(1).done, 1u);
  EXPECT_THAT(hits("қолжазбалар"), only) << "a word of the body, read from the pixels";
  EXPECT_THAT(hits("\"облыстық бюджеттен қаражат\""), only) << "a phrase of the body";
  EXPECT_THAT(hits("qoljazbalar"), only) << "and in Latin script";
}

// An IIN in a scanned page, not in the description: once the page is read the record waits for
// review, hidden from the public; a curator's "clear" holds when later versions are processed.
TEST_F(DerivativesTest, PersonalDataInRecognisedTextFlagsTheRecord) {
  ASSERT_OK(media::testing::write_scanned_page((root_ / "form.png").string(),
                                               "Жеке іс. ЖСН 870412300416\nМекенжайы: Алматы"));
  auto jobs = std::make_shared<DerivativeJobs>(*repository_, DerivativeOptions{});
  repository_->add_observer(derivative_job_observer(jobs));
  record::Record draft;
  draft.kind = record::Kind::kArchivalUnit;
  draft.level = "item";
  draft.fields["title"] = {{"kk", "Жеке іс"}};
  draft.fields["reference_code"] = {{"", "KZ-ERT-212/1/12"}};
  auto created = repository_->create_record(draft, {file("form.png", (root_ / "form.png").string())},
                                            actor_, "test");
  ASSERT_TRUE(created.has_value()) << created.error().to_string();
  EXPECT_FALSE(created->access.review_pending) << "nothing in the metadata";
  ASSERT_EQ(jobs->run_pending(1).done, 1u);

  ASSERT_OK_AND_ASSIGN(record::Record flagged, repository_->read_record(created->id));
  EXPECT_TRUE(flagged.access.review_pending);
  EXPECT_EQ(flagged.version, 2);
  ASSERT_OK_AND_ASSIGN(auto versions, repository_->store().versions(created->id));
  EXPECT_THAT(versions.back().message, HasSubstr("iin 87••••••••16"));
  EXPECT_THAT(versions.back().message, ::testing::Not(HasSubstr("870412300416")));
  EXPECT_FALSE(may_see(*repository_, created->id, access::Caller::anonymous(), access::today_utc()));

  // The curator clears it; the job of the new version finds the text made and does not flag again.
  ASSERT_OK_AND_ASSIGN(record::Record cleared, review_personal_data(*repository_, created->id,
                                                                    ReviewDecision::kClear, actor_));
  EXPECT_FALSE(cleared.access.review_pending);
  jobs->run_pending(1);
  ASSERT_OK_AND_ASSIGN(record::Record after, repository_->read_record(created->id));
  EXPECT_FALSE(after.access.review_pending);
  EXPECT_EQ(after.version, cleared.version);
}

TEST_F(DerivativesTest, JobsAreQueuedOnWriteRunAndResumedAfterACrash) {
  auto jobs = std::make_shared<DerivativeJobs>(*repository_, DerivativeOptions{});
  repository_->add_observer(derivative_job_observer(jobs));
  auto counter = std::make_shared<CatalogedCounter>();
  repository_->add_observer(counter);
  const record::Record object = museum_object();
  ASSERT_OK_AND_ASSIGN(auto queued, jobs->list());
  ASSERT_EQ(queued.size(), 1u);
  EXPECT_EQ(queued[0].record, object.id);
  EXPECT_EQ(queued[0].state, JobState::kQueued);

  auto summary = jobs->run_pending(2);
  EXPECT_EQ(summary.done, 1u);
  EXPECT_EQ(summary.made, 3u);  // technical metadata, pyramid and thumbnail
  ASSERT_OK_AND_ASSIGN(auto done, jobs->list());
  EXPECT_EQ(done[0].state, JobState::kDone);
  EXPECT_EQ(done[0].attempts, 1);

  // A runner that died mid-job left it "running": the next run finishes it, making nothing twice.
  const std::string path = media::jobs_directory(repository_->directory()) + "/" + done[0].id + ".json";
  ASSERT_OK_AND_ASSIGN(std::string text, read_file(default_file_system(), path));
  const auto at = text.find("\"done\"");
  ASSERT_NE(at, std::string::npos);
  text.replace(at, 6, "\"running\"");
  ASSERT_OK(write_file(default_file_system(), path, text));
  summary = jobs->run_pending(1);
  EXPECT_EQ(summary.done, 1u);
  EXPECT_EQ(summary.made, 0u);
  ASSERT_OK_AND_ASSIGN(auto resumed, jobs->list());
  EXPECT_EQ(resumed[0].state, JobState::kDone);
  EXPECT_EQ(resumed[0].attempts, 2);
  EXPECT_THAT(resumed[0].message, HasSubstr("3 already there"));

  // Background workers pick up a new record's job by themselves.
  jobs->start(1);
  const record::Record letter = letter_with_files();
  jobs->wait_idle();
  ASSERT_OK_AND_ASSIGN(auto all, jobs->list());
  ASSERT_EQ(all.size(), 2u);
  for (const auto& job : all) EXPECT_EQ(job.state, JobState::kDone) << job.id << ": " << job.message;
  ASSERT_OK_AND_ASSIGN(auto text_now, extracted_text(*repository_, letter.id));
  EXPECT_THAT(text_now, HasSubstr("Ғабит"));
  // The letter was cataloged again once its text existed (for the search index); the museum
  // object, which has no text, was not.
  EXPECT_EQ(counter->count(letter.id), 2);
  EXPECT_EQ(counter->count(object.id), 1);
  jobs->stop();
}

}  // namespace
}  // namespace mura::service
