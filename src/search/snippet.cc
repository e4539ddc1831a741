#include "search/snippet.h"

#include <algorithm>

#include "search/analyzer.h"
#include "text/tokenizer.h"

namespace mura::search {

std::string escape_html(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 16);
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

Highlighter::Highlighter(const QueryWords& words, std::string_view language) {
  for (const auto& word : words.words) {
    QueryForms forms = query_forms(word, language);
    if (!forms.loose.empty()) loose_.insert(forms.loose);
    if (!forms.loose_stem.empty()) loose_stems_.insert(forms.loose_stem);
    for (auto& stem : forms.stems) stems_.insert(std::move(stem));
    surfaces_.insert(std::move(forms.surface));
  }
  for (const auto& prefix : words.prefixes) {
    QueryForms forms = query_forms(prefix, language);
    if (!forms.loose.empty()) loose_prefixes_.push_back(forms.loose);
    prefixes_.push_back(std::move(forms.surface));
  }
}

bool Highlighter::matches(std::string_view word, std::string_view language) const {
  const WordForms forms = index_forms(word, language);
  if (surfaces_.contains(forms.surface)) return true;
  if (!forms.stem.empty() && stems_.contains(forms.stem)) return true;
  if (!forms.loose.empty() && loose_.contains(forms.loose)) return true;
  if (!forms.loose_stem.empty() && loose_stems_.contains(forms.loose_stem)) return true;
  for (const auto& prefix : prefixes_) {
    if (forms.surface.starts_with(prefix)) return true;
  }
  for (const auto& prefix : loose_prefixes_) {
    if (!forms.loose.empty() && forms.loose.starts_with(prefix)) return true;
  }
  return false;
}

Snippet Highlighter::snippet(std::string_view text, std::string_view language,
                             std::size_t max_bytes) const {
  const auto tokens = text::tokenize(text);
  std::vector<bool> marked(tokens.size(), false);
  if (!empty()) {
    for (std::size_t i = 0; i < tokens.size(); ++i) {
      marked[i] = matches(tokens[i].of(text), language);
    }
  }
  // The window [first, last] of tokens that fits in max_bytes with the most marked words; it
  // starts a few words before a marked one, for context.
  std::size_t first = 0;
  std::size_t last = tokens.empty() ? 0 : tokens.size() - 1;
  const bool cut = text.size() > max_bytes && !tokens.empty();
  if (cut) {
    std::vector<std::size_t> starts{0};
    for (std::size_t i = 0; i < tokens.size(); ++i) {
      if (marked[i]) starts.push_back(i >= 3 ? i - 3 : 0);
    }
    std::size_t best_score = 0;
    bool found = false;
    for (std::size_t start : starts) {
      std::size_t end = start;
      std::size_t score = marked[start];
      while (end + 1 < tokens.size() && tokens[end + 1].end - tokens[start].begin <= max_bytes) {
        ++end;
        score += marked[end];
      }
      if (!found || score > best_score) {
        found = true;
        best_score = score;
        first = start;
        last = end;
      }
    }
  }
  Snippet result;
  const std::size_t begin = cut && first > 0 ? tokens[first].begin : 0;
  const std::size_t end = cut && last + 1 < tokens.size() ? tokens[last].end : text.size();
  if (begin > 0) result.html += "… ";
  std::size_t copied = begin;
  for (std::size_t i = first; i < tokens.size() && tokens[i].end <= end; ++i) {
    if (tokens[i].begin < begin || !marked[i]) continue;
    result.html += escape_html(text.substr(copied, tokens[i].begin - copied));
    result.html += "<mark>" + escape_html(tokens[i].of(text)) + "</mark>";
    copied = tokens[i].end;
    ++result.matches;
  }
  result.html += escape_html(text.substr(copied, end - copied));
  if (end < text.size()) result.html += " …";
  return result;
}

}  // namespace mura::search
