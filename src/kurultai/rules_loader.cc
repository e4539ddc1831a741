// Constitution::parse: reads the TOML rules file against a schema of known keys and checks
// that each version's settings are consistent. Exceptions of toml++ stop here.
#include <toml++/toml.h>

#include <algorithm>
#include <cstdio>
#include <set>

#include "kurultai/rules.h"

namespace mura::kurultai {
namespace {

enum class Type { kFlag, kInteger, kText, kList, kMajority, kPercent };
enum class Presence { kRequired, kOptional };

struct SchemaEntry {
  std::string_view key;
  Type type;
  Presence presence = Presence::kRequired;
  std::vector<std::string_view> allowed = {};  // for kText: the values allowed
};

const std::vector<SchemaEntry>& schema() {
  static const std::vector<SchemaEntry> kSchema = {
      {keys::kChamberName, Type::kText},
      {keys::kBicameral, Type::kFlag},
      {keys::kSeats, Type::kInteger},
      {keys::kListSeats, Type::kInteger},
      {keys::kTermYears, Type::kInteger},
      {keys::kMaxDeputyChairs, Type::kInteger},
      {keys::kMaxCommittees, Type::kInteger},
      {keys::kMandateLossGrounds, Type::kList},
      {keys::kEndsPreviousParliament, Type::kFlag, Presence::kOptional},
      {keys::kThresholdPercent, Type::kPercent},
      {keys::kThresholdBase,
       Type::kText,
       Presence::kRequired,
       {"party_votes_and_against_all", "party_votes"}},
      {keys::kMethod,
       Type::kText,
       Presence::kRequired,
       {"hare", "dhondt", "sainte-lague", "droop"}},
      {keys::kCandidateQuota, Type::kInteger},
      {keys::kLawMajority, Type::kMajority},
      {keys::kConstitutionalLawMajority, Type::kMajority},
      {keys::kRejectionMajority, Type::kMajority},
      {keys::kOverrideMajority, Type::kMajority},
      {keys::kChairElectionMajority, Type::kMajority},
      {keys::kConsentMajority, Type::kMajority},
      {keys::kQuorum, Type::kMajority},
      {keys::kOneFifth, Type::kMajority},
      {keys::kInitiators, Type::kList},
      {keys::kReadings, Type::kList},
      {keys::kAmendmentsReading, Type::kInteger},
      {keys::kSenateApproval, Type::kFlag},
      {keys::kSendDays, Type::kInteger},
      {keys::kSignDays, Type::kInteger},
      {keys::kPriorityMonths, Type::kInteger},
      {keys::kPresidentTermYears, Type::kInteger},
      {keys::kPresidentMaxTerms, Type::kInteger},
      {keys::kSuccession, Type::kList},
      {keys::kElectionCallDays, Type::kInteger},
      {keys::kElectionHeldMonths, Type::kInteger},
      {keys::kDissolutionRefusals, Type::kInteger},
      {keys::kCouncilMembers, Type::kInteger, Presence::kOptional},
      {keys::kCouncilBlocks, Type::kList, Presence::kOptional},
      {keys::kCouncilBlockSize, Type::kInteger, Presence::kOptional},
      {keys::kCouncilSessions, Type::kInteger, Presence::kOptional},
      {keys::kReferendumTurnout, Type::kMajority},
      {keys::kReferendumAdoption, Type::kMajority},
  };
  return kSchema;
}

std::string_view type_name(Type type) {
  switch (type) {
    case Type::kFlag:
      return "a boolean";
    case Type::kInteger:
      return "a non-negative integer";
    case Type::kText:
      return "a string";
    case Type::kList:
      return "an array of strings";
    case Type::kMajority:
      return "a majority such as \"at_least 2/3\"";
    case Type::kPercent:
      return "a percentage (an integer or a decimal string such as \"7.5\")";
  }
  return "?";
}

std::string_view node_type_name(const toml::node& node) {
  switch (node.type()) {
    case toml::node_type::table:
      return "a table";
    case toml::node_type::array:
      return "an array";
    case toml::node_type::string:
      return "a string";
    case toml::node_type::integer:
      return "an integer";
    case toml::node_type::floating_point:
      return "a float";
    case toml::node_type::boolean:
      return "a boolean";
    case toml::node_type::date:
      return "a date";
    case toml::node_type::time:
      return "a time";
    case toml::node_type::date_time:
      return "a date-time";
    default:
      return "nothing";
  }
}

int line_of(const toml::node& node) { return static_cast<int>(node.source().begin.line); }

// The line of table[field], or of the table when the field is absent.
int field_line(const toml::table& table, std::string_view field) {
  const toml::node* node = table.get(field);
  return line_of(node != nullptr ? *node : table);
}

}  // namespace

class RulesLoader {
 public:
  explicit RulesLoader(std::string_view source) : source_(source) {}

