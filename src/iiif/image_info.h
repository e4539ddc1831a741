// The Image Information document (info.json) of IIIF Image API 3.0 for one image: its size, the
// tiles and scale factors of its pyramid, preferred sizes, the server's limits and what Mura
// supports beyond level 2. Plain functions; thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "iiif/image_request.h"

namespace mura::iiif {

inline constexpr std::string_view kImageContext = "http://iiif.io/api/image/3/context.json";
inline constexpr std::string_view kLevel2Profile = "http://iiif.io/api/image/3/level2.json";

struct ImageDescription {
  std::int64_t width = 0;
  std::int64_t height = 0;
  int tile_width = 0;
  int tile_height = 0;
  std::vector<std::int64_t> scale_factors;  // 1, 2, 4, ... one per pyramid level
  std::vector<std::pair<std::int64_t, std::int64_t>> sizes;  // level sizes, smallest first
};

// The info.json body for the image service at `id` (its base URI, without "/info.json").
// `rights` is a licence or rights statement URI, or "".
std::string info_json(const ImageDescription& description, std::string_view id,
                      const ImageLimits& limits, std::string_view rights = "");

}  // namespace mura::iiif
