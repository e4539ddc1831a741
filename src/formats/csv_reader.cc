#include "formats/csv_reader.h"

#include <algorithm>
#include <array>
#include <cstdio>
#include <optional>

namespace mura::formats {
namespace {

constexpr std::string_view kSaveAsUtf8 = "save it as 'CSV UTF-8'";
constexpr std::size_t kEncodingSample = 4096;

unsigned char byte_at(std::string_view text, std::size_t index) {
  return static_cast<unsigned char>(text[index]);
}

// The offset of the first byte that does not start a well-formed UTF-8 sequence, or npos.
std::size_t first_invalid_utf8(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size()) {
    const unsigned char lead = byte_at(text, i);
    if (lead < 0x80) {
      ++i;
      continue;
    }
    std::size_t length = 0;
    unsigned char low = 0x80;  // allowed range of the second byte
    unsigned char high = 0xBF;
    if (lead >= 0xC2 && lead <= 0xDF) {
      length = 2;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
      length = 3;
      if (lead == 0xE0) low = 0xA0;   // overlong
      if (lead == 0xED) high = 0x9F;  // surrogates
    } else if (lead >= 0xF0 && lead <= 0xF4) {
      length = 4;
      if (lead == 0xF0) low = 0x90;   // overlong
      if (lead == 0xF4) high = 0x8F;  // beyond U+10FFFF
    } else {
      return i;
    }
    if (i + length > text.size()) return i;
    const unsigned char second = byte_at(text, i + 1);
    if (second < low || second > high) return i;
    for (std::size_t k = 2; k < length; ++k) {
      if ((byte_at(text, i + k) & 0xC0) != 0x80) return i;
    }
    i += length;
  }
  return std::string_view::npos;
}

// Cyrillic letters of Windows-1251: 0xC0-0xFF (А-я) and the letters of other Slavic alphabets
// (Ё, Ў, Ї, Ј, Ґ, Ђ, ...) between 0x80 and 0xBF.
bool is_cp1251_letter(unsigned char b) {
  static constexpr std::array<unsigned char, 30> kOtherLetters = {
      0x80, 0x81, 0x83, 0x8A, 0x8C, 0x8D, 0x8E, 0x8F, 0x90, 0x9A, 0x9C, 0x9D, 0x9E, 0x9F, 0xA1,
      0xA2, 0xA3, 0xA5, 0xA8, 0xAA, 0xAF, 0xB2, 0xB3, 0xB4, 0xB8, 0xBA, 0xBC, 0xBD, 0xBE, 0xBF};
  return b >= 0xC0 ||
         std::find(kOtherLetters.begin(), kOtherLetters.end(), b) != kOtherLetters.end();
}

bool is_newline(char c) { return c == '\n' || c == '\r'; }

// The 1-based line of `offset`: one more than the line breaks (CRLF, LF or a lone CR) before it.
std::size_t line_at(std::string_view text, std::size_t offset) {
  std::size_t line = 1;
  for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
    if (text[i] == '\n' || (text[i] == '\r' && (i + 1 >= text.size() || text[i + 1] != '\n'))) {
      ++line;
    }
  }
  return line;
}

// The line around `offset`, without its line break.
std::string_view line_around(std::string_view text, std::size_t offset) {
  std::size_t start = offset;
  while (start > 0 && !is_newline(text[start - 1])) --start;
  std::size_t end = offset;
  while (end < text.size() && !is_newline(text[end])) ++end;
  return text.substr(start, end - start);
}

std::string hex_byte(unsigned char b) {
  std::array<char, 5> buffer{};
  std::snprintf(buffer.data(), buffer.size(), "0x%02X", static_cast<unsigned int>(b));
  return buffer.data();
}

std::string delimiter_name(char delimiter) {
  return delimiter == '\t' ? std::string("a tab") : "'" + std::string(1, delimiter) + "'";
}

