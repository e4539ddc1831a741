// XML text for the writers of formats/ (oai_dc, DataCite, OAI-PMH responses): escaping of
// character data and attribute values, with every byte sequence that XML 1.0 cannot carry
// (invalid UTF-8, control characters, U+FFFE/U+FFFF) replaced by U+FFFD, and XmlWriter, a
// streaming writer that appends elements to a string the caller owns, so a caller can hand out
// and clear the buffer between elements. Plain functions are thread-safe; a writer is used by
// one thread at a time.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace mura::formats {

// The character written in place of anything XML 1.0 cannot carry.
inline constexpr std::string_view kReplacementCharacter = "\xEF\xBF\xBD";  // U+FFFD

// Appends `text` as character data: & < > escaped, CR as &#13; (so that a parser does not fold
// it), and invalid UTF-8 or characters outside XML 1.0's Char production as U+FFFD.
void append_xml_text(std::string& out, std::string_view text);
// Appends `value` for use inside a double-quoted attribute: as append_xml_text, and " TAB LF as
// character references (attribute-value normalisation would turn TAB and LF into spaces).
void append_xml_attribute(std::string& out, std::string_view value);
// append_xml_text into a new string.
std::string xml_escape(std::string_view text);

// True for a value of xs:language (and so of xml:lang): 1-8 letters, then "-" and 1-8 letters
// or digits, e.g. "kk", "kk-Latn", "en-GB".
bool is_xml_language(std::string_view tag);

// A streaming writer of well-formed XML into `out`. Elements are opened and closed in order;
// attributes follow open() before any content; an element closed without content is written
// as <name/>. Names are written as given (the caller passes valid, prefixed names).
// REQUIRES: calls nest properly (close() with an element open, attribute() right after open()).
class XmlWriter {
 public:
  explicit XmlWriter(std::string& out) : out_(out) {}
  XmlWriter(const XmlWriter&) = delete;
  XmlWriter& operator=(const XmlWriter&) = delete;

  // <?xml version="1.0" encoding="UTF-8"?> and a newline.
  XmlWriter& declaration();
  XmlWriter& open(std::string_view name);
  XmlWriter& attribute(std::string_view name, std::string_view value);
  XmlWriter& text(std::string_view text);
  XmlWriter& close();
  // <name>text</name>; with a non-empty `language` that is_xml_language accepts, also xml:lang.
  XmlWriter& element(std::string_view name, std::string_view text, std::string_view language = {});
  // Closes every open element.
  XmlWriter& close_all();
  // Elements open now.
  std::size_t depth() const { return open_.size(); }
  // The string written to; a caller may move out and clear its bytes between elements.
  std::string& buffer() { return out_; }

 private:
  void finish_start_tag();

  std::string& out_;
  std::vector<std::string> open_;
  bool in_start_tag_ = false;
};

}  // namespace mura::formats
