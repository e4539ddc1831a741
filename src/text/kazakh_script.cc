#include "text/kazakh_script.h"

#include <vector>

#include "text/utf8.h"

namespace mura::text {
namespace {

// Cyrillic upper case → lower case for the letters of Kazakh and Russian; 0 for anything else.
char32_t cyrillic_lower(char32_t c) {
  if (c >= U'А' && c <= U'Я') return c + 0x20;
  if (c >= U'а' && c <= U'я') return c;
  switch (c) {
    case U'Ё':
    case U'ё':
      return U'ё';
    case U'Ә':
    case U'ә':
      return U'ә';
    case U'Ғ':
    case U'ғ':
      return U'ғ';
    case U'Қ':
    case U'қ':
      return U'қ';
    case U'Ң':
    case U'ң':
      return U'ң';
    case U'Ө':
    case U'ө':
      return U'ө';
    case U'Ұ':
    case U'ұ':
      return U'ұ';
    case U'Ү':
    case U'ү':
      return U'ү';
    case U'Һ':
    case U'һ':
      return U'һ';
    case U'І':
    case U'і':
      return U'і';
    default:
      return 0;
  }
}

char32_t cyrillic_upper(char32_t c) {
  if (c >= U'а' && c <= U'я') return c - 0x20;
  switch (c) {
    case U'ё':
      return U'Ё';
    case U'ә':
      return U'Ә';
    case U'ғ':
      return U'Ғ';
    case U'қ':
      return U'Қ';
    case U'ң':
      return U'Ң';
    case U'ө':
      return U'Ө';
    case U'ұ':
      return U'Ұ';
    case U'ү':
      return U'Ү';
    case U'һ':
      return U'Һ';
    case U'і':
      return U'І';
    default:
      return c;
  }
}

// The 2021 Latin spelling of a lower-case Cyrillic letter.
std::u32string_view latin_of(char32_t c) {
  switch (c) {
    case U'а':
      return U"a";
    case U'ә':
      return U"ä";
    case U'б':
      return U"b";
    case U'в':
      return U"v";
    case U'г':
      return U"g";
    case U'ғ':
      return U"ğ";
    case U'д':
      return U"d";
    case U'е':
      return U"e";
    case U'ё':
      return U"io";
    case U'ж':
      return U"j";
    case U'з':
      return U"z";
    case U'и':
      return U"i";
    case U'й':
      return U"i";
    case U'к':
      return U"k";
    case U'қ':
      return U"q";
    case U'л':
      return U"l";
    case U'м':
      return U"m";
    case U'н':
      return U"n";
    case U'ң':
      return U"ñ";
    case U'о':
      return U"o";
    case U'ө':
      return U"ö";
    case U'п':
      return U"p";
    case U'р':
      return U"r";
    case U'с':
      return U"s";
    case U'т':
      return U"t";
    case U'у':
      return U"u";
    case U'ұ':
      return U"ū";
    case U'ү':
      return U"ü";
    case U'ф':
      return U"f";
    case U'х':
      return U"h";
    case U'һ':
      return U"h";
    case U'ц':
      return U"ts";
    case U'ч':
      return U"ch";
    case U'ш':
      return U"ş";
    case U'щ':
      return U"şş";
    case U'ъ':
      return U"";
    case U'ы':
      return U"y";
    case U'і':
      return U"ı";
    case U'ь':
      return U"";
    case U'э':
      return U"e";
    case U'ю':
      return U"iu";
    case U'я':
      return U"ia";
    default:
      return U"";
  }
}

char32_t latin_upper(char32_t c) {
  if (c >= U'a' && c <= U'z') return c - 0x20;
  switch (c) {
    case U'i':
      return U'İ';
    case U'ı':
      return U'I';
    case U'ä':
      return U'Ä';
    case U'ğ':
      return U'Ğ';
    case U'ñ':
      return U'Ñ';
    case U'ö':
      return U'Ö';
    case U'ş':
      return U'Ş';
    case U'ū':
      return U'Ū';
    case U'ü':
      return U'Ü';
    default:
      return c;
  }
}

// Latin letter → lower case (Turkish-style I/İ) and whether it was upper case; 0 when `c` is not
// a Latin letter Kazakh romanisations use.
std::pair<char32_t, bool> latin_lower(char32_t c) {
  if (c >= U'a' && c <= U'z') return {c, false};
  if (c >= U'A' && c <= U'Z') return {c == U'I' ? U'ı' : c + 0x20, true};
  switch (c) {
    case U'İ':
      return {U'i', true};
    case U'ı':
      return {U'ı', false};
    case U'Ä':
    case U'Á':
      return {U'ä', true};
    case U'ä':
    case U'á':
      return {U'ä', false};
    case U'Ğ':
    case U'Ǵ':
      return {U'ğ', true};
    case U'ğ':
    case U'ǵ':
      return {U'ğ', false};
    case U'Ñ':
    case U'Ń':
      return {U'ñ', true};
    case U'ñ':
    case U'ń':
      return {U'ñ', false};
    case U'Ö':
    case U'Ó':
      return {U'ö', true};
    case U'ö':
    case U'ó':
      return {U'ö', false};
    case U'Ş':
      return {U'ş', true};
    case U'ş':
      return {U'ş', false};
    case U'Ū':
      return {U'ū', true};
    case U'ū':
      return {U'ū', false};
    case U'Ü':
    case U'Ú':
      return {U'ü', true};
    case U'ü':
    case U'ú':
      return {U'ü', false};
    case U'Ç':
      return {U'ç', true};
    case U'ç':
      return {U'ç', false};
    default:
      return {0, false};
  }
}

bool is_apostrophe(char32_t c) {
  return c == U'\'' || c == U'’' || c == U'ʼ' || c == U'`' || c == U'ʻ';
}


struct Letter {
  char32_t lower = 0;  // 0 for a character that is not a Latin letter
  char32_t original = 0;
  bool upper = false;
};

}  // namespace

bool is_cyrillic_vowel(char32_t c) {
  switch (c) {
    case U'а':
    case U'ә':
    case U'е':
    case U'ё':
    case U'и':
    case U'о':
    case U'ө':
    case U'у':
    case U'ұ':
    case U'ү':
    case U'ы':
    case U'і':
    case U'э':
    case U'ю':
    case U'я':
      return true;
    default:
      return false;
  }
}

std::string kazakh_to_latin(std::string_view cyrillic) {
  std::string out;
  out.reserve(cyrillic.size());
  std::vector<char32_t> letters;
  for (std::size_t position = 0; position < cyrillic.size();)
    letters.push_back(next_code_point(cyrillic, position));
  for (std::size_t i = 0; i < letters.size(); ++i) {
    const char32_t c = letters[i];
    const char32_t lower = cyrillic_lower(c);
    if (lower == 0) {
      append_utf8(out, c);
      continue;
    }
    const bool upper = lower != c;
    std::u32string_view latin = latin_of(lower);
    // An upper-case letter inside an upper-case word spells all of its Latin letters in capitals.
    const bool word_upper =
        upper && ((i + 1 < letters.size() && cyrillic_lower(letters[i + 1]) != 0 &&
                   cyrillic_lower(letters[i + 1]) != letters[i + 1]) ||
                  (i > 0 && cyrillic_lower(letters[i - 1]) != 0 &&
                   cyrillic_lower(letters[i - 1]) != letters[i - 1]));
    for (std::size_t k = 0; k < latin.size(); ++k) {
      append_utf8(out, upper && (k == 0 || word_upper) ? latin_upper(latin[k]) : latin[k]);
    }
  }
  return out;
}

std::string kazakh_from_latin(std::string_view latin) {
  std::vector<Letter> letters;
  for (std::size_t position = 0; position < latin.size();) {
    const char32_t c = next_code_point(latin, position);
    auto [lower, upper] = latin_lower(c);
    letters.push_back({lower, c, upper});
  }
  auto at = [&](std::size_t i) -> char32_t { return i < letters.size() ? letters[i].lower : 0; };
  auto is_word_start = [&](std::size_t i) { return i == 0 || letters[i - 1].lower == 0; };
  // Whether the Cyrillic letter written last is a vowel (so i and y after it are й).
  char32_t previous = 0;
  auto after_vowel = [&](std::size_t i) {
    return i > 0 && letters[i - 1].lower != 0 && is_cyrillic_vowel(previous);
  };
  std::string out;
  out.reserve(latin.size() * 2);
  for (std::size_t i = 0; i < letters.size();) {
    const Letter& letter = letters[i];
    if (letter.lower == 0) {
      append_utf8(out, letter.original);
      previous = 0;
      ++i;
      continue;
    }
    const char32_t c = letter.lower;
    const char32_t next = at(i + 1);
    char32_t cyrillic = 0;
    std::size_t used = 1;
    if (c == U's' && next == U'h' && at(i + 2) == U'c' && at(i + 3) == U'h') {
      cyrillic = U'щ';
      used = 4;
    } else if (next == U'h' && (c == U's' || c == U'z' || c == U'c' || c == U'k' || c == U'g')) {
      cyrillic = c == U's' ? U'ш' : c == U'z' ? U'ж' : c == U'c' ? U'ч' : c == U'k' ? U'х' : U'ғ';
      used = 2;
    } else if (c == U't' && next == U's') {
      cyrillic = U'ц';
      used = 2;
    } else if (c == U'n' && next == U'g' && at(i + 2) == 0) {
      cyrillic = U'ң';
      used = 2;
    } else if (i + 1 < letters.size() && letters[i + 1].lower == 0 &&
               is_apostrophe(letters[i + 1].original) &&
               (c == U'a' || c == U'g' || c == U'n' || c == U'o' || c == U'u' || c == U's' ||
                c == U'c' || c == U'i' || c == U'y')) {
      switch (c) {
        case U'a':
          cyrillic = U'ә';
          break;
        case U'g':
          cyrillic = U'ғ';
          break;
        case U'n':
          cyrillic = U'ң';
          break;
        case U'o':
          cyrillic = U'ө';
          break;
        case U'u':
          cyrillic = U'ү';
          break;
        case U's':
          cyrillic = U'ш';
          break;
        case U'c':
          cyrillic = U'ч';
          break;
        case U'i':
          cyrillic = U'й';
          break;
        default:
          cyrillic = U'ұ';
          break;
      }
      used = 2;
    } else if ((c == U'i' || c == U'y') && (is_word_start(i) || after_vowel(i)) &&
               (next == U'a' || next == U'u' || next == U'o' || (c == U'y' && next == U'e'))) {
      cyrillic = next == U'a' ? U'я' : next == U'u' ? U'ю' : next == U'o' ? U'ё' : U'е';
      used = 2;
    } else {
      switch (c) {
        case U'a':
          cyrillic = U'а';
          break;
        case U'ä':
          cyrillic = U'ә';
          break;
        case U'b':
          cyrillic = U'б';
          break;
        case U'c':
          cyrillic = U'ц';
          break;
        case U'ç':
          cyrillic = U'ч';
          break;
        case U'd':
          cyrillic = U'д';
          break;
        case U'e':
          cyrillic = U'е';
          break;
        case U'f':
          cyrillic = U'ф';
          break;
        case U'g':
          cyrillic = U'г';
          break;
        case U'ğ':
          cyrillic = U'ғ';
          break;
        case U'h':
          cyrillic = U'х';
          break;
        case U'ı':
          cyrillic = U'і';
          break;
        case U'i':
          cyrillic = after_vowel(i) ? U'й' : U'и';
          break;
        case U'j':
          cyrillic = U'ж';
          break;
        case U'k':
          cyrillic = U'к';
          break;
        case U'l':
          cyrillic = U'л';
          break;
        case U'm':
          cyrillic = U'м';
          break;
        case U'n':
          cyrillic = U'н';
          break;
        case U'ñ':
          cyrillic = U'ң';
          break;
        case U'o':
          cyrillic = U'о';
          break;
        case U'ö':
          cyrillic = U'ө';
          break;
        case U'p':
          cyrillic = U'п';
          break;
        case U'q':
          cyrillic = U'қ';
          break;
        case U'r':
          cyrillic = U'р';
          break;
        case U's':
          cyrillic = U'с';
          break;
        case U'ş':
          cyrillic = U'ш';
          break;
        case U't':
          cyrillic = U'т';
          break;
        case U'u':
          cyrillic = U'у';
          break;
        case U'ū':
          cyrillic = U'ұ';
          break;
        case U'ü':
          cyrillic = U'ү';
          break;
        case U'v':
          cyrillic = U'в';
          break;
        case U'w':
          cyrillic = U'у';
          break;
        case U'x':
          cyrillic = U'х';
          break;
        case U'y':
          cyrillic = after_vowel(i) ? U'й' : U'ы';
          break;
        case U'z':
          cyrillic = U'з';
          break;
        default:
          cyrillic = c;
          break;
      }
    }
    append_utf8(out, letter.upper ? cyrillic_upper(cyrillic) : cyrillic);
    previous = cyrillic;
    i += used;
  }
  return out;
}

std::string loose_key(std::string_view word) {
  std::string cyrillic;
  bool has_latin = false;
  for (std::size_t position = 0; position < word.size();) {
    if (latin_lower(next_code_point(word, position)).first != 0) {
      has_latin = true;
      break;
    }
  }
  if (has_latin) cyrillic = kazakh_from_latin(word);
  std::string_view source = has_latin ? std::string_view(cyrillic) : word;
  std::string out;
  out.reserve(source.size());
  for (std::size_t position = 0; position < source.size();) {
    const char32_t c = next_code_point(source, position);
    const char32_t lower = cyrillic_lower(c);
    std::string_view ascii;
    switch (lower) {
      case U'а':
      case U'ә':
        ascii = "a";
        break;
      case U'б':
        ascii = "b";
        break;
      case U'в':
        ascii = "v";
        break;
      case U'г':
      case U'ғ':
        ascii = "g";
        break;
      case U'д':
        ascii = "d";
        break;
      case U'е':
      case U'э':
      case U'ё':
        ascii = "e";
        break;
      case U'ж':
        ascii = "j";
        break;
      case U'з':
        ascii = "z";
        break;
      case U'и':
      case U'й':
      case U'і':
      case U'ы':
        ascii = "i";
        break;
      case U'к':
      case U'қ':
        ascii = "k";
        break;
      case U'л':
        ascii = "l";
        break;
      case U'м':
        ascii = "m";
        break;
      case U'н':
      case U'ң':
        ascii = "n";
        break;
      case U'о':
      case U'ө':
        ascii = "o";
        break;
      case U'п':
        ascii = "p";
        break;
      case U'р':
        ascii = "r";
        break;
      case U'с':
        ascii = "s";
        break;
      case U'т':
        ascii = "t";
        break;
      case U'у':
      case U'ұ':
      case U'ү':
        ascii = "u";
        break;
      case U'ф':
        ascii = "f";
        break;
      case U'х':
      case U'һ':
        ascii = "h";
        break;
      case U'ц':
        ascii = "ts";
        break;
      case U'ч':
        ascii = "ch";
        break;
      case U'ш':
      case U'щ':
        ascii = "sh";
        break;
      case U'ъ':
      case U'ь':
        ascii = "";
        break;
      case U'ю':
        ascii = "iu";
        break;
      case U'я':
        ascii = "ia";
        break;
      default:
        if (is_apostrophe(c)) continue;
        append_utf8(out, c);
        continue;
    }
    for (char letter : ascii) {
      // Doubled letters fall together ("Кассым" and "Kasym").
      if (!out.empty() && out.back() == letter) continue;
      out.push_back(letter);
    }
  }
  return out;
}

}  // namespace mura::text
