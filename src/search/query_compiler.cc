#include "search/query_compiler.h"

#include "search/analyzer.h"
#include "search/schema.h"
#include "text/kazakh_script.h"
#include "text/normalize.h"
#include "text/tokenizer.h"

namespace mura::search {
namespace {

// How much a match through a stem or loose key counts next to the word as typed.
constexpr double kVariantWeight = 0.6;
// What matching every word of an OR query adds, next to the weight of the words matched.
constexpr double kAllWordsWeight = 1.0;
constexpr Xapian::termcount kMaxWildcardExpansion = 200;

// The field whose own terms a fielded query uses; std::nullopt for every field at once (no
// field, or a field without terms of its own such as description).
std::optional<Field> own_terms(const std::string& field) {
  if (field.empty() || field == "text") return std::nullopt;
  const auto parsed = parse_field(field);
  if (!parsed || !has_field_terms(*parsed)) return std::nullopt;
  return parsed;
}

Xapian::Query boolean(Xapian::Query query) {
  return Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, query, 0.0);
}

Xapian::Query any_of(const std::vector<Xapian::Query>& queries,
                     Xapian::Query::op op = Xapian::Query::OP_OR) {
  if (queries.empty()) return Xapian::Query::MatchNothing;
  if (queries.size() == 1) return queries.front();
  return Xapian::Query(op, queries.begin(), queries.end());
}

std::vector<std::string> words_of(const std::string& text) {
  std::vector<std::string> words;
  for (const auto& token : text::tokenize(text)) words.emplace_back(token.of(text));
  return words;
}

bool is_stopword_node(const QueryNode& node) {
  return node.kind == NodeKind::kWord && node.field.empty() &&
         words_of(node.words.front()).size() == 1 &&
         is_stopword(text::fold_case(node.words.front()));
}

void collect_words(const QueryNode& node, bool excluded, QueryWords& out) {
  switch (node.kind) {
    case NodeKind::kWord:
    case NodeKind::kPhrase:
      if (!excluded) {
        for (const auto& word : node.words) {
          for (auto& part : words_of(word)) out.words.push_back(std::move(part));
        }
      }
      break;
    case NodeKind::kPrefix:
      if (!excluded) out.prefixes.push_back(node.words.front());
      break;
    default:
      for (std::size_t i = 0; i < node.children.size(); ++i) {
        const bool child_excluded =
            excluded || (node.kind == NodeKind::kGroup && node.roles[i] == Role::kExcluded);
        collect_words(node.children[i], child_excluded, out);
      }
  }
}

}  // namespace

Visibility::Visibility(const access::Caller& caller, std::string_view today, Part part) {
  if (caller.administrator) return;
  const bool files = part == Part::kFiles;
  const std::string grant_prefix(files ? kFilesGrantPrefix : kMetadataGrantPrefix);
  const std::string curator_prefix(files ? kFilesCuratorPrefix : kMetadataCuratorPrefix);
  const unsigned slot = files ? kSlotFilesOpenFrom : kSlotMetadataOpenFrom;
  bool is_public = false;
  std::vector<Xapian::Query> grants;
  for (const auto& token : caller.tokens) {
    if (token == access::kPublicToken) {
      is_public = true;
    } else {
      grants.emplace_back(grant_prefix + token);
    }
  }
  // open_from > today: every "YYYY-MM-DD" after today sorts at or after today + "\0".
  std::string after_today(today);
  after_today.push_back('\0');
  const Xapian::Query closed(Xapian::Query::OP_VALUE_GE, slot, after_today);
  std::vector<Xapian::Query> curated;
  for (const auto& collection : caller.curated_collections)
    curated.emplace_back(curator_prefix + collection);
  if (is_public) {
    Xapian::Query not_granted(std::string(files ? kFilesNoPublicGrant : kMetadataNoPublicGrant));
    if (!grants.empty())
      not_granted = Xapian::Query(Xapian::Query::OP_AND_NOT, not_granted, any_of(grants));
    records_ = Xapian::Query(Xapian::Query::OP_OR, not_granted, closed);
    if (!curated.empty())
      records_ = Xapian::Query(Xapian::Query::OP_AND_NOT, records_, any_of(curated));
    rule_ = Rule::kAllBut;
    return;
  }
  std::vector<Xapian::Query> visible = std::move(curated);
  if (!grants.empty()) visible.emplace_back(Xapian::Query::OP_AND_NOT, any_of(grants), closed);
  records_ = any_of(visible);
  rule_ = Rule::kOnly;
}

Xapian::Query Visibility::restrict(const Xapian::Query& query) const {
  switch (rule_) {
    case Rule::kEverything:
      return query;
    case Rule::kAllBut:
      return Xapian::Query(Xapian::Query::OP_AND_NOT, query, records_);
    case Rule::kOnly:
      return Xapian::Query(Xapian::Query::OP_FILTER, query, records_);
  }
  return Xapian::Query::MatchNothing;
}

