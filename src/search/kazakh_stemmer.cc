#include "search/kazakh_stemmer.h"

#include <algorithm>
#include <array>
#include <vector>

#include "text/kazakh_script.h"
#include "text/normalize.h"
#include "text/utf8.h"

namespace mura::search {
namespace {

// What may come right before a suffix: the class of the stem's last letter, or a possessive.
enum Follows : unsigned {
  kVowel = 1U << 0,
  kLiquid = 1U << 1,       // р й у
  kLateral = 1U << 2,      // л
  kNasal = 1U << 3,        // м н ң
  kVoiced = 1U << 4,       // ж з
  kVoiceless = 1U << 5,    // к қ п с т ф х ц ч ш щ, and б в г д at the end of a stem
  kPossessive3 = 1U << 6,  // the stem ends in the 3rd person possessive -ы/-і (-сы/-сі)
  kPossessive12 = 1U << 7,  // the stem ends in the 1st/2nd person possessive -(ы)м/-(ы)ң
};
constexpr unsigned kConsonant = kLiquid | kLateral | kNasal | kVoiced | kVoiceless;
constexpr unsigned kSoft = kVowel | kLiquid | kLateral | kNasal | kVoiced;  // not voiceless

enum class Harmony { kNeutral, kBack, kFront };
enum class Slot { kCase, kPossessive, kPlural };

struct Suffix {
  std::u32string_view text;
  Slot slot;
  unsigned follows;
  Harmony harmony;
  bool after_case_only = false;  // a bare -м/-ң is only taken when a case ending follows it
};

constexpr Harmony B = Harmony::kBack;
constexpr Harmony F = Harmony::kFront;
constexpr Harmony N = Harmony::kNeutral;

// Longest first within each slot, so that -ларың is not read as -ың.
constexpr Suffix kSuffixes[] = {
    // Case, with the locative-attributive -дағы/-дегі that stacks on the locative.
    {U"ндағы", Slot::kCase, kPossessive3, B},
    {U"ндегі", Slot::kCase, kPossessive3, F},
    {U"дағы", Slot::kCase, kSoft, B},
    {U"дегі", Slot::kCase, kSoft, F},
    {U"тағы", Slot::kCase, kVoiceless, B},
    {U"тегі", Slot::kCase, kVoiceless, F},
    {U"менен", Slot::kCase, kVowel | kLiquid | kLateral, N},
    {U"бенен", Slot::kCase, kVoiced | kNasal, N},
    {U"пенен", Slot::kCase, kVoiceless, N},
    {U"ның", Slot::kCase, kVowel | kNasal | kPossessive3, B},
    {U"нің", Slot::kCase, kVowel | kNasal | kPossessive3, F},
    {U"дың", Slot::kCase, kLiquid | kLateral | kVoiced, B},
    {U"дің", Slot::kCase, kLiquid | kLateral | kVoiced, F},
    {U"тың", Slot::kCase, kVoiceless, B},
    {U"тің", Slot::kCase, kVoiceless, F},
    {U"нан", Slot::kCase, kNasal | kPossessive3, B},
    {U"нен", Slot::kCase, kNasal | kPossessive3, F},
    {U"дан", Slot::kCase, kVowel | kLiquid | kLateral | kVoiced, B},
    {U"ден", Slot::kCase, kVowel | kLiquid | kLateral | kVoiced, F},
    {U"тан", Slot::kCase, kVoiceless, B},
    {U"тен", Slot::kCase, kVoiceless, F},
    {U"нда", Slot::kCase, kPossessive3, B},
    {U"нде", Slot::kCase, kPossessive3, F},
    {U"мен", Slot::kCase, kVowel | kLiquid | kLateral, N},
    {U"бен", Slot::kCase, kVoiced | kNasal, N},
    {U"пен", Slot::kCase, kVoiceless, N},
    {U"ға", Slot::kCase, kSoft, B},
    {U"ге", Slot::kCase, kSoft, F},
    {U"қа", Slot::kCase, kVoiceless, B},
    {U"ке", Slot::kCase, kVoiceless, F},
    {U"на", Slot::kCase, kPossessive3, B},
    {U"не", Slot::kCase, kPossessive3, F},
    {U"да", Slot::kCase, kSoft, B},
    {U"де", Slot::kCase, kSoft, F},
    {U"та", Slot::kCase, kVoiceless, B},
    {U"те", Slot::kCase, kVoiceless, F},
    {U"ны", Slot::kCase, kVowel, B},
    {U"ні", Slot::kCase, kVowel, F},
    {U"ды", Slot::kCase, kLiquid | kLateral | kNasal | kVoiced, B},
    {U"ді", Slot::kCase, kLiquid | kLateral | kNasal | kVoiced, F},
    {U"ты", Slot::kCase, kVoiceless, B},
    {U"ті", Slot::kCase, kVoiceless, F},
    {U"н", Slot::kCase, kPossessive3, N},
    // Possessive.
    {U"ымыз", Slot::kPossessive, kConsonant, B},
    {U"іміз", Slot::kPossessive, kConsonant, F},
    {U"сы", Slot::kPossessive, kVowel, B},
    {U"сі", Slot::kPossessive, kVowel, F},
    {U"ы", Slot::kPossessive, kConsonant, B},
    {U"і", Slot::kPossessive, kConsonant, F},
    // Plural.
    {U"лар", Slot::kPlural, kVowel | kLiquid, B},
    {U"лер", Slot::kPlural, kVowel | kLiquid, F},
    {U"дар", Slot::kPlural, kLateral | kNasal | kVoiced, B},
    {U"дер", Slot::kPlural, kLateral | kNasal | kVoiced, F},
    {U"тар", Slot::kPlural, kVoiceless, B},
    {U"тер", Slot::kPlural, kVoiceless, F},
};

// Frequent words whose ending only looks like a suffix: months, cities, and common nouns,
// adjectives and postpositions. A stem that reaches one of them stops there ("Алматыда" →
// "алматы", not "алмат").
constexpr std::u32string_view kWholeWords[] = {
    U"қаңтар",    U"ақпан",    U"наурыз",   U"сәуір",  U"мамыр",     U"маусым", U"шілде",
    U"тамыз",     U"қыркүйек", U"қазан",    U"қараша", U"желтоқсан", U"алматы", U"қарағанды",
    U"қызылорда", U"өскемен",  U"ордабасы", U"атырау", U"маңғыстау", U"ақмола", U"жетісу",
    U"сарыарқа",  U"басқа",    U"өзге",     U"теңге",  U"сауда",     U"жақсы",  U"кісі",
    U"парсы",     U"қаржы",    U"жалпы",    U"жоғары", U"орын",      U"қатын",  U"ағылшын",
    U"мүсін",     U"жалын",    U"қиын",     U"тұрғын", U"шағын",     U"көрші",  U"жалақы",
    U"қысқа",     U"нақты",    U"қатты",    U"сияқты", U"арқылы",    U"туралы", U"бірге",
    U"сонда",     U"мұнда",    U"онда",     U"қазір",  U"бұрын",     U"кейін",  U"ағын",
    U"білім",     U"ғылым",
};

bool is_vowel(char32_t c) { return text::is_cyrillic_vowel(c); }

bool is_cyrillic_letter(char32_t c) { return (c >= 0x0400 && c <= 0x04FF); }

// The class of a stem's last letter (ь and ъ are skipped).
unsigned class_of(std::u32string_view stem) {
  std::size_t end = stem.size();
  while (end > 0 && (stem[end - 1] == U'ь' || stem[end - 1] == U'ъ')) --end;
  if (end == 0) return 0;
  const char32_t last = stem[end - 1];
  switch (last) {
    case U'у':
      return kVowel | kLiquid;
    case U'р':
    case U'й':
      return kLiquid;
    case U'л':
      return kLateral;
    case U'м':
    case U'н':
    case U'ң':
      return kNasal;
    case U'ж':
    case U'з':
    case U'ғ':
      return kVoiced;
    default:
      return is_vowel(last) ? kVowel : kVoiceless;
  }
}

// Back or front by the stem's last vowel that has a harmony (и, у, ю have none).
Harmony harmony_of(std::u32string_view stem) {
  for (std::size_t i = stem.size(); i > 0; --i) {
    switch (stem[i - 1]) {
      case U'а':
      case U'о':
      case U'ұ':
      case U'ы':
      case U'я':
      case U'ё':
        return Harmony::kBack;
      case U'ә':
      case U'е':
      case U'ө':
      case U'ү':
      case U'і':
      case U'э':
        return Harmony::kFront;
      default:
        break;
    }
  }
  return Harmony::kNeutral;
}

bool ends_with(std::u32string_view text, std::u32string_view suffix) {
  return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

bool has_vowel(std::u32string_view text) {
  for (char32_t c : text) {
    if (is_vowel(c)) return true;
  }
  return false;
}

// What the stem offers to the suffix before it: its last letter's class plus the possessives it
// ends in.
unsigned offers(std::u32string_view stem, KazakhSpelling spelling) {
  unsigned result = class_of(stem);
  if (stem.size() >= 3) {
    const char32_t last = stem.back();
    const bool i_like =
        last == U'ы' || last == U'і' || (spelling == KazakhSpelling::kLookalikes && last == U'и');
    if (i_like) result |= kPossessive3;
    const char32_t before = stem[stem.size() - 2];
    const bool nasal_like =
        last == U'м' || last == U'ң' || (spelling == KazakhSpelling::kLookalikes && last == U'н');
    if (nasal_like && is_vowel(before)) result |= kPossessive12;
  }
  return result;
}

std::u32string fold(std::u32string_view text);

bool is_whole_word(std::u32string_view word, KazakhSpelling spelling) {
  static const std::vector<std::u32string> folded = [] {
    std::vector<std::u32string> words;
    for (auto whole : kWholeWords) words.push_back(fold(whole));
    return words;
  }();
  if (spelling == KazakhSpelling::kStrict) {
    for (auto whole : kWholeWords) {
      if (whole == word) return true;
    }
    return false;
  }
  for (const auto& whole : folded) {
    if (whole == word) return true;
  }
  return false;
}

std::u32string decode(std::string_view word) {
  std::u32string letters;
  for (std::size_t position = 0; position < word.size();)
    letters.push_back(text::next_code_point(word, position));
  return letters;
}

std::string encode(std::u32string_view letters) {
  std::string out;
  for (char32_t c : letters) text::append_utf8(out, c);
  return out;
}

std::u32string fold(std::u32string_view letters) {
  return decode(text::fold_lookalikes(encode(letters)));
}

struct FoldedSuffix {
  std::u32string text;
  const Suffix* suffix;
};

// The suffix table with its letters folded, for text typed on a Russian keyboard.
const std::vector<FoldedSuffix>& folded_suffixes() {
  static const std::vector<FoldedSuffix> table = [] {
    std::vector<FoldedSuffix> folded;
    for (const auto& suffix : kSuffixes) folded.push_back({fold(suffix.text), &suffix});
    return folded;
  }();
  return table;
}

// Voiced stem ends that a vowel suffix made: "аймағ-ы" → "аймақ", "кітаб-ы" → "кітап".
void restore_voiceless(std::u32string& stem, KazakhSpelling spelling) {
  if (stem.size() < 3) return;
  char32_t& last = stem.back();
  if (last == U'ғ') {
    last = U'қ';
  } else if (last == U'б') {
    last = U'п';
  } else if (last == U'г' &&
             (spelling == KazakhSpelling::kLookalikes || harmony_of(stem) == Harmony::kFront)) {
    last = U'к';
  }
}

bool starts_with_vowel(std::u32string_view suffix) {
  return !suffix.empty() && is_vowel(suffix.front());
}

// The shortest stem a suffix may leave: one-letter suffixes and the vowel-initial -ны/-ні and
// -сы/-сі take three letters (so "құны", "басы" keep their root), or two after a case ending
// ("ішінде" → "іш").
std::size_t minimum_stem(std::u32string_view text, const Suffix& suffix, bool case_removed) {
  if (text.size() == 1) return suffix.slot == Slot::kPossessive && case_removed ? 2 : 3;
  if (text == U"ны" || text == U"ні" || text == U"сы" || text == U"сі" || text == U"ни" ||
      text == U"си")
    return 3;
  return 2;
}

bool is_velar(char32_t c) { return c == U'к' || c == U'қ' || c == U'г' || c == U'ғ'; }

// The 3rd person possessive -ы/-і is not read after a consonant cluster ending in к/қ/г/ғ, which
// is the attributive -қы/-кі/-ғы/-гі ("сыртқы", "ішкі", "жылғы"), and -сы/-сі is not read after
// ы/і, where -ы follows a stem in -с ("жұмысы" → "жұмыс", the deverbal -ыс).
bool possessive_fits(std::u32string_view stem, std::u32string_view text, KazakhSpelling spelling) {
  const bool folded = spelling == KazakhSpelling::kLookalikes;
  if (text.size() == 1) {
    return !(stem.size() >= 2 && is_velar(stem.back()) && !is_vowel(stem[stem.size() - 2]));
  }
  if (text.size() == 2 && text[0] == U'с') {
    const char32_t last = stem.back();
    const bool agent = stem.size() >= 3 && stem[stem.size() - 2] == U'ш';  // -шы/-ші: "басшысы"
    return agent || !(last == U'ы' || last == U'і' || (folded && last == U'и'));
  }
  return true;
}

// Removes at most one suffix of `slot`; true when one was removed.
bool strip(std::u32string& word, Slot slot, bool case_removed, KazakhSpelling spelling) {
  const bool strict = spelling == KazakhSpelling::kStrict;
  auto try_suffix = [&](std::u32string_view text, const Suffix& suffix) {
    if (suffix.slot != slot || !ends_with(word, text)) return false;
    if (suffix.after_case_only && !case_removed) return false;
    const std::u32string_view stem = std::u32string_view(word).substr(0, word.size() - text.size());
    if (stem.size() < minimum_stem(text, suffix, case_removed) || !has_vowel(stem)) return false;
    if (suffix.slot == Slot::kPossessive && !possessive_fits(stem, text, spelling)) return false;
    if ((offers(stem, spelling) & suffix.follows) == 0) return false;
    if (strict && suffix.harmony != Harmony::kNeutral) {
      const Harmony stem_harmony = harmony_of(stem);
      if (stem_harmony != Harmony::kNeutral && stem_harmony != suffix.harmony) return false;
    }
    // Country names in -стан are not the ablative -тан.
    if (text == U"тан" && ends_with(stem, U"с")) return false;
    word.resize(stem.size());
    if (starts_with_vowel(text)) restore_voiceless(word, spelling);
    return true;
  };
  if (spelling == KazakhSpelling::kStrict) {
    for (const auto& suffix : kSuffixes) {
      if (try_suffix(suffix.text, suffix)) return true;
    }
  } else {
    for (const auto& folded : folded_suffixes()) {
      if (try_suffix(folded.text, *folded.suffix)) return true;
    }
  }
  return false;
}

}  // namespace

std::string kazakh_stem(std::string_view word, KazakhSpelling spelling) {
  std::u32string letters = decode(
      spelling == KazakhSpelling::kLookalikes ? text::fold_lookalikes(word) : std::string(word));
  if (std::none_of(letters.begin(), letters.end(), is_cyrillic_letter)) return std::string(word);
  if (letters.size() >= 4) {
    bool case_removed = false;
    for (const Slot slot : {Slot::kCase, Slot::kPossessive, Slot::kPlural}) {
      if (is_whole_word(letters, spelling)) break;
      const bool removed = strip(letters, slot, case_removed, spelling);
      if (slot == Slot::kCase) case_removed = removed;
    }
  }
  return encode(letters);
}

}  // namespace mura::search
