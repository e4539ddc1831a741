#include "iiif/image_request.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <vector>

namespace mura::iiif {
namespace {

constexpr std::int64_t kLargestDimension = 1'000'000'000;

Error bad(std::string_view part, std::string_view text, std::string_view why) {
  return invalid_argument_error("IIIF " + std::string(part) + " \"" + std::string(text) + "\" " +
                                std::string(why));
}

std::vector<std::string_view> split_commas(std::string_view text) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  while (true) {
    const auto comma = text.find(',', start);
    parts.push_back(text.substr(start, comma == std::string_view::npos ? std::string_view::npos
                                                                        : comma - start));
    if (comma == std::string_view::npos) return parts;
    start = comma + 1;
  }
}

// A whole number of digits only (no sign, no spaces), at most kLargestDimension.
bool parse_whole(std::string_view text, std::int64_t& value) {
  if (text.empty() || text.size() > 10) return false;
  if (!std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return false;
  }
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  return error == std::errc() && end == text.data() + text.size() && value <= kLargestDimension;
}

// A non-negative decimal: "12", "12.5", "0.25", ".5", "5." (no sign, no exponent).
bool parse_decimal(std::string_view text, double& value) {
  if (text.empty() || text.size() > 32 || text == ".") return false;
  bool point = false;
  for (char c : text) {
    if (c == '.') {
      if (point) return false;
      point = true;
    } else if (c < '0' || c > '9') {
      return false;
    }
  }
  std::string copy(text);
  if (copy.front() == '.') copy.insert(copy.begin(), '0');
  if (copy.back() == '.') copy.pop_back();
  const auto [end, error] = std::from_chars(copy.data(), copy.data() + copy.size(), value);
  return error == std::errc() && end == copy.data() + copy.size() && std::isfinite(value);
}

std::int64_t round_positive(double value) {
  return std::max<std::int64_t>(1, static_cast<std::int64_t>(std::llround(value)));
}

}  // namespace

std::string_view quality_name(Quality quality) {
  switch (quality) {
    case Quality::kDefault: return "default";
    case Quality::kColor: return "color";
    case Quality::kGray: return "gray";
    case Quality::kBitonal: return "bitonal";
  }
  return "default";
}

std::string_view format_extension(Format format) {
  switch (format) {
    case Format::kJpg: return "jpg";
    case Format::kPng: return "png";
    case Format::kWebp: return "webp";
    case Format::kTif: return "tif";
    case Format::kGif: return "gif";
    case Format::kJp2: return "jp2";
    case Format::kPdf: return "pdf";
  }
  return "jpg";
}

std::string_view format_media_type(Format format) {
  switch (format) {
    case Format::kJpg: return "image/jpeg";
    case Format::kPng: return "image/png";
    case Format::kWebp: return "image/webp";
    case Format::kTif: return "image/tiff";
    case Format::kGif: return "image/gif";
    case Format::kJp2: return "image/jp2";
    case Format::kPdf: return "application/pdf";
  }
  return "image/jpeg";
}

Result<Region> parse_region(std::string_view text) {
  constexpr std::string_view kForms = "is not full, square, x,y,w,h or pct:x,y,w,h";
  Region region;
  if (text == "full") return region;
  if (text == "square") {
    region.kind = Region::Kind::kSquare;
    return region;
  }
  std::string_view numbers = text;
  const bool percent = text.starts_with("pct:");
  if (percent) numbers.remove_prefix(4);
  const auto parts = split_commas(numbers);
  if (parts.size() != 4) return bad("region", text, kForms);
  double values[4] = {0, 0, 0, 0};
  for (std::size_t i = 0; i < 4; ++i) {
    if (percent) {
      if (!parse_decimal(parts[i], values[i])) {
        return bad("region", text, "has \"" + std::string(parts[i]) +
                                       "\" where a percentage (0 or more, like 12.5) belongs");
      }
    } else {
      std::int64_t whole = 0;
      if (!parse_whole(parts[i], whole)) {
        return bad("region", text, "has \"" + std::string(parts[i]) +
                                       "\" where a whole number of pixels belongs (" +
                                       std::string(kForms.substr(7)) + ")");
      }
      values[i] = static_cast<double>(whole);
    }
  }
  if (values[2] <= 0 || values[3] <= 0) return bad("region", text, "has a zero width or height");
  region.kind = percent ? Region::Kind::kPercent : Region::Kind::kPixels;
  region.x = values[0];
  region.y = values[1];
  region.width = values[2];
  region.height = values[3];
  return region;
}

