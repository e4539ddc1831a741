// The synthetic repository of the search benchmark: text drawn from ../shared/corpora (Kazakh
// from KazNERD and the UD Kazakh treebank, English from the Tate collection, names and places
// from both) and the Russian of demo/demo.csv (the corpora hold no Russian prose), turned into
// records with hierarchies, dates, facets and access levels. Deterministic for a seed.
#pragma once

#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "search/search_index.h"

namespace mura::bench {

struct Corpus {
  std::vector<std::vector<std::string>> kazakh;  // sentences as words
  std::vector<std::vector<std::string>> russian;
  std::vector<std::string> english_titles;
  std::vector<std::string> english_texts;
  std::vector<std::string> people;  // Kazakh and other names
  std::vector<std::string> places;
  std::vector<std::string> subjects;

  // Loads the texts; the paths come from MURA_SHARED / MURA_SOURCE_DIR. Empty lists when the
  // files are missing.
  static Corpus load(const std::string& shared_directory, const std::string& source_directory);
  std::size_t sentences() const { return kazakh.size() + russian.size() + english_texts.size(); }
};

// The record with index `number` of a repository of `total` records: collections of fonds of
// series of items (plus museum objects, artworks, research outputs and agents), each with
// titles in kk (and often kk-Latn, ru, en), descriptions, creators, places, subjects, an EDTF
// date and mostly public access.
search::IndexedRecord make_record(const Corpus& corpus, std::uint64_t number, std::uint64_t total);

// Lower-case Kazakh words by descending frequency in the corpus (for queries).
std::vector<std::string> kazakh_vocabulary(const Corpus& corpus);

}  // namespace mura::bench
