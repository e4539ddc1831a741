// Raster: a decoded image in memory — 8-bit samples, 1 band (gray) or 3 (RGB), rows packed —
// and the pixel operations the IIIF server does itself because they are cheap and hot: cutting
// and resampling a region, gray, bitonal, mirroring and quarter turns. Value type.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace mura::iiif {

struct Raster {
  int width = 0;
  int height = 0;
  int bands = 0;
  std::vector<std::uint8_t> pixels;

  Raster() = default;
  Raster(int w, int h, int b)
      : width(w), height(h), bands(b),
        pixels(static_cast<std::size_t>(w) * static_cast<std::size_t>(h) * static_cast<std::size_t>(b)) {}
  std::size_t stride() const { return static_cast<std::size_t>(width) * static_cast<std::size_t>(bands); }
  std::uint8_t* row(int y) { return pixels.data() + static_cast<std::size_t>(y) * stride(); }
  const std::uint8_t* row(int y) const { return pixels.data() + static_cast<std::size_t>(y) * stride(); }
  std::size_t bytes() const { return pixels.size(); }
};

// The rectangle (x, y, width, height) of `source` — in source pixels, fractions allowed —
// scaled to `out_width` x `out_height` with a separable triangle filter: area-weighted when
// shrinking (no aliasing), bilinear when enlarging. Pixels beyond the edges repeat the edge.
// REQUIRES: source non-empty, width and height > 0, out_width and out_height >= 1.
Raster resample(const Raster& source, double x, double y, double width, double height,
                int out_width, int out_height);

// One band of luma (ITU-R BT.601 weights); a gray raster is returned as is.
Raster to_gray(const Raster& source);
// Black or white (threshold at mid-gray), one band.
Raster to_bitonal(const Raster& source);
// Mirrored left to right.
Raster mirror(const Raster& source);
// Turned clockwise by 90 degrees `quarters` times (0 to 3).
Raster rotate_quarters(const Raster& source, int quarters);

}  // namespace mura::iiif
