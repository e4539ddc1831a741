// Access inside the catalog, on every backend: lists, counts, children, child counts and
// breadcrumbs show a caller exactly the records access::allows() lets them see, and the stored
// requirements follow the policy, the closure settings and moves. SQLite-only checks (the
// migration of older catalogs, query plans with visibility) follow.
#include <algorithm>
#include <map>

#include "access/policy.h"
#include "base/testing/status_matchers.h"
#include "catalog/catalog.h"
#include "catalog/catalog_testing.h"
#include "catalog/sqlite_catalog.h"
#include "catalog/sqlite_statement.h"

namespace mura::catalog {
namespace {

using ::mura::testing::IsOk;
using ::mura::testing::StatusIs;
using record::AccessLevel;
using record::Kind;
using record::Record;
using test_support::ark;
using test_support::Backend;
using test_support::ids_of;
using test_support::kBackends;
using test_support::make_record;
using test_support::TempDirectory;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

constexpr std::string_view kToday = "2026-11-28";

struct NamedCaller {
  std::string name;
  access::Caller caller;
};

std::vector<NamedCaller> callers() {
  auto member = access::Caller::registered_user("bek", {"staff"});
  auto piped = access::Caller::registered_user("pip", {"a"});
  auto curator = access::Caller::registered_user("cura", {});
  curator.curated_collections = {ark("coll")};
  auto sub_curator = access::Caller::registered_user("subc", {});
  sub_curator.curated_collections = {ark("sub"), ""};
  auto admin = access::Caller::registered_user("root", {});
  admin.administrator = true;
  auto piped_member = access::Caller::registered_user("pipe", {"a|b"});
  auto percent_member = access::Caller::registered_user("perc", {"a%7Cb"});
  access::Caller no_tokens;
  no_tokens.user = "nobody";
  return {{"anonymous", access::Caller::anonymous()},
          {"reader", access::Caller::registered_user("ana", {})},
          {"member", member},
          {"member of a", piped},
          {"member of a|b", piped_member},
          {"member of a%7Cb", percent_member},
          {"curator", curator},
          {"curator of sub", sub_curator},
          {"administrator", admin},
          {"no tokens", no_tokens}};
}

Record with_access(Record record, AccessLevel metadata, AccessLevel files = AccessLevel::kPublic,
                   std::vector<std::string> groups = {}) {
  record.access.metadata = metadata;
  record.access.files = files;
  record.access.groups = std::move(groups);
  return record;
}

// coll (public) > fonds (public) > {open, reg, staff, closed, embargoed, personal, old_personal,
// pending, piped, percent}; coll > sub (a collection, restricted to staff) > {sub_open,
// sub_closed}; loose (closed, no collection) > loose_child (public).
std::vector<Record> access_tree() {
  std::vector<Record> records;
  records.push_back(make_record("coll", Kind::kCollection, "", 0, 1));
  records.push_back(make_record("fonds", Kind::kArchivalUnit, "coll", 1, 2));
  int position = 0;
  auto item = [&](const std::string& name) {
    ++position;
    return make_record(name, Kind::kArchivalUnit, "fonds", position, 10 + position);
  };
  records.push_back(item("open"));
  records.push_back(with_access(item("reg"), AccessLevel::kRegistered));
  records.push_back(
      with_access(item("staff"), AccessLevel::kRestricted, AccessLevel::kRestricted, {"staff"}));
  records.push_back(with_access(item("closed"), AccessLevel::kClosed, AccessLevel::kClosed));
  Record embargoed = item("embargoed");
  embargoed.access.embargo_until = "2030-01-01";
  records.push_back(embargoed);
  Record personal = item("personal");
  personal.access.personal_data = true;
  personal.fields["date"] = {{"", "1990-04-02"}};
  records.push_back(personal);
  Record old_personal = item("old_personal");
  old_personal.access.personal_data = true;
  old_personal.fields["date"] = {{"", "1900/1910"}};
  records.push_back(old_personal);
  Record pending = item("pending");
  pending.access.review_pending = true;
  records.push_back(pending);
  // Group names that hold the separator and the escape character of the stored grants.
  records.push_back(
      with_access(item("piped"), AccessLevel::kRestricted, AccessLevel::kRestricted, {"a|b"}));
  records.push_back(
      with_access(item("percent"), AccessLevel::kRestricted, AccessLevel::kRestricted, {"a%7Cb"}));
  records.push_back(with_access(make_record("sub", Kind::kCollection, "coll", 2, 40),
                                AccessLevel::kRestricted, AccessLevel::kRestricted, {"staff"}));
  records.push_back(make_record("sub_open", Kind::kMuseumObject, "sub", 1, 41));
  records.push_back(with_access(make_record("sub_closed", Kind::kMuseumObject, "sub", 2, 42),
                                AccessLevel::kClosed, AccessLevel::kClosed));
  records.push_back(with_access(make_record("loose", Kind::kArchivalUnit, "", 3, 50),
                                AccessLevel::kClosed, AccessLevel::kClosed));
  records.push_back(make_record("loose_child", Kind::kArchivalUnit, "loose", 1, 51));
  Record gone = make_record("gone", Kind::kArchivalUnit, "fonds", 99, 60);
  gone.deleted = true;
  records.push_back(gone);
  return records;
}

// The nearest collection of each record of access_tree().
std::string collection_in_tree(const std::string& id) {
  if (id == ark("sub") || id == ark("sub_open") || id == ark("sub_closed")) return ark("sub");
  if (id == ark("loose") || id == ark("loose_child")) return "";
  return ark("coll");
}

class CatalogAccessTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    ASSERT_FALSE(directory_.path().empty());
    auto opened = GetParam().open(directory_.path(), "catalog");
    ASSERT_THAT(opened, IsOk());
    catalog_ = std::move(opened).value();
    for (const auto& record : access_tree()) {
      ASSERT_OK(catalog_->put_record(record));
      records_[record.id] = record;
    }
  }

