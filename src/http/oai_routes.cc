// Registration of the oai routes: being written by the oai work of this session; until then
// it registers nothing.
#include "http/app.h"

namespace mura::http {

void add_oai_routes(App&) {}

}  // namespace mura::http
