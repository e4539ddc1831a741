// Maintenance use cases: export a record as a BagIt bag, audit fixity, rebuild the catalog.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "service/ingest.h"
#include "service/repository.h"

namespace mura::service {

// Writes the head version of record `id` as a BagIt 1.0 bag at `bag_root` (which must not
// exist): the files as payload, record.json and events.jsonl as tag files under metadata/,
// bag-info.txt with the ARK, title and description.
Status export_bag(Repository& repository, const std::string& id, const std::string& bag_root);

struct FixityProblem {
  std::string id;
  std::string path;  // content path relative to the object root
  std::string message;
};

struct FixityReport {
  std::size_t objects = 0;
  std::size_t files = 0;
  std::uint64_t bytes = 0;
  double seconds = 0;
  std::vector<FixityProblem> problems;
  bool ok() const { return problems.empty(); }
  std::string to_text() const;
  std::string to_json() const;
};

struct FixityOptions {
  int threads = 2;
  ProgressCallback progress;  // (bytes done, bytes in all)
  Actor actor;
};

// Re-reads every content file of the given objects (all when `ids` is empty), across every
// version, compares it with the inventory's digest and checks each inventory's sidecar. Uses
// `threads` readers with 1 MiB buffers each (bounded memory). The outcome is recorded as a
// "fixity check" event in each object's logs/fixity.jsonl and in the catalog.
FixityReport audit_fixity(Repository& repository, const std::vector<std::string>& ids,
                          const FixityOptions& options);

struct ReindexReport {
  std::size_t records = 0;
  std::vector<std::string> problems;
  double seconds = 0;
};

// Rebuilds the catalog from the store alone, with `threads` readers.
ReindexReport reindex(Repository& repository, int threads, const ProgressCallback& progress);

}  // namespace mura::service
