// JsonLinesLedgerStore: a ledger kept as a JSON-lines file, one entry per line, appended with
// open(O_APPEND), write, fsync (and an fsync of the directory when the file is created). A line
// without its newline is a torn append and is reported, never silently dropped.
#pragma once

#include <memory>
#include <string>

#include "kurultai/ledger.h"

namespace mura::kurultai {

class JsonLinesLedgerStore final : public LedgerStore {
 public:
  explicit JsonLinesLedgerStore(std::string path) : path_(std::move(path)) {}

  // A missing file is an empty ledger.
  Result<std::vector<std::string>> read_all() override;
  Status append(const std::string& entry) override;
  // One write and one fsync for all the lines; a crash may leave a torn last line (reported).
  Status append_all(const std::vector<std::string>& entries) override;
  std::string name() const override { return path_; }

 private:
  std::string path_;
};

}  // namespace mura::kurultai
