// `mura derivatives build [--all | ID...]` and `mura jobs`: the derivative cache from the command
// line — technical metadata, IIIF pyramids, OCR, PDF text and web renditions — made by the same
// resumable jobs the server runs in the background (service/derivatives_jobs.h).
#pragma once

#include "cli/commands.h"

namespace mura::cli {

int run_derivatives(const Args& args, std::ostream& out, std::ostream& err);
int run_jobs(const Args& args, std::ostream& out, std::ostream& err);

}  // namespace mura::cli
