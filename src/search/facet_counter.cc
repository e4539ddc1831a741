#include "search/facet_counter.h"

#include <algorithm>
#include <deque>
#include <map>
#include <unordered_map>

#include "text/kazakh_script.h"
#include "text/normalize.h"

namespace mura::search {
namespace {

int floor_to(int year, int step) {
  const int remainder = year % step;
  return remainder < 0 ? year - remainder - step : year - remainder;
}

}  // namespace

FacetCounter::FacetCounter(std::shared_ptr<const FacetColumn> column,
                           const std::vector<Facet>& facets, const std::string& language)
    : wanted_(kSpanFacet + 1, false),
      latin_(text::is_kazakh_latin(language)),
      column_(std::move(column)) {
  for (Facet facet : facets) wanted_[static_cast<std::size_t>(facet)] = true;
  wanted_[kSpanFacet] = wanted_[static_cast<std::size_t>(Facet::kDecade)] ||
                        wanted_[static_cast<std::size_t>(Facet::kCentury)];
  for (const auto& preferred : language_preference(language))
    preference_.emplace_back(packed_language_code(preferred));
  if (!column_) {
    read_ = std::make_unique<FacetColumn::Builder>(1);
    read_counts_.segment = &read_->segment();
    return;
  }
  for (const auto& segment : column_->segments()) {
    SegmentCounts& counts = segments_.emplace_back();
    counts.segment = segment.get();
    prepare(counts);
  }
}

FacetCounter::~FacetCounter() = default;

void FacetCounter::prepare(SegmentCounts& counts) const {
  const auto& languages = counts.segment->languages;
  counts.preference.clear();
  for (const auto& preferred : preference_) {
    const auto found = std::find(languages.begin() + 1, languages.end(), preferred);
    if (found != languages.end())
      counts.preference.push_back(static_cast<std::uint8_t>(found - languages.begin()));
  }
  const auto kazakh = std::find(languages.begin() + 1, languages.end(), packed_language_code("kk"));
  counts.kazakh =
      kazakh == languages.end() ? 0 : static_cast<std::uint8_t>(kazakh - languages.begin());
  counts.counts.resize(counts.segment->values.size());
}

void FacetCounter::operator()(const Xapian::Document& document, double) {
  if (read_) {
    const FacetColumn::Segment& segment = read_->segment();
    const std::size_t languages = segment.languages.size();
    read_->add(static_cast<Xapian::docid>(segment.documents() + 1),
               document.get_value(kSlotFacets));
    if (segment.languages.size() != languages) {
      prepare(read_counts_);
    } else {
      read_counts_.counts.resize(segment.values.size());
    }
    return count(read_counts_, segment.documents() - 1);
  }
  const Xapian::docid docid = document.get_docid();
  if (current_ >= segments_.size() || docid < segments_[current_].segment->first) current_ = 0;
  while (current_ < segments_.size()) {
    const FacetColumn::Segment& segment = *segments_[current_].segment;
    if (docid < segment.first + segment.documents()) {
      if (docid < segment.first) break;
      pending_.emplace_back(static_cast<std::uint32_t>(current_), docid - segment.first);
      return;
    }
    ++current_;
  }
  ++uncovered_;
}

void FacetCounter::tally() {
  // How far ahead to fetch: a document's offset first, then (once that has arrived) its values.
  constexpr std::size_t kOffsetAhead = 16;
  constexpr std::size_t kValuesAhead = 8;
  const std::size_t count_pending = pending_.size();
  for (std::size_t i = 0; i < count_pending; ++i) {
    if (i + kOffsetAhead < count_pending) {
      const auto& [segment, document] = pending_[i + kOffsetAhead];
      __builtin_prefetch(segments_[segment].segment->offsets.data() + document);
    }
    if (i + kValuesAhead < count_pending) {
      const auto& [segment, document] = pending_[i + kValuesAhead];
      const FacetColumn::Segment& ahead = *segments_[segment].segment;
      __builtin_prefetch(ahead.entries.data() + ahead.offsets[document]);
    }
    count(segments_[pending_[i].first], pending_[i].second);
  }
  pending_.clear();
}

void FacetCounter::count(SegmentCounts& counts, std::size_t document) {
  const FacetColumn::Segment& segment = *counts.segment;
  const std::uint32_t* entry = segment.entries.data() + segment.offsets[document];
  const std::uint32_t* const end = segment.entries.data() + segment.offsets[document + 1];
  const std::uint16_t* const tags = segment.tags.data();
  while (entry != end) {
    // The values of one facet are together.
    const unsigned facet = tags[*entry] >> 8;
    const std::uint32_t* group_end = entry + 1;
    while (group_end != end && (tags[*group_end] >> 8) == facet) ++group_end;
    if (wanted_[facet]) {
      // Values without a language all count; otherwise only those of the best language there is
      // (the preferred order, else the first value's).
      auto has = [&](std::uint8_t language) {
        return std::any_of(entry, group_end,
                           [&](std::uint32_t value) { return (tags[value] & 0xff) == language; });
      };
      std::uint8_t chosen = 0;
      if (!has(0)) {
        chosen = static_cast<std::uint8_t>(tags[*entry] & 0xff);
        for (std::uint8_t preferred : counts.preference) {
          if (has(preferred)) {
            chosen = preferred;
            break;
          }
        }
      }
      for (const std::uint32_t* value = entry; value != group_end; ++value) {
        if ((tags[*value] & 0xff) == chosen) ++counts.counts[*value];
      }
    }
    entry = group_end;
  }
}

std::vector<std::pair<std::string, std::int64_t>> FacetCounter::counts(
    const std::vector<const FacetCounter*>& counters, Facet facet, std::size_t limit) {
  const bool decades = facet == Facet::kDecade;
  const bool histogram = decades || facet == Facet::kCentury;
  const auto index = histogram ? kSpanFacet : static_cast<std::size_t>(facet);
  std::map<int, std::int64_t> years;
  // Values as the columns hold them, unless they have to be made whole (a Kazakh value asked
  // for in Latin letters, an abbreviated rights statement): those are kept in `decoded`.
  std::unordered_map<std::string_view, std::int64_t> by_value;
  std::deque<std::string> decoded;
  for (const FacetCounter* counter : counters) {
    std::vector<const SegmentCounts*> counted;
    for (const auto& segment : counter->segments_) counted.push_back(&segment);
    if (counter->read_) counted.push_back(&counter->read_counts_);
    for (const SegmentCounts* segment : counted) {
      for (std::size_t id = 0; id < segment->counts.size(); ++id) {
        const std::uint32_t count = segment->counts[id];
        const FacetColumn::Value& value = segment->segment->values[id];
        if (count == 0 || value.facet != index) continue;
        if (histogram) {
          if (value.last_year - value.first_year > kMaxHistogramSpan) continue;
          const int step = decades ? 10 : 100;
          for (int year = floor_to(value.first_year, step); year <= value.last_year; year += step)
            years[year] += count;
          continue;
        }
        std::string_view key = value.text;
        if (counter->latin_ && segment->kazakh != 0 && value.language == segment->kazakh) {
          key = decoded.emplace_back(text::kazakh_to_latin(value.text));
        } else if (facet == Facet::kRights && key.starts_with('#')) {
          key = decoded.emplace_back(decode_packed_value(facet, value.text));
        }
        by_value[key] += count;
      }
    }
  }
  std::vector<std::pair<std::string, std::int64_t>> result;
  if (histogram) {
    for (const auto& [year, count] : years) result.emplace_back(std::to_string(year), count);
    return result;
  }
  std::vector<std::pair<std::string_view, std::int64_t>> ordered(by_value.begin(), by_value.end());
  const auto end = ordered.begin() + static_cast<std::ptrdiff_t>(std::min(limit, ordered.size()));
  std::partial_sort(ordered.begin(), end, ordered.end(), [](const auto& a, const auto& b) {
    return a.second != b.second ? a.second > b.second : a.first < b.first;
  });
  for (auto it = ordered.begin(); it != end; ++it) result.emplace_back(it->first, it->second);
  return result;
}

}  // namespace mura::search
