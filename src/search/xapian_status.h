// The edge between Xapian's exceptions and Mura's Status values, for the index and the searcher:
// a held writer lock is Unavailable, a missing database FailedPrecondition, a corrupt or
// too-new one DataLoss (rebuild with `mura reindex`), anything else Internal. Internal to
// search/.
#pragma once

#include <xapian.h>

#include <string>
#include <string_view>

#include "base/status.h"

namespace mura::search {

// "search index DIR: DOING: what went wrong (what to do)".
Status xapian_status(const Xapian::Error& error, const std::string& directory,
                     std::string_view doing);

}  // namespace mura::search
