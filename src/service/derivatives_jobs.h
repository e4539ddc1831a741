// Derivative jobs: the background work that keeps the derivative cache up with the store. A job
// asks for the derivatives of one version of one record; it is a small JSON file under
// <repo>/derivatives/jobs/ (docs/format/iiif.md), so jobs survive restarts and crashes: a job
// found "running" with no live runner was interrupted and runs again, and because derivatives are
// written atomically and skipped when present, running it again finishes the work without
// redoing it. A runner works through queued jobs with a bounded number of threads; several
// processes may run jobs of one repository at once (each job is claimed with a lock file).
// A job that made text (OCR, PDF text) catalogs its record again, so that the observers — the
// search index — take in the text (service::extracted_text). Thread-safe.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "base/result.h"
#include "service/derivatives.h"
#include "service/repository.h"

namespace mura::service {

enum class JobState { kQueued, kRunning, kDone, kFailed };
std::string_view job_state_name(JobState state);  // "queued", "running", "done", "failed"

struct DerivativeJob {
  std::string id;      // "99999~mr4kz7q2x1~v3"
  std::string record;  // the ARK
  std::int64_t version = 0;
  JobState state = JobState::kQueued;
  int attempts = 0;
  std::string created;  // RFC 3339 UTC
  std::string updated;
  std::string message;  // what was made, or why it failed
  std::size_t made = 0;
  std::size_t problems = 0;
};

// "ark:/99999/mr4kz7q2x1", 3 -> "99999~mr4kz7q2x1~v3". InvalidArgument for a malformed ARK.
Result<std::string> job_id(const std::string& record, std::int64_t version);

class DerivativeJobs {
 public:
  DerivativeJobs(Repository& repository, DerivativeOptions options);
  ~DerivativeJobs();  // stops the workers; a job in progress finishes first
  DerivativeJobs(const DerivativeJobs&) = delete;
  DerivativeJobs& operator=(const DerivativeJobs&) = delete;

  enum class Requeue {
    kKeep,      // a job that exists is kept as it is (idempotent)
    kFinished,  // a finished job (done or failed) is queued again, to rebuild what is missing
  };
  // Queues the derivatives of `record` at `version`.
  Result<DerivativeJob> enqueue(const std::string& record, std::int64_t version,
                                Requeue requeue = Requeue::kKeep);
  // Every job, newest first.
  Result<std::vector<DerivativeJob>> list();

  // Starts `threads` workers that run queued jobs (interrupted ones first) until stopped. A
  // worker woken by a queued job waits `settle` before it looks, so that the jobs of a burst of
  // writes (an ingest) are run together rather than between one write and the next.
  void start(int threads, std::chrono::milliseconds settle = std::chrono::milliseconds(0));
  void stop();

  // Runs queued and interrupted jobs on `threads` threads until none is left; for the command
  // line. `progress` is told (done, total) after each job.
  struct RunSummary {
    std::size_t done = 0;
    std::size_t failed = 0;
    std::size_t made = 0;
    double megapixels = 0;
    std::size_t ocr_pages = 0;
    double seconds = 0;
  };
  RunSummary run_pending(int threads, const std::function<void(std::size_t, std::size_t)>& progress = {});

  // Blocks until no job is queued or running in this process (tests).
  void wait_idle();

 private:
  struct Outcome {
    bool ran = false;
    bool failed = false;
    DerivativeReport report;
  };
  Result<DerivativeJob> read_job(const std::string& id);
  Status write_job(const DerivativeJob& job);
  Result<std::vector<std::string>> runnable_ids();
  // Claims and runs job `id` unless another runner has it or it is finished.
  Outcome run_job(const std::string& id);
  void work();

  Repository& repository_;
  DerivativeOptions options_;
  std::string directory_;
  std::mutex mutex_;
  std::condition_variable changed_;
  std::set<std::string> claimed_;  // GUARDED_BY(mutex_): jobs running in this process
  bool stopping_ = false;          // GUARDED_BY(mutex_)
  bool wake_ = false;              // GUARDED_BY(mutex_): a job was queued since the last scan
  std::chrono::milliseconds settle_{0};
  std::size_t busy_ = 0;           // GUARDED_BY(mutex_): workers between scan and finish
  std::vector<std::thread> workers_;
};

// A RecordObserver that queues a derivative job for each cataloged record with media files.
std::shared_ptr<RecordObserver> derivative_job_observer(std::shared_ptr<DerivativeJobs> jobs);

}  // namespace mura::service
