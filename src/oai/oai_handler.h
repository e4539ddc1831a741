// The OAI-PMH 2.0 data provider: answers the six verbs over the catalog, as the anonymous public
// may see it (lists are filtered inside the catalog's queries by the access policy's stored
// requirements, single records by access::allows; hidden records are never named, listed or
// counted). Metadata formats: oai_dc for every record, datacite (kernel 4) for research
// outputs. Sets are collections; deleted records are reported from tombstones (persistent);
// lists page by the catalog's keyset with stateless signed resumption tokens
// (resumption_token.h). docs/format/oai-pmh.md describes what is exposed.
// Thread-safe: handle() may run on many threads at once; it keeps no state between requests.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "access/policy.h"
#include "base/result.h"
#include "catalog/catalog.h"
#include "oai/request.h"
#include "oai/resumption_token.h"
#include "record/profile.h"

namespace mura::oai {

using Clock = std::function<std::chrono::system_clock::time_point()>;

// How long a collection's setSpec is remembered across requests, and how many are.
inline constexpr std::chrono::seconds kSpecLifetime{60};
inline constexpr std::size_t kMaxSpecs = 100'000;

struct OaiOptions {
  // The base URL of the OAI-PMH endpoint, echoed in every response: "https://mura.example.kz/oai".
  std::string base_url = "http://127.0.0.1:8080/oai";
  // Where records resolve: dc:identifier is "<record_url_base>/<ARK>".
  std::string record_url_base = "http://127.0.0.1:8080";
  std::string repository_name = "Mura";
  // The oai-identifier repository identifier; "" takes the host of base_url
  // (identifiers.h: repository_identifier_from_url).
  std::string repository_identifier;
  // Identify's adminEmail; "" gives "admin@<repository identifier>".
  std::string admin_email;
  // The NAAN of the repository's ARKs, for Identify's sample identifier.
  std::string naan = "99999";
  int records_per_page = 200;  // ListRecords
  int headers_per_page = 500;  // ListIdentifiers
  int sets_per_page = 100;     // ListSets
  std::chrono::seconds token_lifetime = std::chrono::hours(24);
  // The time of the response and of token expiry; the system clock when empty.
  Clock clock;
};

class OaiHandler {
 public:
  // A handler over `catalog` and `profiles`, which must outlive it. Loads the resumption-token
  // key from the catalog's settings, making it on first use; errors of the catalog are returned.
  static Result<std::unique_ptr<OaiHandler>> create(catalog::Catalog& catalog,
                                                    const record::ProfileSet& profiles,
                                                    OaiOptions options);

  // Answers one request (the arguments of the query string or form body, in order) with a
  // complete OAI-PMH response document; protocol errors are inside it (<error code="...">).
  // An error Status only when the catalog fails (Unavailable, DataLoss, ...).
  Result<std::string> handle(const Arguments& arguments) const;

  // The badArgument response for a request whose arguments could not be read at all (a form
  // body that is not application/x-www-form-urlencoded, a malformed escape): `message` says why.
  std::string bad_argument(std::string message) const;

  const OaiOptions& options() const { return options_; }

 private:
  OaiHandler(catalog::Catalog& catalog, const record::ProfileSet& profiles, OaiOptions options,
             std::string token_key);

  // The setSpecs of collections, shared by requests for kSpecLifetime, so that a page of
  // records from many collections does not look each one up again. A change to a collection's
  // place or visibility shows in the setSpecs of headers within kSpecLifetime; sets themselves
  // (ListSets, the set argument) are checked the same way.
  class SpecCache {
   public:
    std::optional<std::string> find(const std::string& collection_id, std::int64_t now) const;
    void put(const std::string& collection_id, const std::string& spec, std::int64_t now) const;

   private:
    struct Entry {
      std::string spec;
      std::int64_t made = 0;  // seconds since 1970
    };
    mutable std::mutex mutex_;
    mutable std::unordered_map<std::string, Entry> entries_;  // GUARDED_BY(mutex_)
  };

  friend class Exchange;
  catalog::Catalog& catalog_;
  const record::ProfileSet& profiles_;
  OaiOptions options_;
  TokenCodec tokens_;
  SpecCache specs_;
};

}  // namespace mura::oai
