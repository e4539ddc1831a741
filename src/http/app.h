// The Mura web application: every route of `mura serve` — REST API v1, OAI-PMH, IIIF, ARK
// resolver, sitemap, health, metrics and the web UI's files — on one Router, over one
// Repository. It authenticates each request into an access::Caller and hands it to the route,
// which reads through service/record_access.h so that the one policy decides. Thread-safe.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "access/policy.h"
#include "base/result.h"
#include "http/message.h"
#include "http/metrics.h"
#include "http/router.h"
#include "service/repository.h"

namespace mura::http {

struct AppOptions {
  // The public base URL, used in links, ARKs, OAI-PMH and IIIF ids: "http://127.0.0.1:8080".
  std::string base_url = "http://127.0.0.1:8080";
  // Built web UI files (web/dist); "" serves none.
  std::string web_root;
  // URLs per sitemap file (the sitemaps protocol allows 50,000); more make a sitemap index.
  int sitemap_page_size = 50000;
};

// Turns a request's credentials into a caller: anonymous without any, Unauthenticated for bad
// ones. Installed by `mura serve` from the accounts store.
using Authenticator = std::function<Result<access::Caller>(const Request&)>;
// Whether a request carries credentials the Authenticator would read (a token, a session
// cookie); one without is anonymous without a lookup.
using CredentialProbe = std::function<bool(const Request&)>;

class App {
 public:
  App(service::Repository& repository, AppOptions options);
  ~App();

  // Without a probe every request counts as one with credentials: no fast path passes it by.
  void set_authenticator(Authenticator authenticator,
                         CredentialProbe has_credentials = [](const Request&) { return true; });
  Response handle(const Request& request);
  // Answers on the calling (I/O) thread when a route's fast path can: only for requests without
  // credentials, whose caller is anonymous without a lookup. nullopt means: call handle() on a
  // worker.
  std::optional<Response> handle_inline(const Request& request);
  Metrics& metrics() { return metrics_; }
  const Router& router() const { return router_; }
  service::Repository& repository() { return repository_; }
  const AppOptions& options() const { return options_; }

  // Adds routes; used by the modules that register themselves (api, oai, iiif, web).
  Router& mutable_router() { return router_; }
  // Keeps a module's state (an index, a handler, a cache) alive as long as the app.
  void hold(std::shared_ptr<const void> state) { held_.push_back(std::move(state)); }

 private:
  service::Repository& repository_;
  AppOptions options_;
  Router router_;
  Metrics metrics_;
  // The headers every response carries (nosniff; CORS on the machine-readable routes).
  static void finish(const Request& request, Response& response);

  Authenticator authenticator_;
  CredentialProbe has_credentials_;
  std::vector<std::shared_ptr<const void>> held_;
};

// Route registration of each module (one file each).
void add_system_routes(App& app);   // /healthz, /metrics
void add_record_routes(App& app);   // /api/v1/records...
void add_listing_routes(App& app);   // /api/v1/records (list), children, /sitemap.xml
void add_ingest_routes(App& app);    // /api/v1/ingests (jobs)
void add_discovery_routes(App& app);  // /ark:/..., /sitemap.xml, /api/v1/openapi.json
void add_auth_routes(App& app);     // the authenticator; /api/v1/session, users, tokens, audit
void add_search_routes(App& app);   // /api/v1/search
void add_oai_routes(App& app);      // /oai
void add_iiif_routes(App& app);     // /iiif/3/...
void add_kurultai_routes(App& app);  // /api/v1/kurultai/...
void add_web_routes(App& app);      // the web UI's files; registered last (SPA fallback)

}  // namespace mura::http
