// Web renditions of sound and moving images: whether an original plays in current browsers
// as it is, and when not, an H.264/AAC MP4 (video) or AAC M4A (audio) made with ffmpeg, streamable
// from its first bytes ("faststart"). Thread-safe; each call runs its own ffmpeg.
#pragma once

#include <chrono>
#include <string>

#include "base/status.h"
#include "media/technical_metadata.h"

namespace mura::media {

enum class Rendition { kNone, kAudio, kVideo };

// kNone when browsers play the original (MP4/H.264/AAC, WebM/VP8/VP9/AV1/Opus/Vorbis, MP3,
// Ogg, FLAC, 16-bit WAV up to 48 kHz); otherwise the rendition to make. Files without audio or
// video streams need none.
Rendition rendition_needed(const TechnicalMetadata& metadata);

// Makes the rendition of `source` at `target` (through a temporary file renamed into place).
// NotFound when ffmpeg is missing; Internal with ffmpeg's last words when it fails.
Status make_rendition(const std::string& source, const std::string& target, Rendition rendition,
                      std::chrono::seconds timeout = std::chrono::hours(4));

}  // namespace mura::media