Result<Size> parse_size(std::string_view text) {
  constexpr std::string_view kForms = "is not max, w, ,h, pct:n, w,h or !w,h (each may start with ^)";
  Size size;
  std::string_view rest = text;
  if (rest.starts_with("^")) {
    size.upscale = true;
    rest.remove_prefix(1);
  }
  if (rest == "max") return size;
  if (rest.starts_with("pct:")) {
    rest.remove_prefix(4);
    if (!parse_decimal(rest, size.percent) || size.percent <= 0) {
      return bad("size", text, "needs a percentage above 0 after pct:");
    }
    if (size.percent > 100 && !size.upscale) {
      return bad("size", text, "scales above 100% without \"^\" (write ^pct:n to upscale)");
    }
    size.kind = Size::Kind::kPercent;
    return size;
  }
  bool confined = false;
  if (rest.starts_with("!")) {
    confined = true;
    rest.remove_prefix(1);
  }
  const auto parts = split_commas(rest);
  if (parts.size() != 2 || (parts[0].empty() && parts[1].empty())) return bad("size", text, kForms);
  std::int64_t width = 0, height = 0;
  if (!parts[0].empty() && !parse_whole(parts[0], width)) return bad("size", text, kForms);
  if (!parts[1].empty() && !parse_whole(parts[1], height)) return bad("size", text, kForms);
  if ((!parts[0].empty() && width == 0) || (!parts[1].empty() && height == 0)) {
    return bad("size", text, "asks for zero pixels");
  }
  if (confined && (parts[0].empty() || parts[1].empty())) {
    return bad("size", text, "needs both a width and a height after \"!\"");
  }
  size.width = width;
  size.height = height;
  if (confined) {
    size.kind = Size::Kind::kConfined;
  } else if (parts[1].empty()) {
    size.kind = Size::Kind::kWidth;
  } else if (parts[0].empty()) {
    size.kind = Size::Kind::kHeight;
  } else {
    size.kind = Size::Kind::kExact;
  }
  return size;
}

Result<Rotation> parse_rotation(std::string_view text) {
  Rotation rotation;
  std::string_view rest = text;
  if (rest.starts_with("!")) {
    rotation.mirror = true;
    rest.remove_prefix(1);
  }
  if (!parse_decimal(rest, rotation.degrees)) {
    return bad("rotation", text, "is not n or !n with n a number of degrees from 0 to 360");
  }
  if (rotation.degrees > 360) return bad("rotation", text, "is more than 360 degrees");
  return rotation;
}

Result<std::pair<Quality, Format>> parse_quality_format(std::string_view text) {
  const auto dot = text.rfind('.');
  if (dot == std::string_view::npos) {
    return bad("quality and format", text, "is not quality.format (like default.jpg)");
  }
  const std::string_view quality_text = text.substr(0, dot);
  const std::string_view format_text = text.substr(dot + 1);
  static constexpr std::pair<std::string_view, Quality> kQualities[] = {
      {"default", Quality::kDefault}, {"color", Quality::kColor},
      {"gray", Quality::kGray},       {"bitonal", Quality::kBitonal}};
  static constexpr std::pair<std::string_view, Format> kFormats[] = {
      {"jpg", Format::kJpg}, {"png", Format::kPng}, {"webp", Format::kWebp},
      {"tif", Format::kTif}, {"gif", Format::kGif}, {"jp2", Format::kJp2},
      {"pdf", Format::kPdf}};
  auto quality = std::find_if(std::begin(kQualities), std::end(kQualities),
                              [&](const auto& entry) { return entry.first == quality_text; });
  if (quality == std::end(kQualities)) {
    return bad("quality", quality_text, "is not default, color, gray or bitonal");
  }
  auto format = std::find_if(std::begin(kFormats), std::end(kFormats),
                             [&](const auto& entry) { return entry.first == format_text; });
  if (format == std::end(kFormats)) {
    return bad("format", format_text, "is not jpg, png or webp");
  }
  if (format->second != Format::kJpg && format->second != Format::kPng &&
      format->second != Format::kWebp) {
    return unimplemented_error("IIIF format \"" + std::string(format_text) +
                               "\" is not served here; ask for jpg, png or webp");
  }
  return std::pair{quality->second, format->second};
}

