// oai_dc: a record as unqualified Dublin Core in the OAI-PMH container format
// (http://www.openarchives.org/OAI/2.0/oai_dc/). The values are the record profile's Dublin
// Core mapping (record::ProfileSet::dublin_core), each with its language as xml:lang, preceded
// by the record's resolvable ARK URL as dc:identifier. Plain functions; thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "formats/xml_text.h"
#include "record/profile.h"
#include "record/record.h"

namespace mura::formats {

inline constexpr std::string_view kOaiDcNamespace = "http://www.openarchives.org/OAI/2.0/oai_dc/";
inline constexpr std::string_view kOaiDcSchema = "http://www.openarchives.org/OAI/2.0/oai_dc.xsd";
inline constexpr std::string_view kDublinCoreNamespace = "http://purl.org/dc/elements/1.1/";

// (element, value) pairs as ProfileSet::dublin_core gives them: "title", {"kk", "Хат"}.
using DublinCoreValues = std::vector<std::pair<std::string, record::LanguageValue>>;

// The record's Dublin Core: `record_url` (its ARK at the resolver, e.g.
// "https://mura.example.kz/ark:/99999/mr4kz7q2x1") as the first dc:identifier when not empty,
// then the profile mapping.
DublinCoreValues dublin_core_values(const record::Record& record,
                                    const record::ProfileSet& profiles,
                                    std::string_view record_url);

// Writes one <oai_dc:dc> element, with its namespace declarations and schema location, holding
// a dc:<element> per value. A value's language becomes xml:lang when it is a language tag.
// Elements outside the fifteen of Dublin Core are skipped.
void write_oai_dc(XmlWriter& writer, const DublinCoreValues& values);

// A standalone oai_dc document (XML declaration and one <oai_dc:dc> root).
std::string oai_dc_document(const DublinCoreValues& values);

}  // namespace mura::formats
