#include "storage/ocfl_paths.h"

#include "base/digest.h"

namespace mura::storage {

std::string version_directory(int version) { return "v" + std::to_string(version); }

std::optional<int> parse_version_directory(std::string_view name) {
  if (name.size() < 2 || name.size() > 10 || name[0] != 'v') return std::nullopt;
  int value = 0;
  for (char c : name.substr(1)) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + (c - '0');
  }
  if (value == 0) return std::nullopt;
  return value;
}

std::string content_path(int version, std::string_view logical_path) {
  std::string path = version_directory(version);
  path += '/';
  path += kContentDirectory;
  path += '/';
  path += logical_path;
  return path;
}

std::string object_path_for(std::string_view object_id) {
  std::string digest = digest_hex(DigestAlgorithm::kSha256, object_id);
  std::string path;
  for (std::size_t tuple = 0; tuple < 3; ++tuple) {
    path += digest.substr(tuple * 3, 3);
    path += '/';
  }
  path += digest;
  return path;
}

Status check_logical_path(std::string_view logical_path) {
  auto bad = [&](std::string_view why) {
    return invalid_argument_error("file path \"" + std::string(logical_path) + "\" " +
                                  std::string(why));
  };
  if (logical_path.empty()) return bad("is empty");
  if (logical_path.front() == '/') return bad("must be relative (it starts with '/')");
  if (logical_path.back() == '/') return bad("must not end with '/'");
  std::size_t start = 0;
  while (start <= logical_path.size()) {
    std::size_t end = logical_path.find('/', start);
    if (end == std::string_view::npos) end = logical_path.size();
    std::string_view segment = logical_path.substr(start, end - start);
    if (segment.empty()) return bad("has an empty segment ('//')");
    if (segment == "." || segment == "..") return bad("must not contain '.' or '..' segments");
    start = end + 1;
  }
  for (char c : logical_path) {
    auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20 || byte == 0x7f) return bad("contains a control character");
  }
  return ok_status();
}

std::string layout_extension_config() {
  return "{\n"
         "  \"extensionName\": \"0004-hashed-n-tuple-storage-layout\",\n"
         "  \"digestAlgorithm\": \"sha256\",\n"
         "  \"tupleSize\": 3,\n"
         "  \"numberOfTuples\": 3,\n"
         "  \"shortObjectRoot\": false\n"
         "}\n";
}

std::string layout_description() {
  return "{\n"
         "  \"extension\": \"0004-hashed-n-tuple-storage-layout\",\n"
         "  \"description\": \"Objects are stored under three 3-character tuples of the sha256 "
         "of their identifier, then the full sha256 (OCFL extension 0004).\"\n"
         "}\n";
}

}  // namespace mura::storage
