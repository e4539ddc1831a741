// The search benchmark: builds the index of a synthetic repository (corpus.h) with both cores,
// then times queries warm — one word, a phrase, one word with every facet counted exactly, one
// word with filters — each next to a baseline measured in the same run on the same data: raw
// Xapian (one term, no facets, Xapian's default estimate of the total), SQLite FTS5 (the same
// texts, top 20 by rank) and the same search without facets; then known-item relevance next to
// FTS5 (relevance.h). Prints a table; asserts nothing.
//   search_bench [--records N] [--dir DIR] [--queries Q] [--threads T] [--relevance R]
//                [--reuse] [--profile word|faceted] [--index-only]
#include <sqlite3.h>
#include <sys/resource.h>
#include <time.h>
#include <xapian.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <string>
#include <thread>
#include <vector>

#include "corpus.h"
#include "relevance.h"
#include "search/analyzer.h"
#include "search/schema.h"
#include "search/searcher.h"
#include "text/normalize.h"
#include "text/utf8.h"

namespace {

using Clock = std::chrono::steady_clock;
using mura::bench::Corpus;

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

struct Latency {
  double p50 = 0;  // CPU milliseconds, every thread's
  double p99 = 0;
  double wall_p50 = 0;  // wall-clock milliseconds (waits for I/O and locks included)
  double wall_p99 = 0;
};

// The process's CPU time in seconds: on a machine shared with other work, latency is measured
// both as wall-clock time and as the CPU a query takes (user and system, page-cache reads
// included, on every thread it runs on), which does not depend on how long the scheduler kept
// the threads waiting.
double process_cpu_seconds() {
  timespec time{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time);
  return static_cast<double>(time.tv_sec) + static_cast<double>(time.tv_nsec) / 1e9;
}

// Runs every query once to warm up, then again timed; CPU milliseconds.
Latency measure(const std::vector<std::string>& queries,
                const std::function<void(const std::string&)>& run) {
  for (const auto& query : queries) run(query);
  std::vector<double> times;
  std::vector<double> walls;
  for (const auto& query : queries) {
    const double start = process_cpu_seconds();
    const auto wall_start = std::chrono::steady_clock::now();
    run(query);
    times.push_back((process_cpu_seconds() - start) * 1000);
    walls.push_back(
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - wall_start)
            .count());
  }
  std::sort(times.begin(), times.end());
  std::sort(walls.begin(), walls.end());
  auto at = [](const std::vector<double>& sorted, double fraction) {
    return sorted[std::min(sorted.size() - 1, static_cast<std::size_t>(
                                                  fraction * static_cast<double>(sorted.size())))];
  };
  return {at(times, 0.5), at(times, 0.99), at(walls, 0.5), at(walls, 0.99)};
}

std::uint64_t directory_bytes(const std::filesystem::path& path) {
  std::uint64_t bytes = 0;
  std::error_code error;
  for (auto it = std::filesystem::recursive_directory_iterator(path, error);
       !error && it != std::filesystem::recursive_directory_iterator(); it.increment(error)) {
    if (it->is_regular_file()) bytes += it->file_size();
  }
  if (std::filesystem::is_regular_file(path)) bytes = std::filesystem::file_size(path);
  return bytes;
}

// CPU seconds of the whole process so far (all threads).
double cpu_seconds() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  auto seconds = [](const timeval& time) {
    return static_cast<double>(time.tv_sec) + static_cast<double>(time.tv_usec) / 1e6;
  };
  return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

long peak_rss_mb() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss / 1024;
}

std::string all_values(const mura::record::Record& record, const std::string& field) {
  std::string text;
  if (auto it = record.fields.find(field); it != record.fields.end()) {
    for (const auto& value : it->second) text += value.value + " ";
  }
  return text;
}

struct Sqlite {
  sqlite3* db = nullptr;
  ~Sqlite() { sqlite3_close(db); }
  void exec(const char* sql) const { sqlite3_exec(db, sql, nullptr, nullptr, nullptr); }
};

