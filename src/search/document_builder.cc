#include "search/document_builder.h"

#include <algorithm>
#include <set>

#include "record/edtf.h"
#include "search/analyzer.h"
#include "search/schema.h"
#include "search/stored_record.h"
#include "text/collation.h"
#include "text/kazakh_script.h"
#include "text/normalize.h"
#include "text/tokenizer.h"
#include "text/utf8.h"

namespace mura::search {
namespace {

// Positions between two values, so that a phrase never spans them.
constexpr Xapian::termpos kValueGap = 100;

class DocumentWriter {
 public:
  explicit DocumentWriter(Xapian::Document& document) : document_(document) {}

  // Indexes the words of one value of a search field. Positions go with the loose key (every
  // spelling of a phrase matches it) or, for words without one (numbers), the surface form.
  // Short fields also get field terms; descriptions and other texts only general ones (their
  // words are most of a record's, and description: searches all descriptive text).
  void add_text(std::string_view value, std::string_view language, Field field) {
    const unsigned weight = field_info(field).weight;
    const bool full_text = field == Field::kFullText;
    const bool restricted = has_field_terms(field);
    for (const auto& token : text::tokenize(value)) {
      WordForms forms = index_forms(token.of(value), language);
      // A stem equal to the word, or a loose stem equal to the loose key, adds no term: the
      // query side also looks for its stems among surface forms and loose keys. A Kazakh word's
      // stem adds none either: its loose stem (or loose key) matches every spelling the stem
      // does, and each term costs indexing time.
      if (forms.stem == forms.surface || !forms.loose_stem.empty()) forms.stem.clear();
      if (forms.loose_stem == forms.loose) forms.loose_stem.clear();
      ++position_;
      const std::optional<Field> general;
      const std::optional<Field> own = full_text ? std::optional<Field>(field) : general;
      // General terms (or, for full text, its own: its words are searched only by callers who
      // may read the files).
      if (forms.loose.empty()) {
        document_.add_posting(word_term(Form::kSurface, forms.surface, own), position_, weight);
      } else {
        document_.add_term(word_term(Form::kSurface, forms.surface, own), weight);
        document_.add_posting(word_term(Form::kLoose, forms.loose, own), position_, weight);
      }
      if (!forms.stem.empty()) document_.add_term(word_term(Form::kStem, forms.stem, own), weight);
      if (!forms.loose_stem.empty())
        document_.add_term(word_term(Form::kLooseStem, forms.loose_stem, own), weight);
      if (restricted && !full_text) {
        document_.add_term(word_term(Form::kSurface, forms.surface, field));
        if (!forms.loose.empty()) document_.add_term(word_term(Form::kLoose, forms.loose, field));
        if (!forms.stem.empty()) document_.add_term(word_term(Form::kStem, forms.stem, field));
        if (!forms.loose_stem.empty())
          document_.add_term(word_term(Form::kLooseStem, forms.loose_stem, field));
      }
    }
    position_ += kValueGap;
  }

  void add_boolean(const std::string& term) { document_.add_boolean_term(term); }

