#include "search/result_json.h"

namespace mura::search {
namespace {

using Json = nlohmann::json;

Json string_or_null(const std::string& text) { return text.empty() ? Json(nullptr) : Json(text); }

}  // namespace

std::string thumbnail_path(std::string_view ark) {
  constexpr std::string_view kScheme = "ark:/";
  if (!ark.starts_with(kScheme)) return "";
  std::string identifier(ark.substr(kScheme.size()));
  const auto slash = identifier.find('/');
  if (slash == std::string::npos) return "";
  identifier[slash] = '~';
  return "/iiif/3/" + identifier + "/full/!400,400/0/default.jpg";
}

Json result_json(const SearchResult& result) {
  Json hits = Json::array();
  for (const auto& hit : result.hits) {
    const std::string thumbnail = hit.has_images && hit.files_visible ? thumbnail_path(hit.id) : "";
    hits.push_back({{"id", hit.id},
                    {"kind", hit.kind},
                    {"level", string_or_null(hit.level)},
                    {"title", hit.title},
                    {"title_lang", string_or_null(hit.title_language)},
                    {"snippet", hit.snippet},
                    {"date", string_or_null(hit.date)},
                    {"collection", string_or_null(hit.collection)},
                    {"has_images", hit.has_images},
                    {"thumbnail", string_or_null(thumbnail)}});
  }
  Json facets = Json::object();
  for (const auto& facet : result.facets) {
    Json values = Json::array();
    for (const auto& value : facet.values) {
      values.push_back({{"value", value.value}, {"label", value.label}, {"count", value.count}});
    }
    facets[facet.name] = std::move(values);
  }
  return {{"total", result.total},
          {"hits", std::move(hits)},
          {"facets", std::move(facets)},
          {"suggestion", result.suggestion ? Json(*result.suggestion) : Json(nullptr)},
          {"next", string_or_null(result.next_cursor)}};
}

}  // namespace mura::search
