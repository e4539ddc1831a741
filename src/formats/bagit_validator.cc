// validate_bag() and parse_bag_info(): reading a bag back and reporting every way it falls
// short of RFC 8493. The bag tree is listed once (without following symbolic links) and every
// path named by a tag file is looked up in that listing, so a hostile manifest cannot make the
// validator touch anything outside the bag.
#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <map>
#include <memory>
#include <set>

#include "formats/bagit.h"

namespace mura::formats {

namespace {

struct Line {
  std::size_t number = 0;
  std::string_view text;
};

struct SplitText {
  std::vector<Line> lines;
  bool missing_final_ending = false;
};

// Splits on LF, CRLF and CR. A final line ending does not start another line.
SplitText split_lines(std::string_view text) {
  SplitText split;
  std::size_t start = 0;
  std::size_t number = 1;
  while (start < text.size()) {
    std::size_t end = text.find_first_of("\r\n", start);
    if (end == std::string_view::npos) {
      split.lines.push_back({number, text.substr(start)});
      split.missing_final_ending = true;
      break;
    }
    split.lines.push_back({number++, text.substr(start, end - start)});
    start = end + ((text[end] == '\r' && end + 1 < text.size() && text[end + 1] == '\n') ? 2 : 1);
  }
  return split;
}

bool is_linear_whitespace(char c) { return c == ' ' || c == '\t'; }

std::string_view trim(std::string_view text) {
  while (!text.empty() && is_linear_whitespace(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_linear_whitespace(text.back())) text.remove_suffix(1);
  return text;
}

bool equals_ignoring_case(std::string_view a, std::string_view b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](char x, char y) {
    return std::tolower(static_cast<unsigned char>(x)) ==
           std::tolower(static_cast<unsigned char>(y));
  });
}

bool all_digits(std::string_view text) {
  return !text.empty() &&
         std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool all_hex(std::string_view text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) {
    return std::isxdigit(static_cast<unsigned char>(c)) != 0;
  });
}

std::string lowercase(std::string_view text) {
  std::string lower(text);
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return lower;
}

// The quoted text of a line for a message, cut short when long.
std::string quote(std::string_view text) {
  constexpr std::size_t kLimit = 80;
  std::string quoted = "\"" + encode_manifest_path(text.substr(0, kLimit));
  if (text.size() > kLimit) quoted += "...";
  return quoted + "\"";
}

// Offset of the first byte that is not part of well-formed UTF-8, or npos.
std::size_t invalid_utf8_offset(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size()) {
    auto byte = static_cast<unsigned char>(text[i]);
    std::size_t length = byte < 0x80           ? 1
                         : (byte >> 5) == 0x6  ? 2
                         : (byte >> 4) == 0xE  ? 3
                         : (byte >> 3) == 0x1E ? 4
                                               : 0;
    if (length == 0 || i + length > text.size() || (length == 2 && byte < 0xC2)) return i;
    std::uint32_t code = length == 1 ? byte : byte & (0x7Fu >> length);
    for (std::size_t k = 1; k < length; ++k) {
      auto next = static_cast<unsigned char>(text[i + k]);
      if ((next & 0xC0) != 0x80) return i;
      code = (code << 6) | (next & 0x3Fu);
    }
    if ((length == 3 && (code < 0x800 || (code >= 0xD800 && code <= 0xDFFF))) ||
        (length == 4 && (code < 0x10000 || code > 0x10FFFF))) {
      return i;
    }
    i += length;
  }
  return std::string_view::npos;
}

// True when a '%' in a manifest path starts none of the encodings %0A, %0D and %25.
bool has_unencoded_percent(std::string_view raw_path) {
  for (std::size_t i = raw_path.find('%'); i != std::string_view::npos;
       i = raw_path.find('%', i + 1)) {
    std::string code = lowercase(raw_path.substr(i + 1, 2));
    if (code != "0a" && code != "0d" && code != "25") return true;
  }
  return false;
}

constexpr std::string_view kByteOrderMark = "\xEF\xBB\xBF";

