// Engine: judges each act of the register against the version of the Constitution in force on
// its date and the state the earlier acts produced, and applies the lawful ones. An act that
// breaks a rule is refused with the rule's key and article. The state at any date is the replay
// of the acts up to that date (derive_state). An Engine is used by one thread at a time; it
// borrows the Constitution, which must outlive it.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "kurultai/acts.h"
#include "kurultai/rules.h"
#include "kurultai/state.h"

namespace mura::kurultai {

// The outcome of a vote of the chamber, judged against a majority of all deputies and the quorum.
struct VoteOutcome {
  bool passed = false;
  bool quorum_met = false;
  std::int64_t required = 0;  // yes votes needed
  std::int64_t quorum = 0;    // deputies present needed
  std::string explanation;    // "yes 80, no 40, ...: passed"
};

class Engine {
 public:
  explicit Engine(const Constitution& constitution) : constitution_(&constitution) {}

  // Judges `act` and applies it when lawful; it becomes entry state().acts + 1.
  // InvalidArgument: the act is malformed for the state (an unknown bill or deputy, a vote naming
  //   someone who is not a deputy, a date before the previous act's).
  // FailedPrecondition: the act breaks a rule; the message starts "refused by <key> (Constitution
  //   <version>, <article> [C|P|S]): " and says what the rule requires.
  // On error the state is unchanged.
  Status apply(const Act& act);

  // The state as of `date`: the acts applied so far, the version in force on `date` (with the
  // consequences of a change of version) and deadlines judged at `date`. InvalidArgument when
  // `date` precedes the last act applied; FailedPrecondition when no version is in force.
  Result<State> state_at(Date date) const;
  const State& state() const { return state_; }

 private:
  friend struct EngineAccess;

  Status dispatch(const Act& act, const Version& version);
  // Moves `state` to the version in force on `date`, ending what the new version ends.
  Status advance_to(Date date, State& state) const;

  Status on_election_certified(const Act& act, const Version& version);
  Status on_deputy_seated(const Act& act, const Version& version);
  Status on_deputy_unseated(const Act& act, const Version& version);
  Status on_party_left(const Act& act, const Version& version);
  Status on_chair_elected(const Act& act, const Version& version);
  Status on_deputy_chairs_set(const Act& act, const Version& version);
  Status on_committees_set(const Act& act, const Version& version);
  Status on_chamber_dissolved(const Act& act, const Version& version);

  Status on_bill_introduced(const Act& act, const Version& version);
  Status on_bill_priority_declared(const Act& act, const Version& version);
  Status on_reading_held(const Act& act, const Version& version);
  Status on_amendment(const Act& act, const Version& version);
  Status on_senate_approved(const Act& act, const Version& version);
  Status on_bill_adopted(const Act& act, const Version& version);
  Status on_bill_rejected(const Act& act, const Version& version);
  Status on_law_sent(const Act& act, const Version& version);
  Status on_law_signed_or_returned(const Act& act, const Version& version);
  Status on_override_vote(const Act& act, const Version& version);

  Status on_appointment_proposed(const Act& act, const Version& version);
  Status on_appointment_decided(const Act& act, const Version& version);
  Status on_appointment_made(const Act& act, const Version& version);
  Status on_council_member_appointed(const Act& act, const Version& version);
  Status on_office_vacated(const Act& act, const Version& version);
  Status on_acting_holder_assumed(const Act& act, const Version& version);
  Status on_election_called(const Act& act, const Version& version);
  Status on_referendum_held(const Act& act, const Version& version);

  // Helpers shared by the handlers (engine.cc).
  TraceStep step(const Act& act, std::string text, std::string rule = "") const;
  Result<VoteOutcome> judge_vote(const Act& act, const Version& version,
                                 std::string_view majority_key) const;
  // Refuses when the act's "result" ("passed"/"failed") is not what the vote gives.
  Status check_recorded_result(const Act& act, const Version& version,
                               std::string_view majority_key, const VoteOutcome& outcome) const;
  Result<Bill*> find_bill(const Act& act);
  Result<const Deputy*> find_deputy(const Act& act, const std::string& person) const;
  // Removes a deputy's seat (and the posts that depend on it) with `ground`.
  void unseat(const std::string& person, const std::string& ground, Date date, TraceStep why);
  void end_convocation(Date date, const std::string& ground, TraceStep why, State& state) const;
  void open_deadline(Deadline deadline);
  // Marks the open deadline(s) `id` met by `act`, on `on` when given (else the act's date).
  void meet_deadline(const std::string& id, const Act& act, const std::string& how,
                     std::optional<Date> on = std::nullopt);

  const Constitution* constitution_;
  State state_;
  bool started_ = false;
  Date last_date_;
};

// "refused by <citation>: <message>" as a FailedPrecondition.
Error refuse(const Citation& citation, const std::string& message);
Error refuse(const Version& version, std::string_view key, const std::string& message);

// The parts of a refusal, read back from its message ("... refused by chamber.max_committees
// (Constitution 2026, Art. 56(1) [C]): 9 standing committees named; ..."), wherever in the message
// it starts; nullopt when the message is not a refusal.
struct Refusal {
  std::string rule;        // "chamber.max_committees"
  std::string version;     // "2026"
  std::string article;     // "Art. 56(1)"
  std::string confidence;  // "C", "P" or "S"
  std::string reason;      // what the rule requires
};
std::optional<Refusal> parse_refusal(std::string_view message);

// Replays `acts` dated on or before `date` and returns the state at `date`. The first act that
// no longer passes is reported with its 1-based position.
Result<State> derive_state(const Constitution& constitution, const std::vector<Act>& acts,
                           Date date);

}  // namespace mura::kurultai
