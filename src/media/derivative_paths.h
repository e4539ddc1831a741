// The on-disk names of the derivative cache: access copies and extracted data of a file, kept
// outside the preservation store under the repository, keyed by the SHA-512 of the file's
// content, so that a file deposited twice is processed once and a new version of a record reuses
// what did not change. Everything here can be deleted and rebuilt (docs/format/iiif.md):
//
//   <repo>/derivatives/<digest[0:2]>/<digest>/technical.json   technical metadata
//                                            /pyramid.tif      pyramidal tiled JPEG TIFF
//                                            /ocr.json         OCR words with boxes, per page
//                                            /ocr.hocr         the same as hOCR
//                                            /text.json        text of a born-digital PDF
//                                            /rendition.mp4    H.264/AAC for browsers
//                                            /rendition.m4a    AAC audio for browsers
//   <repo>/derivatives/jobs/<job id>.json                      derivative jobs and their state
//
// Built and parsed only here (table-driven test in derivative_paths_test.cc). Thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace mura::media {

enum class DerivativeKind { kTechnical, kPyramid, kThumbnail, kOcr, kHocr, kPdfText, kVideo, kAudio };

// "technical.json", "pyramid.tif", ...
std::string_view derivative_file_name(DerivativeKind kind);
// The kind a file name stands for; std::nullopt for any other name.
std::optional<DerivativeKind> parse_derivative_file_name(std::string_view name);

// True for 128 lowercase hex digits (a SHA-512).
bool is_sha512_hex(std::string_view digest);

// "<repository>/derivatives"
std::string derivatives_root(std::string_view repository_directory);
// "<repository>/derivatives/ab/abcdef..."; REQUIRES: is_sha512_hex(digest).
std::string derivative_directory(std::string_view repository_directory, std::string_view digest);
std::string derivative_path(std::string_view repository_directory, std::string_view digest,
                            DerivativeKind kind);
// "<repository>/derivatives/jobs"
std::string jobs_directory(std::string_view repository_directory);

}  // namespace mura::media
