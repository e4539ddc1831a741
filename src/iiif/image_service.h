// ImageService: IIIF Image API 3.0 level 2 over pyramidal TIFFs. It keeps the readers of hot
// pyramids open, sends a request that is exactly a stored tile as the stored JPEG bytes, builds
// every other output from decoded tiles of the best level (decoded at 1/2, 1/4 or 1/8 by the
// JPEG DCT where that suffices), keeps recent outputs and decoded tiles in byte-bounded caches,
// and admits requests for many pixels only within a pixel budget, so that a flood of huge
// requests cannot exhaust memory. The caller resolves identifiers, checks access and makes sure
// the pyramid exists. Thread-safe.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>

#include "base/result.h"
#include "iiif/byte_cache.h"
#include "iiif/image_info.h"
#include "iiif/image_request.h"
#include "iiif/pyramid_reader.h"
#include "iiif/raster.h"

namespace mura::iiif {

// The size of the thumbnail that manifests, collections and the web interface ask for
// ("full/!400,400/0/default.jpg"); the derivative jobs store it beside the pyramid.
inline constexpr std::string_view kThumbnailSize = "!400,400";

struct ImageServiceOptions {
  ImageLimits limits{10000, 10000, 25'000'000};
  std::size_t output_cache_bytes = 64u << 20;
  std::size_t tile_cache_bytes = 128u << 20;
  std::size_t open_pyramids = 256;
  // Requests that decode more pixels than this share the budget below.
  std::int64_t large_request_pixels = 4'000'000;
  std::int64_t pixel_budget = 64'000'000;
  std::chrono::milliseconds budget_wait{15000};
  int jpeg_quality = 80;
};

// The request for the thumbnail of every image: full, kThumbnailSize, no rotation, default.jpg.
ImageRequest thumbnail_request();

// One image: `key` names its content (the file's digest) in the caches; `pyramid_path` is its
// pyramidal TIFF.
struct ImageSource {
  std::string key;
  std::string pyramid_path;
  // The stored thumbnail (kThumbnailSize as default.jpg) if there may be one: a request for
  // exactly it is answered with its bytes. "" for none.
  std::string thumbnail_path = {};
};

struct RenderedImage {
  enum class Origin { kStoredTile, kStoredThumbnail, kCache, kRendered };
  std::shared_ptr<const std::string> bytes;
  std::string media_type;
  std::string canonical;  // "{region}/{size}/{rotation}/{quality}.{format}"
  Origin origin = Origin::kRendered;
};

struct ImageServiceStats {
  std::uint64_t stored_tiles = 0;
  std::uint64_t stored_thumbnails = 0;
  std::uint64_t rendered = 0;
  std::uint64_t refused = 0;  // over the pixel budget for too long
  CacheStats outputs;
  CacheStats tiles;
};

class ImageService {
 public:
  explicit ImageService(ImageServiceOptions options = {});

  // Size, tiles and scale factors of the image. NotFound when the pyramid does not exist;
  // FailedPrecondition when it is not a usable pyramid.
  Result<ImageDescription> describe(const ImageSource& source);

  // The image for `request`: InvalidArgument (400) for a request that does not fit the image;
  // Unavailable when the pixel budget stays exhausted; errors of describe().
  Result<RenderedImage> render(const ImageSource& source, const ImageRequest& request);

  const ImageLimits& limits() const { return options_.limits; }
  ImageServiceStats stats();

 private:
  class PixelBudget {
   public:
    explicit PixelBudget(std::int64_t capacity) : capacity_(capacity) {}
    bool acquire(std::int64_t pixels, std::chrono::milliseconds wait);
    void release(std::int64_t pixels);

   private:
    std::mutex mutex_;
    std::condition_variable released_;
    const std::int64_t capacity_;
    std::int64_t in_use_ = 0;  // GUARDED_BY(mutex_)
  };

  Result<std::shared_ptr<const PyramidReader>> open(const ImageSource& source);
  Result<std::shared_ptr<const Raster>> decoded_tile(const ImageSource& source,
                                                      const PyramidReader& pyramid,
                                                      std::size_t level, int index, int scale);
  Result<Raster> render_region(const ImageSource& source, const PyramidReader& pyramid,
                               const PixelRect& region, int width, int height);
  Result<std::string> encode(Raster raster, const ResolvedRequest& resolved);

  ImageServiceOptions options_;
  ByteCache<PyramidReader> pyramids_;
  ByteCache<std::string> outputs_;
  ByteCache<Raster> tiles_;
  PixelBudget budget_;
  std::atomic<std::uint64_t> stored_tiles_{0};
  std::atomic<std::uint64_t> stored_thumbnails_{0};
  std::atomic<std::uint64_t> rendered_{0};
  std::atomic<std::uint64_t> refused_{0};
};

// Scale factors and sizes of a pyramid's levels, as info.json lists them.
ImageDescription describe_pyramid(const PyramidReader& pyramid);

// Encodes with libvips what the JPEG fast path does not cover: PNG and WebP, and rotation by
// angles that are not multiples of 90 degrees (on white for JPEG, transparent for PNG and WebP).
Result<std::string> encode_with_vips(const Raster& raster, double degrees, Format format,
                                     int quality);

}  // namespace mura::iiif