  Result<Constitution> load(const toml::table& root) {
    std::set<std::string> seen;
    Constitution constitution;
    for (auto&& [key, node] : root) {
      if (key.str() == "format") {
        if (node.value<std::string>() != "mura-constitution/1") {
          return error(line_of(node), "format must be \"mura-constitution/1\"");
        }
      } else if (key.str() != "version") {
        return error(line_of(node), "unknown top-level key \"" + std::string(key.str()) +
                                        "\" (expected format and [[version]] tables)");
      }
    }
    const toml::array* versions = root["version"].as_array();
    if (versions == nullptr || versions->empty()) {
      return error(1, "no [[version]] tables: the file must define at least one dated version");
    }
    for (const toml::node& node : *versions) {
      const toml::table* table = node.as_table();
      if (table == nullptr) return error(line_of(node), "each version must be a [[version]] table");
      MURA_ASSIGN_OR_RETURN(Version version, load_version(*table));
      if (!seen.insert(version.id_).second) {
        return error(line_of(node), "version \"" + version.id_ + "\" is defined twice");
      }
      if (!constitution.versions_.empty() &&
          constitution.versions_.back().in_force_ >= version.in_force_) {
        return error(
            field_line(*table, "in_force"),
            "version \"" + version.id_ + "\": in_force must be later than the previous version's");
      }
      constitution.versions_.push_back(std::move(version));
    }
    return constitution;
  }

 private:
  Error error(int line, const std::string& message) const {
    return invalid_argument_error(std::string(source_) + ":" + std::to_string(line) + ": " +
                                  message);
  }
  Error version_error(int line, const std::string& message) const {
    return error(line, "version \"" + version_id_ + "\": " + message);
  }

  Result<Version> load_version(const toml::table& table) {
    Version version;
    const auto* id = table["id"].as_string();
    if (id == nullptr || id->get().empty()) {
      return error(line_of(table), "a version needs a non-empty string id");
    }
    version.id_ = version_id_ = id->get();
    const auto* title = table["title"].as_string();
    if (title == nullptr)
      return version_error(field_line(table, "title"), "title: expected a string");
    version.title_ = title->get();
    const auto* in_force = table["in_force"].as_date();
    if (in_force == nullptr) {
      return version_error(field_line(table, "in_force"),
                           "in_force: expected a date such as 2026-07-01");
    }
    const toml::date day = in_force->get();
    char text[40];
    std::snprintf(text, sizeof text, "%04d-%02d-%02d", static_cast<int>(day.year),
                  static_cast<int>(day.month), static_cast<int>(day.day));
    MURA_ASSIGN_OR_RETURN(version.in_force_, Date::parse(text));
    for (auto&& [key, node] : table) {
      const std::string name(key.str());
      if (name == "id" || name == "title" || name == "in_force") continue;
      if (name == "offices") {
        MURA_TRY(load_offices(node, version));
        continue;
      }
      if (!node.is_table()) {
        return version_error(line_of(node), "unknown key \"" + name + "\"");
      }
      MURA_TRY(load_settings(*node.as_table(), name, version));
    }
    for (const auto& entry : schema()) {
      if (entry.presence == Presence::kRequired && !version.has(entry.key)) {
        return version_error(line_of(table), "missing setting \"" + std::string(entry.key) + "\"");
      }
    }
    MURA_TRY(check_consistency(version, line_of(table)));
    return version;
  }

  Status load_settings(const toml::table& table, const std::string& prefix, Version& version) {
    for (auto&& [key, node] : table) {
      const std::string name = prefix + "." + std::string(key.str());
      const SchemaEntry* entry = nullptr;
      for (const auto& candidate : schema()) {
        if (candidate.key == name) entry = &candidate;
      }
      if (entry == nullptr) {
        if (node.is_table() && !node.as_table()->contains("value")) {
          MURA_TRY(load_settings(*node.as_table(), name, version));
          continue;
        }
        return version_error(line_of(node), "unknown setting \"" + name + "\"");
      }
      const toml::table* leaf = node.as_table();
      if (leaf == nullptr) {
        return version_error(line_of(node), name +
                                                ": expected a table { value, article, "
                                                "confidence }, found " +
                                                std::string(node_type_name(node)));
      }
      MURA_ASSIGN_OR_RETURN(Citation citation, load_citation(*leaf, name, {"value"}));
      const toml::node* value = leaf->get("value");
      if (value == nullptr) return version_error(line_of(node), name + ": missing value");
      MURA_ASSIGN_OR_RETURN(SettingValue parsed, parse_value(*entry, *value));
      version.settings_[name] = Setting{std::move(parsed), std::move(citation)};
    }
    return ok_status();
  }