 private:
  Xapian::Document& document_;
  Xapian::termpos position_ = 0;
};

std::string trimmed(std::string_view text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return {};
  const auto last = text.find_last_not_of(" \t\r\n");
  return std::string(text.substr(first, last - first + 1));
}

// The language the full text is read in: the record's single language if it is one the analyzer
// knows, else none.
std::string full_text_language(const record::Record& record) {
  auto it = record.fields.find("language");
  if (it == record.fields.end() || it->second.size() != 1) return "";
  const std::string& value = it->second.front().value;
  if (text::is_kazakh(value) || value == "ru" || value == "en") return value;
  return "";
}

void add_access_terms(DocumentWriter& writer, Xapian::Document& document,
                      const access::Requirement& requirement, std::string_view grant_prefix,
                      std::string_view no_public_grant, std::string_view curator_prefix,
                      unsigned open_from_slot) {
  for (const auto& grant : requirement.grants)
    writer.add_boolean(std::string(grant_prefix) + grant);
  if (std::find(requirement.grants.begin(), requirement.grants.end(), access::kPublicToken) ==
      requirement.grants.end()) {
    writer.add_boolean(std::string(no_public_grant));
  }
  if (!requirement.collection.empty())
    writer.add_boolean(std::string(curator_prefix) + requirement.collection);
  if (!requirement.open_from.empty()) document.add_value(open_from_slot, requirement.open_from);
}

// Facet values of a multilingual field. Kazakh values get a Latin twin filter term when the
// field has no kk-Latn value of its own (the searcher transliterates them when it counts).
void add_language_facet(std::vector<FacetValue>& facets, std::vector<std::string>& twin_terms,
                        Facet facet, const std::vector<record::LanguageValue>& values) {
  const bool has_latin = std::any_of(
      values.begin(), values.end(),
      [](const record::LanguageValue& value) { return text::is_kazakh_latin(value.language); });
  for (const auto& value : values) {
    std::string text = text::to_nfc(trimmed(value.value));
    if (text.empty()) continue;
    if (!has_latin && value.language == "kk")
      twin_terms.push_back(facet_term(facet, text::kazakh_to_latin(text)));
    facets.push_back({facet, value.language, std::move(text)});
  }
}

}  // namespace

Xapian::Document build_document(const IndexedRecord& entry) {
  const record::Record& record = entry.record;
  Xapian::Document document;
  DocumentWriter writer(document);
  writer.add_boolean(id_term(record.id));
  for (const auto& ancestor : entry.ancestors) writer.add_boolean(ancestor_term(ancestor));
  writer.add_boolean(ancestor_term(record.id));

  StoredRecord stored;
  stored.id = record.id;
  stored.kind = std::string(record::kind_name(record.kind));
  stored.level = record.level;
  stored.parent = record.parent;
  stored.collection = entry.collection;
  stored.metadata = entry.requirements.metadata;
  stored.files = entry.requirements.files;

  std::vector<FacetValue> facets;
  std::vector<std::string> twin_terms;
  facets.push_back({Facet::kKind, "", stored.kind});
  if (!record.level.empty()) facets.push_back({Facet::kLevel, "", record.level});
  for (const auto& collection : entry.collections)
    facets.push_back({Facet::kCollection, "", collection});
  facets.push_back(
      {Facet::kAccess, "", std::string(record::access_level_name(record.access.metadata))});
  if (!record.rights.empty()) facets.push_back({Facet::kRights, "", record.rights});

  for (const auto& [name, values] : record.fields) {
    if (name == "creator") add_language_facet(facets, twin_terms, Facet::kCreator, values);
    if (name == "subject") add_language_facet(facets, twin_terms, Facet::kSubject, values);
    if (name == "place") add_language_facet(facets, twin_terms, Facet::kPlace, values);
    if (name == "language") {
      for (const auto& value : values) {
        if (std::string tag = trimmed(value.value); !tag.empty())
          facets.push_back({Facet::kLanguage, "", tag});
      }
    }
    const auto field = search_field_of(name);
    if (!field) continue;
    for (const auto& value : values) {
      writer.add_text(value.value, value.language, *field);
      if (*field == Field::kIdentifier) {
        if (std::string whole = text::fold_case(trimmed(value.value));
            !whole.empty() && whole.size() < 200) {
          writer.add_boolean(std::string(kIdentifierPrefix) + whole);
        }
      }
      if (name == "title") {
        stored.titles.push_back({value.language, value.value});
      } else if (*field == Field::kDescription || *field == Field::kOther) {
        stored.texts.push_back({name, {value.language, cut_utf8(value.value, kMaxStoredText)}});
      }
    }
  }
  if (!entry.full_text.empty()) {
    writer.add_text(entry.full_text, full_text_language(record), Field::kFullText);
    stored.full_text = cut_utf8(entry.full_text, kMaxStoredText);
  }

  // Dates: the first field that has a parseable one.
  for (auto date_field : kDateFields) {
    const std::string date = record.first_value(date_field);
    if (date.empty()) continue;
    auto parsed = record::parse_edtf(date);
    if (!parsed) continue;
    stored.date = parsed->text;
    const bool open_start = parsed->start_year == record::kEdtfOpenStart;
    const bool open_end = parsed->end_year == record::kEdtfOpenEnd;
    document.add_value(kSlotDateStart, Xapian::sortable_serialise(open_start ? kOpenStartYear
                                                                             : parsed->start_year));
    document.add_value(kSlotDateEnd,
                       Xapian::sortable_serialise(open_end ? kOpenEndYear : parsed->end_year));
    if (!open_start && !open_end) {
      for (auto& decade : decades_of(parsed->start_year, parsed->end_year))
        facets.push_back({Facet::kDecade, "", decade});
      for (auto& century : centuries_of(parsed->start_year, parsed->end_year))
        facets.push_back({Facet::kCentury, "", century});
    }
    break;
  }

  std::set<std::string> formats;
  for (const auto& file : record.files) {
    if (!file.media_type.empty()) formats.insert(file.media_type);
    if (file.media_type.starts_with("image/")) stored.has_images = true;
  }
  for (const auto& format : formats) facets.push_back({Facet::kFormat, "", format});
  facets.push_back({Facet::kHasImages, "", stored.has_images ? "true" : "false"});

  for (const auto& facet : facets) writer.add_boolean(facet_term(facet.facet, facet.value));
  for (const auto& term : twin_terms) writer.add_boolean(term);
  document.add_value(kSlotFacets, pack_facets(facets));

  for (const auto& [slot, language] :
       {std::pair{kSlotTitleKazakh, "kk"}, std::pair{kSlotTitleRussian, "ru"},
        std::pair{kSlotTitleEnglish, "en"}}) {
    const std::string title = stored.title_for(language).value;
    if (!title.empty()) document.add_value(slot, text::sort_key(title, language));
  }

  add_access_terms(writer, document, entry.requirements.metadata, kMetadataGrantPrefix,
                   kMetadataNoPublicGrant, kMetadataCuratorPrefix, kSlotMetadataOpenFrom);
  add_access_terms(writer, document, entry.requirements.files, kFilesGrantPrefix,
                   kFilesNoPublicGrant, kFilesCuratorPrefix, kSlotFilesOpenFrom);
  document.set_data(stored.encode());
  return document;
}

}  // namespace mura::search