void row(const char* name, const std::string& mura, const std::string& baseline,
         const std::string& ratio) {
  std::printf("%-44s %22s %22s %9s\n", name, mura.c_str(), baseline.c_str(), ratio.c_str());
}

std::string format(const char* pattern, double a, double b = 0) {
  char text[64];
  std::snprintf(text, sizeof text, pattern, a, b);
  return text;
}

std::string scores_text(const mura::bench::RelevanceScores& scores) {
  char text[64];
  std::snprintf(text, sizeof text, "%.3f / %.3f / %.3f", scores.mrr, scores.success, scores.ndcg);
  return text;
}

std::string latency_text(const Latency& latency) {
  return format("%.2f / %.2f ms", latency.p50, latency.p99);
}
std::string latency_ratio(const Latency& mura, const Latency& base) {
  return format("%.1fx", base.p50 > 0 ? mura.p50 / base.p50 : 0.0);
}

}  // namespace

int main(int argc, char** argv) {
  std::uint64_t records = 1000000;
  std::size_t query_count = 200;
  std::size_t relevance_queries = 250;  // per kind of known-item query
  int threads = 2;
  std::filesystem::path directory = std::filesystem::temp_directory_path() / "mura-search-bench";
  bool reuse = false;  // --reuse: time queries on the index and FTS5 table a previous run left
  // --profile KIND: run only the one-word queries ("word") or the faceted ones ("faceted") ten
  // times over on the index a previous run left, for a profiler; prints nothing else.
  std::string profile;
  bool index_only = false;  // --index-only: time the indexing and stop
  for (int i = 1; i < argc; ++i) {
    const std::string option = argv[i];
    if (option == "--reuse") {
      reuse = true;
      continue;
    }
    if (option == "--index-only") {
      index_only = true;
      continue;
    }
    if (i + 1 >= argc) {
      std::fprintf(stderr, "search_bench: %s needs a value\n", option.c_str());
      return 2;
    }
    const std::string value = argv[++i];
    if (option == "--records") {
      records = std::stoull(value);
    } else if (option == "--dir") {
      directory = value;
    } else if (option == "--queries") {
      query_count = std::stoul(value);
    } else if (option == "--threads") {
      threads = std::stoi(value);
    } else if (option == "--relevance") {
      relevance_queries = std::stoul(value);
    } else if (option == "--profile" && (value == "word" || value == "faceted")) {
      profile = value;
    } else {
      std::fprintf(stderr,
                   "search_bench: %s %s is not an option (see the top of search_bench.cc)\n",
                   option.c_str(), value.c_str());
      return 2;
    }
  }
  if (index_only && reuse) {
    std::fprintf(stderr, "search_bench: --index-only times a new index; it cannot --reuse one\n");
    return 2;
  }
  if (!profile.empty()) reuse = true;
  const char* shared_variable = std::getenv("MURA_SHARED");
  const std::string shared = shared_variable != nullptr ? shared_variable : MURA_SHARED_DIR;
  const Corpus corpus = Corpus::load(shared, MURA_SOURCE_DIR);
  if (!reuse) std::filesystem::remove_all(directory);
  std::filesystem::create_directories(directory);
  const auto xapian_directory = directory / "xapian";
  std::printf(
      "search benchmark: %llu records from %zu sentences, %zu names, %zu places; %d threads\n",
      static_cast<unsigned long long>(records), corpus.sentences(), corpus.people.size(),
      corpus.places.size(), threads);

  // Generating alone, to see what the indexing rate includes.
  auto start = Clock::now();
  const std::uint64_t sample = std::min<std::uint64_t>(records, 20000);
  for (std::uint64_t number = 0; number < sample; ++number)
    (void)mura::bench::make_record(corpus, number, records);
  const double generate_rate = static_cast<double>(sample) / seconds_since(start);

  // 1. Indexing with `threads` writers' worth of document building.
  double cpu_start = 0;
  double commit_seconds = 0;  // the last commit: the rest flushed, every file synced to disk
  start = Clock::now();
  if (!reuse) {
    auto index = mura::search::SearchIndex::open(xapian_directory.string(),
                                                 mura::search::OpenMode::kRebuild);
    if (!index) {
      std::fprintf(stderr, "%s\n", index.error().to_string().c_str());
      return 1;
    }
    start = Clock::now();
    cpu_start = cpu_seconds();
    std::atomic<std::uint64_t> next{0};
    auto worker = [&] {
      for (;;) {
        const std::uint64_t first = next.fetch_add(64);
        if (first >= records) return;
        for (std::uint64_t number = first; number < std::min(records, first + 64); ++number) {
          if (mura::Status put = (*index)->put(mura::bench::make_record(corpus, number, records));
              !put.ok()) {
            std::fprintf(stderr, "%s\n", put.to_string().c_str());
          }
        }
      }
    };
    std::vector<std::thread> pool;
    for (int t = 1; t < threads; ++t) pool.emplace_back(worker);
    worker();
    for (auto& thread : pool) thread.join();
    const auto commit_start = Clock::now();
    if (mura::Status committed = (*index)->commit(); !committed.ok())
      std::fprintf(stderr, "%s\n", committed.to_string().c_str());
    commit_seconds = seconds_since(commit_start);
  }
  const double index_seconds = seconds_since(start);
  const double index_cpu = cpu_seconds() - cpu_start;
  const long index_rss = peak_rss_mb();
  if (index_only) {
    std::printf(
        "index %llu records: %.0f rec/s, %.0f rec/s per CPU second, last commit and sync %.1f s, "
        "%.0f MB, peak RSS %ld MB\n",
        static_cast<unsigned long long>(records), static_cast<double>(records) / index_seconds,
        static_cast<double>(records) / index_cpu, commit_seconds,
        static_cast<double>(directory_bytes(xapian_directory)) / 1e6, index_rss);
    return 0;
  }

  // Baseline: SQLite FTS5 over the same titles and descriptions, one writer.
  Sqlite fts;
  const auto fts_path = directory / "fts5.sqlite";
  sqlite3_open(fts_path.string().c_str(), &fts.db);
  fts.exec("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;");
  fts.exec(
      "CREATE VIRTUAL TABLE IF NOT EXISTS docs USING fts5(title, description, "
      "tokenize='unicode61')");
  start = Clock::now();
  const double fts_cpu_start = cpu_seconds();
  fts.exec("BEGIN");
  const std::uint64_t fts_records = reuse ? 0 : records;
  sqlite3_stmt* insert = nullptr;
  sqlite3_prepare_v2(fts.db, "INSERT INTO docs(rowid, title, description) VALUES (?1, ?2, ?3)", -1,
                     &insert, nullptr);
  for (std::uint64_t number = 0; number < fts_records; ++number) {
    const auto entry = mura::bench::make_record(corpus, number, records);
    const std::string title = all_values(entry.record, "title");
    const std::string description = all_values(entry.record, "description");
    sqlite3_bind_int64(insert, 1, static_cast<sqlite3_int64>(number));
    sqlite3_bind_text(insert, 2, title.c_str(), static_cast<int>(title.size()), SQLITE_TRANSIENT);
    sqlite3_bind_text(insert, 3, description.c_str(), static_cast<int>(description.size()),
                      SQLITE_TRANSIENT);
    sqlite3_step(insert);
    sqlite3_reset(insert);
  }
  sqlite3_finalize(insert);
  fts.exec("COMMIT");
  const double fts_seconds = seconds_since(start);
  const double fts_cpu = cpu_seconds() - fts_cpu_start;

  // Queries: moderately common Kazakh words, two-word phrases from the corpus.
  const auto vocabulary = mura::bench::kazakh_vocabulary(corpus);
  std::vector<std::string> words;
  for (std::size_t rank = 30; words.size() < query_count && rank < vocabulary.size(); rank += 7) {
    if (mura::text::code_point_count(vocabulary[rank]) >= 4) words.push_back(vocabulary[rank]);
  }
  std::vector<std::string> phrases;
  for (std::size_t i = 0; phrases.size() < query_count && i < corpus.kazakh.size(); i += 13) {
    const auto& sentence = corpus.kazakh[i];
    if (sentence.size() >= 3)
      phrases.push_back(mura::text::fold_case(sentence[1] + " " + sentence[2], "kk"));
  }

  mura::search::Searcher searcher(xapian_directory.string(), nullptr);
  const auto caller = mura::access::Caller::anonymous();
  const std::string today = mura::access::today_utc();
  std::uint64_t total_hits = 0;
  auto run_search = [&](mura::search::SearchRequest request) {
    auto result = searcher.search(request, caller, today);
    if (result) total_hits += static_cast<std::uint64_t>(result->total);
  };
  auto no_facets = [&](const std::string& query) {
    mura::search::SearchRequest request;
    request.query = query;
    request.facets = std::vector<std::string>{};
    run_search(request);
  };
  if (!profile.empty()) {
    for (int round = 0; round < 10; ++round) {
      for (const auto& word : words) {
        mura::search::SearchRequest request;
        request.query = word;
        if (profile == "word") request.facets = std::vector<std::string>{};
        run_search(request);
      }
    }
    std::printf("%s: %zu queries ten times, mean total %.0f hits\n", profile.c_str(), words.size(),
                static_cast<double>(total_hits) / static_cast<double>(10 * words.size()));
    return 0;
  }
  const Latency one_word = measure(words, no_facets);
  const Latency faceted = measure(words, [&](const std::string& query) {
    mura::search::SearchRequest request;
    request.query = query;
    run_search(request);
  });
  std::vector<std::string> quoted;
  for (const auto& phrase : phrases) quoted.push_back("\"" + phrase + "\"");
  const Latency phrase = measure(quoted, no_facets);
  const Latency filtered = measure(words, [&](const std::string& query) {
    mura::search::SearchRequest request;
    request.query = query;
    request.facets = std::vector<std::string>{};
    request.filters = {{"kind", "archival_unit"}, {"century", "1900"}, {"has_images", "true"}};
    run_search(request);
  });

  // Baselines: raw Xapian, one term, no facets, default estimate.
  Xapian::Database database(xapian_directory.string());
  double unique_terms = 0;
  const Xapian::docid sampled = std::min<Xapian::docid>(database.get_lastdocid(), 500);
  for (Xapian::docid docid = 1; docid <= sampled; ++docid)
    unique_terms += database.get_unique_terms(docid);
  unique_terms /= std::max<double>(1, sampled);
  auto raw = [&](const std::string& word, bool filter) {
    Xapian::Enquire enquire(database);
    Xapian::Query query(mura::text::fold_case(word, "kk"));
    if (filter) {
      const std::vector<Xapian::Query> filters = {
          Xapian::Query(mura::search::facet_term(mura::search::Facet::kKind, "archival_unit")),
          Xapian::Query(mura::search::facet_term(mura::search::Facet::kCentury, "1900")),
          Xapian::Query(mura::search::facet_term(mura::search::Facet::kHasImages, "true"))};
      query = Xapian::Query(Xapian::Query::OP_FILTER, query,
                            Xapian::Query(Xapian::Query::OP_AND, filters.begin(), filters.end()));
    }
    enquire.set_query(query);
    (void)enquire.get_mset(0, 20).size();
  };
  const Latency raw_word = measure(words, [&](const std::string& word) { raw(word, false); });
  const Latency raw_filtered = measure(words, [&](const std::string& word) { raw(word, true); });
  sqlite3_stmt* match = nullptr;
  sqlite3_prepare_v2(fts.db, "SELECT rowid FROM docs WHERE docs MATCH ?1 ORDER BY rank LIMIT 20",
                     -1, &match, nullptr);
  auto fts_query = [&](const std::string& text) {
    const std::string expression = "\"" + text + "\"";
    sqlite3_bind_text(match, 1, expression.c_str(), static_cast<int>(expression.size()),
                      SQLITE_TRANSIENT);
    while (sqlite3_step(match) == SQLITE_ROW) {
    }
    sqlite3_reset(match);
  };
  const Latency fts_word = measure(words, fts_query);
  const Latency fts_phrase = measure(phrases, fts_query);
  sqlite3_finalize(match);

  const auto relevance = mura::bench::evaluate_known_items(corpus, shared, records,
                                                           relevance_queries, searcher, fts.db);

  const double index_rate = static_cast<double>(records) / index_seconds;
  const double fts_rate = static_cast<double>(records) / fts_seconds;
  std::printf("\n%-44s %22s %22s %9s\n", "benchmark", "mura", "baseline", "ratio");
  row(("index " + std::to_string(records) + " records").c_str(), format("%.0f rec/s", index_rate),
      format("%.0f rec/s FTS5", fts_rate), format("%.2fx", index_rate / fts_rate));
  row("  per CPU second", format("%.0f rec/s", static_cast<double>(records) / index_cpu),
      format("%.0f rec/s FTS5", static_cast<double>(records) / fts_cpu),
      format("%.2fx", fts_cpu / index_cpu));
  row("  of which the last commit (flush, fsync)", format("%.1f s", commit_seconds), "", "");
  row("  target >= 3,000 rec/s", index_rate >= 3000 ? "pass" : "FAIL",
      format("%.0f rec/s generating alone", generate_rate), "");
  row("one word, p50 / p99 (exact total)", latency_text(one_word),
      latency_text(raw_word) + " Xapian", latency_ratio(one_word, raw_word));
  row("one word vs FTS5 top 20", latency_text(one_word), latency_text(fts_word) + " FTS5",
      latency_ratio(one_word, fts_word));
  row("phrase, p50 / p99", latency_text(phrase), latency_text(fts_phrase) + " FTS5",
      latency_ratio(phrase, fts_phrase));
  row("faceted (13 facets, exact counts)", latency_text(faceted),
      latency_text(one_word) + " no facets", latency_ratio(faceted, one_word));
  row("  wall clock, p50 / p99", format("%.2f / %.2f ms", faceted.wall_p50, faceted.wall_p99),
      format("%.2f / %.2f ms no facets", one_word.wall_p50, one_word.wall_p99), "");
  row("  target p50 <= 10 ms, p99 <= 50 ms (wall)",
      faceted.wall_p50 <= 10 && faceted.wall_p99 <= 50 ? "pass" : "FAIL", "", "");
  row("filtered (kind, century, has_images)", latency_text(filtered),
      latency_text(raw_filtered) + " Xapian", latency_ratio(filtered, raw_filtered));
  row("  distinct terms per record", format("%.0f", unique_terms), "", "");
  row("index size", format("%.0f MB", static_cast<double>(directory_bytes(xapian_directory)) / 1e6),
      format("%.0f MB FTS5", static_cast<double>(directory_bytes(fts_path)) / 1e6),
      format("%.1fx",
             static_cast<double>(directory_bytes(xapian_directory)) /
                 static_cast<double>(std::max<std::uint64_t>(1, directory_bytes(fts_path)))));
  row("peak RSS (indexing / whole run)", format("%.0f MB", static_cast<double>(index_rss)),
      format("%.0f MB", static_cast<double>(peak_rss_mb())), "");
  std::printf(
      "\n%zu one-word and %zu phrase queries, anonymous caller, warm, CPU time per query; mean "
      "total %.0f hits\n",
      words.size(), phrases.size(),
      static_cast<double>(total_hits) / static_cast<double>(4 * words.size()));
  std::printf(
      "baselines: raw Xapian = one surface term, no facets, Xapian's estimated total; FTS5 = "
      "unicode61 over the same titles and descriptions, top 20 by rank, no total\n");

  std::printf("\n%-28s %8s %26s %26s\n", "known-item relevance", "queries",
              "mura MRR / success / nDCG", "FTS5 MRR / success / nDCG");
  for (const auto& line : relevance) {
    std::printf("%-28s %8zu %26s %26s\n", line.kind.c_str(), line.queries,
                scores_text(line.mura).c_str(), scores_text(line.fts).c_str());
  }
  std::printf(
      "queries: up to 3 long words of a public record's Kazakh title, as written, in another "
      "inflection of the same lemmas (UD Kazakh treebank), in the 2021 Latin alphabet, and typed "
      "on a Russian keyboard; relevant: the records with that title; top 10 (@10)\n");
  return 0;
}