  // What the policy itself says: may `caller` see the metadata of `id` today?
  bool policy_allows(const access::Caller& caller, const std::string& id) const {
    const auto required =
        access::requirements_for(records_.at(id), collection_in_tree(id), access::PolicySettings{});
    return access::allows(caller, required.metadata, kToday);
  }

  std::vector<std::string> listed(const ListFilter& filter, int limit) {
    std::vector<std::string> ids;
    std::string cursor;
    for (int pages = 0; pages < 1000; ++pages) {
      auto page = catalog_->list(filter, cursor, limit);
      EXPECT_THAT(page, IsOk());
      if (!page) break;
      for (const auto& item : page->items) ids.push_back(item.id);
      if (page->next_cursor.empty()) break;
      EXPECT_EQ(page->items.size(), static_cast<std::size_t>(limit)) << "only the last is short";
      cursor = page->next_cursor;
    }
    return ids;
  }

  std::vector<RecordSummary> children_of(const std::string& parent, const Visibility& visibility,
                                         int limit) {
    std::vector<RecordSummary> all;
    std::string cursor;
    for (int pages = 0; pages < 1000; ++pages) {
      auto page = catalog_->children(parent, cursor, limit, visibility);
      EXPECT_THAT(page, IsOk());
      if (!page) break;
      all.insert(all.end(), page->items.begin(), page->items.end());
      if (page->next_cursor.empty()) break;
      EXPECT_EQ(page->items.size(), static_cast<std::size_t>(limit)) << "only the last is short";
      cursor = page->next_cursor;
    }
    return all;
  }

  TempDirectory directory_;
  std::unique_ptr<Catalog> catalog_;
  std::map<std::string, Record> records_;
};

TEST_P(CatalogAccessTest, StoredRequirementsAreThePolicys) {
  for (const auto& [id, record] : records_) {
    SCOPED_TRACE(id);
    ASSERT_OK_AND_ASSIGN(auto summary, catalog_->summary(id));
    ASSERT_TRUE(summary.has_value());
    EXPECT_EQ(summary->requirements,
              access::requirements_for(record, collection_in_tree(id), access::PolicySettings{}));
  }
  EXPECT_THAT(catalog_->summary(ark("nowhere")), ::testing::Optional(std::nullopt));
  ASSERT_OK_AND_ASSIGN(Page page, catalog_->children(ark("fonds"), "", 100));
  for (const auto& item : page.items) {
    EXPECT_EQ(item.requirements, catalog_->summary(item.id)->value().requirements);
  }
}

