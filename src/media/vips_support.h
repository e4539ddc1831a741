// libvips inside Mura: start-up once, RAII ownership of VipsImage, and libvips errors as Status.
// Included only by .cc files of media/ and iiif/, so that the vips and glib headers stay out of
// widely included headers. Thread-safe.
#pragma once

#include <memory>
#include <string_view>

#include <vips/vips.h>

#include "base/status.h"

namespace mura::media {

// Starts libvips once per process (later calls return the first outcome). Unavailable when
// libvips cannot start.
Status start_vips();

struct VipsImageUnref {
  void operator()(VipsImage* image) const {
    if (image != nullptr) g_object_unref(image);
  }
};
using VipsImagePtr = std::unique_ptr<VipsImage, VipsImageUnref>;

// The Status for a failed libvips call: `code` with "what: <libvips's message>"; clears libvips's
// error buffer.
Status vips_failure(StatusCode code, std::string_view what);

}  // namespace mura::media
