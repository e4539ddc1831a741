// Builds the Xapian document of one record: its words in every form (analyzer.h) with field
// weights and positions, its facet, hierarchy and access terms, its sort and date values, and
// its StoredRecord data (schema.h has the layout). Internal to search/. Thread-safe.
#pragma once

#include <xapian.h>

#include "search/search_index.h"

namespace mura::search {

// REQUIRES: !entry.record.deleted.
Xapian::Document build_document(const IndexedRecord& entry);

}  // namespace mura::search