// Every caller, every listing, every page size: exactly the records the policy allows, in order,
// with counts and child counts that agree.
TEST_P(CatalogAccessTest, ListingsShowEachCallerExactlyWhatThePolicyAllows) {
  ListFilter everything;
  everything.include_deleted = false;
  const auto all_ids = listed(everything, 100);
  ASSERT_EQ(all_ids.size(), records_.size() - 1);
  for (const auto& [name, caller] : callers()) {
    SCOPED_TRACE(name);
    const Visibility visibility = Visibility::of(caller, std::string(kToday));
    std::vector<std::string> expected;
    for (const auto& id : all_ids) {
      if (policy_allows(caller, id)) expected.push_back(id);
    }
    ListFilter filter;
    filter.visibility = visibility;
    for (int limit : {1, 2, 100}) EXPECT_EQ(listed(filter, limit), expected) << "limit " << limit;
    EXPECT_THAT(catalog_->count(filter), ::testing::Optional(std::int64_t(expected.size())));

    ListFilter in_coll = filter;
    in_coll.collection = ark("coll");
    std::vector<std::string> in_coll_expected;
    for (const auto& id : expected) {
      if (!collection_in_tree(id).empty()) in_coll_expected.push_back(id);
    }
    EXPECT_EQ(listed(in_coll, 2), in_coll_expected);
    EXPECT_THAT(catalog_->count(in_coll),
                ::testing::Optional(std::int64_t(in_coll_expected.size())));

    // Children and child counts: of every parent, as the policy sees them.
    for (const std::string& parent : {ark("fonds"), ark("sub"), ark("loose"), std::string()}) {
      std::vector<std::string> expected_children;
      for (const auto& [id, record] : records_) {
        if (record.parent == parent && !record.deleted && policy_allows(caller, id)) {
          expected_children.push_back(id);
        }
      }
      auto shown = ids_of(children_of(parent, visibility, 3));
      std::sort(shown.begin(), shown.end());
      EXPECT_EQ(shown, expected_children) << "children of " << parent;
      ListFilter under = filter;
      under.parent = parent;
      if (!parent.empty()) {
        EXPECT_THAT(catalog_->count(under),
                    ::testing::Optional(std::int64_t(expected_children.size())));
      }
      for (const auto& summary : children_of(ark("coll"), visibility, 10)) {
        if (summary.id == parent) {
          EXPECT_EQ(summary.child_count, std::int64_t(expected_children.size())) << parent;
        }
      }
    }
  }
}

TEST_P(CatalogAccessTest, WithoutACallerNothingIsHidden) {
  ListFilter filter;
  EXPECT_THAT(catalog_->count(filter), ::testing::Optional(std::int64_t(records_.size() - 1)));
  ASSERT_OK_AND_ASSIGN(Page fonds, catalog_->children(ark("fonds"), "", 100));
  EXPECT_EQ(fonds.items.size(), 10u);
  ASSERT_OK_AND_ASSIGN(auto coll, catalog_->children(ark("coll"), "", 10));
  ASSERT_EQ(coll.items.size(), 2u);
  EXPECT_EQ(coll.items[0].child_count, 10);
  const auto anonymous = access::Caller::anonymous();
  ASSERT_OK_AND_ASSIGN(
      auto anonymous_coll,
      catalog_->children(ark("coll"), "", 10, Visibility::of(anonymous, std::string(kToday))));
  ASSERT_EQ(anonymous_coll.items.size(), 1u) << "sub is restricted";
  EXPECT_EQ(anonymous_coll.items[0].child_count, 3) << "open, embargoed and old_personal";
}

