#include "kurultai/acts.h"

#include <algorithm>

namespace mura::kurultai {
namespace {

enum class Kind {
  kText,
  kInteger,
  kDate,
  kFlag,
  kTextList,
  kVote,
  kArray,
  kObject,
  kLanguageTexts
};

struct Field {
  std::string_view name;
  Kind kind;
  bool required = true;
};

struct ActSchema {
  ActType type;
  std::string_view name;
  std::vector<Field> fields;
};

const std::vector<ActSchema>& schemas() {
  using K = Kind;
  static const std::vector<ActSchema> kSchemas = {
      {ActType::kElectionCertified,
       "election_certified",
       {{"election", K::kText},
        {"votes", K::kArray, false},
        {"against_all", K::kInteger, false},
        {"seats", K::kObject, false},
        {"winner", K::kText, false},
        {"held_on", K::kDate, false}}},
      {ActType::kDeputySeated,
       "deputy_seated",
       {{"person", K::kText}, {"party", K::kText, false}, {"district", K::kText, false}}},
      {ActType::kDeputyUnseated, "deputy_unseated", {{"person", K::kText}, {"ground", K::kText}}},
      {ActType::kPartyLeft,
       "party_left",
       {{"person", K::kText}, {"party", K::kText}, {"expelled", K::kFlag, false}}},
      {ActType::kChairElected,
       "chair_elected",
       {{"person", K::kText}, {"vote", K::kVote}, {"result", K::kText}}},
      {ActType::kDeputyChairsSet, "deputy_chairs_set", {{"persons", K::kTextList}}},
      {ActType::kCommitteesSet, "committees_set", {{"committees", K::kArray}}},
      {ActType::kBillIntroduced,
       "bill_introduced",
       {{"bill", K::kText},
        {"title", K::kText},
        {"initiator", K::kText},
        {"kind", K::kText, false},
        {"sponsor", K::kText, false},
        {"titles", K::kLanguageTexts, false},
        {"text", K::kLanguageTexts, false}}},
      {ActType::kBillPriorityDeclared, "bill_priority_declared", {{"bill", K::kText}}},
      {ActType::kReadingHeld,
       "reading_held",
       {{"bill", K::kText},
        {"reading", K::kInteger},
        {"vote", K::kVote},
        {"result", K::kText},
        {"text", K::kLanguageTexts, false}}},
      {ActType::kAmendmentTabled,
       "amendment_tabled",
       {{"bill", K::kText},
        {"amendment", K::kText},
        {"text", K::kText, false},
        {"by", K::kText, false}}},
      {ActType::kAmendmentAdopted,
       "amendment_adopted",
       {{"bill", K::kText}, {"amendment", K::kText}, {"vote", K::kVote, false}}},
      {ActType::kSenateApproved, "senate_approved", {{"bill", K::kText}}},
      {ActType::kBillAdopted, "bill_adopted", {{"bill", K::kText}}},
      {ActType::kBillRejected, "bill_rejected", {{"bill", K::kText}, {"vote", K::kVote}}},
      {ActType::kLawSent, "law_sent", {{"bill", K::kText}}},
      {ActType::kLawSigned,
       "law_signed",
       {{"bill", K::kText}, {"number", K::kText, false}, {"in_force", K::kDate, false}}},
      {ActType::kLawReturned,
       "law_returned",
       {{"bill", K::kText}, {"objections", K::kText, false}}},
      {ActType::kOverrideVote,
       "override_vote",
       {{"bill", K::kText}, {"vote", K::kVote}, {"result", K::kText}}},
      {ActType::kAppointmentProposed,
       "appointment_proposed",
       {{"office", K::kText},
        {"person", K::kText},
        {"party", K::kText, false},
        {"other_paid_post", K::kFlag, false},
        {"business", K::kFlag, false}}},
      {ActType::kAppointmentConsented,
       "appointment_consented",
       {{"office", K::kText}, {"person", K::kText}, {"vote", K::kVote}}},
      {ActType::kAppointmentRefused,
       "appointment_refused",
       {{"office", K::kText}, {"person", K::kText}, {"vote", K::kVote}}},
      {ActType::kAppointmentMade, "appointment_made", {{"office", K::kText}, {"person", K::kText}}},
      {ActType::kCouncilMemberAppointed,
       "peoples_council_member_appointed",
       {{"person", K::kText}, {"block", K::kText}}},
      {ActType::kOfficeVacated,
       "office_vacated",
       {{"office", K::kText}, {"person", K::kText, false}, {"ground", K::kText}}},
      {ActType::kActingHolderAssumed,
       "acting_holder_assumed",
       {{"office", K::kText}, {"person", K::kText}}},
      {ActType::kElectionCalled,
       "election_called",
       {{"election", K::kText}, {"election_date", K::kDate}}},
      {ActType::kReferendumHeld,
       "referendum_held",
       {{"question", K::kText},
        {"registered", K::kInteger},
        {"participants", K::kInteger},
        {"yes", K::kInteger},
        {"result", K::kText, false}}},
      {ActType::kChamberDissolved, "chamber_dissolved", {}},
  };
  return kSchemas;
}

const ActSchema& schema_of(ActType type) {
  for (const auto& schema : schemas()) {
    if (schema.type == type) return schema;
  }
  MURA_CHECK(false);
  return schemas().front();
}

// A BCP 47 tag as the register uses them: a 2-3 letter lower-case language, then optional
// subtags of 1-8 letters or digits ("kk", "ru", "kk-Latn", "en").
bool is_language_key(std::string_view tag) {
  std::size_t start = 0;
  bool first = true;
  while (start <= tag.size()) {
    const std::size_t end = std::min(tag.find('-', start), tag.size());
    const std::string_view part = tag.substr(start, end - start);
    if (first) {
      if (part.size() < 2 || part.size() > 3) return false;
      for (char c : part) {
        if (c < 'a' || c > 'z') return false;
      }
    } else {
      if (part.empty() || part.size() > 8) return false;
      for (char c : part) {
        const bool alnum =
            (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
        if (!alnum) return false;
      }
    }
    first = false;
    start = end + 1;
  }
  return true;
}

bool has_fraction(const nlohmann::json& json) {
  if (json.is_number_float()) return true;
  if (json.is_structured()) {
    for (const auto& item : json) {
      if (has_fraction(item)) return true;
    }
  }
  return false;
}

Result<Choice> parse_choice(const nlohmann::json& json) {
  if (json.is_string()) {
    for (Choice choice : {Choice::kYes, Choice::kNo, Choice::kAbstain, Choice::kAbsent}) {
      if (json.get<std::string>() == choice_name(choice)) return choice;
    }
  }
  return invalid_argument_error(
      "a roll-call choice must be \"yes\", \"no\", \"abstain\" or "
      "\"absent\", not " +
      json.dump());
}

Result<Vote> parse_vote(const nlohmann::json& json) {
  Vote vote;
  if (json.contains("roll_call")) {
    if (json.size() != 1 || !json["roll_call"].is_object()) {
      return invalid_argument_error(
          "vote: a roll call is {\"roll_call\": {\"<deputy>\": "
          "\"yes\"|\"no\"|\"abstain\"|\"absent\", ...}} alone");
    }
    for (const auto& [person, choice_json] : json["roll_call"].items()) {
      MURA_ASSIGN_OR_RETURN(Choice choice, parse_choice(choice_json));
      vote.roll_call[person] = choice;
      switch (choice) {
        case Choice::kYes:
          ++vote.yes;
          break;
        case Choice::kNo:
          ++vote.no;
          break;
        case Choice::kAbstain:
          ++vote.abstain;
          break;
        case Choice::kAbsent:
          ++vote.absent;
          break;
      }
    }
    return vote;
  }
  vote.secret = true;
  for (const auto& [key, value] : json.items()) {
    std::int64_t* target = key == "yes"       ? &vote.yes
                           : key == "no"      ? &vote.no
                           : key == "abstain" ? &vote.abstain
                           : key == "absent"  ? &vote.absent
                                              : nullptr;
    if (target == nullptr) {
      return invalid_argument_error("vote: unknown field \"" + key +
                                    "\" (a secret ballot has yes, no, abstain, absent)");
    }
    if (!value.is_number_integer() || value.get<std::int64_t>() < 0) {
      return invalid_argument_error("vote: \"" + key + "\" must be a non-negative integer");
    }
    *target = value.get<std::int64_t>();
  }
  if (!json.contains("yes")) {
    return invalid_argument_error("vote: expected \"roll_call\" or the counts yes, no, abstain");
  }
  return vote;
}

std::string_view kind_name(Kind kind) {
  switch (kind) {
    case Kind::kText:
      return "a string";
    case Kind::kInteger:
      return "a non-negative integer";
    case Kind::kDate:
      return "a date \"YYYY-MM-DD\"";
    case Kind::kFlag:
      return "true or false";
    case Kind::kTextList:
      return "an array of strings";
    case Kind::kVote:
      return "a vote object";
    case Kind::kArray:
      return "an array";
    case Kind::kObject:
      return "an object";
    case Kind::kLanguageTexts:
      return "an object of texts by language tag ({\"kk\": \"...\", \"ru\": \"...\"})";
  }
  return "?";
}

bool matches(Kind kind, const nlohmann::json& value) {
  switch (kind) {
    case Kind::kText:
      return value.is_string() && !value.get<std::string>().empty();
    case Kind::kInteger:
      return value.is_number_integer() && value.get<std::int64_t>() >= 0;
    case Kind::kDate:
      return value.is_string() && Date::parse(value.get<std::string>()).has_value();
    case Kind::kFlag:
      return value.is_boolean();
    case Kind::kTextList:
      return value.is_array() && std::all_of(value.begin(), value.end(), [](const auto& item) {
               return item.is_string() && !item.template get<std::string>().empty();
             });
    case Kind::kVote:
    case Kind::kObject:
      return value.is_object();
    case Kind::kArray:
      return value.is_array();
    case Kind::kLanguageTexts:
      return value.is_object() && !value.empty() &&
             std::all_of(value.items().begin(), value.items().end(), [](const auto& item) {
               return is_language_key(item.key()) && item.value().is_string() &&
                      !item.value().template get<std::string>().empty();
             });
  }
  return false;
}

}  // namespace

std::string_view act_type_name(ActType type) { return schema_of(type).name; }

std::optional<ActType> parse_act_type(std::string_view name) {
  for (const auto& schema : schemas()) {
    if (schema.name == name) return schema.type;
  }
  return std::nullopt;
}

std::vector<ActType> all_act_types() {
  std::vector<ActType> types;
  for (const auto& schema : schemas()) types.push_back(schema.type);
  return types;
}

std::string_view choice_name(Choice choice) {
  switch (choice) {
    case Choice::kYes:
      return "yes";
    case Choice::kNo:
      return "no";
    case Choice::kAbstain:
      return "abstain";
    case Choice::kAbsent:
      return "absent";
  }
  return "?";
}

Result<Act> parse_act(const nlohmann::json& json) {
  if (!json.is_object()) return invalid_argument_error("an act must be a JSON object");
  if (!json.contains("type") || !json["type"].is_string()) {
    return invalid_argument_error("act: missing \"type\" (e.g. \"bill_introduced\")");
  }
  const std::string type_name = json["type"].get<std::string>();
  const auto type = parse_act_type(type_name);
  if (!type) {
    return invalid_argument_error("act: unknown type \"" + type_name +
                                  "\" (docs/format/kurultai-acts.md lists the types)");
  }
  const std::string where = "act " + type_name + ": ";
  if (!json.contains("date") || !json["date"].is_string()) {
    return invalid_argument_error(where + "missing \"date\" (YYYY-MM-DD)");
  }
  auto date = Date::parse(json["date"].get<std::string>());
  if (!date) return invalid_argument_error(where + "date: " + date.error().message());
  if (has_fraction(json)) {
    return invalid_argument_error(where + "numbers must be whole (votes and counts are integers)");
  }
  const ActSchema& schema = schema_of(*type);
  for (const auto& [key, value] : json.items()) {
    if (key == "type" || key == "date" || key == "note" || key == "reference") continue;
    const auto field = std::find_if(schema.fields.begin(), schema.fields.end(),
                                    [&](const Field& f) { return f.name == key; });
    if (field == schema.fields.end()) {
      return invalid_argument_error(where + "unknown field \"" + key + "\"");
    }
    if (!matches(field->kind, value)) {
      return invalid_argument_error(where + "field \"" + key + "\" must be " +
                                    std::string(kind_name(field->kind)) + ", not " + value.dump());
    }
  }
  for (const char* common : {"note", "reference"}) {
    if (json.contains(common) && !json[common].is_string()) {
      return invalid_argument_error(where + "field \"" + common + "\" must be a string");
    }
  }
  Act act;
  for (const auto& field : schema.fields) {
    if (field.required && !json.contains(field.name)) {
      return invalid_argument_error(where + "missing field \"" + std::string(field.name) + "\" (" +
                                    std::string(kind_name(field.kind)) + ")");
    }
    if (field.kind == Kind::kVote && json.contains(field.name)) {
      auto vote = parse_vote(json[std::string(field.name)]);
      if (!vote) return invalid_argument_error(where + vote.error().message());
      act.vote = std::move(*vote);
    }
  }
  act.type = *type;
  act.date = *date;
  act.body = json;
  return act;
}

Result<Act> parse_act_text(std::string_view text, std::string_view source) {
  nlohmann::json json = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (json.is_discarded()) {
    return invalid_argument_error(std::string(source) + ": not valid JSON");
  }
  auto act = parse_act(json);
  if (!act) return Error(act.error().with_context(source));
  return act;
}

Result<std::vector<Act>> parse_acts_text(std::string_view text, std::string_view source) {
  const auto parse_one = [](nlohmann::json json) -> Result<Act> {
    if (json.is_object()) {
      json.erase("prev_hash");
      json.erase("hash");
    }
    return parse_act(json);
  };
  std::vector<Act> acts;
  nlohmann::json whole = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (!whole.is_discarded() && (whole.is_object() || whole.is_array())) {
    if (whole.is_object()) whole = nlohmann::json::array({std::move(whole)});
    for (std::size_t i = 0; i < whole.size(); ++i) {
      auto act = parse_one(std::move(whole[i]));
      if (!act) {
        return Error(act.error().with_context(std::string(source) + ": act " +
                                              std::to_string(i + 1) + " of " +
                                              std::to_string(whole.size())));
      }
      acts.push_back(std::move(*act));
    }
    return acts;
  }
  std::size_t start = 0;
  for (std::size_t line = 1; start < text.size(); ++line) {
    const std::size_t end = std::min(text.find('\n', start), text.size());
    const std::string_view content = text.substr(start, end - start);
    start = end + 1;
    if (content.find_first_not_of(" \t\r") == std::string_view::npos) continue;
    const std::string where = std::string(source) + ":" + std::to_string(line);
    nlohmann::json json = nlohmann::json::parse(content, nullptr, /*allow_exceptions=*/false);
    if (json.is_discarded()) {
      return invalid_argument_error(where +
                                    ": not valid JSON (expected one act object, an array of acts, "
                                    "or one act object per line)");
    }
    auto act = parse_one(std::move(json));
    if (!act) return Error(act.error().with_context(where));
    acts.push_back(std::move(*act));
  }
  if (acts.empty()) return invalid_argument_error(std::string(source) + ": holds no acts");
  return acts;
}

Result<std::string> canonical_json(const nlohmann::json& json) {
  try {
    return json.dump(-1, ' ', false, nlohmann::json::error_handler_t::strict);
  } catch (const nlohmann::json::exception& error) {
    return invalid_argument_error(std::string("act is not valid UTF-8: ") + error.what());
  }
}

Result<std::size_t> acts_already_in(const std::vector<Act>& stored, const std::vector<Act>& acts) {
  if (stored.empty() || acts.empty() || stored.front().body != acts.front().body) return 0;
  std::size_t same = 0;
  while (same < acts.size() && same < stored.size() && stored[same].body == acts[same].body) {
    ++same;
  }
  if (same < acts.size() && same < stored.size()) {
    return invalid_argument_error(
        "act " + std::to_string(same + 1) + " of " + std::to_string(acts.size()) +
        " differs from entry " + std::to_string(same + 1) +
        " of the ledger, though the acts before it are the ledger's own: the acts do not "
        "continue the register");
  }
  return same;
}

}  // namespace mura::kurultai
