// `mura ocfl validate` and `mura bag validate`: validators for any OCFL object or storage root
// and any BagIt bag, written by Mura or not.
#include "base/posix_file_system.h"
#include "cli/arguments.h"
#include "cli/commands.h"
#include "formats/bagit.h"
#include "storage/ocfl_validator.h"

namespace mura::cli {

int run_ocfl(const Args& args, std::ostream& out, std::ostream& err) {
  if (args.empty() || args[0] != "validate") {
    err << "usage: mura ocfl validate PATH [--json] [--no-digests]\n";
    return 2;
  }
  auto parsed = Arguments::parse(Args(args.begin() + 1, args.end()), {"json", "no-digests"}, {});
  if (!parsed || parsed->operands().size() != 1) {
    err << "mura ocfl validate: " << (parsed ? "name one path" : parsed.error().message())
        << "\nusage: mura ocfl validate PATH [--json] [--no-digests]\n";
    return 2;
  }
  const std::string& path = parsed->operands()[0];
  if (!path_exists(default_file_system(), path)) {
    err << "mura ocfl validate: " << path << " does not exist\n";
    return 2;
  }
  storage::ValidationOptions options;
  options.check_digests = !parsed->flag("no-digests");
  storage::ValidationReport report = storage::validate_path(default_file_system(), path, options);
  if (parsed->flag("json")) {
    out << report.to_json() << "\n";
  } else {
    out << report.to_text();
    out << path << ": " << (report.valid() ? "valid" : "INVALID") << " (" << report.error_count()
        << " errors, " << report.warning_count() << " warnings)\n";
  }
  return report.valid() ? 0 : 1;
}

int run_bag(const Args& args, std::ostream& out, std::ostream& err) {
  if (args.empty() || args[0] != "validate") {
    err << "usage: mura bag validate PATH [--json] [--fast]\n";
    return 2;
  }
  auto parsed = Arguments::parse(Args(args.begin() + 1, args.end()), {"json", "fast"}, {});
  if (!parsed || parsed->operands().size() != 1) {
    err << "mura bag validate: " << (parsed ? "name one path" : parsed.error().message())
        << "\nusage: mura bag validate PATH [--json] [--fast]\n";
    return 2;
  }
  const std::string& path = parsed->operands()[0];
  if (!is_directory(default_file_system(), path)) {
    err << "mura bag validate: " << path << " is not a directory\n";
    return 2;
  }
  formats::BagValidateOptions options;
  options.check_digests = !parsed->flag("fast");
  formats::BagReport report = formats::validate_bag(default_file_system(), path, options);
  if (parsed->flag("json")) {
    out << report.to_json() << "\n";
  } else {
    out << report.to_text();
    out << path << ": " << (report.valid() ? "valid" : "INVALID") << "\n";
  }
  return report.valid() ? 0 : 1;
}

}  // namespace mura::cli
