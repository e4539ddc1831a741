// JPEG decoding and encoding with libjpeg(-turbo), for the IIIF hot path: pyramid tiles are
// decoded at 1/1, 1/2, 1/4 or 1/8 of their size through the DCT's own scaling (far cheaper than
// decoding and shrinking), and outputs are encoded without a libvips pipeline. Thread-safe (no
// shared state).
#pragma once

#include <string>
#include <string_view>

#include "base/result.h"
#include "iiif/raster.h"

namespace mura::iiif {

enum class JpegColours {
  kStandard,  // 3 components are YCbCr (JFIF, TIFF Photometric YCbCr), 1 is gray
  kRgb,       // 3 components hold RGB directly (TIFF Photometric RGB)
};

// Decodes `jpeg` to gray or RGB at 1/`scale_denominator` (1, 2, 4 or 8) of its size, rounded
// up. DataLoss for a corrupt stream.
Result<Raster> decode_jpeg(std::string_view jpeg, int scale_denominator = 1,
                           JpegColours colours = JpegColours::kStandard);

// Encodes a gray or RGB raster as a baseline JFIF JPEG at `quality` (1-100).
Result<std::string> encode_jpeg(const Raster& raster, int quality);

}  // namespace mura::iiif
