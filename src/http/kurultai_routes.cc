// Registration of the kurultai routes: being written by the kurultai work of this session; until then
// it registers nothing.
#include "http/app.h"

namespace mura::http {

void add_kurultai_routes(App&) {}

}  // namespace mura::http
