#include "search/query_parser.h"

#include <algorithm>
#include <charconv>
#include <optional>

#include "record/edtf.h"
#include "record/record.h"
#include "search/schema.h"
#include "text/normalize.h"
#include "text/tokenizer.h"
#include "text/utf8.h"

namespace mura::search {
namespace {

constexpr std::string_view kTextFields[] = {"title", "description", "creator", "subject",
                                            "place", "identifier",  "text"};
constexpr std::string_view kHierarchyFields[] = {"collection", "within"};
// Names people use for an identifier field: searched as identifier.
constexpr std::string_view kIdentifierAliases[] = {"call_number", "reference_code",
                                                   "inventory_number", "act_number"};
// Prefixes that make a word with a colon a literal (an identifier), not field:value.
constexpr std::string_view kLiteralSchemes[] = {"ark", "http", "https", "urn",
                                                "doi", "hdl",  "info"};
constexpr std::size_t kMaxDepth = 16;

bool is_space(char32_t c) {
  return c == U' ' || c == U'\t' || c == U'\n' || c == U'\r' || c == U'\u00A0';
}
bool is_quote(char32_t c) {
  return c == U'"' || c == U'«' || c == U'»' || c == U'“' || c == U'”' || c == U'„';
}
bool stops_word(char32_t c) { return is_space(c) || c == U'(' || c == U')' || is_quote(c); }

class Parser {
 public:
  explicit Parser(std::string_view text) {
    for (std::size_t position = 0; position < text.size();)
      letters_.push_back(text::next_code_point(text, position));
  }

  Result<QueryNode> parse() {
    MURA_ASSIGN_OR_RETURN(QueryNode node, sequence(0));
    if (at_end()) return node;
    return error("\")\" closes no \"(\"", index_ + 1);
  }

 private:
  Error error(const std::string& message, std::size_t column) const {
    return invalid_argument_error("query: " + message + " at column " + std::to_string(column));
  }

  bool at_end() const { return index_ >= letters_.size(); }
  char32_t peek(std::size_t ahead = 0) const {
    return index_ + ahead < letters_.size() ? letters_[index_ + ahead] : 0;
  }
  void skip_spaces() {
    while (!at_end() && is_space(peek())) ++index_;
  }

  // The bare word starting here (up to a space, a parenthesis or a quote), without consuming it.
  std::u32string_view bare_word() const {
    std::size_t end = index_;
    while (end < letters_.size() && !stops_word(letters_[end])) ++end;
    return std::u32string_view(letters_).substr(index_, end - index_);
  }

  static std::string utf8(std::u32string_view letters) {
    std::string out;
    for (char32_t c : letters) text::append_utf8(out, c);
    return out;
  }

  bool at_keyword(std::string_view keyword) const {
    std::u32string_view word = bare_word();
    if (word.size() != keyword.size()) return false;
    for (std::size_t i = 0; i < keyword.size(); ++i) {
      if (word[i] != static_cast<char32_t>(keyword[i])) return false;
    }
    return true;
  }

  Status count_term(std::size_t column) {
    if (++terms_ > kMaxQueryTerms) {
      return error("more than " + std::to_string(kMaxQueryTerms) + " terms; shorten the query",
                   column);
    }
    return ok_status();
  }

  // sequence := item*, up to the end or a ")" (not consumed).
  Result<QueryNode> sequence(std::size_t depth) {
    if (depth > kMaxDepth) return error("parentheses nested too deep", index_ + 1);
    QueryNode group;
    group.kind = NodeKind::kGroup;
    group.column = index_ + 1;
    for (;;) {
      skip_spaces();
      if (at_end() || peek() == U')') break;
      MURA_ASSIGN_OR_RETURN(auto item, disjunction(depth));
      if (item.first.kind == NodeKind::kAll) continue;  // punctuation alone
      group.children.push_back(std::move(item.first));
      group.roles.push_back(item.second);
    }
    if (group.children.empty()) {
      QueryNode all;
      all.kind = NodeKind::kAll;
      all.column = group.column;
      return all;
    }
    return group;
  }

  using Item = std::pair<QueryNode, Role>;

