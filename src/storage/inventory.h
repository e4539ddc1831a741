// Inventory: the writer's model of an OCFL inventory.json (digest algorithm SHA-512, versions
// v1..vN, manifest of content paths by digest, per-version logical state). Encoding is
// deterministic. Reading accepts any valid inventory; deep validation is ocfl_validator's job.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "base/result.h"

namespace mura::storage {

struct VersionEntry {
  std::string created;  // RFC 3339 with seconds and time zone, e.g. "2026-11-28T00:50:10Z"
  std::string message;
  std::string user_name;
  std::string user_address;  // a URI such as "mailto:alice@example.kz"; may be empty
  // Logical path -> digest of its content.
  std::map<std::string, std::string> state;
};

struct Inventory {
  std::string id;
  std::string type = "https://ocfl.io/1.1/spec/#inventory";
  std::string digest_algorithm = "sha512";
  std::string content_directory = "content";
  // Digest -> content paths (relative to the object root) holding those bytes.
  std::map<std::string, std::vector<std::string>> manifest;
  std::vector<VersionEntry> versions;  // versions[0] is v1

  int head() const { return static_cast<int>(versions.size()); }
  // The version's state; REQUIRES: 1 <= version <= head().
  const VersionEntry& version(int number) const { return versions.at(static_cast<std::size_t>(number - 1)); }
  // The first content path of `digest`, or empty.
  std::string content_path_of(const std::string& digest) const;

  // inventory.json bytes (pretty-printed, sorted keys where the spec allows).
  std::string encode() const;
  // Parses inventory.json; InvalidArgument names what is malformed.
  static Result<Inventory> decode(std::string_view json);
};

// "<sha512 of inventory bytes> inventory.json\n".
std::string sidecar_for(std::string_view inventory_bytes);

}  // namespace mura::storage
