#include "service/maintenance.h"

#include <atomic>
#include <chrono>
#include <mutex>
#include <thread>

#include <nlohmann/json.hpp>

#include "base/digest.h"
#include "formats/bagit.h"
#include "record/record_json.h"
#include "service/search_sync.h"
#include "storage/inventory.h"

namespace mura::service {
namespace {

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// Appends one event line to <object>/logs/fixity.jsonl, durably (OCFL keeps logs/ outside
// versions, for exactly this kind of record).
Status append_fixity_log(Repository& repository, const std::string& id,
                         const record::Event& event) {
  FileSystem& fs = repository.file_system();
  std::string logs = join_path(repository.store().object_root(id), "logs");
  MURA_TRY(create_directories(fs, logs));
  std::string path = join_path(logs, "fixity.jsonl");
  std::string text;
  if (auto existing = read_file(fs, path); existing.has_value()) text = std::move(*existing);
  text += record::encode_event(event) + "\n";
  std::string temporary =
      join_path(join_path(repository.directory(), "staging"), "fixity-" + new_uuid());
  MURA_TRY(write_file(fs, temporary, text));
  MURA_TRY(fs.rename(temporary, path));
  return fs.sync_directory(logs);
}

}  // namespace

Status export_bag(Repository& repository, const std::string& id, const std::string& bag_root) {
  MURA_ASSIGN_OR_RETURN(record::Record record, repository.read_record(id));
  std::vector<formats::BagPayloadFile> payload;
  for (const auto& file : record.files) {
    MURA_ASSIGN_OR_RETURN(std::string location,
                          repository.store().content_location(id, "files/" + file.path));
    payload.push_back({file.path, location});
  }
  formats::BagWriteOptions options;
  options.info.push_back({"External-Identifier", record.id});
  options.info.push_back({"Source-Organization", repository.config().name});
  for (const auto& value : record.fields["title"]) {
    options.info.push_back({value.language.empty() ? "Title" : "Mura-Field-title@" + value.language,
                            value.value});
  }
  if (auto title = record.first_value("title"); !title.empty()) {
    options.info.push_back({"Title", title});
  }
  if (auto description = record.first_value("description"); !description.empty()) {
    options.info.push_back({"External-Description", description});
  }
  options.info.push_back({"Mura-Kind", std::string(record::kind_name(record.kind))});
  if (!record.level.empty()) options.info.push_back({"Mura-Level", record.level});
  options.info.push_back({"Mura-Version", "v" + std::to_string(record.version)});
  MURA_ASSIGN_OR_RETURN(std::string record_json, repository.store().read(id, "record.json"));
  MURA_ASSIGN_OR_RETURN(std::string events, repository.store().read(id, "events.jsonl"));
  options.extra_tag_files.emplace_back("metadata/record.json", record_json);
  options.extra_tag_files.emplace_back("metadata/events.jsonl", events);
  return formats::write_bag(repository.file_system(), bag_root, payload, options);
}

std::string FixityReport::to_text() const {
  char rate[64];
  double megabytes = static_cast<double>(bytes) / 1e6;
  std::snprintf(rate, sizeof rate, "%.1f MB in %.2f s (%.1f MB/s)", megabytes, seconds,
                seconds > 0 ? megabytes / seconds : 0.0);
  std::string text = std::to_string(objects) + " objects, " + std::to_string(files) + " files, " +
                     rate + ": " + (ok() ? "all digests match" : std::to_string(problems.size()) +
                                                                   " problem(s)") + "\n";
  for (const auto& problem : problems) {
    text += "  " + problem.id + " " + problem.path + ": " + problem.message + "\n";
  }
  return text;
}

std::string FixityReport::to_json() const {
  nlohmann::ordered_json json;
  json["ok"] = ok();
  json["objects"] = objects;
  json["files"] = files;
  json["bytes"] = bytes;
  json["seconds"] = seconds;
  json["problems"] = nlohmann::ordered_json::array();
  for (const auto& problem : problems) {
    json["problems"].push_back({{"id", problem.id}, {"path", problem.path}, {"message", problem.message}});
  }
  return json.dump(2);
}

FixityReport audit_fixity(Repository& repository, const std::vector<std::string>& requested,
                          const FixityOptions& options) {
  auto start = std::chrono::steady_clock::now();
  FixityReport report;
  FileSystem& fs = repository.file_system();
  std::vector<std::string> ids = requested;
  if (ids.empty()) {
    auto all = repository.store().object_ids();
    if (!all) {
      report.problems.push_back({"", repository.store().root(), all.error().message()});
      return report;
    }
    ids = std::move(*all);
  }
  struct Task {
    std::size_t object;  // index into ids
    std::string path;    // content path relative to the object root
    std::string digest;
    DigestAlgorithm algorithm;
  };
  std::vector<Task> tasks;
  std::uint64_t total_bytes = 0;
  for (std::size_t index = 0; index < ids.size(); ++index) {
    const std::string& id = ids[index];
    std::string root = repository.store().object_root(id);
    auto inventory_bytes = read_file(fs, join_path(root, "inventory.json"));
    if (!inventory_bytes) {
      report.problems.push_back({id, "inventory.json", inventory_bytes.error().message()});
      continue;
    }
    auto sidecar = read_file(fs, join_path(root, "inventory.json.sha512"));
    if (!sidecar || *sidecar != storage::sidecar_for(*inventory_bytes)) {
      report.problems.push_back({id, "inventory.json.sha512",
                                 "the inventory's digest does not match its sidecar"});
    }
    auto inventory = storage::Inventory::decode(*inventory_bytes);
    if (!inventory) {
      report.problems.push_back({id, "inventory.json", inventory.error().message()});
      continue;
    }
    auto algorithm = parse_digest_algorithm(inventory->digest_algorithm);
    ++report.objects;
    for (const auto& [digest, paths] : inventory->manifest) {
      for (const auto& path : paths) {
        tasks.push_back({index, path, digest, *algorithm});
        if (auto info = fs.stat(join_path(root, path))) total_bytes += info->size;
      }
    }
  }
  std::atomic<std::size_t> next{0};
  std::atomic<std::uint64_t> bytes_done{0};
  std::mutex mutex;
  std::vector<std::size_t> failed_objects;
  auto worker = [&] {
    for (;;) {
      std::size_t index = next.fetch_add(1);
      if (index >= tasks.size()) return;
      const Task& task = tasks[index];
      std::string full = join_path(repository.store().object_root(ids[task.object]), task.path);
      auto digest = digest_file(fs, full, task.algorithm);
      std::uint64_t size = 0;
      if (auto info = fs.stat(full)) size = info->size;
      std::lock_guard guard(mutex);
      report.bytes += size;
      ++report.files;
      if (!digest) {
        report.problems.push_back({ids[task.object], task.path, digest.error().message()});
        failed_objects.push_back(task.object);
      } else {
        std::string expected = task.digest;
        std::transform(expected.begin(), expected.end(), expected.begin(),
                       [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        if (*digest != expected) {
          report.problems.push_back({ids[task.object], task.path,
                                     "content does not match its digest: expected " +
                                         expected.substr(0, 16) + "…, found " +
                                         digest->substr(0, 16) + "…"});
          failed_objects.push_back(task.object);
        }
      }
      if (options.progress) options.progress(bytes_done += size, total_bytes);
    }
  };
  std::vector<std::thread> pool;
  for (int t = 1; t < std::max(1, options.threads); ++t) pool.emplace_back(worker);
  worker();
  for (auto& thread : pool) thread.join();
  report.seconds = seconds_since(start);

  // Record the outcome per object, as an event.
  std::sort(failed_objects.begin(), failed_objects.end());
  for (std::size_t index = 0; index < ids.size(); ++index) {
    bool failed = std::binary_search(failed_objects.begin(), failed_objects.end(), index);
    if (!repository.store().object_exists(ids[index])) continue;
    record::Event event = make_event("fixity check", options.actor, failed ? "failure" : "success",
                                     failed ? "one or more files do not match their SHA-512 digest"
                                            : "every file matches its SHA-512 digest");
    Status logged = append_fixity_log(repository, ids[index], event);
    if (logged.ok()) logged = repository.catalog().append_events(ids[index], {event});
    if (!logged.ok() && logged.code() != StatusCode::kNotFound) {
      report.problems.push_back({ids[index], "logs/fixity.jsonl", logged.message()});
    }
  }
  return report;
}

ReindexReport reindex(Repository& repository, int threads, const ProgressCallback& progress) {
  auto start = std::chrono::steady_clock::now();
  ReindexReport report;
  auto ids = repository.store().object_ids();
  if (!ids) {
    report.problems.push_back(ids.error().message());
    return report;
  }
  // The search index follows through its observer. It starts afresh first, so that an index
  // busy with another writer leaves the catalog as it was; it commits at the end.
  const auto search = attached_search_sync(repository);
  if (search) {
    if (Status started = search->begin_rebuild(); !started.ok()) {
      report.problems.push_back(started.message());
      return report;
    }
  }
  if (Status cleared = repository.catalog().clear(); !cleared.ok()) {
    report.problems.push_back(cleared.message());
    return report;
  }
  bool batched = repository.catalog().begin_batch().ok();
  std::atomic<std::size_t> next{0};
  std::atomic<std::size_t> done{0};
  std::mutex mutex;
  auto worker = [&] {
    for (;;) {
      std::size_t index = next.fetch_add(1);
      if (index >= ids->size()) return;
      Status status = repository.catalog_record((*ids)[index]);
      std::size_t finished = ++done;
      std::lock_guard guard(mutex);
      if (!status.ok()) report.problems.push_back((*ids)[index] + ": " + status.message());
      if (progress) progress(finished, ids->size());
    }
  };
  std::vector<std::thread> pool;
  for (int t = 1; t < std::max(1, threads); ++t) pool.emplace_back(worker);
  worker();
  for (auto& thread : pool) thread.join();
  if (batched) {
    if (Status committed = repository.catalog().commit_batch(); !committed.ok()) {
      report.problems.push_back("catalog: " + committed.message());
    }
  }
  if (search) {
    if (Status finished = search->finish_rebuild(); !finished.ok()) {
      report.problems.push_back(finished.message());
    }
  }
  report.records = ids->size() - report.problems.size();
  report.seconds = seconds_since(start);
  return report;
}

}  // namespace mura::service
