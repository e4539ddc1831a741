// SearchSync keeps a repository's search index (<repository>/search, search/search_index.h) in
// step with its store: as a RecordObserver it indexes every record the repository catalogs —
// with its ancestors, collections, access requirements and the text of its plain-text files —
// and removes withdrawn ones; when a record moves or changes kind, its indexed subtree follows.
// `mura reindex` rebuilds the index through it (begin_rebuild / finish_rebuild).
//
// The index has a single writer. kEachRecord (for `mura serve`) opens it for each record and
// commits at once, so searches see a write as soon as it returns and other processes can write
// between requests; kBatched (for the command line) holds it and commits every `batch` records
// and when the SearchSync is destroyed. When another process holds the writer, a write is
// retried for `lock_wait` and then fails with Unavailable — it never hangs. Thread-safe.
#pragma once

#include <chrono>
#include <cstddef>
#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "search/search_index.h"
#include "service/repository.h"

namespace mura::service {

struct SearchSyncOptions {
  enum class Commit { kEachRecord, kBatched };
  Commit commit = Commit::kBatched;
  std::size_t batch = 2000;
  std::chrono::milliseconds lock_wait{1500};
  // Plain-text files up to this size are indexed as the record's full text.
  std::uint64_t max_text_file_bytes = 1 << 20;
};

class SearchSync : public RecordObserver {
 public:
  // The index directory of a repository: <repository>/search.
  static std::string index_directory(const Repository& repository);

  SearchSync(Repository& repository, SearchSyncOptions options);
  ~SearchSync() override;  // commits what is pending

  Status record_cataloged(const record::Record& head) override;

  // A rebuild: the index is started afresh (readers keep the old one until the first commit),
  // every record cataloged until finish_rebuild() is added, and finish_rebuild() commits.
  Status begin_rebuild();
  Status finish_rebuild();
  // Commits pending changes (kBatched).
  Status flush();

  // What the index is told of `head`: ancestors and collections (read from the store, so that
  // it does not depend on the catalog's open batch), requirements, full text.
  Result<search::IndexedRecord> indexed(const record::Record& head);

 private:
  struct Node {
    record::Kind kind;
    std::string parent;
  };
  Result<Node> node_of(const std::string& id);
  // The writer, opened on first use (waiting up to lock_wait for another writer to finish).
  Result<search::SearchIndex*> writer(search::OpenMode mode);  // REQUIRES: writer_mutex_ held
  // Re-indexes the records below `id` (its subtree moved or its kind changed).
  Status reindex_below(search::SearchIndex& index, const std::string& id);
  Status after_write();  // REQUIRES: writer_mutex_ held

  Repository& repository_;
  const SearchSyncOptions options_;
  const std::string directory_;
  std::mutex writer_mutex_;
  std::unique_ptr<search::SearchIndex> index_;  // GUARDED_BY(writer_mutex_)
  bool rebuilding_ = false;                     // GUARDED_BY(writer_mutex_)
  std::mutex nodes_mutex_;
  std::map<std::string, Node> nodes_;  // GUARDED_BY(nodes_mutex_): records met as ancestors
};

// Adds a SearchSync to `repository` as an observer and remembers it, so that reindex finds it.
// REQUIRES: the repository is not yet shared between threads (Repository::add_observer).
std::shared_ptr<SearchSync> attach_search_sync(Repository& repository,
                                               SearchSyncOptions options = {});
// The SearchSync attached to `repository`, or nullptr.
std::shared_ptr<SearchSync> attached_search_sync(const Repository& repository);

}  // namespace mura::service
