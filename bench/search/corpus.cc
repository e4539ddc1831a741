#include "corpus.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "access/policy.h"
#include "formats/csv_reader.h"
#include "text/kazakh_script.h"
#include "text/normalize.h"
#include "text/tokenizer.h"
#include "text/utf8.h"

namespace mura::bench {
namespace {

std::string read_all(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

std::vector<std::string> words_of(const std::string& sentence) {
  std::vector<std::string> words;
  for (const auto& token : text::tokenize(sentence)) words.emplace_back(token.of(sentence));
  return words;
}

std::string join(const std::vector<std::string>& words, std::size_t from, std::size_t count) {
  std::string text;
  for (std::size_t i = from; i < words.size() && i < from + count; ++i)
    text += (text.empty() ? "" : " ") + words[i];
  return text;
}

// KazNERD (token TAG per line, blank line between sentences): sentences and named entities.
void load_kaznerd(const std::filesystem::path& path, Corpus& corpus) {
  std::ifstream in(path);
  std::string line;
  std::vector<std::string> sentence;
  std::string entity;
  std::string entity_type;
  auto finish_entity = [&] {
    if (entity.empty()) return;
    if (entity_type == "PERSON") corpus.people.push_back(entity);
    if (entity_type == "LOCATION" || entity_type == "GPE") corpus.places.push_back(entity);
    entity.clear();
  };
  while (std::getline(in, line)) {
    if (line.empty()) {
      finish_entity();
      if (sentence.size() >= 4) corpus.kazakh.push_back(std::move(sentence));
      sentence.clear();
      continue;
    }
    const auto space = line.rfind(' ');
    if (space == std::string::npos) continue;
    const std::string word = line.substr(0, space);
    const std::string tag = line.substr(space + 1);
    if (!text::tokenize(word).empty()) sentence.push_back(word);
    if (tag.starts_with("B-")) {
      finish_entity();
      entity = word;
      entity_type = tag.substr(2);
    } else if (tag.starts_with("I-") && !entity.empty()) {
      entity += " " + word;
    } else {
      finish_entity();
    }
  }
}

void load_treebank(const std::filesystem::path& path, Corpus& corpus) {
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line)) {
    if (line.starts_with("# text = ")) corpus.kazakh.push_back(words_of(line.substr(9)));
  }
}

void load_tate(const std::filesystem::path& root, Corpus& corpus) {
  std::error_code error;
  for (auto it = std::filesystem::recursive_directory_iterator(root / "artworks", error);
       !error && it != std::filesystem::recursive_directory_iterator(); it.increment(error)) {
    if (it->path().extension() != ".json") continue;
    auto json = nlohmann::json::parse(read_all(it->path()), nullptr, false);
    if (!json.is_object()) continue;
    if (json.value("title", nlohmann::json()).is_string())
      corpus.english_titles.push_back(json["title"]);
    std::string text;
    for (const char* key : {"medium", "creditLine", "dimensions"}) {
      if (json.value(key, nlohmann::json()).is_string())
        text += json[key].get<std::string>() + ". ";
    }
    if (!text.empty()) corpus.english_texts.push_back(text);
  }
  if (auto table = formats::parse_csv(read_all(root / "artist_data.csv"), "artist_data.csv")) {
    for (const auto& row : table->rows) {
      if (row.size() > 6) {
        corpus.people.push_back(row[1]);
        if (!row[6].empty()) corpus.places.push_back(row[6]);
      }
    }
  }
}

// The Russian columns of the demo sheet, split into sentences.
void load_demo_russian(const std::filesystem::path& path, Corpus& corpus) {
  auto table = formats::parse_csv(read_all(path), "demo.csv");
  if (!table) return;
  for (std::size_t column = 0; column < table->header.size(); ++column) {
    if (!table->header[column].ends_with("@ru")) continue;
    for (const auto& row : table->rows) {
      std::stringstream stream(row[column]);
      std::string sentence;
      while (std::getline(stream, sentence, '.')) {
        auto words = words_of(sentence);
        if (words.size() >= 2) corpus.russian.push_back(std::move(words));
      }
    }
  }
}

template <typename T>
const T& pick(const std::vector<T>& items, std::mt19937_64& random) {
  return items[std::uniform_int_distribution<std::size_t>(0, items.size() - 1)(random)];
}

bool chance(std::mt19937_64& random, double probability) {
  return std::uniform_real_distribution<double>(0, 1)(random) < probability;
}

std::string capitalised_phrase(const std::vector<std::string>& sentence, std::mt19937_64& random,
                               std::size_t words) {
  const std::size_t from = std::uniform_int_distribution<std::size_t>(
      0, sentence.size() > words ? sentence.size() - words : 0)(random);
  return join(sentence, from, words);
}

std::string ark(std::uint64_t number) { return "ark:/99999/b" + std::to_string(number); }

}  // namespace