  // disjunction := conjunction ("OR" conjunction)*
  Result<Item> disjunction(std::size_t depth) {
    MURA_ASSIGN_OR_RETURN(Item first, conjunction(depth));
    std::vector<Item> items;
    items.push_back(std::move(first));
    for (;;) {
      const std::size_t saved = index_;
      skip_spaces();
      if (!at_keyword("OR")) {
        index_ = saved;
        break;
      }
      const std::size_t column = index_ + 1;
      index_ += 2;
      skip_spaces();
      if (at_end() || peek() == U')' || at_keyword("OR") || at_keyword("AND")) {
        return error("OR needs a term on both sides", column);
      }
      MURA_ASSIGN_OR_RETURN(Item next, conjunction(depth));
      items.push_back(std::move(next));
    }
    if (items.size() == 1) return std::move(items.front());
    QueryNode node;
    node.kind = NodeKind::kOr;
    node.column = items.front().first.column;
    for (auto& [child, role] : items) node.children.push_back(negated(std::move(child), role));
    return Item{std::move(node), Role::kOptional};
  }

  // conjunction := unary ("AND" unary)*
  Result<Item> conjunction(std::size_t depth) {
    MURA_ASSIGN_OR_RETURN(Item first, unary(depth));
    std::vector<Item> items;
    items.push_back(std::move(first));
    for (;;) {
      const std::size_t saved = index_;
      skip_spaces();
      if (!at_keyword("AND")) {
        index_ = saved;
        break;
      }
      const std::size_t column = index_ + 1;
      index_ += 3;
      skip_spaces();
      if (at_end() || peek() == U')' || at_keyword("OR") || at_keyword("AND")) {
        return error("AND needs a term on both sides", column);
      }
      MURA_ASSIGN_OR_RETURN(Item next, unary(depth));
      items.push_back(std::move(next));
    }
    if (items.size() == 1) return std::move(items.front());
    QueryNode node;
    node.kind = NodeKind::kAnd;
    node.column = items.front().first.column;
    for (auto& [child, role] : items) node.children.push_back(negated(std::move(child), role));
    return Item{std::move(node), Role::kRequired};
  }

  // An excluded operand of AND/OR becomes a group that excludes it.
  static QueryNode negated(QueryNode node, Role role) {
    if (role != Role::kExcluded) return node;
    QueryNode group;
    group.kind = NodeKind::kGroup;
    group.column = node.column;
    group.children.push_back(std::move(node));
    group.roles.push_back(Role::kExcluded);
    return group;
  }

  // unary := "NOT" unary | "-" primary | "+" primary | primary
  Result<Item> unary(std::size_t depth) {
    skip_spaces();
    const std::size_t column = index_ + 1;
    if (at_keyword("NOT")) {
      index_ += 3;
      skip_spaces();
      if (at_end() || peek() == U')' || at_keyword("AND") || at_keyword("OR")) {
        return error("NOT needs a term after it", column);
      }
      MURA_ASSIGN_OR_RETURN(Item operand, unary(depth));
      operand.second = Role::kExcluded;
      return operand;
    }
    if (at_keyword("AND") || at_keyword("OR")) {
      return error(utf8(bare_word()) + " needs a term on both sides", column);
    }
    Role role = Role::kOptional;
    if ((peek() == U'-' || peek() == U'+') && peek(1) != 0 && !is_space(peek(1)) &&
        peek(1) != U')') {
      role = peek() == U'-' ? Role::kExcluded : Role::kRequired;
      ++index_;
    }
    fielded_ = false;
    MURA_ASSIGN_OR_RETURN(QueryNode node, primary(depth, ""));
    if (role == Role::kOptional && (fielded_ || is_required_form(node))) role = Role::kRequired;
    return Item{std::move(node), role};
  }

  static bool is_required_form(const QueryNode& node) {
    return node.kind == NodeKind::kPhrase || node.kind == NodeKind::kValue ||
           node.kind == NodeKind::kDateRange;
  }

