#include "search/xapian_status.h"

namespace mura::search {

Status xapian_status(const Xapian::Error& error, const std::string& directory,
                     std::string_view doing) {
  const std::string where = "search index " + directory + ": " + std::string(doing) + ": ";
  const std::string_view type = error.get_type();
  if (type == "DatabaseLockError") {
    return Status(StatusCode::kUnavailable,
                  where +
                      "another process is writing it (a running `mura serve`, ingest or reindex); "
                      "try again when it is done");
  }
  if (type == "DatabaseNotFoundError" || type == "DatabaseOpeningError") {
    return Status(StatusCode::kFailedPrecondition,
                  where + "there is no index yet; the first write or `mura reindex` builds it");
  }
  if (type == "DatabaseCorruptError" || type == "DatabaseVersionError" || type == "DatabaseError") {
    return Status(StatusCode::kDataLoss,
                  where + error.get_description() + " (rebuild it with `mura reindex`)");
  }
  return Status(StatusCode::kInternal, where + error.get_description());
}

}  // namespace mura::search