  Result<Citation> load_citation(const toml::table& leaf, const std::string& name,
                                 const std::vector<std::string_view>& other_keys) {
    Citation citation;
    citation.version_id = version_id_;
    citation.key = name;
    citation.line = line_of(leaf);
    for (auto&& [key, node] : leaf) {
      const std::string_view field = key.str();
      bool known = field == "article" || field == "confidence" || field == "note";
      for (auto other : other_keys) known = known || field == other;
      if (!known) {
        return version_error(line_of(node),
                             name + ": unknown field \"" + std::string(field) + "\"");
      }
    }
    const auto* article = leaf["article"].as_string();
    if (article == nullptr || article->get().empty()) {
      return version_error(field_line(leaf, "article"),
                           name + ": missing article (the source of the rule)");
    }
    citation.article = article->get();
    const std::string confidence = leaf["confidence"].value_or(std::string());
    if (confidence == "C") {
      citation.confidence = Confidence::kConfirmed;
    } else if (confidence == "P") {
      citation.confidence = Confidence::kProposed;
    } else if (confidence == "S") {
      citation.confidence = Confidence::kDefault;
    } else {
      return version_error(
          field_line(leaf, "confidence"),
          name + ": confidence must be \"C\", \"P\" or \"S\", not \"" + confidence + "\"");
    }
    citation.note = leaf["note"].value_or(std::string());
    return citation;
  }

  Result<SettingValue> parse_value(const SchemaEntry& entry, const toml::node& node) {
    const auto wrong = [&] {
      return version_error(line_of(node), std::string(entry.key) + ": expected " +
                                              std::string(type_name(entry.type)) + ", found " +
                                              std::string(node_type_name(node)));
    };
    switch (entry.type) {
      case Type::kFlag:
        if (!node.is_boolean()) return wrong();
        return SettingValue(*node.value<bool>());
      case Type::kInteger: {
        if (!node.is_integer() || *node.value<std::int64_t>() < 0) return wrong();
        return SettingValue(*node.value<std::int64_t>());
      }
      case Type::kText: {
        if (!node.is_string()) return wrong();
        std::string text = *node.value<std::string>();
        if (!entry.allowed.empty() &&
            std::find(entry.allowed.begin(), entry.allowed.end(), text) == entry.allowed.end()) {
          std::string allowed;
          for (auto value : entry.allowed)
            allowed += (allowed.empty() ? "" : ", ") + std::string(value);
          return version_error(line_of(node), std::string(entry.key) + ": \"" + text +
                                                  "\" is not one of " + allowed);
        }
        return SettingValue(std::move(text));
      }
      case Type::kList: {
        const toml::array* array = node.as_array();
        if (array == nullptr) return wrong();
        std::vector<std::string> items;
        for (const toml::node& item : *array) {
          if (!item.is_string()) return wrong();
          items.push_back(*item.value<std::string>());
        }
        return SettingValue(std::move(items));
      }
      case Type::kMajority: {
        if (!node.is_string()) return wrong();
        auto majority = Majority::parse(*node.value<std::string>());
        if (!majority) {
          return version_error(line_of(node),
                               std::string(entry.key) + ": " + majority.error().message());
        }
        return SettingValue(*majority);
      }
      case Type::kPercent: {
        std::string text;
        if (node.is_integer()) {
          text = std::to_string(*node.value<std::int64_t>());
        } else if (node.is_string()) {
          text = *node.value<std::string>();
        } else {
          return wrong();
        }
        auto percent = Rational::parse_decimal(text);
        if (!percent || percent->numerator > 100 * percent->denominator) {
          return version_error(line_of(node), std::string(entry.key) + ": \"" + text +
                                                  "\" is not a percentage between 0 and 100");
        }
        return SettingValue(*percent);
      }
    }
    return wrong();
  }

  Status load_offices(const toml::node& node, Version& version);
  Status check_consistency(const Version& version, int line) const;

