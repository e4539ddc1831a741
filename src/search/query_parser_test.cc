#include "search/query_parser.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

#include "base/testing/status_matchers.h"

namespace mura::search {
namespace {

using ::mura::testing::StatusIs;
using ::testing::HasSubstr;

// A compact rendering of the tree: roles as + (required), ? (optional), - (excluded).
std::string render(const QueryNode& node) {
  auto with_field = [&](const std::string& text) {
    return node.field.empty() ? text : node.field + ":" + text;
  };
  switch (node.kind) {
    case NodeKind::kAll:
      return "*ALL*";
    case NodeKind::kWord:
      return with_field(node.words.front());
    case NodeKind::kPrefix:
      return with_field(node.words.front() + "*");
    case NodeKind::kValue:
      return node.field + "=" + node.words.front();
    case NodeKind::kDateRange:
      return "date[" + std::to_string(node.start_year) + "," + std::to_string(node.end_year) + "]";
    case NodeKind::kPhrase: {
      std::string text;
      for (const auto& word : node.words) text += (text.empty() ? "" : " ") + word;
      return with_field("\"" + text + "\"");
    }
    case NodeKind::kAnd:
    case NodeKind::kOr: {
      std::string text = node.kind == NodeKind::kAnd ? "AND(" : "OR(";
      for (std::size_t i = 0; i < node.children.size(); ++i)
        text += (i ? " " : "") + render(node.children[i]);
      return text + ")";
    }
    case NodeKind::kGroup: {
      std::string text = "{";
      for (std::size_t i = 0; i < node.children.size(); ++i) {
        const char role = node.roles[i] == Role::kRequired   ? '+'
                          : node.roles[i] == Role::kExcluded ? '-'
                                                             : '?';
        text += (i ? " " : "") + std::string(1, role) + render(node.children[i]);
      }
      return text + "}";
    }
  }
  return "";
}

struct ValidCase {
  std::string query;
  std::string tree;
};

TEST(QueryParser, ParsesTheQueryLanguage) {
  const ValidCase cases[] = {
      {"", "*ALL*"},
      {"   ", "*ALL*"},
      {"абай", "{?абай}"},
      {"абай жолы", "{?абай ?жолы}"},
      {"\"абай жолы\"", "{+\"абай жолы\"}"},
      {"«Абай жолы»", "{+\"Абай жолы\"}"},
      {"абай AND жолы", "{+AND(абай жолы)}"},
      {"абай OR abai", "{?OR(абай abai)}"},
      {"a b AND c OR d", "{?a ?OR(AND(b c) d)}"},
      {"абай -поэма", "{?абай -поэма}"},
      {"абай NOT поэма", "{?абай -поэма}"},
      {"+абай жолы", "{+абай ?жолы}"},
      {"абай AND NOT поэма", "{+AND(абай {-поэма})}"},
      {"(абай OR abai) жолы", "{?{?OR(абай abai)} ?жолы}"},
      {"title:абай", "{+title:абай}"},
      {"creator:\"Абай Құнанбаев\"", "{+creator:\"Абай Құнанбаев\"}"},
      {"title:(абай жолы)", "{+{?title:абай ?title:жолы}}"},
      {"creator:абай", "{+creator:абай}"},
      {"құнан*", "{?құнан*}"},
      {"title:жол*", "{+title:жол*}"},
      {"call_number:F-212", "{+identifier:F-212}"},
      {"inventory_number:KP-77", "{+identifier:KP-77}"},
      {"kind:archival_unit", "{+kind=archival_unit}"},
      {"has_images:true collection:ark:/99999/m1", "{+has_images=true +collection=ark:/99999/m1}"},
      {"date:1900..1920", "{+date[1900,1920]}"},
      {"date:..1916", "{+date[-10000,1916]}"},
      {"date:1916..", "{+date[1916,3000]}"},
      {"date:1916", "{+date[1916,1916]}"},
      {"date:191X", "{+date[1910,1919]}"},
      {"date:1920/1930", "{+date[1920,1930]}"},
      {"decade:1910 century:1900", "{+decade=1910 +century=1900}"},
      {"ark:/99999/m8x2", "{?ark:/99999/m8x2}"},
      {"Ф.212", "{?Ф.212}"},
      {"and or not", "{?and ?or ?not}"},
      {"a - b", "{?a ?b}"},
  };
  for (const auto& c : cases) {
    auto parsed = parse_query(c.query);
    ASSERT_TRUE(parsed.has_value()) << c.query << ": " << parsed.error().to_string();
    EXPECT_EQ(render(*parsed), c.tree) << c.query;
  }
}

struct BadCase {
  std::string query;
  std::string message;  // a part of the error message, with the column
};

TEST(QueryParser, NamesTheProblemAndTheColumn) {
  const BadCase cases[] = {
      {"\"абай жолы", "the quote is never closed at column 1"},
      {"абай \"жолы", "the quote is never closed at column 6"},
      {"(абай жолы", "\"(\" is never closed at column 1"},
      {"абай жолы)", "\")\" closes no \"(\" at column 10"},
      {"()", "\"()\" holds nothing at column 1"},
      {"AND абай", "AND needs a term on both sides at column 1"},
      {"абай AND", "AND needs a term on both sides at column 6"},
      {"абай OR", "OR needs a term on both sides at column 6"},
      {"абай OR AND жол", "OR needs a term on both sides at column 6"},
      {"абай NOT", "NOT needs a term after it at column 6"},
      {"titel:абай", "unknown field \"titel\""},
      {"titel:абай", "at column 1"},
      {"title:", "\"title:\" has no value at column 1"},
      {"kind:letter", "\"letter\" is not a kind"},
      {"has_images:yes", "has_images is true or false"},
      {"decade:1915", "decade \"1915\" is not a year divisible by 10"},
      {"a*", "wildcard \"a*\" needs at least two letters"},
      {"*", "a wildcard needs at least two letters"},
      {"date:1920..1900", "date:1920..1900 ends before it starts at column 1"},
      {"date:0..99999999", "lies outside the years -9999..2999"},
      {"date:..", "the date range \"..\" has no ends"},
      {"date:19 мамыр", "is not an EDTF date"},
      {"date:abc..1900", "\"abc\" in date:abc..1900 is not a year"},
      {"\"\"", "the phrase has no words at column 1"},
      {"title:(kind:collection)", "\"kind:\" inside \"title:(...)\""},
  };
  for (const auto& c : cases) {
    EXPECT_THAT(parse_query(c.query), StatusIs(StatusCode::kInvalidArgument, HasSubstr(c.message)))
        << c.query;
  }
}

TEST(QueryParser, RefusesHugeQueries) {
  EXPECT_THAT(parse_query(std::string(2000, 'a')),
              StatusIs(StatusCode::kInvalidArgument, HasSubstr("longer than 1024 bytes")));
  std::string many;
  for (int i = 0; i < 70; ++i) many += "w" + std::to_string(i) + " ";
  EXPECT_THAT(parse_query(many),
              StatusIs(StatusCode::kInvalidArgument, HasSubstr("more than 64 terms")));
  EXPECT_THAT(parse_query(std::string(40, '(') + "a" + std::string(40, ')')),
              StatusIs(StatusCode::kInvalidArgument, HasSubstr("nested too deep")));
}

TEST(QueryParser, ParsesFilters) {
  auto filter = parse_filter("creator", "Абай Құнанбаев");
  ASSERT_TRUE(filter.has_value());
  EXPECT_EQ(render(*filter), "creator=Абай Құнанбаев");
  filter = parse_filter("date", "1900..1920");
  ASSERT_TRUE(filter.has_value());
  EXPECT_EQ(render(*filter), "date[1900,1920]");
  EXPECT_THAT(
      parse_filter("colour", "red"),
      StatusIs(StatusCode::kInvalidArgument, HasSubstr("\"colour\" is not a filter field")));
  EXPECT_THAT(parse_filter("kind", "letter"),
              StatusIs(StatusCode::kInvalidArgument, HasSubstr("\"letter\" is not a kind")));
  EXPECT_THAT(parse_filter("kind", ""),
              StatusIs(StatusCode::kInvalidArgument, HasSubstr("has no value")));
}

TEST(QueryParser, ReplacesWordsForSuggestions) {
  EXPECT_EQ(replace_words("Абйа жолы", {{"абйа", "абай"}}), "абай жолы");
  EXPECT_EQ(replace_words("title:\"Абйа\" AND x", {{"абйа", "абай"}}), "title:\"абай\" AND x");
  EXPECT_EQ(replace_words("абай", {}), "абай");
}

}  // namespace
}  // namespace mura::search
