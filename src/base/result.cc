#include "base/result.h"

namespace mura::internal {

void check_failed(const char* file, int line, const char* condition) {
  std::fprintf(stderr, "%s:%d: MURA_CHECK failed: %s\n", file, line, condition);
  std::abort();
}

}  // namespace mura::internal
