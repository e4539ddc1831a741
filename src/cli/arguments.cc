#include "cli/arguments.h"

namespace mura::cli {

Result<Arguments> Arguments::parse(const std::vector<std::string>& args,
                                   const std::set<std::string>& flags,
                                   const std::set<std::string>& options) {
  Arguments result;
  bool only_operands = false;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (only_operands || arg.size() < 2 || arg.rfind("--", 0) != 0) {
      result.operands_.push_back(arg);
      continue;
    }
    if (arg == "--") {
      only_operands = true;
      continue;
    }
    std::string name = arg.substr(2);
    std::optional<std::string> value;
    if (auto equals = name.find('='); equals != std::string::npos) {
      value = name.substr(equals + 1);
      name = name.substr(0, equals);
    }
    if (flags.count(name) != 0) {
      if (value) return invalid_argument_error("--" + name + " takes no value");
      result.flags_.insert(name);
    } else if (options.count(name) != 0) {
      if (!value) {
        if (i + 1 >= args.size()) return invalid_argument_error("--" + name + " needs a value");
        value = args[++i];
      }
      result.options_[name] = *value;
    } else {
      return invalid_argument_error("unknown option --" + name);
    }
  }
  return result;
}

std::optional<std::string> Arguments::option(const std::string& name) const {
  auto it = options_.find(name);
  if (it == options_.end()) return std::nullopt;
  return it->second;
}

std::string Arguments::option_or(const std::string& name, const std::string& fallback) const {
  return option(name).value_or(fallback);
}

Result<int> Arguments::integer_option(const std::string& name, int fallback, int minimum,
                                      int maximum) const {
  auto text = option(name);
  if (!text) return fallback;
  try {
    std::size_t used = 0;
    long value = std::stol(*text, &used);
    if (used == text->size() && value >= minimum && value <= maximum) return static_cast<int>(value);
  } catch (const std::exception&) {
  }
  return invalid_argument_error("--" + name + " must be a whole number from " +
                                std::to_string(minimum) + " to " + std::to_string(maximum) +
                                " (got \"" + *text + "\")");
}

}  // namespace mura::cli
