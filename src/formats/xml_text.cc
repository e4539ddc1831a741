#include "formats/xml_text.h"

#include <cstddef>
#include <cstdint>

namespace mura::formats {
namespace {

enum class Context { kText, kAttribute };

bool is_continuation(unsigned char byte) { return (byte & 0xC0U) == 0x80U; }

// The length of the valid UTF-8 sequence at text[at] (which starts with a byte >= 0x80) that is
// an XML 1.0 character, or 0 when there is none: a bad lead or continuation byte, an overlong
// form, a surrogate, a code point beyond U+10FFFF, or the non-characters U+FFFE and U+FFFF.
std::size_t xml_sequence_length(std::string_view text, std::size_t at) {
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[at + i]); };
  const std::size_t available = text.size() - at;
  const unsigned char lead = byte(0);
  if (lead >= 0xC2 && lead <= 0xDF) {
    return available >= 2 && is_continuation(byte(1)) ? 2 : 0;
  }
  if (lead >= 0xE0 && lead <= 0xEF) {
    if (available < 3 || !is_continuation(byte(1)) || !is_continuation(byte(2))) return 0;
    if (lead == 0xE0 && byte(1) < 0xA0) return 0;                      // overlong
    if (lead == 0xED && byte(1) > 0x9F) return 0;                      // a UTF-16 surrogate
    if (lead == 0xEF && byte(1) == 0xBF && byte(2) >= 0xBE) return 0;  // U+FFFE, U+FFFF
    return 3;
  }
  if (lead >= 0xF0 && lead <= 0xF4) {
    if (available < 4 || !is_continuation(byte(1)) || !is_continuation(byte(2)) ||
        !is_continuation(byte(3))) {
      return 0;
    }
    if (lead == 0xF0 && byte(1) < 0x90) return 0;  // overlong
    if (lead == 0xF4 && byte(1) > 0x8F) return 0;  // beyond U+10FFFF
    return 4;
  }
  return 0;
}

// What replaces an ASCII byte: "" when it is written as is.
std::string_view ascii_replacement(unsigned char byte, Context context) {
  switch (byte) {
    case '&':
      return "&amp;";
    case '<':
      return "&lt;";
    case '>':
      return "&gt;";
    case '\r':
      return "&#13;";
    case '"':
      return context == Context::kAttribute ? "&quot;" : "";
    case '\t':
      return context == Context::kAttribute ? "&#9;" : "";
    case '\n':
      return context == Context::kAttribute ? "&#10;" : "";
    default:
      return byte < 0x20 ? kReplacementCharacter : "";
  }
}

// A table of the ASCII bytes that need no attention in each context, for the fast path.
struct PlainTable {
  bool text[128] = {};
  bool attribute[128] = {};
  constexpr PlainTable() {
    for (int byte = 0; byte < 128; ++byte) {
      const bool special = byte < 0x20 || byte == '&' || byte == '<' || byte == '>';
      text[byte] = !special || byte == '\t' || byte == '\n';
      attribute[byte] = !special && byte != '"';
    }
  }
};
constexpr PlainTable kPlain;

void append_escaped(std::string& out, std::string_view text, Context context) {
  const bool* plain = context == Context::kText ? kPlain.text : kPlain.attribute;
  std::size_t run = 0;  // start of the bytes not yet written
  std::size_t at = 0;
  while (at < text.size()) {
    const auto byte = static_cast<unsigned char>(text[at]);
    if (byte < 0x80) {
      if (plain[byte]) {
        ++at;
        continue;
      }
      out.append(text.data() + run, at - run);
      out.append(ascii_replacement(byte, context));
      run = ++at;
      continue;
    }
    const std::size_t length = xml_sequence_length(text, at);
    if (length > 0) {
      at += length;
      continue;
    }
    out.append(text.data() + run, at - run);
    out.append(kReplacementCharacter);
    run = ++at;
  }
  out.append(text.data() + run, at - run);
}

}  // namespace

void append_xml_text(std::string& out, std::string_view text) {
  append_escaped(out, text, Context::kText);
}

void append_xml_attribute(std::string& out, std::string_view value) {
  append_escaped(out, value, Context::kAttribute);
}

std::string xml_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  append_xml_text(out, text);
  return out;
}

bool is_xml_language(std::string_view tag) {
  std::size_t subtag = 0;  // index of the subtag being read
  std::size_t length = 0;
  for (char c : tag) {
    const bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    const bool digit = c >= '0' && c <= '9';
    if (c == '-') {
      if (length == 0) return false;
      ++subtag;
      length = 0;
    } else if (letter || (digit && subtag > 0)) {
      if (++length > 8) return false;
    } else {
      return false;
    }
  }
  return length > 0;
}

XmlWriter& XmlWriter::declaration() {
  out_.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
  return *this;
}

void XmlWriter::finish_start_tag() {
  if (in_start_tag_) {
    out_.push_back('>');
    in_start_tag_ = false;
  }
}

XmlWriter& XmlWriter::open(std::string_view name) {
  finish_start_tag();
  out_.push_back('<');
  out_.append(name);
  open_.emplace_back(name);
  in_start_tag_ = true;
  return *this;
}

XmlWriter& XmlWriter::attribute(std::string_view name, std::string_view value) {
  out_.push_back(' ');
  out_.append(name);
  out_.append("=\"");
  append_xml_attribute(out_, value);
  out_.push_back('"');
  return *this;
}

XmlWriter& XmlWriter::text(std::string_view text) {
  finish_start_tag();
  append_xml_text(out_, text);
  return *this;
}

XmlWriter& XmlWriter::close() {
  if (in_start_tag_) {
    out_.append("/>");
    in_start_tag_ = false;
  } else {
    out_.append("</");
    out_.append(open_.back());
    out_.push_back('>');
  }
  open_.pop_back();
  return *this;
}

XmlWriter& XmlWriter::element(std::string_view name, std::string_view text,
                              std::string_view language) {
  finish_start_tag();
  out_.push_back('<');
  out_.append(name);
  if (!language.empty() && is_xml_language(language)) {
    out_.append(" xml:lang=\"");
    out_.append(language);  // letters, digits and '-' only
    out_.push_back('"');
  }
  out_.push_back('>');
  append_xml_text(out_, text);
  out_.append("</");
  out_.append(name);
  out_.push_back('>');
  return *this;
}

XmlWriter& XmlWriter::close_all() {
  while (!open_.empty()) close();
  return *this;
}

}  // namespace mura::formats
