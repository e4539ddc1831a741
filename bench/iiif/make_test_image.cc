// iiif_bench_image: the inputs of the IIIF benchmark (bench/iiif/run).
//   iiif_bench_image pyramid OUT.tif WIDTH HEIGHT   a photograph-like test image (coloured noise
//                                                  at several scales, so JPEG tiles have real
//                                                  content) as Mura's pyramidal TIFF
//   iiif_bench_image page OUT.png N                page N of a Kazakh letter, for OCR throughput
#include <cstdio>
#include <cstdlib>
#include <string>

#include "media/image_pyramid.h"
#include "media/testing/scanned_page.h"
#include "media/vips_support.h"

namespace {

using mura::media::VipsImagePtr;

// One band of smooth noise at `cell` pixels, scaled to 0..255.
VipsImagePtr noise(int width, int height, int cell, int seed) {
  VipsImage* out = nullptr;
  if (vips_perlin(&out, width, height, "cell_size", cell, "uchar", TRUE, "seed", seed, nullptr) != 0) return nullptr;
  return VipsImagePtr(out);
}

int make_pyramid(const std::string& path, int width, int height) {
  if (!mura::media::start_vips().ok()) return 1;
  VipsImagePtr red = noise(width, height, 64, 1), green = noise(width, height, 256, 2),
               blue = noise(width, height, 1024, 3);
  if (!red || !green || !blue) return 1;
  VipsImage* bands[3] = {red.get(), green.get(), blue.get()};
  VipsImage* joined = nullptr;
  if (vips_bandjoin(bands, &joined, 3, nullptr) != 0) return 1;
  VipsImagePtr image(joined);
  VipsImage* typed = nullptr;
  if (vips_copy(image.get(), &typed, "interpretation", VIPS_INTERPRETATION_sRGB, nullptr) != 0) return 1;
  image.reset(typed);
  const std::string source = path + ".v";
  if (vips_image_write_to_file(image.get(), source.c_str(), nullptr) != 0) return 1;
  auto built = mura::media::build_pyramid(source, path);
  std::remove(source.c_str());
  if (!built) {
    std::fprintf(stderr, "%s\n", built.error().to_string().c_str());
    return 1;
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  const std::string what = argc > 1 ? argv[1] : "";
  if (what == "pyramid" && argc == 5) return make_pyramid(argv[2], std::atoi(argv[3]), std::atoi(argv[4]));
  if (what == "page" && argc == 4) {
    std::string text = std::string(mura::media::testing::kKazakhLetter) + "\nБет " + argv[3] + ".";
    for (int i = 0; i < 6; ++i) text += "\n" + std::string(mura::media::testing::kKazakhLetter);
    auto status = mura::media::testing::write_scanned_page(argv[2], text);
    if (!status.ok()) std::fprintf(stderr, "%s\n", status.to_string().c_str());
    return status.ok() ? 0 : 1;
  }
  std::fprintf(stderr, "usage: iiif_bench_image pyramid OUT.tif WIDTH HEIGHT | page OUT.png N\n");
  return 2;
}
