// Registration of the auth routes: being written by the auth work of this session; until then
// it registers nothing.
#include "http/app.h"

namespace mura::http {

void add_auth_routes(App&) {}

}  // namespace mura::http
