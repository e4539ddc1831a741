#include "formats/datacite_xml.h"

#include <algorithm>
#include <set>
#include <vector>

namespace mura::formats {
namespace {

using record::LanguageValue;
using record::Record;

constexpr std::string_view kSchemaLocation =
    "http://datacite.org/schema/kernel-4 http://schema.datacite.org/meta/kernel-4/metadata.xsd";
// DataCite's standard value for "not available".
constexpr std::string_view kUnavailable = ":unav";

bool is_blank(std::string_view text) {
  return text.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

std::string_view trim(std::string_view text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return {};
  const auto last = text.find_last_not_of(" \t\r\n");
  return text.substr(first, last - first + 1);
}

bool starts_with_ignoring_case(std::string_view text, std::string_view prefix) {
  if (text.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i) {
    char c = text[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != prefix[i]) return false;
  }
  return true;
}

// The non-blank values of a field, in order.
std::vector<const LanguageValue*> values_of(const Record& record, std::string_view field) {
  std::vector<const LanguageValue*> values;
  const auto it = record.fields.find(std::string(field));
  if (it == record.fields.end()) return values;
  for (const auto& value : it->second) {
    if (!is_blank(value.value)) values.push_back(&value);
  }
  return values;
}

// The values in the language of the first one: for names of people and bodies, whose other
// languages name the same ones again.
std::vector<const LanguageValue*> first_language(std::vector<const LanguageValue*> values) {
  if (values.empty()) return values;
  const std::string language = values.front()->language;
  std::erase_if(values, [&](const LanguageValue* value) { return value->language != language; });
  return values;
}

bool is_four_digit_year(std::string_view text) {
  return text.size() == 4 &&
         std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// publication_year, else the first year of the date, else the year the record was created.
std::string publication_year(const Record& record) {
  for (const auto* value : values_of(record, "publication_year")) {
    if (is_four_digit_year(trim(value->value))) return std::string(trim(value->value));
  }
  for (const auto* value : values_of(record, "date")) {
    if (value->value.size() >= 4 && is_four_digit_year(value->value.substr(0, 4))) {
      return value->value.substr(0, 4);
    }
  }
  for (const std::string* stamp : {&record.created, &record.modified}) {
    if (stamp->size() >= 4 && is_four_digit_year(stamp->substr(0, 4))) return stamp->substr(0, 4);
  }
  return "0000";
}

std::string_view resource_type_general(std::string_view term) {
  struct Mapping {
    std::string_view term;
    std::string_view general;
  };
  static constexpr Mapping kMappings[] = {{"dataset", "Dataset"},     {"article", "JournalArticle"},
                                          {"thesis", "Dissertation"}, {"report", "Report"},
                                          {"software", "Software"},   {"other", "Other"}};
  for (const auto& mapping : kMappings) {
    if (mapping.term == term) return mapping.general;
  }
  return "Other";
}

struct RelatedIdentifier {
  std::string_view type;  // "" when not recognised
  std::string value;
};

RelatedIdentifier classify_identifier(std::string_view text) {
  text = trim(text);
  if (std::string doi = normalize_doi(text); !doi.empty()) return {"DOI", doi};
  if (starts_with_ignoring_case(text, "ark:")) return {"ARK", std::string(text)};
  if (starts_with_ignoring_case(text, "urn:")) return {"URN", std::string(text)};
  if (starts_with_ignoring_case(text, "hdl:")) return {"Handle", std::string(text.substr(4))};
  if (starts_with_ignoring_case(text, "http://") || starts_with_ignoring_case(text, "https://")) {
    return {"URL", std::string(text)};
  }
  return {"", std::string(text)};
}

void write_titles(XmlWriter& writer, const Record& record) {
  writer.open("titles");
  const auto titles = values_of(record, "title");
  if (titles.empty()) writer.element("title", kUnavailable);
  for (std::size_t i = 0; i < titles.size(); ++i) {
    writer.open("title");
    if (i > 0) {
      writer.attribute("titleType", titles[i]->language == titles[0]->language ? "AlternativeTitle"
                                                                               : "TranslatedTitle");
    }
    if (is_xml_language(titles[i]->language)) writer.attribute("xml:lang", titles[i]->language);
    writer.text(titles[i]->value).close();
  }
  writer.close();
}

void write_creators(XmlWriter& writer, const Record& record) {
  writer.open("creators");
  const auto creators = first_language(values_of(record, "creator"));
  for (const auto* creator : creators) {
    writer.open("creator").element("creatorName", creator->value, creator->language).close();
  }
  if (creators.empty()) writer.open("creator").element("creatorName", kUnavailable).close();
  writer.close();
}

void write_identifiers(XmlWriter& writer, const Record& record) {
  std::string doi;
  for (const auto* value : values_of(record, "doi")) {
    doi = normalize_doi(value->value);
    if (!doi.empty()) break;
  }
  writer.open("identifier")
      .attribute("identifierType", doi.empty() ? "ARK" : "DOI")
      .text(doi.empty() ? record.id : doi)
      .close();
  const auto locals = values_of(record, "identifier");
  if (doi.empty() && locals.empty()) return;
  writer.open("alternateIdentifiers");
  if (!doi.empty()) {
    writer.open("alternateIdentifier")
        .attribute("alternateIdentifierType", "ARK")
        .text(record.id)
        .close();
  }
  for (const auto* value : locals) {
    writer.open("alternateIdentifier")
        .attribute("alternateIdentifierType", "Local")
        .text(trim(value->value))
        .close();
  }
  writer.close();
}

// An element `list` of `item`s, one per value, with xml:lang; nothing when there are none.
void write_list(XmlWriter& writer, const Record& record, std::string_view field,
                std::string_view list, std::string_view item) {
  const auto values = values_of(record, field);
  if (values.empty()) return;
  writer.open(list);
  for (const auto* value : values) writer.element(item, value->value, value->language);
  writer.close();
}

void write_optional_parts(XmlWriter& writer, const Record& record) {
  write_list(writer, record, "subject", "subjects", "subject");

  if (const auto contributors = first_language(values_of(record, "contributor"));
      !contributors.empty()) {
    writer.open("contributors");
    for (const auto* value : contributors) {
      writer.open("contributor").attribute("contributorType", "Other");
      writer.element("contributorName", value->value, value->language).close();
    }
    writer.close();
  }

  if (const auto dates = values_of(record, "date"); !dates.empty()) {
    writer.open("dates");
    for (const auto* value : dates) {
      writer.open("date").attribute("dateType", "Coverage").text(trim(value->value)).close();
    }
    writer.close();
  }

  for (const auto* value : values_of(record, "language")) {
    if (is_xml_language(trim(value->value))) {
      writer.element("language", trim(value->value));
      break;
    }
  }

  std::vector<RelatedIdentifier> related;
  for (const auto* value : values_of(record, "related_identifier")) {
    RelatedIdentifier identifier = classify_identifier(value->value);
    if (!identifier.type.empty()) related.push_back(std::move(identifier));
  }
  if (!related.empty()) {
    writer.open("relatedIdentifiers");
    for (const auto& identifier : related) {
      writer.open("relatedIdentifier")
          .attribute("relatedIdentifierType", identifier.type)
          .attribute("relationType", "References")
          .text(identifier.value)
          .close();
    }
    writer.close();
  }

  std::set<std::string> formats;
  for (const auto& file : record.files) {
    if (!file.media_type.empty()) formats.insert(file.media_type);
  }
  if (!formats.empty()) {
    writer.open("formats");
    for (const auto& format : formats) writer.element("format", format);
    writer.close();
  }

  if (const auto versions = values_of(record, "version"); !versions.empty()) {
    writer.element("version", trim(versions.front()->value));
  }

  std::vector<std::string> rights;
  for (const auto* value : values_of(record, "license")) rights.emplace_back(trim(value->value));
  if (!is_blank(record.rights)) rights.emplace_back(trim(record.rights));
  if (!rights.empty()) {
    writer.open("rightsList");
    for (const auto& uri : rights)
      writer.open("rights").attribute("rightsURI", uri).text(uri).close();
    writer.close();
  }

  if (const auto descriptions = values_of(record, "description"); !descriptions.empty()) {
    writer.open("descriptions");
    for (const auto* value : descriptions) {
      writer.open("description").attribute("descriptionType", "Abstract");
      if (is_xml_language(value->language)) writer.attribute("xml:lang", value->language);
      writer.text(value->value).close();
    }
    writer.close();
  }

  if (const auto places = values_of(record, "place"); !places.empty()) {
    writer.open("geoLocations");
    for (const auto* value : places) {
      writer.open("geoLocation").element("geoLocationPlace", value->value, value->language).close();
    }
    writer.close();
  }

  if (const auto funders = first_language(values_of(record, "funder")); !funders.empty()) {
    writer.open("fundingReferences");
    for (const auto* value : funders) {
      // funderName takes no xml:lang.
      writer.open("fundingReference").element("funderName", value->value).close();
    }
    writer.close();
  }
}

}  // namespace

bool has_datacite(const Record& record) { return record.kind == record::Kind::kResearchOutput; }

std::string normalize_doi(std::string_view value) {
  std::string_view text = trim(value);
  for (std::string_view prefix : {"https://doi.org/", "http://doi.org/", "https://dx.doi.org/",
                                  "http://dx.doi.org/", "doi:"}) {
    if (starts_with_ignoring_case(text, prefix)) {
      text.remove_prefix(prefix.size());
      break;
    }
  }
  // "10." registrant code, "/", a suffix without whitespace.
  const auto slash = text.find('/');
  if (!text.starts_with("10.") || slash == std::string_view::npos || slash == 3 ||
      slash + 1 == text.size() || text.find_first_of(" \t\r\n") != std::string_view::npos) {
    return "";
  }
  for (char c : text.substr(3, slash - 3)) {
    if (!((c >= '0' && c <= '9') || c == '.')) return "";
  }
  return std::string(text);
}

Status write_datacite(XmlWriter& writer, const Record& record, const DataciteOptions& options) {
  if (!has_datacite(record)) {
    return failed_precondition_error("record " + record.id + " is a " +
                                     std::string(record::kind_name(record.kind)) +
                                     "; DataCite describes research outputs only");
  }
  writer.open("resource")
      .attribute("xmlns", kDataciteNamespace)
      .attribute("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance")
      .attribute("xsi:schemaLocation", kSchemaLocation);
  write_identifiers(writer, record);
  write_creators(writer, record);
  write_titles(writer, record);

  const auto publishers = values_of(record, "publisher");
  if (!publishers.empty()) {
    writer.element("publisher", publishers.front()->value, publishers.front()->language);
  } else {
    writer.element("publisher", is_blank(options.fallback_publisher)
                                    ? kUnavailable
                                    : std::string_view(options.fallback_publisher));
  }
  writer.element("publicationYear", publication_year(record));

  const auto types = values_of(record, "resource_type");
  const std::string term = types.empty() ? "other" : std::string(trim(types.front()->value));
  writer.open("resourceType")
      .attribute("resourceTypeGeneral", resource_type_general(term))
      .text(term)
      .close();

  write_optional_parts(writer, record);
  writer.close();
  return ok_status();
}

Result<std::string> datacite_document(const Record& record, const DataciteOptions& options) {
  std::string out;
  XmlWriter writer(out);
  writer.declaration();
  MURA_TRY(write_datacite(writer, record, options));
  return out;
}

}  // namespace mura::formats
