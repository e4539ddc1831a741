#include "service/derivatives_jobs.h"

#include <algorithm>
#include <atomic>
#include <chrono>

#include <nlohmann/json.hpp>

#include "access/personal_data.h"
#include "base/ark.h"
#include "media/derivative_paths.h"
#include "media/technical_metadata.h"
#include "storage/ocfl_store.h"

namespace mura::service {
namespace {

using Json = nlohmann::json;

constexpr std::string_view kJobSuffix = ".json";
constexpr auto kRescanInterval = std::chrono::seconds(30);

std::optional<JobState> parse_state(std::string_view name) {
  for (auto state : {JobState::kQueued, JobState::kRunning, JobState::kDone, JobState::kFailed}) {
    if (job_state_name(state) == name) return state;
  }
  return std::nullopt;
}

std::string encode_job(const DerivativeJob& job) {
  return Json{{"id", job.id},           {"record", job.record},   {"version", job.version},
              {"state", job_state_name(job.state)}, {"attempts", job.attempts}, {"created", job.created},
              {"updated", job.updated}, {"message", job.message}, {"made", job.made},
              {"problems", job.problems}}
      .dump(2);
}

Result<DerivativeJob> decode_job(std::string_view text, const std::string& path) {
  Json json = Json::parse(text, nullptr, false);
  if (!json.is_object()) return data_loss_error(path + " is not a JSON object");
  try {
    DerivativeJob job;
    job.id = json.at("id").get<std::string>();
    job.record = json.at("record").get<std::string>();
    job.version = json.at("version").get<std::int64_t>();
    auto state = parse_state(json.at("state").get<std::string>());
    if (!state) return data_loss_error(path + ": unknown state");
    job.state = *state;
    job.attempts = json.value("attempts", 0);
    job.created = json.value("created", "");
    job.updated = json.value("updated", "");
    job.message = json.value("message", "");
    job.made = json.value("made", std::size_t{0});
    job.problems = json.value("problems", std::size_t{0});
    return job;
  } catch (const Json::exception& error) {
    return data_loss_error(path + ": " + error.what());
  }
}

bool has_media(const record::Record& record) {
  return std::any_of(record.files.begin(), record.files.end(), [](const record::FileEntry& file) {
    return media::is_image_type(file.media_type) || media::is_audio_type(file.media_type) ||
           media::is_video_type(file.media_type) || media::is_pdf_type(file.media_type);
  });
}

class JobObserver : public RecordObserver {
 public:
  explicit JobObserver(std::shared_ptr<DerivativeJobs> jobs) : jobs_(std::move(jobs)) {}
  // A job that cannot be queued does not fail the write: `mura derivatives build` catches up.
  Status record_cataloged(const record::Record& head) override {
    if (!head.deleted && has_media(head)) (void)jobs_->enqueue(head.id, head.version);
    return ok_status();
  }

