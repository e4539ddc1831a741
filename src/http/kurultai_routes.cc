// REST API of the Kurultai register (/api/v1/kurultai/...): the state at a date, bills with their
// stage, a bill's readings and roll calls with the record publishing it, the ledger page by page,
// explanations, verification, and appending acts (curators and administrators). The register
// (service/kurultai_register.h) is opened on the first request, so that a repository without one
// gains kurultai.sqlite only when the register is used. A refused act answers 422 with the rule
// and the article that refuse it.
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>

#include "http/app.h"
#include "http/problem.h"
#include "http/route_support.h"
#include "kurultai/explain.h"
#include "kurultai/report.h"
#include "service/kurultai_register.h"

namespace mura::http {
namespace {

namespace k = ::mura::kurultai;
using Json = nlohmann::json;

constexpr std::int64_t kDefaultPage = 100;
constexpr std::int64_t kMaxPage = 1000;

// The register of the app's repository, opened on first use (and again after a failed open).
class RegisterHolder {
 public:
  explicit RegisterHolder(service::Repository& repository) : repository_(repository) {}

  Result<service::KurultaiRegister*> get() {
    std::lock_guard lock(mutex_);
    if (!book_) {
      MURA_ASSIGN_OR_RETURN(book_, service::KurultaiRegister::open(repository_));
    }
    return book_.get();
  }

