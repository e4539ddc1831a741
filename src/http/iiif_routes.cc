// Registration of the iiif routes: being written by the iiif work of this session; until then
// it registers nothing.
#include "http/app.h"

namespace mura::http {

void add_iiif_routes(App&) {}

}  // namespace mura::http
