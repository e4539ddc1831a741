// Reading records on behalf of a caller: every read path of the server (record JSON, versions,
// events, files, hierarchy, ARK, IIIF, OAI-PMH GetRecord) goes through these functions, which
// ask access::allows() with the requirements the catalog stored for the record. A record the
// caller may not see is reported as NotFound — exactly as an id that does not exist — so that
// not even its existence leaks. A read of a record that is not public is written to the audit
// log (access/audit_log.h) before it is handed out; when that fails, so does the read.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "access/policy.h"
#include "base/result.h"
#include "record/record.h"
#include "service/repository.h"

namespace mura::service {

struct VisibleRecord {
  record::Record record;
  access::RecordRequirements requirements;
  std::string collection;  // the record's collection ARK, "" when none
  bool files_visible = false;
};

// The nearest collection of `id` (itself when it is a collection), from the catalog; "" when it
// has none. NotFound for an id the catalog does not have.
Result<std::string> collection_of(Repository& repository, const std::string& id);

// The requirements of a record as the policy computes them for this repository.
access::RecordRequirements requirements_of(Repository& repository, const record::Record& record,
                                           const std::string& collection);

// The head record from the catalog (`version` 0) or an older version from the store, when
// `caller` may see its metadata. NotFound when it does not exist or the caller may not see it.
// A tombstone is returned (with deleted set) to callers who may see its last metadata. When the
// anonymous public could not see the metadata today (restricted, closed, embargoed, personal
// data, pending review), the read is audited: action "read", the caller, the record, "metadata,
// version N".
Result<VisibleRecord> read_visible_record(Repository& repository, const std::string& id,
                                          const access::Caller& caller, std::string_view today,
                                          std::int64_t version = 0);

// Whether `caller` may see the record's metadata; false for unknown ids. A check, not a read:
// nothing is audited (show what it allows through read_visible_record()).
bool may_see(Repository& repository, const std::string& id, const access::Caller& caller,
             std::string_view today);

// For the file routes: audits the download of file `path` of a record read with
// read_visible_record() (action "read", detail "file <path>, version N") when its files are not
// open to the anonymous public today; does nothing otherwise. Call it before streaming the file.
Status audit_file_read(Repository& repository, const VisibleRecord& visible,
                       const access::Caller& caller, const std::string& path,
                       std::string_view today);

// Sets the closure period of records holding personal data in `collection` (an ARK; "" for the
// repository's default), or back to the default with std::nullopt; then catalogs every record it
// governs again, so that the search index and the other observers apply it too. InvalidArgument
// for years outside 0..200.
Status set_closure_period(Repository& repository, const std::string& collection,
                          std::optional<int> years);

}  // namespace mura::service
