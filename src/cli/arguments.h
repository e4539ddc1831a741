// Arguments: a small command-line parser for the `mura` subcommands — options of the form
// --name VALUE, --name=VALUE and --flag, and positional operands — with usage errors that name
// the option.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "base/result.h"

namespace mura::cli {

class Arguments {
 public:
  // `flags` take no value; `options` take one. Anything else starting with "--" is an error.
  static Result<Arguments> parse(const std::vector<std::string>& args,
                                 const std::set<std::string>& flags,
                                 const std::set<std::string>& options);

  bool flag(const std::string& name) const { return flags_.count(name) != 0; }
  std::optional<std::string> option(const std::string& name) const;
  std::string option_or(const std::string& name, const std::string& fallback) const;
  // The option as an integer in [minimum, maximum]; InvalidArgument names the option.
  Result<int> integer_option(const std::string& name, int fallback, int minimum, int maximum) const;
  const std::vector<std::string>& operands() const { return operands_; }

 private:
  std::set<std::string> flags_;
  std::map<std::string, std::string> options_;
  std::vector<std::string> operands_;
};

}  // namespace mura::cli
