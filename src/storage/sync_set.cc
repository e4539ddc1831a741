#include "storage/sync_set.h"

#include <algorithm>
#include <atomic>
#include <thread>

namespace mura::storage {

Status run_in_parallel(std::size_t count, int threads,
                       const std::function<Status(std::size_t)>& task) {
  std::atomic<std::size_t> next{0};
  std::mutex mutex;
  Status first = ok_status();
  auto worker = [&] {
    for (std::size_t index = next.fetch_add(1); index < count; index = next.fetch_add(1)) {
      Status status = task(index);
      if (!status.ok()) {
        std::lock_guard guard(mutex);
        if (first.ok()) first = std::move(status);
      }
    }
  };
  std::size_t helpers = std::min(count, static_cast<std::size_t>(std::max(threads, 1)));
  std::vector<std::thread> pool;
  for (std::size_t t = 1; t < helpers; ++t) pool.emplace_back(worker);
  worker();
  for (auto& thread : pool) thread.join();
  return first;
}

void SyncSet::add_file(std::unique_ptr<WritableFile> file) {
  std::lock_guard guard(mutex_);
  files_.push_back(std::move(file));
}

void SyncSet::add_directory(std::string path) {
  std::lock_guard guard(mutex_);
  directories_.insert(std::move(path));
}

std::size_t SyncSet::open_files() const {
  std::lock_guard guard(mutex_);
  return files_.size();
}

Status SyncSet::sync() {
  std::vector<std::unique_ptr<WritableFile>> files;
  std::vector<std::string> directories;
  {
    std::lock_guard guard(mutex_);
    files.swap(files_);
    directories.assign(directories_.begin(), directories_.end());
    directories_.clear();
  }
  Status synced = run_in_parallel(files.size() + directories.size(), threads_,
                                  [&](std::size_t index) -> Status {
                                    if (index < files.size()) {
                                      WritableFile& file = *files[index];
                                      MURA_TRY(file.sync());
                                      return file.close();
                                    }
                                    return fs_.sync_directory(directories[index - files.size()]);
                                  });
  std::lock_guard guard(mutex_);
  if (failure_.ok()) failure_ = synced;
  return failure_;
}

}  // namespace mura::storage
