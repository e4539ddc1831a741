// The access suite: every GET route of the application, as every kind of caller, against public,
// registered-only, restricted, embargoed, closed and personal-data records. Whatever a caller may
// not see must not leak through any route: not a title, not a description, not a count, not a
// thumbnail. The routes are taken from the router itself, so a route added later is covered too.
#include <gtest/gtest.h>

#include <fstream>
#include <regex>
#include <set>

#include "http/testing/app_testing.h"
#include "service/search_sync.h"

namespace mura::http {
namespace {

using testing::AppTest;

struct Protected {
  std::string id;
  std::string secret;  // a word only this record's metadata holds, or only its file
  record::AccessPolicy access;
  bool files_only = false;  // the metadata is public; the secret is in the file a.txt
};

class AccessLeakTest : public AppTest {
 protected:
  void SetUp() override {
    AppTest::SetUp();
    service::SearchSyncOptions options;
    options.commit = service::SearchSyncOptions::Commit::kEachRecord;
    sync_ = service::attach_search_sync(*repository_, options);
    record::Record fonds;
    fonds.kind = record::Kind::kCollection;
    fonds.fields["title"] = {{"kk", "Ашық қор"}};
    auto created = repository_->create_record(fonds, {}, service::Actor{}, "test");
    ASSERT_TRUE(created.has_value()) << created.error().to_string();
    collection_ = created->id;

    // An item under the fonds whose `secret` is in its metadata, or, with files_only, only in
    // its file a.txt under a public description.
    auto add = [&](const std::string& secret, record::AccessPolicy access,
                   const std::string& date = "", bool files_only = false) {
      record::Record draft;
      draft.kind = record::Kind::kArchivalUnit;
      draft.level = "item";
      draft.parent = collection_;
      draft.access = access;
      if (!date.empty()) draft.fields["date"] = {{"", date}};
      std::vector<service::FileSource> files;
      if (files_only) {
        const auto source = root_ / (secret + ".txt");
        std::ofstream(source) << "the text of " << secret << "\n";
        files.push_back({"a.txt", source.string(), nullptr, ""});
        draft.fields["reference_code"] = {{"", "KZ/F-" + std::to_string(hidden_.size())}};
        draft.fields["title"] = {{"kk", "Ашық сипаттама"}};
      } else {
        draft.fields["reference_code"] = {{"", "KZ/" + secret}};
        draft.fields["title"] = {{"kk", secret + " атауы"}};
        draft.fields["description"] = {{"en", secret + " description"}};
      }
      auto made = repository_->create_record(draft, files, service::Actor{}, "test");
      EXPECT_TRUE(made.has_value()) << made.error().to_string();
      hidden_.push_back({made ? made->id : "", secret, access, files_only});
    };
    record::AccessPolicy registered;
    registered.metadata = record::AccessLevel::kRegistered;
    add("Zrgstrd", registered);
    record::AccessPolicy restricted;
    restricted.metadata = record::AccessLevel::kRestricted;
    restricted.groups = {"historians"};
    add("Zrstrctd", restricted);
    record::AccessPolicy closed;
    closed.metadata = record::AccessLevel::kClosed;
    add("Zclsd", closed);
    record::AccessPolicy review;
    review.review_pending = true;
    review.personal_data = true;
    add("Zrvw", review);
    // Personal data of 2000: closed for 75 years after the record's date.
    record::AccessPolicy closure;
    closure.personal_data = true;
    add("Zclsr", closure, "2000");

    // Public descriptions of files that are not public: embargoed, restricted, closed.
    record::AccessPolicy embargoed;
    embargoed.embargo_until = "2999-01-01";
    add("Zmbrg", embargoed, "", true);
    record::AccessPolicy files_restricted;
    files_restricted.files = record::AccessLevel::kRestricted;
    files_restricted.groups = {"historians"};
    add("Zflrstrctd", files_restricted, "", true);
    record::AccessPolicy files_closed;
    files_closed.files = record::AccessLevel::kClosed;
    add("Zflclsd", files_closed, "", true);
  }

  // Every GET route with its parameters filled for `id`.
  std::vector<std::string> targets_for(const std::string& id, const std::string& secret) {
    std::vector<std::string> targets;
    const std::string name = id.substr(id.rfind('/') + 1);
    const std::string naan = "99999";
    for (const auto& [method, pattern] : app().router().routes()) {
      if (method != "GET") continue;
      std::string target = pattern;
      target = std::regex_replace(target, std::regex(R"(\{ark\})"), id);
      target = std::regex_replace(target, std::regex(R"(\{path\*\})"), "a.txt");
      target = std::regex_replace(target, std::regex(R"(\{(id|identifier)\})"), naan + "~" + name);
      target = std::regex_replace(target, std::regex(R"(\{[a-z_]+\})"), "1");
      targets.push_back(target);
    }
    // Lists and harvests that name records without an id in the path.
    for (const std::string& extra : std::vector<std::string>{
             "/api/v1/records?limit=1000", "/api/v1/records/" + collection_ + "/children",
          "/sitemap.xml", "/api/v1/search?q=" + secret,
          "/api/v1/search?q=" + secret + "&facet=kind", "/api/v1/search?q=" + secret.substr(0, 4) + "*", "/oai?verb=ListRecords&metadataPrefix=oai_dc",
          "/oai?verb=ListIdentifiers&metadataPrefix=oai_dc",
          "/oai?verb=GetRecord&metadataPrefix=oai_dc&identifier=oai:mura:" + id}) {
      targets.push_back(extra);
    }
    return targets;
  }

