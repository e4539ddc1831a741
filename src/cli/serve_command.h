// `mura serve`: the HTTP server over a repository.
#pragma once

#include "cli/commands.h"

namespace mura::cli {

int run_serve(const Args& args, std::ostream& out, std::ostream& err);

}  // namespace mura::cli
