#include "media/vips_support.h"

#include <mutex>
#include <string>

namespace mura::media {

Status start_vips() {
  static Status started = [] {
    if (VIPS_INIT("mura") != 0) return vips_failure(StatusCode::kUnavailable, "starting libvips");
    // Mura runs many requests side by side; each image operation uses one thread of its own, and
    // libvips's operation cache would only hold memory that Mura's own caches manage better.
    vips_concurrency_set(1);
    vips_cache_set_max(0);
    vips_cache_set_max_mem(0);
    return ok_status();
  }();
  return started;
}

Status vips_failure(StatusCode code, std::string_view what) {
  std::string message(vips_error_buffer());
  vips_error_clear();
  while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) message.pop_back();
  for (auto& c : message) {
    if (c == '\n') c = ';';
  }
  return Status(code, std::string(what) + (message.empty() ? "" : ": " + message));
}

}  // namespace mura::media
