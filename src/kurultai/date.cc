#include "kurultai/date.h"

#include <cstdio>

namespace mura::kurultai {
namespace {

// Days from 1970-01-01 to year/month/day (Howard Hinnant's days_from_civil algorithm).
std::int64_t days_from_civil(std::int64_t year, unsigned month, unsigned day) {
  year -= month <= 2 ? 1 : 0;
  const std::int64_t era = (year >= 0 ? year : year - 399) / 400;
  const auto year_of_era = static_cast<unsigned>(year - era * 400);
  const unsigned day_of_year = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
  const unsigned day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
  return era * 146097 + static_cast<std::int64_t>(day_of_era) - 719468;
}

bool parse_digits(std::string_view text, int& value) {
  value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
    value = value * 10 + (c - '0');
  }
  return !text.empty();
}

}  // namespace

bool is_leap_year(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int days_in_month(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month == 2 && is_leap_year(year)) return 29;
  return kDays[month - 1];
}

Result<Date> Date::parse(std::string_view text) {
  int year = 0;
  int month = 0;
  int day = 0;
  const bool shaped = text.size() == 10 && text[4] == '-' && text[7] == '-' &&
                      parse_digits(text.substr(0, 4), year) &&
                      parse_digits(text.substr(5, 2), month) &&
                      parse_digits(text.substr(8, 2), day);
  if (!shaped) {
    return invalid_argument_error("\"" + std::string(text) +
                                  "\" is not a date (expected YYYY-MM-DD)");
  }
  if (month < 1 || month > 12 || day < 1 || day > days_in_month(year, month)) {
    return invalid_argument_error("\"" + std::string(text) + "\" is not a day of the calendar");
  }
  return Date(year, month, day);
}

Date Date::from_ymd(int year, int month, int day) {
  MURA_CHECK(month >= 1 && month <= 12 && day >= 1 && day <= days_in_month(year, month));
  return Date(year, month, day);
}

Date Date::from_days(std::int64_t days_since_epoch) {
  // Hinnant's civil_from_days.
  const std::int64_t z = days_since_epoch + 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const auto day_of_era = static_cast<unsigned>(z - era * 146097);
  const unsigned year_of_era =
      (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
  const std::int64_t year = static_cast<std::int64_t>(year_of_era) + era * 400;
  const unsigned day_of_year =
      day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
  const unsigned mp = (5 * day_of_year + 2) / 153;
  const unsigned day = day_of_year - (153 * mp + 2) / 5 + 1;
  const unsigned month = mp < 10 ? mp + 3 : mp - 9;
  return Date(static_cast<int>(year + (month <= 2 ? 1 : 0)), static_cast<int>(month),
              static_cast<int>(day));
}

std::int64_t Date::days() const {
  return days_from_civil(year_, static_cast<unsigned>(month_), static_cast<unsigned>(day_));
}

Date Date::add_days(std::int64_t days) const { return from_days(this->days() + days); }

Date Date::add_months(int months) const {
  const int index = year_ * 12 + (month_ - 1) + months;
  const int year = index >= 0 ? index / 12 : (index - 11) / 12;
  const int month = index - year * 12 + 1;
  const int day = day_ < days_in_month(year, month) ? day_ : days_in_month(year, month);
  return Date(year, month, day);
}

std::string Date::to_string() const {
  char buffer[40];
  std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", year_, month_, day_);
  return buffer;
}

}  // namespace mura::kurultai