 private:
  std::shared_ptr<DerivativeJobs> jobs_;
};

// Personal data (an IIN, a phone number, an e-mail address) in the text just recognised or
// extracted from a record's files: the record waits for a curator's review, as it would for the
// same words in its description. Text made again for a later version is not re-screened (the
// text of a file is made once per content), so a curator's "clear" holds.
Status flag_personal_data_in_text(Repository& repository, const std::string& id, const Actor& actor) {
  MURA_ASSIGN_OR_RETURN(std::string text, extracted_text(repository, id));
  const auto findings = access::find_personal_data(text, "text");
  if (findings.empty()) return ok_status();
  MURA_ASSIGN_OR_RETURN(record::Record head, repository.read_record(id));
  if (head.deleted || head.access.review_pending) return ok_status();
  std::string found;
  for (const auto& finding : findings) {
    found += (found.empty() ? "" : ", ") + std::string(access::personal_data_kind_name(finding.kind)) +
             " " + finding.masked();
  }
  record::Record flagged = head;
  flagged.access.review_pending = true;
  auto updated = repository.update_record(
      id, head.version, std::move(flagged), {}, actor,
      "personal data in the text of its files (" + found + "): waits for a curator's review");
  if (!updated) return Error(updated.error());
  return ok_status();
}

}  // namespace

std::string_view job_state_name(JobState state) {
  switch (state) {
    case JobState::kQueued: return "queued";
    case JobState::kRunning: return "running";
    case JobState::kDone: return "done";
    case JobState::kFailed: return "failed";
  }
  return "queued";
}

Result<std::string> job_id(const std::string& record, std::int64_t version) {
  MURA_ASSIGN_OR_RETURN(Ark ark, parse_ark(record));
  if (version < 1) return invalid_argument_error("job for " + record + ": version must be 1 or more");
  return ark.naan + "~" + ark.name + "~v" + std::to_string(version);
}

DerivativeJobs::DerivativeJobs(Repository& repository, DerivativeOptions options)
    : repository_(repository),
      options_(std::move(options)),
      directory_(media::jobs_directory(repository.directory())) {}

DerivativeJobs::~DerivativeJobs() { stop(); }

Result<DerivativeJob> DerivativeJobs::read_job(const std::string& id) {
  const std::string path = join_path(directory_, id + std::string(kJobSuffix));
  MURA_ASSIGN_OR_RETURN(std::string text, read_file(repository_.file_system(), path));
  return decode_job(text, path);
}

Status DerivativeJobs::write_job(const DerivativeJob& job) {
  FileSystem& fs = repository_.file_system();
  MURA_TRY(create_directories(fs, directory_));
  return write_file_atomically(fs, join_path(directory_, job.id + std::string(kJobSuffix)), encode_job(job));
}

Result<DerivativeJob> DerivativeJobs::enqueue(const std::string& record, std::int64_t version,
                                              Requeue requeue) {
  MURA_ASSIGN_OR_RETURN(std::string id, job_id(record, version));
  DerivativeJob job;
  if (auto existing = read_job(id)) {
    const bool finished = existing->state == JobState::kDone || existing->state == JobState::kFailed;
    if (requeue == Requeue::kKeep || !finished) return existing;
    job = std::move(*existing);
    job.state = JobState::kQueued;
    job.updated = storage::utc_now();
  } else {
    job.id = id;
    job.record = record;
    job.version = version;
    job.created = job.updated = storage::utc_now();
  }
  MURA_TRY(write_job(job));
  {
    std::lock_guard lock(mutex_);
    wake_ = true;
  }
  changed_.notify_all();
  return job;
}

Result<std::vector<DerivativeJob>> DerivativeJobs::list() {
  std::vector<DerivativeJob> jobs;
  auto entries = repository_.file_system().list_directory(directory_);
  if (!entries) return jobs;  // no job was ever queued
  for (const auto& entry : *entries) {
    if (!entry.name.ends_with(kJobSuffix)) continue;
    auto job = read_job(entry.name.substr(0, entry.name.size() - kJobSuffix.size()));
    if (job) jobs.push_back(std::move(*job));
  }
  std::sort(jobs.begin(), jobs.end(), [](const DerivativeJob& a, const DerivativeJob& b) {
    return a.created != b.created ? a.created > b.created : a.id > b.id;
  });
  return jobs;
}

Result<std::vector<std::string>> DerivativeJobs::runnable_ids() {
  MURA_ASSIGN_OR_RETURN(auto jobs, list());
  std::vector<std::string> ids;
  // Oldest first; interrupted (running) ones before queued ones of the same age.
  for (auto it = jobs.rbegin(); it != jobs.rend(); ++it) {
    if (it->state == JobState::kQueued || it->state == JobState::kRunning) ids.push_back(it->id);
  }
  return ids;
}

DerivativeJobs::Outcome DerivativeJobs::run_job(const std::string& id) {
  Outcome outcome;
  {
    std::lock_guard lock(mutex_);
    if (!claimed_.insert(id).second) return outcome;
  }
  struct Unclaim {
    DerivativeJobs* jobs;
    const std::string& id;
    ~Unclaim() {
      std::lock_guard lock(jobs->mutex_);
      jobs->claimed_.erase(id);
    }
  } unclaim{this, id};
  FileSystem& fs = repository_.file_system();
  const std::string lock_path = join_path(directory_, id + ".lock");
  auto held = fs.try_lock(lock_path);
  if (!held) return outcome;  // another process runs it
  auto job = read_job(id);
  if (!job || job->state == JobState::kDone || job->state == JobState::kFailed) return outcome;
  job->state = JobState::kRunning;
  ++job->attempts;
  job->updated = storage::utc_now();
  if (!write_job(*job).ok()) return outcome;
  outcome.ran = true;
  Actor actor;
  actor.name = "mura-derivatives";
  auto report = build_derivatives(repository_, job->record, options_, actor);
  job->updated = storage::utc_now();
  if (!report) {
    job->state = JobState::kFailed;
    job->message = report.error().message();
    outcome.failed = true;
  } else {
    outcome.report = *report;
    job->made = report->made;
    job->problems = report->problems.size();
    job->state = report->problems.empty() ? JobState::kDone : JobState::kFailed;
    outcome.failed = !report->problems.empty();
    job->message = std::to_string(report->made) + " made, " + std::to_string(report->present) +
                   " already there";
    for (const auto& problem : report->problems) job->message += "; " + problem;
    // New text: screen it for personal data, then tell the observers (the search index) about
    // the record again.
    if (report->texts > 0) {
      if (Status screened = flag_personal_data_in_text(repository_, job->record, actor); !screened.ok()) {
        job->message += "; the text could not be screened for personal data: " + screened.message();
      }
      if (Status cataloged = repository_.catalog_record(job->record); !cataloged.ok()) {
        job->message += "; the record could not be indexed again with its text: " + cataloged.message();
      }
    }
  }
  (void)write_job(*job);
  (void)fs.remove_file(lock_path);
  return outcome;
}

void DerivativeJobs::start(int threads, std::chrono::milliseconds settle) {
  std::lock_guard lock(mutex_);
  stopping_ = false;
  settle_ = settle;
  wake_ = true;  // interrupted jobs first
  for (int i = 0; i < threads; ++i) workers_.emplace_back([this] { work(); });
}

void DerivativeJobs::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  changed_.notify_all();
  for (auto& worker : workers_) worker.join();
  workers_.clear();
}

