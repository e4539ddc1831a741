// Derivatives of a repository's files: technical metadata (also recorded as a PREMIS "metadata
// extraction" event), pyramids for IIIF, web renditions of sound and video, and the text of
// scanned pages (OCR) and PDFs. They live in the derivative cache (media/derivative_paths.h),
// keyed by content digest, outside the preservation store, and can always be rebuilt from it.
// Each derivative of a file is built at most once at a time — across threads and processes, by
// a lock file per digest — and written atomically, so a crash leaves a whole file or none.
// Needs the repository on a POSIX file system (libvips, Tesseract and ffmpeg read and write real
// paths). Thread-safe.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/result.h"
#include "media/technical_metadata.h"
#include "media/text_layer.h"
#include "record/record.h"
#include "service/repository.h"

namespace mura::service {

struct DerivativeOptions {
  bool ocr = true;  // recognise images of documents and PDF pages without text
  std::string ocr_languages = "kaz+rus+eng";
  bool renditions = true;  // web renditions of sound and video browsers cannot play
  int tile_size = 256;
  int tile_quality = 85;
};

// What build_derivatives() did for one record.
struct DerivativeReport {
  std::string id;
  std::size_t files = 0;    // files that have derivatives
  std::size_t made = 0;     // derivatives made now
  std::size_t present = 0;  // derivatives that were already there
  double megapixels = 0;    // pixels of the pyramids made now
  std::size_t ocr_pages = 0;
  std::size_t texts = 0;    // text layers (OCR, PDF text) made now
  std::vector<std::string> problems;  // "files/x.tif: ..." per derivative that failed
};

// True when the record's images are documents to read (archival units, legal acts, research
// outputs) rather than pictures of objects (museum objects, artworks, agents).
bool wants_ocr(const record::Record& record);

// The pyramid of `file` (an image of record `id`), built now when it is missing. Its path.
// FailedPrecondition when the file is not an image; InvalidArgument when libvips cannot read it.
Result<std::string> ensure_pyramid(Repository& repository, const std::string& id,
                                   const record::FileEntry& file, const DerivativeOptions& options = {});

// The technical metadata of `file`, read now when missing; reading it also appends a PREMIS
// event to the object's logs/characterization.jsonl and to the catalog.
Result<media::TechnicalMetadata> ensure_technical(Repository& repository, const std::string& id,
                                                  const record::FileEntry& file, const Actor& actor);

// The technical metadata of `file` if it was read; never reads it.
std::optional<media::TechnicalMetadata> technical_if_present(Repository& repository,
                                                             const record::FileEntry& file);

// The web rendition of `file` (audio or video) if one was made: its path and media type.
std::optional<std::pair<std::string, std::string>> rendition_if_present(Repository& repository,
                                                                        const record::FileEntry& file);

// Builds every derivative the head version of record `id` lacks: technical metadata of every
// media file, pyramids of images, OCR of document images and text of PDFs, renditions. A
// derivative that fails is named in the report's problems; the others are still built.
// NotFound for an unknown record.
Result<DerivativeReport> build_derivatives(Repository& repository, const std::string& id,
                                           const DerivativeOptions& options, const Actor& actor);

// The text layer of one file of a record.
struct FileText {
  std::string path;  // logical path below files/
  media::TextPage page;
};

// The text layers (OCR and PDF text) that exist for the files of `record`, in file order and
// page order. Builds nothing.
Result<std::vector<FileText>> text_of(Repository& repository, const record::Record& record);

// All text found in the head files of record `id` — OCR of scans and the text of PDFs, pages
// separated by blank lines — for the full-text index; "" when there is none (yet). NotFound for
// an unknown record. Ignores access: the caller indexes access with the record.
Result<std::string> extracted_text(Repository& repository, const std::string& id);

}  // namespace mura::service