  // primary := "(" sequence ")" | phrase | field ":" value | word | prefix*
  Result<QueryNode> primary(std::size_t depth, const std::string& field) {
    const std::size_t column = index_ + 1;
    if (peek() == U'(') {
      ++index_;
      MURA_ASSIGN_OR_RETURN(QueryNode inner, sequence(depth + 1));
      if (peek() != U')') return error("\"(\" is never closed", column);
      ++index_;
      if (inner.kind == NodeKind::kAll) return error("\"()\" holds nothing", column);
      if (!field.empty()) MURA_TRY(apply_field(inner, field, column));
      fielded_ = !field.empty();
      return inner;
    }
    if (is_quote(peek())) return phrase(field, column);
    std::u32string_view word = bare_word();
    if (word.empty()) return error("a term is missing", column);
    // field:value?
    const auto colon = word.find(U':');
    if (field.empty() && colon != std::u32string_view::npos && colon > 0) {
      std::string name = utf8(word.substr(0, colon));
      if (std::find(std::begin(kIdentifierAliases), std::end(kIdentifierAliases), name) !=
          std::end(kIdentifierAliases)) {
        name = "identifier";
      }
      const bool literal = std::find(std::begin(kLiteralSchemes), std::end(kLiteralSchemes),
                                     text::fold_case(name)) != std::end(kLiteralSchemes);
      if (!literal) {
        if (!is_text_field(name) && !is_value_field(name)) {
          return error("unknown field \"" + name + "\" (fields: " + query_field_names() + ")",
                       column);
        }
        index_ += colon + 1;
        if (at_end() || is_space(peek()) || peek() == U')') {
          return error("\"" + name + ":\" has no value", column);
        }
        fielded_ = true;
        if (is_text_field(name)) return primary(depth, name);
        return value(name, column);
      }
    }
    index_ += word.size();
    MURA_TRY(count_term(column));
    QueryNode node;
    node.column = column;
    node.field = field;
    if (word.size() > 1 && word.back() == U'*') {
      std::u32string_view stem = word.substr(0, word.size() - 1);
      const std::string prefix = utf8(stem);
      if (text::tokenize(prefix).size() != 1 || text::code_point_count(prefix) < 2 ||
          stem.find(U'*') != std::u32string_view::npos) {
        return error(
            "wildcard \"" + utf8(word) + "\" needs at least two letters of one word before \"*\"",
            column);
      }
      node.kind = NodeKind::kPrefix;
      node.words.push_back(prefix);
      return node;
    }
    const std::string text = utf8(word);
    if (text::tokenize(text).empty()) {
      if (word == U"*") return error("a wildcard needs at least two letters before \"*\"", column);
      // Punctuation alone ("-", "...") matches nothing; leave it out.
      node.kind = NodeKind::kAll;
      return node;
    }
    node.kind = NodeKind::kWord;
    node.words.push_back(text);
    return node;
  }

  Result<QueryNode> phrase(const std::string& field, std::size_t column) {
    ++index_;
    const std::size_t start = index_;
    while (!at_end() && !is_quote(peek())) ++index_;
    if (at_end()) return error("the quote is never closed", column);
    const std::string content = utf8(std::u32string_view(letters_).substr(start, index_ - start));
    ++index_;
    QueryNode node;
    node.kind = NodeKind::kPhrase;
    node.field = field;
    node.column = column;
    for (const auto& token : text::tokenize(content)) {
      MURA_TRY(count_term(column));
      node.words.emplace_back(token.of(content));
    }
    if (node.words.empty()) return error("the phrase has no words", column);
    if (node.words.size() == 1) node.kind = NodeKind::kWord;
    return node;
  }

  // A field applied to a parenthesised group: every word, phrase and prefix inside gets it.
  Status apply_field(QueryNode& node, const std::string& field, std::size_t column) {
    switch (node.kind) {
      case NodeKind::kWord:
      case NodeKind::kPhrase:
      case NodeKind::kPrefix:
        if (!node.field.empty() && node.field != field) {
          return error("\"" + node.field + ":\" inside \"" + field + ":(...)\"", node.column);
        }
        node.field = field;
        return ok_status();
      case NodeKind::kValue:
      case NodeKind::kDateRange:
        return error("\"" + node.field + ":\" inside \"" + field + ":(...)\"", column);
      default:
        for (auto& child : node.children) MURA_TRY(apply_field(child, field, column));
        return ok_status();
    }
  }

  // The value of a value field: a bare word or a quoted phrase, checked.
  Result<QueryNode> value(const std::string& field, std::size_t column) {
    std::string text;
    if (is_quote(peek())) {
      const std::size_t quote = index_ + 1;
      ++index_;
      const std::size_t start = index_;
      while (!at_end() && !is_quote(peek())) ++index_;
      if (at_end()) return error("the quote is never closed", quote);
      text = utf8(std::u32string_view(letters_).substr(start, index_ - start));
      ++index_;
    } else {
      std::u32string_view word = bare_word();
      index_ += word.size();
      text = utf8(word);
    }
    MURA_TRY(count_term(column));
    return checked_value(field, text, column);
  }

 public:
  // The whole text as the value of a value field (a filter).
  Result<QueryNode> whole_value(const std::string& field) {
    return checked_value(field, utf8(letters_), 1);
  }

 private:
  Result<QueryNode> checked_value(const std::string& field, const std::string& text,
                                  std::size_t column) {
    if (text.empty()) return error("\"" + field + ":\" has no value", column);
    if (field == "date") return date_range(text, column);
    QueryNode node;
    node.kind = NodeKind::kValue;
    node.field = field;
    node.column = column;
    if (field == "kind" && !record::parse_kind(text)) {
      return error(
          "\"" + text +
              "\" is not a kind (collection, archival_unit, museum_object, research_output, "
              "artwork, legal_act, agent)",
          column);
    }
    if (field == "has_images" && text != "true" && text != "false") {
      return error("has_images is true or false, not \"" + text + "\"", column);
    }
    if (field == "decade" || field == "century") {
      const int step = field == "decade" ? 10 : 100;
      auto year = parse_year(text);
      if (!year || *year % step != 0) {
        return error(field + " \"" + text + "\" is not a year divisible by " +
                         std::to_string(step) + " (e.g. " + (step == 10 ? "1910" : "1900") + ")",
                     column);
      }
    }
    node.words.push_back(std::move(text));
    return node;
  }

