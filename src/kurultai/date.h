// Date: a calendar day (proleptic Gregorian), as the register dates its acts ("2026-07-01").
// Value type with day arithmetic for deadlines ("within 10 days", "within 2 months").
#pragma once

#include <compare>
#include <cstdint>
#include <string>
#include <string_view>

#include "base/result.h"

namespace mura::kurultai {

class Date {
 public:
  // 1970-01-01.
  Date() = default;

  // Parses "YYYY-MM-DD" exactly (four-digit year, two-digit month and day, a real day).
  // InvalidArgument otherwise, naming the text and the expected form.
  static Result<Date> parse(std::string_view text);
  // REQUIRES: a valid day.
  static Date from_ymd(int year, int month, int day);
  static Date from_days(std::int64_t days_since_epoch);

  int year() const { return year_; }
  int month() const { return month_; }
  int day() const { return day_; }
  // Days since 1970-01-01 (negative before).
  std::int64_t days() const;

  Date add_days(std::int64_t days) const;
  // The same day `months` months later; clamped to the last day of a shorter month
  // (2026-01-31 + 1 month = 2026-02-28).
  Date add_months(int months) const;

  std::string to_string() const;  // "2026-07-01"

  friend bool operator==(const Date&, const Date&) = default;
  friend std::strong_ordering operator<=>(const Date& a, const Date& b) {
    return a.days() <=> b.days();
  }

 private:
  Date(int year, int month, int day) : year_(year), month_(month), day_(day) {}
  int year_ = 1970;
  int month_ = 1;
  int day_ = 1;
};

bool is_leap_year(int year);
int days_in_month(int year, int month);

}  // namespace mura::kurultai
