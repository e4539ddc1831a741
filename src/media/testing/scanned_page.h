// Test helper: a "scanned" page — text rendered by libvips (Pango, DejaVu fonts) in black on
// white at 300 dpi and written as PNG or TIFF — for OCR tests of every layer. Header-only;
// include from tests only.
#pragma once

#include <string>

#include "base/status.h"
#include "media/vips_support.h"

namespace mura::media::testing {

// Writes `text` (Pango markup allowed; "\n" breaks lines) as a page image at `path`; the format
// follows the extension (.png, .tif, .jpg).
inline Status write_scanned_page(const std::string& path, const std::string& text) {
  MURA_TRY(start_vips());
  VipsImage* rendered = nullptr;
  if (vips_text(&rendered, text.c_str(), "font", "DejaVu Serif 12", "dpi", 300, "width", 2000,
                nullptr) != 0) {
    return vips_failure(StatusCode::kInternal, "rendering the test page");
  }
  VipsImagePtr ink(rendered);
  VipsImage* out = nullptr;
  // Ink is 255 on 0; a page is dark ink on white paper, with a margin.
  if (vips_invert(ink.get(), &out, nullptr) != 0) return vips_failure(StatusCode::kInternal, "inverting");
  VipsImagePtr page(out);
  VipsArrayDouble* white = vips_array_double_newv(1, 255.0);
  const int failed = vips_embed(page.get(), &out, 150, 150, page->Xsize + 300, page->Ysize + 300,
                                "extend", VIPS_EXTEND_BACKGROUND, "background", white, nullptr);
  vips_area_unref(VIPS_AREA(white));
  if (failed != 0) return vips_failure(StatusCode::kInternal, "adding margins");
  page.reset(out);
  if (vips_copy(page.get(), &out, "xres", 300 / 25.4, "yres", 300 / 25.4, "interpretation",
                VIPS_INTERPRETATION_B_W, nullptr) != 0) {
    return vips_failure(StatusCode::kInternal, "setting the resolution");
  }
  page.reset(out);
  if (vips_image_write_to_file(page.get(), path.c_str(), nullptr) != 0) {
    return vips_failure(StatusCode::kInternal, "writing " + path);
  }
  return ok_status();
}

// A letter in Kazakh, as a scanned archive would hold it.
inline constexpr const char* kKazakhLetter =
    "Құрметті Ғабит аға!\n"
    "Біз ауылға аман-есен жеттік. Биыл қыс қатты болды,\n"
    "бірақ мал аман. Мұрағаттағы хаттарды сақтап қойыңыз.\n"
    "Сәлеммен, Жақып.";

}  // namespace mura::media::testing