  static std::optional<int> parse_year(std::string_view text) {
    int year = 0;
    const auto [end, failure] = std::from_chars(text.data(), text.data() + text.size(), year);
    if (failure != std::errc() || end != text.data() + text.size()) return std::nullopt;
    return year;
  }

  Result<QueryNode> date_range(const std::string& text, std::size_t column) {
    std::optional<int> start;
    std::optional<int> end;
    const auto dots = text.find("..");
    if (dots != std::string::npos && text.find('/') == std::string::npos &&
        text.find('[') == std::string::npos) {
      const std::string from = text.substr(0, dots);
      const std::string to = text.substr(dots + 2);
      if (from.empty() && to.empty()) return error("the date range \"..\" has no ends", column);
      if (!from.empty()) {
        start = parse_year(from);
        if (!start) return error("\"" + from + "\" in date:" + text + " is not a year", column);
      }
      if (!to.empty()) {
        end = parse_year(to);
        if (!end) return error("\"" + to + "\" in date:" + text + " is not a year", column);
      }
    } else {
      auto date = record::parse_edtf(text);
      if (!date) return error("date:" + text + ": " + date.error().message(), column);
      if (date->start_year != record::kEdtfOpenStart) start = date->start_year;
      if (date->end_year != record::kEdtfOpenEnd) end = date->end_year;
    }
    for (const auto& year : {start, end}) {
      if (year && (*year < kMinQueryYear || *year > kMaxQueryYear)) {
        return error("date:" + text + " lies outside the years " + std::to_string(kMinQueryYear) +
                         ".." + std::to_string(kMaxQueryYear),
                     column);
      }
    }
    if (start && end && *end < *start)
      return error("date:" + text + " ends before it starts", column);
    QueryNode node;
    node.kind = NodeKind::kDateRange;
    node.field = "date";
    node.column = column;
    node.start_year = start.value_or(kMinQueryYear - 1);
    node.end_year = end.value_or(kMaxQueryYear + 1);
    return node;
  }

  std::u32string letters_;
  std::size_t index_ = 0;
  std::size_t terms_ = 0;
  bool fielded_ = false;  // the last primary had a field
};

}  // namespace

bool is_text_field(std::string_view name) {
  return std::find(std::begin(kTextFields), std::end(kTextFields), name) != std::end(kTextFields);
}

bool is_value_field(std::string_view name) {
  return name == "date" || parse_facet(name).has_value() ||
         std::find(std::begin(kHierarchyFields), std::end(kHierarchyFields), name) !=
             std::end(kHierarchyFields);
}

std::string query_field_names() {
  std::string names;
  for (auto name : kTextFields) names += std::string(name) + ", ";
  names += "date, " + facet_names() + ", within";
  for (auto alias : kIdentifierAliases) names += ", " + std::string(alias);
  return names;
}

Result<QueryNode> parse_query(std::string_view text) {
  if (text.size() > kMaxQueryBytes) {
    return invalid_argument_error("query: longer than " + std::to_string(kMaxQueryBytes) +
                                  " bytes; shorten it");
  }
  return Parser(text).parse();
}

Result<QueryNode> parse_filter(std::string_view field, std::string_view value) {
  if (!is_value_field(field)) {
    return invalid_argument_error("\"" + std::string(field) + "\" is not a filter field (date, " +
                                  facet_names() + ", within)");
  }
  if (value.size() > kMaxQueryBytes)
    return invalid_argument_error("value longer than " + std::to_string(kMaxQueryBytes) + " bytes");
  return Parser(value).whole_value(std::string(field));
}

std::string replace_words(std::string_view original,
                          const std::vector<std::pair<std::string, std::string>>& replacements) {
  std::string out;
  std::size_t copied = 0;
  for (const auto& token : text::tokenize(original)) {
    const std::string lower = text::fold_case(token.of(original));
    for (const auto& [from, to] : replacements) {
      if (from == lower) {
        out += original.substr(copied, token.begin - copied);
        out += to;
        copied = token.end;
        break;
      }
    }
  }
  out += original.substr(copied);
  return out;
}

}  // namespace mura::search
