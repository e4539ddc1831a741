// The catalog suite, written once against the Catalog interface and run on every backend (a
// SQLite file, SQLite in memory; PostgreSQL joins by adding a Backend to kBackends). SQLite-only
// checks (WAL, schema versions, query plans) are at the end.
#include "catalog/catalog.h"

#include <stdlib.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <random>
#include <thread>

#include "base/testing/status_matchers.h"
#include "catalog/catalog_testing.h"
#include "catalog/sqlite_catalog.h"
#include "catalog/sqlite_statement.h"

namespace mura::catalog {
namespace {

using ::mura::testing::IsOk;
using ::mura::testing::StatusIs;
using record::Kind;
using record::Record;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

using test_support::ark;
using test_support::Backend;
using test_support::ids_of;
using test_support::kBackends;
using test_support::make_record;
using test_support::TempDirectory;
using test_support::time_at;

class CatalogTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    ASSERT_FALSE(directory_.path().empty());
    auto opened = GetParam().open(directory_.path(), "catalog");
    ASSERT_THAT(opened, IsOk());
    catalog_ = std::move(opened).value();
  }

  Result<std::unique_ptr<Catalog>> open_another(const std::string& name) {
    return GetParam().open(directory_.path(), name);
  }

  void put(const Record& record) { ASSERT_OK(catalog_->put_record(record)); }

  // Every page of children(parent), checking the cursor contract on the way.
  std::vector<RecordSummary> all_children(Catalog& catalog, const std::string& parent, int limit) {
    std::vector<RecordSummary> all;
    std::string cursor;
    for (int pages = 0; pages < 100000; ++pages) {
      auto page = catalog.children(parent, cursor, limit);
      EXPECT_THAT(page, IsOk());
      if (!page) break;
      EXPECT_LE(page->items.size(), static_cast<std::size_t>(limit));
      all.insert(all.end(), page->items.begin(), page->items.end());
      if (page->next_cursor.empty()) break;
      EXPECT_EQ(page->items.size(), static_cast<std::size_t>(limit))
          << "only the last page is short";
      cursor = page->next_cursor;
    }
    return all;
  }

  std::vector<RecordSummary> all_listed(Catalog& catalog, const ListFilter& filter, int limit) {
    std::vector<RecordSummary> all;
    std::string cursor;
    for (int pages = 0; pages < 100000; ++pages) {
      auto page = catalog.list(filter, cursor, limit);
      EXPECT_THAT(page, IsOk());
      if (!page) break;
      all.insert(all.end(), page->items.begin(), page->items.end());
      if (page->next_cursor.empty()) break;
      cursor = page->next_cursor;
    }
    return all;
  }

  std::vector<std::string> listed_ids(const ListFilter& filter, int limit = 2) {
    return ids_of(all_listed(*catalog_, filter, limit));
  }

  TempDirectory directory_;
  std::unique_ptr<Catalog> catalog_;
};

TEST_P(CatalogTest, PutThenGetReturnsTheRecordExactly) {
  Record record = make_record("full", Kind::kArchivalUnit, "fonds", 7, 5);
  record.fields["title"] = {{"kk", "Абай хаты"}, {"kk-Latn", "Abai haty"}, {"ru", "Письмо Абая"}};
  record.fields["date"] = {{"", "1895~"}};
  record.fields["call_number"] = {{"", "Ф.1 Оп.2 Д.3"}};
  record.fields["empty"] = {};
  record.access.metadata = record::AccessLevel::kRegistered;
  record.access.files = record::AccessLevel::kRestricted;
  record.access.groups = {"researchers", "staff"};
  record.access.embargo_until = "2030-01-01";
  record.access.personal_data = true;
  record.access.closure_years = 75;
  record.access.review_pending = true;
  record.rights = "http://rightsstatements.org/vocab/InC/1.0/";
  record.files = {
      {"scans/page-001.tif", std::string(128, 'a'), 12345, "image/tiff", "fmt/353", "Page 1"},
      {"notes.txt", std::string(128, 'b'), 0, "", "", ""}};
  record.version = 3;
  put(record);

  ASSERT_OK_AND_ASSIGN(auto stored, catalog_->get_record(record.id));
  ASSERT_TRUE(stored.has_value());
  EXPECT_EQ(*stored, record);
  ASSERT_OK_AND_ASSIGN(auto missing, catalog_->get_record(ark("nothing")));
  EXPECT_FALSE(missing.has_value());

  ASSERT_OK_AND_ASSIGN(Page page, catalog_->children(ark("fonds"), "", 10));
  ASSERT_EQ(page.items.size(), 1U);
  const RecordSummary& summary = page.items[0];
  EXPECT_EQ(summary.title, "Абай хаты");
  EXPECT_EQ(summary.level, "item");
  EXPECT_EQ(summary.position, 7);
  EXPECT_EQ(summary.version, 3);
  EXPECT_EQ(summary.modified, time_at(5));
  EXPECT_EQ(summary.access, record.access);
}

