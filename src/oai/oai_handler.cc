#include "oai/oai_handler.h"

#include <cstdint>
#include <ctime>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <utility>

#include "formats/datacite_xml.h"
#include "formats/dublin_core_xml.h"
#include "formats/xml_text.h"
#include "oai/identifiers.h"

namespace mura::oai {
namespace {

using catalog::RecordSummary;
using formats::XmlWriter;
using record::Record;

constexpr std::string_view kSchemaLocation =
    "http://www.openarchives.org/OAI/2.0/ http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd";
constexpr std::string_view kOaiIdentifierSchemaLocation =
    "http://www.openarchives.org/OAI/2.0/oai-identifier "
    "http://www.openarchives.org/OAI/2.0/oai-identifier.xsd";
// Written for a catalog timestamp that is not a datestamp (never for records Mura wrote).
constexpr std::string_view kUnknownDatestamp = "1970-01-01T00:00:00Z";

enum class Format { kOaiDc, kDatacite };

struct FormatInfo {
  Format format;
  std::string_view prefix;
  std::string_view schema;
  std::string_view namespace_uri;
};

constexpr FormatInfo kFormats[] = {
    {Format::kOaiDc, "oai_dc", formats::kOaiDcSchema, formats::kOaiDcNamespace},
    {Format::kDatacite, "datacite", formats::kDataciteSchema, formats::kDataciteNamespace},
};

const FormatInfo* find_format(std::string_view prefix) {
  for (const auto& info : kFormats) {
    if (info.prefix == prefix) return &info;
  }
  return nullptr;
}

bool disseminates(Format format, record::Kind kind) {
  return format == Format::kOaiDc || kind == record::Kind::kResearchOutput;
}

std::string format_utc(std::int64_t seconds, const char* pattern) {
  const auto time = static_cast<std::time_t>(seconds);
  std::tm parts{};
  gmtime_r(&time, &parts);
  char text[32];
  std::strftime(text, sizeof text, pattern, &parts);
  return text;
}

std::string datestamp_of(std::string_view modified) {
  return to_datestamp(modified).value_or(std::string(kUnknownDatestamp));
}

}  // namespace

// One request and its response: the protocol work of OaiHandler::handle, with the caches that
// live as long as one request (the setSpecs of the collections met so far).
class Exchange {
 public:
  explicit Exchange(const OaiHandler& handler)
      : handler_(handler),
        options_(handler.options_),
        catalog_(handler.catalog_),
        anonymous_(access::Caller::anonymous()) {
    const auto now = options_.clock ? options_.clock() : std::chrono::system_clock::now();
    now_ = std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count();
    today_ = format_utc(now_, "%Y-%m-%d");
    repository_identifier_ = options_.repository_identifier.empty()
                                 ? repository_identifier_from_url(options_.base_url)
                                 : options_.repository_identifier;
    identifier_prefix_ = oai_identifier(repository_identifier_, "");
  }

  // The response refusing a request that could not be read (badVerb, badArgument).
  std::string refuse(const ProtocolError& error) {
    write_head(nullptr);
    write_error(error);
    out_.append("</OAI-PMH>\n");
    return std::move(out_);
  }

  Result<std::string> run(const Arguments& arguments) {
    auto request = parse_request(arguments);
    if (!request) return refuse(request.error());
    write_head(&*request);
    const std::size_t head_size = out_.size();
    MURA_TRY(dispatch(*request));
    if (error_) {
      out_.resize(head_size);  // drop what the verb wrote before it failed
      write_error(*error_);
    }
    out_.append("</OAI-PMH>\n");
    return std::move(out_);
  }

 private:
  // Records a protocol error as the outcome of the request.
  Status fail(ErrorCode code, std::string message) {
    error_ = ProtocolError{code, std::move(message)};
    return ok_status();
  }
  Status fail(ProtocolError error) {
    error_ = std::move(error);
    return ok_status();
  }

  Status dispatch(const Request& request) {
    switch (request.verb) {
      case Verb::kIdentify:
        return identify();
      case Verb::kListMetadataFormats:
        return list_metadata_formats(request);
      case Verb::kListSets:
        return list_sets(request);
      case Verb::kGetRecord:
        return get_record(request);
      case Verb::kListIdentifiers:
      case Verb::kListRecords:
        return list(request);
    }
    return ok_status();
  }

