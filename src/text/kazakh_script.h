// Kazakh in both alphabets. Cyrillic → the official Latin alphabet of 2021 (Ä, Ğ, I/ı, İ/i, Ñ, Ö,
// Ş, Ū, Ü; Ц → Ts, Ч → Ch, Щ → Şş, Ю → Iu, Я → Ia); Latin → Cyrillic, reading the 2021 alphabet
// and the common informal romanisations (sh, zh, ch, kh, gh, y for й, w for у, the 2017
// apostrophes a' g' n' o' u' and the 2018 acutes á ǵ ń ó ú); and the loose key, one spelling
// for all of them and for Russian-keyboard look-alikes, on which search matches when the exact
// letters differ. Plain functions; thread-safe.
#pragma once

#include <string>
#include <string_view>

namespace mura::text {

// Kazakh Cyrillic → the 2021 Latin alphabet, keeping case ("Құнанбаев" → "Qūnanbaev",
// "Щучинск" → "Şşuchinsk"). Characters that are not Cyrillic letters are kept; ъ and ь are dropped.
std::string kazakh_to_latin(std::string_view cyrillic);

// Kazakh written in Latin letters (official 2021 or informal) → Cyrillic, keeping case.
// Ambiguous letters are read by context: i and y after a vowel and before a consonant or the end
// are й ("Abai", "Abay" → "Абай"), otherwise и and ы; ia/iu/io (and ya/yu/yo/ye) at the start
// of a word or after a vowel are я/ю/ё/е. Characters that are not Latin letters are kept.
std::string kazakh_from_latin(std::string_view latin);

// The loose key of one lower-case word in either alphabet: a skeleton in ASCII letters and digits
// where the letters people confuse fall together — ә/а, ө/о, ү/ұ/у, қ/к, ғ/г, ң/н, і/ы/и/й,
// һ/х, ъ/ь dropped, and the Latin spellings of each. "Абай", "абаи", "Abai", "Abay" all give
// "abai"; "Құнанбаев" and "Kunanbayev" give "kunanbaev".
std::string loose_key(std::string_view lower_case_word);

// True for the Cyrillic vowels of Kazakh and Russian (а ә е ё и о ө у ұ ү ы і э ю я), lower case.
bool is_cyrillic_vowel(char32_t c);

}  // namespace mura::text