void DerivativeJobs::work() {
  while (true) {
    {
      std::unique_lock lock(mutex_);
      changed_.wait_for(lock, kRescanInterval, [this] { return stopping_ || wake_; });
      if (stopping_) return;
      if (settle_.count() > 0 && changed_.wait_for(lock, settle_, [this] { return stopping_; })) return;
      wake_ = false;
      ++busy_;
    }
    auto ids = runnable_ids();
    if (ids) {
      for (const auto& id : *ids) {
        {
          std::lock_guard lock(mutex_);
          if (stopping_) break;
        }
        run_job(id);
      }
    }
    {
      std::lock_guard lock(mutex_);
      --busy_;
    }
    changed_.notify_all();
  }
}

DerivativeJobs::RunSummary DerivativeJobs::run_pending(
    int threads, const std::function<void(std::size_t, std::size_t)>& progress) {
  RunSummary summary;
  const auto start = std::chrono::steady_clock::now();
  auto ids = runnable_ids();
  if (!ids || ids->empty()) return summary;
  std::atomic<std::size_t> next{0};
  std::mutex summary_mutex;
  auto run = [&] {
    for (std::size_t i; (i = next.fetch_add(1)) < ids->size();) {
      Outcome outcome = run_job((*ids)[i]);
      std::lock_guard lock(summary_mutex);
      if (outcome.ran) {
        ++(outcome.failed ? summary.failed : summary.done);
        summary.made += outcome.report.made;
        summary.megapixels += outcome.report.megapixels;
        summary.ocr_pages += outcome.report.ocr_pages;
      }
      if (progress) progress(summary.done + summary.failed, ids->size());
    }
  };
  std::vector<std::thread> pool;
  for (int i = 1; i < std::max(1, threads); ++i) pool.emplace_back(run);
  run();
  for (auto& thread : pool) thread.join();
  summary.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return summary;
}

void DerivativeJobs::wait_idle() {
  while (true) {
    {
      std::unique_lock lock(mutex_);
      changed_.wait_for(lock, std::chrono::milliseconds(50), [this] { return busy_ == 0 && !wake_; });
      if (busy_ != 0 || wake_) continue;
    }
    auto ids = runnable_ids();
    if (!ids || ids->empty()) return;
    {
      std::lock_guard lock(mutex_);
      if (workers_.empty()) return;  // nobody would run them
      wake_ = true;
    }
    changed_.notify_all();
  }
}

std::shared_ptr<RecordObserver> derivative_job_observer(std::shared_ptr<DerivativeJobs> jobs) {
  return std::make_shared<JobObserver>(std::move(jobs));
}

}  // namespace mura::service
