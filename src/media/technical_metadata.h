// Technical metadata of a deposited file, read from its content: pixel size, bit depth, colour
// space and resolution of images (libvips); duration, codecs and channels of audio and video
// (ffprobe); the page count of PDFs (poppler). Kept beside the file's derivatives
// (technical.json) and summarised in a PREMIS "metadata extraction" event. Value types and
// plain functions; thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"

namespace mura::media {

struct MediaStream {
  std::string kind;   // "video", "audio", "subtitle", ...
  std::string codec;  // "h264", "aac", "pcm_s16le", "opus", ...
  int channels = 0;
  int sample_rate = 0;
  std::int64_t width = 0;
  std::int64_t height = 0;
  friend bool operator==(const MediaStream&, const MediaStream&) = default;
};

struct TechnicalMetadata {
  std::string media_type;  // as identified on ingest
  // Still images (width and height as displayed, after the EXIF orientation).
  std::int64_t width = 0;
  std::int64_t height = 0;
  int bands = 0;
  int bit_depth = 0;          // bits per sample
  std::string colour_space;   // "sRGB", "gray", "CMYK", ...
  double resolution_dpi = 0;  // 0 when the file does not say
  bool icc_profile = false;
  // Audio and video.
  double duration_seconds = 0;
  std::string container;  // "wav", "mov,mp4,m4a,3gp,3g2,mj2", ...
  std::vector<MediaStream> streams;
  // Documents.
  int pages = 0;
  std::string tool;  // what read it: "libvips 8.14.1", "ffprobe", "poppler 22.12.0"

  bool is_image() const { return width > 0 && height > 0 && duration_seconds == 0 && pages == 0; }
  bool has_video() const;
  bool has_audio() const;
  // One sentence for the PREMIS event: "2480x3508 px, 3 bands of 8 bits, sRGB, 300 dpi".
  std::string summary() const;
  friend bool operator==(const TechnicalMetadata&, const TechnicalMetadata&) = default;
};

// What kind of content a media type holds, for choosing the tool.
bool is_image_type(std::string_view media_type);  // image/*
bool is_audio_type(std::string_view media_type);  // audio/*
bool is_video_type(std::string_view media_type);  // video/*
bool is_pdf_type(std::string_view media_type);    // application/pdf

// Reads the technical metadata of the file at `path`, identified on ingest as `media_type`.
// Files of other types get just the media type. InvalidArgument when the tool cannot read the
// file as the type it claims; NotFound when the tool is missing.
Result<TechnicalMetadata> characterize(const std::string& path, std::string_view media_type);

std::string technical_to_json(const TechnicalMetadata& metadata);
// DataLoss naming the member for malformed JSON.
Result<TechnicalMetadata> technical_from_json(std::string_view json);

}  // namespace mura::media
