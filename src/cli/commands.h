// The `mura` subcommands. Each takes the arguments after its name and returns the process exit
// code: 0 success, 1 the work failed or the input is invalid, 2 a usage error.
#pragma once

#include <ostream>
#include <string>
#include <vector>

namespace mura::cli {

using Args = std::vector<std::string>;

int run_init(const Args& args, std::ostream& out, std::ostream& err);
int run_ingest(const Args& args, std::ostream& out, std::ostream& err);
int run_export(const Args& args, std::ostream& out, std::ostream& err);
int run_verify(const Args& args, std::ostream& out, std::ostream& err);
int run_reindex(const Args& args, std::ostream& out, std::ostream& err);
int run_show(const Args& args, std::ostream& out, std::ostream& err);
int run_list(const Args& args, std::ostream& out, std::ostream& err);
int run_lookup(const Args& args, std::ostream& out, std::ostream& err);
int run_versions(const Args& args, std::ostream& out, std::ostream& err);
int run_ocfl(const Args& args, std::ostream& out, std::ostream& err);
int run_bag(const Args& args, std::ostream& out, std::ostream& err);

}  // namespace mura::cli
