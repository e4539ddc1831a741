// StagingArea: one commit's private directory under the store's staging root, with the lock
// that tells recovery a live writer owns it and the intent file that names what an interrupted
// update must finish. Removed, lock and intent included, when the StagingArea is destroyed.
// On-disk names: <staging>/<token>/, <token>.lock, <token>.intent (docs/adr/0001).
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "base/file_system.h"

namespace mura::storage {

inline constexpr std::string_view kIntentSuffix = ".intent";
inline constexpr std::string_view kLockSuffix = ".lock";

// The token of a staging entry's name ("3f…a1.intent" -> "3f…a1").
std::string staging_token(std::string_view entry_name);

class StagingArea {
 public:
  StagingArea(FileSystem& fs, std::string staging_root);
  ~StagingArea();
  StagingArea(const StagingArea&) = delete;
  StagingArea& operator=(const StagingArea&) = delete;

  // Takes the lock and creates the directory.
  Status create();
  std::string directory() const { return join_path(root_, token_); }
  std::string intent_path() const { return directory() + std::string(kIntentSuffix); }
  std::string lock_path() const { return directory() + std::string(kLockSuffix); }
  // Leaves the intent in place when the area is removed, for recovery to finish an update
  // that failed half-way without a crash.
  void keep_intent(bool keep = true) { keep_intent_ = keep; }

 private:
  FileSystem& fs_;
  std::string token_;
  std::string root_;
  std::unique_ptr<FileLock> lock_;
  bool created_ = false;
  bool keep_intent_ = false;
};

}  // namespace mura::storage
