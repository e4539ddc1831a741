#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "text/collation.h"
#include "text/kazakh_script.h"
#include "text/normalize.h"
#include "text/tokenizer.h"
#include "text/utf8.h"

namespace mura::text {
namespace {

TEST(Utf8, DecodesAndReplacesInvalidBytes) {
  std::string text = "a\xD2\x9B\xFF\xE2\x82";  // a, қ, a stray byte, a truncated sequence
  std::vector<char32_t> seen;
  for (std::size_t position = 0; position < text.size();)
    seen.push_back(next_code_point(text, position));
  EXPECT_EQ(seen, (std::vector<char32_t>{U'a', U'қ', kReplacementCharacter, kReplacementCharacter,
                                         kReplacementCharacter}));
  std::string out;
  for (char32_t c : {U'a', U'қ', U'€', U'𝄞'}) append_utf8(out, c);
  EXPECT_EQ(out, "aқ€𝄞");
  EXPECT_EQ(code_point_count("Абай"), 4u);
}

TEST(Normalize, ComposesToNfc) {
  EXPECT_EQ(to_nfc("и\u0306"), "й");  // и + combining breve
  EXPECT_EQ(to_nfc("a\u0308"), "ä");
  EXPECT_EQ(to_nfc("plain"), "plain");
}

struct FoldCase {
  std::string input;
  std::string language;
  std::string expected;
};

TEST(Normalize, FoldsCaseByLanguage) {
  const FoldCase cases[] = {
      {"ҚАЗАҚСТАН", "kk", "қазақстан"},
      {"Әлем Өнері Ұлы Үй", "kk", "әлем өнері ұлы үй"},
      {"ERTIS", "kk-Latn", "ertıs"},  // I is ı in the 2021 alphabet
      {"İRTİŞ", "kk-Latn", "irtiş"},
      {"Qazaq ÖNERI", "kk", "qazaq önerı"},  // Latin letters in a kk value: Kazakh rules
      {"INDEX", "en", "index"},
      {"INDEX", "", "index"},
      {"Ёлка", "ru", "ёлка"},
      {"и\u0306Й", "kk", "йй"},
  };
  for (const auto& c : cases) EXPECT_EQ(fold_case(c.input, c.language), c.expected) << c.input;
}

TEST(Normalize, KnowsLanguageTagsAndScripts) {
  EXPECT_TRUE(is_kazakh("kk"));
  EXPECT_TRUE(is_kazakh("kk-Latn"));
  EXPECT_TRUE(is_kazakh("KK-cyrl"));
  EXPECT_FALSE(is_kazakh("kkj"));
  EXPECT_FALSE(is_kazakh("ru"));
  EXPECT_TRUE(is_kazakh_latin("kk-latn"));
  EXPECT_FALSE(is_kazakh_latin("kk"));
  EXPECT_EQ(script_of("Абай"), Script::kCyrillic);
  EXPECT_EQ(script_of("Abai 1845"), Script::kLatin);
  EXPECT_EQ(script_of("Abai Абай"), Script::kMixed);
  EXPECT_EQ(script_of("1845, 1904"), Script::kNone);
}

TEST(Normalize, FoldsRussianKeyboardLookalikes) {
  EXPECT_EQ(fold_lookalikes("қәөүұғңіһ"), "каоуугних");
  EXPECT_EQ(fold_lookalikes("құнанбаев"), "кунанбаев");
  EXPECT_EQ(fold_lookalikes("abc"), "abc");
}

struct Transliteration {
  std::string cyrillic;
  std::string latin;
};

// Cyrillic → the 2021 Latin alphabet, from the demo collection's own kk / kk-Latn pairs.
TEST(KazakhScript, TransliteratesToThe2021Alphabet) {
  const Transliteration cases[] = {
      {"Қазақ ою-өрнегі мен қолөнері", "Qazaq oiu-örnegı men qolönerı"},
      {"Ертіс өңірінен жиналған киіз бұйымдар", "Ertıs öñırınen jinalğan kiız būiymdar"},
      {"диссертация", "dissertatsiia"},
      {"Жақыпов Ғабит Темірұлы", "Jaqypov Ğabit Temırūly"},
      {"Абай Құнанбайұлы", "Abai Qūnanbaiūly"},
      {"Щучинск, Чехов, Һ", "Şşuchinsk, Chehov, H"},
      {"ЦЕНТР", "TSENTR"},
      {"Ёлка, Юлия, Ягода", "Iolka, Iuliia, Iagoda"},
      {"объект, ель", "obekt, el"},
      {"1916 жыл", "1916 jyl"},
  };
  for (const auto& c : cases) EXPECT_EQ(kazakh_to_latin(c.cyrillic), c.latin) << c.cyrillic;
}

TEST(KazakhScript, ReadsOfficialAndInformalLatin) {
  const Transliteration cases[] = {
      {"Қазақ ою-өрнегі", "Qazaq oiu-örnegı"},
      {"жиналған киіз бұйымдар", "jinalğan kiız būiymdar"},
      {"диссертация", "dissertatsiia"},
      {"Абай", "Abai"},
      {"Абай", "Abay"},             // informal y for й
      {"Казахстан", "Kazakhstan"},  // kh
      {"Шоқан Уәлиханов", "Shoqan Uälihanov"},
      {"Жамбыл", "Zhambyl"},  // zh
      {"Ерлан", "Yerlan"},    // ye at the start of a word
      {"Тоқаев", "Toqayev"},
      {"әке", "a'ke"},     // 2017 apostrophes
      {"ғылым", "ǵylym"},  // 2018 acutes
      {"оң", "ong"},
      {"Айым", "Aiym"},
  };
  for (const auto& c : cases) EXPECT_EQ(kazakh_from_latin(c.latin), c.cyrillic) << c.latin;
}

TEST(KazakhScript, LooseKeysUniteSpellings) {
  const std::vector<std::vector<std::string>> groups = {
      {"абай", "абаи", "abai", "abay"},
      {"құнанбаев", "кунанбаев", "qūnanbaev", "qunanbaev", "kunanbayev"},
      {"қазақстан", "qazaqstan", "казакстан"},
      {"казахстан", "kazakhstan"},
      {"жамбыл", "zhambyl", "jambyl", "жамбил"},
      {"кассым", "касым", "kassym", "kasym"},
      {"шоқан", "shoqan", "şoqan", "шокан"},
  };
  for (const auto& group : groups) {
    for (const auto& word : group) EXPECT_EQ(loose_key(word), loose_key(group[0])) << word;
  }
  EXPECT_EQ(loose_key("абай"), "abai");
  EXPECT_NE(loose_key("абай"), loose_key("абыз"));
  EXPECT_EQ(loose_key("1916"), "1916");
}

TEST(Collation, SortsKazakhInItsAlphabet) {
  std::vector<std::string> words = {"Іле",   "Ұлытау", "Үржар", "Ақтау", "Әулиеата",
                                    "Ырғыз", "Уил",    "Яссы",  "Балқаш"};
  std::sort(words.begin(), words.end(), [](const std::string& a, const std::string& b) {
    return sort_key(a, "kk") < sort_key(b, "kk");
  });
  EXPECT_EQ(words, (std::vector<std::string>{"Ақтау", "Әулиеата", "Балқаш", "Уил", "Ұлытау",
                                             "Үржар", "Ырғыз", "Іле", "Яссы"}));
  EXPECT_LT(collate("Ұлытау", "Үржар", "kk"), 0);
  EXPECT_LT(collate("ёж", "жук", "ru"), 0);
  EXPECT_LT(collate("apple", "Banana", "en"), 0);
  EXPECT_EQ(collation_locale("kk-Latn"), "kk");
  EXPECT_EQ(collation_locale("de"), "");
  EXPECT_EQ(sort_key("", "kk"), "");
}

TEST(Tokenizer, SplitsWordsAndKeepsOffsets) {
  const std::string text = "Қазақ ою-өрнегі, 1916 ж. O'Brien’s «Абай» a'ke";
  std::vector<std::string> words;
  for (const auto& token : tokenize(text)) words.emplace_back(token.of(text));
  EXPECT_EQ(words, (std::vector<std::string>{"Қазақ", "ою", "өрнегі", "1916", "ж", "O'Brien’s",
                                             "Абай", "a'ke"}));
  EXPECT_TRUE(tokenize("").empty());
  EXPECT_TRUE(tokenize(" ,.!? ").empty());
  EXPECT_EQ(tokenize(std::string(200, 'a')).size(), 0u);  // too long to be a word
  const std::string decomposed = "и\u0306 x";
  ASSERT_EQ(tokenize(decomposed).size(), 2u);
  EXPECT_EQ(tokenize(decomposed)[0].of(decomposed), "и\u0306");
}

}  // namespace
}  // namespace mura::text
