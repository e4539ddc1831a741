// The validation report, the checks shared by the object and storage-root validators, and
// validate_path().
#include "storage/ocfl_validator.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <limits>
#include <utility>

#include "storage/ocfl_validator_internal.h"

namespace mura::storage {

bool ValidationReport::valid() const { return error_count() == 0; }

std::size_t ValidationReport::error_count() const {
  return static_cast<std::size_t>(std::count_if(
      issues.begin(), issues.end(), [](const auto& i) { return i.severity == Severity::kError; }));
}

std::size_t ValidationReport::warning_count() const { return issues.size() - error_count(); }

bool ValidationReport::has_code(const std::string& code) const {
  return std::any_of(issues.begin(), issues.end(),
                     [&](const ValidationIssue& issue) { return issue.code == code; });
}

std::string ValidationReport::to_json() const {
  nlohmann::json list = nlohmann::json::array();
  for (const auto& issue : issues) {
    list.push_back({{"severity", issue.severity == Severity::kError ? "error" : "warning"},
                    {"code", issue.code},
                    {"path", issue.path},
                    {"message", issue.message}});
  }
  nlohmann::json document = {{"valid", valid()},
                             {"errors", error_count()},
                             {"warnings", warning_count()},
                             {"issues", std::move(list)}};
  // Paths come from directory listings and may hold bytes that are not UTF-8.
  return document.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string ValidationReport::to_text() const {
  std::string text;
  for (const auto& issue : issues) {
    text += issue.code + " " + issue.path + ": " + issue.message + "\n";
  }
  return text;
}

namespace validator_detail {

std::optional<SpecVersion> parse_spec_version(std::string_view text) {
  if (text == "1.0") return SpecVersion::k1_0;
  if (text == "1.1") return SpecVersion::k1_1;
  return std::nullopt;
}

std::string_view spec_version_name(SpecVersion version) {
  return version == SpecVersion::k1_0 ? "1.0" : "1.1";
}

std::string inventory_type_uri(SpecVersion version) {
  return "https://ocfl.io/" + std::string(spec_version_name(version)) + "/spec/#inventory";
}

void Issues::error(std::string code, std::string path, std::string message) {
  report_.issues.push_back(
      {Severity::kError, std::move(code), std::move(path), std::move(message)});
}

void Issues::warning(std::string code, std::string path, std::string message) {
  report_.issues.push_back(
      {Severity::kWarning, std::move(code), std::move(path), std::move(message)});
}

void append_prefixed(const ValidationReport& from, const std::string& prefix,
                     ValidationReport& to) {
  for (ValidationIssue issue : from.issues) {
    issue.path = issue.path == "." ? prefix : join_path(prefix, issue.path);
    to.issues.push_back(std::move(issue));
  }
}

std::optional<nlohmann::json> parse_strict_json(const std::string& text, std::string& error) {
  std::vector<std::set<std::string>> keys_by_depth;
  std::string duplicate;
  auto callback = [&](int, nlohmann::json::parse_event_t event, nlohmann::json& parsed) {
    using Event = nlohmann::json::parse_event_t;
    if (event == Event::object_start) {
      keys_by_depth.emplace_back();
    } else if (event == Event::object_end) {
      if (!keys_by_depth.empty()) keys_by_depth.pop_back();
    } else if (event == Event::key && !keys_by_depth.empty() && parsed.is_string()) {
      const auto& key = parsed.get_ref<const std::string&>();
      if (!keys_by_depth.back().insert(key).second && duplicate.empty()) duplicate = key;
    }
    return true;
  };
  nlohmann::json document;
  try {
    document = nlohmann::json::parse(text, callback, /*allow_exceptions=*/true,
                                     /*ignore_comments=*/false);
  } catch (const nlohmann::json::exception& exception) {
    error = exception.what();
    return std::nullopt;
  }
  if (!duplicate.empty()) {
    error = "the key \"" + duplicate + "\" appears twice in one object";
    return std::nullopt;
  }
  return document;
}

std::optional<long> parse_version_name(std::string_view name) {
  if (name.size() < 2 || name.size() > 12 || name[0] != 'v') return std::nullopt;
  long number = 0;
  for (char c : name.substr(1)) {
    if (c < '0' || c > '9') return std::nullopt;
    number = number * 10 + (c - '0');
  }
  return number;
}

namespace {

bool digits(std::string_view text, std::size_t position, std::size_t count, int& value) {
  if (position + count > text.size()) return false;
  value = 0;
  for (std::size_t i = position; i < position + count; ++i) {
    if (text[i] < '0' || text[i] > '9') return false;
    value = value * 10 + (text[i] - '0');
  }
  return true;
}

}  // namespace

bool is_rfc3339_date_time(std::string_view text) {
  // full-date "T" partial-time time-offset: YYYY-MM-DDTHH:MM:SS[.frac](Z|+HH:MM|-HH:MM)
  int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
  if (!digits(text, 0, 4, year) || text.size() < 20 || text[4] != '-' ||
      !digits(text, 5, 2, month) || text[7] != '-' || !digits(text, 8, 2, day) ||
      (text[10] != 'T' && text[10] != 't') || !digits(text, 11, 2, hour) || text[13] != ':' ||
      !digits(text, 14, 2, minute) || text[16] != ':' || !digits(text, 17, 2, second)) {
    return false;
  }
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) {
    return false;
  }
  std::size_t position = 19;
  if (position < text.size() && text[position] == '.') {
    std::size_t start = ++position;
    while (position < text.size() && text[position] >= '0' && text[position] <= '9') ++position;
    if (position == start) return false;
  }
  std::string_view offset = text.substr(position);
  if (offset == "Z" || offset == "z") return true;
  int offset_hour = 0, offset_minute = 0;
  return offset.size() == 6 && (offset[0] == '+' || offset[0] == '-') &&
         digits(offset, 1, 2, offset_hour) && offset[3] == ':' &&
         digits(offset, 4, 2, offset_minute) && offset_hour <= 23 && offset_minute <= 59;
}

bool is_uri(std::string_view text) {
  auto colon = text.find(':');
  if (colon == std::string_view::npos || colon == 0 || colon + 1 >= text.size()) return false;
  if (!std::isalpha(static_cast<unsigned char>(text[0]))) return false;
  for (char c : text.substr(0, colon)) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '+' && c != '-' && c != '.') {
      return false;
    }
  }
  return std::none_of(text.begin(), text.end(), [](char c) {
    return std::isspace(static_cast<unsigned char>(c)) ||
           std::iscntrl(static_cast<unsigned char>(c));
  });
}

