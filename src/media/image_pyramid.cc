#include "media/image_pyramid.h"

#include <fcntl.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstdio>

#include "media/vips_support.h"

namespace mura::media {
namespace {

// Makes `image` 8-bit sRGB or 8-bit gray without alpha, upright.
Result<VipsImagePtr> access_colours(VipsImagePtr image) {
  VipsImage* out = nullptr;
  if (vips_autorot(image.get(), &out, nullptr) != 0) {
    return Error(vips_failure(StatusCode::kInvalidArgument, "applying the EXIF orientation"));
  }
  image.reset(out);
  if (vips_image_hasalpha(image.get())) {
    VipsArrayDouble* white = vips_array_double_newv(1, 255.0);
    const int failed = vips_flatten(image.get(), &out, "background", white, nullptr);
    vips_area_unref(VIPS_AREA(white));
    if (failed != 0) return Error(vips_failure(StatusCode::kInvalidArgument, "flattening transparency"));
    image.reset(out);
  }
  const VipsInterpretation interpretation = vips_image_guess_interpretation(image.get());
  const bool gray = interpretation == VIPS_INTERPRETATION_B_W ||
                    interpretation == VIPS_INTERPRETATION_GREY16 || image->Bands == 1;
  if (!gray && interpretation == VIPS_INTERPRETATION_CMYK &&
      vips_image_get_typeof(image.get(), VIPS_META_ICC_NAME) != 0) {
    if (vips_icc_transform(image.get(), &out, "srgb", "embedded", TRUE, nullptr) != 0) {
      return Error(vips_failure(StatusCode::kInvalidArgument, "converting CMYK to sRGB"));
    }
    image.reset(out);
  }
  if (vips_colourspace(image.get(), &out,
                       gray ? VIPS_INTERPRETATION_B_W : VIPS_INTERPRETATION_sRGB, nullptr) != 0) {
    return Error(vips_failure(StatusCode::kInvalidArgument, "converting to sRGB"));
  }
  image.reset(out);
  if (image->BandFmt != VIPS_FORMAT_UCHAR) {
    if (vips_cast_uchar(image.get(), &out, nullptr) != 0) {
      return Error(vips_failure(StatusCode::kInvalidArgument, "converting to 8 bits"));
    }
    image.reset(out);
  }
  if (image->Bands > (gray ? 1 : 3)) {  // e.g. an extra channel left over
    if (vips_extract_band(image.get(), &out, 0, "n", gray ? 1 : 3, nullptr) != 0) {
      return Error(vips_failure(StatusCode::kInvalidArgument, "dropping extra channels"));
    }
    image.reset(out);
  }
  return image;
}

Status sync_and_rename(const std::string& temporary, const std::string& target) {
  const int fd = ::open(temporary.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return errno_status(errno, "open", temporary);
  const int synced = ::fsync(fd);
  const int sync_error = errno;
  ::close(fd);
  if (synced != 0) return errno_status(sync_error, "fsync", temporary);
  if (std::rename(temporary.c_str(), target.c_str()) != 0) {
    const int rename_error = errno;
    std::remove(temporary.c_str());
    return errno_status(rename_error, "rename", temporary);
  }
  return ok_status();
}

}  // namespace

Result<PyramidSummary> build_pyramid(const std::string& source_path,
                                     const std::string& target_path,
                                     const PyramidOptions& options) {
  MURA_TRY(start_vips());
  VipsImagePtr source(vips_image_new_from_file(source_path.c_str(), "access",
                                               VIPS_ACCESS_SEQUENTIAL, nullptr));
  if (!source) {
    return Error(vips_failure(StatusCode::kInvalidArgument, source_path + " is not an image libvips reads"));
  }
  MURA_ASSIGN_OR_RETURN(VipsImagePtr image, access_colours(std::move(source)));
  static std::atomic<unsigned> counter{0};
  const std::string temporary = target_path + ".tmp-" + std::to_string(::getpid()) + "-" +
                                std::to_string(counter.fetch_add(1));
  const int failed = vips_tiffsave(
      image.get(), temporary.c_str(), "compression", VIPS_FOREIGN_TIFF_COMPRESSION_JPEG, "Q",
      options.quality, "tile", TRUE, "tile_width", options.tile_size, "tile_height",
      options.tile_size, "pyramid", TRUE, "strip", TRUE, "bigtiff",
      static_cast<std::int64_t>(image->Xsize) * image->Ysize * image->Bands > (3LL << 30), nullptr);
  if (failed != 0) {
    std::remove(temporary.c_str());
    return Error(vips_failure(StatusCode::kInternal, "writing the pyramid of " + source_path));
  }
  MURA_TRY(sync_and_rename(temporary, target_path));
  return PyramidSummary{image->Xsize, image->Ysize, image->Bands};
}

}  // namespace mura::media