TEST_P(CatalogAccessTest, BreadcrumbsStopBelowWhatIsHidden) {
  const auto anonymous = access::Caller::anonymous();
  const auto member = access::Caller::registered_user("bek", {"staff"});
  auto sub_curator = access::Caller::registered_user("subc", {});
  sub_curator.curated_collections = {ark("sub")};
  const std::string today(kToday);

  ASSERT_OK_AND_ASSIGN(auto chain,
                       catalog_->ancestors(ark("sub_open"), Visibility::of(member, today)));
  EXPECT_THAT(ids_of(chain), ElementsAre(ark("coll"), ark("sub")));
  EXPECT_EQ(chain[1].child_count, 1) << "sub_closed is not counted for a member";
  ASSERT_OK_AND_ASSIGN(chain,
                       catalog_->ancestors(ark("sub_open"), Visibility::of(anonymous, today)));
  EXPECT_THAT(chain, IsEmpty()) << "sub is hidden, so coll above it is not shown either";
  ASSERT_OK_AND_ASSIGN(chain,
                       catalog_->ancestors(ark("sub_closed"), Visibility::of(sub_curator, today)));
  EXPECT_THAT(ids_of(chain), ElementsAre(ark("coll"), ark("sub")));
  EXPECT_EQ(chain[1].child_count, 2);
  EXPECT_THAT(catalog_->ancestors(ark("sub_closed"), Visibility::of(member, today)),
              StatusIs(StatusCode::kNotFound))
      << "a hidden record has no breadcrumb";
  ASSERT_OK_AND_ASSIGN(chain,
                       catalog_->ancestors(ark("loose_child"), Visibility::of(anonymous, today)));
  EXPECT_THAT(chain, IsEmpty());
  ASSERT_OK_AND_ASSIGN(chain, catalog_->ancestors(ark("loose_child")));
  EXPECT_THAT(ids_of(chain), ElementsAre(ark("loose")));
}

TEST_P(CatalogAccessTest, DatesLiftThemselves) {
  const auto anonymous = access::Caller::anonymous();
  ListFilter filter;
  filter.parent = ark("fonds");
  auto count_on = [&](const std::string& today) {
    filter.visibility = Visibility::of(anonymous, today);
    return catalog_->count(filter).value_or(-1);
  };
  // open, embargoed (its files only are embargoed), old_personal; personal opens in 2066.
  EXPECT_EQ(count_on("2026-11-28"), 3);
  EXPECT_EQ(count_on("2065-12-31"), 3);
  EXPECT_EQ(count_on("2066-01-01"), 4);
  ASSERT_OK_AND_ASSIGN(auto embargoed, catalog_->summary(ark("embargoed")));
  EXPECT_EQ(embargoed->requirements.files.open_from, "2030-01-01");
  EXPECT_EQ(embargoed->requirements.metadata.open_from, "");
}

TEST_P(CatalogAccessTest, ClosureSettingsRecomputeTheRecordsTheyGovern) {
  ASSERT_OK_AND_ASSIGN(auto settings, catalog_->policy_settings());
  EXPECT_EQ(settings.default_closure_years, kDefaultClosureYears);
  EXPECT_THAT(settings.collection_closure_years, IsEmpty());
  auto open_from = [&](const std::string& name) {
    auto summary = catalog_->summary(ark(name));
    return summary && *summary ? (*summary)->requirements.metadata.open_from : "?";
  };
  EXPECT_EQ(open_from("personal"), "2066-01-01");

  ASSERT_OK(catalog_->set_closure_years(ark("coll"), 30));
  EXPECT_EQ(open_from("personal"), "2021-01-01");
  EXPECT_EQ(open_from("open"), "");
  ASSERT_OK(catalog_->set_closure_years("", 10));
  EXPECT_EQ(open_from("personal"), "2021-01-01") << "the collection's period wins";
  ASSERT_OK_AND_ASSIGN(settings, catalog_->policy_settings());
  EXPECT_EQ(settings.default_closure_years, 10);
  EXPECT_EQ(settings.collection_closure_years,
            (std::map<std::string, int, std::less<>>{{ark("coll"), 30}}));

  // A record put later, or moved, gets the period of its new collection.
  Record moved = records_.at(ark("personal"));
  moved.parent = ark("sub");
  ASSERT_OK(catalog_->put_record(moved));
  EXPECT_EQ(open_from("personal"), "2001-01-01") << "sub has no setting: the default, 10";
  ASSERT_OK(catalog_->set_closure_years(ark("sub"), 50));
  EXPECT_EQ(open_from("personal"), "2041-01-01");
  ASSERT_OK(catalog_->set_closure_years(ark("sub"), std::nullopt));
  EXPECT_EQ(open_from("personal"), "2001-01-01");
  ASSERT_OK(catalog_->set_closure_years("", std::nullopt));
  EXPECT_EQ(open_from("personal"), "2066-01-01");

  // A record in a subtree that moves between collections follows it.
  Record personal_in_loose = make_record("late", Kind::kArchivalUnit, "loose", 5, 70);
  personal_in_loose.access.personal_data = true;
  personal_in_loose.fields["date"] = {{"", "1990"}};
  ASSERT_OK(catalog_->put_record(personal_in_loose));
  EXPECT_EQ(open_from("late"), "2066-01-01");
  Record loose = records_.at(ark("loose"));
  loose.parent = ark("coll");
  ASSERT_OK(catalog_->put_record(loose));
  EXPECT_EQ(open_from("late"), "2021-01-01") << "now in coll, whose period is 30 years";

  EXPECT_THAT(catalog_->set_closure_years("", 201), StatusIs(StatusCode::kInvalidArgument));
  EXPECT_THAT(catalog_->set_closure_years(ark("coll"), -1), StatusIs(StatusCode::kInvalidArgument));
  EXPECT_THAT(catalog_->set_setting("access.closure_years", "3"),
              StatusIs(StatusCode::kInvalidArgument, HasSubstr("set_closure_years")));
  // clear() keeps the settings.
  ASSERT_OK(catalog_->clear());
  ASSERT_OK_AND_ASSIGN(settings, catalog_->policy_settings());
  EXPECT_EQ(settings.collection_closure_years.at(ark("coll")), 30);
}

