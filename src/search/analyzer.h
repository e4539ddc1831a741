// How words become terms, for the indexer and the query compiler alike: a word of a value in a
// known language gets its surface form, its stem (the Kazakh light stemmer; Xapian's Russian
// and English stemmers), its loose key (text/kazakh_script.h: both alphabets, informal
// romanisations, Russian-keyboard look-alikes) and, for Kazakh, the loose key of its stem. A
// query word's language is not known, so it gets the stems of every language its script allows.
// Thread-safe (the Xapian stemmers are per thread).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace mura::search {

// The forms of one word of indexed text; empty strings for forms the language does not have.
struct WordForms {
  std::string surface;
  std::string stem;
  std::string loose;
  std::string loose_stem;
};

// `word` is one token of a value tagged `language` ("kk", "kk-Latn", "ru", "en", "" ...).
WordForms index_forms(std::string_view word, std::string_view language);

// The forms a query word may match. `language` is the request's language, a hint for case
// folding only.
struct QueryForms {
  std::string surface;
  // The word in Kazakh's other official alphabet (Cyrillic for a Latin word, the 2021 Latin for
  // a Cyrillic one): a correct spelling, matched as fully as `surface`. "" when the same.
  std::string other_script;
  std::vector<std::string> stems;  // distinct, none equal to `surface` twice
  std::string loose;
  std::string loose_stem;
};
QueryForms query_forms(std::string_view word, std::string_view language = "");

// Words too common to help an OR query rank ("және", "и", "the"), in lower case.
bool is_stopword(std::string_view lower_case_word);

// True for a word made of digits only.
bool is_number(std::string_view word);

}  // namespace mura::search