  // The start of the response: the envelope's root element, the response date, and the
  // request (its arguments unless it was refused as badVerb or badArgument). The verb's body or
  // the error follows; the root is closed by hand.
  void write_head(const Request* request) {
    out_.reserve(64 * 1024);
    XmlWriter writer(out_);
    writer.declaration()
        .open("OAI-PMH")
        .attribute("xmlns", "http://www.openarchives.org/OAI/2.0/")
        .attribute("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance")
        .attribute("xsi:schemaLocation", kSchemaLocation);
    writer.element("responseDate", format_utc(now_, "%Y-%m-%dT%H:%M:%SZ"));
    writer.open("request");
    if (request != nullptr) {
      writer.attribute("verb", verb_name(request->verb));
      for (const auto& [name, value] :
           {std::pair<std::string_view, const std::string*>{"identifier", &request->identifier},
            {"metadataPrefix", &request->metadata_prefix},
            {"from", &request->from},
            {"until", &request->until},
            {"set", &request->set},
            {"resumptionToken", &request->resumption_token}}) {
        if (!value->empty()) writer.attribute(name, *value);
      }
    }
    writer.text(options_.base_url).close();
  }

  void write_error(const ProtocolError& error) {
    XmlWriter writer(out_);
    writer.open("error").attribute("code", error_code_name(error.code)).text(error.message);
    writer.close();
  }

  // Whether the anonymous public may see the record's metadata (the requirements the catalog
  // stored with it).
  bool visible(const RecordSummary& summary) const {
    return access::allows(anonymous_, summary.requirements.metadata, today_);
  }

  catalog::Visibility public_view() const { return catalog::Visibility::of(anonymous_, today_); }

  // The record `id` as its summary and full record, when the public may see it; std::nullopt
  // when it does not exist or is hidden (the two are not told apart).
  Result<std::optional<std::pair<RecordSummary, Record>>> visible_record(const std::string& id) {
    using Found = std::optional<std::pair<RecordSummary, Record>>;
    MURA_ASSIGN_OR_RETURN(auto summary, catalog_.summary(id));
    if (!summary || !visible(*summary)) return Found();
    MURA_ASSIGN_OR_RETURN(auto record, catalog_.get_record(id));
    if (!record) return Found();
    return Found(std::pair(std::move(*summary), std::move(*record)));
  }

  // The setSpec of a collection: its component and those of the collections above it, from
  // the outermost. "" when it is not exposed as a set: it or a collection above it is missing,
  // deleted, hidden from the public, or has an id that makes no setSpec. Remembered for the
  // request, and for kSpecLifetime across requests (OaiHandler::SpecCache).
  Result<const std::string*> set_spec_of(const std::string& collection_id) {
    if (auto known = specs_.find(collection_id); known != specs_.end()) return &known->second;
    std::optional<std::string> spec = handler_.specs_.find(collection_id, now_);
    if (!spec) {
      MURA_ASSIGN_OR_RETURN(spec, compute_set_spec(collection_id));
      handler_.specs_.put(collection_id, *spec, now_);
    }
    return &specs_.emplace(collection_id, std::move(*spec)).first->second;
  }

  Result<std::string> compute_set_spec(const std::string& collection_id) {
    MURA_ASSIGN_OR_RETURN(auto self, catalog_.summary(collection_id));
    if (!self || self->kind != record::Kind::kCollection) return std::string();
    auto ancestors = catalog_.ancestors(collection_id);
    if (!ancestors) {
      if (ancestors.error().code() == StatusCode::kNotFound) return std::string();
      return Error(ancestors.error());
    }
    std::vector<const RecordSummary*> chain;
    for (const auto& ancestor : *ancestors) {
      if (ancestor.kind == record::Kind::kCollection) chain.push_back(&ancestor);
    }
    chain.push_back(&*self);
    return exposed_spec(chain);
  }

  std::string exposed_spec(const std::vector<const RecordSummary*>& chain) const {
    std::string spec;
    for (const RecordSummary* collection : chain) {
      const auto component = set_component(collection->id);
      if (!component || collection->deleted || !visible(*collection)) return std::string();
      if (!spec.empty()) spec.push_back(':');
      spec += *component;
    }
    return spec;
  }