// Rejects encodings other than UTF-8 and NUL bytes; `bytes` still has its BOM, if any.
Status check_encoding(std::string_view bytes, std::string_view source) {
  const std::string name(source);
  if (bytes.starts_with("\xFF\xFE") || bytes.starts_with("\xFE\xFF")) {
    return invalid_argument_error(name + " is UTF-16 (a spreadsheet's 'Unicode text' export); " +
                                  std::string(kSaveAsUtf8));
  }
  // UTF-16 without a byte-order mark: ASCII characters leave a NUL in every other byte.
  const std::string_view sample = bytes.substr(0, kEncodingSample);
  std::array<std::size_t, 2> nuls_by_parity{};
  for (std::size_t i = 0; i < sample.size(); ++i) {
    if (sample[i] == '\0') ++nuls_by_parity[i % 2];
  }
  const std::size_t nuls = nuls_by_parity[0] + nuls_by_parity[1];
  if (nuls > 0 && nuls * 10 >= sample.size() &&
      std::max(nuls_by_parity[0], nuls_by_parity[1]) * 10 >= nuls * 9) {
    return invalid_argument_error(name + " is UTF-16 (a spreadsheet's 'Unicode text' export); " +
                                  std::string(kSaveAsUtf8));
  }
  const std::size_t nul = bytes.find('\0');
  if (nul != std::string_view::npos) {
    return invalid_argument_error(name + ": line " + std::to_string(line_at(bytes, nul)) +
                                  ", byte offset " + std::to_string(nul) +
                                  ": NUL byte; this is not a CSV text file");
  }
  const std::size_t invalid = first_invalid_utf8(bytes);
  if (invalid == std::string_view::npos) return ok_status();
  const std::string line = std::to_string(line_at(bytes, invalid));
  if (looks_like_cp1251(line_around(bytes, invalid))) {
    return invalid_argument_error(name + ": line " + line +
                                  " is not UTF-8; it looks like Windows-1251 (CP1251) Cyrillic. " +
                                  "Open the sheet in a spreadsheet and save it as 'CSV UTF-8'");
  }
  return invalid_argument_error(
      name + ": line " + line + ", byte offset " + std::to_string(invalid) + ": byte " +
      hex_byte(byte_at(bytes, invalid)) + " is not valid UTF-8; " + std::string(kSaveAsUtf8));
}

// ',' when the header line (the first non-empty one, outside quotes) has a comma; else ';' or
// tab, whichever it has, the more frequent if both.
char detect_delimiter(std::string_view text) {
  const std::size_t header_start = text.find_first_not_of("\r\n");
  if (header_start != std::string_view::npos) text.remove_prefix(header_start);
  std::size_t commas = 0;
  std::size_t semicolons = 0;
  std::size_t tabs = 0;
  bool quoted = false;
  for (char c : text) {
    if (c == '"') quoted = !quoted;
    if (quoted) continue;
    if (is_newline(c)) break;
    if (c == ',') ++commas;
    if (c == ';') ++semicolons;
    if (c == '\t') ++tabs;
  }
  if (commas > 0) return ',';
  if (semicolons > 0 || tabs > 0) return semicolons >= tabs ? ';' : '\t';
  return ',';
}

struct CsvRecord {
  std::vector<std::string> fields;
  std::size_t line = 0;  // where the record starts
};

// Splits the text into records, one at a time.
class Tokenizer {
 public:
  Tokenizer(std::string_view text, char delimiter, std::string_view source)
      : text_(text), delimiter_(delimiter), source_(source) {}

  // The next record, or nullopt at the end of the text.
  Result<std::optional<CsvRecord>> next() {
    if (pos_ >= text_.size()) return std::nullopt;
    CsvRecord record;
    record.line = line_;
    while (true) {
      std::string field;
      if (peek() == '"') {
        MURA_TRY(read_quoted(field, record.fields.size() + 1));
      } else {
        while (pos_ < text_.size() && text_[pos_] != delimiter_ && !is_newline(text_[pos_])) {
          field += text_[pos_++];
        }
      }
      record.fields.push_back(std::move(field));
      if (pos_ < text_.size() && text_[pos_] == delimiter_) {
        ++pos_;
        continue;
      }
      skip_line_break();
      return record;
    }
  }

 private:
  char peek() const { return pos_ < text_.size() ? text_[pos_] : '\0'; }

  void skip_line_break() {
    if (pos_ >= text_.size()) return;
    if (text_[pos_] == '\r') {
      ++pos_;
      if (peek() == '\n') ++pos_;
    } else {
      ++pos_;  // '\n'
    }
    ++line_;
  }

  Status read_quoted(std::string& field, std::size_t field_number) {
    const std::size_t start_line = line_;
    ++pos_;  // the opening quote
    while (true) {
      if (pos_ >= text_.size()) {
        return invalid_argument_error(
            std::string(source_) + ": line " + std::to_string(start_line) + ": the quoted field " +
            std::to_string(field_number) + " that starts on this line is never closed; " +
            "add the missing '\"' (a quote inside a quoted field is written \"\")");
      }
      const char c = text_[pos_];
      if (c == '"') {
        if (pos_ + 1 < text_.size() && text_[pos_ + 1] == '"') {
          field += '"';
          pos_ += 2;
          continue;
        }
        ++pos_;
        break;
      }
      if (c == '\r') {
        // CRLF and a lone CR inside a field both become LF.
        ++pos_;
        if (peek() == '\n') ++pos_;
        field += '\n';
        ++line_;
        continue;
      }
      if (c == '\n') ++line_;
      field += c;
      ++pos_;
    }
    if (pos_ < text_.size() && text_[pos_] != delimiter_ && !is_newline(text_[pos_])) {
      return invalid_argument_error(std::string(source_) + ": line " + std::to_string(line_) +
                                    ": field " + std::to_string(field_number) +
                                    " has text after its closing quote; a quote inside a " +
                                    "quoted field is written \"\", and fields are separated by " +
                                    delimiter_name(delimiter_));
    }
    return ok_status();
  }

