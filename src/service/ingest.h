// Ingest: turns a source — a CSV sheet, a BagIt bag, or a directory tree — into records.
// Everything is checked before anything is written: a source with any problem ingests nothing
// and the report lists every problem with its place (file, row, column). Re-running a source
// changes nothing (records are matched by their `source` key); an interrupted ingest resumes
// where it stopped. Records are written parents first, level by level; within a level, in
// batches that each become durable with one group commit of the store (docs/adr/0010), on
// `threads` workers.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "service/repository.h"

namespace mura::service {

enum class IngestMode { kApply, kDryRun };

// One planned record: what the source says, before identifiers are resolved.
struct IngestItem {
  std::string source;      // "demo.csv#fonds-1": the record's source key
  std::string location;    // "demo.csv row 4": for messages
  record::Record draft;    // fields, kind, level, access, rights, position
  std::string parent_key;  // the source key of a parent in the same source, or
  std::string parent_id;   // the ARK of an existing parent
  std::vector<FileSource> files;
};

struct IngestReport {
  std::size_t created = 0;
  std::size_t updated = 0;
  std::size_t unchanged = 0;
  std::size_t files = 0;
  std::uint64_t bytes = 0;
  // Problems found before writing, each with its place; when any, nothing was written.
  std::vector<std::string> problems;
  // Failures while writing: the records before them are complete; re-running resumes.
  std::vector<std::string> failures;
  std::vector<std::pair<std::string, std::string>> records;  // (source key, ARK)
  bool ok() const { return problems.empty() && failures.empty(); }
  std::string to_text() const;
  std::string to_json() const;
};

// Called after each record with (records done, records in all).
using ProgressCallback = std::function<void(std::size_t done, std::size_t total)>;

struct IngestOptions {
  IngestMode mode = IngestMode::kApply;
  Actor actor;
  int threads = 2;
  ProgressCallback progress;
};

// Reads a source into items; problems are added to `report` (the items may then be partial).
// The kind of source is chosen by what `path` is: a directory with bagit.txt is a bag, any
// other directory a tree, a file a CSV sheet. Paths are on the repository's file system.
std::vector<IngestItem> read_source(Repository& repository, const std::string& path,
                                    IngestReport& report);
std::vector<IngestItem> read_sheet(Repository& repository, const std::string& path,
                                   IngestReport& report);
std::vector<IngestItem> read_bag(Repository& repository, const std::string& path,
                                 IngestReport& report);
std::vector<IngestItem> read_tree(Repository& repository, const std::string& path,
                                  IngestReport& report);

// Checks and (unless dry-run) writes the items. The report says what was (or would be) done.
IngestReport ingest(Repository& repository, const std::string& path, const IngestOptions& options);

}  // namespace mura::service
