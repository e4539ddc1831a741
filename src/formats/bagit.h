// BagIt 1.0 (RFC 8493): writing bags for transfer out of Mura and validating bags that come in.
// A bag is a directory with bagit.txt, a data/ payload, payload manifests manifest-<alg>.txt,
// and optional bag-info.txt, fetch.txt, tag manifests tagmanifest-<alg>.txt and other tag files.
// Every byte is read and written through a mura::FileSystem. The functions are stateless and
// thread-safe as long as no one else changes the bag they work on.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/digest.h"
#include "base/file_system.h"
#include "base/result.h"

namespace mura::formats {

// One "Label: value" element of bag-info.txt. A value may hold '\n' (written as an indented
// continuation line).
struct BagInfoEntry {
  std::string label;
  std::string value;
  friend bool operator==(const BagInfoEntry&, const BagInfoEntry&) = default;
};

struct BagPayloadFile {
  std::string bag_path;     // relative to data/, '/'-separated, e.g. "scans/page 1.tif"
  std::string source_path;  // the file to copy, read through the FileSystem
};

struct BagWriteOptions {
  // One payload manifest and one tag manifest per algorithm, in this order.
  std::vector<DigestAlgorithm> algorithms = {DigestAlgorithm::kSha512};
  // Written in order to bag-info.txt. Payload-Oxum is always computed (supplying it is an
  // error); Bagging-Date (today, UTC) and Bag-Software-Agent are added unless given here.
  std::vector<BagInfoEntry> info;
  // Further tag files: name relative to the bag root ("metadata/record.json") -> content.
  // They are covered by the tag manifests.
  std::vector<std::pair<std::string, std::string>> extra_tag_files;
};

// Writes a complete, valid bag at `bag_root`: bagit.txt (BagIt-Version: 1.0, UTF-8), data/
// with the payload copied in pieces (never a whole file in memory), one manifest-<alg>.txt per
// algorithm, bag-info.txt and one tagmanifest-<alg>.txt per algorithm. Everything is written
// into a sibling temporary directory, synced, and renamed into place at the end, so a failure
// leaves no half-written bag. Missing parents of `bag_root` are created.
// Returns AlreadyExists when `bag_root` exists; InvalidArgument for an unsafe or duplicate
// bag_path or tag file name, a reserved tag file name, a malformed label, a supplied
// Payload-Oxum or an empty or repeated algorithm list; the FileSystem's error (NotFound, ...)
// with the path when a source cannot be read or the bag cannot be written.
Status write_bag(FileSystem& fs, const std::string& bag_root,
                 const std::vector<BagPayloadFile>& payload, const BagWriteOptions& options);

// A problem found in a bag. `path` is relative to the bag root ("data/a.txt",
// "manifest-sha512.txt") or empty for the bag as a whole; `message` says what is wrong, on
// which line when a tag file is at fault, and what was expected.
struct BagProblem {
  std::string path;
  std::string message;
};

struct BagReport {
  // A bag is valid (RFC 8493 §3: complete, every checksum verified) when it has no errors.
  bool valid() const { return errors.empty(); }

  std::vector<BagProblem> errors;
  std::vector<BagProblem> warnings;
  std::vector<BagInfoEntry> info;  // bag-info.txt as parsed, in order
  // (path relative to data/, hex digest) from the strongest payload manifest, sorted by path.
  std::vector<std::pair<std::string, std::string>> payload;
  std::string payload_algorithm;  // the BagIt name of that manifest's algorithm ("sha512")

  // "valid" or "invalid", then one "error: path: message" / "warning: ..." line per problem.
  std::string to_text() const;
  // {"valid": ..., "errors": [{"path", "message"}], "warnings": [...], "info": [{"label",
  // "value"}], "payload_algorithm": "...", "payload": [{"path", "digest"}]}
  std::string to_json() const;
};

struct BagValidateOptions {
  bool check_digests = true;  // false: check completeness only (RFC 8493 "complete")
  bool allow_fetch = false;   // true: files still to be fetched (fetch.txt) are warnings
};

// Validates the bag at `bag_root` against RFC 8493 and collects every problem rather than
// stopping at the first: the bag declaration (lines, version, encoding, BOM), the payload
// directory, every payload and tag manifest (names, algorithms, malformed lines with their
// numbers, unsafe paths such as "../x" or "/etc/passwd", duplicates, every payload file listed
// in every payload manifest, every listed file present, every digest when check_digests),
// bag-info.txt (syntax, Payload-Oxum against the payload) and fetch.txt (syntax; files not yet
// fetched make the bag incomplete unless allow_fetch). Never reads outside `bag_root` and does
// not follow symbolic links.
BagReport validate_bag(FileSystem& fs, const std::string& bag_root,
                       const BagValidateOptions& options = {});

// Parses text in the bag-info.txt format: "Label: value" lines, continuation lines starting
// with a space or tab (joined to the value with '\n'), LF, CRLF or CR line endings. Labels keep
// their case; values are trimmed. Returns InvalidArgument naming the line ("bag-info.txt line
// 3: ...") for a line without a colon, an empty label or one with surrounding whitespace, or a
// continuation line with nothing to continue.
Result<std::vector<BagInfoEntry>> parse_bag_info(std::string_view text);

// The algorithm's name in manifest file names: lowercase, alphanumerics only ("sha512",
// "blake2b512", "sha512256").
std::string bagit_algorithm_name(DigestAlgorithm algorithm);
// Parses a name from a manifest file name after normalising it (lowercased, non-alphanumerics
// removed, so "SHA-512" is sha512); nullopt for an algorithm Mura does not know.
std::optional<DigestAlgorithm> parse_bagit_algorithm(std::string_view name);

// Manifest and fetch.txt paths: CR, LF and '%' are percent-encoded ("%0D", "%0A", "%25") and
// nothing else (RFC 8493 §2.1.3).
std::string encode_manifest_path(std::string_view path);
// The inverse; accepts lowercase hex. Any other '%' is kept literally (older bags did not
// encode '%').
std::string decode_manifest_path(std::string_view path);

// Checks that `path` is a safe relative path inside a bag: not empty, not absolute, no empty,
// "." or ".." segments, no NUL. Returns InvalidArgument saying what is wrong otherwise.
Status check_relative_bag_path(std::string_view path);

}  // namespace mura::formats
