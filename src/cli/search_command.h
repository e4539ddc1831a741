// `mura search QUERY [--facet F]... [--filter F:V]... [--sort S] [--lang L] [--limit N]
//  [--cursor C] [--public] [--json]`: the search of GET /api/v1/search on the command line.
// The operator sees every record; --public shows what an anonymous visitor would see.
#pragma once

#include <ostream>

#include "cli/commands.h"

namespace mura::cli {

int run_search(const Args& args, std::ostream& out, std::ostream& err);

}  // namespace mura::cli
