// DataCite Metadata Schema 4 (kernel-4) for research outputs: the record's fields mapped to a
// <resource> element (docs/format/oai-pmh.md has the table), every language-tagged value with
// its xml:lang. Plain functions; thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "base/result.h"
#include "formats/xml_text.h"
#include "record/record.h"

namespace mura::formats {

inline constexpr std::string_view kDataciteNamespace = "http://datacite.org/schema/kernel-4";
inline constexpr std::string_view kDataciteSchema =
    "http://schema.datacite.org/meta/kernel-4/metadata.xsd";

struct DataciteOptions {
  // The publisher written when the record names none (the repository's name).
  std::string fallback_publisher;
};

// True for the kinds DataCite describes: research outputs.
bool has_datacite(const record::Record& record);

// The DOI in a "doi" field value ("10.1234/abc", "doi:10.1234/abc",
// "https://doi.org/10.1234/abc"), as "10.1234/abc"; "" when it is not a DOI.
std::string normalize_doi(std::string_view value);

// Writes one <resource> element in the DataCite namespace, with its schema location.
//  - identifier: the DOI (identifierType DOI), else the ARK (identifierType ARK);
//  - creators, contributors and funders: the values in the language of the first one (one
//    name each; the other languages repeat the same names); a creator ":unav" when there is none;
//  - titles: every title, later ones AlternativeTitle (same language) or TranslatedTitle;
//  - publisher, publicationYear, resourceType (resourceTypeGeneral from the resource_type
//    term), subjects, contributors (Other), funders (fundingReferences), dates (Coverage),
//    language, alternateIdentifiers, relatedIdentifiers (References, when the type is
//    recognised), formats, version, rightsList, descriptions (Abstract), geoLocationPlace.
// FailedPrecondition for a record that is not a research output.
Status write_datacite(XmlWriter& writer, const record::Record& record,
                      const DataciteOptions& options);

// A standalone DataCite document (XML declaration and one <resource> root).
Result<std::string> datacite_document(const record::Record& record, const DataciteOptions& options);

}  // namespace mura::formats