TEST_P(CatalogTest, ReplacingARecordReplacesItsFieldsAndFiles) {
  Record record = make_record("r", Kind::kMuseumObject);
  record.fields["inventory_number"] = {{"", "КП-100"}};
  record.files = {{"a.tif", "d1", 100, "image/tiff", "", ""}, {"b.tif", "d2", 200, "", "", ""}};
  put(record);
  record.fields["title"] = {{"en", "New title"}};
  record.fields["inventory_number"] = {{"", "КП-200"}};
  record.files = {{"c.pdf", "d3", 7, "application/pdf", "fmt/276", ""}};
  record.version = 2;
  put(record);

  ASSERT_OK_AND_ASSIGN(auto stored, catalog_->get_record(record.id));
  EXPECT_EQ(stored, record);
  EXPECT_THAT(catalog_->find_by_identifier("КП-100"), ::testing::Optional(IsEmpty()));
  EXPECT_THAT(catalog_->find_by_identifier("КП-200"), ::testing::Optional(ElementsAre(record.id)));
  ASSERT_OK_AND_ASSIGN(CatalogStats stats, catalog_->stats());
  EXPECT_EQ(stats, (CatalogStats{1, 0, 1, 7, 0}));
  ASSERT_OK_AND_ASSIGN(Page page, catalog_->children("", "", 10));
  ASSERT_EQ(page.items.size(), 1U);
  EXPECT_EQ(page.items[0].title, "New title");
  EXPECT_EQ(page.items[0].version, 2);
}

TEST_P(CatalogTest, ChildrenPageThroughThousandsInPositionOrder) {
  put(make_record("series", Kind::kArchivalUnit));
  std::vector<Record> children;
  for (int i = 0; i < 2500; ++i) {
    // Positions repeat (every tenth pair shares one) so that the id breaks ties.
    children.push_back(make_record("item" + std::to_string(i), Kind::kArchivalUnit, "series",
                                   (i / 2) * 3 - 100, i));
  }
  std::vector<Record> shuffled = children;
  std::shuffle(shuffled.begin(), shuffled.end(), std::mt19937(42));
  ASSERT_OK(catalog_->begin_batch());
  for (const auto& child : shuffled) put(child);
  ASSERT_OK(catalog_->commit_batch());

  std::sort(children.begin(), children.end(), [](const Record& a, const Record& b) {
    return std::pair(a.position, a.id) < std::pair(b.position, b.id);
  });
  std::vector<std::string> expected;
  for (const auto& child : children) expected.push_back(child.id);

  std::vector<RecordSummary> paged = all_children(*catalog_, ark("series"), 100);
  EXPECT_EQ(ids_of(paged), expected);
  EXPECT_EQ(all_children(*catalog_, ark("series"), 1000).size(), 2500U);
  ASSERT_OK_AND_ASSIGN(Page top, catalog_->children("", "", 10));
  ASSERT_EQ(top.items.size(), 1U);
  EXPECT_EQ(top.items[0].child_count, 2500);
  EXPECT_TRUE(top.next_cursor.empty());
}

TEST_P(CatalogTest, AncestorsRunFromTheRootToTheParent) {
  put(make_record("coll", Kind::kCollection));
  put(make_record("fonds", Kind::kArchivalUnit, "coll"));
  put(make_record("series", Kind::kArchivalUnit, "fonds"));
  put(make_record("item", Kind::kArchivalUnit, "series"));
  ASSERT_OK_AND_ASSIGN(auto breadcrumb, catalog_->ancestors(ark("item")));
  EXPECT_THAT(ids_of(breadcrumb), ElementsAre(ark("coll"), ark("fonds"), ark("series")));
  EXPECT_EQ(breadcrumb[0].child_count, 1);
  EXPECT_EQ(breadcrumb[2].title, "Атауы series");
  EXPECT_THAT(catalog_->ancestors(ark("coll")), ::testing::Optional(IsEmpty()));
  EXPECT_THAT(catalog_->ancestors(ark("nowhere")), StatusIs(StatusCode::kNotFound));
}

// coll > fonds > series > {item1, item2(deleted)}; coll > sub (a collection) > obj; other > art.
void put_tree(Catalog& catalog) {
  for (const Record& record : {make_record("coll", Kind::kCollection, "", 0, 1),
                               make_record("fonds", Kind::kArchivalUnit, "coll", 1, 2),
                               make_record("series", Kind::kArchivalUnit, "fonds", 1, 3),
                               make_record("item1", Kind::kArchivalUnit, "series", 1, 4),
                               make_record("sub", Kind::kCollection, "coll", 2, 5),
                               make_record("obj", Kind::kMuseumObject, "sub", 1, 6),
                               make_record("other", Kind::kCollection, "", 1, 7),
                               make_record("art", Kind::kArtwork, "other", 1, 8)}) {
    ASSERT_OK(catalog.put_record(record));
  }
  Record deleted = make_record("item2", Kind::kArchivalUnit, "series", 2, 9);
  deleted.deleted = true;
  ASSERT_OK(catalog.put_record(deleted));
}

