#include "service/record_access.h"

#include "access/audit_log.h"

namespace mura::service {
namespace {

// Appends a "read" entry; the error says the read was refused for it.
Status audit_read(Repository& repository, const std::string& id, const access::Caller& caller,
                  const std::string& detail) {
  access::AuditLog log(repository.catalog().audit());
  auto appended = log.append(caller.user, "read", id, detail);
  if (!appended) {
    return appended.error().with_context("record " + id +
                                         " is not public and the audit log could not record "
                                         "this read, so it was refused");
  }
  return ok_status();
}

}  // namespace

Result<std::string> collection_of(Repository& repository, const std::string& id) {
  MURA_ASSIGN_OR_RETURN(auto summary, repository.catalog().summary(id));
  if (!summary) return not_found_error("record " + id + " is not in the catalog");
  return summary->collection;
}

access::RecordRequirements requirements_of(Repository& repository, const record::Record& record,
                                           const std::string& collection) {
  // The catalog keeps the closure settings; should it fail to read them, the defaults apply
  // (the catalog's stored requirements, which the read path uses, are unaffected).
  const access::PolicySettings settings =
      repository.catalog().policy_settings().value_or(access::PolicySettings{});
  return access::requirements_for(record, collection, settings);
}

Result<VisibleRecord> read_visible_record(Repository& repository, const std::string& id,
                                          const access::Caller& caller, std::string_view today,
                                          std::int64_t version) {
  auto hidden = [&] { return not_found_error("no record " + id); };
  // The catalog's summary carries the requirements computed when the record was put; the head
  // decides, so an older version of a record that is closed now stays closed. The summary and
  // the record are read apart: should a writer slip between them, read both again.
  constexpr int kAttempts = 3;
  for (int attempt = 0; attempt < kAttempts; ++attempt) {
    MURA_ASSIGN_OR_RETURN(auto summary, repository.catalog().summary(id));
    if (!summary) return hidden();
    if (!access::allows(caller, summary->requirements.metadata, today)) return hidden();
    MURA_ASSIGN_OR_RETURN(auto head, repository.catalog().get_record(id));
    if (!head) return hidden();
    if (head->version != summary->version) continue;
    VisibleRecord visible;
    visible.collection = summary->collection;
    visible.requirements = summary->requirements;
    visible.files_visible = access::allows(caller, visible.requirements.files, today);
    if (version == 0 || version == head->version) {
      visible.record = std::move(*head);
    } else {
      if (version < 0 || version > head->version) {
        return not_found_error("record " + id + " has no version " + std::to_string(version) +
                               " (its versions are 1 to " + std::to_string(head->version) + ")");
      }
      MURA_ASSIGN_OR_RETURN(visible.record, repository.read_record(id, version));
    }
    if (!access::allows(access::Caller::anonymous(), visible.requirements.metadata, today)) {
      MURA_TRY(audit_read(repository, id, caller,
                          "metadata, version " + std::to_string(visible.record.version)));
    }
    return visible;
  }
  return unavailable_error("record " + id + " is changing too fast to read; try again");
}

bool may_see(Repository& repository, const std::string& id, const access::Caller& caller,
             std::string_view today) {
  auto summary = repository.catalog().summary(id);
  return summary && *summary && access::allows(caller, (*summary)->requirements.metadata, today);
}

Status audit_file_read(Repository& repository, const VisibleRecord& visible,
                       const access::Caller& caller, const std::string& path,
                       std::string_view today) {
  if (access::allows(access::Caller::anonymous(), visible.requirements.files, today)) {
    return ok_status();
  }
  return audit_read(repository, visible.record.id, caller,
                    "file " + path + ", version " + std::to_string(visible.record.version));
}

Status set_closure_period(Repository& repository, const std::string& collection,
                          std::optional<int> years) {
  MURA_TRY(repository.catalog().set_closure_years(collection, years));
  catalog::ListFilter filter;
  filter.collection = collection;
  std::string cursor;
  do {
    MURA_ASSIGN_OR_RETURN(auto page, repository.catalog().list(filter, cursor, catalog::kMaxPageSize));
    for (const auto& summary : page.items) {
      if (summary.access.personal_data) MURA_TRY(repository.catalog_record(summary.id));
    }
    cursor = page.next_cursor;
  } while (!cursor.empty());
  return ok_status();
}

}  // namespace mura::service
