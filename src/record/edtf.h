// EDTF dates (Extended Date/Time Format, ISO 8601-2 / Library of Congress): the dates of
// heritage records, which are often uncertain ("1845?"), approximate ("1845~"), partly unknown
// ("19XX") or ranges ("1920/1930"). parse_edtf validates one and works out the span of days and
// years it can cover, which search and facets use. Plain functions; thread-safe.
#pragma once

#include <limits>
#include <string>
#include <string_view>

#include "base/result.h"

namespace mura::record {

// Sentinels for the years of an interval end that is open ("1920/..") or unknown ("1920/"), and
// of a set member such as "[..1760]": start_year is kEdtfOpenStart, end_year is kEdtfOpenEnd.
inline constexpr int kEdtfOpenStart = std::numeric_limits<int>::min();
inline constexpr int kEdtfOpenEnd = std::numeric_limits<int>::max();

struct EdtfDate {
  // The input in canonical form: surrounding and in-set spaces dropped, and letters in their
  // upper case ("19xx" -> "19XX", "y-20000" -> "Y-20000", "t"/"z" of a time -> "T"/"Z").
  std::string text;
  // The inclusive range of years the date can fall in (astronomical numbering: 0 is 1 BCE,
  // -499 is 500 BCE). Sentinels above for open or unknown ends.
  int start_year = 0;
  int end_year = 0;
  // The earliest and latest possible day, "yyyy-mm-dd" in the proleptic Gregorian calendar;
  // years outside 0..9999 are written in the ISO 8601 expanded form ("-0500-01-01",
  // "+20000-12-31"). Empty for an open or unknown end.
  std::string start_day;
  std::string end_day;
  bool approximate = false;  // "~" or "%" anywhere in the date
  bool uncertain = false;    // "?" or "%" anywhere in the date
  friend bool operator==(const EdtfDate&, const EdtfDate&) = default;
};

// Parses an EDTF date of level 0 or 1, or the level 2 forms listed here, and validates the
// calendar (month 01-12, the day within its month, 29 February only in leap years):
//   1916  1916-05  1916-05-19  1916-05-19T10:00:00Z  1916-05-19T10:00:00+06:00
//   -0500  Y-20000  Y170000002                          (negative and long years)
//   1845?  1845~  1845%  2004-06~-11  ?2004-06-~11      (uncertain / approximate)
//   19XX  196X  1916-XX  1916-XX-XX  156X-12-25  XXXX-12-XX (unspecified digits)
//   2001-21 .. 2001-24 (seasons)  2001-25 .. 2001-41 (hemisphere seasons, quarters,
//   quadrimesters, semesters)
//   1920/1930  1920-05/..  ../1930  1920/  /1930        (intervals with open or unknown ends)
//   [1667,1668,1670..1672]  [..1760-12-03]  {1960,1961-12}  (one-of and all-of sets)
// Seasons 21-24 do not say the hemisphere, so their days span the whole year; 25-32 use
// meteorological seasons (northern winter 2001-28 runs from 2001-12-01 to 2002-02-28).
// Qualifiers do not widen the span: "1845~" covers 1845.
// Not supported: exponential and significant-digit years (Y17E7, 1950S2).
// Returns InvalidArgument with a message such as
//   "19 мамыр" is not an EDTF date (use forms like 1916, 1916-05-19, 1920/1930, 1845~, 19XX)
//   "1916-02-30" is not an EDTF date: February 1916 has 29 days
//   "1910s" is not an EDTF date: a decade is written 191X
Result<EdtfDate> parse_edtf(std::string_view text);

}  // namespace mura::record
