// The OCFL validator: checks an OCFL 1.0 or 1.1 object, or a whole storage root, written by Mura
// or by anyone else, and reports every problem with the specification's own validation codes
// (E001..E112 for MUST, W001..W016 for SHOULD; https://ocfl.io/1.1/spec/validation-codes.html).
// It reads only through mura::FileSystem and never modifies anything. Each call is independent
// and the functions are thread-safe as long as the FileSystem is.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "base/file_system.h"

namespace mura::storage {

enum class Severity { kError, kWarning };

struct ValidationIssue {
  Severity severity = Severity::kError;
  std::string code;     // the specification's code: "E040", "W004"
  std::string path;     // the file concerned, relative to the validated root ("." for the root)
  std::string message;  // one sentence: what is wrong and what was expected
  friend bool operator==(const ValidationIssue&, const ValidationIssue&) = default;
};

struct ValidationOptions {
  // Re-hashes every content file against the manifest (E092) and the fixity block (E093). When
  // false only the structure is checked, which is fast but does not detect bit rot.
  bool check_digests = true;
};

struct ValidationReport {
  std::vector<ValidationIssue> issues;

  // True when there is no error; warnings are allowed.
  bool valid() const;
  std::size_t error_count() const;
  std::size_t warning_count() const;
  // True when some issue has this code.
  bool has_code(const std::string& code) const;
  // {"valid":true,"errors":0,"warnings":1,"issues":[{"severity":"warning","code":"W004",
  //  "path":"inventory.json","message":"..."}]}
  std::string to_json() const;
  // One line per issue: "E040 inventory.json: message".
  std::string to_text() const;
};

// Validates one OCFL object rooted at `object_root`. The object's own conformance declaration
// (0=ocfl_object_1.0 or 0=ocfl_object_1.1) selects the rules; older version inventories of a 1.1
// object may be 1.0. Problems of the object, including a missing root, are issues in the report,
// never a failed call.
ValidationReport validate_object(FileSystem& fs, const std::string& object_root,
                                 const ValidationOptions& options = {});

// Validates a storage root: its declaration (0=ocfl_1.x), ocfl_layout.json, its extensions
// directory, the storage hierarchy (no stray files, no empty directories, every branch ending
// in an object), and every object found in it. Issues of an object are prefixed by the object's
// path below the root. With the 0004-hashed-n-tuple-storage-layout extension, each object must
// sit at the path its id hashes to (E083 otherwise), as configured by
// extensions/0004-hashed-n-tuple-storage-layout/config.json.
ValidationReport validate_storage_root(FileSystem& fs, const std::string& root,
                                       const ValidationOptions& options = {});

// Validates `path` as an object or as a storage root, according to its declaration file. A path
// with neither declaration (nor an inventory.json) gets E003 and E069.
ValidationReport validate_path(FileSystem& fs, const std::string& path,
                               const ValidationOptions& options = {});

}  // namespace mura::storage