  // The collection a setSpec names, "" when there is no such exposed set.
  Result<std::string> resolve_set(const std::string& set) {
    const auto components = split_set_spec(set);
    const auto collection = collection_from_set_component(components.back());
    if (!collection) return std::string();
    MURA_ASSIGN_OR_RETURN(const std::string* spec, set_spec_of(*collection));
    return *spec == set ? *collection : std::string();
  }

  // How many collections are exposed as sets, counting no further than `enough`.
  Result<std::int64_t> count_sets(std::int64_t enough = INT64_MAX) {
    catalog::ListFilter filter;
    filter.kind = record::Kind::kCollection;
    filter.visibility = public_view();
    std::int64_t sets = 0;
    std::string cursor;
    do {
      MURA_ASSIGN_OR_RETURN(auto page, catalog_.list(filter, cursor, catalog::kMaxPageSize));
      for (const auto& summary : page.items) {
        MURA_ASSIGN_OR_RETURN(const std::string* spec, set_spec_of(summary.id));
        if (!spec->empty() && ++sets >= enough) return sets;
      }
      cursor = page.next_cursor;
    } while (!cursor.empty());
    return sets;
  }

  Status write_header(XmlWriter& writer, const RecordSummary& summary) {
    writer.open("header");
    if (summary.deleted) writer.attribute("status", "deleted");
    writer.open("identifier").text(identifier_prefix_).text(summary.id).close();
    if (is_datestamp(summary.modified)) {
      writer.element("datestamp", summary.modified);  // as the catalog keeps it: no copy
    } else {
      writer.element("datestamp", datestamp_of(summary.modified));
    }
    if (!summary.collection.empty()) {
      MURA_ASSIGN_OR_RETURN(const std::string* spec, set_spec_of(summary.collection));
      if (!spec->empty()) writer.element("setSpec", *spec);
    }
    writer.close();
    return ok_status();
  }

  Status write_record(XmlWriter& writer, const RecordSummary& summary, const Record* record,
                      Format format) {
    writer.open("record");
    MURA_TRY(write_header(writer, summary));
    if (!summary.deleted && record != nullptr) {
      writer.open("metadata");
      if (format == Format::kOaiDc) {
        formats::write_oai_dc(writer, formats::dublin_core_values(*record, handler_.profiles_,
                                                                  record_url(record->id)));
      } else {
        MURA_TRY(formats::write_datacite(writer, *record, {options_.repository_name}));
      }
      writer.close();
    }
    writer.close();
    return ok_status();
  }

  std::string record_url(std::string_view id) const {
    std::string url = options_.record_url_base;
    url.push_back('/');
    url.append(id);
    return url;
  }

  Status identify() {
    catalog::ListFilter all;
    all.include_deleted = true;
    all.visibility = public_view();
    MURA_ASSIGN_OR_RETURN(auto first, catalog_.list(all, "", 1));
    const std::string earliest = first.items.empty() ? format_utc(now_, "%Y-%m-%dT%H:%M:%SZ")
                                                     : datestamp_of(first.items.front().modified);
    XmlWriter writer(out_);
    writer.open("Identify");
    writer.element("repositoryName", options_.repository_name);
    writer.element("baseURL", options_.base_url);
    writer.element("protocolVersion", "2.0");
    writer.element("adminEmail", options_.admin_email.empty() ? "admin@" + repository_identifier_
                                                              : options_.admin_email);
    writer.element("earliestDatestamp", earliest);
    writer.element("deletedRecord", "persistent");
    writer.element("granularity", "YYYY-MM-DDThh:mm:ssZ");
    writer.open("description")
        .open("oai-identifier")
        .attribute("xmlns", "http://www.openarchives.org/OAI/2.0/oai-identifier")
        .attribute("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance")
        .attribute("xsi:schemaLocation", kOaiIdentifierSchemaLocation);
    writer.element("scheme", "oai");
    writer.element("repositoryIdentifier", repository_identifier_);
    writer.element("delimiter", ":");
    writer.element("sampleIdentifier",
                   oai_identifier(repository_identifier_, "ark:/" + options_.naan + "/mr4kz7q2x1"));
    writer.close_all();
    return ok_status();
  }

