// The parameters of a IIIF Image API 3.0 request — region, size, rotation, quality and format —
// as small value types, parsed from the URL segments with errors that name the part, and
// resolved against an image's pixel size and the server's limits into the exact pixels to cut
// and the exact output size (with the request's canonical form). Plain functions on values;
// thread-safe. Spec: https://iiif.io/api/image/3.0/#4-image-requests
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "base/result.h"

namespace mura::iiif {

struct Region {
  enum class Kind { kFull, kSquare, kPixels, kPercent };
  Kind kind = Kind::kFull;
  // kPixels: whole pixels; kPercent: percentages of the full image (x, y, width, height).
  double x = 0, y = 0, width = 0, height = 0;
  friend bool operator==(const Region&, const Region&) = default;
};

struct Size {
  enum class Kind { kMax, kWidth, kHeight, kPercent, kExact, kConfined };
  Kind kind = Kind::kMax;
  bool upscale = false;  // the "^" prefix
  std::int64_t width = 0, height = 0;  // kWidth, kHeight, kExact, kConfined ("!w,h")
  double percent = 0;                  // kPercent
  friend bool operator==(const Size&, const Size&) = default;
};

struct Rotation {
  bool mirror = false;  // the "!" prefix: mirror, then rotate
  double degrees = 0;   // clockwise, 0 to 360
  friend bool operator==(const Rotation&, const Rotation&) = default;
};

enum class Quality { kDefault, kColor, kGray, kBitonal };
// Every format the specification names; the server encodes jpg, png and webp (the others parse
// and are refused with Unimplemented, which the API answers with 501).
enum class Format { kJpg, kPng, kWebp, kTif, kGif, kJp2, kPdf };

std::string_view quality_name(Quality quality);  // "default"
std::string_view format_extension(Format format);  // "jpg"
std::string_view format_media_type(Format format);  // "image/jpeg"

struct ImageRequest {
  Region region;
  Size size;
  Rotation rotation;
  Quality quality = Quality::kDefault;
  Format format = Format::kJpg;
  friend bool operator==(const ImageRequest&, const ImageRequest&) = default;
};

// Each parser accepts exactly the forms of the specification and returns InvalidArgument naming
// the part and the forms it accepts.
//   region: full | square | x,y,w,h | pct:x,y,w,h   (w and h above zero)
//   size: max | w, | ,h | pct:n | w,h | !w,h, each also with "^"
//   rotation: n | !n with 0 <= n <= 360 (decimals allowed)
//   quality.format: (default|color|gray|bitonal).(jpg|png|webp|tif|gif|jp2|pdf); tif, gif, jp2
//   and pdf are Unimplemented.
Result<Region> parse_region(std::string_view text);
Result<Size> parse_size(std::string_view text);
Result<Rotation> parse_rotation(std::string_view text);
Result<std::pair<Quality, Format>> parse_quality_format(std::string_view text);
// The four segments after the identifier; the first error in URL order wins.
Result<ImageRequest> parse_image_request(std::string_view region, std::string_view size,
                                         std::string_view rotation,
                                         std::string_view quality_format);

// Limits the server places on output sizes (0 = no limit), published in info.json.
struct ImageLimits {
  std::int64_t max_width = 0;
  std::int64_t max_height = 0;
  std::int64_t max_area = 0;
};

struct PixelRect {
  std::int64_t x = 0, y = 0, width = 0, height = 0;
  friend bool operator==(const PixelRect&, const PixelRect&) = default;
};

// A request resolved against one image: the region in full-resolution pixels (clipped to the
// image), the size of the scaled region before rotation, and the rest as asked.
struct ResolvedRequest {
  PixelRect region;
  std::int64_t width = 0;   // scaled region, before rotation
  std::int64_t height = 0;
  Rotation rotation;
  Quality quality = Quality::kDefault;
  Format format = Format::kJpg;
  bool full_region = false;  // the region is the whole image
  bool max_size = false;     // the size is what "max" gives for this region

  // "{region}/{size}/{rotation}/{quality}.{format}" in canonical form (§4.7): "full" or
  // "x,y,w,h"; "max", "w,h" or "^w,h" (upscaled); "90", "!22.5"; the quality as asked.
  std::string canonical() const;
  // Width and height of the returned image after rotation (bounding box for any angle).
  std::pair<std::int64_t, std::int64_t> output_size() const;
  friend bool operator==(const ResolvedRequest&, const ResolvedRequest&) = default;
};

// The size "max" gives for a region of `width` x `height` under `limits` (aspect kept).
std::pair<std::int64_t, std::int64_t> max_size_for(std::int64_t width, std::int64_t height,
                                                   const ImageLimits& limits);

// Resolves `request` for an image of `image_width` x `image_height` pixels. InvalidArgument
// (400) naming the part when the region lies outside the image or is empty, when a size scales
// up without "^", when the result has no pixels, or when it exceeds the limits.
Result<ResolvedRequest> resolve(const ImageRequest& request, std::int64_t image_width,
                                std::int64_t image_height, const ImageLimits& limits);

// A number in canonical IIIF form: no trailing zeros, no trailing point ("90", "22.5").
std::string format_number(double value);

}  // namespace mura::iiif
