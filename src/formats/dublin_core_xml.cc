#include "formats/dublin_core_xml.h"

#include <algorithm>
#include <iterator>

namespace mura::formats {
namespace {

constexpr std::string_view kSchemaLocation =
    "http://www.openarchives.org/OAI/2.0/oai_dc/ http://www.openarchives.org/OAI/2.0/oai_dc.xsd";

// "dc:title" for "title", or "" for a name outside the element set.
std::string_view qualified_name(std::string_view element) {
  static constexpr std::string_view kQualified[] = {
      "dc:contributor", "dc:coverage",   "dc:creator",  "dc:date",      "dc:description",
      "dc:format",      "dc:identifier", "dc:language", "dc:publisher", "dc:relation",
      "dc:rights",      "dc:source",     "dc:subject",  "dc:title",     "dc:type"};
  static_assert(std::size(kQualified) == std::size(record::kDublinCoreElements));
  for (std::size_t i = 0; i < std::size(kQualified); ++i) {
    if (record::kDublinCoreElements[i] == element) return kQualified[i];
  }
  return {};
}

}  // namespace

DublinCoreValues dublin_core_values(const record::Record& record,
                                    const record::ProfileSet& profiles,
                                    std::string_view record_url) {
  DublinCoreValues values;
  if (!record_url.empty()) {
    values.emplace_back("identifier", record::LanguageValue{"", std::string(record_url)});
  }
  DublinCoreValues mapped = profiles.dublin_core(record);
  values.insert(values.end(), std::make_move_iterator(mapped.begin()),
                std::make_move_iterator(mapped.end()));
  return values;
}

void write_oai_dc(XmlWriter& writer, const DublinCoreValues& values) {
  writer.open("oai_dc:dc")
      .attribute("xmlns:oai_dc", kOaiDcNamespace)
      .attribute("xmlns:dc", kDublinCoreNamespace)
      .attribute("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance")
      .attribute("xsi:schemaLocation", kSchemaLocation);
  for (const auto& [element, value] : values) {
    const std::string_view name = qualified_name(element);
    if (!name.empty()) writer.element(name, value.value, value.language);
  }
  writer.close();
}

std::string oai_dc_document(const DublinCoreValues& values) {
  std::string out;
  XmlWriter writer(out);
  writer.declaration();
  write_oai_dc(writer, values);
  return out;
}

}  // namespace mura::formats