TEST_P(CatalogTest, ListFiltersCombine) {
  put_tree(*catalog_);
  auto names = [](std::initializer_list<const char*> list) {
    std::vector<std::string> ids;
    for (const char* name : list) ids.push_back(ark(name));
    return ids;
  };
  EXPECT_EQ(listed_ids({}),
            names({"coll", "fonds", "series", "item1", "sub", "obj", "other", "art"}));
  ListFilter all;
  all.include_deleted = true;
  EXPECT_EQ(listed_ids(all).size(), 9U);
  ListFilter collections;
  collections.kind = Kind::kCollection;
  EXPECT_EQ(listed_ids(collections), names({"coll", "sub", "other"}));
  ListFilter in_coll;
  in_coll.collection = ark("coll");
  EXPECT_EQ(listed_ids(in_coll), names({"coll", "fonds", "series", "item1", "sub", "obj"}));
  in_coll.include_deleted = true;
  EXPECT_EQ(listed_ids(in_coll, 100),
            names({"coll", "fonds", "series", "item1", "sub", "obj", "item2"}));
  ListFilter in_sub;
  in_sub.collection = ark("sub");
  EXPECT_EQ(listed_ids(in_sub), names({"sub", "obj"}));
  ListFilter under_series;
  under_series.parent = ark("series");
  EXPECT_EQ(listed_ids(under_series), names({"item1"}));
  ListFilter since;
  since.modified_since = time_at(6);
  since.modified_until = time_at(7);
  EXPECT_EQ(listed_ids(since), names({"obj", "other"}));
  ListFilter combined;
  combined.collection = ark("coll");
  combined.kind = Kind::kArchivalUnit;
  combined.modified_since = "2026-01-01";
  EXPECT_EQ(listed_ids(combined), names({"fonds", "series", "item1"}));

  // A cursor from before modified_since: the bound wins.
  ASSERT_OK_AND_ASSIGN(Page first, catalog_->list({}, "", 2));
  ListFilter later;
  later.modified_since = time_at(6);
  ASSERT_OK_AND_ASSIGN(Page after, catalog_->list(later, first.next_cursor, 10));
  EXPECT_EQ(ids_of(after.items), names({"obj", "other", "art"}));
  EXPECT_TRUE(after.next_cursor.empty());

  EXPECT_THAT(catalog_->count({}), ::testing::Optional(8));
  EXPECT_THAT(catalog_->count(in_coll), ::testing::Optional(7));
  EXPECT_THAT(catalog_->count(combined), ::testing::Optional(3));

  ASSERT_OK_AND_ASSIGN(auto obj, catalog_->ancestors(ark("obj")));
  EXPECT_EQ(obj.back().collection, ark("sub"));
  ASSERT_OK_AND_ASSIGN(Page items, catalog_->children(ark("series"), "", 10));
  EXPECT_THAT(ids_of(items.items), ElementsAre(ark("item1"))) << "tombstones are not children";
  EXPECT_EQ(items.items[0].collection, ark("coll"));
  ASSERT_OK_AND_ASSIGN(auto series, catalog_->ancestors(ark("item1")));
  EXPECT_EQ(series.back().child_count, 1);
}

TEST_P(CatalogTest, MovingARecordMovesItsSubtreeBetweenCollections) {
  put_tree(*catalog_);
  Record fonds = make_record("fonds", Kind::kArchivalUnit, "other", 5, 20);
  put(fonds);
  ListFilter in_coll;
  in_coll.collection = ark("coll");
  ListFilter in_other;
  in_other.collection = ark("other");
  EXPECT_EQ(listed_ids(in_coll), (std::vector{ark("coll"), ark("sub"), ark("obj")}));
  EXPECT_EQ(listed_ids(in_other),
            (std::vector{ark("series"), ark("item1"), ark("other"), ark("art"), ark("fonds")}));
  ASSERT_OK_AND_ASSIGN(auto breadcrumb, catalog_->ancestors(ark("item1")));
  EXPECT_THAT(ids_of(breadcrumb), ElementsAre(ark("other"), ark("fonds"), ark("series")));
  EXPECT_EQ(breadcrumb[0].child_count, 2);
  ASSERT_OK_AND_ASSIGN(auto coll, catalog_->ancestors(ark("sub")));
  EXPECT_EQ(coll[0].child_count, 1);

  // Turning `fonds` into a collection makes it the nearest collection of everything below it.
  fonds.kind = Kind::kCollection;
  fonds.level.clear();
  put(fonds);
  ListFilter in_fonds;
  in_fonds.collection = ark("fonds");
  EXPECT_EQ(listed_ids(in_fonds), (std::vector{ark("series"), ark("item1"), ark("fonds")}));
  ASSERT_OK_AND_ASSIGN(Page items, catalog_->children(ark("series"), "", 10));
  EXPECT_EQ(items.items[0].collection, ark("fonds"));
  EXPECT_EQ(listed_ids(in_other).size(), 5U);
}