Corpus Corpus::load(const std::string& shared_directory, const std::string& source_directory) {
  Corpus corpus;
  const std::filesystem::path shared(shared_directory);
  load_kaznerd(shared / "corpora/kazakh/KazNERD_IOB2_test.txt", corpus);
  load_treebank(shared / "corpora/kazakh/kk_ktb-ud-test.conllu", corpus);
  load_tate(shared / "corpora/tate", corpus);
  load_demo_russian(std::filesystem::path(source_directory) / "demo/demo.csv", corpus);
  std::sort(corpus.people.begin(), corpus.people.end());
  corpus.people.erase(std::unique(corpus.people.begin(), corpus.people.end()), corpus.people.end());
  std::sort(corpus.places.begin(), corpus.places.end());
  corpus.places.erase(std::unique(corpus.places.begin(), corpus.places.end()), corpus.places.end());
  // Subjects: 300 of the more frequent longer Kazakh words.
  auto vocabulary = kazakh_vocabulary(corpus);
  for (const auto& word : vocabulary) {
    if (text::code_point_count(word) >= 6 && corpus.subjects.size() < 300)
      corpus.subjects.push_back(word);
  }
  if (corpus.kazakh.empty()) corpus.kazakh.push_back({"мұрағат", "құжаты"});
  if (corpus.russian.empty()) corpus.russian.push_back({"архивный", "документ"});
  if (corpus.english_titles.empty()) corpus.english_titles.push_back("Untitled");
  if (corpus.english_texts.empty()) corpus.english_texts.push_back("Paper.");
  if (corpus.people.empty()) corpus.people.push_back("Абай Құнанбаев");
  if (corpus.places.empty()) corpus.places.push_back("Семей");
  if (corpus.subjects.empty()) corpus.subjects.push_back("мұрағат");
  return corpus;
}

std::vector<std::string> kazakh_vocabulary(const Corpus& corpus) {
  std::map<std::string, std::size_t> counts;
  for (const auto& sentence : corpus.kazakh) {
    for (const auto& word : sentence) {
      if (text::script_of(word) == text::Script::kCyrillic) ++counts[text::fold_case(word, "kk")];
    }
  }
  std::vector<std::pair<std::size_t, std::string>> ranked;
  for (auto& [word, count] : counts) ranked.emplace_back(count, word);
  std::sort(ranked.begin(), ranked.end(),
            [](const auto& a, const auto& b) { return a.first > b.first; });
  std::vector<std::string> words;
  for (auto& [count, word] : ranked) words.push_back(std::move(word));
  return words;
}

