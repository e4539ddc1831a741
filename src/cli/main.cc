// The `mura` command: dispatches to a subcommand (commands.h).
#include <cstring>
#include <iostream>
#include <string_view>

#include "cli/commands.h"
#include "cli/kurultai_command.h"
#include "cli/search_command.h"
#include "cli/media_command.h"
#include "cli/serve_command.h"
#include "cli/user_command.h"
#include "cli/audit_command.h"
#include "cli/closure_command.h"

namespace {

constexpr std::string_view kUsage = R"(mura — the Digital Repository of Memory and Knowledge

usage: mura COMMAND [OPTIONS]

Repository (--repo DIR, or the MURA_REPO environment variable):
  init DIR [--naan N] [--name NAME]   create a repository
  ingest SOURCE [--dry-run] [--json]  ingest a CSV sheet, a BagIt bag or a directory tree
  show ID [--version N] [--json]      a record's metadata and files
  list [--kind K] [--parent ID] [--collection ID] [--json]
                                      records, paged (--limit, --cursor)
  versions ID                         a record's versions
  lookup VALUE                        records with a call number, inventory number, DOI, ...
  export ID --bag OUT                 write a record as a BagIt bag
  verify [--fixity] [--json] [ID...]  check objects (and re-hash every file with --fixity)
  reindex                             rebuild the catalog and the search index from the store
  search QUERY [--facet F] [--filter F:V] [--sort S] [--lang L] [--json]
        [--limit N] [--cursor C] [--public]
                                      full-text search (quotes, AND OR NOT, field:value, date:A..B);
                                      --public shows what an anonymous visitor would find
  derivatives build [--all | ID...] [--threads N] [--no-ocr] [--no-renditions]
                                      technical metadata, IIIF pyramids, OCR and web renditions
  jobs [--state S] [--json]           derivative jobs: queued, running, done, failed
  serve [--listen ADDR:PORT] [--base-url URL] [--web DIR] [--threads N] [--access-log FILE]
        [--rate N]                    serve the web interface, REST API, OAI-PMH, IIIF and ARKs
                                      (defaults 127.0.0.1:8080; --rate: requests a second per
                                      client, bursts of twice that, 0 for no limit; default 100;
                                      --access-log: a file, - for stdout (default) or off)

Access (--repo DIR):
  user add|list|passwd|grant|revoke|disable|enable|token ...
                                      accounts, roles and API tokens (mura user --help)
  audit verify|export                 check the audit log's hash chain; export it as PREMIS
  closure [--collection ID] [YEARS|default]
                                      how long records with personal data stay closed after
                                      their date (75 years unless set), for all or one collection

Standards:
  ocfl validate PATH [--json]         validate any OCFL object or storage root
  bag validate PATH [--json]          validate any BagIt bag

The Kurultai:
  kurultai ...                        the constitution rules engine (mura kurultai --help)

Exit codes: 0 success, 1 failure or invalid input, 2 usage error.
)";

// The lines of kUsage about `command`: its own line and the indented lines that follow it.
std::string usage_of(std::string_view command) {
  std::string out;
  bool inside = false;
  std::size_t start = 0;
  while (start < kUsage.size()) {
    std::size_t end = kUsage.find('\n', start);
    if (end == std::string_view::npos) end = kUsage.size();
    const std::string_view line = kUsage.substr(start, end - start);
    start = end + 1;
    const bool continuation = line.starts_with("        ");
    if (line.starts_with("  ") && !continuation) {
      const std::string_view rest = line.substr(2);
      inside = rest.starts_with(command) &&
               (rest.size() == command.size() || rest[command.size()] == ' ');
    } else if (!continuation) {
      inside = false;
    }
    if (inside) out.append(line).append("\n");
  }
  return out;
}

bool asks_for_help(const mura::cli::Args& args) {
  for (const auto& arg : args) {
    if (arg == "--help" || arg == "-h") return true;
  }
  return false;
}

}  // namespace

int main(int argc, char** argv) {
  std::ios::sync_with_stdio(false);
  if (argc < 2 || std::strcmp(argv[1], "--help") == 0 || std::strcmp(argv[1], "help") == 0) {
    (argc < 2 ? std::cerr : std::cout) << kUsage;
    return argc < 2 ? 2 : 0;
  }
  std::string_view command = argv[1];
  mura::cli::Args args(argv + 2, argv + argc);
  using Runner = int (*)(const mura::cli::Args&, std::ostream&, std::ostream&);
  static const std::pair<std::string_view, Runner> kCommands[] = {
      {"init", mura::cli::run_init},         {"ingest", mura::cli::run_ingest},
      {"export", mura::cli::run_export},     {"verify", mura::cli::run_verify},
      {"reindex", mura::cli::run_reindex},   {"show", mura::cli::run_show},
      {"list", mura::cli::run_list},         {"lookup", mura::cli::run_lookup},
      {"versions", mura::cli::run_versions}, {"ocfl", mura::cli::run_ocfl},
      {"bag", mura::cli::run_bag},           {"kurultai", mura::cli::run_kurultai_command},
      {"serve", mura::cli::run_serve},           {"search", mura::cli::run_search},
      {"derivatives", mura::cli::run_derivatives}, {"jobs", mura::cli::run_jobs},
      {"user", mura::cli::run_user},
      {"audit", mura::cli::run_audit},       {"closure", mura::cli::run_closure},
  };
  for (const auto& [name, runner] : kCommands) {
    if (name == command) {
      // `user`, `audit` and `kurultai` have subcommands and help of their own.
      if (name != "user" && name != "audit" && name != "kurultai" && asks_for_help(args)) {
        std::cout << "usage: mura " << usage_of(command).substr(2)
                  << "\nExit codes: 0 success, 1 failure or invalid input, 2 usage error.\n";
        return 0;
      }
      int code = runner(args, std::cout, std::cerr);
      std::cout.flush();
      return code;
    }
  }
  std::cerr << "mura: unknown command \"" << command << "\" (see mura --help)\n";
  return 2;
}
