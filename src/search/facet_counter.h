// Exact facet counts: a Xapian match spy that looks up each match of one shard in the shard's
// facet column (facet_column.h) — or, searching all shards as one database, whose documents do
// not say which shard they are in, reads the match's packed facet slot — and counts, per facet, the
// values in the language that best fits the request (a creator named in four languages counts once;
// a Kazakh one asked for in kk-Latn is transliterated), and the decades and centuries of its date
// span. Run with check_at_least covering the whole shard so that every match is seen. Internal to
// search/. One counter per search of a shard; not thread-safe.
#pragma once

#include <xapian.h>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "search/facet_column.h"
#include "search/schema.h"

namespace mura::search {

class FacetCounter : public Xapian::MatchSpy {
 public:
  // Counts `facets` of matches in the shard `column` was read from (up to the revision searched),
  // or, with a null column, of matches read from their facet slots.
  FacetCounter(std::shared_ptr<const FacetColumn> column, const std::vector<Facet>& facets,
               const std::string& language);
  ~FacetCounter() override;

  void operator()(const Xapian::Document& document, double weight) override;
  std::string name() const override { return "mura.FacetCounter"; }

  // Counts the matches seen so far (a column's are counted together, after the match: their
  // values are far apart in memory, and looking them up in one pass lets the next ones be
  // fetched while one is counted).
  void tally();

  // The counts of `facet` (one of those asked for) over the matches of every counter in
  // `counters` (one per shard), by value made whole: a histogram's every value in time order,
  // otherwise the `limit` most frequent (ties by value). REQUIRES: tally() after the last match.
  static std::vector<std::pair<std::string, std::int64_t>> counts(
      const std::vector<const FacetCounter*>& counters, Facet facet, std::size_t limit);
  // Matches the column did not cover (it was read before the revision searched): 0, or the
  // counts are incomplete.
  std::uint64_t uncovered() const { return uncovered_; }

 private:
  struct SegmentCounts {
    const FacetColumn::Segment* segment = nullptr;
    std::vector<std::uint8_t> preference;  // the segment's language indices, best first
    std::uint8_t kazakh = 0;               // the segment's index of kk (0 when it has none)
    std::vector<std::uint32_t> counts;     // by value
  };
  // Where `counts.segment`'s languages stand in the request's preference; a counter for every
  // value it has.
  void prepare(SegmentCounts& counts) const;
  void count(SegmentCounts& segment, std::size_t document);

  std::vector<bool> wanted_;             // by facet index, kSpanFacet last
  std::vector<std::string> preference_;  // packed language codes, best first
  bool latin_ = false;                   // the request is in kk-Latn
  std::shared_ptr<const FacetColumn> column_;
  std::vector<SegmentCounts> segments_;  // the column's
  std::size_t current_ = 0;  // the segment of the last match (matches come in docid order)
  // Matches not yet tallied: the index into segments_ and the document in that segment.
  std::vector<std::pair<std::uint32_t, std::uint32_t>> pending_;
  // Without a column: the matches read so far, as a segment of their own.
  std::unique_ptr<FacetColumn::Builder> read_;
  SegmentCounts read_counts_;
  std::uint64_t uncovered_ = 0;
};

}  // namespace mura::search
