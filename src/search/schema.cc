#include "search/schema.h"

#include <algorithm>
#include <cstdint>
#include <cstdio>

#include "text/normalize.h"

namespace mura::search {
namespace {

// Xapian terms are at most 245 bytes; leave room for the prefix.
constexpr std::size_t kMaxValueBytes = 200;

struct FieldMapping {
  std::string_view record_field;
  Field field;
};
constexpr FieldMapping kFieldMappings[] = {
    {"title", Field::kTitle},
    {"alternative_name", Field::kTitle},
    {"description", Field::kDescription},
    {"scope_and_content", Field::kDescription},
    {"biography", Field::kDescription},
    {"provenance", Field::kDescription},
    {"arrangement", Field::kDescription},
    {"creator", Field::kCreator},
    {"contributor", Field::kCreator},
    {"curator", Field::kCreator},
    {"publisher", Field::kCreator},
    {"funder", Field::kCreator},
    {"subject", Field::kSubject},
    {"occupation", Field::kSubject},
    {"object_name", Field::kSubject},
    {"document_type", Field::kSubject},
    {"material", Field::kSubject},
    {"technique", Field::kSubject},
    {"style", Field::kSubject},
    {"resource_type", Field::kSubject},
    {"act_type", Field::kSubject},
    {"agent_type", Field::kSubject},
    {"place", Field::kPlace},
    {"identifier", Field::kIdentifier},
    {"reference_code", Field::kIdentifier},
    {"inventory_number", Field::kIdentifier},
    {"doi", Field::kIdentifier},
    {"act_number", Field::kIdentifier},
    {"related_identifier", Field::kIdentifier},
    {"call_number", Field::kIdentifier},
};

// Not searched as text: dates, references to other records, numbers, URIs, languages.
constexpr std::string_view kUnsearchedFields[] = {
    "date",          "dates_of_existence", "adoption_date",
    "signed_date",   "entry_into_force",   "publication_year",
    "creator_agent", "number_of_objects",  "license",
    "language",
};

std::uint64_t fnv1a(std::string_view text) {
  std::uint64_t hash = 14695981039346656037ULL;
  for (char c : text) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 1099511628211ULL;
  }
  return hash;
}

// Cuts a value to kMaxValueBytes at a UTF-8 boundary, adding a hash of the whole.
std::string bounded(std::string_view value) {
  if (value.size() <= kMaxValueBytes) return std::string(value);
  std::size_t cut = kMaxValueBytes - 17;
  while (cut > 0 && (static_cast<unsigned char>(value[cut]) & 0xC0U) == 0x80U) --cut;
  char hash[24];
  std::snprintf(hash, sizeof hash, "#%016llx", static_cast<unsigned long long>(fnv1a(value)));
  return std::string(value.substr(0, cut)) + hash;
}

int floor_to(int year, int step) {
  const int remainder = year % step;
  return remainder < 0 ? year - remainder - step : year - remainder;
}

}  // namespace

const FieldInfo& field_info(Field field) { return kFields[static_cast<std::size_t>(field)]; }

bool has_field_terms(Field field) { return field != Field::kDescription && field != Field::kOther; }

std::optional<Field> parse_field(std::string_view name) {
  for (const auto& info : kFields) {
    if (info.name == name && info.field != Field::kOther) return info.field;
  }
  return std::nullopt;
}

std::optional<Field> search_field_of(std::string_view record_field) {
  for (const auto& mapping : kFieldMappings) {
    if (mapping.record_field == record_field) return mapping.field;
  }
  for (auto unsearched : kUnsearchedFields) {
    if (unsearched == record_field) return std::nullopt;
  }
  return Field::kOther;
}

bool is_identifier_field(std::string_view record_field) {
  const auto field = search_field_of(record_field);
  return field && *field == Field::kIdentifier;
}

