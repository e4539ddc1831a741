#include "access/personal_data.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace mura::access {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

TEST(IinTest, ValidAndInvalidNumbers) {
  struct Case {
    const char* digits;
    bool valid;
    const char* why;
  } cases[] = {
      {"870412300416", true, "1987-04-12, a man born in the 1900s"},
      {"951231401239", true, "1995-12-31, a woman born in the 1900s"},
      {"000229500018", true, "2000-02-29: 2000 is a leap year"},
      {"200229500079", true, "2020-02-29"},
      {"180101100001", true, "1818-01-01: the 1800s"},
      {"020606600017", true, "2002-06-06, a woman born in the 2000s"},
      {"900101300811", true, "first pass gives 10, second pass 1"},
      {"900101300823", true, "first pass gives 10, second pass 3"},
      {"870412300415", false, "wrong check digit"},
      {"870412300417", false, "wrong check digit"},
      {"900101300810", false, "first pass 10 is not a check digit"},
      {"900101301610", false, "both passes give 10: never issued"},
      {"900101301611", false, "both passes give 10: never issued"},
      {"000229300015", false, "1900-02-29: 1900 is not a leap year"},
      {"000229100012", false, "1800-02-29"},
      {"871312300416", false, "month 13"},
      {"870012300416", false, "month 00"},
      {"870400300416", false, "day 00"},
      {"870431300416", false, "April 31"},
      {"870412000416", false, "century digit 0"},
      {"870412700416", false, "century digit 7"},
      {"870412900416", false, "century digit 9"},
      {"87041230041", false, "eleven digits"},
      {"8704123004160", false, "thirteen digits"},
      {"87041230041a", false, "a letter"},
      {"", false, "empty"},
      {"８７０４１２３００４１６", false, "full-width digits are not ASCII"},
  };
  for (const auto& test : cases) {
    SCOPED_TRACE(std::string(test.digits) + ": " + test.why);
    EXPECT_EQ(is_valid_iin(test.digits), test.valid);
  }
}

std::vector<std::string> found(std::string_view text) {
  std::vector<std::string> values;
  for (const auto& finding : find_personal_data(text)) {
    values.push_back(std::string(personal_data_kind_name(finding.kind)) + " " + finding.value);
  }
  return values;
}

TEST(FindPersonalDataTest, FindsEachKindInText) {
  struct Case {
    const char* text;
    std::vector<std::string> expected;
  } cases[] = {
      {"ИИН 870412300416, тел. +7 701 123 45 67", {"iin 870412300416", "phone +77011234567"}},
      {"ЖСН:951231401239.", {"iin 951231401239"}},
      {"8 (727) 123-45-67", {"phone +77271234567"}},
      {"+77011234567", {"phone +77011234567"}},
      {"87011234567 немесе 8-701-123-45-67", {"phone +77011234567", "phone +77011234567"}},
      {"call +7 (7172) 55-66-77", {}},  // four digits in parentheses: not the form we read
      {"+7 (717) 255-66-77", {"phone +77172556677"}},
      {"Russian +7 912 345 67 89", {}},
      {"write to Ana.Bek@Mail.KZ or info@mura.kz.",
       {"email ana.bek@mail.kz", "email info@mura.kz"}},
      {"x@y", {}},
      {"@mura.kz", {}},
      {"a@b.c", {}},
      {"user@host.k2", {}},
      // Not personal data: other digits and dates.
      {"Ф.1 Оп.2 Д.3, 1916-05-19, 870412300415", {}},
      {"1870412300416", {}},
      {"8704123004160", {}},
      {"№ 8701123456789", {}},
      {"inventory KP-87011234567", {}},
      {"1987-1990", {}},
      {"", {}},
  };
  for (const auto& test : cases) {
    SCOPED_TRACE(test.text);
    EXPECT_EQ(found(test.text), test.expected);
  }
}

TEST(FindPersonalDataTest, MasksWhatItFound) {
  const auto findings =
      find_personal_data("870412300416 +7 701 123 45 67 ana.bek@mail.kz", "description");
  ASSERT_EQ(findings.size(), 3u);
  EXPECT_EQ(findings[0].field, "description");
  EXPECT_EQ(findings[0].masked(), "87••••••••16");
  EXPECT_EQ(findings[1].masked(), "+7 701 ••• •• 67");
  EXPECT_EQ(findings[2].masked(), "a•••@mail.kz");
}

record::Record record_with(std::string description) {
  record::Record record;
  record.id = "ark:/99999/mx";
  record.fields["title"] = {{"kk", "Хат"}};
  record.fields["description"] = {{"kk", std::move(description)}, {"ru", "ИИН 870412300416"}};
  return record;
}

TEST(DetectPersonalDataTest, LooksAtEveryFieldAndTheExtractedText) {
  const auto findings = detect_personal_data(record_with("ЖСН 870412300416"), "scan: a@b.kz");
  ASSERT_EQ(findings.size(), 2u) << "the same IIN twice in a field counts once";
  EXPECT_EQ(findings[0].field, "description");
  EXPECT_EQ(findings[1].field, "text");
  EXPECT_EQ(findings[1].kind, PersonalDataKind::kEmail);
  EXPECT_THAT(detect_personal_data(record::Record{}), IsEmpty());
}

TEST(ScreenPersonalDataTest, NewFindingsFlagAndOnlyAReviewClears) {
  // A new record with personal data is flagged.
  auto created = record_with("");
  EXPECT_EQ(screen_personal_data(nullptr, created, "created").size(), 1u);
  EXPECT_TRUE(created.access.review_pending);

  // An edit keeps the flag, even when the writer sent it cleared.
  auto edited = created;
  edited.fields["title"] = {{"kk", "Абай хаты"}};
  edited.access.review_pending = false;
  EXPECT_THAT(screen_personal_data(&created, edited, "title"), IsEmpty());
  EXPECT_TRUE(edited.access.review_pending);

  // A review clears it; the same data does not flag again afterwards.
  auto reviewed = edited;
  reviewed.access.review_pending = false;
  reviewed.access.personal_data = true;
  std::string message(kReviewMessagePrefix);
  EXPECT_THAT(screen_personal_data(&edited, reviewed, message + "restrict"), IsEmpty());
  EXPECT_FALSE(reviewed.access.review_pending);
  auto later = reviewed;
  later.fields["title"] = {{"kk", "Хат, 1916"}};
  EXPECT_THAT(screen_personal_data(&reviewed, later, "title"), IsEmpty());
  EXPECT_FALSE(later.access.review_pending);

  // New personal data flags again.
  auto added = later;
  added.fields["description"][0].value = "тел. 8 701 123 45 67";
  const auto fresh = screen_personal_data(&later, added, "phone");
  ASSERT_EQ(fresh.size(), 1u);
  EXPECT_EQ(fresh[0].kind, PersonalDataKind::kPhone);
  EXPECT_TRUE(added.access.review_pending);

  // Nothing found, nothing flagged; a tombstone keeps what it had.
  record::Record plain;
  plain.fields["title"] = {{"kk", "Хат"}};
  EXPECT_THAT(screen_personal_data(nullptr, plain, ""), IsEmpty());
  EXPECT_FALSE(plain.access.review_pending);
  auto tombstone = added;
  tombstone.deleted = true;
  tombstone.access.review_pending = false;
  EXPECT_THAT(screen_personal_data(&added, tombstone, "withdrawn"), IsEmpty());
  EXPECT_TRUE(tombstone.access.review_pending);
}

}  // namespace
}  // namespace mura::access