  Status list_metadata_formats(const Request& request) {
    std::optional<record::Kind> kind;
    if (!request.identifier.empty()) {
      const auto id = record_id_from_oai_identifier(repository_identifier_, request.identifier);
      std::optional<std::pair<RecordSummary, Record>> found;
      if (id) {
        MURA_ASSIGN_OR_RETURN(found, visible_record(*id));
      }
      if (!found) return fail(ErrorCode::kIdDoesNotExist, no_such_item(request.identifier));
      if (found->second.deleted) {
        return fail(ErrorCode::kNoMetadataFormats,
                    "the item " + request.identifier +
                        " was withdrawn; its metadata is no longer disseminated");
      }
      kind = found->second.kind;
    }
    XmlWriter writer(out_);
    writer.open("ListMetadataFormats");
    for (const auto& info : kFormats) {
      if (kind && !disseminates(info.format, *kind)) continue;
      writer.open("metadataFormat");
      writer.element("metadataPrefix", info.prefix);
      writer.element("schema", info.schema);
      writer.element("metadataNamespace", info.namespace_uri);
      writer.close();
    }
    writer.close();
    return ok_status();
  }

  std::string no_such_item(const std::string& identifier) const {
    return "no item " + identifier +
           " in this repository (identifiers read oai:" + repository_identifier_ +
           ":ark:/NAAN/name)";
  }

  Status get_record(const Request& request) {
    const auto id = record_id_from_oai_identifier(repository_identifier_, request.identifier);
    std::optional<std::pair<RecordSummary, Record>> found;
    if (id) {
      MURA_ASSIGN_OR_RETURN(found, visible_record(*id));
    }
    if (!found) return fail(ErrorCode::kIdDoesNotExist, no_such_item(request.identifier));
    const FormatInfo* info = find_format(request.metadata_prefix);
    if (info == nullptr || !disseminates(info->format, found->second.kind)) {
      return fail(ErrorCode::kCannotDisseminateFormat,
                  "the item " + request.identifier + " is not available as " +
                      request.metadata_prefix +
                      (info == nullptr ? " (this repository offers oai_dc and datacite)"
                                       : " (datacite is for research outputs; use oai_dc)"));
    }
    XmlWriter writer(out_);
    writer.open("GetRecord");
    MURA_TRY(write_record(writer, found->first, &found->second, info->format));
    writer.close();
    return ok_status();
  }

  // The state of the list a request asks for: from its resumptionToken, or a new list.
  OaiResult<TokenState> list_state(const Request& request) const {
    if (request.resumption_token.empty()) {
      TokenState state;
      state.verb = request.verb;
      state.metadata_prefix = request.metadata_prefix;
      state.set = request.set;
      state.range = request.range;
      return state;
    }
    auto state = handler_.tokens_.decode(request.resumption_token, now_);
    if (state && state->verb != request.verb) {
      return protocol_error(ErrorCode::kBadResumptionToken,
                            "the resumptionToken continues " + std::string(verb_name(state->verb)) +
                                ", not " + std::string(verb_name(request.verb)));
    }
    return state;
  }

  void write_resumption_token(XmlWriter& writer, const TokenState& state, std::int64_t sent,
                              const std::string& next_cursor, bool resumed) {
    if (next_cursor.empty() && !resumed) return;  // the whole list in one response
    writer.open("resumptionToken");
    if (!next_cursor.empty()) {
      TokenState next = state;
      next.catalog_cursor = next_cursor;
      next.cursor = state.cursor + sent;
      next.expires = now_ + options_.token_lifetime.count();
      writer.attribute("expirationDate", format_utc(next.expires, "%Y-%m-%dT%H:%M:%SZ"));
      if (state.complete_list_size > 0) {
        writer.attribute("completeListSize", std::to_string(state.complete_list_size));
      }
      writer.attribute("cursor", std::to_string(state.cursor));
      writer.text(handler_.tokens_.encode(next));
    } else {
      if (state.complete_list_size > 0) {
        writer.attribute("completeListSize", std::to_string(state.complete_list_size));
      }
      writer.attribute("cursor", std::to_string(state.cursor));
    }
    writer.close();
  }

