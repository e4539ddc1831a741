#include "media/technical_metadata.h"

#include <cmath>
#include <cstdio>
#include <memory>

#include <nlohmann/json.hpp>
#include <poppler-document.h>
#include <poppler-global.h>
#include <poppler-version.h>

#include "media/subprocess.h"
#include "media/vips_support.h"

namespace mura::media {
namespace {

using Json = nlohmann::json;

int bits_of(VipsBandFormat format) {
  switch (format) {
    case VIPS_FORMAT_UCHAR:
    case VIPS_FORMAT_CHAR: return 8;
    case VIPS_FORMAT_USHORT:
    case VIPS_FORMAT_SHORT: return 16;
    case VIPS_FORMAT_UINT:
    case VIPS_FORMAT_INT:
    case VIPS_FORMAT_FLOAT: return 32;
    case VIPS_FORMAT_DOUBLE: return 64;
    default: return 0;
  }
}

std::string colour_space_of(VipsInterpretation interpretation, int bands) {
  switch (interpretation) {
    case VIPS_INTERPRETATION_B_W:
    case VIPS_INTERPRETATION_GREY16: return "gray";
    case VIPS_INTERPRETATION_sRGB:
    case VIPS_INTERPRETATION_RGB16: return "sRGB";
    case VIPS_INTERPRETATION_scRGB: return "scRGB";
    case VIPS_INTERPRETATION_CMYK: return "CMYK";
    case VIPS_INTERPRETATION_LAB:
    case VIPS_INTERPRETATION_LABS: return "CIELAB";
    case VIPS_INTERPRETATION_MULTIBAND: return bands == 1 ? "gray" : "multiband";
    default: return bands >= 3 ? "RGB" : "gray";
  }
}

Result<TechnicalMetadata> characterize_image(const std::string& path, TechnicalMetadata metadata) {
  MURA_TRY(start_vips());
  VipsImagePtr image(vips_image_new_from_file(path.c_str(), "access", VIPS_ACCESS_SEQUENTIAL, nullptr));
  if (!image) return Error(vips_failure(StatusCode::kInvalidArgument, path + " is not an image libvips reads"));
  // The size as displayed: an EXIF orientation of a quarter turn swaps width and height.
  const bool swap = vips_image_get_orientation_swap(image.get()) != 0;
  metadata.width = swap ? image->Ysize : image->Xsize;
  metadata.height = swap ? image->Xsize : image->Ysize;
  metadata.bands = image->Bands;
  metadata.bit_depth = bits_of(image->BandFmt);
  int bits = 0;
  if (vips_image_get_typeof(image.get(), "bits-per-sample") != 0 &&
      vips_image_get_int(image.get(), "bits-per-sample", &bits) == 0 && bits > 0) {
    metadata.bit_depth = bits;
  }
  if (vips_image_get_typeof(image.get(), "palette-bit-depth") != 0 &&
      vips_image_get_int(image.get(), "palette-bit-depth", &bits) == 0 && bits > 0) {
    metadata.bit_depth = bits;
  }
  metadata.colour_space = colour_space_of(vips_image_guess_interpretation(image.get()), image->Bands);
  // libvips keeps resolution in pixels per millimetre; 1 (its default) means "not stated".
  const double per_mm = image->Xres;
  if (per_mm > 1.0001) metadata.resolution_dpi = std::round(per_mm * 25.4 * 100) / 100;
  metadata.icc_profile = vips_image_get_typeof(image.get(), VIPS_META_ICC_NAME) != 0;
  metadata.tool = "libvips " + std::string(vips_version_string());
  return metadata;
}

Result<TechnicalMetadata> characterize_media(const std::string& path, TechnicalMetadata metadata) {
  MURA_ASSIGN_OR_RETURN(auto output,
                        run_process({"ffprobe", "-v", "error", "-print_format", "json", "-show_format",
                                     "-show_streams", path},
                                    std::chrono::seconds(60)));
  if (output.exit_code != 0) {
    return invalid_argument_error(path + " is not audio or video ffprobe reads: " + output.err);
  }
  Json probe = Json::parse(output.out, nullptr, false);
  if (probe.is_discarded()) return internal_error("ffprobe gave no JSON for " + path);
  const Json& format = probe.value("format", Json::object());
  metadata.container = format.value("format_name", "");
  if (format.contains("duration")) {
    metadata.duration_seconds = std::atof(format["duration"].get<std::string>().c_str());
  }
  for (const auto& stream : probe.value("streams", Json::array())) {
    MediaStream entry;
    entry.kind = stream.value("codec_type", "");
    entry.codec = stream.value("codec_name", "");
    entry.channels = stream.value("channels", 0);
    if (stream.contains("sample_rate")) entry.sample_rate = std::atoi(stream["sample_rate"].get<std::string>().c_str());
    entry.width = stream.value("width", 0);
    entry.height = stream.value("height", 0);
    // Cover art in an audio file is a "video" stream of one frame; it is not a video.
    if (entry.kind == "video" && stream.contains("disposition") &&
        stream["disposition"].value("attached_pic", 0) == 1) {
      entry.kind = "attached picture";
    }
    metadata.streams.push_back(entry);
  }
  metadata.tool = "ffprobe";
  return metadata;
}

Result<TechnicalMetadata> characterize_pdf(const std::string& path, TechnicalMetadata metadata) {
  std::unique_ptr<poppler::document> document(poppler::document::load_from_file(path));
  if (!document) return invalid_argument_error(path + " is not a PDF poppler reads");
  metadata.pages = document->pages();
  metadata.tool = "poppler " + poppler::version_string();
  return metadata;
}

std::string format_seconds(double seconds) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.1f s", seconds);
  return buffer;
}

}  // namespace

