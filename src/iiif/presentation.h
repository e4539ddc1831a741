// IIIF Presentation API 3.0 documents of Mura records: a Manifest per record (one Canvas per
// image, sound or video file, in file order) and a Collection per collection or archival unit
// (its visible children, a page at a time). Every label and metadata value is a language map
// (kk, kk-Latn, ru, en; "none" for values without a language). Built from values the caller
// gathered under the access policy; plain functions, thread-safe.
// Spec: https://iiif.io/api/presentation/3.0/
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "record/profile.h"
#include "record/record.h"

namespace mura::iiif {

inline constexpr std::string_view kPresentationContext = "http://iiif.io/api/presentation/3/context.json";

struct PresentationContext {
  std::string base_url;       // "https://mura.example.kz", no trailing slash
  std::string provider_name;  // the repository's name
};

// What one Canvas shows.
struct CanvasContent {
  enum class Type { kImage, kSound, kVideo };
  Type type = Type::kImage;
  std::string file_path;      // logical path below files/
  std::string label;          // the file's caption, or ""
  std::string image_service;  // images: the Image API service id ("{base}/iiif/3/{id}")
  std::string content_url;    // sound and video: the stream (original or web rendition)
  std::string format;         // media type of the content
  std::int64_t width = 0;     // images and video
  std::int64_t height = 0;
  double duration = 0;        // sound and video, seconds
};

// A file offered for download (the manifest's "rendering").
struct Download {
  std::string url;
  std::string file_path;
  std::string format;
};

// The Manifest of `record` at "{base}/iiif/3/{naan}~{name}/manifest". `profile` gives the field
// labels (may be null); `collection` is the ARK of the collection it is part of, or "".
std::string manifest_json(const record::Record& record, const record::Profile* profile,
                          const std::vector<CanvasContent>& canvases,
                          const std::vector<Download>& downloads, const std::string& collection,
                          const PresentationContext& context);

struct CollectionEntry {
  enum class Type { kManifest, kCollection };
  Type type = Type::kManifest;
  std::string id;  // the ARK of the child record
  std::vector<record::LanguageValue> label;
  std::string thumbnail_service;  // Image API service of its first image, or ""
};

// The Collection of `record` at "{base}/iiif/3/{naan}~{name}/collection", with `items`; when
// `next_cursor` is not empty, a last item links the next page ("…/collection?page=<cursor>").
// `cursor` is this page's cursor ("" for the first).
std::string collection_json(const record::Record& record, const record::Profile* profile,
                            const std::vector<CollectionEntry>& items, const std::string& cursor,
                            const std::string& next_cursor, const PresentationContext& context);

// Whether `record` is, by its kind and level, made of parts: a collection, or an archival unit
// above the item (fonds, series, file ...). Such a record always has a IIIF Collection (empty
// while it has no parts the caller may see); any other record has one only while it has parts.
bool aggregates_parts(const record::Record& record);

// "{base}/iiif/3/{naan}~{name}" for record `ark` (an ARK Mura minted).
std::string presentation_base(const std::string& base_url, const std::string& ark);

// The rights URI in the form the Presentation API accepts (http:// Creative Commons or
// RightsStatements.org URIs), or "" when `rights` is neither.
std::string presentation_rights(const std::string& rights);

}  // namespace mura::iiif
