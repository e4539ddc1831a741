#include "oai/request.h"

#include <algorithm>
#include <array>
#include <cstddef>
#include <set>
#include <tuple>

namespace mura::oai {
namespace {

struct VerbRule {
  Verb verb;
  std::string_view name;
  std::vector<std::string_view> required;
  std::vector<std::string_view> optional;
  bool resumable;  // takes resumptionToken (exclusive)
};

const std::vector<VerbRule>& verb_rules() {
  static const std::vector<VerbRule> rules = {
      {Verb::kIdentify, "Identify", {}, {}, false},
      {Verb::kListMetadataFormats, "ListMetadataFormats", {}, {"identifier"}, false},
      {Verb::kListSets, "ListSets", {}, {}, true},
      {Verb::kGetRecord, "GetRecord", {"identifier", "metadataPrefix"}, {}, false},
      {Verb::kListIdentifiers,
       "ListIdentifiers",
       {"metadataPrefix"},
       {"from", "until", "set"},
       true},
      {Verb::kListRecords, "ListRecords", {"metadataPrefix"}, {"from", "until", "set"}, true},
  };
  return rules;
}

const VerbRule& rule_of(Verb verb) {
  for (const auto& rule : verb_rules()) {
    if (rule.verb == verb) return rule;
  }
  return verb_rules().front();
}

bool contains(const std::vector<std::string_view>& names, std::string_view name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

bool is_digits(std::string_view text) {
  return !text.empty() &&
         std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

int number(std::string_view digits) {
  int value = 0;
  for (char c : digits) value = value * 10 + (c - '0');
  return value;
}

int days_in_month(int year, int month) {
  static constexpr std::array<int, 12> kDays = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : kDays[static_cast<std::size_t>(month - 1)];
}

bool is_date(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return false;
  const auto year = text.substr(0, 4), month = text.substr(5, 2), day = text.substr(8, 2);
  if (!is_digits(year) || !is_digits(month) || !is_digits(day)) return false;
  const int m = number(month), d = number(day);
  return m >= 1 && m <= 12 && d >= 1 && d <= days_in_month(number(year), m);
}

bool is_time(std::string_view text) {  // "hh:mm:ss"
  if (text.size() != 8 || text[2] != ':' || text[5] != ':') return false;
  const auto hour = text.substr(0, 2), minute = text.substr(3, 2), second = text.substr(6, 2);
  return is_digits(hour) && is_digits(minute) && is_digits(second) && number(hour) < 24 &&
         number(minute) < 60 && number(second) < 60;
}

enum class Granularity { kDay, kSecond };

struct Bound {
  Granularity granularity;
  std::string first;  // the first second it covers
  std::string last;   // the last second it covers
};

std::optional<Bound> parse_bound(std::string_view text) {
  if (is_date(text)) {
    return Bound{Granularity::kDay, std::string(text) + "T00:00:00Z",
                 std::string(text) + "T23:59:59Z"};
  }
  if (is_datestamp(text)) return Bound{Granularity::kSecond, std::string(text), std::string(text)};
  return std::nullopt;
}

bool is_unreserved_mark(char c) {
  return c == '-' || c == '_' || c == '.' || c == '!' || c == '~' || c == '*' || c == '\'' ||
         c == '(' || c == ')';
}

bool is_spec_character(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
         is_unreserved_mark(c);
}

// Shown in messages: the value as sent, shortened.
std::string shown(std::string_view value) {
  constexpr std::size_t kMax = 80;
  return "\"" + std::string(value.substr(0, kMax)) + (value.size() > kMax ? "...\"" : "\"");
}

}  // namespace

std::string_view verb_name(Verb verb) { return rule_of(verb).name; }

std::optional<Verb> parse_verb(std::string_view name) {
  for (const auto& rule : verb_rules()) {
    if (rule.name == name) return rule.verb;
  }
  return std::nullopt;
}

std::string_view error_code_name(ErrorCode code) {
  switch (code) {
    case ErrorCode::kBadArgument:
      return "badArgument";
    case ErrorCode::kBadResumptionToken:
      return "badResumptionToken";
    case ErrorCode::kBadVerb:
      return "badVerb";
    case ErrorCode::kCannotDisseminateFormat:
      return "cannotDisseminateFormat";
    case ErrorCode::kIdDoesNotExist:
      return "idDoesNotExist";
    case ErrorCode::kNoRecordsMatch:
      return "noRecordsMatch";
    case ErrorCode::kNoMetadataFormats:
      return "noMetadataFormats";
    case ErrorCode::kNoSetHierarchy:
      return "noSetHierarchy";
  }
  return "badArgument";
}

bool is_metadata_prefix(std::string_view text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), is_spec_character);
}

bool is_set_spec(std::string_view text) {
  // Components of spec characters separated by single colons.
  if (text.empty() || text.front() == ':' || text.back() == ':') return false;
  char previous = '\0';
  for (char c : text) {
    if (c == ':' ? previous == ':' : !is_spec_character(c)) return false;
    previous = c;
  }
  return true;
}

bool is_datestamp(std::string_view text) {
  return text.size() == 20 && text[10] == 'T' && text[19] == 'Z' && is_date(text.substr(0, 10)) &&
         is_time(text.substr(11, 8));
}

std::optional<std::string> to_datestamp(std::string_view timestamp) {
  if (is_date(timestamp)) return std::string(timestamp) + "T00:00:00Z";
  if (timestamp.size() < 20 || timestamp[10] != 'T' || timestamp.back() != 'Z' ||
      !is_date(timestamp.substr(0, 10)) || !is_time(timestamp.substr(11, 8))) {
    return std::nullopt;
  }
  const auto rest = timestamp.substr(19);  // "Z" or ".123Z"
  if (rest.size() > 1 && (rest[0] != '.' || !is_digits(rest.substr(1, rest.size() - 2)))) {
    return std::nullopt;
  }
  return std::string(timestamp.substr(0, 19)) + "Z";
}

OaiResult<Request> parse_request(const Arguments& arguments) {
  std::optional<Verb> verb;
  int verbs = 0;
  for (const auto& [name, value] : arguments) {
    if (name != "verb") continue;
    ++verbs;
    verb = parse_verb(value);
    if (!verb) {
      return protocol_error(ErrorCode::kBadVerb,
                            shown(value) +
                                " is not an OAI-PMH verb (Identify, ListMetadataFormats, "
                                "ListSets, GetRecord, ListIdentifiers, ListRecords)");
    }
  }
  if (verbs == 0) return protocol_error(ErrorCode::kBadVerb, "the verb argument is missing");
  if (verbs > 1) return protocol_error(ErrorCode::kBadVerb, "the verb argument is repeated");

  const VerbRule& rule = rule_of(*verb);
  Request request;
  request.verb = *verb;
  std::set<std::string_view> seen;
  for (const auto& [name, value] : arguments) {
    if (name == "verb") continue;
    const bool known = contains(rule.required, name) || contains(rule.optional, name) ||
                       (rule.resumable && name == "resumptionToken");
    if (!known) {
      return protocol_error(ErrorCode::kBadArgument,
                            shown(name) + " is not an argument of " + std::string(rule.name));
    }
    if (!seen.insert(name).second) {
      return protocol_error(ErrorCode::kBadArgument, "the argument " + name + " is repeated");
    }
    if (value.empty()) {
      return protocol_error(ErrorCode::kBadArgument, "the argument " + name + " has no value");
    }
    if (name == "identifier") request.identifier = value;
    if (name == "metadataPrefix") request.metadata_prefix = value;
    if (name == "from") request.from = value;
    if (name == "until") request.until = value;
    if (name == "set") request.set = value;
    if (name == "resumptionToken") request.resumption_token = value;
  }

  if (!request.resumption_token.empty()) {
    if (seen.size() > 1) {
      return protocol_error(ErrorCode::kBadArgument,
                            "resumptionToken is an exclusive argument; send it with the verb only");
    }
    return request;
  }
  for (std::string_view name : rule.required) {
    if (!seen.contains(name)) {
      return protocol_error(ErrorCode::kBadArgument,
                            std::string(rule.name) + " requires the argument " + std::string(name));
    }
  }
  if (!request.metadata_prefix.empty() && !is_metadata_prefix(request.metadata_prefix)) {
    return protocol_error(ErrorCode::kBadArgument,
                          "metadataPrefix " + shown(request.metadata_prefix) +
                              " has characters a metadataPrefix cannot have");
  }
  if (!request.set.empty() && !is_set_spec(request.set)) {
    return protocol_error(
        ErrorCode::kBadArgument,
        "set " + shown(request.set) + " is not a setSpec (e.g. 99999.mabc:99999.mdef)");
  }
  std::optional<Bound> from, until;
  for (auto [text, bound, name] :
       {std::tuple(&request.from, &from, "from"), std::tuple(&request.until, &until, "until")}) {
    if (text->empty()) continue;
    *bound = parse_bound(*text);
    if (!*bound) {
      return protocol_error(ErrorCode::kBadArgument,
                            std::string(name) + " " + shown(*text) +
                                " is not a UTC datestamp (YYYY-MM-DD or YYYY-MM-DDThh:mm:ssZ)");
    }
  }
  if (from && until) {
    if (from->granularity != until->granularity) {
      return protocol_error(ErrorCode::kBadArgument,
                            "from and until have different granularities; give both as days or "
                            "both to the second");
    }
    if (from->first > until->last) {
      return protocol_error(
          ErrorCode::kBadArgument,
          "from " + shown(request.from) + " is later than until " + shown(request.until));
    }
  }
  if (from) request.range.from = from->first;
  if (until) request.range.until = until->last;
  return request;
}

}  // namespace mura::oai
