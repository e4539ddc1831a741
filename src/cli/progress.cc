#include "cli/progress.h"

#include <unistd.h>

namespace mura::cli {

Progress::Progress(std::string what, std::string unit, std::FILE* out)
    : what_(std::move(what)),
      unit_(std::move(unit)),
      out_(out),
      terminal_(::isatty(::fileno(out)) != 0),
      start_(std::chrono::steady_clock::now()),
      last_(start_) {}

Progress::~Progress() { finish(); }

void Progress::update(std::size_t done, std::size_t total) {
  std::lock_guard guard(mutex_);
  done_ = done;
  total_ = total;
  auto now = std::chrono::steady_clock::now();
  bool last = done >= total;
  auto interval = terminal_ ? std::chrono::milliseconds(100) : std::chrono::milliseconds(2000);
  if (!last && now - last_ < interval) return;
  last_ = now;
  double seconds = std::chrono::duration<double>(now - start_).count();
  double rate = seconds > 0 ? static_cast<double>(done) / seconds : 0;
  double eta = rate > 0 ? static_cast<double>(total - done) / rate : 0;
  double megabytes = unit_ == "bytes" ? 1e6 : 1;
  if (terminal_) {
    int width = 30;
    int filled = total == 0 ? width : static_cast<int>(static_cast<double>(width) * static_cast<double>(done) / static_cast<double>(total));
    std::string bar(static_cast<std::size_t>(filled), '#');
    bar.resize(static_cast<std::size_t>(width), ' ');
    std::fprintf(out_, "\r%s [%s] %.0f/%.0f %s  %.1f %s/s  ETA %.0fs ", what_.c_str(), bar.c_str(),
                 static_cast<double>(done) / megabytes, static_cast<double>(total) / megabytes,
                 unit_ == "bytes" ? "MB" : unit_.c_str(), rate / megabytes,
                 unit_ == "bytes" ? "MB" : unit_.c_str(), eta);
  } else {
    std::fprintf(out_, "%s: %.0f/%.0f %s (%.1f/s)\n", what_.c_str(),
                 static_cast<double>(done) / megabytes, static_cast<double>(total) / megabytes,
                 unit_ == "bytes" ? "MB" : unit_.c_str(), rate / megabytes);
  }
  std::fflush(out_);
}

void Progress::finish() {
  std::lock_guard guard(mutex_);
  if (finished_) return;
  finished_ = true;
  if (terminal_ && total_ > 0) std::fprintf(out_, "\n");
}

}  // namespace mura::cli