TEST_P(CatalogAccessTest, ReviewListsShowCuratorsTheirFlaggedRecords) {
  Record flagged = make_record("flagged_sub", Kind::kMuseumObject, "sub", 3, 80);
  flagged.access.review_pending = true;
  ASSERT_OK(catalog_->put_record(flagged));
  ListFilter filter;
  filter.review_pending = true;
  EXPECT_EQ(listed(filter, 1), (std::vector<std::string>{ark("pending"), ark("flagged_sub")}));
  auto curator = access::Caller::registered_user("cura", {});
  curator.curated_collections = {ark("coll")};
  filter.visibility = Visibility::of(curator, std::string(kToday));
  EXPECT_EQ(listed(filter, 10), std::vector<std::string>{ark("pending")});
  EXPECT_THAT(catalog_->count(filter), ::testing::Optional(1));
  const auto reader = access::Caller::registered_user("ana", {"staff"});
  filter.visibility = Visibility::of(reader, std::string(kToday));
  EXPECT_THAT(catalog_->count(filter), ::testing::Optional(0));
}

TEST_P(CatalogAccessTest, BadVisibilitiesAreInvalidArguments) {
  const auto anonymous = access::Caller::anonymous();
  ListFilter filter;
  for (const std::string& today :
       std::vector<std::string>{"", "2026-1-1", "tomorrow", "2026-11-28T00:00:00Z"}) {
    SCOPED_TRACE(today);
    filter.visibility = Visibility::of(anonymous, today);
    EXPECT_THAT(catalog_->list(filter, "", 10), StatusIs(StatusCode::kInvalidArgument));
    EXPECT_THAT(catalog_->count(filter), StatusIs(StatusCode::kInvalidArgument));
    EXPECT_THAT(catalog_->children(ark("fonds"), "", 10, filter.visibility),
                StatusIs(StatusCode::kInvalidArgument, HasSubstr("YYYY-MM-DD")));
    EXPECT_THAT(catalog_->ancestors(ark("open"), filter.visibility),
                StatusIs(StatusCode::kInvalidArgument));
  }
}

INSTANTIATE_TEST_SUITE_P(Backends, CatalogAccessTest, ::testing::ValuesIn(kBackends),
                         [](const ::testing::TestParamInfo<Backend>& backend) {
                           return backend.param.name;
                         });

