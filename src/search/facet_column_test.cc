// The facet column of a shard (facet_column.h) on a real Xapian database: documents without
// facet values leave gaps, a later revision is read only past the column's end, deleted
// documents keep their place, many small reads are merged into one segment, and the facet
// counter counts what the column holds — the same as reading each document's slot.
#include "search/facet_column.h"

#include <gtest/gtest.h>
#include <xapian.h>

#include <filesystem>
#include <map>
#include <random>

#include "search/facet_counter.h"
#include "search/schema.h"

namespace mura::search {
namespace {

class FacetColumnTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::random_device random;
    directory_ = std::filesystem::temp_directory_path() /
                 ("mura-facet-column-test-" + std::to_string(random()));
    database_ = std::make_unique<Xapian::WritableDatabase>(
        directory_.string(), Xapian::DB_CREATE | Xapian::DB_BACKEND_GLASS);
  }
  void TearDown() override {
    database_.reset();
    std::filesystem::remove_all(directory_);
  }

  // Adds a document of `kind` made by `creator` (none when empty) and returns its docid.
  Xapian::docid add(const std::string& kind, const std::string& creator = "") {
    Xapian::Document document;
    std::vector<FacetValue> values = {{Facet::kKind, "", kind}};
    if (!creator.empty()) {
      values.push_back({Facet::kCreator, "kk", creator});
      values.push_back({Facet::kCreator, "en", "(en) " + creator});
    }
    document.add_value(kSlotFacets, pack_facets(values));
    return database_->add_document(document);
  }
  Xapian::docid add_without_values() { return database_->add_document(Xapian::Document()); }

  // The values of `docid` in `column`, "facet:text".
  static std::vector<std::string> values_of(const FacetColumn& column, Xapian::docid docid) {
    for (const auto& segment : column.segments()) {
      if (docid < segment->first || docid >= segment->first + segment->documents()) continue;
      const std::size_t document = docid - segment->first;
      std::vector<std::string> values;
      for (auto entry = segment->offsets[document]; entry < segment->offsets[document + 1];
           ++entry) {
        const auto& value = segment->values[segment->entries[entry]];
        values.push_back(std::to_string(value.facet) + ":" + value.text);
      }
      return values;
    }
    ADD_FAILURE() << "docid " << docid << " is not in the column";
    return {};
  }

  // Kind and creator counts of every document of the database, through a counter on `column`.
  std::map<std::string, std::int64_t> counted(std::shared_ptr<const FacetColumn> column) {
    Xapian::Database reader(directory_.string());
    FacetCounter counter(std::move(column), {Facet::kKind, Facet::kCreator}, "kk");
    Xapian::Enquire enquire(reader);
    enquire.set_query(Xapian::Query(std::string()));
    enquire.add_matchspy(&counter);
    (void)enquire.get_mset(0, 0, reader.get_doccount());
    counter.tally();
    EXPECT_EQ(counter.uncovered(), 0u);
    std::map<std::string, std::int64_t> all;
    for (Facet facet : {Facet::kKind, Facet::kCreator}) {
      for (const auto& [value, count] : FacetCounter::counts({&counter}, facet, 100))
        all[std::string(facet_info(facet).name) + ":" + value] = count;
    }
    return all;
  }

  std::filesystem::path directory_;
  std::unique_ptr<Xapian::WritableDatabase> database_;
};

TEST_F(FacetColumnTest, HoldsEachDocumentsValuesWithGapsForThoseWithout) {
  const auto first = add("artwork", "Әбілхан Қастеев");
  const auto bare = add_without_values();
  const auto last = add("collection");
  database_->commit();
  const auto column = FacetColumn::read(*database_, nullptr);
  EXPECT_EQ(column->last_docid(), last);
  ASSERT_EQ(column->segments().size(), 1u);
  const std::string kind = std::to_string(static_cast<int>(Facet::kKind));
  const std::string creator = std::to_string(static_cast<int>(Facet::kCreator));
  EXPECT_EQ(values_of(*column, first),
            (std::vector<std::string>{kind + ":artwork", creator + ":Әбілхан Қастеев",
                                      creator + ":(en) Әбілхан Қастеев"}));
  EXPECT_TRUE(values_of(*column, bare).empty());
  EXPECT_EQ(values_of(*column, last), (std::vector<std::string>{kind + ":collection"}));
  // Nothing new: the same column.
  EXPECT_EQ(FacetColumn::read(*database_, column), column);
}

TEST_F(FacetColumnTest, ReadsOnlyWhatLaterRevisionsAddedAndMergesSmallReads) {
  add("artwork", "Қастеев");
  add("collection");
  database_->commit();
  auto column = FacetColumn::read(*database_, nullptr);
  // One document a commit, the way a server indexes: a segment each, until they are merged.
  std::size_t most_segments = 0;
  for (int i = 0; i < 12; ++i) {
    const auto docid = add(i % 2 == 0 ? "artwork" : "archival_unit", i % 3 == 0 ? "Абай" : "");
    if (i == 5) database_->delete_document(1);  // a record replaced or removed
    database_->commit();
    const auto before = column;
    column = FacetColumn::read(*database_, before);
    EXPECT_EQ(column->last_docid(), docid);
    EXPECT_EQ(column->segments().front(), before->segments().front()) << "the first is shared";
    most_segments = std::max(most_segments, column->segments().size());
    // The counts are those of a column read whole from this revision.
    EXPECT_EQ(counted(column), counted(FacetColumn::read(*database_, nullptr))) << i;
  }
  EXPECT_LE(most_segments, 8u);
  EXPECT_LT(column->segments().size(), most_segments) << "small segments were merged";
  const auto totals = counted(column);
  EXPECT_EQ(totals.at("kind:artwork"), 6);  // the first one was deleted
  EXPECT_EQ(totals.at("kind:archival_unit"), 6);
  EXPECT_EQ(totals.at("kind:collection"), 1);
  EXPECT_EQ(totals.at("creator:Абай"), 4);  // in the request's language, once per record
  EXPECT_EQ(totals.count("creator:Қастеев"), 0u);
  EXPECT_EQ(totals.count("creator:(en) Абай"), 0u);
}

}  // namespace
}  // namespace mura::search
