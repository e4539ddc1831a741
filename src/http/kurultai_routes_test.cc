// The Kurultai API through a real App over a real repository: acts appended by a curator, refused
// ones answered 422 with rule and article, the state, bills with roll calls and their published
// record, the ledger in pages, explanations and verification.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>

#include "http/testing/app_testing.h"
#include "service/search_sync.h"
#include "kurultai/kurultai_testing.h"

namespace mura::http {
namespace {

using testing::AppTest;
using Json = nlohmann::json;

class KurultaiRoutesTest : public AppTest {
 protected:
  void sign_in(access::Caller caller) {
    app().set_authenticator([caller](const Request&) -> Result<access::Caller> { return caller; });
  }
  static access::Caller curator() {
    access::Caller caller = access::Caller::registered_user("clerk", {});
    caller.curated_collections = {"ark:/99999/mcollection"};
    return caller;
  }
  Response post_acts(const Json& acts) {
    return send("POST", "/api/v1/kurultai/acts", acts.dump());
  }
  // The sitting Kurultai, appended by a curator.
  void seat_the_kurultai() {
    sign_in(curator());
    Json acts = Json::array();
    for (auto& act : mura::kurultai::testing::sitting_kurultai_acts()) acts.push_back(act);
    auto response = post_acts(acts);
    ASSERT_EQ(response.status, 201) << response.body;
    EXPECT_EQ(json_of(response)["appended"], 146);
  }
  Json roll_call(int yes, int no) {
    auto state = json_of(get("/api/v1/kurultai/state"));
    Json calls = Json::object();
    int index = 0;
    for (const auto& deputy : state["chamber"]["deputies"]) {
      calls[deputy["person"].get<std::string>()] = index < yes        ? "yes"
                                                   : index < yes + no ? "no"
                                                                      : "absent";
      ++index;
    }
    return {{"roll_call", calls}};
  }
};

TEST_F(KurultaiRoutesTest, OnlyCuratorsAndAdministratorsAppend) {
  const Json act = {{"type", "bill_introduced"},
                    {"date", "2026-09-02"},
                    {"bill", "B-1"},
                    {"title", "T"},
                    {"initiator", "government"}};
  EXPECT_EQ(post_acts(act).status, 401);
  sign_in(access::Caller::registered_user("reader", {}));
  EXPECT_EQ(post_acts(act).status, 403);
  access::Caller administrator = access::Caller::registered_user("ada", {});
  administrator.administrator = true;
  sign_in(administrator);
  EXPECT_EQ(post_acts(act).status, 201);
}

TEST_F(KurultaiRoutesTest, RefusedActsAnswer422WithTheRuleAndArticle) {
  seat_the_kurultai();
  Json committees = Json::array();
  for (int i = 1; i <= 9; ++i) committees.push_back({{"id", "c" + std::to_string(i)}});
  auto refused =
      post_acts({{"type", "committees_set"}, {"date", "2026-09-01"}, {"committees", committees}});
  ASSERT_EQ(refused.status, 422) << refused.body;
  EXPECT_EQ(refused.header("Content-Type"), "application/problem+json");
  const Json problem = json_of(refused);
  EXPECT_EQ(problem["code"], "refused");
  EXPECT_EQ(problem["rule"], "chamber.max_committees");
  EXPECT_EQ(problem["constitution"], "2026");
  EXPECT_EQ(problem["article"], "President's speech; Section IV");
  EXPECT_EQ(problem["confidence"], "C");
  EXPECT_NE(problem["reason"].get<std::string>().find("at most 8"), std::string::npos);

  // Malformed and unknown fields are 400s that name the place.
  auto unknown =
      post_acts({{"type", "law_sent"}, {"date", "2026-09-01"}, {"bill", "B"}, {"urgent", true}});
  EXPECT_EQ(unknown.status, 400);
  EXPECT_NE(json_of(unknown)["detail"].get<std::string>().find("unknown field \"urgent\""),
            std::string::npos);
  auto broken = send("POST", "/api/v1/kurultai/acts", "{\"type\":");
  EXPECT_EQ(broken.status, 400);
  EXPECT_NE(json_of(broken)["detail"].get<std::string>().find("request body"), std::string::npos);
  EXPECT_EQ(json_of(get("/api/v1/kurultai/verify"))["entries"], 146);
}

TEST_F(KurultaiRoutesTest, StateBillsLedgerAndExplanations) {
  seat_the_kurultai();
  ASSERT_EQ(post_acts({{"type", "bill_introduced"},
                       {"date", "2026-09-02"},
                       {"bill", "B-1"},
                       {"title", "On archives"},
                       {"titles", {{"kk", "Мұрағаттар туралы"}, {"ru", "Об архивах"}}},
                       {"initiator", "government"},
                       {"text", {{"kk", "1-бап."}, {"ru", "Статья 1."}}}})
                .status,
            201);
  const Json reading = {
      {"type", "reading_held"}, {"date", "2026-09-10"},       {"bill", "B-1"},
      {"reading", 1},           {"vote", roll_call(100, 30)}, {"result", "passed"}};
  // Reading 2 before reading 1: 422 naming legislation.readings.
  Json early = reading;
  early["reading"] = 2;
  auto out_of_order = post_acts(early);
  EXPECT_EQ(out_of_order.status, 422);
  EXPECT_EQ(json_of(out_of_order)["rule"], "legislation.readings");
  ASSERT_EQ(post_acts(reading).status, 201);

  auto state = json_of(get("/api/v1/kurultai/state?date=2026-09-11"));
  EXPECT_EQ(state["as_of"], "2026-09-11");
  EXPECT_EQ(state["chamber"]["seats"], 145);
  EXPECT_EQ(state["chamber"]["composition"][0]["party"], "Amanat");
  EXPECT_EQ(state["chamber"]["composition"][0]["seated"], 81);
  EXPECT_EQ(state["chamber"]["composition"][0]["colour"].get<std::string>().size(), 7u);
  EXPECT_TRUE(state["open_deadlines"].is_array());
  EXPECT_EQ(get("/api/v1/kurultai/state?date=11.09.2026").status, 400);

  auto bills = json_of(get("/api/v1/kurultai/bills"));
  ASSERT_EQ(bills["bills"].size(), 1u);
  EXPECT_EQ(bills["bills"][0]["stage"], "in_readings");
  EXPECT_TRUE(bills["bills"][0]["record"].get<std::string>().starts_with("ark:/99999/"));

  auto bill = json_of(get("/api/v1/kurultai/bills/B-1"));
  EXPECT_EQ(bill["stage"], "in_readings");
  ASSERT_EQ(bill["readings"].size(), 1u);
  EXPECT_EQ(bill["readings"][0]["vote"]["yes"], 100);
  EXPECT_EQ(bill["readings"][0]["vote"]["roll_call"]["Amanat-1"], "yes");
  ASSERT_EQ(bill["versions"].size(), 2u);
  EXPECT_EQ(bill["versions"][1]["stage"], "reading_1");
  EXPECT_EQ(bill["versions"][1]["record_version"], 2);
  const std::string record = bill["record"];
  auto record_response = get("/api/v1/records/" + record);
  ASSERT_EQ(record_response.status, 200) << record_response.body;
  EXPECT_EQ(json_of(record_response)["kind"], "legal_act");
  EXPECT_EQ(get("/api/v1/kurultai/bills/B-9").status, 404);

  auto first = json_of(get("/api/v1/kurultai/acts?limit=100"));
  EXPECT_EQ(first["total"], 148);
  EXPECT_EQ(first["entries"].size(), 100u);
  EXPECT_EQ(first["entries"][0]["position"], 1);
  EXPECT_EQ(first["entries"][0]["act"]["type"], "election_certified");
  auto second =
      json_of(get("/api/v1/kurultai/acts?cursor=" + first["next_cursor"].get<std::string>()));
  EXPECT_EQ(second["entries"].size(), 48u);
  EXPECT_EQ(second["entries"][0]["prev_hash"], first["entries"][99]["hash"]);
  EXPECT_EQ(second["next_cursor"], "");
  EXPECT_EQ(get("/api/v1/kurultai/acts?cursor=abc").status, 400);

  auto explained = json_of(get("/api/v1/kurultai/explain?fact=bill:B-1"));
  EXPECT_NE(explained["statement"].get<std::string>().find("B-1"), std::string::npos);
  EXPECT_EQ(explained["trace"][1]["position"], 148);
  EXPECT_NE(explained["trace"][1]["rule"].get<std::string>().find("majorities.law"),
            std::string::npos);
  EXPECT_EQ(get("/api/v1/kurultai/explain?fact=bill:B-9").status, 404);
  EXPECT_EQ(get("/api/v1/kurultai/explain?fact=weather").status, 400);
  EXPECT_FALSE(json_of(get("/api/v1/kurultai/explain"))["facts"].empty());

  auto verified = json_of(get("/api/v1/kurultai/verify"));
  EXPECT_EQ(verified["ok"], true);
  EXPECT_EQ(verified["head_hash"], second["entries"][47]["hash"]);
}

// The demo register (demo/kurultai-acts.jsonl) published: its laws are found by search in the
// scripts and languages people use, and harvested over OAI-PMH like any other record.
TEST_F(KurultaiRoutesTest, PublishedLawsAreFoundAndHarvested) {
  service::SearchSyncOptions options;
  options.commit = service::SearchSyncOptions::Commit::kEachRecord;
  service::attach_search_sync(*repository_, options);
  const char* env = std::getenv("MURA_SOURCE_DIR");
  std::ifstream in(std::string(env != nullptr ? env : MURA_SOURCE_DIR_FALLBACK) +
                   "/demo/kurultai-acts.jsonl");
  ASSERT_TRUE(in) << "demo/kurultai-acts.jsonl";
  Json acts = Json::array();
  for (std::string line; std::getline(in, line);) {
    if (!line.empty()) acts.push_back(Json::parse(line));
  }
  sign_in(curator());
  auto appended = post_acts(acts);
  ASSERT_EQ(appended.status, 201) << appended.body.substr(0, 500);
  const std::string law = json_of(get("/api/v1/kurultai/bills/B-1"))["record"];
  ASSERT_TRUE(law.starts_with("ark:/")) << law;

  sign_in(access::Caller::anonymous());
  auto ids = [&](const std::string& target) {
    std::vector<std::string> found;
    const Json result = json_of(get(target));
    for (const auto& hit : result["hits"]) found.push_back(hit["id"]);
    return found;
  };
  // Its title in Russian and Kazakh (both scripts), and by kind.
  for (const std::string query : {"%D0%B0%D1%80%D1%85%D0%B8%D0%B2%D0%B0%D1%85",  // архивах
                                  "m%C3%BCra%C4%9Fat",                           // mürağat
                                  "Archival"}) {
    EXPECT_THAT(ids("/api/v1/search?q=" + query + "&filter=kind:legal_act"), ::testing::Contains(law))
        << query;
  }
  const Json legal = json_of(get("/api/v1/search?filter=kind:legal_act"));
  EXPECT_GE(legal["total"].get<int>(), 2) << "B-1 signed and B-2 in readings are published";

  const std::string identifier = "oai:mura.localhost:" + law;
  auto record = get("/oai?verb=GetRecord&metadataPrefix=oai_dc&identifier=" + identifier);
  ASSERT_EQ(record.status, 200);
  EXPECT_NE(record.body.find("<dc:title xml:lang=\"en\">On the National Archival Fund and Archives</dc:title>"),
            std::string::npos)
      << record.body.substr(0, 1500);
  EXPECT_EQ(record.body.find("idDoesNotExist"), std::string::npos) << identifier;
}

}  // namespace
}  // namespace mura::http