struct InfoProblem {
  std::size_t line = 0;
  std::string message;
  bool is_error = true;
};

struct ParsedInfo {
  std::vector<BagInfoEntry> entries;
  std::vector<std::size_t> entry_lines;  // the line each entry starts on
  std::vector<InfoProblem> problems;
};

// `lenient`: BagIt before 1.0 allowed any whitespace around the colon.
ParsedInfo parse_info_lines(std::string_view text, bool lenient) {
  ParsedInfo parsed;
  auto finish_entry = [&parsed] {
    if (parsed.entries.empty()) return;
    std::string& value = parsed.entries.back().value;
    while (!value.empty() && (is_linear_whitespace(value.back()) || value.back() == '\n')) {
      value.pop_back();
    }
  };
  for (const Line& line : split_lines(text).lines) {
    std::string_view content = line.text;
    if (content.empty()) {
      parsed.problems.push_back({line.number, "blank line ignored", false});
      continue;
    }
    if (is_linear_whitespace(content.front())) {
      if (parsed.entries.empty()) {
        parsed.problems.push_back(
            {line.number, "starts with whitespace but there is no element to continue", true});
        continue;
      }
      parsed.entries.back().value += "\n";
      parsed.entries.back().value += trim(content);
      continue;
    }
    finish_entry();
    std::size_t colon = content.find(':');
    if (colon == std::string_view::npos) {
      parsed.problems.push_back({line.number,
                                 "expected \"Label: value\", found " + quote(content) +
                                     " (continuation lines start with a space or tab)",
                                 true});
      continue;
    }
    std::string_view label = content.substr(0, colon);
    std::string_view value = content.substr(colon + 1);
    if (lenient) label = trim(label);
    if (label.empty()) {
      parsed.problems.push_back({line.number, "the label before ':' is empty", true});
      continue;
    }
    if (is_linear_whitespace(label.back())) {
      parsed.problems.push_back(
          {line.number, "label " + quote(label) + " ends with whitespace; write \"Label: value\"",
           true});
      continue;
    }
    if (!lenient && !value.empty() && !is_linear_whitespace(value.front())) {
      parsed.problems.push_back(
          {line.number, "expected a space after the colon in " + quote(content), true});
      continue;
    }
    parsed.entries.push_back({std::string(label), std::string(trim(value))});
    parsed.entry_lines.push_back(line.number);
  }
  finish_entry();
  return parsed;
}

struct ManifestEntry {
  std::string path;    // decoded, relative to the bag root
  std::string digest;  // lowercase hex
  std::size_t line = 0;
};

struct Manifest {
  std::string name;  // "manifest-sha512.txt"
  bool tag = false;
  std::optional<DigestAlgorithm> algorithm;
  std::vector<ManifestEntry> entries;
  std::map<std::string, std::size_t> index;  // path -> position in entries
};

struct FetchEntry {
  std::string url;
  std::size_t line = 0;
};

// Payload manifests in the order a report prefers them for its payload listing.
constexpr std::array kPreferredAlgorithms = {
    DigestAlgorithm::kSha512, DigestAlgorithm::kBlake2b512, DigestAlgorithm::kSha512_256,
    DigestAlgorithm::kSha256, DigestAlgorithm::kSha1,       DigestAlgorithm::kMd5,
};

class Validator {
 public:
  Validator(FileSystem& fs, const std::string& bag_root, const BagValidateOptions& options)
      : fs_(fs), root_(bag_root), options_(options) {}

  BagReport run();

 private:
  void error(std::string path, std::string message) {
    report_.errors.push_back({std::move(path), std::move(message)});
  }
  void warning(std::string path, std::string message) {
    report_.warnings.push_back({std::move(path), std::move(message)});
  }
  std::string absolute(const std::string& relative) const { return join_path(root_, relative); }

  void walk(const std::string& relative);
  std::optional<std::string> read_text_tag_file(const std::string& name);
  void check_declaration();
  void find_manifests();
  void parse_manifest(Manifest& manifest);
  void parse_fetch();
  void check_payload();
  void check_tag_manifests();
  void verify_digests();
  void check_bag_info();
  void list_payload();