bool TechnicalMetadata::has_video() const {
  for (const auto& stream : streams) {
    if (stream.kind == "video") return true;
  }
  return false;
}

bool TechnicalMetadata::has_audio() const {
  for (const auto& stream : streams) {
    if (stream.kind == "audio") return true;
  }
  return false;
}

std::string TechnicalMetadata::summary() const {
  std::string text;
  if (width > 0 && duration_seconds == 0) {
    text = std::to_string(width) + "x" + std::to_string(height) + " px, " + std::to_string(bands) +
           (bands == 1 ? " band" : " bands") + " of " + std::to_string(bit_depth) + " bits, " + colour_space;
    if (resolution_dpi > 0) {
      char dpi[32];
      std::snprintf(dpi, sizeof dpi, "%g dpi", resolution_dpi);
      text += ", " + std::string(dpi);
    }
    if (icc_profile) text += ", ICC profile";
  }
  if (duration_seconds > 0 || !streams.empty()) {
    text = format_seconds(duration_seconds);
    for (const auto& stream : streams) {
      text += ", " + stream.kind + " " + stream.codec;
      if (stream.channels > 0) text += " " + std::to_string(stream.channels) + " ch";
      if (stream.sample_rate > 0) text += " " + std::to_string(stream.sample_rate) + " Hz";
      if (stream.width > 0) text += " " + std::to_string(stream.width) + "x" + std::to_string(stream.height);
    }
  }
  if (pages > 0) text = std::to_string(pages) + (pages == 1 ? " page" : " pages");
  if (text.empty()) text = "no technical metadata for " + media_type;
  if (!tool.empty()) text += " (" + tool + ")";
  return text;
}

bool is_image_type(std::string_view media_type) { return media_type.starts_with("image/"); }
bool is_audio_type(std::string_view media_type) { return media_type.starts_with("audio/"); }
bool is_video_type(std::string_view media_type) { return media_type.starts_with("video/"); }
bool is_pdf_type(std::string_view media_type) { return media_type == "application/pdf"; }

Result<TechnicalMetadata> characterize(const std::string& path, std::string_view media_type) {
  TechnicalMetadata metadata;
  metadata.media_type = std::string(media_type);
  if (is_image_type(media_type)) return characterize_image(path, std::move(metadata));
  if (is_audio_type(media_type) || is_video_type(media_type)) return characterize_media(path, std::move(metadata));
  if (is_pdf_type(media_type)) return characterize_pdf(path, std::move(metadata));
  return metadata;
}

std::string technical_to_json(const TechnicalMetadata& metadata) {
  Json json = {{"media_type", metadata.media_type}, {"tool", metadata.tool}};
  if (metadata.width > 0) {
    json["width"] = metadata.width;
    json["height"] = metadata.height;
  }
  if (metadata.bands > 0) {
    json["bands"] = metadata.bands;
    json["bit_depth"] = metadata.bit_depth;
    json["colour_space"] = metadata.colour_space;
    json["icc_profile"] = metadata.icc_profile;
    if (metadata.resolution_dpi > 0) json["resolution_dpi"] = metadata.resolution_dpi;
  }
  if (metadata.duration_seconds > 0 || !metadata.streams.empty()) {
    json["duration_seconds"] = metadata.duration_seconds;
    json["container"] = metadata.container;
    Json streams = Json::array();
    for (const auto& stream : metadata.streams) {
      Json entry = {{"kind", stream.kind}, {"codec", stream.codec}};
      if (stream.channels > 0) entry["channels"] = stream.channels;
      if (stream.sample_rate > 0) entry["sample_rate"] = stream.sample_rate;
      if (stream.width > 0) {
        entry["width"] = stream.width;
        entry["height"] = stream.height;
      }
      streams.push_back(entry);
    }
    json["streams"] = streams;
  }
  if (metadata.pages > 0) json["pages"] = metadata.pages;
  return json.dump(2);
}

Result<TechnicalMetadata> technical_from_json(std::string_view text) {
  Json json = Json::parse(text, nullptr, false);
  if (!json.is_object()) return data_loss_error("technical.json is not a JSON object");
  try {
    TechnicalMetadata metadata;
    metadata.media_type = json.value("media_type", "");
    metadata.tool = json.value("tool", "");
    metadata.width = json.value("width", std::int64_t{0});
    metadata.height = json.value("height", std::int64_t{0});
    metadata.bands = json.value("bands", 0);
    metadata.bit_depth = json.value("bit_depth", 0);
    metadata.colour_space = json.value("colour_space", "");
    metadata.icc_profile = json.value("icc_profile", false);
    metadata.resolution_dpi = json.value("resolution_dpi", 0.0);
    metadata.duration_seconds = json.value("duration_seconds", 0.0);
    metadata.container = json.value("container", "");
    for (const auto& entry : json.value("streams", Json::array())) {
      MediaStream stream;
      stream.kind = entry.value("kind", "");
      stream.codec = entry.value("codec", "");
      stream.channels = entry.value("channels", 0);
      stream.sample_rate = entry.value("sample_rate", 0);
      stream.width = entry.value("width", std::int64_t{0});
      stream.height = entry.value("height", std::int64_t{0});
      metadata.streams.push_back(stream);
    }
    metadata.pages = json.value("pages", 0);
    return metadata;
  } catch (const Json::exception& error) {
    return data_loss_error(std::string("technical.json: ") + error.what());
  }
}

}  // namespace mura::media
