// The schema of Mura's search index (docs/adr/0005-search.md): the term prefixes, the value
// slots, the facets, and how record fields map onto search fields. Every term and value the
// indexer writes and the searcher reads is built here, so the two cannot drift apart. Plain
// values and functions; thread-safe.
//
// Terms (lower-case words never start with an upper-case ASCII letter, so prefixes are free):
//   word            surface form of a word of any field but full text (positional when the
//                   word has no loose key: numbers)
//   Z<stem>         Russian and English: its stem (Xapian's stemmers), when it differs from
//                   the word (Kazakh words have M, which matches all the stem would; older
//                   indexes of this schema have Z for them too, which queries still read)
//   L<loose>        its loose key (both alphabets, romanisations, look-alikes), positional
//   M<loose stem>   Kazakh: the loose key of its look-alike-folded stem, when it differs from
//                   the loose key
//   X<f>…, ZX<f>…, LX<f>…, MX<f>…   the same four in search field <f> (title, creator,
//                   subject, place, identifier; full text, positional, instead of general terms)
//   XK<identifier>  a whole identifier value, lower case
//   Q<ark>          the record (unique); H<ark> every ancestor and the record itself
//   F<facet>:<v>    a facet value (filters)
//   AG<token>, AC<ark>   metadata access: grant tokens and the collection whose curators see it
//   AX              metadata without a public grant (query_compiler.h Visibility)
//   BG<token>, BC<ark>, BX   file access, for the full text of files
// Shards carry kSchemaVersion under kSchemaKey (Xapian metadata); a searcher refuses an index of
// another version, which `mura reindex` rebuilds.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mura::search {

// Search fields: what `field:word` restricts to. Each has a one-letter code in the X prefix.
enum class Field {
  kTitle,
  kDescription,
  kCreator,
  kSubject,
  kPlace,
  kIdentifier,
  kFullText,
  kOther
};

struct FieldInfo {
  Field field;
  std::string_view name;  // as written in queries: "title"
  char code;              // 'T'
  unsigned weight;        // wdf multiplier of its words in the general terms (BM25 field weight)
};
inline constexpr FieldInfo kFields[] = {
    {Field::kTitle, "title", 'T', 6},     {Field::kDescription, "description", 'D', 1},
    {Field::kCreator, "creator", 'A', 3}, {Field::kSubject, "subject", 'S', 3},
    {Field::kPlace, "place", 'P', 2},     {Field::kIdentifier, "identifier", 'I', 3},
    {Field::kFullText, "text", 'F', 1},   {Field::kOther, "other", 'O', 1},
};
const FieldInfo& field_info(Field field);
// Whether a field has terms of its own (X<code>…): the short fields and full text. Descriptions
// and other texts have only the general terms, so `description:` searches every text field.
bool has_field_terms(Field field);
std::optional<Field> parse_field(std::string_view name);  // not kOther

// The search field of a record field ("scope_and_content" → description), std::nullopt for
// fields that are not searched as text (dates, references, numbers).
std::optional<Field> search_field_of(std::string_view record_field);
// Record fields whose values are identifiers, matched whole as well as word by word.
bool is_identifier_field(std::string_view record_field);
// Record fields whose value gives the record's date, in order of preference.
inline constexpr std::string_view kDateFields[] = {"date", "dates_of_existence", "adoption_date",
                                                   "signed_date", "publication_year"};

// Term prefixes.
inline constexpr std::string_view kStemPrefix = "Z";
inline constexpr std::string_view kLoosePrefix = "L";
inline constexpr std::string_view kLooseStemPrefix = "M";
inline constexpr std::string_view kIdentifierPrefix = "XK";
inline constexpr std::string_view kIdPrefix = "Q";
inline constexpr std::string_view kAncestorPrefix = "H";
inline constexpr std::string_view kFacetPrefix = "F";
inline constexpr std::string_view kMetadataGrantPrefix = "AG";
inline constexpr std::string_view kMetadataCuratorPrefix = "AC";
inline constexpr std::string_view kFilesGrantPrefix = "BG";
inline constexpr std::string_view kFilesCuratorPrefix = "BC";
inline constexpr std::string_view kMetadataNoPublicGrant = "AX";
inline constexpr std::string_view kFilesNoPublicGrant = "BX";

// The version of the terms and values above, kept in every shard. 2: AX and BX.
inline constexpr std::string_view kSchemaKey = "mura.schema";
inline constexpr std::string_view kSchemaVersion = "2";

// The kind of term a word becomes.
enum class Form { kSurface, kStem, kLoose, kLooseStem };
// The term for `word` in `form`, in every field (`field` nullopt) or one field.
std::string word_term(Form form, std::string_view word, std::optional<Field> field = std::nullopt);

// Value slots.
inline constexpr unsigned kSlotFacets = 0;            // packed facet values (pack_facets)
inline constexpr unsigned kSlotDateStart = 1;         // sortable_serialise(first year)
inline constexpr unsigned kSlotDateEnd = 2;           // sortable_serialise(last year)
inline constexpr unsigned kSlotTitleKazakh = 3;       // ICU sort key of the title, kk
inline constexpr unsigned kSlotTitleRussian = 4;      // ... ru
inline constexpr unsigned kSlotTitleEnglish = 5;      // ... en
inline constexpr unsigned kSlotMetadataOpenFrom = 6;  // "YYYY-MM-DD", absent when none
inline constexpr unsigned kSlotFilesOpenFrom = 7;
// The title sort slot for a request language (kk for anything not ru or en).
unsigned title_slot(std::string_view language);
// Years beyond these are open ends in the date slots.
inline constexpr double kOpenStartYear = -1e9;
inline constexpr double kOpenEndYear = 1e9;

