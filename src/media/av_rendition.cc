#include "media/av_rendition.h"

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <initializer_list>

#include "media/subprocess.h"

namespace mura::media {
namespace {

bool one_of(const std::string& value, std::initializer_list<const char*> accepted) {
  return std::any_of(accepted.begin(), accepted.end(), [&](const char* candidate) { return value == candidate; });
}

bool plays(const TechnicalMetadata& metadata) {
  const std::string& container = metadata.container;
  const bool mp4 = container.find("mp4") != std::string::npos;
  const bool webm = container.find("webm") != std::string::npos;
  for (const auto& stream : metadata.streams) {
    if (stream.kind == "video") {
      if (mp4 && one_of(stream.codec, {"h264", "av1"})) continue;
      if (webm && one_of(stream.codec, {"vp8", "vp9", "av1"})) continue;
      return false;
    }
    if (stream.kind == "audio") {
      if (mp4 && one_of(stream.codec, {"aac", "mp3"})) continue;
      if (webm && one_of(stream.codec, {"opus", "vorbis"})) continue;
      if (container == "ogg" && one_of(stream.codec, {"opus", "vorbis", "flac"})) continue;
      if (container == "mp3" && stream.codec == "mp3") continue;
      if (container == "flac" && stream.codec == "flac") continue;
      if (container == "wav" && one_of(stream.codec, {"pcm_s16le", "pcm_u8"}) &&
          stream.sample_rate <= 48000 && stream.channels <= 2) {
        continue;
      }
      return false;
    }
  }
  return true;
}

}  // namespace

Rendition rendition_needed(const TechnicalMetadata& metadata) {
  if (!metadata.has_video() && !metadata.has_audio()) return Rendition::kNone;
  if (plays(metadata)) return Rendition::kNone;
  return metadata.has_video() ? Rendition::kVideo : Rendition::kAudio;
}

Status make_rendition(const std::string& source, const std::string& target, Rendition rendition,
                      std::chrono::seconds timeout) {
  if (rendition == Rendition::kNone) return ok_status();
  static std::atomic<unsigned> counter{0};
  const std::string extension = rendition == Rendition::kVideo ? ".mp4" : ".m4a";
  const std::string temporary = target + ".tmp-" + std::to_string(::getpid()) + "-" +
                                std::to_string(counter.fetch_add(1)) + extension;
  std::vector<std::string> argv = {"ffmpeg", "-nostdin", "-hide_banner", "-loglevel", "error",
                                   "-y", "-i", source};
  if (rendition == Rendition::kVideo) {
    argv.insert(argv.end(), {"-map", "0:v:0", "-map", "0:a:0?", "-c:v", "libx264", "-preset",
                             "veryfast", "-crf", "23", "-pix_fmt", "yuv420p", "-vf",
                             "scale='min(1920,iw)':-2", "-c:a", "aac", "-b:a", "128k"});
  } else {
    argv.insert(argv.end(), {"-map", "0:a:0", "-vn", "-c:a", "aac", "-b:a", "160k"});
  }
  argv.insert(argv.end(), {"-movflags", "+faststart", temporary});
  auto output = run_process(argv, timeout);
  if (!output || output->exit_code != 0) {
    std::remove(temporary.c_str());
    if (!output) return output.error();
    return internal_error("ffmpeg could not make the rendition of " + source + ": " + output->err);
  }
  if (std::rename(temporary.c_str(), target.c_str()) != 0) {
    std::remove(temporary.c_str());
    return internal_error("cannot move the rendition into place at " + target);
  }
  return ok_status();
}

}  // namespace mura::media
