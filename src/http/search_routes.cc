// GET /api/v1/search: full-text and faceted search (search/searcher.h) for the caller, who sees
// only what the access policy lets them see — in hits, totals, facets and suggestions alike.
//   q, filter=field:value (repeatable; OR within a field, AND across), facet=name (repeatable;
//   every facet when absent), sort=relevance|date|-date|title, lang=kk|kk-Latn|ru|en, cursor,
//   limit (1..100, default 20). Unknown arguments and bad queries are 400 with the reason.
// The JSON is search/result_json.h's.
#include <algorithm>
#include <memory>
#include <string>

#include "http/app.h"
#include "http/route_support.h"
#include "search/result_json.h"
#include "search/searcher.h"
#include "service/search_sync.h"

namespace mura::http {
namespace {

constexpr std::string_view kLanguages[] = {"kk", "kk-Latn", "ru", "en"};

// The request's arguments as a SearchRequest; InvalidArgument names the first bad one.
Result<search::SearchRequest> search_request(const Context& context) {
  search::SearchRequest request;
  std::vector<std::string> facets;
  bool facets_given = false;
  for (const auto& [name, value] : context.request.query) {
    if (name == "q") {
      request.query = value;
    } else if (name == "filter") {
      const auto colon = value.find(':');
      if (colon == std::string::npos || colon == 0) {
        return invalid_argument_error("filter \"" + value +
                                      "\" is not field:value (e.g. filter=kind:artwork)");
      }
      request.filters.emplace_back(value.substr(0, colon), value.substr(colon + 1));
    } else if (name == "facet") {
      facets_given = true;
      if (!value.empty()) facets.push_back(value);
    } else if (name == "sort") {
      MURA_ASSIGN_OR_RETURN(request.sort, search::parse_sort(value));
    } else if (name == "lang") {
      if (std::find(std::begin(kLanguages), std::end(kLanguages), value) == std::end(kLanguages)) {
        return invalid_argument_error("lang \"" + value + "\" is not one of kk, kk-Latn, ru, en");
      }
      request.language = value;
    } else if (name == "cursor") {
      request.cursor = value;
    } else if (name != "limit") {
      return invalid_argument_error("unknown query argument \"" + name +
                                    "\" (known: q, filter, facet, sort, lang, cursor, limit)");
    }
  }
  if (facets_given) request.facets = std::move(facets);
  MURA_ASSIGN_OR_RETURN(
      auto limit, integer_argument(context, "limit", search::kDefaultLimit, 1, search::kMaxLimit));
  request.limit = static_cast<int>(limit);
  return request;
}

}  // namespace

void add_search_routes(App& app) {
  auto& repository = app.repository();
  auto searcher = std::make_shared<search::Searcher>(
      service::SearchSync::index_directory(repository), &repository.profiles());
  app.hold(searcher);
  app.mutable_router().add(
      "GET", "/api/v1/search", [&repository, searcher](Context& context) -> Result<Response> {
        MURA_ASSIGN_OR_RETURN(const search::SearchRequest request, search_request(context));
        auto result = searcher->search(request, context.caller, context.today);
        if (!result && result.error().code() == StatusCode::kFailedPrecondition) {
          // No index yet: right for an empty repository, a fault for one with records. An index
          // that needs rebuilding says so.
          auto stats = repository.catalog().stats();
          if (!searcher->exists() && stats && stats->records == 0)
            return json_response(200, search::result_json(search::SearchResult{}));
          if (!searcher->exists())
            return unavailable_error("the search index has not been built yet; run `mura reindex`");
          return unavailable_error(
              "the search index was built by another version of Mura and must be rebuilt; run "
              "`mura reindex`");
        }
        if (!result) return Error(result.error());
        return json_response(200, search::result_json(*result));
      });
}

}  // namespace mura::http
