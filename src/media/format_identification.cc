#include "media/format_identification.h"

#include <magic.h>

#include <algorithm>
#include <array>
#include <memory>
#include <vector>

namespace mura::media {
namespace {

struct PronomEntry {
  std::string_view media_type;
  std::string_view puid;
  std::string_view name;
};

// The PRONOM identifiers of the formats Mura expects most (generic versions).
constexpr PronomEntry kPronom[] = {
    {"image/tiff", "fmt/353", "Tagged Image File Format"},
    {"image/jpeg", "fmt/43", "JPEG File Interchange Format 1.01"},
    {"image/jp2", "x-fmt/392", "JPEG 2000 JP2"},
    {"image/png", "fmt/13", "Portable Network Graphics 1.2"},
    {"image/gif", "fmt/4", "Graphics Interchange Format 89a"},
    {"image/webp", "fmt/567", "WebP"},
    {"application/pdf", "fmt/276", "Portable Document Format 1.7"},
    {"audio/x-wav", "fmt/141", "Waveform Audio (PCMWAVEFORMAT)"},
    {"audio/wav", "fmt/141", "Waveform Audio (PCMWAVEFORMAT)"},
    {"audio/flac", "fmt/279", "FLAC (Free Lossless Audio Codec)"},
    {"audio/mpeg", "fmt/134", "MPEG 1/2 Audio Layer 3"},
    {"video/mp4", "fmt/199", "MPEG-4 Media File"},
    {"video/x-matroska", "fmt/569", "Matroska"},
    {"application/vnd.openxmlformats-officedocument.wordprocessingml.document", "fmt/412",
     "Microsoft Word for Windows 2007 onwards"},
    {"text/plain", "x-fmt/111", "Plain Text File"},
    {"text/csv", "x-fmt/18", "Comma Separated Values"},
    {"application/xml", "fmt/101", "Extensible Markup Language 1.0"},
    {"text/xml", "fmt/101", "Extensible Markup Language 1.0"},
    {"application/json", "fmt/817", "JSON Data Interchange Format"},
    {"application/zip", "x-fmt/263", "ZIP Format"},
};

// PDF/A by part and conformance level, as the XMP metadata of the file declares it
// (pdfaid:part, pdfaid:conformance); PRONOM has no PUID for PDF/A-4 yet.
struct PdfaEntry {
  char part;
  char conformance;  // lower case
  std::string_view puid;
};
constexpr PdfaEntry kPdfa[] = {
    {'1', 'a', "fmt/95"},  {'1', 'b', "fmt/354"}, {'2', 'a', "fmt/476"}, {'2', 'b', "fmt/477"},
    {'2', 'u', "fmt/478"}, {'3', 'a', "fmt/479"}, {'3', 'b', "fmt/480"}, {'3', 'u', "fmt/481"},
};

// The value of an XMP property written as an attribute (name="v") or an element (<name>v<).
char xmp_value(std::string_view bytes, std::string_view name) {
  const auto at = bytes.find(name);
  if (at == std::string_view::npos) return '\0';
  std::size_t i = at + name.size();
  while (i < bytes.size() && (bytes[i] == ' ' || bytes[i] == '=' || bytes[i] == '"' ||
                              bytes[i] == '\'' || bytes[i] == '>')) {
    ++i;
  }
  if (i >= bytes.size()) return '\0';
  char c = bytes[i];
  if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return c;
}

// Marks a PDF whose metadata declares PDF/A conformance as that PDF/A.
void identify_pdfa(std::string_view bytes, FormatInfo& info) {
  const char part = xmp_value(bytes, "pdfaid:part");
  if (part < '1' || part > '4') return;
  const char conformance = xmp_value(bytes, "pdfaid:conformance");
  info.name = std::string("PDF/A-") + part + (conformance >= 'a' && conformance <= 'z'
                                                  ? std::string(1, static_cast<char>(conformance - 'a' + 'A'))
                                                  : std::string());
  for (const auto& entry : kPdfa) {
    if (entry.part == part && entry.conformance == conformance) info.puid = entry.puid;
  }
}

bool has_suffix(std::string_view name, std::string_view suffix) {
  if (name.size() < suffix.size()) return false;
  for (std::size_t i = 0; i < suffix.size(); ++i) {
    char c = name[name.size() - suffix.size() + i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != suffix[i]) return false;
  }
  return true;
}

class MagicHandle {
 public:
  MagicHandle() : cookie_(magic_open(MAGIC_MIME_TYPE | MAGIC_ERROR)) {
    if (cookie_ != nullptr && magic_load(cookie_, nullptr) != 0) {
      magic_close(cookie_);
      cookie_ = nullptr;
    }
  }
  ~MagicHandle() {
    if (cookie_ != nullptr) magic_close(cookie_);
  }
  MagicHandle(const MagicHandle&) = delete;
  MagicHandle& operator=(const MagicHandle&) = delete;
  std::string identify(std::string_view bytes) {
    if (cookie_ == nullptr) return "application/octet-stream";
    const char* type = magic_buffer(cookie_, bytes.data(), bytes.size());
    return type != nullptr ? type : "application/octet-stream";
  }

 private:
  magic_t cookie_;
};

}  // namespace

FormatInfo identify_bytes(std::string_view head, std::string_view file_name) {
  thread_local MagicHandle magic;
  FormatInfo info;
  info.media_type = head.empty() ? "application/octet-stream" : magic.identify(head);
  // Signatures libmagic cannot tell apart: decide by the name, never against the content.
  if (info.media_type == "text/plain" || info.media_type == "application/csv") {
    if (has_suffix(file_name, ".csv")) info.media_type = "text/csv";
    if (has_suffix(file_name, ".json")) info.media_type = "application/json";
  }
  if (info.media_type == "application/zip" && has_suffix(file_name, ".docx")) {
    info.media_type = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
  }
  if (info.media_type == "text/xml") info.media_type = "application/xml";
  for (const auto& entry : kPronom) {
    if (entry.media_type == info.media_type) {
      info.puid = entry.puid;
      info.name = entry.name;
      break;
    }
  }
  if (info.media_type == "application/pdf") identify_pdfa(head, info);
  return info;
}

FormatInfo identify_format(FileSystem& fs, const std::string& path) {
  auto file = fs.open_readable(path);
  if (!file) return {"application/octet-stream", "", ""};
  std::vector<char> buffer(64 * 1024);
  auto count = (*file)->read_at(0, buffer);
  if (!count) return {"application/octet-stream", "", ""};
  FormatInfo info = identify_bytes(std::string_view(buffer.data(), *count), file_name(path));
  // A PDF's XMP metadata may be anywhere: look through the first and the last few megabytes.
  if (info.media_type == "application/pdf" && info.name.find("PDF/A") == std::string::npos) {
    constexpr std::uint64_t kWindow = 4u << 20;
    auto size = (*file)->size();
    if (size) {
      for (const std::uint64_t offset : {std::uint64_t{0}, *size > kWindow ? *size - kWindow : 0}) {
        std::vector<char> window(static_cast<std::size_t>(std::min(kWindow, *size)));
        auto read = (*file)->read_at(offset, window);
        if (!read) break;
        identify_pdfa(std::string_view(window.data(), *read), info);
        if (info.name.find("PDF/A") != std::string::npos) break;
      }
    }
  }
  return info;
}

}  // namespace mura::media
