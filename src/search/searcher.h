// The read side of Mura's search index: runs a query (query_parser.h) with filters, facets,
// sorting and paging for one caller, and returns hits with snippets, exact facet counts, a
// decade/century histogram and a spelling suggestion. The caller's access is part of the Xapian
// query (query_compiler.h Visibility), so totals, facets and suggestions count only what the
// caller may see. Thread-safe: each search takes a database handle from a pool and reopens it
// to see the latest commit. A large index is searched on every shard at once (index_layout.h),
// one thread per shard, and what they find is merged; facets are counted from each shard's facet
// column (facet_column.h), which the searcher keeps in memory and extends as the shards grow.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "access/policy.h"
#include "base/result.h"
#include "record/profile.h"

namespace Xapian {
class Database;
}

namespace mura::search {

class FacetColumn;
class FacetCounter;
enum class Facet;

enum class SortOrder { kRelevance, kDateAscending, kDateDescending, kTitle };
// "relevance", "date", "-date", "title"; InvalidArgument otherwise.
Result<SortOrder> parse_sort(std::string_view text);

inline constexpr int kDefaultLimit = 20;
inline constexpr int kMaxLimit = 100;
// How deep paging may go.
inline constexpr std::int64_t kMaxOffset = 10000;

struct SearchRequest {
  std::string query;
  // (field, value): a facet value ("kind", "archival_unit"), a subtree ("collection" or
  // "within", an ARK) or a date ("date", "1900..1920"). OR within one field, AND across fields.
  std::vector<std::pair<std::string, std::string>> filters;
  // Facets to count, by name; std::nullopt counts every facet, an empty list none.
  std::optional<std::vector<std::string>> facets;
  SortOrder sort = SortOrder::kRelevance;
  std::string language = "kk";    // "kk", "kk-Latn", "ru", "en": titles, snippets, labels, sorting
  std::string cursor;             // "" for the first page, then SearchResult::next_cursor
  int limit = kDefaultLimit;      // 1..kMaxLimit
  std::size_t facet_values = 50;  // values per facet (histograms are never cut)
};

struct SearchHit {
  std::string id;
  std::string kind;
  std::string level;
  std::string title;
  std::string title_language;
  std::string snippet;  // HTML with <mark>
  std::string date;     // EDTF as written, "" when none
  std::string collection;
  bool has_images = false;
  bool files_visible = false;  // the caller may see the files (thumbnails, full text)
  double weight = 0;
};

struct FacetCount {
  std::string value;
  std::string label;
  std::int64_t count = 0;
};

struct FacetResult {
  std::string name;
  std::vector<FacetCount> values;
};

struct SearchResult {
  std::int64_t total = 0;  // exact
  std::vector<SearchHit> hits;
  std::vector<FacetResult> facets;  // in the order asked for (schema order for all)
  std::optional<std::string> suggestion;
  std::string next_cursor;  // "" on the last page
};

class Searcher {
 public:
  // From this many documents on, a search runs on every shard at once and each ranks by its own
  // statistics, which are the whole index's within a fraction of a percent once shards are this
  // large; below, on all shards as one database.
  static constexpr std::uint64_t kParallelFrom = 100000;

  // A searcher over the index in `directory`. It need not exist yet: until a writer creates it,
  // search() returns FailedPrecondition. `profiles` (may be null) labels kinds. Tests lower
  // `parallel_from`.
  Searcher(std::string directory, const record::ProfileSet* profiles,
           std::uint64_t parallel_from = kParallelFrom);
  ~Searcher();

  // InvalidArgument for a bad query (query_parser.h), an unknown filter or facet, a bad cursor,
  // a limit outside 1..kMaxLimit or paging beyond kMaxOffset; FailedPrecondition when there is
  // no index yet, or one of another schema version (schema.h) that needs rebuilding; DataLoss
  // for a corrupt one.
  Result<SearchResult> search(const SearchRequest& request, const access::Caller& caller,
                              std::string_view today);

  // Whether an index exists in the directory.
  bool exists() const;

 private:
  struct Handle;      // the shards, open, and the same shards as one database
  struct ColumnSlot;  // the newest facet column of one shard

  // The shards as published (index_layout.h), open at their latest commit.
  Result<std::unique_ptr<Handle>> acquire();
  void release(std::unique_ptr<Handle> handle);
  // A facet column of shard `shard` of `handle` that covers what the handle sees.
  std::shared_ptr<const FacetColumn> column(const Handle& handle, std::size_t shard);
  Result<SearchResult> run(Handle& handle, const SearchRequest& request,
                           const access::Caller& caller, std::string_view today);
  // The counts of `facet` over the matches `counters` saw, labelled for the caller.
  FacetResult facet_result(const Xapian::Database& database,
                           const std::vector<const FacetCounter*>& counters, Facet facet,
                           const SearchRequest& request, const access::Caller& caller,
                           std::string_view today) const;

  const std::string directory_;
  const record::ProfileSet* profiles_;
  const std::uint64_t parallel_from_;
  std::mutex mutex_;
  std::vector<std::unique_ptr<Handle>> idle_;  // GUARDED_BY(mutex_)
  // The layout the idle handles and the facet columns belong to (index_layout.h layout_stamp);
  // when a rebuild publishes another, they are dropped instead of reopened.
  std::uint64_t layout_ = 0;                          // GUARDED_BY(mutex_)
  std::vector<std::shared_ptr<ColumnSlot>> columns_;  // GUARDED_BY(mutex_), by shard
};

}  // namespace mura::search
