#include "search/search_index.h"

#include <xapian.h>

#include <algorithm>
#include <filesystem>

#include "search/document_builder.h"
#include "search/index_layout.h"
#include "search/schema.h"
#include "search/stored_record.h"
#include "search/xapian_status.h"

namespace mura::search {

struct SearchIndex::Shard {
  std::string path;
  std::mutex mutex;
  std::unique_ptr<Xapian::WritableDatabase> database;  // GUARDED_BY(mutex)
  std::uint64_t pending = 0;                           // GUARDED_BY(mutex)
  bool unsynced = false;  // opened without syncing commits: commit() flushes the files itself

  // Commits, and flushes the files when Xapian did not. REQUIRES: mutex held.
  Status commit_locked() {
    database->commit();
    pending = 0;
    return unsynced ? sync_database_files(path) : ok_status();
  }

  // Removes the documents of record `id`; whether there were any. REQUIRES: mutex held.
  bool remove_locked(const std::string& id) {
    const std::string term = id_term(id);
    std::vector<Xapian::docid> old;
    for (auto posting = database->postlist_begin(term); posting != database->postlist_end(term);
         ++posting) {
      old.push_back(*posting);
    }
    for (Xapian::docid docid : old) {
      database->delete_document(docid);
      ++pending;
    }
    return !old.empty();
  }

  // Adds a document, committing every flush_threshold() changes: Xapian keeps changes in maps
  // until it flushes, and small flushes keep them fast (bench/search: a third more documents per
  // CPU second than Xapian's default of 10,000, with a quarter of the memory). REQUIRES: mutex
  // held.
  void add_locked(const Xapian::Document& document) {
    database->add_document(document);
    if (++pending >= flush_threshold(database->get_doccount())) {
      database->commit();
      pending = 0;
    }
  }
};

namespace {

// The shard a record's document goes to when no shard holds one: FNV-1a of the ARK, the same in
// every process and every build.
std::size_t home_shard(const std::string& id, std::size_t shards) {
  std::uint64_t hash = 14695981039346656037ull;
  for (const char c : id) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 1099511628211ull;
  }
  return static_cast<std::size_t>(hash % shards);
}

}  // namespace

SearchIndex::SearchIndex(std::string directory, std::unique_ptr<WriterLock> lock,
                         std::vector<std::unique_ptr<Shard>> shards, Mode mode)
    : directory_(std::move(directory)),
      lock_(std::move(lock)),
      shards_(std::move(shards)),
      unpublished_(mode == Mode::kRebuild) {}

SearchIndex::~SearchIndex() {
  std::unique_lock update(update_);
  if (unpublished_) {
    // A rebuild that never committed is abandoned: the published index stays as it was.
    std::vector<std::string> paths;
    for (auto& shard : shards_) {
      paths.push_back(shard->path);
      shard->database.reset();
    }
    remove_shards(paths);
    return;
  }
  // Nothing to report to: on failure the changes since the last commit are lost and
  // `mura reindex` restores them.
  (void)commit_locked();
  for (auto& shard : shards_) {
    std::lock_guard guard(shard->mutex);
    try {
      shard->database->close();
    } catch (const Xapian::Error&) {
    }
  }
}

Result<std::unique_ptr<SearchIndex>> SearchIndex::open(const std::string& directory, OpenMode mode,
                                                       std::optional<int> count) {
  std::error_code made;
  std::filesystem::create_directories(directory, made);
  if (made) return Error(errno_status(made.value(), "create the search index", directory));
  MURA_ASSIGN_OR_RETURN(auto lock, WriterLock::acquire(directory));
  const bool rebuild = mode == OpenMode::kRebuild;
  auto layout = read_layout(directory);
  if (!layout && !rebuild) return Error(layout.error());  // a rebuild replaces a damaged one
  const bool exists = layout && layout->has_value();
  const std::vector<std::string> paths =
      exists && !rebuild
          ? (*layout)->shards
          : new_shard_paths(directory, std::max(1, count.value_or(default_shard_count())));
  std::vector<std::unique_ptr<Shard>> shards;
  try {
    for (const auto& path : paths) {
      auto shard = std::make_unique<Shard>();
      shard->path = path;
      shard->unsynced = rebuild;
      // A rebuild's shards have no readers until it publishes them, and a crash before then
      // means rebuilding again: they are written in place (DB_DANGEROUS: no copy-on-write, an
      // index an eighth smaller) and without syncing.
      const int flags =
          (rebuild ? Xapian::DB_CREATE_OR_OVERWRITE | Xapian::DB_NO_SYNC | Xapian::DB_DANGEROUS
                   : Xapian::DB_CREATE_OR_OPEN) |
          Xapian::DB_BACKEND_GLASS;
      shard->database = std::make_unique<Xapian::WritableDatabase>(path, flags);
      if (rebuild || !exists) {
        shard->database->set_metadata(std::string(kSchemaKey), std::string(kSchemaVersion));
        // A new index is searchable at once; a rebuild's first commit() publishes it.
        if (!rebuild) shard->database->commit();
      }
      shards.push_back(std::move(shard));
    }
  } catch (const Xapian::Error& error) {
    if (rebuild || !exists) remove_shards(paths);
    return Error(xapian_status(error, directory, "open for writing"));
  }
  // A new index is published at once (empty shards); a rebuild at its first commit.
  if (!exists && !rebuild) MURA_TRY(publish_layout(directory, paths));
  return std::unique_ptr<SearchIndex>(new SearchIndex(directory, std::move(lock), std::move(shards),
                                                      rebuild ? Mode::kRebuild : Mode::kOpen));
}