  // Reads catalog pages from `cursor` until `emit` has counted `wanted` items or the list ends,
  // leaving `cursor` after the last item read ("" at the end). `emit` writes one item and says
  // whether it counted. Returns how many counted; std::nullopt when the catalog refused the
  // cursor of a resumptionToken (recorded as badResumptionToken).
  Result<std::optional<std::int64_t>> read_pages(
      const catalog::ListFilter& filter, std::string& cursor, int wanted,
      const std::function<Result<bool>(const RecordSummary&)>& emit) {
    const bool resumed = !cursor.empty();
    std::int64_t counted = 0;
    do {
      const int limit =
          static_cast<int>(std::min<std::int64_t>(wanted - counted, catalog::kMaxPageSize));
      auto page = catalog_.list(filter, cursor, limit);
      if (!page && resumed && page.error().code() == StatusCode::kInvalidArgument) {
        (void)fail(ErrorCode::kBadResumptionToken,
                   "the resumptionToken no longer fits this catalog; start the list again");
        return std::optional<std::int64_t>();
      }
      if (!page) return Error(page.error());
      for (const auto& summary : page->items) {
        if (!visible(summary)) continue;  // the catalog filtered already; never trust one place
        MURA_ASSIGN_OR_RETURN(bool counts, emit(summary));
        if (counts) ++counted;
      }
      cursor = page->next_cursor;
    } while (counted < wanted && !cursor.empty());
    return std::optional<std::int64_t>(counted);
  }

  Status list(const Request& request) {
    const bool resumed = !request.resumption_token.empty();
    auto state = list_state(request);
    if (!state) return fail(state.error());
    const FormatInfo* info = find_format(state->metadata_prefix);
    if (info == nullptr) {
      return fail(ErrorCode::kCannotDisseminateFormat, "this repository does not offer " +
                                                           state->metadata_prefix +
                                                           " (it offers oai_dc and datacite)");
    }
    catalog::ListFilter filter;
    filter.include_deleted = true;
    filter.visibility = public_view();
    if (info->format == Format::kDatacite) filter.kind = record::Kind::kResearchOutput;
    filter.modified_since = state->range.from;
    filter.modified_until = state->range.until;
    if (!state->set.empty()) {
      MURA_ASSIGN_OR_RETURN(filter.collection, resolve_set(state->set));
      if (filter.collection.empty()) {
        MURA_ASSIGN_OR_RETURN(std::int64_t sets, count_sets(1));
        if (sets == 0) return fail(ErrorCode::kNoSetHierarchy, "this repository has no sets");
        return fail(ErrorCode::kNoRecordsMatch, "there is no set " + state->set);
      }
    }

    if (!resumed) {
      MURA_ASSIGN_OR_RETURN(state->complete_list_size, catalog_.count(filter));
    }
    const bool with_metadata = request.verb == Verb::kListRecords;
    const int page_size = with_metadata ? options_.records_per_page : options_.headers_per_page;
    XmlWriter writer(out_);
    writer.open(verb_name(request.verb));
    std::string cursor = resumed ? state->catalog_cursor : std::string();
    MURA_ASSIGN_OR_RETURN(
        auto read,
        read_pages(filter, cursor, page_size, [&](const RecordSummary& summary) -> Result<bool> {
          std::optional<Record> record;
          if (with_metadata && !summary.deleted) {
            MURA_ASSIGN_OR_RETURN(record, catalog_.get_record(summary.id));
            if (!record) return false;  // removed from the catalog since the page was read
          }
          if (with_metadata) {
            MURA_TRY(write_record(writer, summary, record ? &*record : nullptr, info->format));
          } else {
            MURA_TRY(write_header(writer, summary));
          }
          return true;
        }));
    if (!read) return ok_status();  // a badResumptionToken
    const std::int64_t sent = *read;
    if (sent == 0) {
      return fail(ErrorCode::kNoRecordsMatch, resumed
                                                  ? "no further records match; the list is complete"
                                                  : "no records match the arguments");
    }
    write_resumption_token(writer, *state, sent, cursor, resumed);
    writer.close();
    return ok_status();
  }

