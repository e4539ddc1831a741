// Where the search index lives on disk: a directory holding a Xapian stub file (XAPIANDB) that
// lists its shards, "shard-0" ... "shard-N-1", each a glass database. Readers open the directory
// and Xapian searches the shards as one database; the writer spreads a rebuild's documents over
// the shards so that it indexes on every core (docs/adr/0005-search.md). An index made before
// shards (a glass database in the directory itself) is read and written as its one shard until
// the next rebuild replaces it. Internal to search/.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/result.h"

namespace mura::search {

struct IndexLayout {
  std::vector<std::string> shards;  // paths of the glass databases, in order
  bool single = false;              // the directory itself is the one database (before shards)
};

// The layout on disk; nullopt when the directory holds no index. DataLoss when the stub names
// something other than this layout's shards.
Result<std::optional<IndexLayout>> read_layout(const std::string& directory);

// The path of shard `shard` of the index in `directory`.
std::string shard_path(const std::string& directory, int shard);

// Shards for a new index: one per core, at most 4 (more only slow queries down).
int default_shard_count();

// Makes shards 0..count-1 the index: writes the stub (a temporary file renamed over it, flushed
// with its directory), then removes a database from before shards and shards beyond `count`.
// Readers that open the directory afterwards see the new shards.
Status publish_layout(const std::string& directory, int count);

// Changes whenever publish_layout() replaces the layout (the stub's inode; 0 without a stub), so
// that a reader knows to open the directory again rather than reopen the shards it has.
std::uint64_t layout_stamp(const std::string& directory);

// Flushes every file of the glass database at `path`, and the directory, to disk: the durable
// end of commits made without syncing (a rebuild's).
Status sync_database_files(const std::string& path);

}  // namespace mura::search
