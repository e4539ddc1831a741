// An OAI-PMH 2.0 request: the verb and its arguments, checked against the protocol's rules
// (section 3.1 and 4 of the specification) before any repository work, and the protocol's
// error conditions as values. Plain functions; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <tl/expected.hpp>
#include <utility>
#include <vector>

namespace mura::oai {

enum class Verb {
  kIdentify,
  kListMetadataFormats,
  kListSets,
  kGetRecord,
  kListIdentifiers,
  kListRecords
};

// "Identify", "ListMetadataFormats", ...
std::string_view verb_name(Verb verb);
std::optional<Verb> parse_verb(std::string_view name);

enum class ErrorCode {
  kBadArgument,
  kBadResumptionToken,
  kBadVerb,
  kCannotDisseminateFormat,
  kIdDoesNotExist,
  kNoRecordsMatch,
  kNoMetadataFormats,
  kNoSetHierarchy,
};

// "badArgument", "badResumptionToken", ... as the protocol writes them.
std::string_view error_code_name(ErrorCode code);

// An OAI-PMH error condition: answered inside a 200 response as <error code="...">.
struct ProtocolError {
  ErrorCode code;
  std::string message;
  friend bool operator==(const ProtocolError&, const ProtocolError&) = default;
};

template <typename T>
using OaiResult = tl::expected<T, ProtocolError>;

inline tl::unexpected<ProtocolError> protocol_error(ErrorCode code, std::string message) {
  return tl::unexpected<ProtocolError>(ProtocolError{code, std::move(message)});
}

// Bounds on datestamps for the catalog, at second granularity ("2026-11-28T00:00:00Z"); empty
// when the request gives none.
struct DateRange {
  std::string from;
  std::string until;
  friend bool operator==(const DateRange&, const DateRange&) = default;
};

struct Request {
  Verb verb = Verb::kIdentify;
  // The arguments as given (for the <request> element); empty when absent.
  std::string identifier;
  std::string metadata_prefix;
  std::string from;
  std::string until;
  std::string set;
  std::string resumption_token;
  // from/until as inclusive bounds: a day becomes its first or last second.
  DateRange range;
};

using Arguments = std::vector<std::pair<std::string, std::string>>;

// Checks the arguments of one request (from the query string or the form body):
//  - badVerb: no verb, a repeated verb, or one the protocol does not define;
//  - badArgument: a repeated argument, one the verb does not take, a missing required one, an
//    empty value, resumptionToken together with anything but the verb, a metadataPrefix or set
//    outside the protocol's syntax, a from/until that is not a valid YYYY-MM-DD or
//    YYYY-MM-DDThh:mm:ssZ, from and until of different granularity, or from after until.
OaiResult<Request> parse_request(const Arguments& arguments);

// True for a datestamp at second granularity: "YYYY-MM-DDThh:mm:ssZ", a valid date and time.
bool is_datestamp(std::string_view text);

// A datestamp at second granularity from a catalog timestamp: "2026-11-28T10:00:00Z" as is,
// fractions of a second dropped, a bare date at midnight; std::nullopt for anything else.
std::optional<std::string> to_datestamp(std::string_view timestamp);

// True for a metadataPrefix or a setSpec in the protocol's syntax.
bool is_metadata_prefix(std::string_view text);
bool is_set_spec(std::string_view text);

}  // namespace mura::oai
