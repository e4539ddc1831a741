// What every write of a record passes through for access/, called from Repository::commit: the
// audit entry of the write once it is stored and cataloged. Plain functions; thread-safe.
#pragma once

#include <cstdint>
#include <string>

#include "catalog/catalog.h"
#include "record/record.h"
#include "service/repository.h"

namespace mura::service {

// Appends the audit entry of a stored write of record `id` at `version`: the action is the
// event's type ("ingestion", "modification", "deletion"), the detail the version and `message`.
Status audit_write(catalog::Catalog& catalog, const std::string& id, std::int64_t version,
                   const record::Event& event, const Actor& actor, const std::string& message);

}  // namespace mura::service