  FileSystem& fs_;
  std::string root_;
  BagValidateOptions options_;
  BagReport report_;

  std::map<std::string, std::uint64_t> files_;  // every regular file, relative path -> size
  std::set<std::string> directories_;
  std::set<std::string> others_;  // symbolic links and special files (reported by walk)
  std::string version_ = "1.0";
  bool utf8_ = true;
  std::vector<Manifest> manifests_;
  std::map<std::string, FetchEntry> fetch_;
  std::set<std::string> unfetched_;
};

void Validator::walk(const std::string& relative) {
  auto entries = fs_.list_directory(absolute(relative));
  if (!entries.has_value()) {
    error(relative, "cannot be listed: " + entries.error().to_string());
    return;
  }
  for (const auto& entry : *entries) {
    std::string path = relative.empty() ? entry.name : relative + "/" + entry.name;
    if (entry.type == FileType::kDirectory) {
      directories_.insert(path);
      walk(path);
    } else if (entry.type == FileType::kFile) {
      auto info = fs_.stat(absolute(path));
      if (!info.has_value()) {
        error(path, "cannot be read: " + info.error().to_string());
        continue;
      }
      files_[path] = info->size;
    } else {
      others_.insert(path);
      error(path,
            "is not a regular file or directory (a symbolic link or special file); a bag "
            "holds regular files only");
    }
  }
}

std::optional<std::string> Validator::read_text_tag_file(const std::string& name) {
  auto text = read_file(fs_, absolute(name));
  if (!text.has_value()) {
    error(name, "cannot be read: " + text.error().to_string());
    return std::nullopt;
  }
  if (utf8_) {
    if (text->starts_with(kByteOrderMark)) {
      error(name, "begins with a byte-order mark; UTF-8 tag files must not have one");
      text->erase(0, kByteOrderMark.size());
    }
    if (std::size_t offset = invalid_utf8_offset(*text); offset != std::string::npos) {
      error(name, "is not valid UTF-8 (byte offset " + std::to_string(offset) +
                      "), but bagit.txt declares UTF-8");
    }
  }
  if (split_lines(*text).missing_final_ending) {
    warning(name, "the last line has no line ending (LF, CRLF or CR)");
  }
  return std::move(text).value();
}

