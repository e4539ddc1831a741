// What a facet value is called in the request's language: kinds from the metadata profiles,
// archival levels, access levels, image presence, decades and centuries from small tables,
// languages from ICU's display names, rights statements and licences by their short names.
// Values with no label of their own (creators, places, formats) are their own label; collection
// titles come from the index (searcher.cc). Plain functions; thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "record/profile.h"
#include "search/schema.h"

namespace mura::search {

// `profiles` may be null (kinds are then labelled by name).
std::string facet_label(Facet facet, std::string_view value, std::string_view language,
                        const record::ProfileSet* profiles);

}  // namespace mura::search
