// Server-rendered HTML: the record page's head (title, description, Open Graph, schema.org
// JSON-LD) so that search engines index records without running scripts, and HTML escaping.
#pragma once

#include <string>
#include <string_view>

#include "http/message.h"
#include "record/record.h"

namespace mura::http {

// &, <, >, " and ' escaped.
std::string escape_html(std::string_view text);

// The interface language for a request: ?lang=, else the mura_lang cookie, else the first of
// kk, kk-Latn, ru, en in Accept-Language; "kk" by default.
std::string language_of(const Request& request);

// schema.org JSON-LD of a record (CreativeWork, ArchiveComponent, Legislation, ...).
std::string json_ld(const record::Record& record, const std::string& base_url);

// The tags of a record page's <head>: <title>, description, canonical link (the ARK), Open Graph
// and schema.org JSON-LD, in `language` where the record has it.
std::string record_head(const record::Record& record, const std::string& base_url,
                        const std::string& language);

// A complete page for the record: the head above and a readable body; the web UI's script
// (when built) takes over in the browser.
std::string record_page(const record::Record& record, const std::string& base_url,
                        const std::string& language);

}  // namespace mura::http
