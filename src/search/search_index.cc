#include "search/search_index.h"

#include <xapian.h>

#include "search/document_builder.h"
#include "search/schema.h"
#include "search/stored_record.h"
#include "search/xapian_status.h"

namespace mura::search {

SearchIndex::SearchIndex(std::string directory, std::unique_ptr<Xapian::WritableDatabase> database,
                         bool fresh)
    : directory_(std::move(directory)), database_(std::move(database)), fresh_(fresh) {}

SearchIndex::~SearchIndex() {
  std::lock_guard guard(mutex_);
  try {
    if (pending_ > 0) database_->commit();
    database_->close();
  } catch (const Xapian::Error&) {
    // Nothing to report to: the changes since the last commit are lost and `mura reindex`
    // restores them; the writer's lock goes with the process either way.
  }
}

Result<std::unique_ptr<SearchIndex>> SearchIndex::open(const std::string& directory,
                                                       OpenMode mode) {
  try {
    const int flags =
        (mode == OpenMode::kRebuild ? Xapian::DB_CREATE_OR_OVERWRITE : Xapian::DB_CREATE_OR_OPEN) |
        Xapian::DB_BACKEND_GLASS;
    auto database = std::make_unique<Xapian::WritableDatabase>(directory, flags);
    return std::unique_ptr<SearchIndex>(
        new SearchIndex(directory, std::move(database), mode == OpenMode::kRebuild));
  } catch (const Xapian::Error& error) {
    return Error(xapian_status(error, directory, "open for writing"));
  }
}

Status SearchIndex::put(const IndexedRecord& entry) {
  if (entry.record.deleted) return remove(entry.record.id);
  Xapian::Document document;
  try {
    document = build_document(entry);
  } catch (const Xapian::Error& error) {
    return xapian_status(error, directory_, "index " + entry.record.id);
  }
  std::lock_guard guard(mutex_);
  try {
    if (!fresh_) MURA_TRY(remove_locked(entry.record.id));
    database_->add_document(document);
    // Xapian keeps changes in maps until it flushes; small flushes keep them fast (bench/search:
    // a third more documents per CPU second than Xapian's default of 10,000, with a quarter of
    // the memory).
    if (++pending_ >= kFlushEvery) {
      database_->commit();
      pending_ = 0;
    }
    return ok_status();
  } catch (const Xapian::Error& error) {
    return xapian_status(error, directory_, "index " + entry.record.id);
  }
}

Status SearchIndex::remove(const std::string& id) {
  std::lock_guard guard(mutex_);
  try {
    return remove_locked(id);
  } catch (const Xapian::Error& error) {
    return xapian_status(error, directory_, "remove " + id);
  }
}

Status SearchIndex::remove_locked(const std::string& id) {
  const std::string term = id_term(id);
  std::vector<Xapian::docid> old;
  for (auto posting = database_->postlist_begin(term); posting != database_->postlist_end(term);
       ++posting) {
    old.push_back(*posting);
  }
  for (Xapian::docid docid : old) {
    database_->delete_document(docid);
    ++pending_;
  }
  return ok_status();
}

Status SearchIndex::commit() {
  std::lock_guard guard(mutex_);
  try {
    database_->commit();
    pending_ = 0;
    fresh_ = false;
    return ok_status();
  } catch (const Xapian::Error& error) {
    return xapian_status(error, directory_, "commit");
  }
}

std::uint64_t SearchIndex::pending() const {
  std::lock_guard guard(mutex_);
  return pending_;
}

std::uint64_t SearchIndex::document_count() const {
  std::lock_guard guard(mutex_);
  return database_->get_doccount();
}

Result<std::vector<std::string>> SearchIndex::records_below(const std::string& ark) const {
  std::lock_guard guard(mutex_);
  try {
    std::vector<std::string> ids;
    const std::string term = ancestor_term(ark);
    for (auto posting = database_->postlist_begin(term); posting != database_->postlist_end(term);
         ++posting) {
      const Xapian::Document document = database_->get_document(*posting);
      auto id = document.termlist_begin();
      id.skip_to(std::string(kIdPrefix));
      if (id != document.termlist_end() && (*id).starts_with(kIdPrefix))
        ids.push_back((*id).substr(kIdPrefix.size()));
    }
    return ids;
  } catch (const Xapian::Error& error) {
    return Error(xapian_status(error, directory_, "list records below " + ark));
  }
}

Result<std::optional<Placement>> SearchIndex::placement(const std::string& id) const {
  std::lock_guard guard(mutex_);
  try {
    const std::string term = id_term(id);
    auto posting = database_->postlist_begin(term);
    if (posting == database_->postlist_end(term)) return std::optional<Placement>();
    MURA_ASSIGN_OR_RETURN(StoredRecord stored,
                          StoredRecord::decode(database_->get_document(*posting).get_data()));
    return std::optional<Placement>(Placement{stored.kind, stored.parent});
  } catch (const Xapian::Error& error) {
    return Error(xapian_status(error, directory_, "read " + id));
  }
}

}  // namespace mura::search
