// parse_votes_csv (allocation.h): the `party,votes` sheet of an election count.
#include <map>

#include "kurultai/allocation.h"

namespace mura::kurultai {
namespace {

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r')) {
    text.remove_suffix(1);
  }
  return text;
}

// Splits one CSV line into fields; fields may be double-quoted with "" for a quote.
Result<std::vector<std::string>> split_fields(std::string_view line) {
  std::vector<std::string> fields;
  std::size_t i = 0;
  while (true) {
    std::string field;
    while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
    if (i < line.size() && line[i] == '"') {
      ++i;
      bool closed = false;
      while (i < line.size()) {
        if (line[i] == '"') {
          if (i + 1 < line.size() && line[i + 1] == '"') {
            field += '"';
            i += 2;
            continue;
          }
          closed = true;
          ++i;
          break;
        }
        field += line[i++];
      }
      if (!closed) return invalid_argument_error("a quoted field is not closed");
      while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
      if (i < line.size() && line[i] != ',') {
        return invalid_argument_error("text after a closing quote");
      }
    } else {
      const std::size_t comma = line.find(',', i);
      const std::size_t end = comma == std::string_view::npos ? line.size() : comma;
      field = std::string(trim(line.substr(i, end - i)));
      i = end;
    }
    fields.push_back(std::move(field));
    if (i >= line.size()) break;
    ++i;  // the comma
  }
  return fields;
}

bool is_header(const std::vector<std::string>& fields) {
  const auto lower = [](std::string text) {
    for (char& c : text) c = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    return text;
  };
  return fields.size() == 2 && lower(fields[0]) == "party" && lower(fields[1]) == "votes";
}

}  // namespace

Result<VoteCount> parse_votes_csv(std::string_view text, std::string_view source_name) {
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
  VoteCount count;
  std::map<std::string, int, std::less<>> first_line;
  bool seen_row = false;
  bool seen_against_all = false;
  int line_number = 0;
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t end = text.find('\n', start);
    const std::string_view line =
        text.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
    start = end == std::string_view::npos ? text.size() + 1 : end + 1;
    ++line_number;
    const auto error = [&](const std::string& message) {
      return invalid_argument_error(std::string(source_name) + ":" + std::to_string(line_number) +
                                    ": " + message);
    };
    if (trim(line).empty()) continue;
    auto fields = split_fields(line);
    if (!fields) return error(fields.error().message());
    if (!seen_row && is_header(*fields)) {
      seen_row = true;
      continue;
    }
    seen_row = true;
    if (fields->size() != 2) {
      return error("expected 2 fields \"party,votes\", found " + std::to_string(fields->size()));
    }
    const std::string& party = (*fields)[0];
    const std::string& votes_text = (*fields)[1];
    if (party.empty()) return error("the party name is empty");
    std::int64_t votes = 0;
    bool digits = !votes_text.empty() && votes_text.size() <= 13;
    for (char c : votes_text) {
      if (c < '0' || c > '9') {
        digits = false;
        break;
      }
      votes = votes * 10 + (c - '0');
    }
    if (!digits || votes > kMaxVotes) {
      return error("votes \"" + votes_text + "\" of \"" + party +
                   "\" is not a whole number between 0 and " + std::to_string(kMaxVotes));
    }
    if (party == "against_all") {
      if (seen_against_all) return error("a second against_all row");
      seen_against_all = true;
      count.against_all = votes;
      continue;
    }
    auto [it, inserted] = first_line.emplace(party, line_number);
    if (!inserted) {
      return error("party \"" + party + "\" already listed on line " + std::to_string(it->second));
    }
    count.parties.push_back(PartyVotes{party, votes});
  }
  if (count.parties.empty()) {
    return invalid_argument_error(std::string(source_name) +
                                  ": no party rows (expected lines \"party,votes\")");
  }
  return count;
}

}  // namespace mura::kurultai
