// Known-item relevance of the search benchmark. Queries are made from records' Kazakh titles the
// way people type them: the title's own words, another inflection of the same lemmas (the UD
// Kazakh treebank's forms: "Абайдың" for "Абай"), the 2021 Latin alphabet, and a Russian keyboard
// without the Kazakh letters (қ→к, ә→а, ...). The relevant records of a query are those with the
// same Kazakh title. Each kind of query is scored for mura's search and for SQLite FTS5 (unicode61)
// over the same titles and descriptions: MRR@10, success@10 and nDCG@10 with binary gains.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <string>
#include <vector>

#include "corpus.h"
#include "search/searcher.h"

namespace mura::bench {

struct RelevanceScores {
  double mrr = 0;      // mean reciprocal rank of the first relevant hit in the top 10
  double success = 0;  // share of queries with a relevant hit in the top 10
  double ndcg = 0;     // mean nDCG@10, binary gains
};

struct RelevanceRow {
  std::string kind;  // "title words", "other inflection", "Latin", "Russian keyboard", "all"
  std::size_t queries = 0;
  RelevanceScores mura;
  RelevanceScores fts;
};

// `fts` holds table docs(title, description) with rowid = record number, as the benchmark makes
// it. Up to `per_kind` queries of each kind, from public records among the first `records`.
std::vector<RelevanceRow> evaluate_known_items(const Corpus& corpus,
                                               const std::string& shared_directory,
                                               std::uint64_t records, std::size_t per_kind,
                                               search::Searcher& searcher, sqlite3* fts);

}  // namespace mura::bench