void Validator::check_declaration() {
  constexpr std::string_view kExpected =
      "\"BagIt-Version: 1.0\" and \"Tag-File-Character-Encoding: UTF-8\"";
  if (!files_.contains("bagit.txt")) {
    if (!others_.contains("bagit.txt")) {
      error("bagit.txt", "is missing; every bag starts with a bag declaration of two lines, " +
                             std::string(kExpected));
    }
    return;
  }
  auto text = read_file(fs_, absolute("bagit.txt"));
  if (!text.has_value()) {
    error("bagit.txt", "cannot be read: " + text.error().to_string());
    return;
  }
  std::string_view declaration = *text;
  if (declaration.starts_with(kByteOrderMark)) {
    error("bagit.txt", "begins with a byte-order mark; the bag declaration is UTF-8 without one");
    declaration.remove_prefix(kByteOrderMark.size());
  }
  if (std::size_t offset = invalid_utf8_offset(declaration); offset != std::string::npos) {
    error("bagit.txt", "is not valid UTF-8 (byte offset " + std::to_string(offset) + ")");
  }
  SplitText split = split_lines(declaration);
  if (split.missing_final_ending) {
    warning("bagit.txt", "the last line has no line ending (LF, CRLF or CR)");
  }
  if (split.lines.size() != 2) {
    error("bagit.txt",
          "has " + std::to_string(split.lines.size()) +
              " lines; the bag declaration has exactly two: " + std::string(kExpected));
  }
  auto field = [&](std::size_t index, std::string_view label) -> std::optional<std::string> {
    if (index >= split.lines.size()) return std::nullopt;
    std::string_view line = split.lines[index].text;
    std::size_t colon = line.find(": ");
    if (colon == std::string_view::npos || !equals_ignoring_case(line.substr(0, colon), label)) {
      return std::nullopt;
    }
    return std::string(line.substr(colon + 2));
  };
  auto version = field(0, "BagIt-Version");
  std::size_t dot = version ? version->find('.') : std::string::npos;
  if (!version || dot == std::string::npos || !all_digits(version->substr(0, dot)) ||
      !all_digits(version->substr(dot + 1))) {
    std::string found = split.lines.empty() ? "nothing" : quote(split.lines[0].text);
    error("bagit.txt", "line 1: expected \"BagIt-Version: 1.0\", found " + found);
  } else if (*version != "1.0") {
    static const std::set<std::string> kOlder = {"0.93", "0.94", "0.95", "0.96", "0.97"};
    if (kOlder.contains(*version)) {
      version_ = *version;
      warning("bagit.txt",
              "BagIt-Version " + *version + " predates 1.0; the bag was checked by the 1.0 rules");
    } else {
      error("bagit.txt", "line 1: BagIt-Version " + quote(*version) +
                             " is not a version Mura reads (1.0, or 0.93 to 0.97)");
    }
  }
  auto encoding = field(1, "Tag-File-Character-Encoding");
  if (!encoding || encoding->empty()) {
    std::string found = split.lines.size() < 2 ? "nothing" : quote(split.lines[1].text);
    error("bagit.txt", "line 2: expected \"Tag-File-Character-Encoding: UTF-8\", found " + found);
  } else if (!equals_ignoring_case(*encoding, "UTF-8")) {
    utf8_ = false;
    warning("bagit.txt", "tag files are declared as " + quote(*encoding) +
                             "; Mura checks them byte for byte and does not decode them");
  }
  for (std::size_t i = 2; i < split.lines.size(); ++i) {
    error("bagit.txt", "line " + std::to_string(split.lines[i].number) + ": unexpected " +
                           quote(split.lines[i].text) + " after the two declaration lines");
  }
}

void Validator::find_manifests() {
  std::map<std::pair<bool, std::string>, std::string> seen;  // (tag, algorithm) -> file name
  for (const auto& [path, size] : files_) {
    if (path.find('/') != std::string::npos || !path.ends_with(".txt")) continue;
    bool tag = path.starts_with("tagmanifest-");
    if (!tag && !path.starts_with("manifest-")) continue;
    std::string_view name = path;
    name.remove_prefix(tag ? 12 : 9);
    name.remove_suffix(4);
    Manifest manifest{path, tag, parse_bagit_algorithm(name), {}, {}};
    std::string normalised =
        manifest.algorithm ? bagit_algorithm_name(*manifest.algorithm) : lowercase(name);
    if (name.empty()) {
      error(path, "names no checksum algorithm (expected e.g. manifest-sha512.txt)");
      continue;
    }
    if (!manifest.algorithm) {
      std::string message = "names the checksum algorithm " + quote(name) +
                            ", which Mura does not know (md5, sha1, sha256, sha512, "
                            "blake2b512, sha512256); its checksums cannot be verified";
      if (options_.check_digests) {
        error(path, message);
      } else {
        warning(path, message);
      }
    } else if (normalised != name) {
      warning(path,
              "algorithm names in manifest file names are lowercase alphanumerics; "
              "write \"" +
                  normalised + "\"");
    }
    auto [it, inserted] = seen.emplace(std::make_pair(tag, normalised), path);
    if (!inserted) {
      error(path, "uses the same algorithm as " + it->second + "; keep only one of them");
      continue;
    }
    parse_manifest(manifest);
    manifests_.push_back(std::move(manifest));
  }
  bool has_payload_manifest =
      std::any_of(manifests_.begin(), manifests_.end(), [](const Manifest& m) { return !m.tag; });
  if (!has_payload_manifest) {
    error("",
          "the bag has no payload manifest; every bag needs at least one "
          "manifest-<algorithm>.txt, e.g. manifest-sha512.txt");
    return;
  }
  bool has_strong = std::any_of(manifests_.begin(), manifests_.end(), [](const Manifest& m) {
    return !m.tag && m.algorithm && *m.algorithm != DigestAlgorithm::kMd5 &&
           *m.algorithm != DigestAlgorithm::kSha1;
  });
  if (!has_strong) {
    warning("",
            "no payload manifest uses SHA-256 or SHA-512; RFC 8493 recommends "
            "manifest-sha512.txt");
  }
}