Result<ImageRequest> parse_image_request(std::string_view region, std::string_view size,
                                         std::string_view rotation,
                                         std::string_view quality_format) {
  ImageRequest request;
  MURA_ASSIGN_OR_RETURN(request.region, parse_region(region));
  MURA_ASSIGN_OR_RETURN(request.size, parse_size(size));
  MURA_ASSIGN_OR_RETURN(request.rotation, parse_rotation(rotation));
  MURA_ASSIGN_OR_RETURN(auto quality_and_format, parse_quality_format(quality_format));
  request.quality = quality_and_format.first;
  request.format = quality_and_format.second;
  return request;
}

std::pair<std::int64_t, std::int64_t> max_size_for(std::int64_t width, std::int64_t height,
                                                   const ImageLimits& limits) {
  double scale = 1.0;
  const auto w = static_cast<double>(width);
  const auto h = static_cast<double>(height);
  if (limits.max_width > 0) scale = std::min(scale, static_cast<double>(limits.max_width) / w);
  if (limits.max_height > 0) scale = std::min(scale, static_cast<double>(limits.max_height) / h);
  if (limits.max_area > 0) {
    scale = std::min(scale, std::sqrt(static_cast<double>(limits.max_area) / (w * h)));
  }
  if (scale >= 1.0) return {width, height};
  // Round down so that the result stays within every limit.
  return {std::max<std::int64_t>(1, static_cast<std::int64_t>(std::floor(w * scale))),
          std::max<std::int64_t>(1, static_cast<std::int64_t>(std::floor(h * scale)))};
}

Result<ResolvedRequest> resolve(const ImageRequest& request, std::int64_t image_width,
                                std::int64_t image_height, const ImageLimits& limits) {
  ResolvedRequest resolved;
  resolved.rotation = request.rotation;
  resolved.quality = request.quality;
  resolved.format = request.format;
  const auto W = image_width;
  const auto H = image_height;
  const std::string image = std::to_string(W) + "x" + std::to_string(H);

  // Region.
  const Region& region = request.region;
  PixelRect& rect = resolved.region;
  switch (region.kind) {
    case Region::Kind::kFull:
      rect = {0, 0, W, H};
      break;
    case Region::Kind::kSquare: {
      const auto side = std::min(W, H);
      rect = {(W - side) / 2, (H - side) / 2, side, side};
      break;
    }
    case Region::Kind::kPixels:
      rect = {static_cast<std::int64_t>(region.x), static_cast<std::int64_t>(region.y),
              static_cast<std::int64_t>(region.width), static_cast<std::int64_t>(region.height)};
      break;
    case Region::Kind::kPercent: {
      const auto x = std::llround(region.x * static_cast<double>(W) / 100.0);
      const auto y = std::llround(region.y * static_cast<double>(H) / 100.0);
      const auto right = std::llround((region.x + region.width) * static_cast<double>(W) / 100.0);
      const auto bottom = std::llround((region.y + region.height) * static_cast<double>(H) / 100.0);
      rect = {x, y, right - x, bottom - y};
      if (rect.width <= 0 || rect.height <= 0) {
        return invalid_argument_error("IIIF region is smaller than one pixel of the " + image +
                                      " image");
      }
      break;
    }
  }
  if (rect.x >= W || rect.y >= H) {
    return invalid_argument_error("IIIF region " + std::to_string(rect.x) + "," +
                                  std::to_string(rect.y) + " starts outside the " + image +
                                  " image");
  }
  rect.width = std::min(rect.width, W - rect.x);
  rect.height = std::min(rect.height, H - rect.y);
  resolved.full_region = rect == PixelRect{0, 0, W, H};

  // Size.
  const Size& size = request.size;
  const auto rw = static_cast<double>(rect.width);
  const auto rh = static_cast<double>(rect.height);
  std::int64_t width = 0, height = 0;
  auto too_large = [&](std::string_view why) {
    return invalid_argument_error("IIIF size would upscale the " + std::to_string(rect.width) +
                                  "x" + std::to_string(rect.height) + " region " +
                                  std::string(why) + " without \"^\"");
  };
  switch (size.kind) {
    case Size::Kind::kMax: {
      std::tie(width, height) = max_size_for(rect.width, rect.height, limits);
      if (size.upscale && (limits.max_width > 0 || limits.max_height > 0 || limits.max_area > 0)) {
        double scale = 1e12;
        if (limits.max_width > 0) scale = std::min(scale, static_cast<double>(limits.max_width) / rw);
        if (limits.max_height > 0) scale = std::min(scale, static_cast<double>(limits.max_height) / rh);
        if (limits.max_area > 0) {
          scale = std::min(scale, std::sqrt(static_cast<double>(limits.max_area) / (rw * rh)));
        }
        if (scale > 1.0) {
          width = std::max<std::int64_t>(1, static_cast<std::int64_t>(std::floor(rw * scale)));
          height = std::max<std::int64_t>(1, static_cast<std::int64_t>(std::floor(rh * scale)));
        }
      }
      break;
    }
    case Size::Kind::kWidth:
      if (size.width > rect.width && !size.upscale) return too_large("to width " + std::to_string(size.width));
      width = size.width;
      height = round_positive(rh * static_cast<double>(size.width) / rw);
      break;
    case Size::Kind::kHeight:
      if (size.height > rect.height && !size.upscale) return too_large("to height " + std::to_string(size.height));
      height = size.height;
      width = round_positive(rw * static_cast<double>(size.height) / rh);
      break;
    case Size::Kind::kPercent:
      width = round_positive(rw * size.percent / 100.0);
      height = round_positive(rh * size.percent / 100.0);
      break;
    case Size::Kind::kExact:
      if ((size.width > rect.width || size.height > rect.height) && !size.upscale) {
        return too_large("to " + std::to_string(size.width) + "x" + std::to_string(size.height));
      }
      width = size.width;
      height = size.height;
      break;
    case Size::Kind::kConfined: {
      double scale = std::min(static_cast<double>(size.width) / rw,
                              static_cast<double>(size.height) / rh);
      if (!size.upscale) scale = std::min(scale, 1.0);
      width = std::min(size.width, round_positive(rw * scale));
      height = std::min(size.height, round_positive(rh * scale));
      break;
    }
  }
  if ((limits.max_width > 0 && width > limits.max_width) ||
      (limits.max_height > 0 && height > limits.max_height) ||
      (limits.max_area > 0 && width * height > limits.max_area)) {
    return invalid_argument_error(
        "IIIF size " + std::to_string(width) + "x" + std::to_string(height) +
        " is larger than this server returns (maxWidth " + std::to_string(limits.max_width) +
        ", maxHeight " + std::to_string(limits.max_height) + ", maxArea " +
        std::to_string(limits.max_area) + "); ask for a smaller size or a region");
  }
  resolved.width = width;
  resolved.height = height;
  resolved.max_size = std::pair{width, height} == max_size_for(rect.width, rect.height, limits);
  return resolved;
}

