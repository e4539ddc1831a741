#include "search/searcher.h"

#include <xapian.h>

#include <algorithm>
#include <charconv>
#include <filesystem>
#include <future>
#include <map>

#include "search/analyzer.h"
#include "search/cursor.h"
#include "search/facet_column.h"
#include "search/facet_counter.h"
#include "search/facet_labels.h"
#include "search/index_layout.h"
#include "search/query_compiler.h"
#include "search/query_parser.h"
#include "search/schema.h"
#include "search/snippet.h"
#include "search/spelling.h"
#include "search/stored_record.h"
#include "search/xapian_status.h"
#include "text/normalize.h"

namespace mura::search {
namespace {

// Below this many hits a query gets a spelling suggestion.
constexpr std::int64_t kSuggestBelow = 3;

// Everything that makes two searches the same for paging.
std::uint64_t request_fingerprint(const SearchRequest& request) {
  std::string text = request.query + '\x1f' + request.language + '\x1f' +
                     std::to_string(static_cast<int>(request.sort));
  auto filters = request.filters;
  std::sort(filters.begin(), filters.end());
  for (const auto& [field, value] : filters) text += '\x1f' + field + '\x1e' + value;
  return fingerprint_of(text);
}

Result<std::vector<Facet>> facets_of(const SearchRequest& request) {
  std::vector<Facet> facets;
  if (!request.facets) {
    for (const auto& info : kFacets) facets.push_back(info.facet);
    return facets;
  }
  for (const auto& name : *request.facets) {
    const auto facet = parse_facet(name);
    if (!facet)
      return invalid_argument_error("facet \"" + name + "\" is unknown (facets: " + facet_names() +
                                    ")");
    if (std::find(facets.begin(), facets.end(), *facet) == facets.end()) facets.push_back(*facet);
  }
  return facets;
}

// Filters as one boolean query: OR within a field, AND across fields.
Result<Xapian::Query> filters_query(const SearchRequest& request, const QueryCompiler& compiler) {
  std::map<std::string, std::vector<Xapian::Query>> by_field;
  for (const auto& [field, value] : request.filters) {
    const std::string written = field + ":" + value;
    auto parsed = parse_filter(field, value);
    if (!parsed)
      return invalid_argument_error("filter \"" + written + "\": " + parsed.error().message());
    by_field[field].push_back(compiler.compile(*parsed));
  }
  std::vector<Xapian::Query> fields;
  for (auto& [field, queries] : by_field) {
    fields.emplace_back(Xapian::Query::OP_OR, queries.begin(), queries.end());
  }
  if (fields.empty()) return match_all();
  return Xapian::Query(Xapian::Query::OP_AND, fields.begin(), fields.end());
}

void set_sort(Xapian::Enquire& enquire, SortOrder sort, const std::string& language,
              std::unique_ptr<Xapian::MultiValueKeyMaker>& keys) {
  // Records without the value sort last either way.
  const std::string last(16, '\xff');
  switch (sort) {
    case SortOrder::kRelevance:
      return;
    case SortOrder::kDateAscending:
      keys = std::make_unique<Xapian::MultiValueKeyMaker>();
      keys->add_value(kSlotDateStart, false, last);
      keys->add_value(kSlotDateEnd, false, last);
      break;
    case SortOrder::kDateDescending:
      keys = std::make_unique<Xapian::MultiValueKeyMaker>();
      keys->add_value(kSlotDateEnd, true, "");
      keys->add_value(kSlotDateStart, true, "");
      break;
    case SortOrder::kTitle:
      keys = std::make_unique<Xapian::MultiValueKeyMaker>();
      keys->add_value(title_slot(language), false, last);
      break;
  }
  enquire.set_sort_by_key_then_relevance(keys.get(), false);
}

bool visible_to(const access::Caller& caller, const access::Requirement& requirement,
                std::string_view today) {
  return access::allows(caller, requirement, today);
}

// The snippet: the stored text (descriptions first, in the request's language and then the
// fallbacks; the full text when the caller may read files) with the most matched words.
std::string snippet_for(const StoredRecord& stored, const Highlighter& highlighter,
                        const std::string& language, bool files_visible) {
  std::vector<const record::LanguageValue*> candidates;
  const auto preference = language_preference(language);
  for (const auto& preferred : preference) {
    for (const auto& text : stored.texts) {
      if (text.text.language == preferred) candidates.push_back(&text.text);
    }
  }
  for (const auto& text : stored.texts) {
    if (std::find(preference.begin(), preference.end(), text.text.language) == preference.end()) {
      candidates.push_back(&text.text);
    }
  }
  record::LanguageValue full_text{"", stored.full_text};
  if (files_visible && !stored.full_text.empty()) candidates.push_back(&full_text);
  Snippet best;
  bool found = false;
  for (const auto* candidate : candidates) {
    Snippet snippet = highlighter.snippet(candidate->value, candidate->language);
    if (!found || snippet.matches > best.matches) {
      best = std::move(snippet);
      found = true;
    }
  }
  if (!found || best.matches == 0) {
    // Nothing matched in the texts (the title did): show the title, marked.
    const record::LanguageValue title = stored.title_for(language);
    Snippet from_title = highlighter.snippet(title.value, title.language);
    if (!found || from_title.matches > 0) return from_title.html;
  }
  return best.html;
}

std::optional<StoredRecord> stored_record(const Xapian::Database& database, const std::string& id) {
  const std::string term = id_term(id);
  auto posting = database.postlist_begin(term);
  if (posting == database.postlist_end(term)) return std::nullopt;
  auto stored = StoredRecord::decode(database.get_document(*posting).get_data());
  if (!stored) return std::nullopt;
  return std::move(*stored);
}

}  // namespace

Result<SortOrder> parse_sort(std::string_view text) {
  if (text == "relevance" || text.empty()) return SortOrder::kRelevance;
  if (text == "date") return SortOrder::kDateAscending;
  if (text == "-date") return SortOrder::kDateDescending;
  if (text == "title") return SortOrder::kTitle;
  return invalid_argument_error("sort \"" + std::string(text) +
                                "\" is unknown (relevance, date, -date, title)");
}

namespace {

// The layout of a handle opened while rebuilds kept replacing the index.
constexpr std::uint64_t kNoLayout = UINT64_MAX;

// An index of other terms would, among other things, not hide what it should: refused, every
// time a search takes the shards (an older writer may have touched them since).
Status check_schema(const std::vector<Xapian::Database>& shards, const std::string& directory) {
  for (const auto& shard : shards) {
    const std::string version = shard.get_metadata(std::string(kSchemaKey));
    if (version == kSchemaVersion) continue;
    return failed_precondition_error("search index " + directory + ": it has schema version " +
                                     (version.empty() ? std::string("1") : version) +
                                     ", this Mura reads " + std::string(kSchemaVersion) +
                                     "; rebuild the index with `mura reindex`");
  }
  return ok_status();
}

}  // namespace

struct Searcher::Handle {
  std::uint64_t layout = 0;              // layout_stamp() of what is open
  std::vector<Xapian::Database> shards;  // in the stub's order
  Xapian::Database all;                  // the same shards as one database
};

struct Searcher::ColumnSlot {
  std::mutex mutex;                           // one reader of the shard's column at a time
  std::shared_ptr<const FacetColumn> column;  // GUARDED_BY(mutex)
};

Searcher::Searcher(std::string directory, const record::ProfileSet* profiles,
                   std::uint64_t parallel_from)
    : directory_(std::move(directory)), profiles_(profiles), parallel_from_(parallel_from) {}

Searcher::~Searcher() = default;

bool Searcher::exists() const {
  auto layout = read_layout(directory_);
  return layout && layout->has_value();
}

Result<std::unique_ptr<Searcher::Handle>> Searcher::acquire() {
  const std::uint64_t layout = layout_stamp(directory_);
  std::unique_ptr<Handle> handle;
  {
    std::lock_guard guard(mutex_);
    if (layout_ != layout) {
      idle_.clear();
      columns_.clear();
      layout_ = layout;
    }
    if (!idle_.empty()) {
      handle = std::move(idle_.back());
      idle_.pop_back();
    }
  }
  try {
    if (handle) {
      handle->all.reopen();  // the shards are the same databases: they reopen with it
      MURA_TRY(check_schema(handle->shards, directory_));
      return handle;
    }
    // A rebuild may publish new shards while they are opened: then open them again.
    for (int attempt = 0;; ++attempt) {
      const std::uint64_t before = layout_stamp(directory_);
      MURA_ASSIGN_OR_RETURN(auto found, read_layout(directory_));
      if (!found) {
        return failed_precondition_error("search index " + directory_ +
                                         ": there is no index yet; the first write or `mura "
                                         "reindex` builds it");
      }
      handle = std::make_unique<Handle>();
      handle->layout = before;
      for (const auto& path : found->shards) {
        handle->shards.emplace_back(path);
        handle->all.add_database(handle->shards.back());
      }
      if (layout_stamp(directory_) != before) {
        if (attempt < 2) continue;
        handle->layout = kNoLayout;  // pooled by nobody, and no cached facet column fits it
      }
      MURA_TRY(check_schema(handle->shards, directory_));
      return handle;
    }
  } catch (const Xapian::Error& error) {
    return Error(xapian_status(error, directory_, "search"));
  }
}

void Searcher::release(std::unique_ptr<Handle> handle) {
  std::lock_guard guard(mutex_);
  if (handle->layout == layout_) idle_.push_back(std::move(handle));
}

std::shared_ptr<const FacetColumn> Searcher::column(const Handle& handle, std::size_t shard) {
  std::shared_ptr<ColumnSlot> slot;
  {
    std::lock_guard guard(mutex_);
    if (handle.layout == layout_) {
      if (columns_.size() < handle.shards.size()) columns_.resize(handle.shards.size());
      if (!columns_[shard]) columns_[shard] = std::make_shared<ColumnSlot>();
      slot = columns_[shard];
    }
  }
  // A handle of a layout since replaced: a column of its own, kept by nobody.
  if (!slot) return FacetColumn::read(handle.shards[shard], nullptr);
  std::lock_guard guard(slot->mutex);
  slot->column = FacetColumn::read(handle.shards[shard], slot->column);
  return slot->column;
}

Result<SearchResult> Searcher::search(const SearchRequest& request, const access::Caller& caller,
                                      std::string_view today) {
  if (request.limit < 1 || request.limit > kMaxLimit) {
    return invalid_argument_error("limit " + std::to_string(request.limit) + " is outside 1.." +
                                  std::to_string(kMaxLimit));
  }
  MURA_ASSIGN_OR_RETURN(auto handle, acquire());
  Result<SearchResult> result = internal_error("search did not run");
  for (int attempt = 0; attempt < 3; ++attempt) {
    try {
      result = run(*handle, request, caller, today);
      break;
    } catch (const Xapian::DatabaseModifiedError&) {
      // A writer committed twice while this search read: read the newest revision again.
      try {
        handle->all.reopen();
      } catch (const Xapian::Error& error) {
        return Error(xapian_status(error, directory_, "search"));
      }
    } catch (const Xapian::Error& error) {
      result = Error(xapian_status(error, directory_, "search"));
      break;
    } catch (const std::exception& error) {
      // A thread that could not start, memory that ran out.
      result = internal_error("search index " + directory_ + ": search: " + error.what());
      break;
    }
  }
  release(std::move(handle));
  return result;
}

namespace {

// What one shard found: its exact total, its best `wanted` matches in order, and its counts.
struct ShardMatches {
  std::int64_t total = 0;
  struct Match {
    double weight;
    std::string sort_key;  // "" unless sorted by a key
    Xapian::docid docid;   // in the shard
  };
  std::vector<Match> matches;
  std::unique_ptr<FacetCounter> counter;  // null without facets
};

// The whole query for one caller, built afresh for each thread (Xapian's query objects are
// reference-counted without atomics, so no two threads may share one).
Xapian::Query caller_query(const QueryNode& query, const SearchRequest& request,
                           const access::Caller& caller, std::string_view today,
                           const std::string& language) {
  const QueryCompiler compiler(Visibility(caller, today, Part::kFiles), language);
  Xapian::Query positive = compiler.compile(query);
  if (!request.filters.empty()) {
    auto filters = filters_query(request, compiler);  // checked before the threads started
    positive = Xapian::Query(Xapian::Query::OP_FILTER, positive,
                             filters ? *filters : Xapian::Query::MatchNothing);
  }
  return Visibility(caller, today, Part::kMetadata).restrict(positive);
}

ShardMatches search_shard(const Xapian::Database& database, const Xapian::Query& query,
                          const SearchRequest& request, const std::string& language,
                          std::shared_ptr<const FacetColumn> column,
                          const std::vector<Facet>& facets, Xapian::doccount wanted) {
  Xapian::Enquire enquire(database);
  enquire.set_query(query);
  std::unique_ptr<Xapian::MultiValueKeyMaker> keys;
  set_sort(enquire, request.sort, language, keys);
  ShardMatches found;
  if (!facets.empty()) {
    found.counter = std::make_unique<FacetCounter>(std::move(column), facets, language);
    enquire.add_matchspy(found.counter.get());
  }
  const Xapian::doccount everything = std::max<Xapian::doccount>(database.get_doccount(), 1);
  const Xapian::MSet matches = enquire.get_mset(0, wanted, everything);
  if (found.counter) found.counter->tally();
  found.total = static_cast<std::int64_t>(matches.get_matches_estimated());
  found.matches.reserve(matches.size());
  for (auto item = matches.begin(); item != matches.end(); ++item) {
    found.matches.push_back({item.get_weight(), keys ? item.get_sort_key() : std::string(), *item});
  }
  return found;
}

// A match of a shard, in the order of all of them.
struct Ranked {
  const ShardMatches::Match* match;
  std::size_t shard;    // in the shards' results
  std::uint64_t docid;  // in all shards as one database
};

// The first `wanted` matches of all shards in one order: the sort key, then weight, then the
// docid the shards have as one database (Xapian's own order). `found` holds one database's
// matches, or (`parallel`) each shard's.
std::vector<Ranked> merged(const std::vector<ShardMatches>& found, bool parallel,
                           std::size_t wanted) {
  std::vector<Ranked> ranked;
  for (std::size_t shard = 0; shard < found.size(); ++shard) {
    for (const auto& match : found[shard].matches) {
      const std::uint64_t docid =
          parallel ? (static_cast<std::uint64_t>(match.docid) - 1) * found.size() + shard + 1
                   : match.docid;
      ranked.push_back({&match, shard, docid});
    }
  }
  const std::size_t end = std::min(ranked.size(), wanted);
  std::partial_sort(ranked.begin(), ranked.begin() + static_cast<std::ptrdiff_t>(end), ranked.end(),
                    [](const Ranked& a, const Ranked& b) {
                      if (a.match->sort_key != b.match->sort_key)
                        return a.match->sort_key < b.match->sort_key;
                      if (a.match->weight != b.match->weight)
                        return a.match->weight > b.match->weight;
                      return a.docid < b.docid;
                    });
  ranked.resize(end);
  return ranked;
}

// "Did you mean": the query with the words the index does not have replaced by their nearest
// spelling, offered only when the corrected search finds something this caller may see.
std::optional<std::string> suggestion(const Xapian::Database& database, const QueryNode& query,
                                      const SearchRequest& request, const access::Caller& caller,
                                      std::string_view today) {
  const std::string language = request.language.empty() ? "kk" : request.language;
  std::vector<std::pair<std::string, std::string>> replacements;
  for (const auto& word : query_words(query).words) {
    const QueryForms forms = query_forms(word, language);
    bool known =
        database.term_exists(forms.surface) ||
        (!forms.loose.empty() && database.term_exists(word_term(Form::kLoose, forms.loose))) ||
        (!forms.loose_stem.empty() &&
         database.term_exists(word_term(Form::kLooseStem, forms.loose_stem)));
    for (const auto& stem : forms.stems)
      known = known || database.term_exists(word_term(Form::kStem, stem));
    if (known) continue;
    const std::string nearest = nearest_word(database, forms.surface);
    if (!nearest.empty() && nearest != forms.surface)
      replacements.emplace_back(forms.surface, nearest);
  }
  if (replacements.empty()) return std::nullopt;
  std::string corrected_text = replace_words(request.query, replacements);
  auto corrected = parse_query(corrected_text);
  if (!corrected) return std::nullopt;
  Xapian::Enquire check(database);
  check.set_query(caller_query(*corrected, request, caller, today, language));
  if (check.get_mset(0, 1).size() == 0) return std::nullopt;
  return corrected_text;
}

}  // namespace

FacetResult Searcher::facet_result(const Xapian::Database& database,
                                   const std::vector<const FacetCounter*>& counters, Facet facet,
                                   const SearchRequest& request, const access::Caller& caller,
                                   std::string_view today) const {
  const std::string language = request.language.empty() ? "kk" : request.language;
  FacetResult result{std::string(facet_info(facet).name), {}};
  for (auto& [value, count] : FacetCounter::counts(counters, facet, request.facet_values))
    result.values.push_back({std::move(value), "", count});
  for (auto& value : result.values) {
    if (facet == Facet::kCollection) {
      // The collection's title, when the caller may see the collection.
      const auto collection = stored_record(database, value.value);
      value.label = collection && visible_to(caller, collection->metadata, today)
                        ? collection->title_for(language).value
                        : value.value;
    } else {
      value.label = facet_label(facet, value.value, language, profiles_);
    }
  }
  return result;
}

Result<SearchResult> Searcher::run(Handle& handle, const SearchRequest& request,
                                   const access::Caller& caller, std::string_view today) {
  MURA_ASSIGN_OR_RETURN(const QueryNode query, parse_query(request.query));
  MURA_ASSIGN_OR_RETURN(const std::vector<Facet> facets, facets_of(request));
  const std::uint64_t fingerprint = request_fingerprint(request);
  std::int64_t offset = 0;
  if (!request.cursor.empty()) {
    MURA_ASSIGN_OR_RETURN(offset, decode_cursor(request.cursor, fingerprint));
  }
  if (offset >= kMaxOffset) {
    return invalid_argument_error("paging stops after " + std::to_string(kMaxOffset) +
                                  " results; narrow the search");
  }
  const std::string language = request.language.empty() ? "kk" : request.language;
  const QueryCompiler compiler(Visibility(caller, today, Part::kFiles), language);
  MURA_TRY(filters_query(request, compiler));

  // A large index is searched on every shard at once, the first on this thread, each finding
  // its best offset + limit; a small one as one database, where the shards' own statistics would
  // skew the ranking and one thread is quick enough.
  const auto wanted = static_cast<Xapian::doccount>(offset + request.limit);
  const std::size_t shard_count = handle.shards.size();
  const bool parallel = shard_count > 1 && handle.all.get_doccount() >= parallel_from_;
  auto shard_task = [&](std::size_t shard) {
    return search_shard(handle.shards[shard], caller_query(query, request, caller, today, language),
                        request, language, facets.empty() ? nullptr : column(handle, shard), facets,
                        wanted);
  };
  std::vector<ShardMatches> found;
  if (parallel) {
    std::vector<std::future<ShardMatches>> others;
    for (std::size_t shard = 1; shard < shard_count; ++shard)
      others.push_back(std::async(std::launch::async, shard_task, shard));
    found.push_back(shard_task(0));
    for (auto& other : others) found.push_back(other.get());
  } else {
    found.push_back(search_shard(handle.all, caller_query(query, request, caller, today, language),
                                 request, language, nullptr, facets, wanted));
  }

  SearchResult result;
  for (const auto& shard : found) result.total += shard.total;
  const std::vector<Ranked> ranked = merged(found, parallel, wanted);
  const Highlighter highlighter(query_words(query), language);
  for (std::size_t i = static_cast<std::size_t>(offset); i < ranked.size(); ++i) {
    const Ranked& item = ranked[i];
    const Xapian::Database& holder = parallel ? handle.shards[item.shard] : handle.all;
    MURA_ASSIGN_OR_RETURN(StoredRecord stored,
                          StoredRecord::decode(holder.get_document(item.match->docid).get_data()));
    SearchHit hit;
    hit.id = stored.id;
    hit.kind = stored.kind;
    hit.level = stored.level;
    const record::LanguageValue title = stored.title_for(language);
    hit.title = title.value;
    hit.title_language = title.language;
    hit.date = stored.date;
    hit.collection = stored.collection;
    hit.has_images = stored.has_images;
    hit.files_visible = visible_to(caller, stored.files, today);
    hit.weight = item.match->weight;
    hit.snippet = snippet_for(stored, highlighter, language, hit.files_visible);
    result.hits.push_back(std::move(hit));
  }
  if (offset + request.limit < result.total && offset + request.limit < kMaxOffset) {
    result.next_cursor = encode_cursor(offset + request.limit, fingerprint);
  }

  std::vector<const FacetCounter*> counters;
  for (const auto& shard : found) {
    if (!shard.counter) continue;
    if (shard.counter->uncovered() != 0) {
      return internal_error("search index " + directory_ +
                            ": the facet column of a shard is behind the revision searched");
    }
    counters.push_back(shard.counter.get());
  }
  for (Facet facet : facets) {
    result.facets.push_back(facet_result(handle.all, counters, facet, request, caller, today));
  }
  if (result.total < kSuggestBelow)
    result.suggestion = suggestion(handle.all, query, request, caller, today);
  return result;
}

}  // namespace mura::search
