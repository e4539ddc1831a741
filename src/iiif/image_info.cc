#include "iiif/image_info.h"

#include <nlohmann/json.hpp>

namespace mura::iiif {

std::string info_json(const ImageDescription& description, std::string_view id,
                      const ImageLimits& limits, std::string_view rights) {
  using Json = nlohmann::json;
  Json sizes = Json::array();
  for (const auto& [width, height] : description.sizes) {
    if ((limits.max_width > 0 && width > limits.max_width) ||
        (limits.max_height > 0 && height > limits.max_height) ||
        (limits.max_area > 0 && width * height > limits.max_area)) {
      continue;
    }
    sizes.push_back({{"width", width}, {"height", height}});
  }
  Json info = {
      {"@context", kImageContext},
      {"id", id},
      {"type", "ImageService3"},
      {"protocol", "http://iiif.io/api/image"},
      {"profile", "level2"},
      {"width", description.width},
      {"height", description.height},
  };
  if (limits.max_width > 0) info["maxWidth"] = limits.max_width;
  if (limits.max_height > 0) info["maxHeight"] = limits.max_height;
  if (limits.max_area > 0) info["maxArea"] = limits.max_area;
  if (!sizes.empty()) info["sizes"] = sizes;
  if (description.tile_width > 0) {
    info["tiles"] = Json::array({{{"width", description.tile_width},
                                  {"height", description.tile_height},
                                  {"scaleFactors", description.scale_factors}}});
  }
  info["extraQualities"] = {"color", "gray", "bitonal"};
  info["extraFormats"] = {"webp"};
  info["extraFeatures"] = {"canonicalLinkHeader", "mirroring",       "profileLinkHeader",
                           "rotationArbitrary",   "sizeUpscaling"};
  if (!rights.empty()) info["rights"] = rights;
  return info.dump();
}

}  // namespace mura::iiif