SearchIndex::Shard& SearchIndex::free_shard(std::unique_lock<std::mutex>& lock) {
  const std::size_t count = shards_.size();
  const std::size_t first = next_shard_.fetch_add(1) % count;
  for (std::size_t i = 0; i < count; ++i) {
    Shard& shard = *shards_[(first + i) % count];
    lock = std::unique_lock(shard.mutex, std::try_to_lock);
    if (lock.owns_lock()) return shard;
  }
  Shard& shard = *shards_[first];
  lock = std::unique_lock(shard.mutex);
  return shard;
}

Status SearchIndex::put(const IndexedRecord& entry) {
  if (entry.record.deleted) return remove(entry.record.id);
  const std::string& id = entry.record.id;
  Xapian::Document document;
  try {
    document = build_document(entry);
  } catch (const Xapian::Error& error) {
    return xapian_status(error, directory_, "index " + id);
  }
  try {
    {
      std::shared_lock rebuilding(update_);
      if (unpublished_) {
        std::unique_lock<std::mutex> lock;
        free_shard(lock).add_locked(document);
        return ok_status();
      }
    }
    // The new document replaces the old one in the shard that held it, in one commit.
    // (unpublished_ only ever becomes false, so it need not be read again.)
    std::unique_lock update(update_);
    std::optional<std::size_t> holder;
    for (std::size_t i = 0; i < shards_.size(); ++i) {
      std::lock_guard guard(shards_[i]->mutex);
      if (shards_[i]->remove_locked(id) && !holder) holder = i;
    }
    Shard& shard = *shards_[holder.value_or(home_shard(id, shards_.size()))];
    std::lock_guard guard(shard.mutex);
    shard.add_locked(document);
    return ok_status();
  } catch (const Xapian::Error& error) {
    return xapian_status(error, directory_, "index " + id);
  }
}

Status SearchIndex::remove(const std::string& id) {
  std::unique_lock update(update_);
  try {
    for (auto& shard : shards_) {
      std::lock_guard guard(shard->mutex);
      shard->remove_locked(id);
    }
    return ok_status();
  } catch (const Xapian::Error& error) {
    return xapian_status(error, directory_, "remove " + id);
  }
}

Status SearchIndex::commit() {
  std::unique_lock update(update_);
  return commit_locked();
}

Status SearchIndex::commit_locked() {
  try {
    for (auto& shard : shards_) {
      std::lock_guard guard(shard->mutex);
      MURA_TRY(shard->commit_locked());
    }
    if (unpublished_) {
      std::vector<std::string> paths;
      for (const auto& shard : shards_) paths.push_back(shard->path);
      MURA_TRY(publish_layout(directory_, paths));
      unpublished_ = false;
      // From now on Xapian syncs each commit itself, in the order it relies on.
      for (auto& shard : shards_) {
        std::lock_guard guard(shard->mutex);
        shard->database->close();
        shard->database = std::make_unique<Xapian::WritableDatabase>(
            shard->path, Xapian::DB_CREATE_OR_OPEN | Xapian::DB_BACKEND_GLASS);
        shard->unsynced = false;
      }
    }
  } catch (const Xapian::Error& error) {
    return xapian_status(error, directory_, "commit");
  }
  return ok_status();
}

std::uint64_t SearchIndex::pending() const {
  std::uint64_t total = 0;
  for (const auto& shard : shards_) {
    std::lock_guard guard(shard->mutex);
    total += shard->pending;
  }
  return total;
}

std::uint64_t SearchIndex::document_count() const {
  std::uint64_t total = 0;
  for (const auto& shard : shards_) {
    std::lock_guard guard(shard->mutex);
    total += shard->database->get_doccount();
  }
  return total;
}

Result<std::vector<std::string>> SearchIndex::records_below(const std::string& ark) const {
  try {
    std::vector<std::string> ids;
    const std::string term = ancestor_term(ark);
    for (const auto& shard : shards_) {
      std::lock_guard guard(shard->mutex);
      const Xapian::WritableDatabase& database = *shard->database;
      for (auto posting = database.postlist_begin(term); posting != database.postlist_end(term);
           ++posting) {
        const Xapian::Document document = database.get_document(*posting);
        auto id = document.termlist_begin();
        id.skip_to(std::string(kIdPrefix));
        if (id != document.termlist_end() && (*id).starts_with(kIdPrefix))
          ids.push_back((*id).substr(kIdPrefix.size()));
      }
    }
    return ids;
  } catch (const Xapian::Error& error) {
    return Error(xapian_status(error, directory_, "list records below " + ark));
  }
}

Result<std::optional<Placement>> SearchIndex::placement(const std::string& id) const {
  try {
    const std::string term = id_term(id);
    for (const auto& shard : shards_) {
      std::lock_guard guard(shard->mutex);
      const Xapian::WritableDatabase& database = *shard->database;
      auto posting = database.postlist_begin(term);
      if (posting == database.postlist_end(term)) continue;
      MURA_ASSIGN_OR_RETURN(StoredRecord stored,
                            StoredRecord::decode(database.get_document(*posting).get_data()));
      return std::optional<Placement>(Placement{stored.kind, stored.parent});
    }
    return std::optional<Placement>();
  } catch (const Xapian::Error& error) {
    return Error(xapian_status(error, directory_, "read " + id));
  }
}

}  // namespace mura::search