std::string format_number(double value) {
  if (value == std::floor(value) && std::fabs(value) < 1e15) {
    return std::to_string(static_cast<std::int64_t>(value));
  }
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.6f", value);
  std::string text(buffer);
  while (!text.empty() && text.back() == '0') text.pop_back();
  if (!text.empty() && text.back() == '.') text.pop_back();
  return text;
}

std::string ResolvedRequest::canonical() const {
  std::string text = full_region ? "full"
                                 : std::to_string(region.x) + "," + std::to_string(region.y) +
                                       "," + std::to_string(region.width) + "," +
                                       std::to_string(region.height);
  text += "/";
  if (max_size) {
    text += "max";
  } else {
    if (width > region.width || height > region.height) text += "^";
    text += std::to_string(width) + "," + std::to_string(height);
  }
  text += "/";
  if (rotation.mirror) text += "!";
  text += format_number(rotation.degrees);
  text += "/";
  text += quality_name(quality);
  text += ".";
  text += format_extension(format);
  return text;
}

std::pair<std::int64_t, std::int64_t> ResolvedRequest::output_size() const {
  const double degrees = std::fmod(rotation.degrees, 360.0);
  if (degrees == 0 || degrees == 180) return {width, height};
  if (degrees == 90 || degrees == 270) return {height, width};
  const double radians = degrees * M_PI / 180.0;
  const double c = std::fabs(std::cos(radians));
  const double s = std::fabs(std::sin(radians));
  const auto w = static_cast<double>(width);
  const auto h = static_cast<double>(height);
  return {round_positive(w * c + h * s), round_positive(w * s + h * c)};
}

}  // namespace mura::iiif
