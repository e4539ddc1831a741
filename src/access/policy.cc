#include "access/policy.h"

#include <algorithm>
#include <chrono>
#include <cstdio>

#include "record/edtf.h"

namespace mura::access {
namespace {

std::vector<std::string> grants_for(record::AccessLevel level,
                                    const std::vector<std::string>& groups) {
  switch (level) {
    case record::AccessLevel::kPublic:
      return {std::string(kPublicToken)};
    case record::AccessLevel::kRegistered:
      return {std::string(kRegisteredToken)};
    case record::AccessLevel::kRestricted: {
      std::vector<std::string> grants;
      for (const auto& group : groups) grants.push_back(group_token(group));
      std::sort(grants.begin(), grants.end());
      grants.erase(std::unique(grants.begin(), grants.end()), grants.end());
      return grants;
    }
    case record::AccessLevel::kClosed:
      return {};
  }
  return {};
}

// "YYYY-MM-DD" dates compare as text; the later of two, empty meaning "no date".
std::string later_of(const std::string& a, const std::string& b) {
  if (a.empty()) return b;
  if (b.empty()) return a;
  return std::max(a, b);
}

std::string closure_end(std::string_view edtf_date, int closure_years) {
  if (edtf_date.empty()) return std::string(kNever);
  auto date = record::parse_edtf(edtf_date);
  if (!date || date->end_year == record::kEdtfOpenEnd || date->end_year < 0) {
    return std::string(kNever);
  }
  const long long year = static_cast<long long>(date->end_year) + closure_years + 1;
  if (year > 9999) return std::string(kNever);
  char text[32];
  std::snprintf(text, sizeof text, "%04lld-01-01", year);
  return text;
}

}  // namespace

std::string group_token(std::string_view group) { return "group:" + std::string(group); }

int PolicySettings::closure_years_for(std::string_view collection) const {
  if (!collection.empty()) {
    if (auto it = collection_closure_years.find(collection); it != collection_closure_years.end()) {
      return it->second;
    }
  }
  return default_closure_years;
}

RecordRequirements requirements_for(const record::AccessPolicy& policy, std::string_view edtf_date,
                                    const std::string& collection, const PolicySettings& settings) {
  RecordRequirements result;
  result.metadata.collection = collection;
  result.files.collection = collection;
  result.metadata.grants = grants_for(policy.metadata, policy.groups);
  const auto files_level = std::max(policy.files, policy.metadata);
  result.files.grants = grants_for(files_level, policy.groups);

  std::string open_from;
  if (policy.personal_data) {
    open_from = closure_end(edtf_date,
                            policy.closure_years.value_or(settings.closure_years_for(collection)));
  }
  if (policy.review_pending) open_from = std::string(kNever);
  result.metadata.open_from = open_from;
  result.files.open_from = later_of(open_from, policy.embargo_until.value_or(""));
  return result;
}

RecordRequirements requirements_for(const record::Record& record, const std::string& collection,
                                    const PolicySettings& settings) {
  return requirements_for(record.access, record.first_value("date"), collection, settings);
}

Caller Caller::anonymous() {
  Caller caller;
  caller.tokens = {std::string(kPublicToken)};
  return caller;
}

Caller Caller::registered_user(std::string user, const std::vector<std::string>& groups) {
  Caller caller;
  caller.user = std::move(user);
  caller.tokens = {std::string(kPublicToken), std::string(kRegisteredToken)};
  for (const auto& group : groups) caller.tokens.push_back(group_token(group));
  return caller;
}

bool Caller::curates(std::string_view collection) const {
  if (administrator) return true;
  if (collection.empty()) return false;
  return std::find(curated_collections.begin(), curated_collections.end(), collection) !=
         curated_collections.end();
}

bool allows(const Caller& caller, const Requirement& requirement, std::string_view today) {
  if (caller.curates(requirement.collection)) return true;
  if (!requirement.open_from.empty() && today < requirement.open_from) return false;
  for (const auto& grant : requirement.grants) {
    if (std::find(caller.tokens.begin(), caller.tokens.end(), grant) != caller.tokens.end()) {
      return true;
    }
  }
  return false;
}

std::string today_utc() {
  const auto now = std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now());
  const std::chrono::year_month_day day{now};
  char text[32];
  std::snprintf(text, sizeof text, "%04d-%02u-%02u", static_cast<int>(day.year()),
                static_cast<unsigned>(day.month()), static_cast<unsigned>(day.day()));
  return text;
}

}  // namespace mura::access