// Facets: the values a record is counted and filtered under.
enum class Facet {
  kKind,
  kCollection,
  kLevel,
  kCreator,
  kSubject,
  kPlace,
  kLanguage,
  kRights,
  kAccess,
  kDecade,
  kCentury,
  kFormat,
  kHasImages,
};
struct FacetInfo {
  Facet facet;
  std::string_view name;  // "kind"
  char code;              // its byte in the packed slot
  bool chronological;     // a histogram, ordered by value rather than count
};
inline constexpr FacetInfo kFacets[] = {
    {Facet::kKind, "kind", 'k', false},
    {Facet::kCollection, "collection", 'c', false},
    {Facet::kLevel, "level", 'l', false},
    {Facet::kCreator, "creator", 'a', false},
    {Facet::kSubject, "subject", 's', false},
    {Facet::kPlace, "place", 'p', false},
    {Facet::kLanguage, "language", 'g', false},
    {Facet::kRights, "rights", 'r', false},
    {Facet::kAccess, "access", 'x', false},
    {Facet::kDecade, "decade", 'd', true},
    {Facet::kCentury, "century", 'y', true},
    {Facet::kFormat, "format", 'f', false},
    {Facet::kHasImages, "has_images", 'i', false},
};
const FacetInfo& facet_info(Facet facet);
std::optional<Facet> parse_facet(std::string_view name);
std::string facet_names();  // "kind, collection, ..." for messages

// The filter term of a facet value. Values longer than a Xapian term allows are cut and
// finished with a hash of the whole value, so distinct values keep distinct terms.
std::string facet_term(Facet facet, std::string_view value);
// The filter term of a collection or any ancestor: records at or below `ark`.
std::string ancestor_term(std::string_view ark);
std::string id_term(std::string_view ark);

// One facet value of a record. `language` is the value's language tag ("" for values that have
// none); the searcher counts, per record, only the values in the language that best fits the
// request, so a creator named in four languages is counted once.
struct FacetValue {
  Facet facet;
  std::string language;
  std::string value;
  friend bool operator==(const FacetValue&, const FacetValue&) = default;
};
// The packed facet slot: `values` (decades and centuries become one span, rights statements a
// short index, languages a letter) and back. Twins made for filtering only (a Kazakh value in
// Latin letters) are left out by the caller; the searcher transliterates when it counts.
std::string pack_facets(const std::vector<FacetValue>& values);
std::vector<FacetValue> unpack_facets(std::string_view packed);
// Pieces of the packed form, for the facet counter: a language's code, a packed value made whole
// again, and the first and last year of a span entry.
inline constexpr char kPackedSpanCode = 'D';
std::string_view packed_language_code(std::string_view language);
std::string decode_packed_value(Facet facet, std::string_view value);
std::optional<std::pair<int, int>> packed_span(std::string_view value);

// Rights statements and licences the packed slot abbreviates (rightsstatements.org, Creative
// Commons).
inline constexpr std::string_view kKnownRights[] = {
    "http://rightsstatements.org/vocab/InC/1.0/",
    "http://rightsstatements.org/vocab/InC-NC/1.0/",
    "http://rightsstatements.org/vocab/InC-EDU/1.0/",
    "http://rightsstatements.org/vocab/InC-OW-EU/1.0/",
    "http://rightsstatements.org/vocab/InC-RUU/1.0/",
    "http://rightsstatements.org/vocab/NoC-CR/1.0/",
    "http://rightsstatements.org/vocab/NoC-NC/1.0/",
    "http://rightsstatements.org/vocab/NoC-OKLR/1.0/",
    "http://rightsstatements.org/vocab/NoC-US/1.0/",
    "http://rightsstatements.org/vocab/CNE/1.0/",
    "http://rightsstatements.org/vocab/UND/1.0/",
    "http://rightsstatements.org/vocab/NKC/1.0/",
    "https://creativecommons.org/publicdomain/zero/1.0/",
    "https://creativecommons.org/publicdomain/mark/1.0/",
    "https://creativecommons.org/licenses/by/4.0/",
    "https://creativecommons.org/licenses/by-sa/4.0/",
    "https://creativecommons.org/licenses/by-nc/4.0/",
    "https://creativecommons.org/licenses/by-nc-sa/4.0/",
    "https://creativecommons.org/licenses/by-nd/4.0/",
    "https://creativecommons.org/licenses/by-nc-nd/4.0/",
};

// Decades and centuries a span of years falls in ("1910", "1900"), none for spans longer than
// kMaxHistogramSpan years or open ones (they say too little to be counted).
inline constexpr int kMaxHistogramSpan = 300;
std::vector<std::string> decades_of(int start_year, int end_year);
std::vector<std::string> centuries_of(int start_year, int end_year);

// The order in which values of other languages stand in for the request language: the language
// itself, then kk, kk-Latn, ru, en (Record::first_value's order).
std::vector<std::string> language_preference(std::string_view language);

}  // namespace mura::search