  void expect_no_leak(const access::Caller& caller, const std::string& who,
                      const std::function<bool(const Protected&)>& may_see) {
    app().set_authenticator([caller](const Request&) -> Result<access::Caller> { return caller; });
    int checked = 0;
    for (const auto& item : hidden_) {
      if (may_see(item)) continue;
      for (const auto& target : targets_for(item.id, item.secret)) {
        auto response = get(target);
        ++checked;
        const std::string body = body_of(response);
        EXPECT_EQ(body.find(item.secret), std::string::npos)
            << who << " saw " << item.secret << " through " << target << ": " << body.substr(0, 300);
        const bool names_a_file = target.find("/files/") != std::string::npos;
        if (item.files_only && !names_a_file) continue;  // its description is public
        if (target.find(item.id) != std::string::npos && target.find("oai") == std::string::npos) {
          EXPECT_NE(response.status / 100, 2) << who << " got " << target;
          EXPECT_NE(response.status / 100, 3) << who << " got " << target;
        }
      }
      // Not even a count: the search for its secret word finds nothing.
      const auto found = json_of(get("/api/v1/search?q=" + item.secret));
      EXPECT_EQ(found["total"], 0) << who << " found " << item.secret << " by search";
      if (item.files_only) continue;
      // Lists count what they show: the hidden child is not among the fonds' children.
      auto children = json_of(get("/api/v1/records/" + collection_ + "/children?limit=1000"));
      for (const auto& child : children["items"]) EXPECT_NE(child["id"], item.id) << who;
    }
    EXPECT_GT(checked, 0);
  }

  std::shared_ptr<service::SearchSync> sync_;
  std::string collection_;
  std::vector<Protected> hidden_;
};

TEST_F(AccessLeakTest, AnonymousCallersSeeOnlyPublicRecords) {
  expect_no_leak(access::Caller::anonymous(), "anonymous", [](const Protected&) { return false; });
}

TEST_F(AccessLeakTest, RegisteredUsersSeeNeitherRestrictedNorClosedRecords) {
  expect_no_leak(access::Caller::registered_user("reader", {}), "registered",
                 [](const Protected& item) {
                   return item.access.metadata == record::AccessLevel::kRegistered;
                 });
}

TEST_F(AccessLeakTest, GroupMembersSeeTheirGroupsRecordsOnly) {
  expect_no_leak(access::Caller::registered_user("historian", {"historians"}), "historian",
                 [](const Protected& item) {
                   return item.access.metadata == record::AccessLevel::kRegistered ||
                          item.access.metadata == record::AccessLevel::kRestricted ||
                          item.access.files == record::AccessLevel::kRestricted;
                 });
}

TEST_F(AccessLeakTest, CuratorsOfAnotherCollectionSeeNothingHereThatIsNotPublic) {
  access::Caller curator = access::Caller::registered_user("other-curator", {});
  curator.curated_collections = {"ark:/99999/mothercollection"};
  expect_no_leak(curator, "curator of another collection", [](const Protected& item) {
    return item.access.metadata == record::AccessLevel::kRegistered && !item.files_only;
  });
}

TEST_F(AccessLeakTest, AllowedCallersDoSeeThem) {
  // The suite proves something only if the same routes show the record to those who may see it.
  access::Caller administrator = access::Caller::registered_user("admin", {});
  administrator.administrator = true;
  app().set_authenticator(
      [administrator](const Request&) -> Result<access::Caller> { return administrator; });
  for (const auto& item : hidden_) {
    auto response = get("/api/v1/records/" + item.id + (item.files_only ? "/files/a.txt" : ""));
    EXPECT_EQ(response.status, 200) << item.secret;
    EXPECT_NE(body_of(response).find(item.secret), std::string::npos) << item.secret;
    auto found = json_of(get("/api/v1/search?q=" + item.secret));
    EXPECT_EQ(found["total"], 1) << item.secret << ": " << found.dump().substr(0, 300);
  }
}

TEST_F(AccessLeakTest, TheCollectionsCuratorSeesEverythingInIt) {
  access::Caller curator = access::Caller::registered_user("curator", {});
  curator.curated_collections = {collection_};
  app().set_authenticator([curator](const Request&) -> Result<access::Caller> { return curator; });
  for (const auto& item : hidden_) {
    auto response = get("/api/v1/records/" + item.id + (item.files_only ? "/files/a.txt" : ""));
    EXPECT_EQ(response.status, 200) << item.secret << ": " << response.body;
    EXPECT_NE(body_of(response).find(item.secret), std::string::npos) << item.secret;
  }
}

}  // namespace
}  // namespace mura::http
