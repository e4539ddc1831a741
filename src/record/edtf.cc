#include "record/edtf.h"

#include <array>
#include <compare>
#include <cstddef>
#include <optional>
#include <vector>

namespace mura::record {
namespace {

constexpr std::string_view kForms = "use forms like 1916, 1916-05-19, 1920/1930, 1845~, 19XX";
constexpr std::size_t kMaxYearDigits = 9;  // keeps every year, plus one, inside an int

constexpr std::array<std::string_view, 12> kMonthNames = {
    "January", "February", "March",     "April",   "May",      "June",
    "July",    "August",   "September", "October", "November", "December"};

struct Day {
  int year = 0;
  int month = 1;
  int day = 1;
  friend auto operator<=>(const Day&, const Day&) = default;
};

// What a date, an interval or a set can cover; nullopt for an open or unknown end.
struct Span {
  std::optional<Day> earliest;
  std::optional<Day> latest;
  bool approximate = false;
  bool uncertain = false;
  std::string canonical;
};

// The months a season code covers: first and last month, and whether the last is in the next
// year. Codes 21-24 name no hemisphere, so they cover the year.
struct SeasonMonths {
  int first;
  int last;
  int last_year_offset;
};

SeasonMonths season_months(int code) {
  // clang-format off
  static constexpr std::array<SeasonMonths, 17> kSeasons = {{
      {3, 5, 0}, {6, 8, 0}, {9, 11, 0}, {12, 2, 1},    // 25-28 north: spring .. winter
      {9, 11, 0}, {12, 2, 1}, {3, 5, 0}, {6, 8, 0},    // 29-32 south: spring .. winter
      {1, 3, 0}, {4, 6, 0}, {7, 9, 0}, {10, 12, 0},    // 33-36 quarters
      {1, 4, 0}, {5, 8, 0}, {9, 12, 0},                // 37-39 quadrimesters
      {1, 6, 0}, {7, 12, 0}}};                         // 40-41 semesters
  // clang-format on
  if (code < 25) return {1, 12, 0};  // 21-24
  return kSeasons[static_cast<std::size_t>(code - 25)];
}

bool is_leap_year(int year) { return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0); }

int days_in_month(int year, int month) {
  static constexpr std::array<int, 12> kDays = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month == 2 && is_leap_year(year)) return 29;
  return kDays[static_cast<std::size_t>(month - 1)];
}

std::string zero_padded(long long value, std::size_t width) {
  std::string digits = std::to_string(value);
  if (digits.size() < width) digits.insert(0, width - digits.size(), '0');
  return digits;
}

