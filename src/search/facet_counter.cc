#include "search/facet_counter.h"

#include <algorithm>
#include <array>

namespace mura::search {
namespace {

std::size_t facet_index(char code) {
  for (std::size_t i = 0; i < kFacetCount; ++i) {
    if (kFacets[i].code == code) return i;
  }
  return kFacetCount;
}

}  // namespace

FacetCounter::FacetCounter(std::vector<Facet> facets, std::string language)
    : wanted_(kFacetCount, false),
      preference_(language_preference(language)),
      counts_(kFacetCount),
      scratch_(kFacetCount) {
  for (Facet facet : facets) wanted_[static_cast<std::size_t>(facet)] = true;
}

void FacetCounter::operator()(const Xapian::Document& document, double) {
  const std::string packed = document.get_value(kSlotFacets);
  // Entries come grouped by facet (the builder writes them so); gather one facet at a time.
  auto& entries = scratch_;
  for (auto& list : entries) list.clear();
  std::string_view rest(packed);
  while (!rest.empty()) {
    const auto end = rest.find('\x1e');
    const std::string_view entry = rest.substr(0, end);
    rest = end == std::string_view::npos ? std::string_view() : rest.substr(end + 1);
    const auto separator = entry.find('\x1f');
    if (entry.empty() || separator == std::string_view::npos) continue;
    const std::size_t facet = facet_index(entry[0]);
    if (facet == kFacetCount || !wanted_[facet]) continue;
    entries[facet].push_back({facet, entry.substr(1, separator - 1), entry.substr(separator + 1)});
  }
  for (std::size_t facet = 0; facet < kFacetCount; ++facet) {
    auto& list = entries[facet];
    if (list.empty()) continue;
    // Values without a language all count; otherwise only those of the best language.
    std::string_view chosen;
    const bool neutral =
        std::any_of(list.begin(), list.end(), [](const Entry& e) { return e.language.empty(); });
    if (!neutral) {
      chosen = list.front().language;
      for (const auto& language : preference_) {
        if (std::any_of(list.begin(), list.end(),
                        [&](const Entry& e) { return e.language == language; })) {
          chosen = language;
          break;
        }
      }
    }
    ValueCounts& counts = counts_[facet];
    for (std::size_t i = 0; i < list.size(); ++i) {
      const Entry& entry = list[i];
      if (entry.language != chosen) continue;
      // A value given twice in one record counts once.
      bool seen = false;
      for (std::size_t j = 0; j < i && !seen; ++j)
        seen = list[j].language == chosen && list[j].value == entry.value;
      if (seen) continue;
      auto it = counts.find(entry.value);
      if (it == counts.end()) {
        counts.emplace(std::string(entry.value), 1);
      } else {
        ++it->second;
      }
    }
  }
}

}  // namespace mura::search
