// State: what the register says at a date, derived by replaying its acts (engine.h): the
// chamber's composition, offices and who acts in them, committees, every bill's stage, the
// People's Council, referendums and the deadlines open or missed. Every derived fact keeps the
// Trace of acts and rules that produced it (explain.h). Plain value types.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "kurultai/allocation.h"
#include "kurultai/date.h"
#include "kurultai/rules.h"

namespace mura::kurultai {

// One step of an explanation: an act of the register (position > 0) or a rule applied.
struct TraceStep {
  std::size_t position = 0;  // 1-based ledger position of the act; 0 for a consequence
  Date date;
  std::string text;  // what happened
  std::string rule;  // the citation of the rule applied, when one was
};
using Trace = std::vector<TraceStep>;

struct Deputy {
  std::string person;
  std::string party;     // the list the deputy was elected on; empty for a district seat
  std::string district;  // single-member district; empty for a list seat
  Date seated;
  Trace trace;
};

struct FormerDeputy {
  Deputy deputy;
  Date unseated;
  std::string ground;  // one of chamber.mandate_loss_grounds, or "term_ended"
};

// The chamber elected by one certified election.
struct Convocation {
  std::string chamber;  // "Kurultai"
  std::string version_id;
  Date certified;
  std::map<std::string, std::int64_t> seats_won;  // by party
  std::map<std::string, std::string> colours;     // by party, "#rrggbb", as certified
  Allocation allocation;
  Trace trace;
};

struct Committee {
  std::string id;
  std::string name;
  std::vector<std::string> members;
};

struct Holding {
  std::string person;
  Date since;
  Trace trace;
};

struct OfficeState {
  std::vector<Holding> holders;
  std::optional<Date> vacant_since;  // set when the office was vacated and not filled since
  Trace vacancy_trace;
  std::map<std::string, Trace> proposals;  // candidates awaiting the chamber's consent
  std::int64_t refusals = 0;               // consecutive refusals of consent
  Trace refusals_trace;
};

enum class BillStage {
  kIntroduced,
  kInReadings,     // passed readings_passed readings, more to come
  kReadingFailed,  // the last vote on reading failed_reading failed
  kReadingsDone,   // the final reading passed
  kSenateApproved,
  kAdopted,
  kRejected,  // returned to its initiator
  kSent,      // to the President for signature
  kSigned,    // a law
  kReturned,  // by the President, with objections
  kOverridden,
  kLapsed,  // the override failed
};
std::string_view bill_stage_name(BillStage stage);

struct Amendment {
  std::string id;
  std::string text;
  std::string by;
  Date tabled;
  bool adopted = false;
};

struct Bill {
  std::string id;
  std::string title;
  std::string initiator;  // president, deputy, government, peoples_council
  std::string sponsor;
  std::string kind;  // ordinary, constitutional
  Date introduced;
  BillStage stage = BillStage::kIntroduced;
  std::int64_t readings_passed = 0;
  std::int64_t failed_reading = 0;
  std::vector<Amendment> amendments;
  std::optional<Date> priority_since;
  std::optional<Date> adopted_on;
  Trace trace;
};

struct CouncilMember {
  std::string person;
  std::string block;
  Date appointed;
  Trace trace;
};

struct Referendum {
  std::string question;
  Date held;
  bool valid = false;
  bool adopted = false;
  std::string explanation;
  Trace trace;
};

enum class DeadlineStatus { kOpen, kMet, kMissed };
std::string_view deadline_status_name(DeadlineStatus status);

struct Deadline {
  std::string id;           // "send:B-1", "election_call:president:2026-09-01"
  std::string description;  // "send law B-1 to the President"
  Date from;
  Date due;  // the last day allowed
  std::optional<Date> met_on;
  std::string rule;  // citation
  Trace trace;
  // Evaluated at `as_of`: met (on time), missed (met late, or open past its due day), or open.
  DeadlineStatus status(Date as_of) const;
};

// The acting holder of an office that is vacant (the presidency).
struct Acting {
  std::string office;  // "president"
  std::string person;
  std::string by_office;  // the office whose holder acts: "vice_president", "chair", ...
  Trace trace;
};

struct State {
  Date as_of;
  const Version* version = nullptr;
  std::size_t acts = 0;  // acts applied
  std::optional<Convocation> convocation;
  std::map<std::string, Deputy> deputies;  // seated, by person
  std::vector<FormerDeputy> former_deputies;
  std::map<std::string, std::string> party_of;  // known party memberships, by person
  std::vector<std::string> deputy_chairs;
  Trace deputy_chairs_trace;
  std::vector<Committee> committees;
  Trace committees_trace;
  std::map<std::string, OfficeState> offices;
  std::map<std::string, std::int64_t> presidential_terms;  // elections won, by person
  bool president_may_dissolve = false;
  Trace dissolution_trace;
  std::map<std::string, Bill> bills;
  std::map<std::string, CouncilMember> council;
  std::vector<Referendum> referendums;
  std::vector<Deadline> deadlines;

  // The holder of a one-seat office, if any.
  const Holding* holder(std::string_view office) const;
  std::int64_t seated_of_party(std::string_view party) const;
  // Who acts as President while the office is vacant: the first office of president.succession
  // that has a holder. Nullopt when the presidency is held or no successor is in office.
  std::optional<Acting> acting_president() const;
  std::vector<const Deadline*> missed_deadlines() const;
};

}  // namespace mura::kurultai
