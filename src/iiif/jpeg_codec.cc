#include "iiif/jpeg_codec.h"

#include <csetjmp>
#include <cstdio>
#include <cstdlib>

#include <jpeglib.h>

namespace mura::iiif {
namespace {

// libjpeg reports fatal errors through error_exit, which must not return: it jumps back to the
// setjmp in the function below, whose frame holds only trivially destructible objects.
struct ErrorManager {
  jpeg_error_mgr base;
  std::jmp_buf jump;
  char message[JMSG_LENGTH_MAX];
};

void on_error(j_common_ptr info) {
  auto* manager = reinterpret_cast<ErrorManager*>(info->err);
  (*info->err->format_message)(info, manager->message);
  std::longjmp(manager->jump, 1);
}

void on_message(j_common_ptr, int) {}  // warnings (e.g. trailing bytes) are not errors here

// Decodes into `out`, which the caller sized after reading the header. Returns false with
// `manager.message` set on failure.
bool decode_into(std::string_view jpeg, int scale_denominator, JpegColours colours,
                 ErrorManager& manager, Raster& out) {
  jpeg_decompress_struct info;
  info.err = jpeg_std_error(&manager.base);
  manager.base.error_exit = on_error;
  manager.base.emit_message = on_message;
  if (setjmp(manager.jump) != 0) {
    jpeg_destroy_decompress(&info);
    return false;
  }
  jpeg_create_decompress(&info);
  jpeg_mem_src(&info, reinterpret_cast<const unsigned char*>(jpeg.data()),
               static_cast<unsigned long>(jpeg.size()));
  jpeg_read_header(&info, TRUE);
  if (info.num_components == 3 && colours == JpegColours::kRgb) info.jpeg_color_space = JCS_RGB;
  info.out_color_space = info.num_components == 1 ? JCS_GRAYSCALE : JCS_RGB;
  info.scale_num = 1;
  info.scale_denom = static_cast<unsigned int>(scale_denominator);
  info.dct_method = JDCT_ISLOW;
  jpeg_start_decompress(&info);
  const int width = static_cast<int>(info.output_width);
  const int height = static_cast<int>(info.output_height);
  const int bands = info.output_components;
  out.width = width;
  out.height = height;
  out.bands = bands;
  out.pixels.resize(out.stride() * static_cast<std::size_t>(height));
  while (info.output_scanline < info.output_height) {
    JSAMPROW row = out.row(static_cast<int>(info.output_scanline));
    jpeg_read_scanlines(&info, &row, 1);
  }
  jpeg_finish_decompress(&info);
  jpeg_destroy_decompress(&info);
  return true;
}

bool encode_into(const Raster& raster, int quality, ErrorManager& manager, unsigned char*& buffer,
                 unsigned long& size) {
  jpeg_compress_struct info;
  info.err = jpeg_std_error(&manager.base);
  manager.base.error_exit = on_error;
  manager.base.emit_message = on_message;
  if (setjmp(manager.jump) != 0) {
    jpeg_destroy_compress(&info);
    return false;
  }
  jpeg_create_compress(&info);
  jpeg_mem_dest(&info, &buffer, &size);
  info.image_width = static_cast<JDIMENSION>(raster.width);
  info.image_height = static_cast<JDIMENSION>(raster.height);
  info.input_components = raster.bands;
  info.in_color_space = raster.bands == 1 ? JCS_GRAYSCALE : JCS_RGB;
  jpeg_set_defaults(&info);
  jpeg_set_quality(&info, quality, TRUE);
  info.dct_method = JDCT_ISLOW;
  jpeg_start_compress(&info, TRUE);
  while (info.next_scanline < info.image_height) {
    JSAMPROW row = const_cast<JSAMPROW>(raster.row(static_cast<int>(info.next_scanline)));
    jpeg_write_scanlines(&info, &row, 1);
  }
  jpeg_finish_compress(&info);
  jpeg_destroy_compress(&info);
  return true;
}

}  // namespace

Result<Raster> decode_jpeg(std::string_view jpeg, int scale_denominator, JpegColours colours) {
  if (scale_denominator != 1 && scale_denominator != 2 && scale_denominator != 4 &&
      scale_denominator != 8) {
    return invalid_argument_error("JPEG scale 1/" + std::to_string(scale_denominator) +
                                  " is not 1/1, 1/2, 1/4 or 1/8");
  }
  ErrorManager manager{};
  Raster raster;
  if (!decode_into(jpeg, scale_denominator, colours, manager, raster)) {
    return data_loss_error(std::string("JPEG data cannot be decoded: ") + manager.message);
  }
  return raster;
}

Result<std::string> encode_jpeg(const Raster& raster, int quality) {
  if (raster.bands != 1 && raster.bands != 3) {
    return invalid_argument_error("JPEG needs 1 or 3 bands, not " + std::to_string(raster.bands));
  }
  ErrorManager manager{};
  unsigned char* buffer = nullptr;
  unsigned long size = 0;
  const bool encoded = encode_into(raster, quality, manager, buffer, size);
  std::string bytes;
  if (encoded) bytes.assign(reinterpret_cast<const char*>(buffer), size);
  std::free(buffer);
  if (!encoded) return internal_error(std::string("JPEG encoding failed: ") + manager.message);
  return bytes;
}

}  // namespace mura::iiif
