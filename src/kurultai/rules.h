// The Constitution as data: dated versions of the rules (data/constitution.toml), each setting
// with the article it comes from and how sure it is. Every act is judged by the version in
// force on its date (Constitution::version_at). Immutable after loading; thread-compatible.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "base/result.h"
#include "kurultai/date.h"
#include "kurultai/rational.h"

namespace mura::kurultai {

// C: confirmed by reports of the adopted text; P: proposed, probably in the text; S: a default.
enum class Confidence { kConfirmed, kProposed, kDefault };
std::string_view confidence_letter(Confidence confidence);  // "C", "P", "S"

// Where a setting comes from: its key, the article, the confidence, the file line.
struct Citation {
  std::string version_id;  // "2026"
  std::string key;         // "chamber.max_committees"
  std::string article;     // "Art. 56(1)"
  Confidence confidence = Confidence::kDefault;
  std::string note;
  int line = 0;

  // "chamber.max_committees (Constitution 2026, Art. 56(1) [C])".
  std::string to_string() const;
};

using SettingValue =
    std::variant<bool, std::int64_t, std::string, std::vector<std::string>, Majority, Rational>;

struct Setting {
  SettingValue value;
  Citation citation;
};

// How an office is filled.
enum class Appointment {
  kPopularElection,  // the President: elected by the people
  kConsent,          // appointed by the President with the consent of the chamber
  kChamberElection,  // elected by the chamber (its Chair; judges on the President's proposal)
  kPresident,        // appointed by the President alone (or by a body not modelled)
};
std::string_view appointment_name(Appointment appointment);

struct Office {
  std::string id;          // "vice_president"
  std::string name;        // "Vice President"
  std::int64_t seats = 1;  // 0: no fixed number
  Appointment appointment = Appointment::kConsent;
  std::vector<std::string> incompatible;  // "deputy", "party_member", "other_paid_post", "business"
  Citation citation;
};

// One dated version of the Constitution.
class Version {
 public:
  const std::string& id() const { return id_; }
  const std::string& title() const { return title_; }
  Date in_force() const { return in_force_; }

  bool has(std::string_view key) const { return settings_.find(key) != settings_.end(); }
  // Typed values. REQUIRES: the key is in the schema with that type and present in this version
  // (required keys always are; check has() for optional ones).
  bool flag(std::string_view key) const;
  std::int64_t integer(std::string_view key) const;
  const std::string& text(std::string_view key) const;
  const std::vector<std::string>& list(std::string_view key) const;
  const Majority& majority(std::string_view key) const;
  const Rational& rational(std::string_view key) const;
  const Citation& cite(std::string_view key) const;
  // The value as written in messages: "8", "more than 1/2", "[concept, amendments, final]".
  std::string value_text(std::string_view key) const;
  // Whether `item` is in the list setting `key` (false when the optional key is absent).
  bool list_contains(std::string_view key, std::string_view item) const;

  // Nullptr when this version has no such office.
  const Office* office(std::string_view id) const;
  const std::map<std::string, Office, std::less<>>& offices() const { return offices_; }
  const std::map<std::string, Setting, std::less<>>& settings() const { return settings_; }

  // The number of deputies a majority setting requires of all deputies (chamber.seats).
  std::int64_t required_votes(std::string_view majority_key) const;

 private:
  friend class RulesLoader;
  const Setting& setting(std::string_view key) const;

  std::string id_;
  std::string title_;
  Date in_force_;
  std::map<std::string, Setting, std::less<>> settings_;
  std::map<std::string, Office, std::less<>> offices_;
};

class Constitution {
 public:
  // Parses and validates a rules file. InvalidArgument naming the source, the line and the key
  // of the first problem: a TOML syntax error, a missing or unknown key, a value of the wrong
  // type, a confidence other than C/P/S, inconsistent settings, versions out of date order.
  static Result<Constitution> parse(std::string_view toml_text, std::string_view source_name);
  // Reads the file at `path` and parses it (NotFound when it is missing).
  static Result<Constitution> load_file(const std::string& path);

