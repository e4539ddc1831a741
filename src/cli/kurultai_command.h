// `mura kurultai ...`: the Kurultai register on the command line — over a repository (--repo: the
// ledger in kurultai.sqlite, bills published as legal_act records) or a JSON-lines ledger file
// (--ledger): append acts, the state at a date, explain a derived fact, a bill's history, the
// ledger, verify the hash chain, publish, install or check rules, and allocate seats.
// Exit codes: 0 ok, 1 refused or invalid, 2 usage.
#pragma once

#include <ostream>
#include <string>
#include <vector>

namespace mura::cli {

// `args` are the arguments after "kurultai"; output goes to `out`, messages to `err`.
int run_kurultai_command(const std::vector<std::string>& args, std::ostream& out,
                         std::ostream& err);

}  // namespace mura::cli