QueryWords query_words(const QueryNode& query) {
  QueryWords words;
  collect_words(query, false, words);
  return words;
}

Xapian::Query date_range_query(int start_year, int end_year) {
  std::vector<Xapian::Query> parts;
  if (end_year <= kMaxQueryYear) {
    parts.emplace_back(Xapian::Query::OP_VALUE_LE, kSlotDateStart,
                       Xapian::sortable_serialise(end_year));
  }
  if (start_year >= kMinQueryYear) {
    parts.emplace_back(Xapian::Query::OP_VALUE_GE, kSlotDateEnd,
                       Xapian::sortable_serialise(start_year));
  }
  if (parts.empty()) parts.emplace_back(Xapian::Query::OP_VALUE_GE, kSlotDateStart, std::string());
  return boolean(any_of(parts, Xapian::Query::OP_AND));
}

Xapian::Query QueryCompiler::compile(const QueryNode& node) const {
  switch (node.kind) {
    case NodeKind::kAll:
      return match_all();
    case NodeKind::kWord: {
      const auto words = words_of(node.words.front());
      if (words.size() == 1) return word(words.front(), node.field);
      // "Ф.212" or "1916-05": the parts in order.
      if (node.field == "identifier") {
        return Xapian::Query(
            Xapian::Query::OP_OR, phrase(words, node.field),
            Xapian::Query(std::string(kIdentifierPrefix) + text::fold_case(node.words.front())));
      }
      return phrase(words, node.field);
    }
    case NodeKind::kPhrase:
      return phrase(node.words, node.field);
    case NodeKind::kPrefix:
      return prefix(node.words.front(), node.field);
    case NodeKind::kValue:
      if (node.field == "collection" || node.field == "within")
        return boolean(Xapian::Query(ancestor_term(node.words.front())));
      return boolean(Xapian::Query(facet_term(*parse_facet(node.field), node.words.front())));
    case NodeKind::kDateRange:
      return date_range_query(node.start_year, node.end_year);
    case NodeKind::kAnd:
    case NodeKind::kOr: {
      std::vector<Xapian::Query> children;
      for (const auto& child : node.children) children.push_back(compile(child));
      return any_of(children,
                    node.kind == NodeKind::kAnd ? Xapian::Query::OP_AND : Xapian::Query::OP_OR);
    }
    case NodeKind::kGroup:
      return group(node);
  }
  return Xapian::Query::MatchNothing;
}

Xapian::Query QueryCompiler::group(const QueryNode& node) const {
  std::vector<Xapian::Query> required;
  std::vector<Xapian::Query> optional;
  std::vector<Xapian::Query> excluded;
  std::size_t meaningful_optional = 0;
  for (std::size_t i = 0; i < node.children.size(); ++i) {
    if (node.roles[i] == Role::kOptional && !is_stopword_node(node.children[i]))
      ++meaningful_optional;
  }
  for (std::size_t i = 0; i < node.children.size(); ++i) {
    const QueryNode& child = node.children[i];
    switch (node.roles[i]) {
      case Role::kRequired:
        required.push_back(compile(child));
        break;
      case Role::kExcluded:
        excluded.push_back(compile(child));
        break;
      case Role::kOptional:
        // "және", "the": leave them out unless they are all there is.
        if (meaningful_optional > 0 && is_stopword_node(child)) break;
        optional.push_back(compile(child));
        break;
    }
  }
  Xapian::Query positive = match_all();
  if (!required.empty()) {
    positive = any_of(required, Xapian::Query::OP_AND);
    if (!optional.empty()) {
      // Next to required words the optional ones only rank; next to filters alone ("абай
      // date:1900..1920") at least one of them must match.
      bool only_filters = true;
      for (std::size_t i = 0; i < node.children.size(); ++i) {
        const NodeKind kind = node.children[i].kind;
        if (node.roles[i] == Role::kRequired && kind != NodeKind::kValue &&
            kind != NodeKind::kDateRange) {
          only_filters = false;
        }
      }
      positive = Xapian::Query(only_filters ? Xapian::Query::OP_AND : Xapian::Query::OP_AND_MAYBE,
                               positive, any_of(optional));
    }
  } else if (optional.size() > 1) {
    // Any of the words matches; a record with all of them ranks above one with some.
    positive =
        Xapian::Query(Xapian::Query::OP_AND_MAYBE, any_of(optional),
                      Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT,
                                    any_of(optional, Xapian::Query::OP_AND), kAllWordsWeight));
  } else if (!optional.empty()) {
    positive = optional.front();
  }
  if (!excluded.empty())
    positive = Xapian::Query(Xapian::Query::OP_AND_NOT, positive, any_of(excluded));
  return positive;
}

