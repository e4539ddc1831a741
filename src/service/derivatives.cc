#include "service/derivatives.h"

#include <mutex>

#include "iiif/image_service.h"
#include "media/av_rendition.h"
#include "media/derivative_paths.h"
#include "media/image_pyramid.h"
#include "media/ocr.h"
#include "media/pdf_text.h"
#include "record/record_json.h"

namespace mura::service {
namespace {

using media::DerivativeKind;

constexpr std::string_view kFilesPrefix = "files/";

std::string path_of(Repository& repository, const record::FileEntry& file, DerivativeKind kind) {
  return media::derivative_path(repository.directory(), file.digest, kind);
}

bool exists(Repository& repository, const std::string& path) {
  return repository.file_system().stat(path).has_value();
}

Status check_digest(const record::FileEntry& file) {
  if (!media::is_sha512_hex(file.digest)) {
    return failed_precondition_error("file \"" + file.path + "\" has no SHA-512 digest (run `mura reindex`)");
  }
  return ok_status();
}

// Runs `make` under the digest's lock unless `target` exists (before or after taking the lock).
// Returns whether it made the derivative.
Result<bool> make_once(Repository& repository, const record::FileEntry& file, const std::string& target,
                       const std::function<Status()>& make) {
  if (exists(repository, target)) return false;
  FileSystem& fs = repository.file_system();
  const std::string directory = media::derivative_directory(repository.directory(), file.digest);
  MURA_TRY(create_directories(fs, directory, Durability::kDeferred));
  MURA_ASSIGN_OR_RETURN(auto lock, fs.lock(join_path(directory, ".lock")));
  if (exists(repository, target)) return false;
  MURA_TRY(make());
  return true;
}

Result<std::string> source_path(Repository& repository, const std::string& id, const record::FileEntry& file) {
  return repository.store().content_location(id, std::string(kFilesPrefix) + file.path);
}

// Appends `event` to <object>/logs/characterization.jsonl (OCFL keeps logs/ outside versions)
// and to the catalog's event list.
Status log_event(Repository& repository, const std::string& id, const record::Event& event) {
  static std::mutex mutex;
  std::lock_guard guard(mutex);
  FileSystem& fs = repository.file_system();
  MURA_TRY(create_directories(fs, media::derivatives_root(repository.directory()), Durability::kDeferred));
  MURA_ASSIGN_OR_RETURN(auto lock, fs.lock(join_path(media::derivatives_root(repository.directory()), ".events.lock")));
  const std::string logs = join_path(repository.store().object_root(id), "logs");
  MURA_TRY(create_directories(fs, logs));
  const std::string path = join_path(logs, "characterization.jsonl");
  std::string text;
  if (auto existing = read_file(fs, path); existing.has_value()) text = std::move(*existing);
  text += record::encode_event(event) + "\n";
  MURA_TRY(write_file_atomically(fs, path, text));
  return repository.catalog().append_events(id, {event});
}

Result<bool> make_technical(Repository& repository, const std::string& id, const record::FileEntry& file,
                            const Actor& actor) {
  const std::string target = path_of(repository, file, DerivativeKind::kTechnical);
  return make_once(repository, file, target, [&]() -> Status {
    MURA_ASSIGN_OR_RETURN(std::string source, source_path(repository, id, file));
    MURA_ASSIGN_OR_RETURN(auto metadata, media::characterize(source, file.media_type));
    MURA_TRY(write_file_atomically(repository.file_system(), target, media::technical_to_json(metadata)));
    std::string detail = "files/" + file.path + " (" + file.media_type;
    if (!file.puid.empty()) detail += ", " + file.puid;
    detail += "): " + metadata.summary();
    return log_event(repository, id, make_event("metadata extraction", actor, "success", detail));
  });
}

Result<bool> make_pyramid(Repository& repository, const std::string& id, const record::FileEntry& file,
                          const DerivativeOptions& options, double* megapixels) {
  const std::string target = path_of(repository, file, DerivativeKind::kPyramid);
  return make_once(repository, file, target, [&]() -> Status {
    MURA_ASSIGN_OR_RETURN(std::string source, source_path(repository, id, file));
    MURA_ASSIGN_OR_RETURN(auto summary, media::build_pyramid(source, target, {options.tile_size, options.tile_quality}));
    if (megapixels) *megapixels += static_cast<double>(summary.width * summary.height) / 1e6;
    return ok_status();
  });
}

// The thumbnail every manifest and result card asks for, rendered by the IIIF image service from
// the pyramid, so that its bytes are the ones the service would send.
Result<bool> make_thumbnail(Repository& repository, const record::FileEntry& file) {
  const std::string target = path_of(repository, file, DerivativeKind::kThumbnail);
  return make_once(repository, file, target, [&]() -> Status {
    iiif::ImageService service;
    iiif::ImageSource source{file.digest, path_of(repository, file, DerivativeKind::kPyramid)};
    MURA_ASSIGN_OR_RETURN(auto rendered, service.render(source, iiif::thumbnail_request()));
    return write_file_atomically(repository.file_system(), target, *rendered.bytes);
  });
}

Result<bool> make_ocr(Repository& repository, const std::string& id, const record::FileEntry& file,
                      const DerivativeOptions& options) {
  const std::string target = path_of(repository, file, DerivativeKind::kOcr);
  return make_once(repository, file, target, [&]() -> Status {
    MURA_ASSIGN_OR_RETURN(std::string source, source_path(repository, id, file));
    media::OcrOptions ocr;
    ocr.languages = options.ocr_languages;
    MURA_ASSIGN_OR_RETURN(auto result, media::ocr_image(source, ocr));
    FileSystem& fs = repository.file_system();
    MURA_TRY(write_file_atomically(fs, path_of(repository, file, DerivativeKind::kHocr), result.hocr));
    return write_file_atomically(fs, target, media::text_pages_to_json({result.page}));
  });
}

Result<bool> make_pdf_text(Repository& repository, const std::string& id, const record::FileEntry& file,
                           const DerivativeOptions& options, std::size_t* ocr_pages) {
  const std::string target = path_of(repository, file, DerivativeKind::kPdfText);
  return make_once(repository, file, target, [&]() -> Status {
    MURA_ASSIGN_OR_RETURN(std::string source, source_path(repository, id, file));
    media::OcrOptions ocr;
    ocr.languages = options.ocr_languages;
    MURA_ASSIGN_OR_RETURN(auto pages, media::pdf_text(source, options.ocr ? &ocr : nullptr));
    for (const auto& page : pages) {
      if (page.source == "ocr" && ocr_pages) ++*ocr_pages;
    }
    return write_file_atomically(repository.file_system(), target, media::text_pages_to_json(pages));
  });
}

Result<bool> make_rendition(Repository& repository, const std::string& id, const record::FileEntry& file,
                            const media::TechnicalMetadata& metadata) {
  const media::Rendition rendition = media::rendition_needed(metadata);
  if (rendition == media::Rendition::kNone) return false;
  const auto kind = rendition == media::Rendition::kVideo ? DerivativeKind::kVideo : DerivativeKind::kAudio;
  const std::string target = path_of(repository, file, kind);
  return make_once(repository, file, target, [&]() -> Status {
    MURA_ASSIGN_OR_RETURN(std::string source, source_path(repository, id, file));
    return media::make_rendition(source, target, rendition);
  });
}

bool has_derivatives(const record::FileEntry& file) {
  return media::is_image_type(file.media_type) || media::is_audio_type(file.media_type) ||
         media::is_video_type(file.media_type) || media::is_pdf_type(file.media_type);
}

Result<record::Record> head_record(Repository& repository, const std::string& id) {
  MURA_ASSIGN_OR_RETURN(auto cataloged, repository.catalog().get_record(id));
  if (cataloged) return std::move(*cataloged);
  return repository.read_record(id);
}

}  // namespace

bool wants_ocr(const record::Record& record) {
  return record.kind == record::Kind::kArchivalUnit || record.kind == record::Kind::kLegalAct ||
         record.kind == record::Kind::kResearchOutput;
}

Result<std::string> ensure_pyramid(Repository& repository, const std::string& id,
                                   const record::FileEntry& file, const DerivativeOptions& options) {
  if (!media::is_image_type(file.media_type)) {
    return failed_precondition_error("file \"" + file.path + "\" of " + id + " is " + file.media_type +
                                     ", not an image");
  }
  MURA_TRY(check_digest(file));
  MURA_TRY(make_pyramid(repository, id, file, options, nullptr));
  return path_of(repository, file, DerivativeKind::kPyramid);
}

Result<media::TechnicalMetadata> ensure_technical(Repository& repository, const std::string& id,
                                                  const record::FileEntry& file, const Actor& actor) {
  MURA_TRY(check_digest(file));
  MURA_TRY(make_technical(repository, id, file, actor));
  MURA_ASSIGN_OR_RETURN(auto json, read_file(repository.file_system(), path_of(repository, file, DerivativeKind::kTechnical)));
  return media::technical_from_json(json);
}

std::optional<media::TechnicalMetadata> technical_if_present(Repository& repository,
                                                             const record::FileEntry& file) {
  if (!media::is_sha512_hex(file.digest)) return std::nullopt;
  auto json = read_file(repository.file_system(), path_of(repository, file, DerivativeKind::kTechnical));
  if (!json) return std::nullopt;
  auto metadata = media::technical_from_json(*json);
  if (!metadata) return std::nullopt;
  return std::move(*metadata);
}

std::optional<std::pair<std::string, std::string>> rendition_if_present(Repository& repository,
                                                                        const record::FileEntry& file) {
  if (!media::is_sha512_hex(file.digest)) return std::nullopt;
  for (auto [kind, type] : {std::pair{DerivativeKind::kVideo, "video/mp4"}, std::pair{DerivativeKind::kAudio, "audio/mp4"}}) {
    const std::string path = path_of(repository, file, kind);
    if (exists(repository, path)) return std::pair{path, std::string(type)};
  }
  return std::nullopt;
}

Result<DerivativeReport> build_derivatives(Repository& repository, const std::string& id,
                                           const DerivativeOptions& options, const Actor& actor) {
  MURA_ASSIGN_OR_RETURN(record::Record record, head_record(repository, id));
  DerivativeReport report;
  report.id = id;
  if (record.deleted) return report;
  auto count = [&](const record::FileEntry& file, std::string_view what, const Result<bool>& made) {
    if (!made) {
      report.problems.push_back("files/" + file.path + ": " + std::string(what) + ": " + made.error().message());
    } else if (*made) {
      ++report.made;
    } else {
      ++report.present;
    }
  };
  for (const auto& file : record.files) {
    if (!has_derivatives(file)) continue;
    ++report.files;
    if (Status status = check_digest(file); !status.ok()) {
      report.problems.push_back("files/" + file.path + ": " + status.message());
      continue;
    }
    count(file, "technical metadata", make_technical(repository, id, file, actor));
    if (media::is_image_type(file.media_type)) {
      count(file, "pyramid", make_pyramid(repository, id, file, options, &report.megapixels));
      count(file, "thumbnail", make_thumbnail(repository, file));
      if (options.ocr && wants_ocr(record)) {
        auto made = make_ocr(repository, id, file, options);
        if (made && *made) {
          ++report.ocr_pages;
          ++report.texts;
        }
        count(file, "OCR", made);
      }
    } else if (media::is_pdf_type(file.media_type)) {
      auto made = make_pdf_text(repository, id, file, options, &report.ocr_pages);
      if (made && *made) ++report.texts;
      count(file, "PDF text", made);
    } else if (options.renditions) {
      auto metadata = technical_if_present(repository, file);
      if (metadata && media::rendition_needed(*metadata) != media::Rendition::kNone) {
        count(file, "web rendition", make_rendition(repository, id, file, *metadata));
      }
    }
  }
  return report;
}

Result<std::vector<FileText>> text_of(Repository& repository, const record::Record& record) {
  std::vector<FileText> texts;
  for (const auto& file : record.files) {
    if (!media::is_sha512_hex(file.digest)) continue;
    DerivativeKind kind;
    if (media::is_image_type(file.media_type)) {
      kind = DerivativeKind::kOcr;
    } else if (media::is_pdf_type(file.media_type)) {
      kind = DerivativeKind::kPdfText;
    } else {
      continue;
    }
    auto json = read_file(repository.file_system(), path_of(repository, file, kind));
    if (!json) continue;
    MURA_ASSIGN_OR_RETURN(auto pages, media::text_pages_from_json(*json));
    for (auto& page : pages) texts.push_back({file.path, std::move(page)});
  }
  return texts;
}

Result<std::string> extracted_text(Repository& repository, const std::string& id) {
  MURA_ASSIGN_OR_RETURN(record::Record record, head_record(repository, id));
  MURA_ASSIGN_OR_RETURN(auto texts, text_of(repository, record));
  std::string text;
  for (const auto& entry : texts) {
    if (entry.page.text.empty()) continue;
    if (!text.empty()) text += "\n\n";
    text += entry.page.text;
  }
  return text;
}

}  // namespace mura::service
