#include "cli/kurultai_command.h"

#include <cstdlib>
#include <iostream>

#include "base/file_system.h"
#include "base/posix_file_system.h"
#include "cli/arguments.h"
#include "kurultai/allocation.h"
#include "kurultai/explain.h"
#include "kurultai/ledger_file.h"
#include "kurultai/register.h"
#include "kurultai/report.h"

namespace mura::cli {
namespace {

namespace k = ::mura::kurultai;

constexpr std::string_view kUsage = R"(usage: mura kurultai SUBCOMMAND ...

  rules check FILE                     validate a constitution rules file (TOML)
  append --ledger FILE ACT.json        judge an act and append it when lawful (ACT.json may be -)
  state --ledger FILE --date YYYY-MM-DD [--json]
                                       the register's state at a date
  explain --ledger FILE --date YYYY-MM-DD FACT
                                       why a fact holds: office:ID, acting:president, deputy:NAME,
                                       seats:PARTY, bill:ID, deadline:ID, dissolution, committees,
                                       deputy_chairs, council:NAME, referendum:N (or "list")
  verify --ledger FILE                 check the ledger's hash chain end to end
  allocate --seats N --threshold PCT --method hare|dhondt|sainte-lague|droop --votes FILE
           [--threshold-base party_votes_and_against_all|party_votes] [--json]
                                       seats from a CSV of "party,votes" rows

append, state and explain read the rules from --rules FILE, else $MURA_CONSTITUTION, else
data/constitution.toml. Exit codes: 0 ok, 1 refused or invalid, 2 usage error.
)";

int usage(std::ostream& err, const std::string& message) {
  err << "mura kurultai: " << message << "\n" << kUsage;
  return 2;
}

int failure(std::ostream& err, const Status& status) {
  err << "mura kurultai: " << status.message() << "\n";
  return 1;
}

std::string rules_path(const Arguments& arguments) {
  if (auto path = arguments.option("rules")) return *path;
  if (const char* env = std::getenv("MURA_CONSTITUTION")) return env;
  return "data/constitution.toml";
}

int run_rules(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  if (args.size() != 3 || args[1] != "check") return usage(err, "expected: rules check FILE");
  auto constitution = k::Constitution::load_file(args[2]);
  if (!constitution) return failure(err, constitution.error());
  out << args[2] << ": ok, " << constitution->versions().size() << " versions\n";
  for (const auto& version : constitution->versions()) {
    int counts[3] = {0, 0, 0};
    for (const auto& [key, setting] : version.settings()) {
      ++counts[static_cast<int>(setting.citation.confidence)];
    }
    out << "  " << version.id() << " in force from " << version.in_force().to_string() << ": "
        << version.settings().size() << " settings (C " << counts[0] << ", P " << counts[1]
        << ", S " << counts[2] << "), " << version.offices().size() << " offices — "
        << version.title() << "\n";
  }
  return 0;
}

// Opens the register named by --ledger with the rules; the constitution must outlive it.
Result<std::unique_ptr<k::Register>> open_register(const Arguments& arguments,
                                                   const k::Constitution& constitution) {
  return k::Register::open(constitution,
                           std::make_unique<k::JsonLinesLedgerStore>(*arguments.option("ledger")));
}

int run_append(const Arguments& arguments, std::ostream& out, std::ostream& err) {
  if (!arguments.option("ledger") || arguments.operands().size() != 1) {
    return usage(err, "expected: append --ledger FILE ACT.json");
  }
  const std::string source = arguments.operands()[0];
  std::string text;
  if (source == "-") {
    char buffer[4096];
    while (std::cin.read(buffer, sizeof buffer) || std::cin.gcount() > 0) {
      text.append(buffer, static_cast<std::size_t>(std::cin.gcount()));
    }
  } else {
    auto read = read_file(default_file_system(), source);
    if (!read) return failure(err, read.error());
    text = std::move(*read);
  }
  auto act = k::parse_act_text(text, source);
  if (!act) return failure(err, act.error());
  auto constitution = k::Constitution::load_file(rules_path(arguments));
  if (!constitution) return failure(err, constitution.error());
  const std::string ledger = *arguments.option("ledger");
  auto lock = default_file_system().lock(ledger + ".lock");
  if (!lock) return failure(err, lock.error());
  auto book = open_register(arguments, *constitution);
  if (!book) return failure(err, book.error());
  auto hash = (*book)->append(*act);
  if (!hash) return failure(err, hash.error());
  out << "appended entry " << (*book)->acts().size() << " (" << act->summary() << "): " << *hash
      << "\n";
  return 0;
}

int run_state_or_explain(bool explaining, const Arguments& arguments, std::ostream& out,
                         std::ostream& err) {
  const std::size_t operands = explaining ? 1 : 0;
  if (!arguments.option("ledger") || !arguments.option("date") ||
      arguments.operands().size() != operands) {
    return usage(err, explaining ? "expected: explain --ledger FILE --date YYYY-MM-DD FACT"
                                 : "expected: state --ledger FILE --date YYYY-MM-DD [--json]");
  }
  auto date = k::Date::parse(*arguments.option("date"));
  if (!date) return usage(err, "--date: " + date.error().message());
  auto constitution = k::Constitution::load_file(rules_path(arguments));
  if (!constitution) return failure(err, constitution.error());
  auto book = open_register(arguments, *constitution);
  if (!book) return failure(err, book.error());
  auto state = (*book)->state_at(*date);
  if (!state) return failure(err, state.error());
  if (!explaining) {
    if (arguments.flag("json")) {
      out << k::state_to_json(*state).dump(2) << "\n";
    } else {
      out << k::format_state(*state);
    }
    return 0;
  }
  const std::string& fact = arguments.operands()[0];
  if (fact == "list") {
    for (const auto& name : k::fact_names(*state)) out << name << "\n";
    return 0;
  }
  auto explanation = k::explain(*state, fact);
  if (!explanation) return failure(err, explanation.error());
  out << k::format_explanation(*explanation);
  return 0;
}

int run_verify_ledger(const Arguments& arguments, std::ostream& out, std::ostream& err) {
  if (!arguments.option("ledger") || !arguments.operands().empty()) {
    return usage(err, "expected: verify --ledger FILE");
  }
  k::JsonLinesLedgerStore store(*arguments.option("ledger"));
  auto report = k::verify_ledger(store);
  if (!report) return failure(err, report.error());
  out << store.name() << ": ok, " << report->entries << " entries, head " << report->head_hash
      << "\n";
  return 0;
}

int run_allocate(const Arguments& arguments, std::ostream& out, std::ostream& err) {
  for (const char* name : {"seats", "threshold", "method", "votes"}) {
    if (!arguments.option(name)) return usage(err, std::string("allocate needs --") + name);
  }
  if (!arguments.operands().empty()) return usage(err, "allocate takes no operands");
  auto seats = arguments.integer_option("seats", 0, 1, static_cast<int>(k::kMaxSeats));
  if (!seats) return usage(err, seats.error().message());
  auto threshold = k::Rational::parse_decimal(*arguments.option("threshold"));
  if (!threshold || threshold->numerator > 100 * threshold->denominator) {
    return usage(err, "--threshold: expected a percentage from 0 to 100, such as 5 or 7.5");
  }
  const auto method = k::parse_method(*arguments.option("method"));
  if (!method) return usage(err, "--method: expected hare, dhondt, sainte-lague or droop");
  const auto base =
      k::parse_threshold_base(arguments.option_or("threshold-base", "party_votes_and_against_all"));
  if (!base)
    return usage(err, "--threshold-base: expected party_votes_and_against_all or party_votes");
  const std::string path = *arguments.option("votes");
  auto text = read_file(default_file_system(), path);
  if (!text) return failure(err, text.error());
  auto count = k::parse_votes_csv(*text, path);
  if (!count) return failure(err, count.error());
  auto allocation = k::allocate(*count, k::AllocationRequest{*seats, *threshold, *method, *base});
  if (!allocation) return failure(err, allocation.error());
  if (arguments.flag("json")) {
    out << k::allocation_to_json(*allocation).dump(2) << "\n";
  } else {
    out << k::format_allocation(*allocation);
  }
  return 0;
}

}  // namespace

int run_kurultai_command(const std::vector<std::string>& args, std::ostream& out,
                         std::ostream& err) {
  if (args.empty()) return usage(err, "missing subcommand");
  const std::string& command = args[0];
  if (command == "--help" || command == "help") {
    out << kUsage;
    return 0;
  }
  if (command == "rules") return run_rules(args, out, err);
  const std::vector<std::string> rest(args.begin() + 1, args.end());
  auto arguments = Arguments::parse(
      rest, {"json"},
      {"ledger", "date", "rules", "seats", "threshold", "method", "votes", "threshold-base"});
  if (!arguments) return usage(err, arguments.error().message());
  if (command == "append") return run_append(*arguments, out, err);
  if (command == "state") return run_state_or_explain(false, *arguments, out, err);
  if (command == "explain") return run_state_or_explain(true, *arguments, out, err);
  if (command == "verify") return run_verify_ledger(*arguments, out, err);
  if (command == "allocate") return run_allocate(*arguments, out, err);
  return usage(err, "unknown subcommand \"" + command + "\"");
}

}  // namespace mura::cli
