// Where the search index lives on disk: a directory holding a Xapian stub file (XAPIANDB) that
// lists its shards, "shard-<generation>-<n>", each a glass database. Readers open the directory
// and Xapian searches the shards as one database; the writer spreads a rebuild's documents over
// the shards so that it indexes on every core (docs/adr/0005-search.md). A rebuild writes a new
// generation beside the published one and replaces the stub, so readers keep the old index until
// then. An index made before shards (a glass database in the directory itself) is read and
// written as its one shard until a rebuild replaces it. Internal to search/.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/result.h"

namespace mura::search {

struct IndexLayout {
  std::vector<std::string> shards;  // paths of the glass databases, in order
  bool single = false;              // the directory itself is the one database (before shards)
};

// The layout on disk; nullopt when the directory holds no index. DataLoss naming the line when
// the stub names anything but shard directories of this directory.
Result<std::optional<IndexLayout>> read_layout(const std::string& directory);

// Shards for a new index: one per core, at most 4 (more only slow queries down).
int default_shard_count();

// Paths of `count` shards of a new generation: one past every generation in the directory, so
// that none of them exists yet.
std::vector<std::string> new_shard_paths(const std::string& directory, int count);

// Makes `shards` (paths in `directory`) the index: writes the stub (a temporary file renamed over
// it, flushed with its directory), then removes a database from before shards — its version file
// first, so that a crash midway leaves no half of it looking whole — and every shard directory
// the stub no longer names. Readers that open the directory afterwards see the new shards.
Status publish_layout(const std::string& directory, const std::vector<std::string>& shards);

// Changes whenever publish_layout() replaces the layout (the stub's inode and change time; 0
// without a stub), so that a reader knows to open the directory again rather than reopen the
// shards it has.
std::uint64_t layout_stamp(const std::string& directory);

// Flushes every file of the glass database at `path`, and the directory, to disk: the durable
// end of commits made without syncing (a rebuild's).
Status sync_database_files(const std::string& path);

// Removes the shard directories at `paths` (an abandoned rebuild's); errors are ignored.
void remove_shards(const std::vector<std::string>& paths);

// The one writer of an index: an exclusive lock on <directory>/writer.lock, held until destroyed.
class WriterLock {
 public:
  // Unavailable when another writer, in this process or another, holds it.
  static Result<std::unique_ptr<WriterLock>> acquire(const std::string& directory);
  ~WriterLock();
  WriterLock(const WriterLock&) = delete;
  WriterLock& operator=(const WriterLock&) = delete;

 private:
  explicit WriterLock(int fd) : fd_(fd) {}
  int fd_;
};

}  // namespace mura::search
