// A bill's history as the register's acts tell it: every act about the bill in ledger order
// (readings with their votes, amendments, adoption, sending, return, override, signature), and
// the versions of its text — one at its introduction, one per reading held, one at its outcome
// (signed, rejected, lapsed) — each with the text in every language as it stood then. This is
// what publishing (service/kurultai_publish.h) and the API show. Pure functions over lawful acts
// (acts a Register accepted); value types.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "kurultai/acts.h"
#include "kurultai/rules.h"

namespace mura::kurultai {

// Texts by BCP 47 language tag: {"kk": "...", "ru": "..."}.
using LanguageTexts = std::map<std::string, std::string>;

// One act about the bill.
struct BillStep {
  std::size_t position = 0;  // 1-based ledger position of the act
  Date date;
  ActType type = ActType::kBillIntroduced;
  std::string label;         // "reading 2 (amendments)", "amendment A-1 adopted", "signed"
  std::int64_t reading = 0;  // reading_held: 1..n
  std::string result;        // "passed" / "failed" where the act records one
  std::optional<Vote> vote;
  std::string amendment;  // amendment_tabled / amendment_adopted
  LanguageTexts text;     // the text the act gives (bill_introduced, reading_held)
};

// One version of the bill's record.
struct BillVersion {
  std::size_t position = 0;  // the act that makes it
  Date date;
  // "introduced", "reading_1", "reading_2", ..., "signed", "rejected", "lapsed".
  std::string stage;
  std::string label;   // "reading 2 (amendments), passed"
  LanguageTexts text;  // the text as it stood at this step (the latest one given)
};

struct BillHistory {
  std::string id;
  std::string title;
  LanguageTexts titles;   // the act's "titles" by language; may be empty (then `title`)
  std::string initiator;  // president, deputy, government, peoples_council
  std::string sponsor;
  std::string kind = "ordinary";  // or "constitutional"
  std::vector<BillStep> steps;
  std::vector<BillVersion> versions;
  std::optional<Date> adopted_on;
  std::optional<Date> signed_on;
  std::string number;              // the law's number, when law_signed gives one
  std::optional<Date> in_force;    // when law_signed gives it
  std::vector<std::string> amendments_adopted;
};

// The history of `bill` in `acts` (the first `upto` acts, all when 0). NotFound when no act
// introduces it. `constitution` names the readings ("concept", "amendments", "final").
Result<BillHistory> bill_history(const Constitution& constitution, const std::vector<Act>& acts,
                                 std::string_view bill, std::size_t upto = 0);

// The bill an act is about ("" for acts about no bill).
std::string bill_of(const Act& act);

}  // namespace mura::kurultai