  std::string_view text_;
  char delimiter_;
  std::string_view source_;
  std::size_t pos_ = 0;
  std::size_t line_ = 1;
};

bool is_blank(const CsvRecord& record) {
  return std::all_of(record.fields.begin(), record.fields.end(),
                     [](const std::string& field) { return field.empty(); });
}

std::string trim_spaces(std::string_view text) {
  const std::size_t first = text.find_first_not_of(" \t");
  if (first == std::string_view::npos) return {};
  return std::string(text.substr(first, text.find_last_not_of(" \t") - first + 1));
}

Status check_header(const CsvRecord& record, std::string_view source, CsvTable& table) {
  const std::string place = std::string(source) + ": line " + std::to_string(record.line) + ": ";
  for (std::size_t i = 0; i < record.fields.size(); ++i) {
    std::string name = trim_spaces(record.fields[i]);
    const std::string column = "header column " + std::to_string(i + 1);
    if (name.empty()) {
      return invalid_argument_error(place + column +
                                    " is empty; give every column a name or delete the column");
    }
    const auto previous = std::find(table.header.begin(), table.header.end(), name);
    if (previous != table.header.end()) {
      const auto previous_index = static_cast<std::size_t>(previous - table.header.begin());
      return invalid_argument_error(place + column + " \"" + name + "\" repeats column " +
                                    std::to_string(previous_index + 1) +
                                    "; column names must be unique");
    }
    table.header.push_back(std::move(name));
  }
  return ok_status();
}

}  // namespace

bool is_valid_utf8(std::string_view text) {
  return first_invalid_utf8(text) == std::string_view::npos;
}

bool looks_like_cp1251(std::string_view text) {
  if (is_valid_utf8(text)) return false;
  std::size_t high = 0;
  std::size_t letters = 0;
  std::size_t letters_in_words = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const unsigned char b = byte_at(text, i);
    if (b < 0x80) continue;
    if (b == 0x98) return false;  // unassigned in Windows-1251
    ++high;
    if (!is_cp1251_letter(b)) continue;
    ++letters;
    const bool letter_before = i > 0 && is_cp1251_letter(byte_at(text, i - 1));
    const bool letter_after = i + 1 < text.size() && is_cp1251_letter(byte_at(text, i + 1));
    if (letter_before || letter_after) ++letters_in_words;
  }
  return letters >= 2 && letters * 10 >= high * 7 && letters_in_words * 10 >= letters * 7;
}

std::string csv_escape(std::string_view field) {
  const bool needs_quotes = field.find_first_of(",;\t\"\r\n") != std::string_view::npos ||
                            (!field.empty() && (field.front() == ' ' || field.back() == ' '));
  if (!needs_quotes) return std::string(field);
  std::string escaped = "\"";
  for (char c : field) {
    if (c == '"') escaped += '"';
    escaped += c;
  }
  escaped += '"';
  return escaped;
}

Result<CsvTable> parse_csv(std::string_view bytes, std::string_view source_name) {
  MURA_TRY(check_encoding(bytes, source_name));
  std::string_view text = bytes;
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);

  CsvTable table;
  table.delimiter = detect_delimiter(text);
  Tokenizer tokenizer(text, table.delimiter, source_name);
  std::size_t spreadsheet_row = 0;  // 1-based record number, as a spreadsheet numbers rows
  bool have_header = false;
  while (true) {
    MURA_ASSIGN_OR_RETURN(std::optional<CsvRecord> record, tokenizer.next());
    if (!record) break;
    ++spreadsheet_row;
    if (is_blank(*record)) continue;
    if (!have_header) {
      MURA_TRY(check_header(*record, source_name, table));
      have_header = true;
      continue;
    }
    if (record->fields.size() > table.header.size()) {
      return invalid_argument_error(
          std::string(source_name) + ": line " + std::to_string(record->line) + " (row " +
          std::to_string(spreadsheet_row) + "): " + std::to_string(record->fields.size()) +
          " fields but the header has " + std::to_string(table.header.size()) +
          " columns; quote a value that contains " + delimiter_name(table.delimiter));
    }
    record->fields.resize(table.header.size());
    table.rows.push_back(std::move(record->fields));
    table.row_lines.push_back(record->line);
  }
  if (!have_header) {
    return invalid_argument_error(std::string(source_name) +
                                  " is empty; expected a header line with the column names");
  }
  return table;
}

}  // namespace mura::formats
