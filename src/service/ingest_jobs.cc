#include "service/ingest_jobs.h"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "formats/archive_reader.h"
#include "storage/ocfl_store.h"

namespace mura::service {
namespace {

using Json = nlohmann::json;

constexpr std::string_view kJobsDirectory = "staging/ingests";

bool is_safe_file_name(std::string_view name) {
  return !name.empty() && name.size() <= 200 && name != "." && name != ".." &&
         name.find_first_of("/\\") == std::string_view::npos &&
         name.find('\0') == std::string_view::npos;
}

bool ends_with_csv(std::string_view name) {
  if (name.size() < 4) return false;
  std::string tail(name.substr(name.size() - 4));
  std::transform(tail.begin(), tail.end(), tail.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return tail == ".csv";
}

IngestJob job_from_json(const Json& json) {
  IngestJob job;
  job.id = json.value("id", "");
  job.state = json.value("state", "");
  job.file_name = json.value("file_name", "");
  job.user = json.value("user", "");
  job.dry_run = json.value("dry_run", false);
  job.created = json.value("created", "");
  job.finished = json.value("finished", "");
  job.done = json.value("done", std::size_t{0});
  job.total = json.value("total", std::size_t{0});
  job.error = json.value("error", "");
  if (json.contains("report")) job.report_json = json["report"].dump();
  return job;
}

}  // namespace

std::string IngestJob::to_json() const {
  Json json = {{"id", id},           {"state", state},     {"file_name", file_name},
               {"user", user},       {"dry_run", dry_run}, {"created", created},
               {"done", done},       {"total", total}};
  if (!finished.empty()) json["finished"] = finished;
  if (!error.empty()) json["error"] = error;
  if (!report_json.empty()) json["report"] = Json::parse(report_json, nullptr, false);
  return json.dump();
}

IngestJobs::IngestJobs(Repository& repository) : repository_(repository) {
  auto& fs = repository_.file_system();
  const std::string root = join_path(repository_.directory(), kJobsDirectory);
  if (auto entries = fs.list_directory(root)) {
    for (const auto& entry : *entries) {
      auto text = read_file(fs, join_path(join_path(root, entry.name), "job.json"));
      if (!text) continue;
      auto json = Json::parse(*text, nullptr, false);
      if (json.is_discarded()) continue;
      IngestJob job = job_from_json(json);
      if (job.id != entry.name) continue;
      if (job.state == "queued" || job.state == "running") {
        job.state = "interrupted";
        job.error = "the server stopped before the job ended; start it again to resume";
        save(job);
      }
      jobs_[job.id] = std::move(job);
    }
  }
  worker_ = std::thread([this] { work(); });
}

IngestJobs::~IngestJobs() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  changed_.notify_all();
  worker_.join();
}

std::string IngestJobs::directory(const std::string& id) const {
  return join_path(join_path(repository_.directory(), kJobsDirectory), id);
}

void IngestJobs::save(const IngestJob& job) {
  auto& fs = repository_.file_system();
  Json json = Json::parse(job.to_json());
  // Best effort: the state in memory is the truth while the process runs.
  (void)create_directories(fs, directory(job.id), Durability::kDeferred);
  (void)write_file_atomically(fs, join_path(directory(job.id), "job.json"), json.dump(2));
}

void IngestJobs::update(const std::string& id, const std::function<void(IngestJob&)>& change) {
  IngestJob copy;
  {
    std::lock_guard lock(mutex_);
    change(jobs_[id]);
    copy = jobs_[id];
  }
  save(copy);
  changed_.notify_all();
}

Result<IngestJob> IngestJobs::start(IngestJobRequest request) {
  if (!is_safe_file_name(request.file_name)) {
    return invalid_argument_error("file name \"" + request.file_name +
                                  "\" is not usable (no slashes, at most 200 characters)");
  }
  IngestJob job;
  job.id = new_uuid();
  job.state = "queued";
  job.file_name = request.file_name;
  job.user = request.actor.name;
  job.dry_run = request.dry_run;
  job.created = storage::utc_now();
  auto& fs = repository_.file_system();
  MURA_TRY(create_directories(fs, directory(job.id), Durability::kDeferred));
  const std::string kept = join_path(directory(job.id), "upload");
  MURA_TRY(fs.rename(request.upload_path, kept));
  request.upload_path = kept;
  save(job);
  {
    std::lock_guard lock(mutex_);
    jobs_[job.id] = job;
    queue_.emplace_back(job.id, std::move(request));
  }
  changed_.notify_all();
  return job;
}

Result<IngestJob> IngestJobs::get(const std::string& id) const {
  std::lock_guard lock(mutex_);
  auto it = jobs_.find(id);
  if (it == jobs_.end()) return not_found_error("ingest job " + id + " does not exist");
  return it->second;
}

std::vector<IngestJob> IngestJobs::list() const {
  std::lock_guard lock(mutex_);
  std::vector<IngestJob> jobs;
  for (const auto& [id, job] : jobs_) jobs.push_back(job);
  std::sort(jobs.begin(), jobs.end(), [](const IngestJob& a, const IngestJob& b) {
    return a.created != b.created ? a.created > b.created : a.id > b.id;
  });
  return jobs;
}

void IngestJobs::wait_idle() {
  std::unique_lock lock(mutex_);
  changed_.wait(lock, [this] { return queue_.empty() && !busy_; });
}

void IngestJobs::work() {
  while (true) {
    std::pair<std::string, IngestJobRequest> next;
    {
      std::unique_lock lock(mutex_);
      changed_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
      if (stopping_) return;
      next = std::move(queue_.front());
      queue_.pop_front();
      busy_ = true;
    }
    run(next.first, next.second);
    {
      std::lock_guard lock(mutex_);
      busy_ = false;
    }
    changed_.notify_all();
  }
}

Result<std::string> IngestJobs::prepare_source(const std::string& id,
                                               const IngestJobRequest& request) {
  auto& fs = repository_.file_system();
  const std::string source = join_path(directory(id), "source");
  if (ends_with_csv(request.file_name)) {
    MURA_TRY(create_directories(fs, source, Durability::kDeferred));
    const std::string sheet = join_path(source, request.file_name);
    MURA_ASSIGN_OR_RETURN(auto text, read_file(fs, request.upload_path));
    MURA_TRY(write_file(fs, sheet, text));
    return sheet;
  }
  MURA_TRY(formats::extract_archive(fs, request.upload_path, source));
  // A single folder at the top (how most archives are made) is the source itself.
  std::string root = source;
  MURA_ASSIGN_OR_RETURN(auto entries, fs.list_directory(root));
  if (entries.size() == 1 && entries[0].type == FileType::kDirectory) {
    root = join_path(root, entries[0].name);
    MURA_ASSIGN_OR_RETURN(entries, fs.list_directory(root));
  }
  // A bag or a tree is a directory; a folder with exactly one sheet at its top is that sheet
  // (its file column names files beside it).
  bool bag = false;
  std::vector<std::string> sheets;
  for (const auto& entry : entries) {
    if (entry.name == "bagit.txt") bag = true;
    if (entry.type != FileType::kDirectory && ends_with_csv(entry.name)) sheets.push_back(entry.name);
  }
  if (!bag && sheets.size() == 1) return join_path(root, sheets[0]);
  return root;
}

void IngestJobs::run(const std::string& id, const IngestJobRequest& request) {
  update(id, [](IngestJob& job) { job.state = "running"; });
  auto fail = [&](const std::string& message) {
    update(id, [&](IngestJob& job) {
      job.state = "failed";
      job.error = message;
      job.finished = storage::utc_now();
    });
  };
  auto source = prepare_source(id, request);
  if (!source) return fail(request.file_name + ": " + source.error().message());
  if (request.authorize) {
    IngestReport planned;
    auto items = read_source(repository_, *source, planned);
    if (planned.ok()) {
      if (Status allowed = request.authorize(items); !allowed.ok()) return fail(allowed.message());
    }
  }
  IngestOptions options;
  options.mode = request.dry_run ? IngestMode::kDryRun : IngestMode::kApply;
  options.actor = request.actor;
  options.progress = [this, &id](std::size_t done, std::size_t total) {
    std::lock_guard lock(mutex_);
    jobs_[id].done = done;
    jobs_[id].total = total;
  };
  IngestReport report = ingest(repository_, *source, options);
  update(id, [&](IngestJob& job) {
    job.state = report.ok() ? "succeeded" : "failed";
    job.report_json = report.to_json();
    job.finished = storage::utc_now();
  });
}

}  // namespace mura::service
