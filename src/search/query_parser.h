// The search query language (docs/adr/0005-search.md):
//   words            абай жолы              ranked by relevance; any of them may match
//   "phrases"        "абай жолы"            the words in this order (required)
//   AND OR NOT - +   абай AND (жол OR роман) -поэма +1916
//   field:value      title:абай  creator:"Абай Құнанбаев"  kind:archival_unit  has_images:true
//   prefix*          құнан*   title:жол*
//   date ranges      date:1900..1920  date:..1916  date:1916  date:191X  (EDTF interval overlap)
// Bare words are optional and ranked (at least one must match when the other terms are only
// filters such as kind: or date:); phrases, field:value terms, +terms and AND groups are
// required; -terms and NOT exclude. AND binds tighter than OR, both tighter than juxtaposition.
// Operators are upper case; "and" is a word. Parsing is pure; thread-safe.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"

namespace mura::search {

inline constexpr std::size_t kMaxQueryBytes = 1024;
inline constexpr std::size_t kMaxQueryTerms = 64;
// Years a date range may name.
inline constexpr int kMinQueryYear = -9999;
inline constexpr int kMaxQueryYear = 2999;

enum class NodeKind {
  kAll,        // matches every record (an empty query)
  kWord,       // words[0]; may hold punctuation ("Ф.212"), split into words when compiled
  kPhrase,     // words in order
  kPrefix,     // words[0] without the '*'
  kValue,      // a facet or hierarchy value: field is the facet ("kind") or "collection"/"within"
  kDateRange,  // start_year..end_year, inclusive; open ends are kMinQueryYear-1 / kMaxQueryYear+1
  kAnd,
  kOr,
  kGroup,  // juxtaposed items, each with a role
};
enum class Role { kOptional, kRequired, kExcluded };

struct QueryNode {
  NodeKind kind = NodeKind::kAll;
  std::string field;  // "" (every text field) or a search field / facet name
  std::vector<std::string> words;
  int start_year = 0;
  int end_year = 0;
  std::vector<QueryNode> children;
  std::vector<Role> roles;  // kGroup: one per child
  std::size_t column = 0;   // 1-based, in characters
};

// Text fields ("title", ... "text") and value fields ("kind", ... "within", "date").
bool is_text_field(std::string_view name);
bool is_value_field(std::string_view name);
std::string query_field_names();

// InvalidArgument naming the problem and the column: an unclosed quote or parenthesis, an
// operator without operands, an unknown field, an empty value, an unknown kind, a wildcard with
// fewer than two letters, a date range that ends before it starts or lies outside
// kMinQueryYear..kMaxQueryYear, a query longer than kMaxQueryBytes or with more than
// kMaxQueryTerms terms.
Result<QueryNode> parse_query(std::string_view text);

// A filter: the value of a value field ("kind", "archival_unit"; "date", "1900..1920"), checked
// as in a query; creator, subject and place are values here (exact facet values), not words.
Result<QueryNode> parse_filter(std::string_view field, std::string_view value);

// `original` with every word whose lower-case form is a key of `replacements` replaced by its
// value, the rest kept as typed (for "did you mean": "Абйа жолы" → "абай жолы").
std::string replace_words(std::string_view original,
                          const std::vector<std::pair<std::string, std::string>>& replacements);

}  // namespace mura::search
