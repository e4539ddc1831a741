// Every document's facet values of one shard, in memory: what the facet counter reads for each
// match instead of the document's packed facet slot, which Xapian would read from disk one block
// at a time (at 1,000,000 records a one-word query matches 20,000 of them).
//
// A column is read from the shard's facet value stream (schema.h pack_facets) in docid order.
// Documents are never changed in place: put() adds a new document under a new docid and deletes
// the old one, and Xapian never hands out a docid twice. So what a column holds for a docid stays
// true for as long as that document exists; a later revision of the shard only adds documents
// past the column's last docid (read() reads just those) or deletes some (they no longer match,
// so they are never looked up). Immutable once made; share it between threads freely.
// Internal to search/.
#pragma once

#include <xapian.h>

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "search/schema.h"

namespace mura::search {

inline constexpr std::size_t kFacetCount = std::size(kFacets);
// The facet index of a date span entry (its decades and centuries), after the facets.
inline constexpr std::size_t kSpanFacet = kFacetCount;

class FacetColumn {
 public:
  // One distinct facet value of a segment.
  struct Value {
    std::uint8_t facet = 0;     // index into kFacets, or kSpanFacet
    std::uint8_t language = 0;  // index into the segment's languages; 0 for none
    std::string text;           // as packed (decode_packed_value makes it whole)
    int first_year = 0;         // a span's years
    int last_year = 0;
  };
  // The documents of a run of docids: their values, grouped by facet, each value once.
  struct Segment {
    Xapian::docid first = 1;             // docids first .. first + documents() - 1
    std::vector<std::uint32_t> offsets;  // per document, into `entries`; one more at the end
    std::vector<std::uint32_t> entries;  // indices into `values`
    std::vector<Value> values;
    std::vector<std::uint16_t> tags;     // per value: facet << 8 | language, for counting
    std::vector<std::string> languages;  // packed language codes; [0] is "" (none)
    std::size_t documents() const { return offsets.empty() ? 0 : offsets.size() - 1; }
  };

  // Builds a segment from documents given in docid order with their packed facet slots.
  class Builder {
   public:
    explicit Builder(Xapian::docid first);
    ~Builder();
    // Adds `docid` (past every docid added so far) with its packed facet slot.
    void add(Xapian::docid docid, std::string_view packed);
    // The segment so far.
    const Segment& segment() const { return *segment_; }
    // The segment, covering docids up to `last` (those not added have no values).
    std::shared_ptr<const Segment> finish(Xapian::docid last);

   private:
    struct Index;  // the segment's values by facet, language and text
    std::uint32_t intern(std::size_t facet, std::string_view language, std::string_view text);

    std::shared_ptr<Segment> segment_;
    std::unique_ptr<Index> index_;
    std::vector<std::uint32_t> document_;
  };

  // A column of `shard` up to its last docid, sharing what `before` (an earlier column of the
  // same shard; null for none) already holds and reading only the documents after it. Once
  // there are many segments (a commit at a time), all but the first are read again as one.
  static std::shared_ptr<const FacetColumn> read(const Xapian::Database& shard,
                                                 std::shared_ptr<const FacetColumn> before);

  Xapian::docid last_docid() const { return last_docid_; }
  const std::vector<std::shared_ptr<const Segment>>& segments() const { return segments_; }

 private:
  std::vector<std::shared_ptr<const Segment>> segments_;  // by docid, ascending
  Xapian::docid last_docid_ = 0;
};

}  // namespace mura::search
