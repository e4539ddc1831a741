#include "record/edtf.h"

#include "base/testing/status_matchers.h"

namespace mura::record {
namespace {

using ::mura::testing::StatusIs;
using ::testing::HasSubstr;

constexpr int kOpenStart = kEdtfOpenStart;
constexpr int kOpenEnd = kEdtfOpenEnd;

struct ValidCase {
  std::string_view input;
  std::string_view text;
  int start_year;
  int end_year;
  std::string_view start_day;
  std::string_view end_day;
  bool approximate = false;
  bool uncertain = false;
};

TEST(ParseEdtfTest, ValidDates) {
  const ValidCase cases[] = {
      // Level 0.
      {"1916", "1916", 1916, 1916, "1916-01-01", "1916-12-31"},
      {"1916-05", "1916-05", 1916, 1916, "1916-05-01", "1916-05-31"},
      {"1916-02", "1916-02", 1916, 1916, "1916-02-01", "1916-02-29"},
      {"1916-05-19", "1916-05-19", 1916, 1916, "1916-05-19", "1916-05-19"},
      {"0000", "0000", 0, 0, "0000-01-01", "0000-12-31"},
      {"2000-02-29", "2000-02-29", 2000, 2000, "2000-02-29", "2000-02-29"},
      {"1916-05-19T10:00:00Z", "1916-05-19T10:00:00Z", 1916, 1916, "1916-05-19", "1916-05-19"},
      {"2004-01-01t23:59:59z", "2004-01-01T23:59:59Z", 2004, 2004, "2004-01-01", "2004-01-01"},
      {"2004-01-01T10:10:10+06:00", "2004-01-01T10:10:10+06:00", 2004, 2004, "2004-01-01",
       "2004-01-01"},
      {"2004-01-01T10:10:10-05", "2004-01-01T10:10:10-05", 2004, 2004, "2004-01-01", "2004-01-01"},
      {"2004-01-01T10:10:10", "2004-01-01T10:10:10", 2004, 2004, "2004-01-01", "2004-01-01"},
      {"1920/1930", "1920/1930", 1920, 1930, "1920-01-01", "1930-12-31"},
      {"2004-06-11/2004-06", "2004-06-11/2004-06", 2004, 2004, "2004-06-11", "2004-06-30"},
      {"  1916\n", "1916", 1916, 1916, "1916-01-01", "1916-12-31"},
      // Level 1: open and unknown interval ends.
      {"1920-05/..", "1920-05/..", 1920, kOpenEnd, "1920-05-01", ""},
      {"../1930", "../1930", kOpenStart, 1930, "", "1930-12-31"},
      {"1920/", "1920/", 1920, kOpenEnd, "1920-01-01", ""},
      {"/1930", "/1930", kOpenStart, 1930, "", "1930-12-31"},
      // Level 1: qualifiers.
      {"1845?", "1845?", 1845, 1845, "1845-01-01", "1845-12-31", false, true},
      {"1845~", "1845~", 1845, 1845, "1845-01-01", "1845-12-31", true, false},
      {"1845%", "1845%", 1845, 1845, "1845-01-01", "1845-12-31", true, true},
      {"1916-05-19?", "1916-05-19?", 1916, 1916, "1916-05-19", "1916-05-19", false, true},
      {"1984~/2004-06", "1984~/2004-06", 1984, 2004, "1984-01-01", "2004-06-30", true, false},
      // Level 1: unspecified digits.
      {"19XX", "19XX", 1900, 1999, "1900-01-01", "1999-12-31"},
      {"19xx", "19XX", 1900, 1999, "1900-01-01", "1999-12-31"},
      {"196X", "196X", 1960, 1969, "1960-01-01", "1969-12-31"},
      {"191X", "191X", 1910, 1919, "1910-01-01", "1919-12-31"},
      {"1916-XX", "1916-XX", 1916, 1916, "1916-01-01", "1916-12-31"},
      {"1916-XX-XX", "1916-XX-XX", 1916, 1916, "1916-01-01", "1916-12-31"},
      {"1985-04-XX", "1985-04-XX", 1985, 1985, "1985-04-01", "1985-04-30"},
      {"19XX?", "19XX?", 1900, 1999, "1900-01-01", "1999-12-31", false, true},
      // Level 1: long and negative years.
      {"Y-20000", "Y-20000", -20000, -20000, "-20000-01-01", "-20000-12-31"},
      {"y170000002", "Y170000002", 170000002, 170000002, "+170000002-01-01", "+170000002-12-31"},
      {"-0500", "-0500", -500, -500, "-0500-01-01", "-0500-12-31"},
      {"-0400-02-29", "-0400-02-29", -400, -400, "-0400-02-29", "-0400-02-29"},
      {"-0500/-0400", "-0500/-0400", -500, -400, "-0500-01-01", "-0400-12-31"},
      // Level 1: seasons; level 2: hemisphere seasons, quarters, quadrimesters, semesters.
      {"2001-21", "2001-21", 2001, 2001, "2001-01-01", "2001-12-31"},
      {"2001-24", "2001-24", 2001, 2001, "2001-01-01", "2001-12-31"},
      {"2001-25", "2001-25", 2001, 2001, "2001-03-01", "2001-05-31"},
      {"2001-28", "2001-28", 2001, 2002, "2001-12-01", "2002-02-28"},
      {"2003-30", "2003-30", 2003, 2004, "2003-12-01", "2004-02-29"},
      {"2001-33", "2001-33", 2001, 2001, "2001-01-01", "2001-03-31"},
      {"2001-38", "2001-38", 2001, 2001, "2001-05-01", "2001-08-31"},
      {"2001-41", "2001-41", 2001, 2001, "2001-07-01", "2001-12-31"},
      {"2001-21~", "2001-21~", 2001, 2001, "2001-01-01", "2001-12-31", true, false},
      // Level 2: qualified components and unspecified digits anywhere.
      {"2004-06~-11", "2004-06~-11", 2004, 2004, "2004-06-11", "2004-06-11", true, false},
      {"?2004-06-~11", "?2004-06-~11", 2004, 2004, "2004-06-11", "2004-06-11", true, true},
      {"156X-12-25", "156X-12-25", 1560, 1569, "1560-12-25", "1569-12-25"},
      {"XXXX-12-XX", "XXXX-12-XX", 0, 9999, "0000-12-01", "9999-12-31"},
      {"1984-1X", "1984-1X", 1984, 1984, "1984-10-01", "1984-12-31"},
      {"1XXX-XX", "1XXX-XX", 1000, 1999, "1000-01-01", "1999-12-31"},
      {"-1XXX", "-1XXX", -1999, -1000, "-1999-01-01", "-1000-12-31"},
      {"1916-XX-31", "1916-XX-31", 1916, 1916, "1916-01-31", "1916-12-31"},
      {"XXXX-02-29", "XXXX-02-29", 0, 9996, "0000-02-29", "9996-02-29"},
      // Level 2: sets.
      {"[1667,1668,1670..1672]", "[1667,1668,1670..1672]", 1667, 1672, "1667-01-01", "1672-12-31"},
      {"[..1760-12-03]", "[..1760-12-03]", kOpenStart, 1760, "", "1760-12-03"},
      {"[1760-01,1760-02,1760-12..]", "[1760-01,1760-02,1760-12..]", 1760, kOpenEnd, "1760-01-01",
       ""},
      {"{1960,1961-12}", "{1960,1961-12}", 1960, 1961, "1960-01-01", "1961-12-31"},
      {"{1960, 1961}", "{1960,1961}", 1960, 1961, "1960-01-01", "1961-12-31"},
      {"[1670..1672,1667]", "[1670..1672,1667]", 1667, 1672, "1667-01-01", "1672-12-31"},
      {"[1667?,1668]", "[1667?,1668]", 1667, 1668, "1667-01-01", "1668-12-31", false, true},
  };
  for (const ValidCase& c : cases) {
    auto result = parse_edtf(c.input);
    ASSERT_TRUE(result.has_value()) << c.input << ": " << result.error().to_string();
    const EdtfDate& date = *result;
    EXPECT_EQ(date.text, c.text) << c.input;
    EXPECT_EQ(date.start_year, c.start_year) << c.input;
    EXPECT_EQ(date.end_year, c.end_year) << c.input;
    EXPECT_EQ(date.start_day, c.start_day) << c.input;
    EXPECT_EQ(date.end_day, c.end_day) << c.input;
    EXPECT_EQ(date.approximate, c.approximate) << c.input;
    EXPECT_EQ(date.uncertain, c.uncertain) << c.input;
  }
}

TEST(ParseEdtfTest, CanonicalTextParsesToTheSameDate) {
  for (std::string_view input : {"19xx", "{1960, 1961}", "y-20000", "2004-01-01t10:10:10z"}) {
    ASSERT_OK_AND_ASSIGN(EdtfDate first, parse_edtf(input));
    ASSERT_OK_AND_ASSIGN(EdtfDate second, parse_edtf(first.text));
    EXPECT_EQ(first, second) << input;
  }
}

TEST(ParseEdtfTest, GenericMessageListsTheForms) {
  EXPECT_THAT(parse_edtf("19 мамыр"),
              StatusIs(StatusCode::kInvalidArgument,
                       "\"19 мамыр\" is not an EDTF date (use forms like 1916, 1916-05-19, "
                       "1920/1930, 1845~, 19XX)"));
}

TEST(ParseEdtfTest, BadInput) {
  struct Case {
    std::string_view input;
    std::string_view message_part;
  };
  const Case cases[] = {
      {"", "the date is empty"},
      {"   ", "the date is empty"},
      {"May 1916", "use forms like"},
      {"1916-5-19", "use forms like"},
      {"16-05-19", "use forms like"},
      {"191", "use forms like"},
      {"1845??", "use forms like"},
      {"1845~?", "use forms like"},
      {"1916-05-19T10:00", "use forms like"},
      {"1916-05-19 10:00:00", "use forms like"},
      {"1950S2", "use forms like"},
      // Hints for common ways of writing dates that are not EDTF.
      {"1910s", "a decade is written 191X"},
      {"1910's", "a decade is written 191X"},
      {"1800s", "a decade is written 180X (a century 18XX)"},
      {"19th century", "a century is written 18XX"},
      {"1st c.", "a century is written 00XX"},
      {"c. 1845", "written with '~' after it: 1845~"},
      {"ca.1845", "1845~"},
      {"circa 1845-05", "1845-05~"},
      {"19.05.1916", "write the year first: 1916-05-19"},
      {"19/05/1916", "write the year first: 1916-05-19"},
      {"05/19/1916", "write the year first: 1916-05-19"},
      {"1.2.1916", "write the year first: 1916-02-01"},
      // The calendar.
      {"1916-13", "month 13 is not 01-12 (or a season 21-41)"},
      {"1916-00", "month 00 is not 01-12"},
      {"1916-2X", "month 2X is not 01-12"},
      {"2001-42", "month 42 is not 01-12"},
      {"2001-20", "month 20 is not 01-12"},
      {"1916-05-32", "day 32 is not 01-31"},
      {"1916-05-00", "day 00 is not 01-31"},
      {"1916-05-4X", "day 4X is not 01-31"},
      {"1916-02-30", "February 1916 has 29 days"},
      {"1900-02-29", "1900 is not a leap year, so February 1900 has 28 days"},
      {"1916-04-31", "April 1916 has 30 days"},
      {"XXX9-02-29", "no day of month 02 can be 29"},
      {"2001-21-05", "a season (21) has no day"},
      {"-0000", "year -0000 does not exist"},
      {"-0500-02-29", "-500 is not a leap year"},  // astronomical year -500 is 501 BCE
      // Times.
      {"1916-05-19T24:00:00Z", "hour 24 is not 00-23"},
      {"1916-05-19T10:60:00Z", "minute 60 is not 00-59"},
      {"1916-05-19T10:00:60Z", "second 60 is not 00-59"},
      {"1916-05-19T10:00:00+15:00", "time zone hour 15"},
      {"1916-05T10:00:00", "complete, unqualified day"},
      {"1916-05-XXT10:00:00", "complete, unqualified day"},
      {"1916-05-19~T10:00:00", "complete, unqualified day"},
      // Long years.
      {"Y2000", "more than 4 digits"},
      {"Y020000", "no leading zero"},
      {"20000", "written with a 'Y' prefix"},
      {"Y20000-05", "stands alone"},
      {"Y17E7", "exponential"},
      {"Y1234567890", "more than 9 digits"},
      // Intervals.
      {"1930/1920", "the interval starts (1930) after it ends (1920)"},
      {"1916-05-19/1916-05-18", "after it ends"},
      {"1920/1930/1940", "exactly one '/'"},
      {"1916/05/19", "exactly one '/'"},
      {"/", "at least one side"},
      {"../..", "at least one side"},
      {"../", "at least one side"},
      {"1920/1930-05-19T10:00:00", "not allowed in an interval"},
      {"1920/193", "use forms like"},
      {"1920/1930-13", "month 13"},
      // Sets.
      {"[1667,1668", "must end with ']'"},
      {"{1960,1961]", "must end with '}'"},
      {"[", "must end with ']'"},
      {"[]", "empty member"},
      {"[1667,,1668]", "empty member"},
      {"[1672..1670]", "the range 1672..1670 runs backwards"},
      {"[1667,..1668]", "only the first member"},
      {"[1667..,1668]", "only the last member"},
      {"[..]", "use forms like"},
      {"[1667,1916-02-30]", "February 1916 has 29 days"},
  };
  for (const Case& c : cases) {
    EXPECT_THAT(parse_edtf(c.input),
                StatusIs(StatusCode::kInvalidArgument, HasSubstr(c.message_part)))
        << c.input;
  }
}

}  // namespace
}  // namespace mura::record