search::IndexedRecord make_record(const Corpus& corpus, std::uint64_t number, std::uint64_t total) {
  std::mt19937_64 random(number * 0x9E3779B97F4A7C15ULL + 17);
  search::IndexedRecord entry;
  record::Record& record = entry.record;
  record.id = ark(number);
  // Hierarchy: record 0..collections-1 are collections; every 1000th record a fonds in one of
  // them; every 50th a series in the fonds; the rest items in the series, or objects.
  const std::uint64_t collections = std::max<std::uint64_t>(3, total / 50000);
  const std::uint64_t fonds = number / 1000 * 1000;
  const std::uint64_t series = number / 50 * 50;
  const std::uint64_t collection = collections + (number / 1000) % collections;
  auto kazakh_sentence = [&]() -> const std::vector<std::string>& {
    return pick(corpus.kazakh, random);
  };
  std::string title = capitalised_phrase(kazakh_sentence(), random, 2 + number % 5);
  if (number < collections) {
    record.kind = record::Kind::kCollection;
    entry.collections = {record.id};
  } else if (number == fonds || number < 2 * collections) {
    record.kind = record::Kind::kArchivalUnit;
    record.level = "fonds";
    record.parent = ark(collection % collections);
    entry.ancestors = {record.parent};
    entry.collections = {record.parent};
  } else {
    const std::uint64_t parent_fonds = std::max<std::uint64_t>(fonds, 2 * collections);
    const std::uint64_t kind = number % 20;
    if (number == series) {
      record.kind = record::Kind::kArchivalUnit;
      record.level = "series";
      record.parent = ark(parent_fonds);
      entry.ancestors = {ark(collection % collections), record.parent};
    } else if (kind < 14) {
      record.kind = record::Kind::kArchivalUnit;
      record.level = kind < 2 ? "file" : "item";
      record.parent = ark(std::max(series, parent_fonds));
      entry.ancestors = {ark(collection % collections), ark(parent_fonds)};
      if (series > parent_fonds) entry.ancestors.push_back(ark(series));
    } else {
      record.kind = kind < 17   ? record::Kind::kMuseumObject
                    : kind < 19 ? record::Kind::kArtwork
                                : record::Kind::kResearchOutput;
      record.parent = ark(collection % collections);
      entry.ancestors = {record.parent};
    }
    entry.collections = {ark(collection % collections)};
  }
  entry.collection = entry.collections.back();
  record.fields["title"].push_back({"kk", title});
  if (chance(random, 0.25))
    record.fields["title"].push_back({"kk-Latn", text::kazakh_to_latin(title)});
  if (chance(random, 0.35))
    record.fields["title"].push_back({"ru", join(pick(corpus.russian, random), 0, 6)});
  if (chance(random, 0.45))
    record.fields["title"].push_back({"en", pick(corpus.english_titles, random)});
  std::string description = join(kazakh_sentence(), 0, 60);
  if (chance(random, 0.5)) description += ". " + join(kazakh_sentence(), 0, 60);
  record.fields["description"].push_back({"kk", description});
  if (chance(random, 0.3))
    record.fields["description"].push_back({"en", pick(corpus.english_texts, random)});
  if (chance(random, 0.2))
    record.fields["description"].push_back({"ru", join(pick(corpus.russian, random), 0, 30)});
  if (chance(random, 0.6)) record.fields["creator"].push_back({"kk", pick(corpus.people, random)});
  if (chance(random, 0.5)) record.fields["place"].push_back({"kk", pick(corpus.places, random)});
  record.fields["subject"].push_back({"kk", pick(corpus.subjects, random)});
  if (chance(random, 0.85)) {
    const int year = std::uniform_int_distribution<int>(1800, 2020)(random);
    const int form = static_cast<int>(number % 10);
    std::string date = std::to_string(year);
    if (form == 7) date = std::to_string(year / 10) + "X";
    if (form == 8)
      date = std::to_string(year) + "/" + std::to_string(year + 1 + static_cast<int>(number % 15));
    if (form == 9) date += "~";
    record.fields["date"].push_back({"", date});
  }
  record.fields["language"].push_back({"", chance(random, 0.8) ? "kk" : "ru"});
  record.fields["reference_code"].push_back(
      {"", "Ф." + std::to_string(fonds / 1000) + " Оп.1 Д." + std::to_string(number % 1000)});
  const double access = std::uniform_real_distribution<double>(0, 1)(random);
  if (access > 0.98) {
    record.access.metadata = record.access.files = record::AccessLevel::kClosed;
  } else if (access > 0.95) {
    record.access.metadata = record.access.files = record::AccessLevel::kRestricted;
    record.access.groups = {"researchers"};
  } else if (access > 0.90) {
    record.access.files = record::AccessLevel::kRegistered;
  }
  record.rights = chance(random, 0.5) ? "http://rightsstatements.org/vocab/InC/1.0/"
                                      : "https://creativecommons.org/publicdomain/mark/1.0/";
  if (chance(random, 0.5)) record.files.push_back({"scan.jpg", "", 1000, "image/jpeg", "", ""});
  entry.requirements = access::requirements_for(record, entry.collection, access::PolicySettings{});
  return entry;
}

}  // namespace mura::bench
