// Lists of records: the records list with filters and keyset paging, the children of a record
// (the archival tree, paged), and the sitemap of public records for search engines. A record the
// caller may not see is left out of every page — never counted, never named.
#include <set>
#include <string>

#include <nlohmann/json.hpp>

#include "http/api_json.h"
#include "http/app.h"
#include "http/html.h"
#include "http/route_support.h"
#include "service/record_access.h"

namespace mura::http {
namespace {

using Json = nlohmann::json;

constexpr std::int64_t kDefaultPageSize = 50;
constexpr std::int64_t kMaxPageSize = 1000;
// The sitemap protocol's limit of URLs in one file.

// Refuses query arguments a route does not know, naming the first one.
Status check_arguments(const Request& request, const std::set<std::string, std::less<>>& known) {
  for (const auto& [name, value] : request.query) {
    if (!known.contains(name)) {
      std::string list;
      for (const auto& item : known) list += (list.empty() ? "" : ", ") + item;
      return invalid_argument_error("unknown query argument \"" + name + "\" (known: " + list + ")");
    }
  }
  return ok_status();
}

std::string argument_or_empty(const Request& request, std::string_view name) {
  return std::string(request.argument(name).value_or(""));
}

// A page of summaries as JSON; the catalog has already left out what the caller may not see.
Json page_json(const catalog::Page& page, const std::string& base) {
  Json items = Json::array();
  for (const auto& summary : page.items) {
    Json item = summary_json(summary, base);
    item["has_children"] = summary.child_count > 0;
    items.push_back(std::move(item));
  }
  Json body = {{"items", std::move(items)}, {"next", nullptr}};
  if (!page.next_cursor.empty()) body["next"] = page.next_cursor;
  return body;
}

}  // namespace

void add_listing_routes(App& app) {
  auto& router = app.mutable_router();
  auto& repository = app.repository();
  const std::string base = app.options().base_url;

  router.add("GET", "/api/v1/records", [&repository, base](Context& context) -> Result<Response> {
    const auto& request = context.request;
    MURA_TRY(check_arguments(request, {"kind", "collection", "parent", "modified_since",
                                       "modified_until", "cursor", "limit"}));
    catalog::ListFilter filter;
    if (const auto kind = request.argument("kind")) {
      filter.kind = record::parse_kind(*kind);
      if (!filter.kind) {
        return invalid_argument_error("query argument \"kind\" is \"" + std::string(*kind) +
                                      "\"; expected a record kind such as item or collection");
      }
    }
    filter.collection = argument_or_empty(request, "collection");
    filter.parent = argument_or_empty(request, "parent");
    filter.modified_since = argument_or_empty(request, "modified_since");
    filter.modified_until = argument_or_empty(request, "modified_until");
    filter.visibility = catalog::Visibility::of(context.caller, context.today);
    MURA_ASSIGN_OR_RETURN(auto limit,
                          integer_argument(context, "limit", kDefaultPageSize, 1, kMaxPageSize));
    MURA_ASSIGN_OR_RETURN(auto page, repository.catalog().list(filter, argument_or_empty(request, "cursor"),
                                                               static_cast<int>(limit)));
    return json_response(200, page_json(page, base));
  });

  router.add("GET", "/api/v1/records/{ark}/children",
             [&repository, base](Context& context) -> Result<Response> {
               MURA_TRY(check_arguments(context.request, {"cursor", "limit"}));
               MURA_ASSIGN_OR_RETURN(auto id, checked_ark(context));
               MURA_TRY(service::read_visible_record(repository, id, context.caller, context.today));
               MURA_ASSIGN_OR_RETURN(auto limit, integer_argument(context, "limit", kDefaultPageSize,
                                                                  1, kMaxPageSize));
               MURA_ASSIGN_OR_RETURN(
                   auto page, repository.catalog().children(
                                  id, argument_or_empty(context.request, "cursor"),
                                  static_cast<int>(limit),
                                  catalog::Visibility::of(context.caller, context.today)));
               Json body = page_json(page, base);
               body["id"] = id;
               return json_response(200, body);
             });

  // Public records only, whoever asks: a sitemap is for search engines. Up to a page of URLs it is
  // one file; beyond, /sitemap.xml is an index of /sitemap.xml?page=N.
  const int page_size = app.options().sitemap_page_size;
  router.add("GET", "/sitemap.xml", [&repository, base, page_size](Context& context) -> Result<Response> {
    const auto anonymous = access::Caller::anonymous();  // the Visibility refers to it
    catalog::ListFilter filter;
    filter.visibility = catalog::Visibility::of(anonymous, context.today);
    MURA_ASSIGN_OR_RETURN(std::int64_t total, repository.catalog().count(filter));
    const std::int64_t pages = std::max<std::int64_t>(1, (total + page_size - 1) / page_size);
    MURA_ASSIGN_OR_RETURN(std::int64_t page, integer_argument(context, "page", 0, 1, pages));
    std::string xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
    if (page == 0 && pages > 1) {
      xml += "<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n";
      for (std::int64_t i = 1; i <= pages; ++i) {
        xml += "<sitemap><loc>" + escape_html(base + "/sitemap.xml?page=" + std::to_string(i)) +
               "</loc></sitemap>\n";
      }
      xml += "</sitemapindex>\n";
      return Response::text(200, std::move(xml), "application/xml; charset=utf-8");
    }
    // Page N holds the records after the first (N - 1) pages, in the catalog's key order.
    const std::int64_t skip = (std::max<std::int64_t>(page, 1) - 1) * page_size;
    xml += "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n";
    std::string cursor;
    std::int64_t seen = 0;
    do {
      MURA_ASSIGN_OR_RETURN(auto listed, repository.catalog().list(filter, cursor, catalog::kMaxPageSize));
      for (const auto& summary : listed.items) {
        if (seen >= skip && seen < skip + page_size) {
          xml += "<url><loc>" + escape_html(base + record_path(summary.id)) + "</loc><lastmod>" +
                 escape_html(summary.modified) + "</lastmod></url>\n";
        }
        ++seen;
      }
      cursor = listed.next_cursor;
    } while (!cursor.empty() && seen < skip + page_size);
    xml += "</urlset>\n";
    return Response::text(200, std::move(xml), "application/xml; charset=utf-8");
  });
}

}  // namespace mura::http