  std::string_view source_;
  std::string version_id_;
};

Status RulesLoader::load_offices(const toml::node& node, Version& version) {
  const toml::table* offices = node.as_table();
  if (offices == nullptr)
    return version_error(line_of(node), "offices: expected tables [version.offices.<id>]");
  for (auto&& [key, office_node] : *offices) {
    const std::string id(key.str());
    const std::string name = "offices." + id;
    const toml::table* table = office_node.as_table();
    if (table == nullptr) return version_error(line_of(office_node), name + ": expected a table");
    MURA_ASSIGN_OR_RETURN(
        Citation citation,
        load_citation(*table, name, {"name", "seats", "appointment", "incompatible"}));
    Office office;
    office.id = id;
    office.citation = std::move(citation);
    const auto* title = (*table)["name"].as_string();
    if (title == nullptr) {
      return version_error(field_line(*table, "name"), name + ".name: expected a string");
    }
    office.name = title->get();
    const auto seats = (*table)["seats"].value<std::int64_t>();
    if (!seats || *seats < 0) {
      return version_error(field_line(*table, "seats"),
                           name + ".seats: expected a non-negative integer");
    }
    office.seats = *seats;
    const std::string appointment = (*table)["appointment"].value_or(std::string());
    if (appointment == "popular_election") {
      office.appointment = Appointment::kPopularElection;
    } else if (appointment == "consent") {
      office.appointment = Appointment::kConsent;
    } else if (appointment == "chamber_election") {
      office.appointment = Appointment::kChamberElection;
    } else if (appointment == "president") {
      office.appointment = Appointment::kPresident;
    } else {
      return version_error(field_line(*table, "appointment"),
                           name + ".appointment: \"" + appointment +
                               "\" is not one of popular_election, consent, "
                               "chamber_election, president");
    }
    if (const toml::node* incompatible = table->get("incompatible")) {
      const toml::array* array = incompatible->as_array();
      if (array == nullptr) {
        return version_error(line_of(*incompatible),
                             name + ".incompatible: expected an array of strings");
      }
      for (const toml::node& item : *array) {
        const std::string value = item.value_or(std::string());
        if (value != "deputy" && value != "party_member" && value != "other_paid_post" &&
            value != "business") {
          return version_error(line_of(item), name + ".incompatible: \"" + value +
                                                  "\" is not one of deputy, party_member, "
                                                  "other_paid_post, business");
        }
        office.incompatible.push_back(value);
      }
    }
    version.offices_[id] = std::move(office);
  }
  return ok_status();
}

Status RulesLoader::check_consistency(const Version& version, int line) const {
  const auto fail = [&](std::string_view key, const std::string& message) {
    return version_error(version.has(key) ? version.cite(key).line : line,
                         std::string(key) + ": " + message);
  };
  const std::int64_t seats = version.integer(keys::kSeats);
  if (seats == 0) return fail(keys::kSeats, "the chamber needs at least one seat");
  if (version.integer(keys::kListSeats) > seats) {
    return fail(keys::kListSeats, "more list seats than seats (" + std::to_string(seats) + ")");
  }
  const auto readings = static_cast<std::int64_t>(version.list(keys::kReadings).size());
  if (readings == 0) return fail(keys::kReadings, "a bill needs at least one reading");
  const std::int64_t amendments = version.integer(keys::kAmendmentsReading);
  if (amendments < 1 || amendments > readings) {
    return fail(keys::kAmendmentsReading,
                "must name one of the readings (1.." + std::to_string(readings) + ")");
  }
  if (version.integer(keys::kCandidateQuota) > 100) {
    return fail(keys::kCandidateQuota, "a percentage cannot exceed 100");
  }
  for (std::string_view office : {"president", "chair"}) {
    if (version.office(office) == nullptr) {
      return version_error(line,
                           "offices: the office \"" + std::string(office) + "\" must be defined");
    }
  }
  for (const auto& office : version.list(keys::kSuccession)) {
    if (version.office(office) == nullptr) {
      return fail(keys::kSuccession, "\"" + office + "\" is not an office of this version");
    }
  }
  const bool any_council =
      version.has(keys::kCouncilMembers) || version.has(keys::kCouncilBlocks) ||
      version.has(keys::kCouncilBlockSize) || version.has(keys::kCouncilSessions);
  if (any_council) {
    for (auto key : {keys::kCouncilMembers, keys::kCouncilBlocks, keys::kCouncilBlockSize,
                     keys::kCouncilSessions}) {
      if (!version.has(key))
        return version_error(line, "missing setting \"" + std::string(key) + "\"");
    }
    const auto blocks = static_cast<std::int64_t>(version.list(keys::kCouncilBlocks).size());
    if (blocks * version.integer(keys::kCouncilBlockSize) !=
        version.integer(keys::kCouncilMembers)) {
      return fail(keys::kCouncilMembers, "must equal the number of blocks times the block size");
    }
  }
  return ok_status();
}

Result<Constitution> Constitution::parse(std::string_view toml_text, std::string_view source_name) {
  try {
    toml::table root = toml::parse(toml_text, source_name);
    return RulesLoader(source_name).load(root);
  } catch (const toml::parse_error& error) {
    return invalid_argument_error(
        std::string(source_name) + ":" + std::to_string(error.source().begin.line) + ":" +
        std::to_string(error.source().begin.column) + ": " + std::string(error.description()));
  }
}

}  // namespace mura::kurultai