TEST_P(CatalogTest, ArrivalOrderDoesNotChangeTheResult) {
  std::vector<Record> records;
  records.push_back(make_record("root", Kind::kCollection, "", 0, 1));
  records.push_back(make_record("inner", Kind::kCollection, "root", 0, 2));
  for (int f = 0; f < 3; ++f) {
    std::string fonds = "f" + std::to_string(f);
    records.push_back(make_record(fonds, Kind::kArchivalUnit, f == 2 ? "inner" : "root", f, 3 + f));
    for (int s = 0; s < 4; ++s) {
      std::string series = fonds + "s" + std::to_string(s);
      records.push_back(make_record(series, Kind::kArchivalUnit, fonds, s, 10 + s));
      for (int i = 0; i < 5; ++i) {
        Record item = make_record(series + "i" + std::to_string(i), Kind::kArchivalUnit, series,
                                  5 - i, 20 + i);
        item.deleted = i == 3;
        item.fields["identifier"] = {{"", " " + item.id + "-inv "}};
        records.push_back(item);
      }
    }
  }
  // What a client can observe of a catalog, record by record in id order.
  auto snapshot = [&](Catalog& catalog) {
    std::vector<std::string> ids;
    for (const auto& record : records) ids.push_back(record.id);
    std::sort(ids.begin(), ids.end());
    auto summaries = [](const std::vector<RecordSummary>& list) {
      std::string text;
      for (const auto& s : list) {
        text += s.id + "|" + s.collection + "|" + std::to_string(s.child_count) + "|" + s.title +
                "|" + s.modified + ";";
      }
      return text;
    };
    std::vector<std::string> lines;
    for (const auto& id : ids) {
      auto ancestors = catalog.ancestors(id);
      lines.push_back(ancestors ? summaries(*ancestors) : ancestors.error().to_string());
      lines.push_back(summaries(all_children(catalog, id, 3)));
      ListFilter filter;
      filter.collection = id;
      filter.include_deleted = true;
      lines.push_back(summaries(all_listed(catalog, filter, 7)));
      auto found = catalog.find_by_identifier(id + "-inv");
      lines.push_back(found ? std::to_string(found->size()) : found.error().to_string());
    }
    auto stats = catalog.stats();
    lines.push_back(stats ? std::to_string(stats->records) + "/" + std::to_string(stats->deleted)
                          : stats.error().to_string());
    return lines;
  };

  for (const auto& record : records) put(record);
  auto in_order = snapshot(*catalog_);
  EXPECT_EQ(in_order.back(), "77/12");
  ASSERT_OK_AND_ASSIGN(auto reversed, open_another("reversed"));
  for (auto it = records.rbegin(); it != records.rend(); ++it) {
    ASSERT_OK(reversed->put_record(*it));
  }
  EXPECT_EQ(snapshot(*reversed), in_order);

  // A rebuild: clear, then put everything again in a random order, in one batch.
  ASSERT_OK(catalog_->clear());
  EXPECT_THAT(catalog_->stats(), ::testing::Optional(CatalogStats{}));
  std::shuffle(records.begin(), records.end(), std::mt19937(7));
  ASSERT_OK(catalog_->begin_batch());
  for (const auto& record : records) put(record);
  ASSERT_OK(catalog_->commit_batch());
  EXPECT_EQ(snapshot(*catalog_), in_order);
}

TEST_P(CatalogTest, PutRejectsBadRecords) {
  put(make_record("a", Kind::kArchivalUnit));
  put(make_record("b", Kind::kArchivalUnit, "a"));
  put(make_record("c", Kind::kArchivalUnit, "b"));
  struct Case {
    std::string name;
    std::function<void(Record&)> change;
    std::string message;
  };
  const Case cases[] = {
      {"no id", [](Record& r) { r.id.clear(); }, "no id"},
      {"own parent", [](Record& r) { r.parent = r.id; }, "its own parent"},
      {"cycle", [](Record& r) { r.parent = ark("c"); }, "lies below this record"},
      {"duplicate path",
       [](Record& r) {
         r.files = {{"x.tif", "d", 1, "", "", ""}, {"x.tif", "e", 2, "", "", ""}};
       },
       "listed twice"},
      {"huge file",
       [](Record& r) {
         r.files = {{"x", "d", ~std::uint64_t{0}, "", "", ""}};
       },
       "beyond 2^63-1"},
      {"closure years", [](Record& r) { r.access.closure_years = 500; }, "closure_years"},
  };
  for (const auto& bad : cases) {
    Record record = make_record("a", Kind::kArchivalUnit);
    bad.change(record);
    EXPECT_THAT(catalog_->put_record(record),
                StatusIs(StatusCode::kInvalidArgument, HasSubstr(bad.message)))
        << bad.name;
  }
  ASSERT_OK_AND_ASSIGN(auto a, catalog_->get_record(ark("a")));
  EXPECT_EQ(a, make_record("a", Kind::kArchivalUnit)) << "a refused put changes nothing";
}

