// encode_with_vips (declared in image_service.h): PNG, WebP and rotation by any angle.
#include <cmath>

#include "iiif/image_service.h"
#include "media/vips_support.h"

namespace mura::iiif {

using media::VipsImagePtr;

Result<std::string> encode_with_vips(const Raster& raster, double degrees, Format format,
                                     int quality) {
  MURA_TRY(media::start_vips());
  VipsImagePtr image(vips_image_new_from_memory(raster.pixels.data(), raster.pixels.size(),
                                                raster.width, raster.height, raster.bands,
                                                VIPS_FORMAT_UCHAR));
  if (!image) return Error(media::vips_failure(StatusCode::kInternal, "wrapping an image"));
  image->Type = raster.bands == 1 ? VIPS_INTERPRETATION_B_W : VIPS_INTERPRETATION_sRGB;
  VipsImage* out = nullptr;
  if (degrees != 0) {
    const bool transparent = format != Format::kJpg;
    if (transparent) {
      if (vips_bandjoin_const1(image.get(), &out, 255.0, nullptr) != 0) {
        return Error(media::vips_failure(StatusCode::kInternal, "adding an alpha channel"));
      }
      image.reset(out);
    }
    const int bands = image->Bands;
    double values[4] = {255, 255, 255, 255};
    if (transparent) std::fill(values, values + 4, 0.0);
    VipsArrayDouble* background = vips_array_double_new(values, bands);
    const int failed = vips_rotate(image.get(), &out, degrees, "background", background, nullptr);
    vips_area_unref(VIPS_AREA(background));
    if (failed != 0) return Error(media::vips_failure(StatusCode::kInternal, "rotating"));
    image.reset(out);
  }
  void* buffer = nullptr;
  std::size_t length = 0;
  int failed = 0;
  switch (format) {
    case Format::kJpg:
      failed = vips_jpegsave_buffer(image.get(), &buffer, &length, "Q", quality, nullptr);
      break;
    case Format::kPng:
      failed = vips_pngsave_buffer(image.get(), &buffer, &length, "compression", 6, nullptr);
      break;
    case Format::kWebp:
      failed = vips_webpsave_buffer(image.get(), &buffer, &length, "Q", quality, nullptr);
      break;
    default:
      return unimplemented_error("IIIF format " + std::string(format_extension(format)) + " is not served");
  }
  if (failed != 0) {
    return Error(media::vips_failure(StatusCode::kInternal,
                                     "encoding " + std::string(format_extension(format))));
  }
  std::string bytes(static_cast<const char*>(buffer), length);
  g_free(buffer);
  return bytes;
}

}  // namespace mura::iiif
