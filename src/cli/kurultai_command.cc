#include "cli/kurultai_command.h"

#include <chrono>
#include <cstdlib>
#include <iostream>

#include <nlohmann/json.hpp>

#include "base/file_system.h"
#include "base/posix_file_system.h"
#include "cli/arguments.h"
#include "cli/invocation.h"
#include "kurultai/allocation.h"
#include "kurultai/explain.h"
#include "kurultai/ledger_file.h"
#include "kurultai/quota.h"
#include "kurultai/register.h"
#include "kurultai/report.h"
#include "service/kurultai_register.h"

namespace mura::cli {
namespace {

namespace k = ::mura::kurultai;

constexpr std::string_view kUsage = R"(usage: mura kurultai SUBCOMMAND ...

The register of a repository (--repo DIR, or MURA_REPO): its ledger lives in DIR/kurultai.sqlite
and signed laws and bills are published as legal_act records of the repository.

  append --repo DIR ACTS [--no-publish] [--json]
                                       judge acts and append them all when every one is lawful;
                                       ACTS is a file (or - for stdin) with one act, an array of
                                       acts, or one act per line; running a file again appends
                                       only the acts the ledger does not have yet
  state --repo DIR [--date YYYY-MM-DD] [--json]
                                       the state at a date (default: today, or the last act)
  explain --repo DIR [--date YYYY-MM-DD] FACT
                                       why a fact holds: office:ID, acting:president, deputy:NAME,
                                       seats:PARTY, bill:ID, deadline:ID, dissolution, committees,
                                       deputy_chairs, council:NAME, referendum:N (or "list")
  bill --repo DIR ID [--json]          a bill's readings, votes, versions and record
  log --repo DIR [--after N] [--limit N]
                                       the ledger's entries in the JSON-lines ledger format (a
                                       file that verify --ledger checks and append reads back)
  verify --repo DIR                    check the ledger's hash chain end to end
  publish --repo DIR [BILL]            bring the legal_act records up to date with the ledger
  rules install --repo DIR FILE        judge the register by a new rules file (the whole ledger
                                       must pass under it)
  rules show --repo DIR                the rules the register is judged by

Without a repository:
  rules check FILE                     validate a constitution rules file (TOML)
  append --ledger FILE ACTS, state --ledger FILE ..., explain --ledger FILE ..., verify --ledger FILE
                                       the same over a ledger kept as a JSON-lines file
  allocate --seats N --threshold PCT --method hare|dhondt|sainte-lague|droop --votes FILE
           [--threshold-base party_votes_and_against_all|party_votes] [--json]
                                       seats from a CSV of "party,votes" rows
  mandates --seats N --list FILE [--quota PCT] [--rules FILE] [--json]
                                       which candidates of a party list take its N mandates, with
                                       the candidate quota (default: elections.
                                       candidate_quota_percent of the rules in force today, 30 %);
                                       FILE is a CSV of "candidate,quota_group" rows in list order

Rules: a register is judged by the rules installed in it; the first append installs --rules FILE,
else $MURA_CONSTITUTION, else data/constitution.toml. Exit codes: 0 ok, 1 refused or invalid,
2 usage error.
)";

int usage(std::ostream& err, const std::string& message) {
  err << "mura kurultai: " << message << " (see mura kurultai --help)\n";
  return 2;
}

int failure(std::ostream& err, const Status& status) {
  err << "mura kurultai: " << status.message() << "\n";
  return 1;
}

std::string rules_path(const Arguments& arguments) {
  return arguments.option_or("rules", k::default_rules_path());
}

k::Date today() {
  const auto now = std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now());
  return k::Date::from_days(now.time_since_epoch().count());
}

// The --date option, else today or the date of the last act when that is later.
Result<k::Date> date_of(const Arguments& arguments, const std::vector<k::Act>& acts) {
  if (auto text = arguments.option("date")) return k::Date::parse(*text);
  k::Date date = today();
  if (!acts.empty() && acts.back().date > date) date = acts.back().date;
  return date;
}

