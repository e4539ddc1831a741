// Personal-data detection: Kazakh IINs (individual identification numbers: twelve digits whose
// first six are the birth date, the seventh the century and sex, the last a check digit by the
// official two-pass weights), Kazakh phone numbers (+7 / 8 and ten digits starting with 7) and
// e-mail addresses, in a record's metadata values and in extracted text. A record where any is
// found waits for a curator's review (AccessPolicy::review_pending), which closes it meanwhile.
// Plain functions on values; thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "record/record.h"

namespace mura::access {

enum class PersonalDataKind { kIin, kPhone, kEmail };
std::string_view personal_data_kind_name(PersonalDataKind kind);  // "iin", "phone", "email"

struct PersonalDataFinding {
  PersonalDataKind kind = PersonalDataKind::kIin;
  // Where: a field name, or "text" for extracted text.
  std::string field;
  // Normalised: an IIN's 12 digits, a phone as "+7" and 10 digits, an e-mail in lower case.
  std::string value;
  // The value with its middle hidden ("87••••••••15", "+7 701 ••• •• 67", "a•••@mail.kz"), for
  // screens and logs that need to say what was found without repeating it.
  std::string masked() const;
  friend bool operator==(const PersonalDataFinding&, const PersonalDataFinding&) = default;
};

// True for twelve ASCII digits that form a valid IIN: YYMMDD a real date in the century that the
// seventh digit names (1-2: 1800s, 3-4: 1900s, 5-6: 2000s; odd men, even women), and the twelfth
// digit the check digit — the sum of the first eleven digits weighted 1..11 modulo 11, or, when
// that is 10, weighted 3..11,1,2 modulo 11; a second result of 10 is never issued.
bool is_valid_iin(std::string_view digits);

// Everything found in one text, in order of appearance; `field` is copied into each finding.
// IINs and phone numbers stand apart from other digits; an e-mail address needs a dotted domain
// with a top-level part of two or more letters.
std::vector<PersonalDataFinding> find_personal_data(std::string_view text,
                                                    std::string_view field = "");

// Everything found in the record's field values and in `extracted_text` (OCR, PDF text), each
// distinct (kind, field, value) once.
std::vector<PersonalDataFinding> detect_personal_data(const record::Record& record,
                                                      std::string_view extracted_text = {});

// The version message that marks a commit as a curator's review: it may clear review_pending
// (service::review_personal_data writes it).
inline constexpr std::string_view kReviewMessagePrefix = "personal-data review: ";

// Screens `next`, about to be stored, against `previous` (its head, or nullptr for a new
// record): when `next` holds personal data that `previous` did not, it is flagged
// (review_pending). A flag of `previous` carries over unless `message` starts with
// kReviewMessagePrefix — only a review clears it. Returns the new findings.
std::vector<PersonalDataFinding> screen_personal_data(const record::Record* previous,
                                                      record::Record& next,
                                                      std::string_view message);

}  // namespace mura::access
