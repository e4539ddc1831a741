// What a search document keeps of its record for showing a hit without reading the store:
// titles, the texts snippets are cut from, date, collection, whether it has images, and what its
// files require (thumbnails and full-text snippets are shown only to callers who may see them).
// Encoded as compact JSON in the document's data. Value type.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "access/policy.h"
#include "base/result.h"
#include "record/record.h"

namespace mura::search {

// Texts longer than this are cut for snippets (the index still holds every word).
inline constexpr std::size_t kMaxStoredText = 1500;

struct StoredText {
  std::string field;  // the record field: "description", "scope_and_content", ...
  record::LanguageValue text;
  friend bool operator==(const StoredText&, const StoredText&) = default;
};

struct StoredRecord {
  std::string id;
  std::string kind;
  std::string level;
  std::string parent;
  std::string collection;
  std::string date;  // the EDTF date as written
  std::vector<record::LanguageValue> titles;
  std::vector<StoredText> texts;
  std::string full_text;  // cut to kMaxStoredText
  bool has_images = false;
  access::Requirement metadata;
  access::Requirement files;

  // The title in `language`, else by language_preference(); with its language. A Kazakh title
  // asked for in kk-Latn that exists only in Cyrillic is transliterated.
  record::LanguageValue title_for(std::string_view language) const;

  std::string encode() const;
  // DataLoss when `data` is not a stored record.
  static Result<StoredRecord> decode(std::string_view data);
  friend bool operator==(const StoredRecord&, const StoredRecord&) = default;
};

// `text` cut to at most `limit` bytes at a UTF-8 boundary.
std::string cut_utf8(std::string_view text, std::size_t limit);

}  // namespace mura::search
