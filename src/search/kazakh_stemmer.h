// A light stemmer for Kazakh: it removes the inflection a search should see through — case,
// possessive, plural and the locative-attributive -ғы/-гі — and keeps derivation. Kazakh suffixes
// agree with the stem: back or front by its last vowel (vowel harmony: -лар/-лер, -ға/-ге) and
// by its last sound (-лар after vowels, -дар after л м н ң ж з, -тар after voiceless consonants),
// so a suffix is removed only when the stem it leaves could carry it; that is what keeps
// "Алматы" and "Астана" whole while "Алматыда" and "Астанаға" lose their endings. Stems in ғ/г/б
// that a vowel suffix voiced are turned back into қ/к/п ("аймағы" → "аймақ").
//
// Two spellings: kStrict for correct Kazakh Cyrillic; kLookalikes for text typed on a Russian
// keyboard, folded with text::fold_lookalikes (қ→к, ң→н, ...), where harmony cannot be told and the
// suffixes are folded too. Stateless; thread-safe. Accuracy against the lemmas of the UD Kazakh
// treebank is reported by kazakh_stemmer_test.
#pragma once

#include <string>
#include <string_view>

namespace mura::search {

enum class KazakhSpelling { kStrict, kLookalikes };

// The stem of one lower-case Cyrillic word (NFC). Words with no Cyrillic letters, and words too
// short to have a suffix, are returned unchanged.
std::string kazakh_stem(std::string_view word, KazakhSpelling spelling = KazakhSpelling::kStrict);

}  // namespace mura::search
