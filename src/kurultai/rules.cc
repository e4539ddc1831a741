#include "kurultai/rules.h"

#include <cstdlib>

#include "base/file_system.h"
#include "base/posix_file_system.h"

namespace mura::kurultai {

std::string_view confidence_letter(Confidence confidence) {
  switch (confidence) {
    case Confidence::kConfirmed:
      return "C";
    case Confidence::kProposed:
      return "P";
    case Confidence::kDefault:
      return "S";
  }
  return "?";
}

std::string_view appointment_name(Appointment appointment) {
  switch (appointment) {
    case Appointment::kPopularElection:
      return "popular_election";
    case Appointment::kConsent:
      return "consent";
    case Appointment::kChamberElection:
      return "chamber_election";
    case Appointment::kPresident:
      return "president";
  }
  return "?";
}

std::string Citation::to_string() const {
  return key + " (Constitution " + version_id + ", " + article + " [" +
         std::string(confidence_letter(confidence)) + "])";
}

const Setting& Version::setting(std::string_view key) const {
  auto it = settings_.find(key);
  MURA_CHECK(it != settings_.end());
  return it->second;
}

bool Version::flag(std::string_view key) const {
  const auto* value = std::get_if<bool>(&setting(key).value);
  MURA_CHECK(value != nullptr);
  return *value;
}

std::int64_t Version::integer(std::string_view key) const {
  const auto* value = std::get_if<std::int64_t>(&setting(key).value);
  MURA_CHECK(value != nullptr);
  return *value;
}

const std::string& Version::text(std::string_view key) const {
  const auto* value = std::get_if<std::string>(&setting(key).value);
  MURA_CHECK(value != nullptr);
  return *value;
}

const std::vector<std::string>& Version::list(std::string_view key) const {
  const auto* value = std::get_if<std::vector<std::string>>(&setting(key).value);
  MURA_CHECK(value != nullptr);
  return *value;
}

const Majority& Version::majority(std::string_view key) const {
  const auto* value = std::get_if<Majority>(&setting(key).value);
  MURA_CHECK(value != nullptr);
  return *value;
}

const Rational& Version::rational(std::string_view key) const {
  const auto* value = std::get_if<Rational>(&setting(key).value);
  MURA_CHECK(value != nullptr);
  return *value;
}

const Citation& Version::cite(std::string_view key) const { return setting(key).citation; }

std::string Version::value_text(std::string_view key) const {
  struct Printer {
    std::string operator()(bool value) const { return value ? "true" : "false"; }
    std::string operator()(std::int64_t value) const { return std::to_string(value); }
    std::string operator()(const std::string& value) const { return value; }
    std::string operator()(const std::vector<std::string>& values) const {
      std::string text = "[";
      for (std::size_t i = 0; i < values.size(); ++i) text += (i ? ", " : "") + values[i];
      return text + "]";
    }
    std::string operator()(const Majority& value) const { return value.to_string(); }
    std::string operator()(const Rational& value) const { return value.to_string(); }
  };
  return std::visit(Printer{}, setting(key).value);
}

bool Version::list_contains(std::string_view key, std::string_view item) const {
  if (!has(key)) return false;
  for (const auto& value : list(key)) {
    if (value == item) return true;
  }
  return false;
}

const Office* Version::office(std::string_view id) const {
  auto it = offices_.find(id);
  return it == offices_.end() ? nullptr : &it->second;
}

std::int64_t Version::required_votes(std::string_view majority_key) const {
  return majority(majority_key).required(integer(keys::kSeats));
}

Result<const Version*> Constitution::version_at(Date date) const {
  const Version* found = nullptr;
  for (const auto& version : versions_) {
    if (version.in_force() <= date) found = &version;
  }
  if (found == nullptr) {
    return failed_precondition_error(
        "no version of the Constitution is in force on " + date.to_string() +
        (versions_.empty()
             ? std::string()
             : " (the earliest, \"" + versions_.front().id() + "\", is in force from " +
                   versions_.front().in_force().to_string() + ")"));
  }
  return found;
}

const Version* Constitution::version(std::string_view id) const {
  for (const auto& version : versions_) {
    if (version.id() == id) return &version;
  }
  return nullptr;
}

Result<Constitution> Constitution::load_file(const std::string& path) {
  MURA_ASSIGN_OR_RETURN(std::string text, read_file(default_file_system(), path));
  return parse(text, path);
}

std::string default_rules_path() {
  if (const char* path = std::getenv("MURA_CONSTITUTION"); path != nullptr && *path != '\0') {
    return path;
  }
  if (const char* data = std::getenv("MURA_DATA_DIR"); data != nullptr && *data != '\0') {
    return join_path(data, "constitution.toml");
  }
  return join_path(MURA_SOURCE_DATA_DIR, "constitution.toml");
}

}  // namespace mura::kurultai
