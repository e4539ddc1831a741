#include "text/normalize.h"

#include <unicode/locid.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include "text/utf8.h"

namespace mura::text {
namespace {

bool is_ascii(std::string_view text) {
  for (char c : text) {
    if (static_cast<unsigned char>(c) >= 0x80) return false;
  }
  return true;
}

bool is_cyrillic(char32_t c) { return (c >= 0x0400 && c <= 0x052F); }

bool is_latin_letter(char32_t c) {
  return (c >= U'a' && c <= U'z') || (c >= U'A' && c <= U'Z') ||
         (c >= 0x00C0 && c <= 0x024F && c != 0x00D7 && c != 0x00F7);
}

bool has_prefix_ignoring_case(std::string_view text, std::string_view prefix) {
  if (text.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i) {
    char a = text[i];
    if (a >= 'A' && a <= 'Z') a = static_cast<char>(a - 'A' + 'a');
    if (a != prefix[i]) return false;
  }
  return true;
}

}  // namespace

std::string to_nfc(std::string_view text) {
  if (is_ascii(text)) return std::string(text);
  UErrorCode error = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(error);
  if (U_FAILURE(error)) return std::string(text);
  icu::UnicodeString unicode = icu::UnicodeString::fromUTF8(
      icu::StringPiece(text.data(), static_cast<std::int32_t>(text.size())));
  if (nfc->isNormalized(unicode, error) && U_SUCCESS(error)) {
    std::string out;
    unicode.toUTF8String(out);  // also replaces invalid UTF-8
    return out;
  }
  error = U_ZERO_ERROR;
  icu::UnicodeString normalized = nfc->normalize(unicode, error);
  std::string out;
  (U_SUCCESS(error) ? normalized : unicode).toUTF8String(out);
  return out;
}

bool is_kazakh(std::string_view language) {
  return has_prefix_ignoring_case(language, "kk") && (language.size() == 2 || language[2] == '-');
}

bool is_kazakh_latin(std::string_view language) {
  return is_kazakh(language) && language.size() == 7 &&
         has_prefix_ignoring_case(language.substr(3), "latn");
}

std::string fold_case(std::string_view text, std::string_view language) {
  if (is_ascii(text)) {
    // Fast path; Kazakh Latin still needs I → ı.
    const bool turkic = is_kazakh(language);
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
      if (c == 'I' && turkic) {
        out += "ı";
      } else if (c >= 'A' && c <= 'Z') {
        out.push_back(static_cast<char>(c - 'A' + 'a'));
      } else {
        out.push_back(c);
      }
    }
    return out;
  }
  std::string nfc = to_nfc(text);
  const bool turkic =
      is_kazakh_latin(language) || (is_kazakh(language) && script_of(nfc) == Script::kLatin);
  icu::UnicodeString unicode = icu::UnicodeString::fromUTF8(
      icu::StringPiece(nfc.data(), static_cast<std::int32_t>(nfc.size())));
  unicode.toLower(turkic ? icu::Locale("tr") : icu::Locale::getRoot());
  std::string out;
  unicode.toUTF8String(out);
  return out;
}

Script script_of(std::string_view text) {
  bool cyrillic = false;
  bool latin = false;
  for (std::size_t position = 0; position < text.size();) {
    const char32_t c = next_code_point(text, position);
    if (is_cyrillic(c)) {
      cyrillic = true;
    } else if (is_latin_letter(c)) {
      latin = true;
    }
  }
  if (cyrillic && latin) return Script::kMixed;
  if (cyrillic) return Script::kCyrillic;
  if (latin) return Script::kLatin;
  return Script::kNone;
}

std::string fold_lookalikes(std::string_view lower_case) {
  std::string out;
  out.reserve(lower_case.size());
  for (std::size_t position = 0; position < lower_case.size();) {
    char32_t c = next_code_point(lower_case, position);
    switch (c) {
      case U'қ':
        c = U'к';
        break;
      case U'ә':
        c = U'а';
        break;
      case U'ө':
        c = U'о';
        break;
      case U'ү':
      case U'ұ':
        c = U'у';
        break;
      case U'ғ':
        c = U'г';
        break;
      case U'ң':
        c = U'н';
        break;
      case U'і':
        c = U'и';
        break;
      case U'һ':
        c = U'х';
        break;
      default:
        break;
    }
    append_utf8(out, c);
  }
  return out;
}

}  // namespace mura::text
