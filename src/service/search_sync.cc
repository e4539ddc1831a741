#include "service/search_sync.h"

#include <thread>

#include "base/file_system.h"
#include "service/derivatives.h"
#include "service/record_access.h"

namespace mura::service {
namespace {

constexpr std::size_t kMaxDepth = 256;

std::mutex& registry_mutex() {
  static std::mutex mutex;
  return mutex;
}
std::map<const Repository*, std::weak_ptr<SearchSync>>& registry() {
  static std::map<const Repository*, std::weak_ptr<SearchSync>> syncs;
  return syncs;
}

bool is_plain_text(const record::FileEntry& file) {
  return file.media_type.starts_with("text/plain") || file.path.ends_with(".txt");
}

}  // namespace

std::string SearchSync::index_directory(const Repository& repository) {
  return join_path(repository.directory(), "search");
}

SearchSync::SearchSync(Repository& repository, SearchSyncOptions options)
    : repository_(repository), options_(options), directory_(index_directory(repository)) {}

SearchSync::~SearchSync() {
  std::lock_guard guard(writer_mutex_);
  index_.reset();  // commits what is pending
}

Result<SearchSync::Node> SearchSync::node_of(const std::string& id) {
  {
    std::lock_guard guard(nodes_mutex_);
    if (auto it = nodes_.find(id); it != nodes_.end()) return it->second;
  }
  MURA_ASSIGN_OR_RETURN(record::Record record, repository_.read_record(id));
  Node node{record.kind, record.parent};
  std::lock_guard guard(nodes_mutex_);
  nodes_.insert_or_assign(id, node);
  return node;
}

Result<search::IndexedRecord> SearchSync::indexed(const record::Record& head) {
  search::IndexedRecord entry;
  entry.record = head;
  std::vector<std::pair<std::string, record::Kind>> chain;  // from the parent up
  for (std::string parent = head.parent; !parent.empty() && chain.size() < kMaxDepth;) {
    auto node = node_of(parent);
    if (!node) {
      if (node.error().code() == StatusCode::kNotFound) break;  // an ancestor not (yet) stored
      return Error(node.error());
    }
    if (parent == head.id || std::any_of(chain.begin(), chain.end(),
                                         [&](const auto& link) { return link.first == parent; })) {
      break;  // a cycle; the catalog refuses these, the index just stops
    }
    chain.emplace_back(parent, node->kind);
    parent = node->parent;
  }
  for (auto link = chain.rbegin(); link != chain.rend(); ++link) {
    entry.ancestors.push_back(link->first);
    if (link->second == record::Kind::kCollection) entry.collections.push_back(link->first);
  }
  if (head.kind == record::Kind::kCollection) entry.collections.push_back(head.id);
  entry.collection = entry.collections.empty() ? "" : entry.collections.back();
  entry.requirements = requirements_of(repository_, head, entry.collection);
  for (const auto& file : head.files) {
    if (!is_plain_text(file) || file.size > options_.max_text_file_bytes) continue;
    if (auto text = repository_.store().read(head.id, "files/" + file.path)) {
      entry.full_text += *text;
      entry.full_text += '\n';
    }
  }
  // The OCR of scans and the text of PDFs, once the derivative jobs have made them (a job that
  // makes text catalogs the record again, which brings it here). The text layers are a cache: a
  // missing or unreadable one leaves the record indexed by its metadata.
  if (auto texts = text_of(repository_, head)) {
    for (const auto& text : *texts) {
      if (text.page.text.empty()) continue;
      entry.full_text += text.page.text;
      entry.full_text += '\n';
    }
  }
  return entry;
}

Result<search::SearchIndex*> SearchSync::writer(search::OpenMode mode) {
  if (index_) return index_.get();
  const auto deadline = std::chrono::steady_clock::now() + options_.lock_wait;
  for (;;) {
    auto opened = search::SearchIndex::open(directory_, mode);
    if (opened) {
      index_ = std::move(*opened);
      return index_.get();
    }
    if (opened.error().code() != StatusCode::kUnavailable ||
        std::chrono::steady_clock::now() >= deadline) {
      return Error(opened.error());
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
}

Status SearchSync::record_cataloged(const record::Record& head) {
  {
    std::lock_guard guard(nodes_mutex_);
    if (auto it = nodes_.find(head.id); it != nodes_.end())
      it->second = Node{head.kind, head.parent};
  }
  if (head.deleted) {
    std::lock_guard guard(writer_mutex_);
    MURA_ASSIGN_OR_RETURN(search::SearchIndex * index, writer(search::OpenMode::kOpen));
    MURA_TRY(index->remove(head.id));
    return after_write();
  }
  MURA_ASSIGN_OR_RETURN(search::IndexedRecord entry, indexed(head));
  std::unique_lock guard(writer_mutex_);
  MURA_ASSIGN_OR_RETURN(search::SearchIndex * index, writer(search::OpenMode::kOpen));
  if (rebuilding_ || options_.commit == SearchSyncOptions::Commit::kBatched) {
    // Documents are built in parallel; SearchIndex::put is thread-safe.
    const bool rebuilding = rebuilding_;
    std::optional<search::Placement> before;
    if (!rebuilding) {
      MURA_ASSIGN_OR_RETURN(before, index->placement(head.id));
    }
    guard.unlock();
    MURA_TRY(index->put(entry));
    guard.lock();
    if (before && (before->parent != head.parent || before->kind != record::kind_name(head.kind))) {
      MURA_TRY(reindex_below(*index, head.id));
    }
    return after_write();
  }
  MURA_ASSIGN_OR_RETURN(std::optional<search::Placement> before, index->placement(head.id));
  MURA_TRY(index->put(entry));
  if (before && (before->parent != head.parent || before->kind != record::kind_name(head.kind))) {
    MURA_TRY(reindex_below(*index, head.id));
  }
  return after_write();
}

Status SearchSync::reindex_below(search::SearchIndex& index, const std::string& id) {
  MURA_ASSIGN_OR_RETURN(std::vector<std::string> below, index.records_below(id));
  for (const auto& descendant : below) {
    if (descendant == id) continue;
    MURA_ASSIGN_OR_RETURN(record::Record record, repository_.read_record(descendant));
    MURA_ASSIGN_OR_RETURN(search::IndexedRecord entry, indexed(record));
    MURA_TRY(index.put(entry));
  }
  return ok_status();
}

Status SearchSync::after_write() {
  if (rebuilding_ || !index_) return ok_status();
  if (options_.commit == SearchSyncOptions::Commit::kEachRecord) {
    Status committed = index_->commit();
    index_.reset();  // let other processes write between requests
    return committed;
  }
  if (index_->pending() >= options_.batch) return index_->commit();
  return ok_status();
}

Status SearchSync::begin_rebuild() {
  std::lock_guard guard(writer_mutex_);
  index_.reset();
  {
    std::lock_guard nodes_guard(nodes_mutex_);
    nodes_.clear();
  }
  MURA_TRY(writer(search::OpenMode::kRebuild));
  rebuilding_ = true;
  return ok_status();
}

Status SearchSync::finish_rebuild() {
  std::lock_guard guard(writer_mutex_);
  rebuilding_ = false;
  if (!index_)
    return failed_precondition_error("search index " + directory_ + ": no rebuild is under way");
  Status committed = index_->commit();
  if (options_.commit == SearchSyncOptions::Commit::kEachRecord) index_.reset();
  return committed;
}

Status SearchSync::flush() {
  std::lock_guard guard(writer_mutex_);
  return index_ ? index_->commit() : ok_status();
}

std::shared_ptr<SearchSync> attach_search_sync(Repository& repository, SearchSyncOptions options) {
  auto sync = std::make_shared<SearchSync>(repository, options);
  repository.add_observer(sync);
  std::lock_guard guard(registry_mutex());
  registry()[&repository] = sync;
  return sync;
}

std::shared_ptr<SearchSync> attached_search_sync(const Repository& repository) {
  std::lock_guard guard(registry_mutex());
  auto it = registry().find(&repository);
  return it == registry().end() ? nullptr : it->second.lock();
}

}  // namespace mura::service