TEST_P(CatalogTest, IdentifierLookupIsExactAfterTrimming) {
  Record a = make_record("a", Kind::kArchivalUnit);
  a.fields["call_number"] = {{"", "  Ф.1 Оп.2 Д.3\t"}};
  a.fields["description"] = {{"ru", "КП-7"}};
  Record b = make_record("b", Kind::kMuseumObject);
  b.fields["inventory_number"] = {{"", "КП-7"}};
  b.fields["doi"] = {{"", "10.1234/abc"}};
  Record c = make_record("c", Kind::kMuseumObject);
  c.fields["identifier"] = {{"", "КП-7"}};
  Record gone = make_record("gone", Kind::kMuseumObject);
  gone.fields["identifier"] = {{"", "КП-7"}};
  gone.deleted = true;
  for (const auto& record : {a, b, c, gone}) put(record);

  EXPECT_THAT(catalog_->find_by_identifier("Ф.1 Оп.2 Д.3"), ::testing::Optional(ElementsAre(a.id)));
  EXPECT_THAT(catalog_->find_by_identifier(" КП-7 "), ::testing::Optional(ElementsAre(b.id, c.id)));
  EXPECT_THAT(catalog_->find_by_identifier("10.1234/abc"), ::testing::Optional(ElementsAre(b.id)));
  EXPECT_THAT(catalog_->find_by_identifier("кп-7"), ::testing::Optional(IsEmpty()));
  EXPECT_THAT(catalog_->find_by_identifier("Ф.1"), ::testing::Optional(IsEmpty()));
  EXPECT_THAT(catalog_->find_by_identifier(" \t"), StatusIs(StatusCode::kInvalidArgument));
}

TEST_P(CatalogTest, EventsAppendInOrderAndOnlyOnce) {
  put(make_record("r", Kind::kArtwork));
  record::Event ingest{"e1", "ingestion", time_at(1), "mura/0.1 user:alice", "success", "Ingested"};
  record::Event fixity{"e2", "fixity check", time_at(2), "mura/0.1", "success", ""};
  record::Event edit{"e3", "modification", time_at(3), "mura/0.1 user:bob", "success", "Title"};
  ASSERT_OK(catalog_->append_events(ark("r"), {ingest, fixity}));
  ASSERT_OK(catalog_->append_events(ark("r"), {ingest, fixity}));
  ASSERT_OK(catalog_->append_events(ark("r"), {edit}));
  EXPECT_THAT(catalog_->events(ark("r")), ::testing::Optional(ElementsAre(ingest, fixity, edit)));
  EXPECT_THAT(catalog_->append_events(ark("none"), {ingest}), StatusIs(StatusCode::kNotFound));
  EXPECT_THAT(catalog_->events(ark("none")), StatusIs(StatusCode::kNotFound));
  put(make_record("r", Kind::kArtwork, "", 0, 9));
  EXPECT_THAT(catalog_->events(ark("r")), ::testing::Optional(::testing::SizeIs(3)))
      << "replacing a record keeps its events";
}

