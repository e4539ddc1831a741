// `mura audit verify [--json] | export [--out FILE]`
#include "cli/audit_command.h"

#include <fstream>
#include <nlohmann/json.hpp>

#include "access/audit_log.h"
#include "cli/invocation.h"

namespace mura::cli {
namespace {

constexpr std::string_view kUsage = R"(usage: mura audit SUBCOMMAND [--repo DIR]

  verify [--json]                     check the hash chain of the audit log end to end; exit 1
                                      naming the first broken entry
  export [--out FILE]                 the whole log as a JSON array of PREMIS events (stdout
                                      unless --out)

The audit log holds every write and every read of material that is not public, each entry
carrying the SHA-256 of the one before it. Keep the head hash that verify prints somewhere else:
it shows later whether entries were cut from the end. Exit codes: 0 ok, 1 broken or failed, 2
usage error.
)";

int usage(std::ostream& err, const std::string& message) {
  err << "mura audit: " << message << " (see mura audit --help)\n";
  return 2;
}

int failed(std::ostream& err, const Status& status) {
  err << "mura audit: " << status.message() << "\n";
  return 1;
}

}  // namespace

int run_audit(const Args& args, std::ostream& out, std::ostream& err) {
  if (args.empty()) return usage(err, "missing subcommand");
  const std::string command = args[0];
  if (command == "--help" || command == "help") {
    out << kUsage;
    return 0;
  }
  if (command != "verify" && command != "export") {
    return usage(err, "unknown subcommand \"" + command + "\"");
  }
  int code = 0;
  auto invocation =
      open_invocation("audit", Args(args.begin() + 1, args.end()), {"json"}, {"out"}, err, code);
  if (!invocation) return code;
  const auto& arguments = invocation->arguments;
  if (!arguments.operands().empty()) return usage(err, command + " takes no operands");
  access::AuditLog log(invocation->repository->catalog().audit());

  if (command == "verify") {
    auto result = log.verify();
    if (!result) return failed(err, result.error());
    if (arguments.flag("json")) {
      nlohmann::ordered_json json = {
          {"intact", result->intact}, {"entries", result->entries}, {"head", result->head_hash}};
      if (result->first_broken) {
        json["first_broken"] = *result->first_broken;
        json["problem"] = result->problem;
      }
      out << json.dump(2) << "\n";
    } else if (result->intact) {
      out << "audit log intact: " << result->entries << " entries"
          << (result->entries > 0 ? ", head " + result->head_hash : "") << "\n";
    } else {
      out << "audit log broken at entry " << *result->first_broken << ": " << result->problem
          << " (the " << result->entries << " entries before it are intact)\n";
    }
    return result->intact ? 0 : 1;
  }

  std::ofstream file;
  std::ostream* target = &out;
  const auto path = arguments.option("out");
  if (path && *path != "-") {
    file.open(*path, std::ios::binary | std::ios::trunc);
    if (!file) return failed(err, unavailable_error("cannot write " + *path));
    target = &file;
  }
  auto exported = log.export_premis([&](std::string_view text) {
    target->write(text.data(), static_cast<std::streamsize>(text.size()));
  });
  if (!exported) return failed(err, exported.error());
  target->flush();
  if (!*target) return failed(err, unavailable_error("writing the export failed"));
  if (target == &file) err << "exported " << *exported << " events to " << *path << "\n";
  return 0;
}

}  // namespace mura::cli
