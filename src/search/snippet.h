// Snippets: a short piece of a record's text around the words a query matched, HTML-escaped,
// with each matched word in <mark>…</mark>. A word matches when any of its forms (analyzer.h:
// surface, stem, loose key) meets the same form of a query word, so "Абай" is marked for the
// query "Abay" and "Абайдың" for "абай". Thread-compatible; build one per search.
#pragma once

#include <cstddef>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "search/query_compiler.h"

namespace mura::search {

inline constexpr std::size_t kSnippetBytes = 240;

struct Snippet {
  std::string html;
  std::size_t matches = 0;  // marked words
};

class Highlighter {
 public:
  Highlighter(const QueryWords& words, std::string_view language);

  bool empty() const { return surfaces_.empty() && prefixes_.empty(); }
  // Whether a word of text in `language` matches the query.
  bool matches(std::string_view word, std::string_view language) const;
  // The best window of at most about `max_bytes` of `text` (all of it when shorter), escaped and
  // marked; "…" where it is cut.
  Snippet snippet(std::string_view text, std::string_view language,
                  std::size_t max_bytes = kSnippetBytes) const;

 private:
  std::set<std::string, std::less<>> surfaces_;
  std::set<std::string, std::less<>> stems_;
  std::set<std::string, std::less<>> loose_;
  std::set<std::string, std::less<>> loose_stems_;
  std::vector<std::string> prefixes_;        // surface forms
  std::vector<std::string> loose_prefixes_;  // loose keys
};

// `text` with & < > " ' escaped for HTML.
std::string escape_html(std::string_view text);

}  // namespace mura::search