void Validator::parse_manifest(Manifest& manifest) {
  auto text = read_text_tag_file(manifest.name);
  if (!text) return;
  const std::string& name = manifest.name;
  for (const Line& line : split_lines(*text).lines) {
    std::string where = "line " + std::to_string(line.number) + ": ";
    if (line.text.empty()) {
      warning(name, where + "blank line ignored");
      continue;
    }
    std::size_t gap = line.text.find_first_of(" \t");
    if (gap == 0 || gap == std::string_view::npos) {
      error(name, where + "expected \"<checksum> <path>\", found " + quote(line.text));
      continue;
    }
    std::string_view checksum = line.text.substr(0, gap);
    std::string_view raw_path = line.text.substr(gap);
    while (!raw_path.empty() && is_linear_whitespace(raw_path.front())) raw_path.remove_prefix(1);
    if (raw_path.empty()) {
      error(name, where + "no path after the checksum in " + quote(line.text));
      continue;
    }
    if (!all_hex(checksum)) {
      error(name, where + "checksum " + quote(checksum) + " is not hexadecimal");
      continue;
    }
    if (manifest.algorithm && checksum.size() != digest_hex_length(*manifest.algorithm)) {
      error(name, where + "a " + bagit_algorithm_name(*manifest.algorithm) + " checksum has " +
                      std::to_string(digest_hex_length(*manifest.algorithm)) +
                      " hex digits, found " + std::to_string(checksum.size()));
      continue;
    }
    if (raw_path.starts_with("*data/") && !manifest.tag) {
      warning(name, where +
                        "the '*' before the path is md5sum's binary-mode marker; it was "
                        "ignored, but strict BagIt validators will reject this manifest");
      raw_path.remove_prefix(1);
    }
    std::string path = decode_manifest_path(raw_path);
    if (has_unencoded_percent(raw_path)) {
      warning(name, where + "'%' in " + quote(raw_path) +
                        " is not encoded as %25 (only %0A, %0D and %25 are decoded)");
    }
    if (Status status = check_relative_bag_path(path); !status.ok()) {
      error(name, where + status.message());
      continue;
    }
    bool payload_path = path.starts_with("data/");
    if (!manifest.tag && !payload_path) {
      error(name, where + quote(path) +
                      " is outside the payload directory data/; payload "
                      "manifests list payload files only");
      continue;
    }
    if (manifest.tag && payload_path) {
      error(name, where + quote(path) +
                      " is a payload file; tag manifests must not list "
                      "payload files");
      continue;
    }
    auto [it, inserted] = manifest.index.emplace(path, manifest.entries.size());
    if (!inserted) {
      error(name, where + quote(path) + " is listed again (first on line " +
                      std::to_string(manifest.entries[it->second].line) + ")");
      continue;
    }
    manifest.entries.push_back({std::move(path), lowercase(checksum), line.number});
  }
}

