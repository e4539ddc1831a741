// What the repository subcommands share: parsing their arguments, opening the repository named
// by --repo or MURA_REPO, the acting user, and the usage/failure messages.
#pragma once

#include <memory>
#include <optional>
#include <ostream>
#include <set>
#include <string>

#include "base/status.h"
#include "cli/arguments.h"
#include "cli/commands.h"
#include "service/repository.h"

namespace mura::cli {

struct Invocation {
  Arguments arguments;
  std::unique_ptr<service::Repository> repository;
};

// Parses `args` (adding the --repo option) and opens the repository. On failure prints the
// problem to `err`, sets `code` (2 usage, 1 failure) and returns std::nullopt.
std::optional<Invocation> open_invocation(const std::string& command, const Args& args,
                                          std::set<std::string> flags,
                                          std::set<std::string> options, std::ostream& err,
                                          int& code);

// "mura COMMAND: message (see mura --help)"; returns 2.
int usage_error(std::ostream& err, const std::string& command, const std::string& message);
// "mura COMMAND: message"; returns 1.
int failure(std::ostream& err, const std::string& command, const Status& status);
// The user running the command ($USER, else "mura").
service::Actor current_actor();

}  // namespace mura::cli