// A catalog written by schema version 1 gets its requirements computed when it is opened.
TEST(SqliteCatalogAccessTest, OlderCatalogsAreMigrated) {
  TempDirectory directory;
  const std::string path = directory.path() + "/v1.db";
  {
    ASSERT_OK_AND_ASSIGN(auto raw, sqlite::Database::open(path, sqlite::OpenMode::kCreate));
    ASSERT_OK(sqlite_internal::migrate_schema(*raw, 1));
    ASSERT_OK(raw->execute(R"sql(
      INSERT INTO records VALUES ('ark:/99999/old', 'archival_unit', 'item', '', 0, '', 'Old',
        '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', 1, 0, 'restricted', 'closed',
        '["staff"]', NULL, 1, NULL, 0,
        '{"format":"mura-record/1","id":"ark:/99999/old","kind":"archival_unit","level":"item",
          "fields":{"title":[{"lang":"kk","value":"Old"}],"date":[{"value":"1980"}]}}');
      INSERT INTO records VALUES ('ark:/99999/pub', 'archival_unit', 'item', '', 1, '', 'Pub',
        '2026-01-01T00:00:00Z', '2026-01-01T00:00:01Z', 1, 0, 'public', 'public', '[]', NULL, 0,
        NULL, 0, '{"format":"mura-record/1","id":"ark:/99999/pub","kind":"archival_unit"}');
    )sql"));
  }
  ASSERT_OK_AND_ASSIGN(auto catalog, Catalog::open_sqlite(path));
  ASSERT_OK_AND_ASSIGN(auto old, catalog->summary("ark:/99999/old"));
  ASSERT_TRUE(old.has_value());
  EXPECT_EQ(old->requirements.metadata.grants, std::vector<std::string>{"group:staff"});
  EXPECT_EQ(old->requirements.metadata.open_from, "2056-01-01");
  EXPECT_THAT(old->requirements.files.grants, IsEmpty());
  const auto anonymous = access::Caller::anonymous();
  ListFilter filter;
  filter.visibility = Visibility::of(anonymous, std::string(kToday));
  ASSERT_OK_AND_ASSIGN(Page page, catalog->list(filter, "", 10));
  EXPECT_THAT(ids_of(page.items), ElementsAre("ark:/99999/pub"));
  ASSERT_OK_AND_ASSIGN(auto raw, sqlite::Database::open(path, sqlite::OpenMode::kExisting));
  EXPECT_THAT(raw->query_text("PRAGMA user_version"),
              ::testing::Optional(
                  std::optional<std::string>(std::to_string(sqlite_internal::kSchemaVersion))));
}

// Visibility adds conditions to the paged queries; they still page from an index, unsorted, and
// the child count of a filtered page reads the partial index of guarded children.
TEST(SqliteCatalogAccessTest, FilteredQueriesUseIndexesWithoutSorting) {
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
  auto member = access::Caller::registered_user("bek", {"staff", "board"});
  member.curated_collections = {ark("c")};
  const Visibility visibility = Visibility::of(member, std::string(kToday));
  std::vector<std::pair<std::string, std::string>> queries = {
      {"children", sqlite_internal::children_sql(false, visibility)},
      {"children after cursor", sqlite_internal::children_sql(true, visibility)},
  };
  ListFilter collection;
  collection.collection = ark("c");
  collection.visibility = visibility;
  ListFilter parent;
  parent.parent = ark("p");
  parent.visibility = visibility;
  ListFilter everything;
  everything.visibility = visibility;
  ListFilter review;
  review.review_pending = true;
  review.visibility = visibility;
  for (const auto& [name, filter] : {std::pair{"everything", everything},
                                     {"collection", collection},
                                     {"parent", parent},
                                     {"review", review}}) {
    for (bool cursor : {false, true}) {
      queries.emplace_back(std::string("list ") + name + (cursor ? " after cursor" : ""),
                           sqlite_internal::list_sql(filter, cursor));
    }
  }
  for (const auto& [name, sql] : queries) {
    const std::string text = plan(sql);
    EXPECT_THAT(text, ::testing::Not(HasSubstr("TEMP B-TREE"))) << name << "\n" << text;
    EXPECT_THAT(text, HasSubstr("records_guarded_children")) << name << "\n" << text;
    // The review list scans its own small partial index, in order.
    if (name != "list everything" && !name.starts_with("list review")) {
      EXPECT_THAT(text, ::testing::Not(::testing::ContainsRegex("SCAN r( |\n)"))) << name << "\n"
                                                                                  << text;
    }
    if (name.starts_with("list review")) {
      EXPECT_THAT(text, HasSubstr("records_review")) << name << "\n" << text;
    }
  }
}

}  // namespace
}  // namespace mura::catalog
