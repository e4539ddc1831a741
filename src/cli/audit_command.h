// `mura audit verify | export`: check the repository's audit log end to end (exit 1 naming the
// first broken entry), and write it as PREMIS events in JSON.
#pragma once

#include "cli/commands.h"

namespace mura::cli {

// `args` are the arguments after "audit".
int run_audit(const Args& args, std::ostream& out, std::ostream& err);

}  // namespace mura::cli
