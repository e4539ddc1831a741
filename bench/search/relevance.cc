#include "relevance.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <random>
#include <set>
#include <unordered_map>

#include "access/policy.h"
#include "text/kazakh_script.h"
#include "text/normalize.h"
#include "text/tokenizer.h"
#include "text/utf8.h"

namespace mura::bench {
namespace {

[[noreturn]] void fail(const std::string& message) {
  std::fprintf(stderr, "search_bench: relevance: %s\n", message.c_str());
  std::exit(1);
}

constexpr std::size_t kTop = 10;

// The treebank's forms of each lemma, in lower case.
struct Inflections {
  std::unordered_map<std::string, std::string> lemma_of;           // form -> lemma
  std::unordered_map<std::string, std::vector<std::string>> forms;  // lemma -> distinct forms
};

Inflections load_inflections(const std::string& shared_directory) {
  Inflections inflections;
  for (const char* name : {"kk_ktb-ud-train.conllu", "kk_ktb-ud-test.conllu"}) {
    std::ifstream in(shared_directory + "/corpora/kazakh/" + name);
    std::string line;
    while (std::getline(in, line)) {
      if (line.empty() || line.front() == '#') continue;
      std::vector<std::string> columns;
      std::size_t start = 0;
      while (columns.size() < 3) {
        const auto tab = line.find('\t', start);
        columns.push_back(line.substr(start, tab - start));
        if (tab == std::string::npos) break;
        start = tab + 1;
      }
      // Multi-word ranges ("3-4") and empty nodes ("5.1") have no lemma of their own.
      if (columns.size() < 3 || columns[0].find_first_of("-.") != std::string::npos) continue;
      const std::string form = text::fold_case(columns[1], "kk");
      const std::string lemma = text::fold_case(columns[2], "kk");
      if (lemma == "_" || form.empty()) continue;
      inflections.lemma_of.emplace(form, lemma);
      auto& forms = inflections.forms[lemma];
      if (std::find(forms.begin(), forms.end(), form) == forms.end()) forms.push_back(form);
    }
  }
  if (inflections.forms.empty()) {
    fail("no lemmas read from " + shared_directory + "/corpora/kazakh (set MURA_SHARED)");
  }
  return inflections;
}

// Kazakh letters typed on a Russian keyboard.
std::string russian_keyboard(std::string text) {
  static const std::pair<std::string_view, std::string_view> kLetters[] = {
      {"қ", "к"}, {"ә", "а"}, {"ө", "о"}, {"ү", "у"}, {"ұ", "у"},
      {"ғ", "г"}, {"ң", "н"}, {"і", "и"}, {"һ", "х"}};
  for (const auto& [from, to] : kLetters) {
    for (auto at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
      text.replace(at, from.size(), to);
  }
  return text;
}

// Up to three of the longest words of a title (four letters or more), in title order.
std::vector<std::string> query_words(const std::string& title) {
  std::vector<std::pair<std::size_t, std::string>> words;  // (length, word)
  for (const auto& token : text::tokenize(title)) {
    std::string word = text::fold_case(token.of(title), "kk");
    const bool letters = std::none_of(word.begin(), word.end(),
                                      [](char c) { return c >= '0' && c <= '9'; });
    if (letters && text::code_point_count(word) >= 4) words.emplace_back(words.size(), word);
  }
  if (words.size() > 3) {
    std::stable_sort(words.begin(), words.end(), [](const auto& a, const auto& b) {
      return text::code_point_count(a.second) > text::code_point_count(b.second);
    });
    words.resize(3);
    std::sort(words.begin(), words.end());
  }
  std::vector<std::string> result;
  for (auto& [position, word] : words) result.push_back(std::move(word));
  return result;
}

std::string joined(const std::vector<std::string>& words) {
  std::string text;
  for (const auto& word : words) text += (text.empty() ? "" : " ") + word;
  return text;
}

struct Query {
  std::size_t kind = 0;
  std::string text;
  std::vector<std::string> words;  // for FTS5
  std::string title_key;           // the relevant records' title
};

struct Ranking {
  double reciprocal_rank = 0;
  bool success = false;
  double ndcg = 0;
};

// Scores the ranks (0-based) at which relevant records came, of `relevant` in all.
Ranking score(const std::vector<std::size_t>& relevant_ranks, std::size_t relevant) {
  Ranking ranking;
  if (!relevant_ranks.empty()) {
    ranking.reciprocal_rank = 1.0 / static_cast<double>(relevant_ranks.front() + 1);
    ranking.success = true;
  }
  double dcg = 0;
  double ideal = 0;
  for (const std::size_t rank : relevant_ranks) dcg += 1.0 / std::log2(static_cast<double>(rank) + 2);
  for (std::size_t rank = 0; rank < std::min(relevant, kTop); ++rank)
    ideal += 1.0 / std::log2(static_cast<double>(rank) + 2);
  ranking.ndcg = ideal > 0 ? dcg / ideal : 0;
  return ranking;
}

void add(RelevanceScores& scores, const Ranking& ranking) {
  scores.mrr += ranking.reciprocal_rank;
  scores.success += ranking.success ? 1 : 0;
  scores.ndcg += ranking.ndcg;
}

void average(RelevanceScores& scores, std::size_t count) {
  if (count == 0) return;
  const auto n = static_cast<double>(count);
  scores.mrr /= n;
  scores.success /= n;
  scores.ndcg /= n;
}

}  // namespace

std::vector<RelevanceRow> evaluate_known_items(const Corpus& corpus,
                                               const std::string& shared_directory,
                                               std::uint64_t records, std::size_t per_kind,
                                               search::Searcher& searcher, sqlite3* fts) {
  const std::vector<std::string> kinds = {"title words", "other inflection", "Latin (2021)",
                                          "Russian keyboard"};
  const Inflections inflections = load_inflections(shared_directory);
  const std::string today = access::today_utc();
  const auto anonymous = access::Caller::anonymous();

  // The public records of each Kazakh title, by ARK and by number (FTS5's rowid).
  std::unordered_map<std::string, std::set<std::string>> ids_of_title;
  std::unordered_map<std::string, std::set<std::uint64_t>> numbers_of_title;
  std::vector<std::pair<std::uint64_t, std::string>> candidates;  // (number, title)
  for (std::uint64_t number = 0; number < records; ++number) {
    const auto entry = make_record(corpus, number, records);
    if (!access::allows(anonymous, entry.requirements.metadata, today)) continue;
    const std::string title = entry.record.first_value("title");
    const std::string key = text::fold_case(title, "kk");
    ids_of_title[key].insert(entry.record.id);
    numbers_of_title[key].insert(number);
    candidates.emplace_back(number, title);
  }

  // Queries, from records in a fixed random order.
  std::mt19937_64 random(20261129);
  std::shuffle(candidates.begin(), candidates.end(), random);
  std::vector<Query> queries;
  std::vector<std::size_t> made(kinds.size(), 0);
  for (const auto& [number, title] : candidates) {
    if (std::all_of(made.begin(), made.end(), [&](std::size_t n) { return n >= per_kind; })) break;
    const auto words = query_words(title);
    if (words.size() < 2) continue;
    const std::string key = text::fold_case(title, "kk");
    std::vector<std::string> inflected = words;
    bool changed = false;
    for (auto& word : inflected) {
      const auto lemma = inflections.lemma_of.find(word);
      if (lemma == inflections.lemma_of.end()) continue;
      std::vector<std::string> others;
      for (const auto& form : inflections.forms.at(lemma->second))
        if (form != word) others.push_back(form);
      if (others.empty()) continue;
      word = others[std::uniform_int_distribution<std::size_t>(0, others.size() - 1)(random)];
      changed = true;
    }
    const std::string surface = joined(words);
    const std::string keyboard = russian_keyboard(surface);
    const std::vector<std::pair<std::size_t, std::vector<std::string>>> variants = {
        {0, words},
        {1, changed ? inflected : std::vector<std::string>{}},
        {2, {text::kazakh_to_latin(surface)}},
        {3, keyboard != surface ? std::vector<std::string>{keyboard} : std::vector<std::string>{}}};
    for (const auto& [kind, variant] : variants) {
      if (variant.empty() || made[kind] >= per_kind) continue;
      ++made[kind];
      // The one-string variants are split again for FTS5.
      std::vector<std::string> split;
      const std::string text = joined(variant);
      for (const auto& token : text::tokenize(text)) split.emplace_back(token.of(text));
      queries.push_back({kind, text, split, key});
    }
  }

  std::vector<RelevanceRow> rows(kinds.size() + 1);
  for (std::size_t kind = 0; kind < kinds.size(); ++kind) rows[kind].kind = kinds[kind];
  rows.back().kind = "all";
  sqlite3_stmt* match = nullptr;
  if (sqlite3_prepare_v2(fts, "SELECT rowid FROM docs WHERE docs MATCH ?1 ORDER BY rank LIMIT 10",
                         -1, &match, nullptr) != SQLITE_OK) {
    fail(std::string("FTS5 query: ") + sqlite3_errmsg(fts));
  }
  for (const auto& query : queries) {
    // mura
    search::SearchRequest request;
    request.query = query.text;
    request.facets = std::vector<std::string>{};
    request.limit = static_cast<int>(kTop);
    std::vector<std::size_t> ranks;
    const auto& relevant_ids = ids_of_title[query.title_key];
    auto result = searcher.search(request, anonymous, today);
    if (!result) fail("\"" + query.text + "\": " + result.error().to_string());
    for (std::size_t rank = 0; rank < result->hits.size(); ++rank)
      if (relevant_ids.count(result->hits[rank].id)) ranks.push_back(rank);
    const Ranking mura = score(ranks, relevant_ids.size());
    // FTS5: every word, each quoted
    std::string expression;
    for (auto word : query.words) {
      word.erase(std::remove(word.begin(), word.end(), '"'), word.end());
      expression += (expression.empty() ? "\"" : " \"") + word + "\"";
    }
    ranks.clear();
    const auto& relevant_numbers = numbers_of_title[query.title_key];
    sqlite3_bind_text(match, 1, expression.c_str(), static_cast<int>(expression.size()),
                      SQLITE_TRANSIENT);
    int step = SQLITE_ROW;
    for (std::size_t rank = 0; (step = sqlite3_step(match)) == SQLITE_ROW; ++rank) {
      if (relevant_numbers.count(static_cast<std::uint64_t>(sqlite3_column_int64(match, 0))))
        ranks.push_back(rank);
    }
    if (step != SQLITE_DONE) fail("FTS5 \"" + expression + "\": " + sqlite3_errmsg(fts));
    sqlite3_reset(match);
    const Ranking baseline = score(ranks, relevant_numbers.size());
    for (RelevanceRow* row : {&rows[query.kind], &rows.back()}) {
      ++row->queries;
      add(row->mura, mura);
      add(row->fts, baseline);
    }
  }
  sqlite3_finalize(match);
  for (auto& row : rows) {
    average(row.mura, row.queries);
    average(row.fts, row.queries);
  }
  return rows;
}

}  // namespace mura::bench