bool is_hex(std::string_view text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) {
    return std::isxdigit(static_cast<unsigned char>(c)) != 0;
  });
}

std::string to_lower(std::string_view text) {
  std::string lower(text);
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return lower;
}

PathProblems check_inventory_path(std::string_view path) {
  PathProblems problems;
  if (path.empty()) {
    problems.bad_element = true;
    return problems;
  }
  problems.slash_at_end = path.front() == '/' || path.back() == '/';
  std::string_view rest = path;
  if (!rest.empty() && rest.front() == '/') rest.remove_prefix(1);
  if (!rest.empty() && rest.back() == '/') rest.remove_suffix(1);
  std::size_t start = 0;
  while (start <= rest.size()) {
    std::size_t end = rest.find('/', start);
    if (end == std::string_view::npos) end = rest.size();
    std::string_view element = rest.substr(start, end - start);
    if (element.empty() || element == "." || element == "..") problems.bad_element = true;
    start = end + 1;
  }
  return problems;
}

std::vector<std::string> conflicting_paths(const std::set<std::string>& paths) {
  std::set<std::string> conflicts;
  for (const auto& path : paths) {
    for (std::size_t slash = path.find('/'); slash != std::string::npos;
         slash = path.find('/', slash + 1)) {
      std::string prefix = path.substr(0, slash);
      if (paths.count(prefix) != 0) conflicts.insert(prefix);
    }
  }
  return {conflicts.begin(), conflicts.end()};
}

bool is_registered_extension(std::string_view name) {
  static constexpr std::array<std::string_view, 8> kRegistered = {
      "0001-digest-algorithms",
      "0002-flat-direct-storage-layout",
      "0003-hash-and-id-n-tuple-storage-layout",
      "0004-hashed-n-tuple-storage-layout",
      "0005-mutable-head",
      "0006-flat-omit-prefix-storage-layout",
      "0007-n-tuple-omit-prefix-storage-layout",
      "0008-schema-registry",
  };
  return std::find(kRegistered.begin(), kRegistered.end(), name) != kRegistered.end();
}

bool is_known_fixity_algorithm(std::string_view name) {
  static constexpr std::array<std::string_view, 10> kAlgorithms = {
      "md5",         "sha1",        "sha256",      "sha512",     "blake2b-512",
      "blake2b-160", "blake2b-256", "blake2b-384", "sha512/256", "size",
  };
  return std::find(kAlgorithms.begin(), kAlgorithms.end(), name) != kAlgorithms.end();
}

}  // namespace validator_detail

ValidationReport validate_path(FileSystem& fs, const std::string& path,
                               const ValidationOptions& options) {
  auto entries = fs.list_directory(path);
  if (entries.has_value()) {
    bool object = false, storage_root = false, inventory = false;
    for (const auto& entry : *entries) {
      if (entry.name.starts_with("0=ocfl_object_")) {
        object = true;
      } else if (entry.name.starts_with("0=ocfl_")) {
        storage_root = true;
      } else if (entry.name == "inventory.json") {
        inventory = true;
      }
    }
    if (object || (inventory && !storage_root)) return validate_object(fs, path, options);
    if (storage_root) return validate_storage_root(fs, path, options);
  }
  ValidationReport report;
  std::string why = entries.has_value() ? "has no OCFL declaration"
                                        : "cannot be listed (" + entries.error().message() + ")";
  report.issues.push_back({Severity::kError, "E003", ".",
                           path + " " + why +
                               ", so it is not an OCFL object (expected a file "
                               "0=ocfl_object_1.1)."});
  report.issues.push_back(
      {Severity::kError, "E069", ".",
       path + " " + why + ", so it is not an OCFL storage root (expected a file 0=ocfl_1.1)."});
  return report;
}

}  // namespace mura::storage
