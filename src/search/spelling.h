// Spelling suggestions from the index's own vocabulary: the most frequent indexed word one edit
// away (a letter deleted, inserted, replaced, or two swapped) from a word the index lacks. The
// vocabulary is the index's terms, so a withdrawn record's words leave it with the record; the
// searcher offers a suggestion only when it finds records the caller may see. Internal to
// search/. Thread-compatible (one database handle per call).
#pragma once

#include <xapian.h>

#include <string>

namespace mura::search {

// The indexed surface word nearest to `word` (lower case), "" when none is one edit away. Words
// shorter than three letters get none.
std::string nearest_word(const Xapian::Database& database, const std::string& word);

}  // namespace mura::search