TEST_P(CatalogTest, StatsCountRecordsFilesBytesAndEvents) {
  ASSERT_OK_AND_ASSIGN(CatalogStats empty, catalog_->stats());
  EXPECT_EQ(empty, CatalogStats{});
  Record a = make_record("a", Kind::kArtwork);
  a.files = {{"x", "d", 1000, "", "", ""}, {"y", "e", 24, "", "", ""}};
  Record b = make_record("b", Kind::kArtwork);
  b.files = {{"z", "f", 5'000'000'000, "", "", ""}};
  b.deleted = true;
  put(a);
  put(b);
  ASSERT_OK(catalog_->append_events(a.id, {{"e1", "ingestion", time_at(1), "", "success", ""}}));
  EXPECT_THAT(catalog_->stats(), ::testing::Optional(CatalogStats{2, 1, 3, 5'000'001'024, 1}));
}

TEST_P(CatalogTest, MalformedCursorsAndLimitsAreInvalidArguments) {
  put_tree(*catalog_);
  ASSERT_OK_AND_ASSIGN(Page children, catalog_->children(ark("coll"), "", 1));
  ASSERT_FALSE(children.next_cursor.empty());
  ASSERT_OK_AND_ASSIGN(Page listed, catalog_->list({}, "", 1));
  ASSERT_FALSE(listed.next_cursor.empty());
  EXPECT_THAT(children.next_cursor + listed.next_cursor, ::testing::MatchesRegex("[A-Za-z0-9_-]+"))
      << "URL-safe";

  const std::string bad_cursors[] = {
      "!!!",                   // not base64url
      "a",                     // impossible length
      "Yw",                    // "c": too short
      "Zm9vYmFy",              // "foobar": unknown tag
      "YzM6YWJjaWQ",           // "c3:abcid": position "abc"
      "Yzk5Onh5eg",            // "c99:xyz": key longer than the payload
      "YzE6NQ",                // "c1:5": no id
      "Yzp4eXo",               // "c:xyz": no key length
      std::string(5000, 'A'),  // too long
      listed.next_cursor,      // a list cursor
  };
  for (const auto& cursor : bad_cursors) {
    EXPECT_THAT(catalog_->children(ark("coll"), cursor, 10),
                StatusIs(StatusCode::kInvalidArgument, HasSubstr("cursor")))
        << cursor.substr(0, 20);
  }
  EXPECT_THAT(catalog_->list({}, children.next_cursor, 10), StatusIs(StatusCode::kInvalidArgument));
  EXPECT_THAT(catalog_->list({}, "%%%", 10), StatusIs(StatusCode::kInvalidArgument));
  EXPECT_THAT(catalog_->children(ark("coll"), "", 0), StatusIs(StatusCode::kInvalidArgument));
  EXPECT_THAT(catalog_->children(ark("coll"), "", 1001), StatusIs(StatusCode::kInvalidArgument));
  EXPECT_THAT(catalog_->list({}, "", -1), StatusIs(StatusCode::kInvalidArgument));
  ListFilter bad_time;
  bad_time.modified_since = "yesterday";
  EXPECT_THAT(catalog_->list(bad_time, "", 10),
              StatusIs(StatusCode::kInvalidArgument, HasSubstr("modified_since")));
  EXPECT_THAT(catalog_->count(bad_time), StatusIs(StatusCode::kInvalidArgument));
  // A good cursor still works after all that.
  EXPECT_THAT(catalog_->children(ark("coll"), children.next_cursor, 10),
              ::testing::Optional(::testing::Field(&Page::items, ::testing::SizeIs(1))));
}

TEST_P(CatalogTest, BatchesCommitOrLeaveNothing) {
  EXPECT_THAT(catalog_->commit_batch(), StatusIs(StatusCode::kFailedPrecondition));
  EXPECT_THAT(catalog_->rollback_batch(), StatusIs(StatusCode::kFailedPrecondition));
  ASSERT_OK(catalog_->begin_batch());
  EXPECT_THAT(catalog_->begin_batch(), StatusIs(StatusCode::kFailedPrecondition));
  put_tree(*catalog_);
  ASSERT_OK(catalog_->append_events(ark("coll"), {{"e", "ingestion", time_at(1), "", "", ""}}));
  ASSERT_OK(catalog_->set_setting("last_reindex", "never"));
  ASSERT_OK(catalog_->rollback_batch());
  EXPECT_THAT(catalog_->stats(), ::testing::Optional(CatalogStats{}));
  EXPECT_THAT(catalog_->get_record(ark("coll")), ::testing::Optional(std::nullopt));
  EXPECT_THAT(catalog_->setting("last_reindex"), ::testing::Optional(std::nullopt));
  EXPECT_THAT(catalog_->children("", "", 10),
              ::testing::Optional(::testing::Field(&Page::items, IsEmpty())));

  ASSERT_OK(catalog_->begin_batch());
  put(make_record("a", Kind::kArchivalUnit));
  put(make_record("b", Kind::kArchivalUnit, "a"));
  // A failed put inside the batch leaves no trace and the batch goes on.
  EXPECT_THAT(catalog_->put_record(make_record("a", Kind::kArchivalUnit, "b")),
              StatusIs(StatusCode::kInvalidArgument));
  put(make_record("c", Kind::kArchivalUnit, "a"));
  ASSERT_OK(catalog_->commit_batch());
  EXPECT_EQ(ids_of(all_children(*catalog_, ark("a"), 10)), (std::vector{ark("b"), ark("c")}));
  ASSERT_OK_AND_ASSIGN(auto a, catalog_->get_record(ark("a")));
  EXPECT_EQ(a, make_record("a", Kind::kArchivalUnit));
}

TEST_P(CatalogTest, SettingsPersistAndSurviveClear) {
  EXPECT_THAT(catalog_->setting("last_reindex"), ::testing::Optional(std::nullopt));
  ASSERT_OK(catalog_->set_setting("last_reindex", "2026-01-01T00:00:00Z"));
  ASSERT_OK(catalog_->set_setting("last_reindex", "2026-02-01T00:00:00Z"));
  put_tree(*catalog_);
  ASSERT_OK(catalog_->clear());
  EXPECT_THAT(catalog_->setting("last_reindex"),
              ::testing::Optional(std::optional<std::string>("2026-02-01T00:00:00Z")));
  EXPECT_THAT(catalog_->count({}), ::testing::Optional(0));
}

TEST_P(CatalogTest, ReadersRunWhileAWriterWrites) {
  put(make_record("series", Kind::kArchivalUnit));
  for (int i = 0; i < 50; ++i) {
    put(make_record("seed" + std::to_string(i), Kind::kArchivalUnit, "series", i, i));
  }
  std::atomic<bool> writing{true};
  std::atomic<int> failures{0};
  std::atomic<int> reads{0};
  std::vector<std::thread> readers;
  for (int t = 0; t < 4; ++t) {
    readers.emplace_back([&, t] {
      std::mt19937 generator(static_cast<unsigned>(t));
      while (writing.load() || reads.load() < 40) {
        ++reads;
        auto page = catalog_->children(ark("series"), "", 100);
        if (!page || page->items.size() < 50) {
          if (++failures > 100) return;
          continue;
        }
        for (std::size_t i = 1; i < page->items.size(); ++i) {
          const auto& a = page->items[i - 1];
          const auto& b = page->items[i];
          if (std::pair(a.position, a.id) >= std::pair(b.position, b.id)) ++failures;
        }
        std::string name = "seed" + std::to_string(generator() % 50);
        auto record = catalog_->get_record(ark(name));
        if (!record || !*record || (*record)->fields.at("title")[1].value != "Атауы " + name) {
          ++failures;
        }
        auto count = catalog_->count({});
        if (!count || *count < 51) ++failures;
      }
    });
  }
  for (int i = 0; i < 300; ++i) {
    ASSERT_OK(catalog_->put_record(
        make_record("new" + std::to_string(i), Kind::kArchivalUnit, "series", 1000 + i, i)));
    if (i % 50 == 0) {
      ASSERT_OK(catalog_->append_events(ark("series"), {{"e" + std::to_string(i), "fixity check",
                                                         time_at(i), "", "success", ""}}));
    }
  }
  writing = false;
  for (auto& reader : readers) reader.join();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_GE(reads.load(), 40);
  EXPECT_THAT(catalog_->count({}), ::testing::Optional(351));
}

INSTANTIATE_TEST_SUITE_P(Backends, CatalogTest, ::testing::ValuesIn(kBackends),
                         [](const ::testing::TestParamInfo<Backend>& backend) {
                           return backend.param.name;
                         });

TEST(SqliteCatalogTest, FileCatalogUsesWalAndKeepsItsDataAcrossOpens) {
  TempDirectory directory;
  std::string path = directory.path() + "/catalog.db";
  Record record = make_record("kept", Kind::kLegalAct);
  {
    ASSERT_OK_AND_ASSIGN(auto catalog, Catalog::open_sqlite(path));
    ASSERT_OK(catalog->put_record(record));
  }
  ASSERT_OK_AND_ASSIGN(auto catalog, Catalog::open_sqlite(path));
  EXPECT_THAT(catalog->get_record(record.id), ::testing::Optional(std::optional(record)));
  ASSERT_OK_AND_ASSIGN(auto raw, sqlite::Database::open(path, sqlite::OpenMode::kExisting));
  EXPECT_THAT(raw->query_text("PRAGMA journal_mode"),
              ::testing::Optional(std::optional<std::string>("wal")));
  EXPECT_THAT(raw->query_text("PRAGMA user_version"),
              ::testing::Optional(
                  std::optional<std::string>(std::to_string(sqlite_internal::kSchemaVersion))));
}

TEST(SqliteCatalogTest, OpeningFailsClearly) {
  TempDirectory directory;
  EXPECT_THAT(Catalog::open_sqlite(directory.path() + "/missing/catalog.db"),
              StatusIs(StatusCode::kUnavailable, HasSubstr("missing/catalog.db")));

  std::string garbage = directory.path() + "/garbage.db";
  std::ofstream(garbage) << std::string(4096, 'x');
  EXPECT_THAT(Catalog::open_sqlite(garbage), StatusIs(StatusCode::kDataLoss));

  std::string newer = directory.path() + "/newer.db";
  {
    ASSERT_OK_AND_ASSIGN(auto raw, sqlite::Database::open(newer, sqlite::OpenMode::kCreate));
    ASSERT_OK(raw->execute("PRAGMA user_version = 99"));
  }
  EXPECT_THAT(Catalog::open_sqlite(newer),
              StatusIs(StatusCode::kFailedPrecondition, HasSubstr("schema version 99")));
}

TEST(SqliteStatementTest, ErrorsNameTheStatementAndMapCodes) {
  ASSERT_OK_AND_ASSIGN(auto db, sqlite::Database::open(":memory:", sqlite::OpenMode::kCreate));
  EXPECT_THAT(db->prepare("SELEC 1"), StatusIs(StatusCode::kInternal, HasSubstr("SELEC 1")));
  ASSERT_OK(db->execute("CREATE TABLE t (k TEXT PRIMARY KEY, v INTEGER NOT NULL)"));
  {
    ASSERT_OK_AND_ASSIGN(sqlite::Query insert, db->prepare("INSERT INTO t VALUES (?, ?)"));
    ASSERT_OK(insert.bind_all("a", 1));
    ASSERT_OK(insert.run());
  }
  {
    ASSERT_OK_AND_ASSIGN(sqlite::Query again, db->prepare("INSERT INTO t VALUES (?, ?)"));
    ASSERT_OK(again.bind_all("a", 2));
    EXPECT_THAT(again.run(),
                StatusIs(StatusCode::kFailedPrecondition, HasSubstr("INSERT INTO t VALUES")));
  }
  {
    ASSERT_OK_AND_ASSIGN(sqlite::Query query, db->prepare("INSERT INTO t VALUES (?, ?)"));
    EXPECT_THAT(query.bind(9, "x"),
                StatusIs(StatusCode::kInvalidArgument, HasSubstr("parameter 9")));
    ASSERT_OK(query.bind_all("d", 4));
    ASSERT_OK(query.run()) << "the cached statement was reset after the failure";
  }

  // Two live queries of the same SQL do not share a statement.
  ASSERT_OK(db->execute("INSERT INTO t VALUES ('b', 2), ('c', 3)"));
  ASSERT_OK_AND_ASSIGN(sqlite::Query outer, db->prepare("SELECT k FROM t ORDER BY k"));
  std::string pairs;
  while (outer.step().value_or(false)) {
    ASSERT_OK_AND_ASSIGN(sqlite::Query inner, db->prepare("SELECT k FROM t ORDER BY k"));
    while (inner.step().value_or(false)) pairs += outer.text(0) + inner.text(0) + " ";
  }
  EXPECT_EQ(pairs, "aa ab ac ad ba bb bc bd ca cb cc cd da db dc dd ");
}

// Every paged query is answered from an index in order: no sort, no scan of a whole table.
TEST(SqliteCatalogTest, PagedQueriesUseIndexesWithoutSorting) {
  ASSERT_OK_AND_ASSIGN(auto db, sqlite::Database::open(":memory:", sqlite::OpenMode::kCreate));
  ASSERT_OK(sqlite_internal::migrate_schema(*db));
  auto plan = [&](const std::string& sql) {
    std::string text;
    auto query = db->prepare("EXPLAIN QUERY PLAN " + sql);
    EXPECT_THAT(query, IsOk()) << sql;
    if (!query) return text;
    while (query->step().value_or(false)) text += query->text(3) + "\n";
    return text;
  };
  std::vector<std::pair<std::string, std::string>> queries = {
      {"children", sqlite_internal::children_sql(false)},
      {"children after cursor", sqlite_internal::children_sql(true)},
      {"identifier", sqlite_internal::find_by_identifier_sql()},
  };
  ListFilter kind;
  kind.kind = Kind::kArtwork;
  ListFilter collection;
  collection.collection = ark("c");
  collection.kind = Kind::kArtwork;
  collection.modified_since = "2026-01-01";
  ListFilter parent;
  parent.parent = ark("p");
  parent.kind = Kind::kArtwork;
  for (const auto& [name, filter] : {std::pair{"everything", ListFilter{}},
                                     {"kind", kind},
                                     {"collection", collection},
                                     {"parent", parent}}) {
    for (bool cursor : {false, true}) {
      queries.emplace_back(std::string("list ") + name + (cursor ? " after cursor" : ""),
                           sqlite_internal::list_sql(filter, cursor));
    }
  }
  for (const auto& [name, sql] : queries) {
    std::string text = plan(sql);
    // The identifier lookup sorts only the few records that carry the value.
    if (name != "identifier") {
      EXPECT_THAT(text, ::testing::Not(HasSubstr("TEMP B-TREE"))) << name << "\n" << text;
    }
    if (getenv("MURA_SHOW_PLANS") != nullptr) std::printf("%s\n%s\n", name.c_str(), text.c_str());
    EXPECT_THAT(text, ::testing::Not(::testing::ContainsRegex("SCAN [a-z]+\n"))) << name << "\n"
                                                                                 << text;
    if (name != "list everything") {
      EXPECT_THAT(text, ::testing::Not(::testing::ContainsRegex("SCAN r "))) << name << "\n"
                                                                             << text;
    }
  }
  EXPECT_THAT(plan(sqlite_internal::find_by_identifier_sql()),
              HasSubstr("field_values_identifiers"));
}

}  // namespace
}  // namespace mura::catalog
