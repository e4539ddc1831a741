// The access copy of every still image: a pyramidal, tiled, JPEG-compressed TIFF made with
// libvips — the full image and each half-size level down to one tile, as successive TIFF
// directories (the layout IIPImage and Mura's IIIF server read). Colour becomes 8-bit sRGB (or
// 8-bit gray), transparency is flattened onto white, and EXIF orientation is applied.
// Thread-safe; each call uses one libvips pipeline.
#pragma once

#include <cstdint>
#include <string>

#include "base/result.h"

namespace mura::media {

struct PyramidOptions {
  int tile_size = 256;
  int quality = 85;  // JPEG quality of the tiles
};

struct PyramidSummary {
  std::int64_t width = 0;
  std::int64_t height = 0;
  int bands = 0;  // 1 (gray) or 3 (sRGB)
};

// Writes the pyramid of the image at `source_path` to `target_path` through a temporary file
// beside it that is synced and renamed into place, so that a crash never leaves a torn pyramid.
// InvalidArgument when libvips cannot read the source as an image; Internal when the write fails.
Result<PyramidSummary> build_pyramid(const std::string& source_path,
                                     const std::string& target_path,
                                     const PyramidOptions& options = {});

}  // namespace mura::media
