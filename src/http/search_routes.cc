// Registration of the search routes: being written by the search work of this session; until then
// it registers nothing.
#include "http/app.h"

namespace mura::http {

void add_search_routes(App&) {}

}  // namespace mura::http
