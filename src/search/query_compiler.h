// Turns a parsed query (query_parser.h) into a Xapian query over the schema (schema.h): each
// word becomes its surface term OR'ed with a synonym of its stems and loose keys, each phrase a
// phrase over surface terms OR over loose keys, values boolean filter terms, dates value ranges
// (EDTF interval overlap). Words searched in the full text of files are filtered by the caller's
// file access right at the leaf, so a hit never comes from text the caller may not read.
// Internal to search/. Thread-compatible: one compiler per thread of a search. Xapian counts
// references to a query without atomics, so a query never crosses threads: each thread compiles
// its own, and match_all() stands in for the shared static Xapian::Query::MatchAll.
#pragma once

#include <xapian.h>

#include <optional>
#include <string>
#include <vector>

#include "access/policy.h"
#include "search/query_parser.h"
#include "search/schema.h"

namespace mura::search {

// The access filter: records whose metadata or files (`part`) `caller` may see on `today`, as
// boolean terms and value ranges — the same rule as access::allows(). Nearly every record is public
// and every caller but an odd one holds "public", so such a caller is filtered by what they may not
// see: the records without a public grant (schema.h kNoPublicGrant) that none of their other tokens
// opens, and those closed until after today, unless they curate the collection. Xapian checks a
// match against that short list far more cheaply than against a list of nearly every record. Anyone
// else is filtered by what they may see; administrators are not filtered.
enum class Part { kMetadata, kFiles };
class Visibility {
 public:
  Visibility(const access::Caller& caller, std::string_view today, Part part);
  // `query`, keeping only what the caller may see.
  Xapian::Query restrict(const Xapian::Query& query) const;

 private:
  enum class Rule { kEverything, kAllBut, kOnly };
  Rule rule_ = Rule::kEverything;
  Xapian::Query records_;  // kAllBut: those hidden; kOnly: those visible
};

// Every document: a query of its own, not a copy of Xapian::Query::MatchAll.
inline Xapian::Query match_all() { return Xapian::Query(std::string()); }

// What the words of a query look like, for highlighting and spelling.
struct QueryWords {
  std::vector<std::string> words;     // words of kWord and kPhrase nodes that are not excluded
  std::vector<std::string> prefixes;  // kPrefix nodes that are not excluded
};
QueryWords query_words(const QueryNode& query);

class QueryCompiler {
 public:
  // `files` is the caller's Visibility of files; `language` the request's.
  QueryCompiler(Visibility files, std::string language)
      : files_(std::move(files)), language_(std::move(language)) {}

  Xapian::Query compile(const QueryNode& node) const;

 private:
  Xapian::Query word(const std::string& word, const std::string& field) const;
  Xapian::Query word_in(const std::string& word, std::optional<Field> field) const;
  Xapian::Query phrase(const std::vector<std::string>& words, const std::string& field) const;
  Xapian::Query phrase_in(const std::vector<std::string>& words, std::optional<Field> field) const;
  Xapian::Query prefix(const std::string& prefix, const std::string& field) const;
  Xapian::Query prefix_in(const std::string& prefix, std::optional<Field> field) const;
  Xapian::Query group(const QueryNode& node) const;
  Xapian::Query with_full_text(Xapian::Query general, Xapian::Query full_text,
                               const std::string& field) const;

  Visibility files_;
  std::string language_;
};

// A date range as value-range queries on the date slots (overlap of intervals).
Xapian::Query date_range_query(int start_year, int end_year);

}  // namespace mura::search
