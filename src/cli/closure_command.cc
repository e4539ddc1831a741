#include "cli/closure_command.h"

#include <charconv>
#include <optional>
#include <ostream>

#include "access/policy.h"
#include "cli/invocation.h"
#include "record/record.h"
#include "service/record_access.h"

namespace mura::cli {

int run_closure(const Args& args, std::ostream& out, std::ostream& err) {
  int code = 0;
  auto invocation = open_invocation("closure", args, {}, {"collection"}, err, code);
  if (!invocation) return code;
  const auto& arguments = invocation->arguments;
  auto& repository = *invocation->repository;
  auto& catalog = repository.catalog();
  const std::string collection = arguments.option_or("collection", "");
  if (arguments.operands().size() > 1) {
    return usage_error(err, "closure", "give one period: YEARS (0 to 200) or default");
  }
  if (!collection.empty()) {
    auto record = repository.read_record(collection);
    if (!record) return failure(err, "closure", record.error());
    if (record->kind != record::Kind::kCollection) {
      return usage_error(err, "closure", "--collection " + collection + " is a " +
                                             std::string(record::kind_name(record->kind)) +
                                             ", not a collection");
    }
  }
  if (arguments.operands().size() == 1) {
    const std::string& text = arguments.operands()[0];
    std::optional<int> years;
    if (text != "default") {
      int value = -1;
      const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
      if (error != std::errc() || end != text.data() + text.size()) {
        return usage_error(err, "closure",
                           "\"" + text + "\" is not a number of years (0 to 200) or default");
      }
      years = value;
    }
    if (Status set = service::set_closure_period(repository, collection, years); !set.ok()) {
      return failure(err, "closure", set);
    }
  }
  auto settings = catalog.policy_settings();
  if (!settings) return failure(err, "closure", settings.error());
  out << "records with personal data stay closed for " << settings->default_closure_years
      << " years after their date";
  if (settings->collection_closure_years.empty()) {
    out << " in every collection\n";
    return 0;
  }
  out << ", except:\n";
  for (const auto& [id, years] : settings->collection_closure_years) {
    out << "  " << id << "  " << years << " years\n";
  }
  return 0;
}

}  // namespace mura::cli
