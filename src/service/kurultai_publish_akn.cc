// The Akoma Ntoso 3.0 document of a version of a bill (kurultai_publish.h).
#include <algorithm>
#include <initializer_list>
#include <map>
#include <set>
#include <utility>

#include "formats/xml_text.h"
#include "service/kurultai_publish.h"

namespace mura::service {
namespace {

namespace k = ::mura::kurultai;

constexpr std::string_view kAknNamespace = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0";
// Per-deputy roll calls go into <count> as elements of this namespace (countType admits
// ##other content).
constexpr std::string_view kMuraNamespace = "urn:mura:ns:kurultai";

using Attributes = std::initializer_list<std::pair<std::string_view, std::string_view>>;

void empty_element(formats::XmlWriter& xml, std::string_view name, Attributes attributes) {
  xml.open(name);
  for (const auto& [attribute, value] : attributes) xml.attribute(attribute, value);
  xml.close();
}

// A component of an AKN IRI: letters, digits, '-', '_' and '.' kept, anything else as '-'.
std::string iri_component(std::string_view text) {
  std::string out;
  for (char c : text) {
    const bool keep = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                      c == '-' || c == '_' || c == '.';
    out += keep ? c : '-';
  }
  return out.empty() ? "-" : out;
}

// ISO 639-2 for the FRBR expression ("kaz", "rus"); other tags as they are.
std::string akn_language(std::string_view tag) {
  const std::string_view primary = tag.substr(0, tag.find('-'));
  if (primary == "kk") return tag == "kk" ? "kaz" : "kaz-" + std::string(tag.substr(3));
  if (primary == "ru") return "rus";
  if (primary == "en") return "eng";
  return std::string(tag);
}

// The agent of a step: an organisation or role declared in <references>.
std::string agent_of(const k::BillHistory& history, const k::BillStep& step) {
  switch (step.type) {
    case k::ActType::kBillIntroduced:
      return history.initiator == "deputy" ? "sponsor" : history.initiator;
    case k::ActType::kBillPriorityDeclared:
    case k::ActType::kLawSigned:
    case k::ActType::kLawReturned:
      return "president";
    case k::ActType::kSenateApproved:
      return "senate";
    default:
      return "chamber";
  }
}

// The TLCEvent a step refers to: "reading_2", else the act's type.
std::string event_of(const k::BillStep& step) {
  if (step.type == k::ActType::kReadingHeld) return "reading_" + std::to_string(step.reading);
  return std::string(k::act_type_name(step.type));
}

std::string_view outcome_of(const k::BillStep& step) {
  if (step.result == "passed") return "#passed";
  if (step.result == "failed") return "#failed";
  return "";
}

void write_voting(formats::XmlWriter& xml, const k::Constitution& constitution,
                  const k::BillStep& step) {
  const k::Vote& vote = *step.vote;
  const std::string id = "vote_" + std::to_string(step.position);
  xml.open("voting").attribute("eId", id).attribute("refersTo", "#" + event_of(step));
  if (const std::string_view outcome = outcome_of(step); !outcome.empty()) {
    xml.attribute("outcome", outcome);
  }
  xml.attribute("href", "#step_" + std::to_string(step.position));
  if (auto version = constitution.version_at(step.date)) {
    empty_element(xml, "quorum",
                  {{"eId", id + "_quorum"},
                   {"value", std::to_string((*version)->required_votes(k::keys::kQuorum))}});
  }
  for (k::Choice choice :
       {k::Choice::kYes, k::Choice::kNo, k::Choice::kAbstain, k::Choice::kAbsent}) {
    const std::string name(k::choice_name(choice));
    const std::int64_t count = choice == k::Choice::kYes       ? vote.yes
                               : choice == k::Choice::kNo      ? vote.no
                               : choice == k::Choice::kAbstain ? vote.abstain
                                                               : vote.absent;
    xml.open("count")
        .attribute("eId", id + "_" + name)
        .attribute("value", std::to_string(count))
        .attribute("refersTo", "#" + name);
    for (const auto& [deputy, cast] : vote.roll_call) {
      if (cast == choice) xml.element("mura:deputy", deputy);
    }
    xml.close();
  }
  xml.close();
}

void write_references(formats::XmlWriter& xml, const k::BillHistory& history,
                      const std::vector<const k::BillStep*>& steps, const std::string& chamber,
                      const std::string& expression_uri) {
  xml.open("references").attribute("source", "#mura");
  empty_element(xml, "original",
                {{"eId", "original"}, {"href", expression_uri}, {"showAs", history.title}});
  const auto organisation = [&](std::string_view id, std::string_view show) {
    empty_element(
        xml, "TLCOrganization",
        {{"eId", id}, {"href", "/ontology/organization/kz/" + std::string(id)}, {"showAs", show}});
  };
  organisation("chamber", chamber);
  organisation("mura", "Mura, the national digital repository of Kazakhstan");
  const std::map<std::string, std::string> initiators = {
      {"government", "Government of the Republic of Kazakhstan"},
      {"peoples_council", "People's Council of Kazakhstan (Qazaqstan Halyk Kenesi)"}};
  std::set<std::string> agents;
  for (const auto* step : steps) agents.insert(agent_of(history, *step));
  for (const auto& agent : agents) {
    if (auto it = initiators.find(agent); it != initiators.end()) organisation(agent, it->second);
    if (agent == "senate") organisation("senate", "Senate of the Parliament");
  }
  if (agents.contains("sponsor")) {
    empty_element(xml, "TLCPerson",
                  {{"eId", "sponsor"},
                   {"href", "/ontology/person/kz/" + iri_component(history.sponsor)},
                   {"showAs", history.sponsor}});
  }
  for (std::string_view role : {"author", "editor", "president"}) {
    empty_element(
        xml, "TLCRole",
        {{"eId", role},
         {"href", "/ontology/role/kz/" + std::string(role)},
         {"showAs", role == "president" ? "President of the Republic of Kazakhstan" : role}});
  }
  std::map<std::string, std::string> events;
  for (const auto* step : steps) events.emplace(event_of(*step), step->label);
  for (const auto& [event, label] : events) {
    empty_element(xml, "TLCEvent",
                  {{"eId", event}, {"href", "/ontology/event/kz/" + event}, {"showAs", label}});
  }
  for (std::string_view concept_id : {"passed", "failed", "yes", "no", "abstain", "absent"}) {
    empty_element(xml, "TLCConcept",
                  {{"eId", concept_id},
                   {"href", "/ontology/concept/kz/" + std::string(concept_id)},
                   {"showAs", concept_id}});
  }
  xml.close();
}

}  // namespace

Result<std::string> bill_akoma_ntoso(const k::Constitution& constitution,
                                     const k::BillHistory& history, std::size_t version_index,
                                     std::string_view language) {
  if (version_index >= history.versions.size()) {
    return invalid_argument_error("bill " + history.id + " has no version " +
                                  std::to_string(version_index + 1));
  }
  const k::BillVersion& version = history.versions[version_index];
  const auto text = version.text.find(std::string(language));
  if (text == version.text.end()) {
    return invalid_argument_error("bill " + history.id + " has no text in \"" +
                                  std::string(language) + "\" at " + version.stage);
  }
  const bool law = version.stage == "signed";
  std::vector<const k::BillStep*> steps;
  for (const auto& step : history.steps) {
    if (step.position <= version.position) steps.push_back(&step);
  }
  std::string chamber = "Kurultai";
  if (auto in_force = constitution.version_at(version.date)) {
    chamber = (*in_force)->text(k::keys::kChamberName);
  }

  const std::string number = law && !history.number.empty() ? history.number : history.id;
  const k::Date work_date = law ? *history.signed_on : history.steps.front().date;
  const std::string work = "/akn/kz/" + std::string(law ? "act" : "bill") + "/" +
                           work_date.to_string() + "/" + iri_component(number);
  const std::string expression =
      work + "/" + akn_language(language) + "@" + version.date.to_string();
  const std::string title = [&] {
    auto it = history.titles.find(std::string(language));
    return it != history.titles.end() ? it->second : history.title;
  }();

  std::string out;
  formats::XmlWriter xml(out);
  xml.declaration();
  xml.open("akomaNtoso").attribute("xmlns", kAknNamespace).attribute("xmlns:mura", kMuraNamespace);
  xml.open(law ? "act" : "bill")
      .attribute("name",
                 law ? (history.kind == "constitutional" ? "constitutionalLaw" : "law") : "bill")
      .attribute("contains", "singleVersion");
  xml.open("meta");

  xml.open("identification").attribute("source", "#mura");
  xml.open("FRBRWork");
  empty_element(xml, "FRBRthis", {{"value", work + "/!main"}});
  empty_element(xml, "FRBRuri", {{"value", work}});
  if (law) empty_element(xml, "FRBRalias", {{"value", history.id}, {"name", "bill"}});
  empty_element(xml, "FRBRdate",
                {{"date", work_date.to_string()}, {"name", law ? "signature" : "introduction"}});
  empty_element(xml, "FRBRauthor", {{"href", "#chamber"}, {"as", "#author"}});
  empty_element(xml, "FRBRcountry", {{"value", "kz"}});
  empty_element(xml, "FRBRnumber", {{"value", number}});
  empty_element(xml, "FRBRname", {{"value", law ? "law" : "bill"}});
  empty_element(xml, "FRBRprescriptive", {{"value", "true"}});
  empty_element(xml, "FRBRauthoritative", {{"value", law ? "true" : "false"}});
  xml.close();
  xml.open("FRBRExpression");
  empty_element(xml, "FRBRthis", {{"value", expression + "/!main"}});
  empty_element(xml, "FRBRuri", {{"value", expression}});
  empty_element(xml, "FRBRdate", {{"date", version.date.to_string()}, {"name", version.stage}});
  empty_element(xml, "FRBRauthor", {{"href", "#chamber"}, {"as", "#author"}});
  empty_element(xml, "FRBRlanguage", {{"language", akn_language(language)}});
  xml.close();
  xml.open("FRBRManifestation");
  empty_element(xml, "FRBRthis", {{"value", expression + "/!main.xml"}});
  empty_element(xml, "FRBRuri", {{"value", expression + ".akn"}});
  empty_element(xml, "FRBRdate", {{"date", version.date.to_string()}, {"name", "generation"}});
  empty_element(xml, "FRBRauthor", {{"href", "#mura"}, {"as", "#editor"}});
  empty_element(xml, "FRBRformat", {{"value", "application/akn+xml"}});
  xml.close();
  xml.close();  // identification

  xml.open("lifecycle").attribute("source", "#mura");
  for (const auto& published : history.versions) {
    if (published.position > version.position) break;
    const auto made_by = std::find_if(steps.begin(), steps.end(), [&](const k::BillStep* step) {
      return step->position == published.position;
    });
    const bool first = published.position == history.versions.front().position;
    empty_element(xml, "eventRef",
                  {{"eId", "evt_" + std::to_string(published.position)},
                   {"date", published.date.to_string()},
                   {"source", "#original"},
                   {"refersTo", "#" + event_of(**made_by)},
                   {"type", first ? "generation" : "amendment"}});
  }
  xml.close();

  xml.open("workflow").attribute("source", "#mura");
  for (const auto* step : steps) {
    xml.open("step")
        .attribute("eId", "step_" + std::to_string(step->position))
        .attribute("date", step->date.to_string())
        .attribute("by", "#" + agent_of(history, *step))
        .attribute("refersTo", "#" + event_of(*step));
    if (const std::string_view outcome = outcome_of(*step); !outcome.empty()) {
      xml.attribute("outcome", outcome);
    }
    xml.close();
  }
  xml.close();

  const bool votes = std::any_of(steps.begin(), steps.end(),
                                 [](const k::BillStep* step) { return step->vote.has_value(); });
  if (votes) {
    xml.open("analysis").attribute("source", "#mura").open("parliamentary");
    for (const auto* step : steps) {
      if (step->vote) write_voting(xml, constitution, *step);
    }
    xml.close().close();
  }
  write_references(xml, history, steps, chamber, expression);
  xml.close();  // meta

  xml.open("preface").open("p");
  xml.element("docType", law ? "law" : "bill").text(" ");
  xml.element("docNumber", number).text(" ");
  xml.element("docTitle", title);
  xml.close().close();

  xml.open("body");
  std::size_t paragraph = 0;
  std::string_view rest = text->second;
  while (!rest.empty()) {
    const std::size_t end = std::min(rest.find('\n'), rest.size());
    std::string_view line = rest.substr(0, end);
    rest = end < rest.size() ? rest.substr(end + 1) : std::string_view();
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.remove_suffix(1);
    if (line.empty()) continue;
    xml.open("paragraph").attribute("eId", "para_" + std::to_string(++paragraph));
    xml.open("content").element("p", line).close();
    xml.close();
  }
  if (paragraph == 0) {
    xml.open("paragraph").attribute("eId", "para_1").open("content").element("p", title);
  }
  xml.close_all();
  out += "\n";
  return out;
}

}  // namespace mura::service
