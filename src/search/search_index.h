// The writable side of Mura's search index: one Xapian (glass) database in a directory, one
// document per record (docs/adr/0005-search.md for the terms and values). A Xapian database has
// one writer at a time: opening a second writer — in this process or another — fails at once
// with Unavailable, never waits. put() is thread-safe and builds each document outside the
// writer's lock, so several threads index in parallel. Changes become visible to readers at
// commit(), and every kFlushEvery documents. Xapian exceptions stop here and become Status values.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "access/policy.h"
#include "base/result.h"
#include "record/record.h"

namespace Xapian {
class WritableDatabase;
}

namespace mura::search {

// A record as the index sees it: the record and what the repository knows around it.
struct IndexedRecord {
  record::Record record;
  // ARKs of the record's ancestors, from the root down to its parent.
  std::vector<std::string> ancestors;
  // ARKs of the collections among the ancestors and the record itself (a collection), root first.
  std::vector<std::string> collections;
  // The nearest of those (the catalog's RecordSummary::collection); "" when none.
  std::string collection;
  access::RecordRequirements requirements;
  // Text of the record's files (plain text, OCR), searched only by callers who may see files.
  std::string full_text;
};

// Where an indexed record stands in the hierarchy, as last indexed.
struct Placement {
  std::string kind;
  std::string parent;
  friend bool operator==(const Placement&, const Placement&) = default;
};

enum class OpenMode {
  kOpen,     // open the index, creating it when there is none
  kRebuild,  // start a new, empty index; readers see the old one until the first commit
};

class SearchIndex {
 public:
  // Changes are committed by themselves every this many documents.
  static constexpr std::uint64_t kFlushEvery = 1000;

  // Opens the index in `directory` for writing. Unavailable when another writer holds it;
  // DataLoss when it is corrupt (rebuild it with `mura reindex`).
  static Result<std::unique_ptr<SearchIndex>> open(const std::string& directory, OpenMode mode);

  ~SearchIndex();  // commits what is pending, then releases the writer's lock

  // Adds or replaces the document of `entry.record` (a tombstone removes it instead).
  Status put(const IndexedRecord& entry);
  // Removes the document of record `id`; removing one that is not there is not an error.
  Status remove(const std::string& id);
  // Makes every change so far visible to readers, durably.
  Status commit();
  // Changes since the last commit.
  std::uint64_t pending() const;
  std::uint64_t document_count() const;
  // ARKs of the indexed records at or below `ark` (via the ancestor terms), for re-indexing a
  // subtree that moved.
  Result<std::vector<std::string>> records_below(const std::string& ark) const;
  // The placement of record `id` as indexed; std::nullopt when it is not in the index.
  Result<std::optional<Placement>> placement(const std::string& id) const;
  const std::string& directory() const { return directory_; }

 private:
  SearchIndex(std::string directory, std::unique_ptr<Xapian::WritableDatabase> database,
              bool fresh);
  Status remove_locked(const std::string& id);

  const std::string directory_;
  mutable std::mutex mutex_;
  std::unique_ptr<Xapian::WritableDatabase> database_;  // GUARDED_BY(mutex_)
  bool fresh_;                                          // a rebuild: no old documents to replace
  std::uint64_t pending_ = 0;                           // GUARDED_BY(mutex_)
};

}  // namespace mura::search
