// The CSV sheets of an election: parse_votes_csv (allocation.h), the `party,votes` count, and
// parse_candidates_csv (quota.h), a party list in its order.
#include <functional>
#include <map>

#include "kurultai/allocation.h"
#include "kurultai/quota.h"

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

std::string lower(std::string text) {
  for (char& c : text) c = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  return text;
}

bool is_header(const std::vector<std::string>& fields, std::string_view first,
               std::string_view second) {
  return fields.size() == 2 && lower(fields[0]) == first && lower(fields[1]) == second;
}

// Calls `row` with the fields and number of every line that is not blank, after a BOM; an
// error of a line comes back as "SOURCE:LINE: message".
Status for_each_row(std::string_view text, std::string_view source_name,
                    const std::function<Status(const std::vector<std::string>&, int)>& row) {
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
  int line_number = 0;
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t end = text.find('\n', start);
    const std::string_view line =
        text.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
    start = end == std::string_view::npos ? text.size() + 1 : end + 1;
    ++line_number;
    if (trim(line).empty()) continue;
    auto fields = split_fields(line);
    Status status = fields ? row(*fields, line_number) : Status(fields.error());
    if (!status.ok()) {
      return invalid_argument_error(std::string(source_name) + ":" + std::to_string(line_number) +
                                    ": " + status.message());
    }
  }
  return ok_status();
}

}  // namespace

Result<VoteCount> parse_votes_csv(std::string_view text, std::string_view source_name) {
  VoteCount count;
  std::map<std::string, int, std::less<>> first_line;
  bool seen_row = false;
  bool seen_against_all = false;
  MURA_TRY(for_each_row(text, source_name, [&](const std::vector<std::string>& fields,
                                                int line_number) -> Status {
    if (!seen_row && is_header(fields, "party", "votes")) {
      seen_row = true;
      return ok_status();
    }
    seen_row = true;
    if (fields.size() != 2) {
      return invalid_argument_error("expected 2 fields \"party,votes\", found " +
                                    std::to_string(fields.size()));
    }
    const std::string& party = fields[0];
    const std::string& votes_text = fields[1];
    if (party.empty()) return invalid_argument_error("the party name is empty");
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
      return invalid_argument_error("votes \"" + votes_text + "\" of \"" + party +
                                    "\" is not a whole number between 0 and " +
                                    std::to_string(kMaxVotes));
    }
    if (party == "against_all") {
      if (seen_against_all) return invalid_argument_error("a second against_all row");
      seen_against_all = true;
      count.against_all = votes;
      return ok_status();
    }
    auto [it, inserted] = first_line.emplace(party, line_number);
    if (!inserted) {
      return invalid_argument_error("party \"" + party + "\" already listed on line " +
                                    std::to_string(it->second));
    }
    count.parties.push_back(PartyVotes{party, votes});
    return ok_status();
  }));
  if (count.parties.empty()) {
    return invalid_argument_error(std::string(source_name) +
                                  ": no party rows (expected lines \"party,votes\")");
  }
  return count;
}

Result<std::vector<Candidate>> parse_candidates_csv(std::string_view text,
                                                   std::string_view source_name) {
  std::vector<Candidate> list;
  std::map<std::string, int, std::less<>> first_line;
  bool seen_row = false;
  MURA_TRY(for_each_row(text, source_name, [&](const std::vector<std::string>& fields,
                                                int line_number) -> Status {
    if (!seen_row && is_header(fields, "candidate", "quota_group")) {
      seen_row = true;
      return ok_status();
    }
    seen_row = true;
    if (fields.size() != 2) {
      return invalid_argument_error("expected 2 fields \"candidate,quota_group\", found " +
                                    std::to_string(fields.size()));
    }
    const std::string& name = fields[0];
    if (name.empty()) return invalid_argument_error("the candidate's name is empty");
    const std::string group = lower(fields[1]);
    const bool in_group = group == "yes" || group == "true" || group == "1";
    if (!in_group && group != "no" && group != "false" && group != "0") {
      return invalid_argument_error("quota_group \"" + fields[1] + "\" of \"" + name +
                                    "\" is not yes or no");
    }
    auto [it, inserted] = first_line.emplace(name, line_number);
    if (!inserted) {
      return invalid_argument_error("candidate \"" + name + "\" already listed on line " +
                                    std::to_string(it->second));
    }
    list.push_back(Candidate{name, in_group});
    return ok_status();
  }));
  if (list.empty()) {
    return invalid_argument_error(std::string(source_name) +
                                  ": no candidates (expected lines \"candidate,quota_group\")");
  }
  return list;
}

}  // namespace mura::kurultai
