// What the catalog suites share: a temporary directory per test, the backends every suite runs
// on (kBackends; a PostgreSQL backend joins by adding one entry) and small record builders.
#pragma once

#include <stdlib.h>

#include <cstdio>
#include <filesystem>
#include <functional>
#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include "catalog/catalog.h"

namespace mura::catalog::test_support {

using record::Kind;
using record::Record;

// A directory of its own for each test, removed afterwards.
class TempDirectory {
 public:
  TempDirectory() {
    std::string pattern = (std::filesystem::temp_directory_path() / "mura-catalog-XXXXXX").string();
    path_ = mkdtemp(pattern.data()) != nullptr ? pattern : "";
  }
  ~TempDirectory() {
    std::error_code ignored;
    if (!path_.empty()) std::filesystem::remove_all(path_, ignored);
  }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

struct Backend {
  std::string name;
  // Opens a fresh catalog called `name` in `directory` (a backend may ignore either).
  std::function<Result<std::unique_ptr<Catalog>>(const std::string& directory,
                                                 const std::string& name)>
      open;
};

inline const Backend kBackends[] = {
    {"SqliteFile",
     [](const std::string& directory, const std::string& name) {
       return Catalog::open_sqlite(directory + "/" + name + ".db");
     }},
    {"SqliteMemory",
     [](const std::string&, const std::string&) { return Catalog::open_sqlite(":memory:"); }},
};

inline void PrintTo(const Backend& backend, std::ostream* out) { *out << backend.name; }

inline std::string ark(const std::string& name) { return "ark:/99999/" + name; }

inline std::string time_at(int second) {
  char text[32];
  std::snprintf(text, sizeof text, "2026-01-01T%02d:%02d:%02dZ", second / 3600, second / 60 % 60,
                second % 60);
  return text;
}

inline Record make_record(const std::string& name, Kind kind, const std::string& parent = "",
                          std::int64_t position = 0, int modified = 0) {
  Record record;
  record.id = ark(name);
  record.kind = kind;
  if (kind == Kind::kArchivalUnit) record.level = "item";
  record.parent = parent.empty() ? "" : ark(parent);
  record.position = position;
  record.fields["title"] = {{"ru", "Название " + name}, {"kk", "Атауы " + name}};
  record.created = time_at(0);
  record.modified = time_at(modified);
  record.version = 1;
  return record;
}

inline std::vector<std::string> ids_of(const std::vector<RecordSummary>& summaries) {
  std::vector<std::string> ids;
  for (const auto& summary : summaries) ids.push_back(summary.id);
  return ids;
}

}  // namespace mura::catalog::test_support
