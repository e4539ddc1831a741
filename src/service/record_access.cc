#include "service/record_access.h"

namespace mura::service {

Result<std::string> collection_of(Repository& repository, const std::string& id) {
  MURA_ASSIGN_OR_RETURN(auto ancestors, repository.catalog().ancestors(id));
  MURA_ASSIGN_OR_RETURN(auto self, repository.catalog().get_record(id));
  if (!self) return not_found_error("record " + id + " is not in the catalog");
  if (self->kind == record::Kind::kCollection) return self->id;
  for (auto it = ancestors.rbegin(); it != ancestors.rend(); ++it) {
    if (it->kind == record::Kind::kCollection) return it->id;
  }
  return std::string();
}

access::RecordRequirements requirements_of(Repository& repository, const record::Record& record,
                                           const std::string& collection) {
  access::PolicySettings settings;
  settings.default_closure_years = repository.config().default_closure_years;
  return access::requirements_for(record, collection, settings);
}

Result<VisibleRecord> read_visible_record(Repository& repository, const std::string& id,
                                          const access::Caller& caller, std::string_view today,
                                          std::int64_t version) {
  auto hidden = [&] { return not_found_error("no record " + id); };
  MURA_ASSIGN_OR_RETURN(auto head, repository.catalog().get_record(id));
  if (!head) return hidden();
  MURA_ASSIGN_OR_RETURN(auto collection, collection_of(repository, id));
  // The head decides: an older version of a record that is closed now stays closed.
  auto requirements = requirements_of(repository, *head, collection);
  if (!access::allows(caller, requirements.metadata, today)) return hidden();
  VisibleRecord visible;
  visible.collection = collection;
  visible.requirements = requirements;
  visible.files_visible = access::allows(caller, requirements.files, today);
  if (version == 0 || version == head->version) {
    visible.record = std::move(*head);
  } else {
    if (version < 0 || version > head->version) {
      return not_found_error("record " + id + " has no version " + std::to_string(version) +
                             " (its versions are 1 to " + std::to_string(head->version) + ")");
    }
    MURA_ASSIGN_OR_RETURN(visible.record, repository.read_record(id, version));
  }
  return visible;
}

bool may_see(Repository& repository, const std::string& id, const access::Caller& caller,
             std::string_view today) {
  return read_visible_record(repository, id, caller, today).has_value();
}

}  // namespace mura::service
