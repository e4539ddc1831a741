// Exact facet counts: a Xapian match spy that reads each matching document's packed facet slot
// (schema.h pack_facets) once and counts, per facet, the values in the language that best fits
// the request (a creator named in four languages counts once; a Kazakh one asked for in kk-Latn
// is transliterated), and the decades and centuries of its date span. Run with check_at_least
// covering the whole database so that every match is seen. Internal to search/. One counter per
// search; not thread-safe.
#pragma once

#include <xapian.h>

#include <cstdint>
#include <iterator>
#include <map>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "search/schema.h"

namespace mura::search {

struct TransparentHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view text) const {
    return std::hash<std::string_view>{}(text);
  }
};
using ValueCounts = std::unordered_map<std::string, std::int64_t, TransparentHash, std::equal_to<>>;

inline constexpr std::size_t kFacetCount = std::size(kFacets);

class FacetCounter : public Xapian::MatchSpy {
 public:
  FacetCounter(std::vector<Facet> facets, std::string language);

  void operator()(const Xapian::Document& document, double weight) override;
  std::string name() const override { return "mura.FacetCounter"; }

  // Counts of `facet` (one of those asked for), by value as indexed.
  ValueCounts counts(Facet facet) const;

 private:
  struct Entry {
    std::string_view language;  // packed language code
    std::string_view value;
  };
  void count(std::size_t facet, std::vector<Entry>& entries);

  std::vector<bool> wanted_;             // by Facet
  std::vector<std::string> preference_;  // packed language codes, best first
  bool latin_ = false;                   // the request is in kk-Latn
  std::vector<ValueCounts> counts_;      // by Facet, keys as packed
  std::map<int, std::int64_t> decades_;
  std::map<int, std::int64_t> centuries_;
  std::vector<std::vector<Entry>> scratch_;  // by Facet, reused for every document
};

}  // namespace mura::search
