#include "search/facet_column.h"

#include <algorithm>
#include <string_view>
#include <unordered_map>

namespace mura::search {
namespace {

// This many segments and all but the first are read again as one.
constexpr std::size_t kMaxSegments = 8;
// A value the builder leaves out (a span it cannot read).
constexpr std::uint32_t kNoValue = UINT32_MAX;

std::size_t facet_of_code(char code) {
  if (code == kPackedSpanCode) return kSpanFacet;
  for (std::size_t i = 0; i < kFacetCount; ++i) {
    if (kFacets[i].code == code) return i;
  }
  return kFacetCount + 1;  // unknown: skipped
}

std::shared_ptr<const FacetColumn::Segment> read_segment(const Xapian::Database& shard,
                                                         Xapian::docid first, Xapian::docid last) {
  FacetColumn::Builder builder(first);
  auto value = shard.valuestream_begin(kSlotFacets);
  const auto end = shard.valuestream_end(kSlotFacets);
  if (first > 1 && value != end) value.skip_to(first);
  for (; value != end && value.get_docid() <= last; ++value) builder.add(value.get_docid(), *value);
  return builder.finish(last);
}

}  // namespace

struct FacetColumn::Builder::Index {
  std::unordered_map<std::string, std::uint32_t> ids;
  std::string key;
};

FacetColumn::Builder::Builder(Xapian::docid first)
    : segment_(std::make_shared<Segment>()), index_(std::make_unique<Index>()) {
  segment_->first = first;
  segment_->languages.emplace_back();
  segment_->offsets.push_back(0);
}

FacetColumn::Builder::~Builder() = default;

void FacetColumn::Builder::add(Xapian::docid docid, std::string_view packed) {
  // Documents without facet values between the last one and this.
  while (segment_->first + segment_->documents() < docid)
    segment_->offsets.push_back(segment_->offsets.back());
  document_.clear();
  while (!packed.empty()) {
    const auto end = packed.find('\x1e');
    const std::string_view entry = packed.substr(0, end);
    packed = end == std::string_view::npos ? std::string_view() : packed.substr(end + 1);
    const auto separator = entry.find('\x1f');
    if (entry.empty() || separator == std::string_view::npos) continue;
    const std::size_t facet = facet_of_code(entry[0]);
    if (facet > kSpanFacet) continue;
    const std::uint32_t value =
        intern(facet, entry.substr(1, separator - 1), entry.substr(separator + 1));
    if (value == kNoValue) continue;
    // A value given twice counts once.
    if (std::find(document_.begin(), document_.end(), value) == document_.end())
      document_.push_back(value);
  }
  std::stable_sort(document_.begin(), document_.end(), [&](std::uint32_t a, std::uint32_t b) {
    return segment_->values[a].facet < segment_->values[b].facet;
  });
  segment_->entries.insert(segment_->entries.end(), document_.begin(), document_.end());
  segment_->offsets.push_back(static_cast<std::uint32_t>(segment_->entries.size()));
}

std::shared_ptr<const FacetColumn::Segment> FacetColumn::Builder::finish(Xapian::docid last) {
  while (segment_->first + segment_->documents() <= last)
    segment_->offsets.push_back(segment_->offsets.back());
  segment_->entries.shrink_to_fit();
  segment_->offsets.shrink_to_fit();
  return std::move(segment_);
}

std::uint32_t FacetColumn::Builder::intern(std::size_t facet, std::string_view language,
                                           std::string_view text) {
  std::string& key = index_->key;
  key.assign(1, static_cast<char>(facet)).append(language).append(1, '\x1f').append(text);
  if (auto it = index_->ids.find(key); it != index_->ids.end()) return it->second;
  Value value;
  value.facet = static_cast<std::uint8_t>(facet);
  if (facet == kSpanFacet) {
    const auto span = packed_span(text);
    if (!span) return kNoValue;
    value.first_year = span->first;
    value.last_year = span->second;
  }
  auto& languages = segment_->languages;
  auto language_index = std::find(languages.begin(), languages.end(), language);
  if (language_index == languages.end()) {
    if (languages.size() > UINT8_MAX) return kNoValue;  // no record has 255 languages
    language_index = languages.emplace(languages.end(), language);
  }
  value.language = static_cast<std::uint8_t>(language_index - languages.begin());
  value.text = std::string(text);
  const auto id = static_cast<std::uint32_t>(segment_->values.size());
  segment_->tags.push_back(static_cast<std::uint16_t>(value.facet << 8 | value.language));
  segment_->values.push_back(std::move(value));
  index_->ids.emplace(key, id);
  return id;
}

std::shared_ptr<const FacetColumn> FacetColumn::read(const Xapian::Database& shard,
                                                     std::shared_ptr<const FacetColumn> before) {
  const Xapian::docid last = shard.get_lastdocid();
  if (before && before->last_docid_ >= last) return before;
  auto column = std::make_shared<FacetColumn>();
  if (before) {
    column->segments_ = before->segments_;
    // Many small segments (a commit at a time) become one: everything after the first segment
    // is read again, which is only what the commits since it added.
    if (column->segments_.size() >= kMaxSegments) column->segments_.resize(1);
  }
  const Xapian::docid first =
      column->segments_.empty()
          ? 1
          : column->segments_.back()->first +
                static_cast<Xapian::docid>(column->segments_.back()->documents());
  column->segments_.push_back(read_segment(shard, first, last));
  column->last_docid_ = last;
  return column;
}

}  // namespace mura::search
