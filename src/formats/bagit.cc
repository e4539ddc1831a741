// The on-disk names of BagIt (algorithm names, manifest path encoding, path safety) and the
// rendering of a validation report. Writing is in bagit_writer.cc, validation in
// bagit_validator.cc.
#include "formats/bagit.h"

#include <array>
#include <cctype>
#include <nlohmann/json.hpp>

namespace mura::formats {

namespace {

constexpr std::array kAllAlgorithms = {
    DigestAlgorithm::kMd5,    DigestAlgorithm::kSha1,       DigestAlgorithm::kSha256,
    DigestAlgorithm::kSha512, DigestAlgorithm::kBlake2b512, DigestAlgorithm::kSha512_256,
};

std::string normalise_algorithm_name(std::string_view name) {
  std::string normalised;
  for (char c : name) {
    auto byte = static_cast<unsigned char>(c);
    if (std::isalnum(byte) != 0) normalised += static_cast<char>(std::tolower(byte));
  }
  return normalised;
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

std::string bagit_algorithm_name(DigestAlgorithm algorithm) {
  return normalise_algorithm_name(digest_algorithm_name(algorithm));
}

std::optional<DigestAlgorithm> parse_bagit_algorithm(std::string_view name) {
  std::string normalised = normalise_algorithm_name(name);
  if (normalised.empty()) return std::nullopt;
  for (DigestAlgorithm algorithm : kAllAlgorithms) {
    if (bagit_algorithm_name(algorithm) == normalised) return algorithm;
  }
  return std::nullopt;
}

std::string encode_manifest_path(std::string_view path) {
  std::string encoded;
  encoded.reserve(path.size());
  for (char c : path) {
    switch (c) {
      case '%':
        encoded += "%25";
        break;
      case '\n':
        encoded += "%0A";
        break;
      case '\r':
        encoded += "%0D";
        break;
      default:
        encoded += c;
    }
  }
  return encoded;
}

std::string decode_manifest_path(std::string_view path) {
  std::string decoded;
  decoded.reserve(path.size());
  for (std::size_t i = 0; i < path.size(); ++i) {
    if (path[i] == '%' && i + 2 < path.size() && hex_value(path[i + 1]) >= 0 &&
        hex_value(path[i + 2]) >= 0) {
      int value = hex_value(path[i + 1]) * 16 + hex_value(path[i + 2]);
      if (value == '%' || value == '\n' || value == '\r') {
        decoded += static_cast<char>(value);
        i += 2;
        continue;
      }
    }
    decoded += path[i];
  }
  return decoded;
}

Status check_relative_bag_path(std::string_view path) {
  auto quoted = [&] { return "\"" + encode_manifest_path(path) + "\""; };
  if (path.empty()) return invalid_argument_error("the path is empty");
  if (path.find('\0') != std::string_view::npos) {
    return invalid_argument_error("path " + quoted() + " contains a NUL character");
  }
  if (path.front() == '/') {
    return invalid_argument_error("path " + quoted() +
                                  " is absolute; paths in a bag are relative to the bag");
  }
  std::size_t start = 0;
  while (start <= path.size()) {
    std::size_t end = path.find('/', start);
    if (end == std::string_view::npos) end = path.size();
    std::string_view segment = path.substr(start, end - start);
    if (segment.empty()) {
      return invalid_argument_error("path " + quoted() +
                                    " has an empty segment (\"//\" or a trailing \"/\")");
    }
    if (segment == "..") {
      return invalid_argument_error("path " + quoted() +
                                    " has a \"..\" segment, which could leave the bag");
    }
    if (segment == ".") {
      return invalid_argument_error("path " + quoted() + " has a \".\" segment");
    }
    start = end + 1;
  }
  return ok_status();
}

std::string BagReport::to_text() const {
  std::string text = valid() ? "valid" : "invalid";
  text += " (" + std::to_string(errors.size()) + " errors, " + std::to_string(warnings.size()) +
          " warnings)\n";
  auto add = [&text](std::string_view kind, const BagProblem& problem) {
    text += kind;
    text += ": ";
    if (!problem.path.empty()) text += encode_manifest_path(problem.path) + ": ";
    text += problem.message;
    text += '\n';
  };
  for (const auto& problem : errors) add("error", problem);
  for (const auto& problem : warnings) add("warning", problem);
  return text;
}

std::string BagReport::to_json() const {
  using json = nlohmann::ordered_json;
  auto problems = [](const std::vector<BagProblem>& list) {
    json array = json::array();
    for (const auto& problem : list) {
      array.push_back({{"path", problem.path}, {"message", problem.message}});
    }
    return array;
  };
  json info_array = json::array();
  for (const auto& entry : info) {
    info_array.push_back({{"label", entry.label}, {"value", entry.value}});
  }
  json payload_array = json::array();
  for (const auto& [path, digest] : payload) {
    payload_array.push_back({{"path", path}, {"digest", digest}});
  }
  json document = {
      {"valid", valid()},
      {"errors", problems(errors)},
      {"warnings", problems(warnings)},
      {"info", std::move(info_array)},
      {"payload_algorithm", payload_algorithm},
      {"payload", std::move(payload_array)},
  };
  // Paths and values may hold bytes that are not UTF-8; replace them rather than throw.
  return document.dump(2, ' ', false, json::error_handler_t::replace);
}

}  // namespace mura::formats