Result<std::string> read_source(const std::string& source) {
  if (source != "-") return read_file(default_file_system(), source);
  std::string text;
  char buffer[4096];
  while (std::cin.read(buffer, sizeof buffer) || std::cin.gcount() > 0) {
    text.append(buffer, static_cast<std::size_t>(std::cin.gcount()));
  }
  return text;
}

Result<std::vector<k::Act>> read_acts(const std::string& source) {
  MURA_ASSIGN_OR_RETURN(std::string text, read_source(source));
  return k::parse_acts_text(text, source == "-" ? "stdin" : source);
}

int print_state_or_explanation(const Result<k::State>& state, const Arguments& arguments,
                               bool explaining, std::ostream& out, std::ostream& err) {
  if (!state) return failure(err, state.error());
  if (!explaining) {
    out << (arguments.flag("json") ? k::state_to_json(*state).dump(2) + "\n"
                                   : k::format_state(*state));
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

// ---- over a JSON-lines ledger file (--ledger) ----

Result<std::unique_ptr<k::Register>> open_file_register(const Arguments& arguments,
                                                        const k::Constitution& constitution) {
  return k::Register::open(constitution,
                           std::make_unique<k::JsonLinesLedgerStore>(*arguments.option("ledger")));
}

int run_file_append(const Arguments& arguments, std::ostream& out, std::ostream& err) {
  if (arguments.operands().size() != 1) return usage(err, "expected: append --ledger FILE ACTS");
  auto acts = read_acts(arguments.operands()[0]);
  if (!acts) return failure(err, acts.error());
  auto constitution = k::Constitution::load_file(rules_path(arguments));
  if (!constitution) return failure(err, constitution.error());
  const std::string ledger = *arguments.option("ledger");
  auto lock = default_file_system().lock(ledger + ".lock");
  if (!lock) return failure(err, lock.error());
  auto book = open_file_register(arguments, *constitution);
  if (!book) return failure(err, book.error());
  // As over a repository: running a file again appends only the acts the ledger lacks.
  auto skipped = k::acts_already_in((*book)->acts(), *acts);
  if (!skipped) return failure(err, skipped.error());
  const std::vector<k::Act> fresh(acts->begin() + static_cast<std::ptrdiff_t>(*skipped), acts->end());
  std::string head = (*book)->acts().empty() ? "" : (*book)->head_hash();
  if (!fresh.empty()) {
    auto hash = (*book)->append_all(fresh);
    if (!hash) return failure(err, hash.error());
    head = *hash;
  }
  out << "appended " << fresh.size() << " act(s)";
  if (*skipped > 0) out << ", skipped " << *skipped << " already in the ledger";
  out << ", entries up to " << (*book)->acts().size() << ": " << head << "\n";
  return 0;
}

int run_file_state_or_explain(bool explaining, const Arguments& arguments, std::ostream& out,
                              std::ostream& err) {
  auto constitution = k::Constitution::load_file(rules_path(arguments));
  if (!constitution) return failure(err, constitution.error());
  auto book = open_file_register(arguments, *constitution);
  if (!book) return failure(err, book.error());
  auto date = date_of(arguments, (*book)->acts());
  if (!date) return usage(err, "--date: " + date.error().message());
  return print_state_or_explanation((*book)->state_at(*date), arguments, explaining, out, err);
}

int run_file_verify(const Arguments& arguments, std::ostream& out, std::ostream& err) {
  k::JsonLinesLedgerStore store(*arguments.option("ledger"));
  auto report = k::verify_ledger(store);
  if (!report) return failure(err, report.error());
  out << store.name() << ": ok, " << report->entries << " entries, head " << report->head_hash
      << "\n";
  return 0;
}

// ---- over a repository (--repo) ----

struct RepositoryRegister {
  std::unique_ptr<service::Repository> repository;
  std::unique_ptr<service::KurultaiRegister> book;
};

Result<RepositoryRegister> open_repository_register(const Arguments& arguments) {
  std::string directory = arguments.option_or("repo", "");
  if (directory.empty()) {
    if (const char* env = std::getenv("MURA_REPO")) directory = env;
  }
  MURA_ASSIGN_OR_RETURN(auto repository,
                        service::Repository::open(default_file_system(), directory));
  MURA_ASSIGN_OR_RETURN(auto book,
                        service::KurultaiRegister::open(*repository, rules_path(arguments)));
  return RepositoryRegister{std::move(repository), std::move(book)};
}

void print_published(const service::PublishedBill& published, std::ostream& out) {
  out << "published bill " << published.bill << ": record " << published.record_id << " version "
      << published.record_version << " (" << published.versions_written << " new)\n";
}

int run_repository_command(const std::string& command, const Arguments& arguments,
                           std::ostream& out, std::ostream& err) {
  auto opened = open_repository_register(arguments);
  if (!opened) return failure(err, opened.error());
  service::KurultaiRegister& book = *opened->book;
  const auto& operands = arguments.operands();

  if (command == "append") {
    if (operands.size() != 1) return usage(err, "expected: append --repo DIR ACTS");
    auto acts = read_acts(operands[0]);
    if (!acts) return failure(err, acts.error());
    auto report = book.append(*acts, current_actor(), !arguments.flag("no-publish"));
    if (!report) return failure(err, report.error());
    if (arguments.flag("json")) {
      nlohmann::json json = {{"appended", report->appended},
                             {"skipped", report->skipped},
                             {"head_hash", report->head_hash},
                             {"warnings", report->warnings},
                             {"published", nlohmann::json::array()}};
      for (const auto& published : report->published) {
        json["published"].push_back({{"bill", published.bill},
                                     {"record", published.record_id},
                                     {"version", published.record_version}});
      }
      out << json.dump(2) << "\n";
    } else {
      out << "appended " << report->appended << " act(s)";
      if (report->skipped > 0) out << ", skipped " << report->skipped << " already in the ledger";
      out << "; head " << report->head_hash << "\n";
      for (const auto& published : report->published) print_published(published, out);
      for (const auto& warning : report->warnings) err << "warning: " << warning << "\n";
    }
    return report->warnings.empty() ? 0 : 1;
  }
  if (command == "state" || command == "explain") {
    const bool explaining = command == "explain";
    if (operands.size() != (explaining ? 1u : 0u)) {
      return usage(err, explaining ? "expected: explain --repo DIR [--date YYYY-MM-DD] FACT"
                                   : "expected: state --repo DIR [--date YYYY-MM-DD] [--json]");
    }
    auto entries = book.entries(0, 0);
    if (!entries) return failure(err, entries.error());
    std::vector<k::Act> last;
    if (entries->second > 0) {
      auto tail = book.entries(entries->second - 1, 1);
      if (!tail) return failure(err, tail.error());
      last.push_back(*tail->first[0].act);
    }
    auto date = date_of(arguments, last);
    if (!date) return usage(err, "--date: " + date.error().message());
    return print_state_or_explanation(book.state_at(*date), arguments, explaining, out, err);
  }
  if (command == "bill") {
    if (operands.size() != 1) return usage(err, "expected: bill --repo DIR ID [--json]");
    auto history = book.bill(operands[0]);
    if (!history) return failure(err, history.error());
    auto versions = book.bill_versions(operands[0]);
    if (!versions) return failure(err, versions.error());
    nlohmann::json json = k::bill_history_to_json(*history);
    json["record"] = versions->first;
    for (std::size_t i = 0; i < versions->second.size(); ++i) {
      json["versions"][i]["record_version"] = versions->second[i].record_version;
    }
    if (arguments.flag("json")) {
      out << json.dump(2) << "\n";
      return 0;
    }
    out << "bill " << history->id << " — " << history->title << " (" << history->kind
        << ", introduced by " << history->initiator << ")\n";
    for (const auto& step : history->steps) {
      out << "  [" << step.position << "] " << step.date.to_string() << "  " << step.label;
      if (step.vote) {
        out << "  (yes " << step.vote->yes << ", no " << step.vote->no << ", abstain "
            << step.vote->abstain << ")";
      }
      out << "\n";
    }
    out << "record " << (versions->first.empty() ? "(not published)" : versions->first) << "\n";
    for (const auto& version : versions->second) {
      out << "  " << version.version.stage << " " << version.version.date.to_string() << ": ";
      if (version.record_version > 0) {
        out << "version " << version.record_version << "\n";
      } else {
        out << "not published\n";
      }
    }
    return 0;
  }
  if (command == "log") {
    auto after = arguments.integer_option("after", 0, 0, 1 << 30);
    auto limit = arguments.integer_option("limit", 1 << 30, 1, 1 << 30);
    if (!after) return usage(err, after.error().message());
    if (!limit) return usage(err, limit.error().message());
    auto page = book.entries(static_cast<std::size_t>(*after), static_cast<std::size_t>(*limit));
    if (!page) return failure(err, page.error());
    for (const auto& entry : page->first) {
      auto line = k::make_entry(*entry.act, entry.prev_hash);
      if (!line) return failure(err, line.error());
      out << *line << "\n";
    }
    return 0;
  }
  if (command == "verify") {
    if (!operands.empty()) return usage(err, "expected: verify --repo DIR");
    auto report = book.verify();
    if (!report) return failure(err, report.error());
    out << book.path() << ": ok, " << report->entries << " entries, head " << report->head_hash
        << "\n";
    return 0;
  }
  if (command == "publish") {
    if (operands.size() > 1) return usage(err, "expected: publish --repo DIR [BILL]");
    auto published = book.publish(operands.empty() ? "" : operands[0], current_actor());
    if (!published) return failure(err, published.error());
    for (const auto& bill : *published) print_published(bill, out);
    if (published->empty()) out << "no bills in the register\n";
    return 0;
  }
  return usage(err, "unknown subcommand \"" + command + "\"");
}

int run_rules(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  if (args.size() < 2) return usage(err, "expected: rules check FILE | rules install | rules show");
  const std::vector<std::string> rest(args.begin() + 2, args.end());
  auto arguments = Arguments::parse(rest, {}, {"repo"});
  if (!arguments) return usage(err, arguments.error().message());
  if (args[1] == "check") {
    if (arguments->operands().size() != 1) return usage(err, "expected: rules check FILE");
    const std::string& path = arguments->operands()[0];
    auto constitution = k::Constitution::load_file(path);
    if (!constitution) return failure(err, constitution.error());
    out << path << ": ok, " << constitution->versions().size() << " versions\n";
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
  if (args[1] != "install" && args[1] != "show") {
    return usage(err, "unknown rules subcommand \"" + args[1] + "\"");
  }
  const bool installing = args[1] == "install";
  if (arguments->operands().size() != (installing ? 1u : 0u)) {
    return usage(err, installing ? "expected: rules install --repo DIR FILE"
                                 : "expected: rules show --repo DIR");
  }
  auto opened = open_repository_register(*arguments);
  if (!opened) return failure(err, opened.error());
  if (installing) {
    const std::string& path = arguments->operands()[0];
    auto text = read_file(default_file_system(), path);
    if (!text) return failure(err, text.error());
    Status installed = opened->book->install_rules(*text, path);
    if (!installed.ok()) return failure(err, installed);
  }
  const std::string sha = opened->book->rules_sha256();
  out << "rules: " << opened->book->rules_source()
      << (sha.empty() ? " (not installed yet: the first append installs them)"
                      : " (installed, sha256 " + sha + ")")
      << "\n";
  for (const auto& version : opened->book->constitution().versions()) {
    out << "  " << version.id() << " in force from " << version.in_force().to_string() << " — "
        << version.title() << "\n";
  }
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

int run_mandates(const Arguments& arguments, std::ostream& out, std::ostream& err) {
  for (const char* name : {"seats", "list"}) {
    if (!arguments.option(name)) return usage(err, std::string("mandates needs --") + name);
  }
  if (!arguments.operands().empty()) return usage(err, "mandates takes no operands");
  auto seats = arguments.integer_option("seats", 0, 1, static_cast<int>(k::kMaxSeats));
  if (!seats) return usage(err, seats.error().message());
  // Without --quota, the candidate quota of the rules in force today.
  int rules_quota = 0;
  if (!arguments.option("quota")) {
    auto constitution = k::Constitution::load_file(rules_path(arguments));
    if (!constitution) return failure(err, constitution.error());
    auto version = constitution->version_at(today());
    if (!version) return failure(err, version.error());
    rules_quota = static_cast<int>((*version)->integer(k::keys::kCandidateQuota));  // 0..100, checked on load
  }
  auto quota = arguments.integer_option("quota", rules_quota, 0, 100);
  if (!quota) return usage(err, quota.error().message());
  const std::string path = *arguments.option("list");
  auto text = read_file(default_file_system(), path);
  if (!text) return failure(err, text.error());
  auto list = k::parse_candidates_csv(*text, path);
  if (!list) return failure(err, list.error());
  auto assignment = k::assign_mandates(*list, *seats, *quota);
  if (!assignment) return failure(err, assignment.error());
  if (arguments.flag("json")) {
    nlohmann::json elected = nlohmann::json::array();
    for (std::size_t index : assignment->elected) {
      elected.push_back({{"position", index + 1},
                         {"candidate", (*list)[index].name},
                         {"quota_group", (*list)[index].quota_group}});
    }
    out << nlohmann::json{{"seats", *seats},
                          {"quota_percent", *quota},
                          {"required", assignment->required},
                          {"quota_elected", assignment->quota_elected},
                          {"elected", elected},
                          {"explanation", assignment->explanation}}
               .dump(2)
        << "\n";
    return 0;
  }
  out << *seats << " mandates from a list of " << list->size() << " candidates; the " << *quota
      << "% quota needs " << assignment->required << " of them in the quota group\n";
  for (std::size_t index : assignment->elected) {
    out << "  " << index + 1 << ". " << (*list)[index].name
        << ((*list)[index].quota_group ? "  (quota group)" : "") << "\n";
  }
  for (const auto& line : assignment->explanation) out << "replacement: " << line << "\n";
  out << "quota group elected: " << assignment->quota_elected << " of " << assignment->required
      << " required\n";
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
  auto arguments = Arguments::parse(rest, {"json", "no-publish"},
                                    {"ledger", "repo", "date", "rules", "seats", "threshold",
                                     "method", "votes", "threshold-base", "after", "limit",
                                     "list", "quota"});
  if (!arguments) return usage(err, arguments.error().message());
  if (command == "allocate") return run_allocate(*arguments, out, err);
  if (command == "mandates") return run_mandates(*arguments, out, err);
  const bool file_ledger = arguments->option("ledger").has_value();
  if (file_ledger && arguments->option("repo")) {
    return usage(err, "give --repo DIR or --ledger FILE, not both");
  }
  if (!file_ledger) {
    if (!arguments->option("repo") && std::getenv("MURA_REPO") == nullptr) {
      return usage(err, command + " needs --repo DIR (or MURA_REPO), or --ledger FILE");
    }
    return run_repository_command(command, *arguments, out, err);
  }
  if (command == "append") return run_file_append(*arguments, out, err);
  if (command == "state" || command == "explain") {
    const bool explaining = command == "explain";
    if (arguments->operands().size() != (explaining ? 1u : 0u)) {
      return usage(err, explaining ? "expected: explain --ledger FILE [--date YYYY-MM-DD] FACT"
                                   : "expected: state --ledger FILE [--date YYYY-MM-DD] [--json]");
    }
    return run_file_state_or_explain(explaining, *arguments, out, err);
  }
  if (command == "verify") return run_file_verify(*arguments, out, err);
  return usage(err, "\"" + command + "\" works on a repository (--repo DIR), not a ledger file");
}

}  // namespace mura::cli