Xapian::Query QueryCompiler::with_full_text(Xapian::Query general, Xapian::Query full_text,
                                            const std::string& field) const {
  Xapian::Query in_files = files_.restrict(full_text);
  if (field == "text") return in_files;
  if (!field.empty()) return general;
  return Xapian::Query(Xapian::Query::OP_OR, general, in_files);
}

Xapian::Query QueryCompiler::word(const std::string& text, const std::string& field) const {
  const std::optional<Field> restricted = own_terms(field);
  Xapian::Query general = word_in(text, restricted);
  if (field == "identifier") {
    general = Xapian::Query(Xapian::Query::OP_OR, general,
                            Xapian::Query(std::string(kIdentifierPrefix) + text::fold_case(text)));
  }
  return with_full_text(general, word_in(text, Field::kFullText), field);
}

Xapian::Query QueryCompiler::word_in(const std::string& text, std::optional<Field> field) const {
  const QueryForms forms = query_forms(text, language_);
  // The word as typed and as written in the other alphabet count the same.
  Xapian::Query surface(word_term(Form::kSurface, forms.surface, field));
  if (!forms.other_script.empty()) {
    surface = Xapian::Query(Xapian::Query::OP_SYNONYM, surface,
                            Xapian::Query(word_term(Form::kSurface, forms.other_script, field)));
  }
  std::vector<Xapian::Query> variants{surface};
  // The index leaves out a stem equal to its word and a loose stem equal to its loose key
  // (document_builder.cc), so stems are also looked for as words and loose keys.
  for (const auto& stem : forms.stems) {
    variants.emplace_back(word_term(Form::kStem, stem, field));
    if (stem != forms.surface) variants.emplace_back(word_term(Form::kSurface, stem, field));
  }
  if (!forms.loose.empty()) variants.emplace_back(word_term(Form::kLoose, forms.loose, field));
  if (!forms.loose_stem.empty()) {
    variants.emplace_back(word_term(Form::kLooseStem, forms.loose_stem, field));
    if (forms.loose_stem != forms.loose)
      variants.emplace_back(word_term(Form::kLoose, forms.loose_stem, field));
  }
  if (variants.size() == 1) return surface;
  return Xapian::Query(Xapian::Query::OP_OR, surface,
                       Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT,
                                     any_of(variants, Xapian::Query::OP_SYNONYM), kVariantWeight));
}

Xapian::Query QueryCompiler::phrase(const std::vector<std::string>& words,
                                    const std::string& field) const {
  Xapian::Query general = phrase_in(words, std::nullopt);
  if (const auto restricted = own_terms(field)) {
    // Field terms have no positions: the phrase is matched in the general positions, its words
    // in the field.
    std::vector<Xapian::Query> parts{general};
    for (const auto& text : words) parts.push_back(boolean(word_in(text, restricted)));
    general = any_of(parts, Xapian::Query::OP_AND);
  }
  return with_full_text(general, phrase_in(words, Field::kFullText), field);
}

Xapian::Query QueryCompiler::phrase_in(const std::vector<std::string>& words,
                                       std::optional<Field> field) const {
  // Positions are kept on loose keys (and on the surface of words without one, numbers), so a
  // phrase matches in every spelling.
  std::vector<Xapian::Query> terms;
  for (const auto& text : words) {
    const QueryForms forms = query_forms(text, language_);
    terms.emplace_back(forms.loose.empty() ? word_term(Form::kSurface, forms.surface, field)
                                           : word_term(Form::kLoose, forms.loose, field));
  }
  return Xapian::Query(Xapian::Query::OP_PHRASE, terms.begin(), terms.end(),
                       static_cast<Xapian::termcount>(words.size()));
}

Xapian::Query QueryCompiler::prefix(const std::string& text, const std::string& field) const {
  return with_full_text(prefix_in(text, own_terms(field)), prefix_in(text, Field::kFullText),
                        field);
}

Xapian::Query QueryCompiler::prefix_in(const std::string& text, std::optional<Field> field) const {
  const QueryForms forms = query_forms(text, language_);
  auto wildcard = [&](const std::string& pattern) {
    return Xapian::Query(Xapian::Query::OP_WILDCARD, pattern, kMaxWildcardExpansion,
                         Xapian::Query::WILDCARD_LIMIT_MOST_FREQUENT, Xapian::Query::OP_SYNONYM);
  };
  Xapian::Query surface = wildcard(word_term(Form::kSurface, forms.surface, field));
  if (forms.loose.empty()) return surface;
  return Xapian::Query(
      Xapian::Query::OP_OR, surface,
      Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT,
                    wildcard(word_term(Form::kLoose, forms.loose, field)), kVariantWeight));
}

}  // namespace mura::search
