#include "formats/csv_reader.h"

#include <string>
#include <vector>

#include "base/testing/status_matchers.h"

namespace mura::formats {
namespace {

using ::mura::testing::StatusIs;
using ::testing::HasSubstr;
using Rows = std::vector<std::vector<std::string>>;

// "text" as UTF-16 (ASCII only), little- or big-endian, with an optional byte-order mark.
std::string utf16(std::string_view text, bool little_endian, bool bom) {
  std::string out;
  if (bom) out += little_endian ? "\xFF\xFE" : "\xFE\xFF";
  for (char c : text) {
    if (little_endian) {
      out += c;
      out += '\0';
    } else {
      out += '\0';
      out += c;
    }
  }
  return out;
}

TEST(ParseCsvTest, ValidSheets) {
  struct Case {
    std::string_view label;
    std::string bytes;
    std::vector<std::string> header;
    Rows rows;
    std::vector<std::size_t> row_lines;
    char delimiter;
  };
  const Case cases[] = {
      {"plain LF",
       "title,date\nAbai,1845\nShokan,1835\n",
       {"title", "date"},
       {{"Abai", "1845"}, {"Shokan", "1835"}},
       {2, 3},
       ','},
      {"CRLF, no final newline",
       "title,date\r\nAbai,1845\r\nShokan,1835",
       {"title", "date"},
       {{"Abai", "1845"}, {"Shokan", "1835"}},
       {2, 3},
       ','},
      {"lone CR (old Mac)",
       "title,date\rAbai,1845\r",
       {"title", "date"},
       {{"Abai", "1845"}},
       {2},
       ','},
      {"UTF-8 BOM and Cyrillic",
       "\xEF\xBB\xBFtitle,date\nАбай Құнанбайұлы,1845\n",
       {"title", "date"},
       {{"Абай Құнанбайұлы", "1845"}},
       {2},
       ','},
      {"quoted fields with delimiter and quotes",
       "title,note\n\"Letter, 1916\",\"He said \"\"yes\"\"\"\n",
       {"title", "note"},
       {{"Letter, 1916", "He said \"yes\""}},
       {2},
       ','},
      {"embedded newlines move the row lines",
       "title,note\n\"a\nb\",x\r\n\"c\r\nd\r\ne\",y\nz,w\n",
       {"title", "note"},
       {{"a\nb", "x"}, {"c\nd\ne", "y"}, {"z", "w"}},
       {2, 4, 7},
       ','},
      {"empty quoted field and empty fields",
       "a,b,c\n\"\",,x\n",
       {"a", "b", "c"},
       {{"", "", "x"}},
       {2},
       ','},
      {"short rows are padded",
       "a,b,c\n1\n1,2\n",
       {"a", "b", "c"},
       {{"1", "", ""}, {"1", "2", ""}},
       {2, 3},
       ','},
      {"blank lines and empty rows are skipped",
       "\na,b\n\n1,2\n,\n\r\n3,4\n",
       {"a", "b"},
       {{"1", "2"}, {"3", "4"}},
       {4, 7},
       ','},
      {"semicolon (European Excel)",
       "title;date\nAbai;1845\n\"a;b\";\"1,5\"\n",
       {"title", "date"},
       {{"Abai", "1845"}, {"a;b", "1,5"}},
       {2, 3},
       ';'},
      {"semicolon after blank lines", "\r\n\r\na;b\n1;2\n", {"a", "b"}, {{"1", "2"}}, {4}, ';'},
      {"tab", "title\tdate\nAbai\t1845\n", {"title", "date"}, {{"Abai", "1845"}}, {2}, '\t'},
      {"comma wins over semicolon", "a;x,b\n1;2,3\n", {"a;x", "b"}, {{"1;2", "3"}}, {2}, ','},
      {"quoted delimiter in header does not count",
       "\"a,b\";c\n1;2\n",
       {"a,b", "c"},
       {{"1", "2"}},
       {2},
       ';'},
      {"single column",
       "title\nAbai\n\"Shokan, Valikhanov\"\n",
       {"title"},
       {{"Abai"}, {"Shokan, Valikhanov"}},
       {2, 3},
       ','},
      {"header names are trimmed, values are not",
       " title , date\n Abai ,1845\n",
       {"title", "date"},
       {{" Abai ", "1845"}},
       {2},
       ','},
      {"bare quote inside an unquoted field is literal",
       "size\n5\" floppy\n",
       {"size"},
       {{"5\" floppy"}},
       {2},
       ','},
      {"header only", "a,b\n", {"a", "b"}, {}, {}, ','},
  };
  for (const Case& c : cases) {
    auto result = parse_csv(c.bytes, "sheet.csv");
    ASSERT_TRUE(result.has_value()) << c.label << ": " << result.error().to_string();
    EXPECT_EQ(result->header, c.header) << c.label;
    EXPECT_EQ(result->rows, c.rows) << c.label;
    EXPECT_EQ(result->row_lines, c.row_lines) << c.label;
    EXPECT_EQ(result->delimiter, c.delimiter) << c.label;
  }
}

TEST(ParseCsvTest, BadSheets) {
  struct Case {
    std::string_view label;
    std::string bytes;
    std::string message_part;
  };
  const std::string utf16_message =
      "sheet.csv is UTF-16 (a spreadsheet's 'Unicode text' export); save it as 'CSV UTF-8'";
  const Case cases[] = {
      {"UTF-16 LE with BOM", utf16("title,date\n", true, true), utf16_message},
      {"UTF-16 BE with BOM", utf16("title,date\n", false, true), utf16_message},
      {"UTF-16 LE without BOM", utf16("title,date\nAbai,1845\n", true, false), utf16_message},
      {"UTF-16 BE without BOM", utf16("title,date\nAbai,1845\n", false, false), utf16_message},
      {"a stray NUL", std::string("a,b\n1,2\n3,\0\n", 11),
       "sheet.csv: line 3, byte offset 10: NUL"},
      {"CP1251 Cyrillic", "title,date\nAbai,1845\n\xCF\xF0\xE8\xEA\xE0\xE7 \xC0\xE1\xE0\xE9,1916\n",
       "sheet.csv: line 3 is not UTF-8; it looks like Windows-1251 (CP1251) Cyrillic"},
      {"Latin-1 accents", "title\nAbai\nCaf\xE9 M\xFCller\n",
       "sheet.csv: line 3, byte offset 14: byte 0xE9 is not valid UTF-8"},
      {"truncated UTF-8 sequence", "title\n\xD0", "line 2, byte offset 6: byte 0xD0"},
      {"overlong UTF-8", "title\n\xC0\x91\n", "byte 0xC0 is not valid UTF-8"},
      {"UTF-8 surrogate", "title\n\xED\xA0\x80\n", "byte 0xED is not valid UTF-8"},
      {"empty file", "", "sheet.csv is empty; expected a header line"},
      {"only a BOM and blank lines", "\xEF\xBB\xBF\r\n\r\n", "sheet.csv is empty"},
      {"empty header name", "title,,date\n", "sheet.csv: line 1: header column 2 is empty"},
      {"trailing empty header", "title,date,\n", "header column 3 is empty"},
      {"blank header name", "title,  \n", "header column 2 is empty"},
      {"duplicate header", "title,date,title\n",
       "sheet.csv: line 1: header column 3 \"title\" repeats column 1"},
      {"duplicate after trimming", "title, title\n", "header column 2 \"title\" repeats column 1"},
      {"too many fields", "title,date\nAbai,1845\nShokan,1835,extra\n",
       "sheet.csv: line 3 (row 3): 3 fields but the header has 2 columns; quote a value that "
       "contains ','"},
      {"too many fields after a multi-line cell", "a,b\n\"x\ny\",1\n1,2,3\n",
       "line 4 (row 3): 3 fields"},
      {"too many fields with semicolons", "a;b\n1;2;3\n", "quote a value that contains ';'"},
      {"unterminated quote", "title,note\nAbai,\"unclosed\nShokan,1835\n",
       "sheet.csv: line 2: the quoted field 2 that starts on this line is never closed"},
      {"unterminated quote in header", "\"title,date\n", "line 1: the quoted field 1"},
      {"text after closing quote", "title\n\"Abai\" Kunanbaiuly\n",
       "sheet.csv: line 2: field 1 has text after its closing quote"},
      {"single quote inside quoted field", "a,b\n1,\"say \"hi\"\"\n", "line 2: field 2 has text"},
  };
  for (const Case& c : cases) {
    EXPECT_THAT(parse_csv(c.bytes, "sheet.csv"),
                StatusIs(StatusCode::kInvalidArgument, HasSubstr(c.message_part)))
        << c.label;
  }
}

TEST(CsvEscapeTest, Table) {
  struct Case {
    std::string_view field;
    std::string_view escaped;
  };
  const Case cases[] = {
      {"", ""},
      {"Abai", "Abai"},
      {"Абай", "Абай"},
      {"a,b", "\"a,b\""},
      {"a;b", "\"a;b\""},
      {"a\tb", "\"a\tb\""},
      {"say \"hi\"", "\"say \"\"hi\"\"\""},
      {"two\nlines", "\"two\nlines\""},
      {"cr\r", "\"cr\r\""},
      {" padded", "\" padded\""},
      {"padded ", "\"padded \""},
      {"in ner", "in ner"},
  };
  for (const Case& c : cases) EXPECT_EQ(csv_escape(c.field), c.escaped) << c.field;
}

TEST(CsvEscapeTest, EscapedRowsParseBack) {
  const std::vector<std::string> values = {"a,b", "say \"hi\"", "two\nlines", " x ", "a;b", ""};
  std::string sheet = "c1,c2,c3,c4,c5,c6\n";
  for (std::size_t i = 0; i < values.size(); ++i) {
    sheet += (i > 0 ? "," : "") + csv_escape(values[i]);
  }
  sheet += "\n";
  ASSERT_OK_AND_ASSIGN(CsvTable table, parse_csv(sheet, "round-trip.csv"));
  ASSERT_EQ(table.rows.size(), 1u);
  EXPECT_EQ(table.rows[0], values);
  // A one-column sheet whose header contains ';' still reads as comma-separated.
  ASSERT_OK_AND_ASSIGN(CsvTable single, parse_csv(csv_escape("a;b") + "\n1\n", "one.csv"));
  EXPECT_EQ(single.header, std::vector<std::string>{"a;b"});
  EXPECT_EQ(single.delimiter, ',');
}

TEST(EncodingTest, IsValidUtf8) {
  struct Case {
    std::string_view bytes;
    bool valid;
  };
  const Case cases[] = {
      {"", true},
      {"ascii", true},
      {"Қазақстан", true},
      {"\xF0\x9F\x93\x9C", true},   // U+1F4DC
      {"\xF4\x8F\xBF\xBF", true},   // U+10FFFF
      {"\xEF\xBB\xBF", true},       // BOM
      {"\xC3", false},              // truncated
      {"\xC1\xBF", false},          // overlong
      {"\xE0\x9F\xBF", false},      // overlong
      {"\xED\xA0\x80", false},      // surrogate
      {"\xF4\x90\x80\x80", false},  // beyond U+10FFFF
      {"\xF5\x80\x80\x80", false},
      {"\x80", false},          // lone continuation
      {"\xE2\x82", false},      // truncated
      {"\xE2\x28\xA1", false},  // bad continuation
  };
  for (const Case& c : cases) EXPECT_EQ(is_valid_utf8(c.bytes), c.valid) << c.bytes;
}

TEST(EncodingTest, LooksLikeCp1251) {
  struct Case {
    std::string_view label;
    std::string_view bytes;
    bool cp1251;
  };
  const Case cases[] = {
      {"Russian words", "\xCF\xF0\xE8\xEA\xE0\xE7 \xE8 \xEF\xE8\xF1\xFC\xEC\xEE", true},
      {"one Cyrillic word in a CSV line", "1,\xC0\xE1\xE0\xE9,1845", true},
      {"Yo", "\xA8\xEB\xEA\xE0", true},
      {"valid UTF-8 Cyrillic is not CP1251", "Приказ и письмо", false},
      {"ASCII", "title,date", false},
      {"Latin-1 accents stand alone",
       "Caf\xE9 M\xFC"
       "ller Stra\xDF"
       "e",
       false},
      {"a single high byte", "na\xEFve", false},
      {"0x98 is unassigned in CP1251", "\xCF\xF0\x98\xE8\xEA", false},
      {"mostly punctuation", "\x93quoted\x94 \x96 \x85 \xE0\xE1", false},
  };
  for (const Case& c : cases) EXPECT_EQ(looks_like_cp1251(c.bytes), c.cp1251) << c.label;
}

}  // namespace
}  // namespace mura::formats
