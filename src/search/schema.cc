#include "search/schema.h"

#include <algorithm>
#include <charconv>
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

namespace {

// The packed slot is read for every match of a faceted search: keep it small. Languages are
// one letter for the four of the interface, rights statements and licences an index into
// kKnownRights, and decades and centuries one span entry ("D1910/1930").
constexpr char kSpanCode = 'D';
constexpr std::pair<std::string_view, std::string_view> kLanguageCodes[] = {
    {"kk", "k"}, {"kk-Latn", "l"}, {"ru", "r"}, {"en", "e"}};

std::string_view encode_language(std::string_view language) {
  for (const auto& [tag, code] : kLanguageCodes) {
    if (tag == language) return code;
  }
  return language;
}

std::string_view decode_language(std::string_view code) {
  for (const auto& [tag, letter] : kLanguageCodes) {
    if (letter == code) return tag;
  }
  return code;
}

void append_clean(std::string& out, std::string_view text) {
  for (char c : text) {
    if (c != '\x1e' && c != '\x1f') out += c;
  }
}

int parse_int(std::string_view text) {
  int number = 0;
  std::from_chars(text.data(), text.data() + text.size(), number);
  return number;
}

}  // namespace

std::string_view packed_language_code(std::string_view language) {
  return encode_language(language);
}

std::string decode_packed_value(Facet facet, std::string_view value) {
  if (facet == Facet::kRights && value.size() > 1 && value[0] == '#') {
    const auto index = static_cast<std::size_t>(parse_int(value.substr(1)));
    if (index < std::size(kKnownRights)) return std::string(kKnownRights[index]);
  }
  return std::string(value);
}

// Entries "<facet code><language code>\x1f<value>\x1e"; separators in values are dropped.
std::string pack_facets(const std::vector<FacetValue>& values) {
  std::string packed;
  int first_decade = 0;
  int last_decade = 0;
  bool dated = false;
  for (const auto& value : values) {
    if (value.facet == Facet::kCentury) continue;  // follows from the decades
    if (value.facet == Facet::kDecade) {
      const int decade = parse_int(value.value);
      first_decade = dated ? std::min(first_decade, decade) : decade;
      last_decade = dated ? std::max(last_decade, decade) : decade;
      dated = true;
      continue;
    }
    packed += facet_info(value.facet).code;
    append_clean(packed, encode_language(value.language));
    packed += '\x1f';
    std::string_view text = value.value;
    std::string short_form;
    if (value.facet == Facet::kRights) {
      for (std::size_t i = 0; i < std::size(kKnownRights); ++i) {
        if (kKnownRights[i] == text) short_form = "#" + std::to_string(i);
      }
      if (!short_form.empty()) text = short_form;
    }
    append_clean(packed, text);
    packed += '\x1e';
  }
  if (dated) {
    packed += kSpanCode;
    packed += '\x1f';
    packed += std::to_string(first_decade) + "/" + std::to_string(last_decade + 9);
    packed += '\x1e';
  }
  return packed;
}

std::optional<std::pair<int, int>> packed_span(std::string_view value) {
  const auto slash = value.find('/');
  if (slash == std::string_view::npos) return std::nullopt;
  return std::pair{parse_int(value.substr(0, slash)), parse_int(value.substr(slash + 1))};
}

std::vector<FacetValue> unpack_facets(std::string_view packed) {
  std::vector<FacetValue> values;
  while (!packed.empty()) {
    const auto end = packed.find('\x1e');
    std::string_view entry = packed.substr(0, end);
    packed = end == std::string_view::npos ? std::string_view() : packed.substr(end + 1);
    const auto separator = entry.find('\x1f');
    if (entry.empty() || separator == std::string_view::npos) continue;
    const std::string_view value = entry.substr(separator + 1);
    if (entry[0] == kSpanCode) {
      if (const auto span = packed_span(value)) {
        for (auto& decade : decades_of(span->first, span->second))
          values.push_back({Facet::kDecade, "", decade});
        for (auto& century : centuries_of(span->first, span->second))
          values.push_back({Facet::kCentury, "", century});
      }
      continue;
    }
    for (const auto& info : kFacets) {
      if (info.code == entry[0]) {
        values.push_back({info.facet, std::string(decode_language(entry.substr(1, separator - 1))),
                          decode_packed_value(info.facet, value)});
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
