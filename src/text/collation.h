// Sorting by the rules of a language with ICU collation: Kazakh (А Ә Б … У Ұ Ү … Ы І … Я),
// Russian, English, and the root order for any other tag. Sort keys compare as bytes, so they can
// be stored in a search index's value slot and sorted there. Thread-safe (one ICU collator per
// thread and language).
#pragma once

#include <string>
#include <string_view>

namespace mura::text {

// The collation locale for a request language: "kk" for any Kazakh tag, "ru", "en", else "".
std::string_view collation_locale(std::string_view language);

// A binary key such that comparing keys bytewise orders texts as `language` sorts them
// (case and accents count only to break ties). Empty for an empty text.
std::string sort_key(std::string_view text, std::string_view language);

// <0, 0 or >0 as `a` sorts before, with or after `b` in `language`.
int collate(std::string_view a, std::string_view b, std::string_view language);

}  // namespace mura::text
