// The writable side of Mura's search index: Xapian (glass) databases in a directory, its shards
// (index_layout.h), one document per record in one of them (docs/adr/0005-search.md for the
// terms and values). A Xapian database has one writer at a time: opening a second writer — in
// this process or another — fails at once with Unavailable, never waits. put() is thread-safe and
// builds each document outside any lock; during a rebuild each thread adds to a shard no other
// thread holds, so a rebuild indexes on every core. Changes become visible to readers at commit(),
// and every flush_threshold() documents of a shard. Xapian exceptions stop here and become Status
// values.
#pragma once

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <shared_mutex>
#include <string>
#include <vector>

#include "access/policy.h"
#include "base/result.h"
#include "record/record.h"

namespace mura::search {

class WriterLock;  // index_layout.h

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
  kRebuild,  // start a new, empty index in default_shard_count() new shards; readers see the
             // old one until the first commit() publishes the new. Commits before that one are
             // not synced to disk (a crash means rebuilding again); that commit() and later ones
             // are. Destroyed before that commit, the rebuild is abandoned and the old index stays.
};

class SearchIndex {
 public:
  // A shard commits its changes by itself every this many documents while it is small, and up
  // to kMaxFlushEvery as it grows (1 % of its documents): a flush merges the changes into every
  // changed term's posting list, and in a large shard those are many blocks, so fewer, larger
  // flushes cost less per document (bench/search at 1,000,000 records: 9 % faster with 4,000).
  static constexpr std::uint64_t kFlushEvery = 1000;
  static constexpr std::uint64_t kMaxFlushEvery = 4000;
  static constexpr std::uint64_t flush_threshold(std::uint64_t documents) {
    return std::clamp<std::uint64_t>(documents / 100, kFlushEvery, kMaxFlushEvery);
  }

  // Opens the index in `directory` for writing. Unavailable when another writer holds it;
  // DataLoss when it is corrupt (rebuild it with `mura reindex`). A new index or a rebuild gets
  // `count` shards (default_shard_count() when not given); an existing index keeps its own.
  static Result<std::unique_ptr<SearchIndex>> open(const std::string& directory, OpenMode mode,
                                                   std::optional<int> count = std::nullopt);

  ~SearchIndex();  // commits what is pending (or abandons an unpublished rebuild), then unlocks

  // Adds or replaces the document of `entry.record` (a tombstone removes it instead).
  Status put(const IndexedRecord& entry);
  // Removes the document of record `id`; removing one that is not there is not an error.
  Status remove(const std::string& id);
  // Makes every change so far visible to readers, durably.
  Status commit();
  // Changes since the last commit.
  std::uint64_t pending() const;
  std::uint64_t document_count() const;
  int shard_count() const { return static_cast<int>(shards_.size()); }
  // ARKs of the indexed records at or below `ark` (via the ancestor terms), for re-indexing a
  // subtree that moved.
  Result<std::vector<std::string>> records_below(const std::string& ark) const;
  // The placement of record `id` as indexed; std::nullopt when it is not in the index.
  Result<std::optional<Placement>> placement(const std::string& id) const;
  const std::string& directory() const { return directory_; }

 private:
  struct Shard;  // one Xapian database, the lock on it and its uncommitted changes

  enum class Mode { kOpen, kRebuild };
  SearchIndex(std::string directory, std::unique_ptr<WriterLock> lock,
              std::vector<std::unique_ptr<Shard>> shards, Mode mode);
  // The shard a rebuild adds the next document to: one that no other thread holds, if any.
  Shard& free_shard(std::unique_lock<std::mutex>& lock);
  // Commits every shard (flushing unsynced files); a rebuild's first commit then publishes its
  // shards and reopens them to sync every later commit. REQUIRES: update_ held exclusively.
  Status commit_locked();

  const std::string directory_;
  std::unique_ptr<WriterLock> lock_;  // the index's one writer
  std::vector<std::unique_ptr<Shard>> shards_;
  // Shared by a rebuild's adds (each then takes its shard's lock); exclusive for replacements and
  // removals, which look for a record's document in every shard, and for commits.
  mutable std::shared_mutex update_;
  // GUARDED_BY(update_): a rebuild before its first commit — no old documents to replace, and
  // its shards await their stub.
  bool unpublished_;
  std::atomic<unsigned> next_shard_{0};
};

}  // namespace mura::search