  Status list_sets(const Request& request) {
    const bool resumed = !request.resumption_token.empty();
    TokenState state;
    state.verb = Verb::kListSets;
    if (resumed) {
      auto decoded = list_state(request);
      if (!decoded) return fail(decoded.error());
      state = *decoded;
    }
    catalog::ListFilter filter;
    filter.kind = record::Kind::kCollection;
    filter.visibility = public_view();
    XmlWriter writer(out_);
    writer.open("ListSets");
    std::string cursor = resumed ? state.catalog_cursor : std::string();
    MURA_ASSIGN_OR_RETURN(
        auto read,
        read_pages(filter, cursor, options_.sets_per_page,
                   [&](const RecordSummary& summary) -> Result<bool> {
                     MURA_ASSIGN_OR_RETURN(const std::string* spec, set_spec_of(summary.id));
                     if (spec->empty()) return false;
                     MURA_ASSIGN_OR_RETURN(auto collection, catalog_.get_record(summary.id));
                     if (!collection) return false;
                     const std::string name = collection->first_value("title");
                     writer.open("set");
                     writer.element("setSpec", *spec);
                     writer.element("setName", name.empty() ? summary.id : name);
                     writer.open("setDescription");
                     formats::write_oai_dc(
                         writer, formats::dublin_core_values(*collection, handler_.profiles_,
                                                             record_url(collection->id)));
                     writer.close().close();
                     return true;
                   }));
    if (!read) return ok_status();  // a badResumptionToken
    const std::int64_t sent = *read;
    if (!resumed && !cursor.empty()) {
      MURA_ASSIGN_OR_RETURN(state.complete_list_size, count_sets());
    }
    if (sent == 0) {
      return fail(ErrorCode::kNoSetHierarchy, resumed ? "no further sets; the list is complete"
                                                      : "this repository has no sets");
    }
    write_resumption_token(writer, state, sent, cursor, resumed);
    writer.close();
    return ok_status();
  }

  const OaiHandler& handler_;
  const OaiOptions& options_;
  catalog::Catalog& catalog_;
  const access::Caller anonymous_;
  std::int64_t now_ = 0;
  std::string today_;
  std::string repository_identifier_;
  std::string identifier_prefix_;             // "oai:<repository identifier>:"
  std::map<std::string, std::string> specs_;  // the setSpecs met in this request
  std::string out_;                           // the response
  std::optional<ProtocolError> error_;
};

std::optional<std::string> OaiHandler::SpecCache::find(const std::string& collection_id,
                                                       std::int64_t now) const {
  std::lock_guard lock(mutex_);
  const auto found = entries_.find(collection_id);
  if (found == entries_.end() || now - found->second.made >= kSpecLifetime.count() ||
      now < found->second.made) {
    return std::nullopt;
  }
  return found->second.spec;
}

void OaiHandler::SpecCache::put(const std::string& collection_id, const std::string& spec,
                                std::int64_t now) const {
  std::lock_guard lock(mutex_);
  if (entries_.size() >= kMaxSpecs) entries_.clear();
  entries_.insert_or_assign(collection_id, Entry{spec, now});
}

OaiHandler::OaiHandler(catalog::Catalog& catalog, const record::ProfileSet& profiles,
                       OaiOptions options, std::string token_key)
    : catalog_(catalog),
      profiles_(profiles),
      options_(std::move(options)),
      tokens_(std::move(token_key)) {}

Result<std::unique_ptr<OaiHandler>> OaiHandler::create(catalog::Catalog& catalog,
                                                       const record::ProfileSet& profiles,
                                                       OaiOptions options) {
  MURA_ASSIGN_OR_RETURN(std::string key, load_or_create_token_key(catalog));
  return std::unique_ptr<OaiHandler>(
      new OaiHandler(catalog, profiles, std::move(options), std::move(key)));
}

Result<std::string> OaiHandler::handle(const Arguments& arguments) const {
  Exchange exchange(*this);
  return exchange.run(arguments);
}

}  // namespace mura::oai

namespace mura::oai {

std::string OaiHandler::bad_argument(std::string message) const {
  Exchange exchange(*this);
  return exchange.refuse(ProtocolError{ErrorCode::kBadArgument, std::move(message)});
}

}  // namespace mura::oai