 private:
  service::Repository& repository_;
  std::mutex mutex_;
  std::unique_ptr<service::KurultaiRegister> book_;
};

// ?date=YYYY-MM-DD, else today (or the last act's date when that is later).
Result<k::Date> date_argument(const Context& context, service::KurultaiRegister& book) {
  if (auto text = context.request.argument("date")) {
    auto date = k::Date::parse(*text);
    if (!date) return Error(date.error().with_context("date"));
    return *date;
  }
  MURA_ASSIGN_OR_RETURN(k::Date date, k::Date::parse(context.today));
  MURA_ASSIGN_OR_RETURN(auto entries, book.entries(0, 0));
  if (entries.second > 0) {
    MURA_ASSIGN_OR_RETURN(auto last, book.entries(entries.second - 1, 1));
    if (last.first[0].act->date > date) date = last.first[0].act->date;
  }
  return date;
}

Json trace_json(const k::Trace& trace) {
  Json steps = Json::array();
  for (const auto& step : trace) {
    steps.push_back({{"position", step.position},
                     {"date", step.date.to_string()},
                     {"text", step.text},
                     {"rule", step.rule}});
  }
  return steps;
}

// The state as the web pages draw it: state_to_json with each office's name and who acts.
Json state_json(const k::State& state) {
  Json json = k::state_to_json(state);
  const auto acting = state.acting_president();
  for (auto& [id, office] : json["offices"].items()) {
    const k::Office* rules = state.version ? state.version->office(id) : nullptr;
    office["name"] = rules ? rules->name : id;
    office["acting"] = nullptr;
    if (acting && acting->office == id) {
      office["acting"] = {{"person", acting->person}, {"by_office", acting->by_office}};
    }
  }
  Json open = Json::array();
  for (const auto& deadline : json["deadlines"]) {
    if (deadline["status"] != "met") open.push_back(deadline);
  }
  json["open_deadlines"] = std::move(open);
  return json;
}

Json bill_summary(const k::Bill& bill, const std::string& record) {
  return {{"id", bill.id},
          {"title", bill.title},
          {"initiator", bill.initiator},
          {"kind", bill.kind},
          {"stage", k::bill_stage_name(bill.stage)},
          {"introduced", bill.introduced.to_string()},
          {"readings_passed", bill.readings_passed},
          {"priority_since", bill.priority_since ? Json(bill.priority_since->to_string()) : Json()},
          {"adopted_on", bill.adopted_on ? Json(bill.adopted_on->to_string()) : Json()},
          {"record", record.empty() ? Json() : Json(record)}};
}

// Administrators, and curators of any collection, keep the register.
Status require_clerk(const Context& context) {
  if (context.caller.is_anonymous()) {
    return unauthenticated_error("sign in or send an API token to append acts to the register");
  }
  if (!context.caller.administrator && context.caller.curated_collections.empty()) {
    return permission_denied_error("only curators and administrators append acts to the register");
  }
  return ok_status();
}

// 422 with the refusing rule, version and article; other errors as every route answers them.
Response refusal_or_problem(const Status& error, std::string_view instance) {
  const auto refusal = error.code() == StatusCode::kFailedPrecondition
                           ? k::parse_refusal(error.message())
                           : std::nullopt;
  if (!refusal) return problem_response(error, instance);
  Response response = problem_response(422, error.message(), instance);
  Json body = Json::parse(response.body);
  body["code"] = "refused";
  body["rule"] = refusal->rule;
  body["constitution"] = refusal->version;
  body["article"] = refusal->article;
  body["confidence"] = refusal->confidence;
  body["reason"] = refusal->reason;
  response.body = body.dump(-1, ' ', false, Json::error_handler_t::replace);
  return response;
}

}  // namespace

void add_kurultai_routes(App& app) {
  auto holder = std::make_shared<RegisterHolder>(app.repository());
  app.hold(holder);
  Router& router = app.mutable_router();

  router.add("GET", "/api/v1/kurultai/state", [holder](Context& context) -> Result<Response> {
    MURA_ASSIGN_OR_RETURN(service::KurultaiRegister * book, holder->get());
    MURA_ASSIGN_OR_RETURN(k::Date date, date_argument(context, *book));
    MURA_ASSIGN_OR_RETURN(k::State state, book->state_at(date));
    return json_response(200, state_json(state));
  });

  router.add("GET", "/api/v1/kurultai/bills", [holder](Context& context) -> Result<Response> {
    MURA_ASSIGN_OR_RETURN(service::KurultaiRegister * book, holder->get());
    MURA_ASSIGN_OR_RETURN(k::Date date, date_argument(context, *book));
    MURA_ASSIGN_OR_RETURN(k::State state, book->state_at(date));
    Json bills = Json::array();
    for (const auto& id : book->bill_ids()) {
      auto bill = state.bills.find(id);
      if (bill == state.bills.end()) continue;  // introduced after `date`
      MURA_ASSIGN_OR_RETURN(auto versions, book->bill_versions(id));
      bills.push_back(bill_summary(bill->second, versions.first));
    }
    return json_response(200, Json{{"as_of", date.to_string()}, {"bills", bills}});
  });

  router.add("GET", "/api/v1/kurultai/bills/{id}",
             [holder, &app](Context& context) -> Result<Response> {
               MURA_ASSIGN_OR_RETURN(service::KurultaiRegister * book, holder->get());
               const std::string& id = context.parameter("id");
               MURA_ASSIGN_OR_RETURN(k::BillHistory history, book->bill(id));
               MURA_ASSIGN_OR_RETURN(auto versions, book->bill_versions(id));
               MURA_ASSIGN_OR_RETURN(k::Date date, date_argument(context, *book));
               MURA_ASSIGN_OR_RETURN(k::State state, book->state_at(date));
               Json json = k::bill_history_to_json(history);
               const std::string base = app.options().base_url;
               json["record"] = versions.first.empty() ? Json() : Json(versions.first);
               for (std::size_t i = 0; i < versions.second.size(); ++i) {
                 const std::int64_t record_version = versions.second[i].record_version;
                 json["versions"][i]["record_version"] = record_version;
                 json["versions"][i]["record_url"] =
                     record_version == 0 ? Json()
                                         : Json(base + "/api/v1/records/" + versions.first +
                                                "?version=" + std::to_string(record_version));
               }
               json["amendments"] = Json::array();
               if (auto bill = state.bills.find(id); bill != state.bills.end()) {
                 json["stage"] = k::bill_stage_name(bill->second.stage);
                 for (const auto& amendment : bill->second.amendments) {
                   json["amendments"].push_back({{"id", amendment.id},
                                                 {"text", amendment.text},
                                                 {"by", amendment.by},
                                                 {"tabled", amendment.tabled.to_string()},
                                                 {"adopted", amendment.adopted}});
                 }
               }
               return json_response(200, json);
             });

  router.add("GET", "/api/v1/kurultai/acts", [holder](Context& context) -> Result<Response> {
    MURA_ASSIGN_OR_RETURN(service::KurultaiRegister * book, holder->get());
    MURA_ASSIGN_OR_RETURN(std::int64_t limit,
                          integer_argument(context, "limit", kDefaultPage, 1, kMaxPage));
    std::int64_t after = 0;
    if (auto cursor = context.request.argument("cursor"); cursor && !cursor->empty()) {
      const std::string text(*cursor);
      if (text.find_first_not_of("0123456789") != std::string::npos || text.size() > 12) {
        return invalid_argument_error("cursor: \"" + text +
                                      "\" is not a cursor of this list (pass back next_cursor)");
      }
      after = std::stoll(text);
    }
    MURA_ASSIGN_OR_RETURN(
        auto page, book->entries(static_cast<std::size_t>(after), static_cast<std::size_t>(limit)));
    Json entries = Json::array();
    for (const auto& entry : page.first) {
      entries.push_back(k::entry_to_json(entry.position, entry.hash, entry.prev_hash, *entry.act));
    }
    const std::size_t last =
        page.first.empty() ? static_cast<std::size_t>(after) : page.first.back().position;
    return json_response(200,
                         Json{{"entries", entries},
                              {"total", page.second},
                              {"next_cursor", last < page.second ? std::to_string(last) : ""}});
  });

  router.add("POST", "/api/v1/kurultai/acts", [holder](Context& context) -> Result<Response> {
    MURA_TRY(require_clerk(context));
    MURA_ASSIGN_OR_RETURN(service::KurultaiRegister * book, holder->get());
    MURA_ASSIGN_OR_RETURN(std::vector<k::Act> acts,
                          k::parse_acts_text(context.request.body, "request body"));
    auto report = book->append(acts, actor_of(context));
    if (!report) return refusal_or_problem(report.error(), context.request.path);
    MURA_ASSIGN_OR_RETURN(auto page, book->entries(0, 0));
    Json published = Json::array();
    for (const auto& bill : report->published) {
      published.push_back(
          {{"bill", bill.bill}, {"record", bill.record_id}, {"version", bill.record_version}});
    }
    return json_response(report->appended > 0 ? 201 : 200, Json{{"appended", report->appended},
                                                                {"skipped", report->skipped},
                                                                {"entries", page.second},
                                                                {"head_hash", report->head_hash},
                                                                {"published", published},
                                                                {"warnings", report->warnings}});
  });

  router.add("GET", "/api/v1/kurultai/explain", [holder](Context& context) -> Result<Response> {
    MURA_ASSIGN_OR_RETURN(service::KurultaiRegister * book, holder->get());
    const auto fact = context.request.argument("fact");
    MURA_ASSIGN_OR_RETURN(k::Date date, date_argument(context, *book));
    MURA_ASSIGN_OR_RETURN(k::State state, book->state_at(date));
    if (!fact || fact->empty()) {
      return json_response(200, Json{{"as_of", date.to_string()}, {"facts", k::fact_names(state)}});
    }
    MURA_ASSIGN_OR_RETURN(k::Explanation explanation, k::explain(state, *fact));
    return json_response(200, Json{{"as_of", date.to_string()},
                                   {"fact", explanation.fact},
                                   {"statement", explanation.statement},
                                   {"trace", trace_json(explanation.trace)}});
  });

  router.add("GET", "/api/v1/kurultai/verify", [holder](Context&) -> Result<Response> {
    // A register whose chain is broken does not open: that too is the answer.
    auto book = holder->get();
    auto report = book ? (*book)->verify() : Result<k::VerifyReport>(Error(book.error()));
    if (!report) {
      if (report.error().code() != StatusCode::kDataLoss) return Error(report.error());
      return json_response(200, Json{{"ok", false}, {"problem", report.error().message()}});
    }
    return json_response(
        200, Json{{"ok", true}, {"entries", report->entries}, {"head_hash", report->head_hash}});
  });
}

}  // namespace mura::http
