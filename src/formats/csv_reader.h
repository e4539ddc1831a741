// CSV bulk sheets (RFC 4180 as spreadsheets export it): the table a curator fills in Excel or
// LibreOffice to ingest many records at once. parse_csv reads the whole sheet into memory,
// detects the delimiter and the wrong encodings spreadsheets produce (UTF-16, Windows-1251), and
// reports every problem with the file name and line. Plain functions; thread-safe.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"

namespace mura::formats {

struct CsvTable {
  std::vector<std::string> header;             // column names, trimmed, unique, non-empty
  std::vector<std::vector<std::string>> rows;  // each exactly header.size() fields
  std::vector<std::size_t> row_lines;          // 1-based line where each row starts
  char delimiter = ',';                        // ',', ';' or '\t'
};

// Parses a CSV file. `source_name` ("sheet.csv") starts every error message.
// - Delimiter: ',' when the header line (outside quotes) has a comma; otherwise ';' or tab,
//   whichever it has (the more frequent if both); ',' for a one-column sheet.
// - Fields may be quoted with '"', with "" for a quote and embedded newlines; CRLF inside a
//   quoted field becomes LF. Rows end in CRLF, LF or a lone CR. A '"' inside an unquoted field
//   is kept literally, as spreadsheets do.
// - UTF-8 with or without a byte-order mark. Header names are trimmed of spaces; values are not.
// - Blank rows (no text in any field) are skipped; a row with fewer fields than the header is
//   padded with empty fields (spreadsheets drop trailing empty cells).
// Returns InvalidArgument, naming the place, when the file is UTF-16, is not UTF-8 (saying when
// it looks like Windows-1251 Cyrillic), contains NUL bytes, is empty, has an empty or duplicate
// header name, has a quoted field that is never closed (the line where it starts), has text
// after a closing quote, or has a row with more fields than the header.
Result<CsvTable> parse_csv(std::string_view bytes, std::string_view source_name);

// The field as it must be written in a CSV file: quoted (with "" for each '"') when it contains
// a delimiter (',', ';', tab), a quote, CR or LF, or starts or ends with a space; as is otherwise.
std::string csv_escape(std::string_view field);

// True when `text` is well-formed UTF-8 (no overlong forms, surrogates or code points beyond
// U+10FFFF).
bool is_valid_utf8(std::string_view text);

// True when `text` is not valid UTF-8 and reads as Cyrillic in Windows-1251 (CP1251): most bytes
// above 0x7F are Cyrillic letters in that code page, and most of those letters stand next to
// another, as in words (Latin-1 accents such as "café" stand alone). A heuristic for messages,
// not a decoder.
bool looks_like_cp1251(std::string_view text);

}  // namespace mura::formats
