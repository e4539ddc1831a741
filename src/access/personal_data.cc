#include "access/personal_data.h"

#include <algorithm>
#include <set>
#include <tuple>

namespace mura::access {
namespace {

constexpr std::string_view kHidden = "\u2022";  // •

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_ascii_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
int digit(char c) { return c - '0'; }

bool is_leap(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int days_in_month(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && is_leap(year) ? 29 : kDays[month - 1];
}

std::string hide(std::size_t count) {
  std::string hidden;
  for (std::size_t i = 0; i < count; ++i) hidden += kHidden;
  return hidden;
}

std::string to_lower(std::string_view text) {
  std::string lower(text);
  for (char& c : lower) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return lower;
}

// The IINs: runs of exactly twelve digits that are valid.
void find_iins(std::string_view text, std::string_view field,
               std::vector<std::pair<std::size_t, PersonalDataFinding>>& found) {
  std::size_t i = 0;
  while (i < text.size()) {
    if (!is_digit(text[i])) {
      ++i;
      continue;
    }
    std::size_t end = i;
    while (end < text.size() && is_digit(text[end])) ++end;
    if (end - i == 12 && is_valid_iin(text.substr(i, 12))) {
      found.push_back(
          {i, {PersonalDataKind::kIin, std::string(field), std::string(text.substr(i, 12))}});
    }
    i = end;
  }
}

// Kazakh phone numbers: "+7" or "8", then ten digits of which the first is 7, with spaces,
// hyphens, dots and one pair of parentheses between them; not inside a longer number.
void find_phones(std::string_view text, std::string_view field,
                 std::vector<std::pair<std::size_t, PersonalDataFinding>>& found) {
  for (std::size_t start = 0; start < text.size(); ++start) {
    std::size_t i = start;
    if (text[i] == '+' && i + 1 < text.size() && text[i + 1] == '7') {
      i += 2;
    } else if (text[i] == '8') {
      i += 1;
    } else {
      continue;
    }
    // Not the tail of a longer number, a word or a code ("KP-8701...").
    if (start > 0) {
      const char before = text[start - 1];
      if (is_digit(before) || is_ascii_letter(before) || before == '+' || before == '-' ||
          before == '/' || before == '_') {
        continue;
      }
    }
    std::string digits;
    bool open = false, closed = false;
    std::size_t separators = 0;
    while (i < text.size() && digits.size() < 10) {
      const char c = text[i];
      if (is_digit(c)) {
        digits += c;
        separators = 0;
      } else if ((c == ' ' || c == '-' || c == '.') && separators == 0) {
        ++separators;
      } else if (c == '(' && !open && digits.empty()) {
        open = true;
      } else if (c == ')' && open && !closed && digits.size() == 3) {
        closed = true;
      } else {
        break;
      }
      ++i;
    }
    if (digits.size() != 10 || digits[0] != '7' || open != closed) continue;
    if (i < text.size() && is_digit(text[i])) continue;
    found.push_back({start, {PersonalDataKind::kPhone, std::string(field), "+7" + digits}});
    start = i - 1;
  }
}

bool is_local_char(char c) {
  return is_digit(c) || is_ascii_letter(c) || c == '.' || c == '_' || c == '%' || c == '+' ||
         c == '-';
}
bool is_domain_char(char c) { return is_digit(c) || is_ascii_letter(c) || c == '.' || c == '-'; }

// E-mail addresses: local@domain.tld around each '@'.
void find_emails(std::string_view text, std::string_view field,
                 std::vector<std::pair<std::size_t, PersonalDataFinding>>& found) {
  for (std::size_t at = text.find('@'); at != std::string_view::npos; at = text.find('@', at + 1)) {
    std::size_t first = at;
    while (first > 0 && is_local_char(text[first - 1])) --first;
    while (first < at && text[first] == '.') ++first;
    std::size_t last = at + 1;
    while (last < text.size() && is_domain_char(text[last])) ++last;
    while (last > at + 1 && (text[last - 1] == '.' || text[last - 1] == '-')) --last;
    if (first == at || last == at + 1) continue;
    const std::string_view domain = text.substr(at + 1, last - at - 1);
    const std::size_t dot = domain.rfind('.');
    if (dot == std::string_view::npos || dot == 0) continue;
    const std::string_view top = domain.substr(dot + 1);
    if (top.size() < 2 || !std::all_of(top.begin(), top.end(), is_ascii_letter)) continue;
    if (domain.find("..") != std::string_view::npos || domain.front() == '-' ||
        domain.front() == '.') {
      continue;
    }
    found.push_back({first,
                     {PersonalDataKind::kEmail, std::string(field),
                      to_lower(text.substr(first, last - first))}});
  }
}

}  // namespace

std::string_view personal_data_kind_name(PersonalDataKind kind) {
  switch (kind) {
    case PersonalDataKind::kIin:
      return "iin";
    case PersonalDataKind::kPhone:
      return "phone";
    case PersonalDataKind::kEmail:
      return "email";
  }
  return "iin";
}

std::string PersonalDataFinding::masked() const {
  switch (kind) {
    case PersonalDataKind::kIin:
      return value.size() < 4
                 ? hide(value.size())
                 : value.substr(0, 2) + hide(value.size() - 4) + value.substr(value.size() - 2);
    case PersonalDataKind::kPhone:
      if (value.size() != 12) return hide(value.size());
      // +7 701 ••• •• 67
      return value.substr(0, 2) + " " + value.substr(2, 3) + " " + hide(3) + " " + hide(2) + " " +
             value.substr(10);
    case PersonalDataKind::kEmail: {
      const auto at = value.find('@');
      if (at == std::string::npos || at == 0) return hide(3);
      return value.substr(0, 1) + hide(3) + value.substr(at);
    }
  }
  return "";
}

bool is_valid_iin(std::string_view digits) {
  if (digits.size() != 12 || !std::all_of(digits.begin(), digits.end(), is_digit)) return false;
  const int century_sex = digit(digits[6]);
  if (century_sex < 1 || century_sex > 6) return false;
  const int century = 1800 + 100 * ((century_sex - 1) / 2);
  const int year = century + digit(digits[0]) * 10 + digit(digits[1]);
  const int month = digit(digits[2]) * 10 + digit(digits[3]);
  const int day = digit(digits[4]) * 10 + digit(digits[5]);
  if (month < 1 || month > 12 || day < 1 || day > days_in_month(year, month)) return false;

  auto weighted = [&](const int(&weights)[11]) {
    int sum = 0;
    for (int i = 0; i < 11; ++i) sum += digit(digits[static_cast<std::size_t>(i)]) * weights[i];
    return sum % 11;
  };
  static constexpr int kFirst[11] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11};
  static constexpr int kSecond[11] = {3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2};
  int check = weighted(kFirst);
  if (check == 10) check = weighted(kSecond);
  if (check == 10) return false;
  return check == digit(digits[11]);
}

std::vector<PersonalDataFinding> find_personal_data(std::string_view text, std::string_view field) {
  std::vector<std::pair<std::size_t, PersonalDataFinding>> found;
  find_iins(text, field, found);
  find_phones(text, field, found);
  find_emails(text, field, found);
  std::stable_sort(found.begin(), found.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<PersonalDataFinding> findings;
  for (auto& [position, finding] : found) findings.push_back(std::move(finding));
  return findings;
}

std::vector<PersonalDataFinding> detect_personal_data(const record::Record& record,
                                                      std::string_view extracted_text) {
  std::vector<PersonalDataFinding> findings;
  std::set<std::tuple<PersonalDataKind, std::string, std::string>> seen;
  auto add = [&](std::vector<PersonalDataFinding> more) {
    for (auto& finding : more) {
      if (seen.emplace(finding.kind, finding.field, finding.value).second) {
        findings.push_back(std::move(finding));
      }
    }
  };
  for (const auto& [field, values] : record.fields) {
    for (const auto& value : values) add(find_personal_data(value.value, field));
  }
  if (!extracted_text.empty()) add(find_personal_data(extracted_text, "text"));
  return findings;
}

std::vector<PersonalDataFinding> screen_personal_data(const record::Record* previous,
                                                      record::Record& next,
                                                      std::string_view message) {
  const bool review = message.starts_with(kReviewMessagePrefix);
  if (previous != nullptr && previous->access.review_pending && !review) {
    next.access.review_pending = true;
  }
  if (next.deleted) return {};
  std::set<std::pair<PersonalDataKind, std::string>> known;
  if (previous != nullptr) {
    for (const auto& finding : detect_personal_data(*previous)) {
      known.emplace(finding.kind, finding.value);
    }
  }
  std::vector<PersonalDataFinding> fresh;
  for (auto& finding : detect_personal_data(next)) {
    if (known.count({finding.kind, finding.value}) == 0) fresh.push_back(std::move(finding));
  }
  if (!fresh.empty()) next.access.review_pending = true;
  return fresh;
}

}  // namespace mura::access
