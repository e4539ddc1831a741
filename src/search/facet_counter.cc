#include "search/facet_counter.h"

#include <algorithm>

#include "text/kazakh_script.h"
#include "text/normalize.h"

namespace mura::search {
namespace {

// Marks a Kazakh value counted for a kk-Latn request: transliterated when the counts are read.
constexpr char kTransliterate = '\x01';

std::size_t facet_index(char code) {
  for (std::size_t i = 0; i < kFacetCount; ++i) {
    if (kFacets[i].code == code) return i;
  }
  return kFacetCount;
}

int floor_to(int year, int step) {
  const int remainder = year % step;
  return remainder < 0 ? year - remainder - step : year - remainder;
}

}  // namespace

FacetCounter::FacetCounter(std::vector<Facet> facets, std::string language)
    : wanted_(kFacetCount, false),
      latin_(text::is_kazakh_latin(language)),
      counts_(kFacetCount),
      scratch_(kFacetCount) {
  for (Facet facet : facets) wanted_[static_cast<std::size_t>(facet)] = true;
  for (const auto& preferred : language_preference(language)) {
    preference_.emplace_back(packed_language_code(preferred));
  }
}

void FacetCounter::operator()(const Xapian::Document& document, double) {
  const std::string packed = document.get_value(kSlotFacets);
  for (auto& list : scratch_) list.clear();
  std::string_view rest(packed);
  while (!rest.empty()) {
    const auto end = rest.find('\x1e');
    const std::string_view entry = rest.substr(0, end);
    rest = end == std::string_view::npos ? std::string_view() : rest.substr(end + 1);
    const auto separator = entry.find('\x1f');
    if (entry.empty() || separator == std::string_view::npos) continue;
    if (entry[0] == kPackedSpanCode) {
      const auto span = packed_span(entry.substr(separator + 1));
      if (!span || span->second - span->first > kMaxHistogramSpan) continue;
      if (wanted_[static_cast<std::size_t>(Facet::kDecade)]) {
        for (int decade = floor_to(span->first, 10); decade <= span->second; decade += 10)
          ++decades_[decade];
      }
      if (wanted_[static_cast<std::size_t>(Facet::kCentury)]) {
        for (int century = floor_to(span->first, 100); century <= span->second; century += 100)
          ++centuries_[century];
      }
      continue;
    }
    const std::size_t facet = facet_index(entry[0]);
    if (facet == kFacetCount || !wanted_[facet]) continue;
    scratch_[facet].push_back({entry.substr(1, separator - 1), entry.substr(separator + 1)});
  }
  for (std::size_t facet = 0; facet < kFacetCount; ++facet) {
    if (!scratch_[facet].empty()) count(facet, scratch_[facet]);
  }
}

void FacetCounter::count(std::size_t facet, std::vector<Entry>& list) {
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
  const bool transliterate = latin_ && chosen == packed_language_code("kk");
  ValueCounts& counts = counts_[facet];
  std::string key;
  for (std::size_t i = 0; i < list.size(); ++i) {
    const Entry& entry = list[i];
    if (entry.language != chosen) continue;
    // A value given twice in one record counts once.
    bool seen = false;
    for (std::size_t j = 0; j < i && !seen; ++j)
      seen = list[j].language == chosen && list[j].value == entry.value;
    if (seen) continue;
    std::string_view value = entry.value;
    if (transliterate) {
      key.assign(1, kTransliterate).append(entry.value);
      value = key;
    }
    if (auto it = counts.find(value); it != counts.end()) {
      ++it->second;
    } else {
      counts.emplace(std::string(value), 1);
    }
  }
}

ValueCounts FacetCounter::counts(Facet facet) const {
  ValueCounts decoded;
  if (facet == Facet::kDecade || facet == Facet::kCentury) {
    for (const auto& [year, count] : facet == Facet::kDecade ? decades_ : centuries_)
      decoded[std::to_string(year)] = count;
    return decoded;
  }
  for (const auto& [value, count] : counts_[static_cast<std::size_t>(facet)]) {
    std::string whole = !value.empty() && value[0] == kTransliterate
                            ? text::kazakh_to_latin(value.substr(1))
                            : decode_packed_value(facet, value);
    decoded[std::move(whole)] += count;
  }
  return decoded;
}

}  // namespace mura::search
