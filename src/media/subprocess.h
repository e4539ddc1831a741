// Running the external media tools (ffprobe, ffmpeg) as child processes: no shell, arguments
// passed as they are, stdout and stderr captured (each up to a bound), a deadline after which the
// child is killed. Thread-safe; each call owns its child.
#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "base/result.h"

namespace mura::media {

struct ProcessOutput {
  int exit_code = 0;
  std::string out;  // stdout, at most 16 MiB
  std::string err;  // stderr, at most 64 KiB (the end is kept)
};

// Runs argv[0] (looked up in PATH) with the rest as arguments. NotFound when the program does
// not exist; Unavailable when it runs past `timeout` (it is killed then);
// otherwise the exit code and output, whatever the code.
Result<ProcessOutput> run_process(const std::vector<std::string>& argv,
                                  std::chrono::seconds timeout);

}  // namespace mura::media
