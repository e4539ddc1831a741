#include "service/ingest.h"

#include <algorithm>
#include <map>
#include <mutex>
#include <set>
#include <span>
#include <thread>

#include <nlohmann/json.hpp>

#include "base/ark.h"
#include "base/digest.h"
#include "catalog/catalog.h"
#include "record/profile.h"

namespace mura::service {
namespace {

// The metadata of a record that an ingest sets; two records with equal parts are "unchanged".
bool same_metadata(const record::Record& a, const record::Record& b) {
  return a.kind == b.kind && a.level == b.level && a.parent == b.parent &&
         a.position == b.position && a.fields == b.fields && a.access == b.access &&
         a.rights == b.rights && a.deleted == b.deleted;
}

// True when the record's files equal the item's (same paths, labels, sizes and digests).
Result<bool> same_files(Repository& repository, const record::Record& existing,
                        const IngestItem& item) {
  if (existing.files.size() != item.files.size()) return false;
  for (const auto& source : item.files) {
    auto it = std::find_if(existing.files.begin(), existing.files.end(),
                           [&](const record::FileEntry& file) { return file.path == source.path; });
    if (it == existing.files.end() || it->label != source.label) return false;
    FileSystem& fs = source.source_fs ? *source.source_fs : repository.file_system();
    MURA_ASSIGN_OR_RETURN(FileInfo info, fs.stat(source.source_path));
    if (info.size != it->size) return false;
    MURA_ASSIGN_OR_RETURN(std::string digest,
                          digest_file(fs, source.source_path, DigestAlgorithm::kSha512));
    if (digest != it->digest) return false;
  }
  return true;
}

// The identifier of the record with `source`: derived from the source key, so that re-running
// or resuming an ingest finds its records in the store itself, whatever the catalog knows.
Result<std::pair<std::string, bool>> identifier_for(Repository& repository,
                                                    const std::string& source) {
  static constexpr std::string_view kAlphabet = "0123456789bcdfghjkmnpqrstvwxz";
  for (int attempt = 0; attempt < 16; ++attempt) {
    std::string seed = repository.config().naan + "\n" + source;
    if (attempt > 0) seed += "\n" + std::to_string(attempt);
    std::string digest = digest_hex(DigestAlgorithm::kSha256, seed);
    std::string name = repository.config().shoulder;
    for (std::size_t i = 0; i < 9; ++i) {
      unsigned value = static_cast<unsigned>(std::stoul(digest.substr(i * 2, 2), nullptr, 16));
      name += kAlphabet[value % kAlphabet.size()];
    }
    name += noid_check_char(repository.config().naan + "/" + name);
    std::string id = "ark:/" + repository.config().naan + "/" + name;
    if (!repository.store().object_exists(id)) return std::make_pair(id, false);
    MURA_ASSIGN_OR_RETURN(record::Record existing, repository.read_record(id));
    if (existing.source == source) return std::make_pair(id, true);
  }
  return internal_error("no free identifier for " + source);
}

// Records written with one group commit of the store: large enough that the syncs of a batch
// cost little per record, small enough to keep a few hundred files open at most.
constexpr std::size_t kBatchRecords = 40;

struct Planned {
  IngestItem* item = nullptr;
  std::string id;
  bool exists = false;
  int depth = 0;
};

}  // namespace

std::string IngestReport::to_text() const {
  std::string text;
  if (!problems.empty()) {
    text += "ingest refused: " + std::to_string(problems.size()) +
            " problem(s); nothing was written\n";
    for (const auto& problem : problems) text += "  " + problem + "\n";
    return text;
  }
  if (!failures.empty()) {
    text += "ingest stopped: " + std::to_string(failures.size()) +
            " failure(s); the records written before them are complete, and running the same "
            "ingest again resumes\n";
    for (const auto& failure : failures) text += "  " + failure + "\n";
  }
  text += std::to_string(created) + " created, " + std::to_string(updated) + " updated, " +
          std::to_string(unchanged) + " unchanged; " + std::to_string(files) + " files, " +
          std::to_string(bytes) + " bytes\n";
  return text;
}

std::string IngestReport::to_json() const {
  nlohmann::ordered_json json;
  json["ok"] = ok();
  json["created"] = created;
  json["updated"] = updated;
  json["unchanged"] = unchanged;
  json["files"] = files;
  json["bytes"] = bytes;
  json["problems"] = problems;
  json["failures"] = failures;
  nlohmann::ordered_json records_json = nlohmann::ordered_json::array();
  for (const auto& [source, id] : records) records_json.push_back({{"source", source}, {"id", id}});
  json["records"] = std::move(records_json);
  return json.dump(2);
}

std::vector<IngestItem> read_source(Repository& repository, const std::string& path,
                                    IngestReport& report) {
  FileSystem& fs = repository.file_system();
  auto info = fs.stat(path);
  if (!info) {
    report.problems.push_back(path + ": " + info.error().message());
    return {};
  }
  if (info->type == FileType::kDirectory) {
    if (path_exists(fs, join_path(path, "bagit.txt"))) return read_bag(repository, path, report);
    return read_tree(repository, path, report);
  }
  return read_sheet(repository, path, report);
}

IngestReport ingest(Repository& repository, const std::string& path, const IngestOptions& options) {
  IngestReport report;
  std::vector<IngestItem> items = read_source(repository, path, report);
  if (!report.ok()) return report;

  // Resolve identifiers and parents; order parents before children.
  std::map<std::string, Planned> planned;
  for (auto& item : items) {
    auto id = identifier_for(repository, item.source);
    if (!id) {
      report.problems.push_back(item.location + ": " + id.error().message());
      continue;
    }
    planned[item.source] = Planned{&item, id->first, id->second, 0};
  }
  for (auto& [source, plan] : planned) {
    // Depth by walking parent keys; a cycle is reported once per member.
    std::set<std::string> seen{source};
    std::string parent = plan.item->parent_key;
    int depth = 0;
    while (!parent.empty()) {
      if (!seen.insert(parent).second) {
        report.problems.push_back(plan.item->location + ": the parent chain loops back (" +
                                  parent + "); a record cannot be its own ancestor");
        break;
      }
      auto it = planned.find(parent);
      if (it == planned.end()) break;
      ++depth;
      parent = it->second.item->parent_key;
    }
    plan.depth = depth;
    plan.item->draft.id = plan.id;
    if (!plan.item->parent_key.empty()) {
      auto it = planned.find(plan.item->parent_key);
      if (it != planned.end()) plan.item->draft.parent = it->second.id;
    } else {
      plan.item->draft.parent = plan.item->parent_id;
    }
    plan.item->draft.source = source;
    // Reference fields name a row of the same source by key, or an existing record.
    const record::Profile& profile = repository.profiles().profile(plan.item->draft.kind);
    for (auto& [name, values] : plan.item->draft.fields) {
      const record::FieldDefinition* field = profile.field(name);
      if (field == nullptr || field->type != record::FieldType::kReference) continue;
      std::string prefix = source.substr(0, source.find('#') + 1);
      for (auto& value : values) {
        if (auto row = planned.find(prefix + value.value); row != planned.end() && !prefix.empty()) {
          value.value = row->second.id;
        } else if (value.value.starts_with("ark:") && repository.store().object_exists(value.value)) {
          continue;
        } else if (auto found = repository.catalog().find_by_identifier(value.value);
                   found && found->size() == 1) {
          value.value = found->front();
        } else {
          report.problems.push_back(plan.item->location + ", column \"" + name + "\": \"" +
                                    value.value + "\" is neither a key of this source nor a "
                                    "known record");
        }
      }
    }
    // A depositor's identifier names one record in the whole repository.
    for (const auto& field : catalog::kIdentifierFields) {
      auto values = plan.item->draft.fields.find(std::string(field));
      if (values == plan.item->draft.fields.end()) continue;
      for (const auto& value : values->second) {
        auto owners = repository.catalog().find_by_identifier(value.value);
        if (!owners) continue;
        for (const auto& owner : *owners) {
          if (owner != plan.id) {
            report.problems.push_back(plan.item->location + ": " + std::string(field) + " \"" +
                                      value.value + "\" already belongs to " + owner);
          }
        }
      }
    }
    auto problems = repository.profiles().validate(plan.item->draft);
    for (const auto& problem : problems) {
      report.problems.push_back(plan.item->location + ": " + problem);
    }
  }
  if (!report.ok()) return report;

  std::map<int, std::vector<Planned*>> levels;
  for (auto& [source, plan] : planned) levels[plan.depth].push_back(&plan);
  std::size_t total = planned.size();
  std::size_t done = 0;
  std::mutex mutex;
  std::vector<std::string> failures;

  auto tally = [&](const Planned& plan, const std::string& kind, std::uint64_t bytes) {
    std::lock_guard guard(mutex);
    if (kind == "created") ++report.created;
    if (kind == "updated") ++report.updated;
    if (kind == "unchanged") ++report.unchanged;
    if (kind != "unchanged") {
      report.files += plan.item->files.size();
      report.bytes += bytes;
    }
    report.records.emplace_back(plan.item->source, plan.id);
    ++done;
    if (options.progress) options.progress(done, total);
  };
  auto fail = [&](const Planned& plan, const Status& status) {
    std::lock_guard guard(mutex);
    failures.push_back(plan.item->location + ": " + status.message());
  };

  // A pending write of one batch: the record it creates or updates and what to report.
  struct Pending {
    Planned* plan = nullptr;
    std::string kind;
    std::uint64_t bytes = 0;
  };
  // Decides what `plan` needs: nothing (unchanged, cataloged again when the catalog missed it),
  // or a write, added to `writes`.
  auto plan_write = [&](Planned& plan, std::vector<RecordWrite>& writes,
                        std::vector<Pending>& pending) -> Status {
    IngestItem& item = *plan.item;
    std::uint64_t bytes = 0;
    for (const auto& file : item.files) {
      FileSystem& fs = file.source_fs ? *file.source_fs : repository.file_system();
      if (auto info = fs.stat(file.source_path)) bytes += info->size;
    }
    RecordWrite write;
    write.message = "ingest from " + item.source;
    write.record = item.draft;
    if (plan.exists) {
      MURA_ASSIGN_OR_RETURN(record::Record existing, repository.read_record(plan.id));
      MURA_ASSIGN_OR_RETURN(bool files_same, same_files(repository, existing, item));
      if (same_metadata(existing, item.draft) && files_same) {
        // A resumed ingest may find records the catalog missed: catalog them now.
        if (options.mode == IngestMode::kApply) {
          MURA_ASSIGN_OR_RETURN(auto cataloged, repository.catalog().get_record(plan.id));
          if (!cataloged || cataloged->version != existing.version) {
            MURA_TRY(repository.catalog_record(plan.id));
          }
        }
        tally(plan, "unchanged", bytes);
        return ok_status();
      }
      write.record.id = plan.id;
      write.expected_version = existing.version;
      for (const auto& file : existing.files) write.files.remove.push_back(file.path);
      write.files.add = item.files;
      std::erase_if(write.files.remove, [&](const std::string& removed) {
        return std::any_of(item.files.begin(), item.files.end(),
                           [&](const FileSource& added) { return added.path == removed; });
      });
      pending.push_back({&plan, "updated", bytes});
    } else {
      write.files.add = item.files;
      pending.push_back({&plan, "created", bytes});
    }
    writes.push_back(std::move(write));
    return ok_status();
  };
  // Writes a batch of records of one level with one group commit (docs/adr/0010).
  auto process = [&](std::span<Planned*> batch) {
    std::vector<RecordWrite> writes;
    std::vector<Pending> pending;
    for (Planned* plan : batch) {
      if (Status status = plan_write(*plan, writes, pending); !status.ok()) fail(*plan, status);
    }
    if (options.mode == IngestMode::kDryRun) {
      for (const auto& write : pending) tally(*write.plan, write.kind, write.bytes);
      return;
    }
    std::vector<Status> statuses = repository.write_records(std::move(writes), options.actor);
    for (std::size_t i = 0; i < pending.size(); ++i) {
      if (statuses[i].ok()) {
        tally(*pending[i].plan, pending[i].kind, pending[i].bytes);
      } else {
        fail(*pending[i].plan, statuses[i]);
      }
    }
  };

  bool batched = options.mode == IngestMode::kApply && repository.catalog().begin_batch().ok();
  for (auto& [depth, level] : levels) {
    // Batches small enough that every worker gets a share of a small level.
    int threads = std::max(1, std::min<int>(options.threads, static_cast<int>(level.size())));
    std::size_t share = (level.size() + static_cast<std::size_t>(threads) - 1) /
                        static_cast<std::size_t>(threads);
    std::size_t batch_size = std::clamp<std::size_t>(share, 1, kBatchRecords);
    std::size_t next = 0;
    auto worker = [&] {
      for (;;) {
        std::span<Planned*> batch;
        {
          std::lock_guard guard(mutex);
          if (next >= level.size() || !failures.empty()) return;
          std::size_t count = std::min(batch_size, level.size() - next);
          batch = std::span<Planned*>(level).subspan(next, count);
          next += count;
        }
        process(batch);
      }
    };
    std::vector<std::thread> pool;
    for (int t = 1; t < threads; ++t) pool.emplace_back(worker);
    worker();
    for (auto& thread : pool) thread.join();
    if (!failures.empty()) break;
  }
  if (batched) {
    Status committed = repository.catalog().commit_batch();
    if (!committed.ok()) failures.push_back("catalog: " + committed.message());
  }
  report.failures = std::move(failures);
  std::sort(report.records.begin(), report.records.end());
  return report;
}

}  // namespace mura::service