void Validator::parse_fetch() {
  if (!files_.contains("fetch.txt")) return;
  auto text = read_text_tag_file("fetch.txt");
  if (!text) return;
  for (const Line& line : split_lines(*text).lines) {
    std::string where = "line " + std::to_string(line.number) + ": ";
    if (line.text.empty()) {
      warning("fetch.txt", where + "blank line ignored");
      continue;
    }
    std::string_view rest = line.text;
    auto next_field = [&rest]() {
      std::size_t gap = rest.find_first_of(" \t");
      std::string_view field = rest.substr(0, gap);
      rest = gap == std::string_view::npos ? std::string_view() : rest.substr(gap);
      while (!rest.empty() && is_linear_whitespace(rest.front())) rest.remove_prefix(1);
      return field;
    };
    std::string_view url = next_field();
    std::string_view length = next_field();
    std::string_view raw_path = rest;
    if (url.empty() || length.empty() || raw_path.empty()) {
      error("fetch.txt", where + "expected \"<url> <length> <path>\", found " + quote(line.text));
      continue;
    }
    std::size_t colon = url.find(':');
    bool scheme_ok =
        colon != std::string_view::npos && colon > 0 &&
        std::isalpha(static_cast<unsigned char>(url[0])) != 0 &&
        std::all_of(url.begin(), url.begin() + static_cast<std::ptrdiff_t>(colon), [](char c) {
          return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '+' || c == '-' ||
                 c == '.';
        });
    if (!scheme_ok) {
      error("fetch.txt", where + quote(url) + " is not an absolute URL (e.g. https://...)");
    }
    if (length != "-" && !all_digits(length)) {
      error("fetch.txt", where + "length " + quote(length) +
                             " is neither a number of octets "
                             "nor \"-\"");
    }
    std::string path = decode_manifest_path(raw_path);
    if (Status status = check_relative_bag_path(path); !status.ok()) {
      error("fetch.txt", where + status.message());
      continue;
    }
    if (!path.starts_with("data/")) {
      error("fetch.txt", where + quote(path) +
                             " is not a payload file; fetch.txt lists only "
                             "payload files below data/");
      continue;
    }
    auto [it, inserted] = fetch_.emplace(path, FetchEntry{std::string(url), line.number});
    if (!inserted) {
      error("fetch.txt", where + quote(path) + " is listed again (first on line " +
                             std::to_string(it->second.line) + ")");
    }
  }
}

void Validator::check_payload() {
  std::vector<const Manifest*> payload_manifests;
  for (const auto& manifest : manifests_) {
    if (!manifest.tag) payload_manifests.push_back(&manifest);
  }
  if (payload_manifests.empty()) return;
  for (const auto& [path, size] : files_) {
    if (!path.starts_with("data/")) continue;
    std::string absent;
    for (const Manifest* manifest : payload_manifests) {
      if (!manifest->index.contains(path)) absent += (absent.empty() ? "" : ", ") + manifest->name;
    }
    if (!absent.empty()) {
      error(path, "is a payload file but is not listed in " + absent +
                      "; every payload manifest must list every payload file");
    }
  }
  std::map<std::string, std::string> missing;  // path -> where it is listed
  for (const Manifest* manifest : payload_manifests) {
    for (const auto& entry : manifest->entries) {
      if (files_.contains(entry.path) || others_.contains(entry.path)) continue;
      std::string& where = missing[entry.path];
      where += (where.empty() ? "" : ", ") + manifest->name + " line " + std::to_string(entry.line);
    }
  }
  for (const auto& [path, where] : missing) {
    if (directories_.contains(path)) {
      error(path, "is a directory, but " + where + " lists it; manifests list files only");
      continue;
    }
    auto fetch = fetch_.find(path);
    if (fetch == fetch_.end()) {
      error(path, "is listed in " + where + " but is missing from the bag");
      continue;
    }
    unfetched_.insert(path);
    std::string message = "is still to be fetched from " + fetch->second.url + " (fetch.txt line " +
                          std::to_string(fetch->second.line) + ")";
    if (options_.allow_fetch) {
      warning(path, message + "; the bag is incomplete until then");
    } else {
      error(path, message + ", so the bag is incomplete; fetch it, or validate allowing fetch");
    }
  }
  for (const auto& [path, entry] : fetch_) {
    for (const Manifest* manifest : payload_manifests) {
      if (!manifest->index.contains(path)) {
        error("fetch.txt", "line " + std::to_string(entry.line) + ": " + quote(path) +
                               " is not listed in " + manifest->name +
                               "; every file to fetch must be in every payload manifest");
      }
    }
  }
}