std::string word_term(Form form, std::string_view word, std::optional<Field> field) {
  std::string term;
  term.reserve(word.size() + 3);
  switch (form) {
    case Form::kSurface:
      break;
    case Form::kStem:
      term += kStemPrefix;
      break;
    case Form::kLoose:
      term += kLoosePrefix;
      break;
    case Form::kLooseStem:
      term += kLooseStemPrefix;
      break;
  }
  if (field) {
    term += 'X';
    term += field_info(*field).code;
  }
  term += word;
  return term;
}

unsigned title_slot(std::string_view language) {
  if (language.starts_with("ru")) return kSlotTitleRussian;
  if (language.starts_with("en")) return kSlotTitleEnglish;
  return kSlotTitleKazakh;
}

const FacetInfo& facet_info(Facet facet) { return kFacets[static_cast<std::size_t>(facet)]; }

std::optional<Facet> parse_facet(std::string_view name) {
  for (const auto& info : kFacets) {
    if (info.name == name) return info.facet;
  }
  return std::nullopt;
}

std::string facet_names() {
  std::string names;
  for (const auto& info : kFacets) names += (names.empty() ? "" : ", ") + std::string(info.name);
  return names;
}

std::string facet_term(Facet facet, std::string_view value) {
  return std::string(kFacetPrefix) + std::string(facet_info(facet).name) + ":" + bounded(value);
}

std::string ancestor_term(std::string_view ark) {
  return std::string(kAncestorPrefix) + bounded(ark);
}
std::string id_term(std::string_view ark) { return std::string(kIdPrefix) + bounded(ark); }

// Entries "<code><language>\x1f<value>\x1e"; language and value never hold the separators
// (they are stripped).
std::string pack_facets(const std::vector<FacetValue>& values) {
  std::string packed;
  for (const auto& value : values) {
    packed += facet_info(value.facet).code;
    for (char c : value.language) {
      if (c != '\x1e' && c != '\x1f') packed += c;
    }
    packed += '\x1f';
    for (char c : value.value) {
      if (c != '\x1e' && c != '\x1f') packed += c;
    }
    packed += '\x1e';
  }
  return packed;
}

std::vector<FacetValue> unpack_facets(std::string_view packed) {
  std::vector<FacetValue> values;
  while (!packed.empty()) {
    const auto end = packed.find('\x1e');
    std::string_view entry = packed.substr(0, end);
    packed = end == std::string_view::npos ? std::string_view() : packed.substr(end + 1);
    const auto separator = entry.find('\x1f');
    if (entry.empty() || separator == std::string_view::npos) continue;
    for (const auto& info : kFacets) {
      if (info.code == entry[0]) {
        values.push_back({info.facet, std::string(entry.substr(1, separator - 1)),
                          std::string(entry.substr(separator + 1))});
        break;
      }
    }
  }
  return values;
}

std::vector<std::string> decades_of(int start_year, int end_year) {
  std::vector<std::string> decades;
  if (start_year > end_year || end_year - start_year > kMaxHistogramSpan) return decades;
  for (int decade = floor_to(start_year, 10); decade <= end_year; decade += 10) {
    decades.push_back(std::to_string(decade));
  }
  return decades;
}

std::vector<std::string> centuries_of(int start_year, int end_year) {
  std::vector<std::string> centuries;
  if (start_year > end_year || end_year - start_year > kMaxHistogramSpan) return centuries;
  for (int century = floor_to(start_year, 100); century <= end_year; century += 100) {
    centuries.push_back(std::to_string(century));
  }
  return centuries;
}

std::vector<std::string> language_preference(std::string_view language) {
  std::vector<std::string> order;
  if (!language.empty()) order.emplace_back(language);
  for (std::string_view fallback : {"kk", "kk-Latn", "ru", "en"}) {
    if (std::find(order.begin(), order.end(), fallback) == order.end())
      order.emplace_back(fallback);
  }
  return order;
}

}  // namespace mura::search
