// Ingest jobs: an ingest of an uploaded sheet, bag or archive, run in the background one at a
// time, with progress to follow and the report to read afterwards. A job's state is a JSON file
// under <repo>/staging/ingests/<id>/, so that it survives a restart; a job that was running when
// the process stopped is reported as interrupted (running it again resumes: ingest is idempotent).
#pragma once

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "service/ingest.h"

namespace mura::service {

// What a job is asked to do. The upload is moved into the job's directory.
struct IngestJobRequest {
  std::string upload_path;  // a file: a CSV sheet, or a ZIP/tar archive of a bag, sheet or tree
  std::string file_name;    // the name the user gave it ("fonds-212.csv", "bag.zip")
  bool dry_run = false;
  Actor actor;
  // Decides, from the planned items, whether the caller may ingest them (PermissionDenied
  // otherwise). Runs in the job, before anything is written.
  std::function<Status(const std::vector<IngestItem>&)> authorize;
};

struct IngestJob {
  std::string id;
  std::string state;  // "queued", "running", "succeeded", "failed", "interrupted"
  std::string file_name;
  std::string user;
  bool dry_run = false;
  std::string created;   // ISO 8601 UTC
  std::string finished;  // "" until it ends
  std::size_t done = 0;
  std::size_t total = 0;
  std::string error;        // why it failed, when it failed before or outside the ingest
  std::string report_json;  // IngestReport::to_json() once it ended; "" before

  std::string to_json() const;
};

class IngestJobs {
 public:
  // Loads the jobs kept in the repository and starts the worker.
  explicit IngestJobs(Repository& repository);
  ~IngestJobs();  // finishes the running job, then stops
  IngestJobs(const IngestJobs&) = delete;
  IngestJobs& operator=(const IngestJobs&) = delete;

  // Queues a job; InvalidArgument when the file name is unusable.
  Result<IngestJob> start(IngestJobRequest request);
  // NotFound for an unknown id.
  Result<IngestJob> get(const std::string& id) const;
  // Every job, newest first.
  std::vector<IngestJob> list() const;
  // Blocks until no job is queued or running (tests, shutdown).
  void wait_idle();

 private:
  void work();
  void run(const std::string& id, const IngestJobRequest& request);
  Result<std::string> prepare_source(const std::string& id, const IngestJobRequest& request);
  void save(const IngestJob& job);
  void update(const std::string& id, const std::function<void(IngestJob&)>& change);
  std::string directory(const std::string& id) const;

  Repository& repository_;
  mutable std::mutex mutex_;
  std::condition_variable changed_;
  std::map<std::string, IngestJob> jobs_;
  std::deque<std::pair<std::string, IngestJobRequest>> queue_;
  bool busy_ = false;
  bool stopping_ = false;
  std::thread worker_;
};

}  // namespace mura::service