void Validator::check_tag_manifests() {
  for (const auto& tag_manifest : manifests_) {
    if (!tag_manifest.tag) continue;
    for (const auto& manifest : manifests_) {
      if (!manifest.tag && !tag_manifest.index.contains(manifest.name)) {
        error(tag_manifest.name, "does not list the payload manifest " + manifest.name +
                                     "; every tag manifest must list every payload manifest");
      }
    }
    for (const auto& entry : tag_manifest.entries) {
      if (files_.contains(entry.path) || others_.contains(entry.path)) continue;
      error(entry.path, std::string(directories_.contains(entry.path) ? "is a directory, but "
                                                                      : "is missing, but ") +
                            tag_manifest.name + " line " + std::to_string(entry.line) +
                            " lists it");
    }
  }
}

void Validator::verify_digests() {
  struct Check {
    const Manifest* manifest;
    const ManifestEntry* entry;
  };
  std::map<std::string, std::vector<Check>> checks;  // path -> what to compare
  for (const auto& manifest : manifests_) {
    if (!manifest.algorithm) continue;
    for (const auto& entry : manifest.entries) {
      if (files_.contains(entry.path)) checks[entry.path].push_back({&manifest, &entry});
    }
  }
  std::vector<char> buffer(1 << 20);
  for (const auto& [path, file_checks] : checks) {
    std::vector<std::unique_ptr<Hasher>> hashers;
    for (const Check& check : file_checks) {
      hashers.push_back(std::make_unique<Hasher>(*check.manifest->algorithm));
    }
    auto file = fs_.open_readable(absolute(path));
    Status status = file.has_value() ? ok_status() : Status(file.error());
    for (std::uint64_t offset = 0; status.ok();) {
      auto count = (*file)->read_at(offset, buffer);
      if (!count.has_value()) {
        status = count.error();
        break;
      }
      if (*count == 0) break;
      for (auto& hasher : hashers) hasher->update(std::string_view(buffer.data(), *count));
      offset += *count;
    }
    if (!status.ok()) {
      error(path, "cannot be read to verify its checksums: " + status.to_string());
      continue;
    }
    for (std::size_t i = 0; i < file_checks.size(); ++i) {
      std::string actual = hashers[i]->finish();
      const Check& check = file_checks[i];
      if (actual != check.entry->digest) {
        error(path, bagit_algorithm_name(*check.manifest->algorithm) + " checksum " + actual +
                        " does not match " + check.manifest->name + " line " +
                        std::to_string(check.entry->line) + ", which expects " +
                        check.entry->digest);
      }
    }
  }
}

