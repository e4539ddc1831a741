// `mura user ...`: the accounts of a repository on the command line — add, list, set a password,
// grant and revoke roles, create and revoke API tokens. Changes are written to the audit log as
// made by "cli:<login>". Exit codes: 0 done, 1 refused or invalid, 2 usage.
#pragma once

#include "cli/commands.h"

namespace mura::cli {

// `args` are the arguments after "user".
int run_user(const Args& args, std::ostream& out, std::ostream& err);

}  // namespace mura::cli
