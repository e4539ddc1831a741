// Normalisation for matching and display: Unicode NFC, case folding that is right for Kazakh
// (the 2021 Latin alphabet pairs I with ı and İ with i, as Turkish does), the script of a word,
// and the Russian-keyboard fallback that folds the nine Kazakh letters onto the Russian letters
// people type instead. ICU underneath; plain functions, thread-safe.
#pragma once

#include <string>
#include <string_view>

namespace mura::text {

// The text in Unicode Normalization Form C (composed). Invalid UTF-8 becomes U+FFFD.
std::string to_nfc(std::string_view text);

// True for "kk", "kk-Cyrl", "kk-Latn", "kk-KZ", ...: a Kazakh language tag.
bool is_kazakh(std::string_view language);
// True for "kk-Latn" (any case): Kazakh written in the Latin alphabet.
bool is_kazakh_latin(std::string_view language);

// NFC, then lower case for matching. For Kazakh in the Latin alphabet (`language` "kk-Latn", or
// "kk" on a word written in Latin letters) I becomes ı and İ becomes i, as in the 2021 alphabet;
// otherwise the root locale's rules apply (I becomes i).
std::string fold_case(std::string_view text, std::string_view language = "");

enum class Script { kNone, kCyrillic, kLatin, kMixed };
// Which alphabet the letters of `text` use (digits and punctuation do not count).
Script script_of(std::string_view text);

// The Russian-keyboard fallback on lower-case Cyrillic: қ→к ә→а ө→о ү→у ұ→у ғ→г ң→н і→и һ→х.
// Anything else is kept. "құнанбаев" → "кунанбаев".
std::string fold_lookalikes(std::string_view lower_case);

}  // namespace mura::text