void Validator::check_bag_info() {
  if (!files_.contains("bag-info.txt")) return;
  auto text = read_text_tag_file("bag-info.txt");
  if (!text) return;
  ParsedInfo parsed = parse_info_lines(*text, version_ != "1.0");
  for (const auto& problem : parsed.problems) {
    std::string message = "line " + std::to_string(problem.line) + ": " + problem.message;
    if (problem.is_error) {
      error("bag-info.txt", std::move(message));
    } else {
      warning("bag-info.txt", std::move(message));
    }
  }
  report_.info = parsed.entries;
  bool oxum_seen = false;
  for (std::size_t i = 0; i < parsed.entries.size(); ++i) {
    const auto& [label, value] = parsed.entries[i];
    std::string where = "line " + std::to_string(parsed.entry_lines[i]) + ": ";
    if (equals_ignoring_case(label, "Payload-Oxum")) {
      if (oxum_seen) {
        error("bag-info.txt", where + "Payload-Oxum appears again; it may appear only once");
        continue;
      }
      oxum_seen = true;
      std::size_t dot = value.find('.');
      std::uint64_t octets = 0;
      std::uint64_t streams = 0;
      bool parsed_ok =
          dot != std::string::npos && all_digits(value.substr(0, dot)) &&
          all_digits(value.substr(dot + 1)) &&
          std::from_chars(value.data(), value.data() + dot, octets).ec == std::errc() &&
          std::from_chars(value.data() + dot + 1, value.data() + value.size(), streams).ec ==
              std::errc();
      if (!parsed_ok) {
        error("bag-info.txt", where + "Payload-Oxum " + quote(value) +
                                  " is not \"<octets>.<files>\", e.g. \"279164409832.1198\"");
        continue;
      }
      if (!unfetched_.empty()) {
        warning("bag-info.txt",
                where + "Payload-Oxum not compared: " + std::to_string(unfetched_.size()) +
                    " payload files are still to be fetched");
        continue;
      }
      std::uint64_t actual_octets = 0;
      std::uint64_t actual_streams = 0;
      for (const auto& [path, size] : files_) {
        if (!path.starts_with("data/")) continue;
        actual_octets += size;
        ++actual_streams;
      }
      if (octets != actual_octets || streams != actual_streams) {
        error("bag-info.txt", where + "Payload-Oxum is " + value + " but data/ holds " +
                                  std::to_string(actual_octets) + " octets in " +
                                  std::to_string(actual_streams) + " files (" +
                                  std::to_string(actual_octets) + "." +
                                  std::to_string(actual_streams) + ")");
      }
    } else if (equals_ignoring_case(label, "Bagging-Date")) {
      bool date_ok = value.size() == 10 && value[4] == '-' && value[7] == '-' &&
                     all_digits(value.substr(0, 4)) && all_digits(value.substr(5, 2)) &&
                     all_digits(value.substr(8, 2));
      if (!date_ok) {
        warning("bag-info.txt", where + "Bagging-Date " + quote(value) + " is not YYYY-MM-DD");
      }
    } else if (equals_ignoring_case(label, "Bag-Count")) {
      std::size_t of = value.find(" of ");
      bool count_ok = of != std::string::npos && all_digits(value.substr(0, of)) &&
                      (value.substr(of + 4) == "?" || all_digits(value.substr(of + 4)));
      if (!count_ok) {
        warning("bag-info.txt", where + "Bag-Count " + quote(value) +
                                    " is not \"N of T\" (e.g. \"1 of 3\" or \"2 of ?\")");
      }
    }
  }
}

void Validator::list_payload() {
  for (DigestAlgorithm algorithm : kPreferredAlgorithms) {
    for (const auto& manifest : manifests_) {
      if (manifest.tag || manifest.algorithm != algorithm) continue;
      report_.payload_algorithm = bagit_algorithm_name(algorithm);
      for (const auto& [path, position] : manifest.index) {
        report_.payload.emplace_back(path.substr(5), manifest.entries[position].digest);
      }
      return;
    }
  }
}

BagReport Validator::run() {
  auto info = fs_.stat(root_);
  if (!info.has_value() || info->type != FileType::kDirectory) {
    error("", info.has_value()
                  ? root_ + " is not a directory; a bag is a directory"
                  : "the bag " + root_ + " cannot be opened: " + info.error().to_string());
    return std::move(report_);
  }
  walk("");
  check_declaration();
  if (!directories_.contains("data")) {
    error("data", files_.contains("data") ? "is a file; the payload directory data/ must be a "
                                            "directory"
                                          : "the payload directory data/ is missing");
  }
  find_manifests();
  parse_fetch();
  check_payload();
  check_tag_manifests();
  if (options_.check_digests) verify_digests();
  check_bag_info();
  list_payload();
  return std::move(report_);
}

}  // namespace

BagReport validate_bag(FileSystem& fs, const std::string& bag_root,
                       const BagValidateOptions& options) {
  return Validator(fs, bag_root, options).run();
}

Result<std::vector<BagInfoEntry>> parse_bag_info(std::string_view text) {
  ParsedInfo parsed = parse_info_lines(text, /*lenient=*/false);
  for (const auto& problem : parsed.problems) {
    if (problem.is_error) {
      return invalid_argument_error("bag-info.txt line " + std::to_string(problem.line) + ": " +
                                    problem.message);
    }
  }
  return std::move(parsed.entries);
}

}  // namespace mura::formats
