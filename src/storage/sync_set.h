// SyncSet: what a group commit must make durable before it publishes anything — the files it
// wrote, kept open until synced, and the directories it created or changed. sync() syncs them
// all at once from a small pool of threads, so that the device sees many flushes together
// (the block layer merges them) instead of one after another. Thread-safe.
#pragma once

#include <cstddef>
#include <functional>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <vector>

#include "base/file_system.h"

namespace mura::storage {

// Runs task(0) … task(count - 1) on up to `threads` threads (the caller's among them) and
// returns the first error; every task runs whatever the others return. REQUIRES: threads >= 1.
Status run_in_parallel(std::size_t count, int threads,
                       const std::function<Status(std::size_t)>& task);

class SyncSet {
 public:
  SyncSet(FileSystem& fs, int threads) : fs_(fs), threads_(threads) {}

  // Keeps `file`, whose bytes are all appended, open until sync() syncs and closes it.
  void add_file(std::unique_ptr<WritableFile> file);
  // Adds a directory whose entries must be durable.
  void add_directory(std::string path);
  std::size_t open_files() const;

  // Syncs and closes every file and syncs every directory added since the last call, all at
  // once. Returns the first error, and keeps returning it from every later call: after a
  // failed sync nothing in the set can be taken as durable.
  Status sync();

 private:
  FileSystem& fs_;
  const int threads_;
  mutable std::mutex mutex_;
  std::vector<std::unique_ptr<WritableFile>> files_;  // GUARDED_BY(mutex_)
  std::set<std::string> directories_;                 // GUARDED_BY(mutex_)
  Status failure_;                                    // GUARDED_BY(mutex_)
};

}  // namespace mura::storage
