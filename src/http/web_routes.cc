// Registration of the web routes: being written by the web work of this session; until then
// it registers nothing.
#include "http/app.h"

namespace mura::http {

void add_web_routes(App&) {}

}  // namespace mura::http