  // The version in force on `date`: the last one whose in_force <= date. FailedPrecondition
  // when the date precedes every version.
  Result<const Version*> version_at(Date date) const;
  // Nullptr when no version has that id.
  const Version* version(std::string_view id) const;
  const std::vector<Version>& versions() const { return versions_; }

 private:
  friend class RulesLoader;
  std::vector<Version> versions_;
};

// The rules file to use when none is named: $MURA_CONSTITUTION, else constitution.toml in
// $MURA_DATA_DIR, else data/constitution.toml of the source tree this build was made from.
std::string default_rules_path();

// The setting keys the engine reads (the schema in rules.cc lists their types).
namespace keys {
inline constexpr std::string_view kChamberName = "chamber.name";
inline constexpr std::string_view kBicameral = "chamber.bicameral";
inline constexpr std::string_view kSeats = "chamber.seats";
inline constexpr std::string_view kListSeats = "chamber.list_seats";
inline constexpr std::string_view kTermYears = "chamber.term_years";
inline constexpr std::string_view kMaxDeputyChairs = "chamber.max_deputy_chairs";
inline constexpr std::string_view kMaxCommittees = "chamber.max_committees";
inline constexpr std::string_view kMandateLossGrounds = "chamber.mandate_loss_grounds";
inline constexpr std::string_view kEndsPreviousParliament = "chamber.ends_previous_parliament";
inline constexpr std::string_view kThresholdPercent = "elections.threshold_percent";
inline constexpr std::string_view kThresholdBase = "elections.threshold_base";
inline constexpr std::string_view kMethod = "elections.method";
inline constexpr std::string_view kCandidateQuota = "elections.candidate_quota_percent";
inline constexpr std::string_view kLawMajority = "majorities.law";
inline constexpr std::string_view kConstitutionalLawMajority = "majorities.constitutional_law";
inline constexpr std::string_view kRejectionMajority = "majorities.rejection";
inline constexpr std::string_view kOverrideMajority = "majorities.override";
inline constexpr std::string_view kChairElectionMajority = "majorities.chair_election";
inline constexpr std::string_view kConsentMajority = "majorities.consent";
inline constexpr std::string_view kQuorum = "majorities.quorum";
inline constexpr std::string_view kOneFifth = "majorities.one_fifth";
inline constexpr std::string_view kInitiators = "legislation.initiators";
inline constexpr std::string_view kReadings = "legislation.readings";
inline constexpr std::string_view kAmendmentsReading = "legislation.amendments_reading";
inline constexpr std::string_view kSenateApproval = "legislation.senate_approval";
inline constexpr std::string_view kSendDays = "legislation.send_to_president_days";
inline constexpr std::string_view kSignDays = "legislation.president_sign_days";
inline constexpr std::string_view kPriorityMonths = "legislation.priority_months";
inline constexpr std::string_view kPresidentTermYears = "president.term_years";
inline constexpr std::string_view kPresidentMaxTerms = "president.max_terms";
inline constexpr std::string_view kSuccession = "president.succession";
inline constexpr std::string_view kElectionCallDays = "president.election_call_days";
inline constexpr std::string_view kElectionHeldMonths = "president.election_held_months";
inline constexpr std::string_view kDissolutionRefusals = "president.dissolution_after_refusals";
inline constexpr std::string_view kCouncilMembers = "peoples_council.members";
inline constexpr std::string_view kCouncilBlocks = "peoples_council.blocks";
inline constexpr std::string_view kCouncilBlockSize = "peoples_council.block_size";
inline constexpr std::string_view kCouncilSessions = "peoples_council.min_sessions_per_year";
inline constexpr std::string_view kReferendumTurnout = "referendum.turnout";
inline constexpr std::string_view kReferendumAdoption = "referendum.adoption";
}  // namespace keys

}  // namespace mura::kurultai
