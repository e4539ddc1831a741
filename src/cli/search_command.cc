#include "cli/search_command.h"

#include <string>
#include <vector>

#include "cli/invocation.h"
#include "search/result_json.h"
#include "search/searcher.h"
#include "service/search_sync.h"

namespace mura::cli {
namespace {

// Removes every "--name VALUE" and "--name=VALUE" from `args`, returning the values in order
// (Arguments keeps one value per option; these two repeat). nullopt when one lacks its value.
std::optional<std::vector<std::string>> take_repeated(Args& args, const std::string& name) {
  std::vector<std::string> values;
  const std::string flag = "--" + name;
  Args rest;
  for (std::size_t i = 0; i < args.size(); ++i) {
    if (args[i] == flag) {
      if (i + 1 >= args.size()) return std::nullopt;
      values.push_back(args[++i]);
    } else if (args[i].starts_with(flag + "=")) {
      values.push_back(args[i].substr(flag.size() + 1));
    } else {
      rest.push_back(args[i]);
    }
  }
  args = std::move(rest);
  return values;
}

// "<mark>Абай</mark> &amp; ..." as terminal text: marks become [ ], entities characters.
std::string plain(std::string_view html) {
  std::string text;
  static constexpr std::pair<std::string_view, std::string_view> kReplacements[] = {
      {"<mark>", "["}, {"</mark>", "]"}, {"&amp;", "&"}, {"&lt;", "<"},
      {"&gt;", ">"},   {"&quot;", "\""}, {"&#39;", "'"}};
  for (std::size_t i = 0; i < html.size();) {
    bool replaced = false;
    for (const auto& [from, to] : kReplacements) {
      if (html.substr(i).starts_with(from)) {
        text += to;
        i += from.size();
        replaced = true;
        break;
      }
    }
    if (!replaced) text += html[i++];
  }
  return text;
}

void print_text(const search::SearchResult& result, const std::string& query, std::ostream& out) {
  out << result.total << (result.total == 1 ? " record" : " records");
  if (!query.empty()) out << " for \"" << query << "\"";
  out << "\n";
  int number = 0;
  for (const auto& hit : result.hits) {
    out << "\n"
        << ++number << ". " << hit.title << "\n   " << hit.id << "  " << hit.kind
        << (hit.level.empty() ? "" : "/" + hit.level) << (hit.date.empty() ? "" : "  " + hit.date)
        << "\n";
    if (!hit.snippet.empty() && plain(hit.snippet) != hit.title)
      out << "   " << plain(hit.snippet) << "\n";
  }
  for (const auto& facet : result.facets) {
    if (facet.values.empty()) continue;
    out << "\n" << facet.name << ":";
    for (const auto& value : facet.values) {
      out << "  " << value.label << (value.label != value.value ? " <" + value.value + ">" : "")
          << " (" << value.count << ")";
    }
    out << "\n";
  }
  if (result.suggestion) out << "\ndid you mean: " << *result.suggestion << "\n";
  if (!result.next_cursor.empty()) out << "\n(more: --cursor " << result.next_cursor << ")\n";
}

}  // namespace

int run_search(const Args& given, std::ostream& out, std::ostream& err) {
  Args args = given;
  const auto facets = take_repeated(args, "facet");
  const auto filters = take_repeated(args, "filter");
  if (!facets || !filters) return usage_error(err, "search", "--facet and --filter need a value");
  int code = 0;
  auto invocation = open_invocation("search", args, {"json", "public"},
                                    {"sort", "lang", "limit", "cursor"}, err, code);
  if (!invocation) return code;
  const auto& arguments = invocation->arguments;
  search::SearchRequest request;
  for (const auto& word : arguments.operands())
    request.query += (request.query.empty() ? "" : " ") + word;
  for (const auto& filter : *filters) {
    const auto colon = filter.find(':');
    if (colon == std::string::npos || colon == 0) {
      return usage_error(err, "search",
                         "--filter \"" + filter + "\" is not FIELD:VALUE (e.g. kind:artwork)");
    }
    request.filters.emplace_back(filter.substr(0, colon), filter.substr(colon + 1));
  }
  if (!facets->empty()) request.facets = *facets;
  auto sort = search::parse_sort(arguments.option_or("sort", "relevance"));
  if (!sort) return usage_error(err, "search", sort.error().message());
  request.sort = *sort;
  request.language = arguments.option_or("lang", "kk");
  if (request.language != "kk" && request.language != "kk-Latn" && request.language != "ru" &&
      request.language != "en") {
    return usage_error(err, "search",
                       "--lang \"" + request.language + "\" is not one of kk, kk-Latn, ru, en");
  }
  auto limit = arguments.integer_option("limit", search::kDefaultLimit, 1, search::kMaxLimit);
  if (!limit) return usage_error(err, "search", limit.error().message());
  request.limit = *limit;
  request.cursor = arguments.option_or("cursor", "");

  access::Caller caller = access::Caller::anonymous();
  if (!arguments.flag("public")) {
    caller = access::Caller::registered_user(current_actor().name, {});
    caller.administrator = true;
  }
  auto& repository = *invocation->repository;
  search::Searcher searcher(service::SearchSync::index_directory(repository),
                            &repository.profiles());
  auto result = searcher.search(request, caller, access::today_utc());
  if (!result) return failure(err, "search", result.error());
  if (arguments.flag("json")) {
    out << search::result_json(*result).dump(2) << "\n";
  } else {
    print_text(*result, request.query, out);
  }
  return 0;
}

}  // namespace mura::cli
