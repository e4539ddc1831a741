// Acts: the entries of the register (election certified, bill introduced, reading held, ...),
// each a JSON object with a "type", a "date" (YYYY-MM-DD) and the fields of its type, as
// documented in docs/format/kurultai-acts.md. parse_act checks the shape; whether an act is
// lawful is the engine's business (engine.h). Value types.
#pragma once

#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "kurultai/date.h"

namespace mura::kurultai {

enum class ActType {
  kElectionCertified,
  kDeputySeated,
  kDeputyUnseated,
  kPartyLeft,
  kChairElected,
  kDeputyChairsSet,
  kCommitteesSet,
  kBillIntroduced,
  kBillPriorityDeclared,
  kReadingHeld,
  kAmendmentTabled,
  kAmendmentAdopted,
  kSenateApproved,
  kBillAdopted,
  kBillRejected,
  kLawSent,
  kLawSigned,
  kLawReturned,
  kOverrideVote,
  kAppointmentProposed,
  kAppointmentConsented,
  kAppointmentRefused,
  kAppointmentMade,
  kCouncilMemberAppointed,
  kOfficeVacated,
  kActingHolderAssumed,
  kElectionCalled,
  kReferendumHeld,
  kChamberDissolved,
};

// "election_certified", "reading_held", ...
std::string_view act_type_name(ActType type);
std::optional<ActType> parse_act_type(std::string_view name);
std::vector<ActType> all_act_types();

enum class Choice { kYes, kNo, kAbstain, kAbsent };
std::string_view choice_name(Choice choice);

// A vote of the chamber: a roll call (each deputy's choice; deputies not named are absent) or,
// for a secret ballot, the counts alone.
struct Vote {
  std::map<std::string, Choice> roll_call;  // empty for a secret ballot
  bool secret = false;
  std::int64_t yes = 0;
  std::int64_t no = 0;
  std::int64_t abstain = 0;
  std::int64_t absent = 0;  // a secret ballot's recorded absences; roll calls derive theirs
  std::int64_t present() const { return yes + no + abstain; }
};

struct Act {
  ActType type = ActType::kElectionCertified;
  Date date;
  nlohmann::json body;       // the whole act object (type, date and fields)
  std::optional<Vote> vote;  // parsed "vote" field, when the act has one

  // Field readers for the shape parse_act checked. REQUIRES: the field is required by the
  // act's type (text/integer/date_field) or the caller handles absence (the optional_ forms).
  const std::string& text(std::string_view field) const;
  std::optional<std::string> optional_text(std::string_view field) const;
  std::int64_t integer(std::string_view field) const;
  std::optional<std::int64_t> optional_integer(std::string_view field) const;
  Date date_field(std::string_view field) const;
  std::optional<Date> optional_date(std::string_view field) const;
  bool flag(std::string_view field) const;  // false when absent
  std::vector<std::string> texts(std::string_view field) const;
  // A field of texts by language tag ({"kk": "...", "ru": "..."}); empty when absent.
  std::map<std::string, std::string> language_texts(std::string_view field) const;
  const nlohmann::json& field(std::string_view name) const;  // null when absent
  bool has(std::string_view field) const;

  // "election_certified of 2026-08-20".
  std::string summary() const;
};

// Parses an act object. InvalidArgument naming the field and what it expects: not an object, an
// unknown type, a missing or malformed date, a missing required field, a field of the wrong JSON
// type, an unknown field, a fractional number, a malformed vote.
Result<Act> parse_act(const nlohmann::json& json);
// Parses JSON text holding one act object; `source` names it in messages.
Result<Act> parse_act_text(std::string_view text, std::string_view source);

// Parses a text holding acts: one act object, a JSON array of act objects, or JSON lines (one act
// object per line; blank lines skipped). Entries copied from a ledger keep their "prev_hash" and
// "hash" out of the acts (a ledger sets them again). InvalidArgument naming `source` and the line
// ("acts.jsonl:7: act reading_held: ...") or the item ("acts.json: act 3 of 5: ...").
Result<std::vector<Act>> parse_acts_text(std::string_view text, std::string_view source);

// The canonical form that hashes are taken over: keys sorted, no insignificant whitespace,
// UTF-8 (not \u-escaped). InvalidArgument for invalid UTF-8.
Result<std::string> canonical_json(const nlohmann::json& json);

// How many of `acts` a ledger holding `stored` already has: the length of the run of `acts`, from
// the first, equal to the ledger's own first entries; 0 when the first act is not the ledger's
// first. InvalidArgument when a run is found but breaks off before both lists end (the acts do
// not continue the register). Lets a file of acts be appended again and add only what is new.
Result<std::size_t> acts_already_in(const std::vector<Act>& stored, const std::vector<Act>& acts);

}  // namespace mura::kurultai
