// `mura closure [--collection ID] [YEARS | default]`: the closure period of records that hold
// personal data — shown, set for the repository or for one collection, or set back to the
// default. The stored requirements of every record it governs are recomputed at once.
#pragma once

#include "cli/commands.h"

namespace mura::cli {

// `args` are the arguments after "closure".
int run_closure(const Args& args, std::ostream& out, std::ostream& err);

}  // namespace mura::cli
