// The JSON of a search result, as GET /api/v1/search and `mura search --json` return it (the
// contract the web UI is written against):
//   {"total", "hits": [{"id", "kind", "level", "title", "title_lang", "snippet", "date",
//    "collection", "has_images", "thumbnail"}], "facets": {"kind": [{"value", "label",
//    "count"}], ...}, "suggestion", "next"}
// Absent values are null. Plain functions; thread-safe.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "search/searcher.h"

namespace mura::search {

// The IIIF Image API path of a record's thumbnail: "ark:/99999/m8x2" →
// "/iiif/3/99999~m8x2/full/!400,400/0/default.jpg"; "" for an id that is not an ARK.
std::string thumbnail_path(std::string_view ark);

nlohmann::json result_json(const SearchResult& result);

}  // namespace mura::search
