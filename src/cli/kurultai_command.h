// `mura kurultai ...`: the constitutional rules engine on the command line — check a rules file,
// append acts to a register's ledger, show the state at a date, explain a derived fact, verify
// the hash chain, and allocate seats. Exit codes: 0 ok, 1 refused or invalid, 2 usage.
#pragma once

#include <ostream>
#include <string>
#include <vector>

namespace mura::cli {

// `args` are the arguments after "kurultai"; output goes to `out`, messages to `err`.
int run_kurultai_command(const std::vector<std::string>& args, std::ostream& out,
                         std::ostream& err);

}  // namespace mura::cli
