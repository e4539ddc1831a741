#include "search/analyzer.h"

#include <xapian.h>

#include <algorithm>
#include <memory>
#include <unordered_map>
#include <unordered_set>

#include "search/kazakh_stemmer.h"
#include "text/kazakh_script.h"
#include "text/normalize.h"

namespace mura::search {
namespace {

enum class Language { kKazakh, kRussian, kEnglish, kOther };

Language classify(std::string_view language) {
  if (text::is_kazakh(language)) return Language::kKazakh;
  if (language.starts_with("ru")) return Language::kRussian;
  if (language.starts_with("en")) return Language::kEnglish;
  return Language::kOther;
}

std::string snowball(std::string_view word, Language language) {
  // Xapian::Stem holds Snowball state that is not thread-safe: one of each per thread.
  thread_local Xapian::Stem russian("russian");
  thread_local Xapian::Stem english("english");
  try {
    return (language == Language::kRussian ? russian : english)(std::string(word));
  } catch (const Xapian::Error&) {
    return std::string(word);
  }
}

std::string kazakh_loose_stem(std::string_view cyrillic) {
  return text::loose_key(kazakh_stem(text::fold_lookalikes(cyrillic), KazakhSpelling::kLookalikes));
}

}  // namespace

bool is_number(std::string_view word) {
  return !word.empty() &&
         std::all_of(word.begin(), word.end(), [](char c) { return c >= '0' && c <= '9'; });
}

namespace {

WordForms compute_index_forms(std::string_view word, std::string_view language) {
  WordForms forms;
  const Language kind = classify(language);
  forms.surface = text::fold_case(word, language);
  if (is_number(forms.surface)) return forms;
  const text::Script script = text::script_of(forms.surface);
  switch (kind) {
    case Language::kKazakh: {
      const std::string cyrillic =
          script == text::Script::kLatin ? text::kazakh_from_latin(forms.surface) : forms.surface;
      forms.stem = kazakh_stem(cyrillic);
      forms.loose = text::loose_key(forms.surface);
      forms.loose_stem = kazakh_loose_stem(cyrillic);
      break;
    }
    case Language::kRussian:
    case Language::kEnglish:
      forms.stem = snowball(forms.surface, kind);
      forms.loose = text::loose_key(forms.surface);
      break;
    case Language::kOther:
      if (script == text::Script::kCyrillic || script == text::Script::kLatin) {
        forms.loose = text::loose_key(forms.surface);
      }
      break;
  }
  return forms;
}

}  // namespace

WordForms index_forms(std::string_view word, std::string_view language) {
  // Words repeat (Zipf): each thread remembers the forms of the words it met lately.
  constexpr std::size_t kCacheSize = 1 << 16;
  thread_local std::unordered_map<std::string, WordForms> cache;
  thread_local std::string key;  // reused: no allocation per word once it has grown
  key.assign(language).push_back('\x1f');
  key.append(word);
  if (auto it = cache.find(key); it != cache.end()) return it->second;
  if (cache.size() >= kCacheSize) cache.clear();
  WordForms forms = compute_index_forms(word, language);
  cache.emplace(key, forms);
  return forms;
}

namespace {

// Whether a lower-case word has a letter of the 2021 Kazakh Latin alphabet that English lacks.
bool has_kazakh_latin_letter(std::string_view word) {
  for (const std::string_view letter : {"ä", "ö", "ü", "ū", "ğ", "ñ", "ş", "ı"}) {
    if (word.find(letter) != std::string_view::npos) return true;
  }
  return false;
}

}  // namespace

QueryForms query_forms(std::string_view word, std::string_view language) {
  QueryForms forms;
  forms.surface = text::fold_case(word, text::is_kazakh_latin(language) ? language : "");
  if (is_number(forms.surface)) return forms;
  const text::Script script = text::script_of(forms.surface);
  auto add_stem = [&](std::string stem) {
    if (!stem.empty() &&
        std::find(forms.stems.begin(), forms.stems.end(), stem) == forms.stems.end()) {
      forms.stems.push_back(std::move(stem));
    }
  };
  if (script == text::Script::kCyrillic || script == text::Script::kMixed) {
    add_stem(kazakh_stem(forms.surface));
    add_stem(snowball(forms.surface, Language::kRussian));
    forms.loose_stem = kazakh_loose_stem(forms.surface);
    if (script == text::Script::kCyrillic)
      forms.other_script = text::kazakh_to_latin(forms.surface);
  } else if (script == text::Script::kLatin) {
    const std::string cyrillic = text::kazakh_from_latin(forms.surface);
    // Cyrillic at full weight only for a word that is Kazakh by its letters or by the request's
    // language: "men" or "bar" in an English query are English words, not "мен" and "бар".
    if (text::is_kazakh(language) || has_kazakh_latin_letter(forms.surface)) {
      forms.other_script = cyrillic;
    }
    add_stem(kazakh_stem(cyrillic));
    add_stem(snowball(forms.surface, Language::kEnglish));
    forms.loose_stem = kazakh_loose_stem(cyrillic);
  }
  if (script != text::Script::kNone) forms.loose = text::loose_key(forms.surface);
  if (forms.other_script == forms.surface) forms.other_script.clear();
  return forms;
}

bool is_stopword(std::string_view word) {
  static const std::unordered_set<std::string_view> kStopwords = {
      // Kazakh: conjunctions, particles, pronouns, question words.
      "және",
      "мен",
      "бен",
      "пен",
      "да",
      "де",
      "та",
      "те",
      "ол",
      "бұл",
      "осы",
      "сол",
      "үшін",
      "туралы",
      "бойынша",
      "арқылы",
      "ма",
      "ме",
      "ба",
      "бе",
      "па",
      "пе",
      "ғой",
      "қай",
      "қандай",
      "кім",
      "не",
      "неше",
      "қанша",
      "қашан",
      "қайда",
      "неге",
      "қалай",
      "ең",
      "әр",
      "еді",
      "екен",
      "деп",
      "дейін",
      "кейін",
      "қарай",
      "немесе",
      "әлде",
      "ал",
      "бірақ",
      "сияқты",
      "болды",
      "болып",
      "болған",
      "кімнің",
      "нені",
      // Russian.
      "и",
      "в",
      "во",
      "не",
      "что",
      "он",
      "на",
      "я",
      "с",
      "со",
      "как",
      "а",
      "то",
      "все",
      "она",
      "так",
      "его",
      "но",
      "ты",
      "к",
      "у",
      "же",
      "вы",
      "за",
      "бы",
      "по",
      "только",
      "ее",
      "её",
      "мне",
      "было",
      "вот",
      "от",
      "меня",
      "еще",
      "ещё",
      "нет",
      "о",
      "об",
      "из",
      "ему",
      "для",
      "при",
      "или",
      "это",
      "этот",
      "где",
      "кто",
      "когда",
      "какой",
      "какие",
      "сколько",
      "ли",
      // English.
      "a",
      "an",
      "the",
      "of",
      "in",
      "on",
      "at",
      "to",
      "for",
      "and",
      "or",
      "is",
      "are",
      "was",
      "were",
      "be",
      "by",
      "with",
      "from",
      "as",
      "that",
      "this",
      "it",
      "what",
      "who",
      "when",
      "where",
      "which",
      "how",
      "did",
      "does",
      "do",
  };
  return kStopwords.contains(word);
}

}  // namespace mura::search
