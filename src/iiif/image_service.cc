#include "iiif/image_service.h"

#include <algorithm>
#include <cmath>

#include "base/file_system.h"
#include "base/posix_file_system.h"
#include "iiif/jpeg_codec.h"

namespace mura::iiif {
namespace {

constexpr double kTolerance = 0.01;

// The power-of-two factor between the full image and `level`, or 0 when it is not one.
std::int64_t scale_factor(const PyramidReader& pyramid, const PyramidLevel& level) {
  const double ratio = static_cast<double>(pyramid.width()) / static_cast<double>(level.width);
  const auto factor = static_cast<std::int64_t>(std::llround(ratio));
  if (factor < 1 || (factor & (factor - 1)) != 0) return 0;
  // floor or ceil of width / factor, as pyramid writers round either way
  const std::int64_t floor_width = pyramid.width() / factor;
  return level.width == floor_width || level.width == floor_width + 1 ? factor : 0;
}

}  // namespace

ImageDescription describe_pyramid(const PyramidReader& pyramid) {
  ImageDescription description;
  description.width = pyramid.width();
  description.height = pyramid.height();
  const PyramidLevel& full = pyramid.levels().front();
  description.tile_width = full.tile_width;
  description.tile_height = full.tile_height;
  for (const auto& level : pyramid.levels()) {
    const std::int64_t factor = scale_factor(pyramid, level);
    if (factor == 0) continue;
    description.scale_factors.push_back(factor);
    description.sizes.emplace_back(level.width, level.height);
  }
  std::reverse(description.sizes.begin(), description.sizes.end());
  return description;
}

ImageService::ImageService(ImageServiceOptions options)
    : options_(options),
      pyramids_(options.open_pyramids),
      outputs_(options.output_cache_bytes),
      tiles_(options.tile_cache_bytes),
      budget_(options.pixel_budget) {}

bool ImageService::PixelBudget::acquire(std::int64_t pixels, std::chrono::milliseconds wait) {
  std::unique_lock lock(mutex_);
  // A request larger than the whole budget runs alone.
  const bool admitted = released_.wait_for(lock, wait, [&] {
    return in_use_ == 0 || in_use_ + pixels <= capacity_;
  });
  if (admitted) in_use_ += pixels;
  return admitted;
}

void ImageService::PixelBudget::release(std::int64_t pixels) {
  {
    std::lock_guard lock(mutex_);
    in_use_ -= pixels;
  }
  released_.notify_all();
}

Result<std::shared_ptr<const PyramidReader>> ImageService::open(const ImageSource& source) {
  if (auto open = pyramids_.find(source.key)) return open;
  MURA_ASSIGN_OR_RETURN(auto reader, PyramidReader::open(source.pyramid_path));
  std::shared_ptr<const PyramidReader> shared(std::move(reader));
  pyramids_.insert(source.key, shared, 1);
  return shared;
}

Result<ImageDescription> ImageService::describe(const ImageSource& source) {
  MURA_ASSIGN_OR_RETURN(auto pyramid, open(source));
  return describe_pyramid(*pyramid);
}

Result<std::shared_ptr<const Raster>> ImageService::decoded_tile(const ImageSource& source,
                                                                  const PyramidReader& pyramid,
                                                                  std::size_t level, int index,
                                                                  int scale) {
  const std::string key = source.key + "/" + std::to_string(level) + "/" + std::to_string(index) +
                          "/" + std::to_string(scale);
  if (auto cached = tiles_.find(key)) return cached;
  MURA_ASSIGN_OR_RETURN(std::string jpeg, pyramid.jpeg_tile(level, index));
  MURA_ASSIGN_OR_RETURN(Raster raster, decode_jpeg(jpeg, scale, pyramid.levels()[level].colours));
  auto shared = std::make_shared<const Raster>(std::move(raster));
  tiles_.insert(key, shared, shared->bytes() + 64);
  return shared;
}

Result<Raster> ImageService::render_region(const ImageSource& source, const PyramidReader& pyramid,
                                           const PixelRect& region, int width, int height) {
  // The smallest level, and then the smallest DCT scale, that still has at least as many pixels
  // across the region as the output.
  const auto& levels = pyramid.levels();
  std::size_t chosen = 0;
  for (std::size_t i = 0; i < levels.size(); ++i) {
    const double sx = static_cast<double>(pyramid.width()) / static_cast<double>(levels[i].width);
    const double sy = static_cast<double>(pyramid.height()) / static_cast<double>(levels[i].height);
    if (static_cast<double>(region.width) / sx + kTolerance >= width &&
        static_cast<double>(region.height) / sy + kTolerance >= height) {
      chosen = i;
    }
  }
  const PyramidLevel& level = levels[chosen];
  const double level_sx = static_cast<double>(pyramid.width()) / static_cast<double>(level.width);
  const double level_sy = static_cast<double>(pyramid.height()) / static_cast<double>(level.height);
  int scale = 1;
  for (int candidate : {8, 4, 2}) {
    if (level.tile_width % candidate != 0 || level.tile_height % candidate != 0) continue;
    if (static_cast<double>(region.width) / (level_sx * candidate) + kTolerance >= width &&
        static_cast<double>(region.height) / (level_sy * candidate) + kTolerance >= height) {
      scale = candidate;
      break;
    }
  }
  // The level decoded at 1/scale: a virtual image of its own size and tile size.
  const double sx = level_sx * scale;
  const double sy = level_sy * scale;
  const int tile_width = level.tile_width / scale;
  const int tile_height = level.tile_height / scale;
  const std::int64_t virtual_width = (level.width + scale - 1) / scale;
  const std::int64_t virtual_height = (level.height + scale - 1) / scale;
  const double vx = static_cast<double>(region.x) / sx;
  const double vy = static_cast<double>(region.y) / sy;
  const double vw = static_cast<double>(region.width) / sx;
  const double vh = static_cast<double>(region.height) / sy;
  const double margin = 2.0 + std::max(vw / width, vh / height);
  const auto x0 = std::clamp<std::int64_t>(static_cast<std::int64_t>(std::floor(vx - margin)), 0, virtual_width - 1);
  const auto y0 = std::clamp<std::int64_t>(static_cast<std::int64_t>(std::floor(vy - margin)), 0, virtual_height - 1);
  const auto x1 = std::clamp<std::int64_t>(static_cast<std::int64_t>(std::ceil(vx + vw + margin)), x0 + 1, virtual_width);
  const auto y1 = std::clamp<std::int64_t>(static_cast<std::int64_t>(std::ceil(vy + vh + margin)), y0 + 1, virtual_height);

  Raster assembled(static_cast<int>(x1 - x0), static_cast<int>(y1 - y0), level.bands);
  const auto bands = static_cast<std::size_t>(level.bands);
  for (std::int64_t ty = y0 / tile_height; ty <= (y1 - 1) / tile_height; ++ty) {
    for (std::int64_t tx = x0 / tile_width; tx <= (x1 - 1) / tile_width; ++tx) {
      const int index = static_cast<int>(ty * level.tiles_across + tx);
      MURA_ASSIGN_OR_RETURN(auto tile, decoded_tile(source, pyramid, chosen, index, scale));
      if (tile->bands != level.bands) return data_loss_error("a pyramid tile has the wrong number of bands");
      // Intersection of this tile with [x0, x1) x [y0, y1), in virtual coordinates.
      const std::int64_t left = std::max(x0, tx * tile_width);
      const std::int64_t right = std::min({x1, tx * tile_width + tile->width});
      const std::int64_t top = std::max(y0, ty * tile_height);
      const std::int64_t bottom = std::min({y1, ty * tile_height + tile->height});
      for (std::int64_t y = top; y < bottom; ++y) {
        const std::uint8_t* from = tile->row(static_cast<int>(y - ty * tile_height)) +
                                   static_cast<std::size_t>(left - tx * tile_width) * bands;
        std::uint8_t* to = assembled.row(static_cast<int>(y - y0)) + static_cast<std::size_t>(left - x0) * bands;
        std::copy_n(from, static_cast<std::size_t>(right - left) * bands, to);
      }
    }
  }
  return resample(assembled, vx - static_cast<double>(x0), vy - static_cast<double>(y0), vw, vh,
                  width, height);
}

Result<std::string> ImageService::encode(Raster raster, const ResolvedRequest& resolved) {
  if (resolved.quality == Quality::kGray) raster = to_gray(raster);
  if (resolved.quality == Quality::kBitonal) raster = to_bitonal(raster);
  if (resolved.rotation.mirror) raster = mirror(raster);
  double degrees = std::fmod(resolved.rotation.degrees, 360.0);
  if (std::fmod(degrees, 90.0) == 0) {
    raster = rotate_quarters(raster, static_cast<int>(degrees / 90.0));
    degrees = 0;
  }
  if (resolved.format == Format::kJpg && degrees == 0) return encode_jpeg(raster, options_.jpeg_quality);
  return encode_with_vips(raster, degrees, resolved.format, options_.jpeg_quality);
}

ImageRequest thumbnail_request() {
  auto request = parse_image_request("full", kThumbnailSize, "0", "default.jpg");
  MURA_CHECK(request.has_value());  // kThumbnailSize is a valid size
  return *request;
}

Result<RenderedImage> ImageService::render(const ImageSource& source, const ImageRequest& request) {
  MURA_ASSIGN_OR_RETURN(auto pyramid, open(source));
  MURA_ASSIGN_OR_RETURN(ResolvedRequest resolved,
                        resolve(request, pyramid->width(), pyramid->height(), options_.limits));
  RenderedImage result;
  result.canonical = resolved.canonical();
  result.media_type = std::string(format_media_type(resolved.format));
  const std::string key = source.key + "/" + result.canonical;
  if (auto cached = outputs_.find(key)) {
    result.bytes = std::move(cached);
    result.origin = RenderedImage::Origin::kCache;
    return result;
  }

  // Exactly the stored thumbnail: its bytes as they are (a missing file is rendered instead).
  if (!source.thumbnail_path.empty()) {
    auto thumbnail = resolve(thumbnail_request(), pyramid->width(), pyramid->height(), options_.limits);
    if (thumbnail && thumbnail->canonical() == result.canonical) {
      if (auto bytes = read_file(default_file_system(), source.thumbnail_path)) {
        result.bytes = std::make_shared<const std::string>(std::move(*bytes));
        result.origin = RenderedImage::Origin::kStoredThumbnail;
        stored_thumbnails_.fetch_add(1, std::memory_order_relaxed);
        outputs_.insert(key, result.bytes, result.bytes->size() + key.size() + 64);
        return result;
      }
    }
  }

  // Exactly a whole stored tile: its bytes as they are.
  const PixelRect& region = resolved.region;
  if (resolved.format == Format::kJpg &&
      (resolved.quality == Quality::kDefault || resolved.quality == Quality::kColor) &&
      !resolved.rotation.mirror && resolved.rotation.degrees == 0) {
    const auto& levels = pyramid->levels();
    for (std::size_t i = 0; i < levels.size(); ++i) {
      const PyramidLevel& level = levels[i];
      const std::int64_t factor = scale_factor(*pyramid, level);
      const std::int64_t span_x = std::int64_t{level.tile_width} * factor;
      const std::int64_t span_y = std::int64_t{level.tile_height} * factor;
      if (factor == 0 || resolved.width != level.tile_width || resolved.height != level.tile_height ||
          region.width != span_x || region.height != span_y || region.x % span_x != 0 ||
          region.y % span_y != 0) {
        continue;
      }
      const std::int64_t column = region.x / span_x;
      const std::int64_t row = region.y / span_y;
      if ((column + 1) * level.tile_width > level.width || (row + 1) * level.tile_height > level.height) {
        break;  // a tile at the edge is padded in the TIFF; it is cut below
      }
      MURA_ASSIGN_OR_RETURN(std::string bytes,
                            pyramid->jpeg_tile(i, static_cast<int>(row * level.tiles_across + column)));
      stored_tiles_.fetch_add(1, std::memory_order_relaxed);
      result.bytes = std::make_shared<const std::string>(std::move(bytes));
      result.origin = RenderedImage::Origin::kStoredTile;
      return result;
    }
  }

  // Everything else is drawn from decoded tiles. The region decoded is at most about twice the
  // output in each direction (or the region itself when upscaling).
  const std::int64_t decoded = std::min(region.width * region.height, resolved.width * resolved.height * 4);
  const std::int64_t cost = decoded + resolved.width * resolved.height;
  const bool large = cost > options_.large_request_pixels;
  if (large && !budget_.acquire(cost, options_.budget_wait)) {
    refused_.fetch_add(1, std::memory_order_relaxed);
    return unavailable_error("the server is busy with other large images; try again shortly");
  }
  auto raster = render_region(source, *pyramid, region, static_cast<int>(resolved.width),
                              static_cast<int>(resolved.height));
  Result<std::string> bytes = raster ? encode(std::move(*raster), resolved) : Result<std::string>(Error(raster.error()));
  if (large) budget_.release(cost);
  if (!bytes) return Error(bytes.error());
  rendered_.fetch_add(1, std::memory_order_relaxed);
  result.bytes = std::make_shared<const std::string>(std::move(*bytes));
  outputs_.insert(key, result.bytes, result.bytes->size() + key.size() + 64);
  return result;
}

ImageServiceStats ImageService::stats() {
  ImageServiceStats stats;
  stats.stored_tiles = stored_tiles_.load(std::memory_order_relaxed);
  stats.stored_thumbnails = stored_thumbnails_.load(std::memory_order_relaxed);
  stats.rendered = rendered_.load(std::memory_order_relaxed);
  stats.refused = refused_.load(std::memory_order_relaxed);
  stats.outputs = outputs_.stats();
  stats.tiles = tiles_.stats();
  return stats;
}

}  // namespace mura::iiif