std::string format_day(const Day& day) {
  std::string year;
  if (day.year < 0) {
    year = "-" + zero_padded(-static_cast<long long>(day.year), 4);
  } else if (day.year > 9999) {
    year = "+" + std::to_string(day.year);
  } else {
    year = zero_padded(day.year, 4);
  }
  return year + "-" + zero_padded(day.month, 2) + "-" + zero_padded(day.day, 2);
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

std::string_view trim(std::string_view text) {
  constexpr std::string_view kSpace = " \t\r\n";
  const std::size_t first = text.find_first_not_of(kSpace);
  if (first == std::string_view::npos) return {};
  return text.substr(first, text.find_last_not_of(kSpace) - first + 1);
}

// A failure. `detail` says what is wrong; it is empty for plain syntax errors, which are answered
// with the list of forms.
Error fail(std::string detail = {}) { return invalid_argument_error(std::move(detail)); }

// The values in [low, high] whose zero-padded digits match `pattern` ('X' matches any digit).
std::vector<int> matching_values(std::string_view pattern, int low, int high) {
  std::vector<int> values;
  if (pattern.find('X') == std::string_view::npos) {
    const int value = std::stoi(std::string(pattern));
    if (value >= low && value <= high) values.push_back(value);
    return values;
  }
  for (int value = low; value <= high; ++value) {
    const std::string digits = zero_padded(value, pattern.size());
    bool matches = digits.size() == pattern.size();
    for (std::size_t i = 0; matches && i < pattern.size(); ++i) {
      matches = pattern[i] == 'X' || pattern[i] == digits[i];
    }
    if (matches) values.push_back(value);
  }
  return values;
}

// Reads one date (not an interval or set) from `text`, which it must fill.
class DateParser {
 public:
  DateParser(std::string_view text, bool allow_time) : text_(text), allow_time_(allow_time) {}

  Result<Span> parse() {
    qualifier();
    MURA_TRY(parse_year());
    qualifier();
    if (peek() == '-') {
      if (long_year_) return fail("a year with 'Y' stands alone, without month or day");
      take('-');
      qualifier();
      MURA_TRY(parse_month());
      qualifier();
      if (peek() == '-') {
        if (season_ != 0) return fail("a season (" + month_pattern_ + ") has no day");
        take('-');
        qualifier();
        MURA_TRY(parse_day());
        qualifier();
      }
    }
    if (peek() == 'T' || peek() == 't') MURA_TRY(parse_time());
    if (pos_ != text_.size()) return fail();
    MURA_TRY(compute_bounds());
    return std::move(span_);
  }

 private:
  char peek() const { return pos_ < text_.size() ? text_[pos_] : '\0'; }
  void take(char canonical) {
    ++pos_;
    span_.canonical += canonical;
  }

  // An optional '?', '~' or '%' before or after a component.
  void qualifier() {
    const char c = peek();
    if (c != '?' && c != '~' && c != '%') return;
    take(c);
    qualified_ = true;
    if (c != '~') span_.uncertain = true;
    if (c != '?') span_.approximate = true;
  }

  // `count` characters that are digits, or 'X' where unspecified digits are allowed.
  Result<std::string> pattern(std::size_t count) {
    std::string result;
    for (std::size_t i = 0; i < count; ++i) {
      const char c = peek();
      if (is_digit(c)) {
        take(c);
      } else if (c == 'X' || c == 'x') {
        take('X');
        unspecified_ = true;
      } else {
        return fail();
      }
      result += span_.canonical.back();
    }
    return result;
  }

  Status parse_year() {
    if (peek() == 'Y' || peek() == 'y') {
      take('Y');
      const bool negative = peek() == '-';
      if (negative) take('-');
      std::string digits;
      while (is_digit(peek())) {
        digits += peek();
        take(peek());
      }
      if (peek() == 'E' || peek() == 'S') {
        return fail("exponential and significant-digit years (Y17E7, 1950S2) are not supported");
      }
      if (digits.size() <= 4 || digits.front() == '0') {
        return fail(
            "a year with 'Y' has more than 4 digits and no leading zero (Y-20000, "
            "Y170000002); write shorter years without the 'Y'");
      }
      if (digits.size() > kMaxYearDigits) {
        return fail("years of more than 9 digits are not supported");
      }
      const int value = std::stoi(digits);
      years_ = {negative ? -value : value};
      long_year_ = true;
      return ok_status();
    }
    const bool negative = peek() == '-';
    if (negative) take('-');
    MURA_ASSIGN_OR_RETURN(const std::string year, pattern(4));
    if (is_digit(peek())) {
      return fail("a year of more than 4 digits is written with a 'Y' prefix (Y20000, Y-20000)");
    }
    years_ = matching_values(year, 0, 9999);
    if (negative) {
      std::vector<int> negated;
      for (auto it = years_.rbegin(); it != years_.rend(); ++it) {
        if (*it != 0) negated.push_back(-*it);
      }
      if (negated.empty()) return fail("year -0000 does not exist; write 0000 (1 BCE)");
      years_ = std::move(negated);
    }
    return ok_status();
  }

  Status parse_month() {
    MURA_ASSIGN_OR_RETURN(month_pattern_, pattern(2));
    months_ = matching_values(month_pattern_, 1, 12);
    if (month_pattern_.find('X') == std::string::npos) {
      const int value = std::stoi(month_pattern_);
      if (value >= 21 && value <= 41) {
        season_ = value;
        return ok_status();
      }
    }
    if (months_.empty()) {
      return fail("month " + month_pattern_ + " is not 01-12 (or a season 21-41)");
    }
    return ok_status();
  }

  Status parse_day() {
    MURA_ASSIGN_OR_RETURN(day_pattern_, pattern(2));
    days_ = matching_values(day_pattern_, 1, 31);
    if (days_.empty()) return fail("day " + day_pattern_ + " is not 01-31");
    return ok_status();
  }

  // Two digits in [0, max] after `separator` (or none when separator is '\0').
  Result<int> time_part(char separator, int max, std::string_view what) {
    if (separator != '\0') {
      if (peek() != separator) return fail();
      take(separator);
    }
    std::string digits;
    for (int i = 0; i < 2; ++i) {
      if (!is_digit(peek())) return fail();
      digits += peek();
      take(peek());
    }
    const int value = std::stoi(digits);
    if (value > max) {
      return fail(std::string(what) + " " + digits + " is not 00-" + std::to_string(max));
    }
    return value;
  }

  Status parse_time() {
    if (!allow_time_) return fail("a time of day is not allowed in an interval or a set");
    if (days_.empty() || unspecified_ || qualified_) {
      return fail("a time needs a complete, unqualified day before it (1916-05-19T10:00:00)");
    }
    take('T');
    MURA_TRY(time_part('\0', 23, "hour"));
    MURA_TRY(time_part(':', 59, "minute"));
    MURA_TRY(time_part(':', 59, "second"));
    if (peek() == 'Z' || peek() == 'z') {
      take('Z');
    } else if (peek() == '+' || peek() == '-') {
      take(peek());
      MURA_TRY(time_part('\0', 14, "time zone hour"));
      if (peek() == ':') MURA_TRY(time_part(':', 59, "time zone minute"));
    }
    return ok_status();
  }

  Status compute_bounds() {
    const int first_year = years_.front();
    const int last_year = years_.back();
    if (season_ != 0) {
      const SeasonMonths season = season_months(season_);
      const int end_year = last_year + season.last_year_offset;
      span_.earliest = Day{first_year, season.first, 1};
      span_.latest = Day{end_year, season.last, days_in_month(end_year, season.last)};
      return ok_status();
    }
    if (months_.empty()) {
      span_.earliest = Day{first_year, 1, 1};
      span_.latest = Day{last_year, 12, 31};
      return ok_status();
    }
    if (days_.empty()) {
      span_.earliest = Day{first_year, months_.front(), 1};
      span_.latest = Day{last_year, months_.back(), days_in_month(last_year, months_.back())};
      return ok_status();
    }
    // Some combinations of year, month and day may not exist (29 February, 31 April): search
    // for the first and last that do. There are at most 10^4 x 12 x 31 to try.
    for (auto year = years_.begin(); year != years_.end() && !span_.earliest; ++year) {
      for (int month : months_) {
        if (days_.front() <= days_in_month(*year, month)) {
          span_.earliest = Day{*year, month, days_.front()};
          break;
        }
      }
    }
    for (auto year = years_.rbegin(); year != years_.rend() && !span_.latest; ++year) {
      for (auto month = months_.rbegin(); month != months_.rend() && !span_.latest; ++month) {
        for (auto day = days_.rbegin(); day != days_.rend(); ++day) {
          if (*day <= days_in_month(*year, *month)) {
            span_.latest = Day{*year, *month, *day};
            break;
          }
        }
      }
    }
    if (span_.earliest && span_.latest) return ok_status();
    if (years_.size() == 1 && months_.size() == 1) {
      const int month = months_.front();
      const std::string month_year = std::string(kMonthNames[static_cast<std::size_t>(month - 1)]) +
                                     " " + std::to_string(first_year);
      if (month == 2 && days_.front() == 29) {
        return fail(std::to_string(first_year) + " is not a leap year, so " + month_year +
                    " has 28 days");
      }
      return fail(month_year + " has " + std::to_string(days_in_month(first_year, month)) +
                  " days");
    }
    return fail("no day of month " + month_pattern_ + " can be " + day_pattern_);
  }

  std::string_view text_;
  bool allow_time_;
  std::size_t pos_ = 0;
  Span span_;
  std::vector<int> years_;   // possible years, ascending
  std::vector<int> months_;  // possible months, ascending; empty when not given or a season
  std::vector<int> days_;    // possible days, ascending; empty when not given
  std::string month_pattern_;
  std::string day_pattern_;
  int season_ = 0;
  bool unspecified_ = false;
  bool qualified_ = false;
  bool long_year_ = false;
};

Result<Span> parse_date(std::string_view text, bool allow_time) {
  return DateParser(text, allow_time).parse();
}

// One end of an interval: a date, ".." (open) or "" (unknown).
Result<Span> parse_interval_end(std::string_view text) {
  if (text.empty()) return Span{};
  if (text == "..") {
    Span open;
    open.canonical = "..";
    return open;
  }
  return parse_date(text, false);
}

Result<Span> parse_interval(std::string_view text, std::size_t slash) {
  if (text.find('/', slash + 1) != std::string_view::npos) {
    return fail("an interval has exactly one '/'");
  }
  MURA_ASSIGN_OR_RETURN(Span start, parse_interval_end(text.substr(0, slash)));
  MURA_ASSIGN_OR_RETURN(Span end, parse_interval_end(text.substr(slash + 1)));
  if (!start.earliest && !end.latest) {
    return fail("an interval needs a date on at least one side of the '/'");
  }
  if (start.earliest && end.latest && *start.earliest > *end.latest) {
    return fail("the interval starts (" + start.canonical + ") after it ends (" + end.canonical +
                ")");
  }
  return Span{start.earliest, end.latest, start.approximate || end.approximate,
              start.uncertain || end.uncertain, start.canonical + "/" + end.canonical};
}

// Widens `into` by `part`; `open_start`/`open_end` force an unbounded end.
void merge(Span& into, const Span& part, bool first) {
  if (first) {
    into.earliest = part.earliest;
    into.latest = part.latest;
  } else {
    if (into.earliest && (!part.earliest || *part.earliest < *into.earliest)) {
      into.earliest = part.earliest;
    }
    if (into.latest && (!part.latest || *part.latest > *into.latest)) into.latest = part.latest;
  }
  into.approximate = into.approximate || part.approximate;
  into.uncertain = into.uncertain || part.uncertain;
}

// "[a,b,c..d]" (one of) or "{a,b}" (all of); the first member may be "..x", the last "x..".
Result<Span> parse_set(std::string_view text) {
  const char open = text.front();
  const char close = open == '[' ? ']' : '}';
  if (text.size() < 2 || text.back() != close) {
    return fail(std::string("a set that opens with '") + open + "' must end with '" + close + "'");
  }
  const std::string_view inner = text.substr(1, text.size() - 2);
  std::vector<std::string_view> members;
  for (std::size_t start = 0;;) {
    const std::size_t comma = inner.find(',', start);
    members.push_back(trim(inner.substr(start, comma - start)));
    if (comma == std::string_view::npos) break;
    start = comma + 1;
  }
  Span set;
  set.canonical = open;
  for (std::size_t i = 0; i < members.size(); ++i) {
    const std::string_view member = members[i];
    if (member.empty()) return fail("a set has an empty member");
    if (i > 0) set.canonical += ',';
    Span part;
    const std::size_t dots = member.find("..");
    if (dots == std::string_view::npos) {
      MURA_ASSIGN_OR_RETURN(part, parse_date(member, false));
    } else if (dots == 0) {
      if (i != 0) return fail("only the first member of a set can be open (..1760)");
      MURA_ASSIGN_OR_RETURN(part, parse_date(member.substr(2), false));
      part.earliest.reset();
      part.canonical = ".." + part.canonical;
    } else if (dots + 2 == member.size()) {
      if (i + 1 != members.size())
        return fail("only the last member of a set can be open (1760..)");
      MURA_ASSIGN_OR_RETURN(part, parse_date(member.substr(0, dots), false));
      part.latest.reset();
      part.canonical += "..";
    } else {
      MURA_ASSIGN_OR_RETURN(Span low, parse_date(member.substr(0, dots), false));
      MURA_ASSIGN_OR_RETURN(Span high, parse_date(member.substr(dots + 2), false));
      if (*low.earliest > *high.latest) {
        return fail("the range " + low.canonical + ".." + high.canonical + " runs backwards");
      }
      part = Span{low.earliest, high.latest, low.approximate || high.approximate,
                  low.uncertain || high.uncertain, low.canonical + ".." + high.canonical};
    }
    merge(set, part, i == 0);
    set.canonical += part.canonical;
  }
  set.canonical += close;
  return set;
}

Result<Span> parse_any(std::string_view text) {
  if (text.empty()) return fail("the date is empty");
  if (text.front() == '[' || text.front() == '{') return parse_set(text);
  const std::size_t slash = text.find('/');
  if (slash != std::string_view::npos) return parse_interval(text, slash);
  return parse_date(text, true);
}

std::string ascii_lower(std::string_view text) {
  std::string lower(text);
  for (char& c : lower) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return lower;
}

bool all_digits(std::string_view text) {
  if (text.empty()) return false;
  for (char c : text) {
    if (!is_digit(c)) return false;
  }
  return true;
}

// Advice for common non-EDTF ways of writing dates, or nullopt.
std::optional<std::string> hint_for(std::string_view text) {
  const std::string lower = ascii_lower(text);
  // Decades: "1910s", "1910's".
  std::string_view decade = lower;
  if (decade.ends_with("'s"))
    decade.remove_suffix(2);
  else if (decade.ends_with("s"))
    decade.remove_suffix(1);
  if (decade.size() < lower.size() && decade.size() == 4 && all_digits(decade) &&
      decade.back() == '0') {
    std::string hint = "a decade is written " + std::string(decade.substr(0, 3)) + "X";
    if (decade.ends_with("00")) hint += " (a century " + std::string(decade.substr(0, 2)) + "XX)";
    return hint;
  }
  // Centuries: "19th century", "20th c.".
  const std::size_t ordinal_end = lower.find_first_not_of("0123456789");
  if (ordinal_end >= 1 && ordinal_end <= 2 && ordinal_end != std::string::npos) {
    const std::string_view suffix = std::string_view(lower).substr(ordinal_end);
    for (std::string_view ending : {"th century", "st century", "nd century", "rd century", "th c.",
                                    "st c.", "nd c.", "rd c."}) {
      if (suffix != ending) continue;
      const int century = std::stoi(lower.substr(0, ordinal_end));
      if (century < 1) break;
      return "a century is written " + zero_padded(century - 1, 2) + "XX";
    }
  }
  // "circa 1845", "ca. 1845", "c.1845", "about 1845".
  for (std::string_view prefix : {"circa", "about", "approx.", "ca.", "ca", "c.", "c"}) {
    if (!lower.starts_with(prefix)) continue;
    const std::string_view rest = trim(std::string_view(text).substr(prefix.size()));
    if (!rest.empty() && parse_date(rest, false).has_value()) {
      return "an approximate date is written with '~' after it: " + std::string(rest) + "~";
    }
  }
  // Day first: "19.05.1916", "19/05/1916".
  const std::size_t first = text.find_first_of("./");
  if (first != std::string_view::npos && first >= 1 && first <= 2) {
    const char separator = text[first];
    const std::size_t second = text.find(separator, first + 1);
    if (second != std::string_view::npos && second - first - 1 >= 1 && second - first - 1 <= 2 &&
        text.size() - second - 1 == 4) {
      std::string_view a = text.substr(0, first);
      std::string_view b = text.substr(first + 1, second - first - 1);
      const std::string_view year = text.substr(second + 1);
      if (all_digits(a) && all_digits(b) && all_digits(year)) {
        if (std::stoi(std::string(b)) > 12) std::swap(a, b);  // month first (05/19/1916)
        return "write the year first: " + std::string(year) + "-" +
               zero_padded(std::stoi(std::string(b)), 2) + "-" +
               zero_padded(std::stoi(std::string(a)), 2);
      }
    }
  }
  return std::nullopt;
}

}  // namespace

Result<EdtfDate> parse_edtf(std::string_view text) {
  const std::string_view input = trim(text);
  Result<Span> span = parse_any(input);
  if (!span.has_value()) {
    std::string message = "\"" + std::string(input) + "\" is not an EDTF date";
    const std::optional<std::string> hint = hint_for(input);
    const std::string& detail = span.error().message();
    if (hint) {
      message += ": " + *hint;
    } else if (!detail.empty()) {
      message += ": " + detail;
    } else {
      message += " (" + std::string(kForms) + ")";
    }
    return invalid_argument_error(std::move(message));
  }
  EdtfDate date;
  date.text = std::move(span->canonical);
  date.start_year = span->earliest ? span->earliest->year : kEdtfOpenStart;
  date.end_year = span->latest ? span->latest->year : kEdtfOpenEnd;
  if (span->earliest) date.start_day = format_day(*span->earliest);
  if (span->latest) date.end_day = format_day(*span->latest);
  date.approximate = span->approximate;
  date.uncertain = span->uncertain;
  return date;
}

}  // namespace mura::record
