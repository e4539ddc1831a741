#include "media/derivative_paths.h"

#include <algorithm>

namespace mura::media {
namespace {

constexpr std::pair<DerivativeKind, std::string_view> kNames[] = {
    {DerivativeKind::kTechnical, "technical.json"}, {DerivativeKind::kPyramid, "pyramid.tif"},
    {DerivativeKind::kThumbnail, "thumbnail.jpg"},
    {DerivativeKind::kOcr, "ocr.json"},             {DerivativeKind::kHocr, "ocr.hocr"},
    {DerivativeKind::kPdfText, "text.json"},        {DerivativeKind::kVideo, "rendition.mp4"},
    {DerivativeKind::kAudio, "rendition.m4a"},
};

std::string joined(std::string_view base, std::string_view name) {
  std::string path(base);
  if (!path.empty() && path.back() != '/') path += '/';
  path += name;
  return path;
}

}  // namespace

std::string_view derivative_file_name(DerivativeKind kind) {
  for (const auto& [candidate, name] : kNames) {
    if (candidate == kind) return name;
  }
  return "";
}

std::optional<DerivativeKind> parse_derivative_file_name(std::string_view name) {
  for (const auto& [kind, candidate] : kNames) {
    if (candidate == name) return kind;
  }
  return std::nullopt;
}

bool is_sha512_hex(std::string_view digest) {
  return digest.size() == 128 && std::all_of(digest.begin(), digest.end(), [](char c) {
           return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
         });
}

std::string derivatives_root(std::string_view repository_directory) {
  return joined(repository_directory, "derivatives");
}

std::string derivative_directory(std::string_view repository_directory, std::string_view digest) {
  return joined(joined(derivatives_root(repository_directory), digest.substr(0, 2)), digest);
}

std::string derivative_path(std::string_view repository_directory, std::string_view digest,
                            DerivativeKind kind) {
  return joined(derivative_directory(repository_directory, digest), derivative_file_name(kind));
}

std::string jobs_directory(std::string_view repository_directory) {
  return joined(derivatives_root(repository_directory), "jobs");
}

}  // namespace mura::media
