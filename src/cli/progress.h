// Progress: a progress bar with rate and ETA on a terminal, plain lines otherwise (for logs and
// pipes). Thread-safe: update() may be called from worker threads.
#pragma once

#include <chrono>
#include <cstdio>
#include <mutex>
#include <string>

namespace mura::cli {

class Progress {
 public:
  Progress(std::string what, std::string unit, std::FILE* out = stderr);
  ~Progress();
  void update(std::size_t done, std::size_t total);
  void finish();

 private:
  std::mutex mutex_;
  std::string what_;
  std::string unit_;
  std::FILE* out_;
  bool terminal_;
  bool finished_ = false;
  std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point last_;
  std::size_t done_ = 0;
  std::size_t total_ = 0;
};

}  // namespace mura::cli
