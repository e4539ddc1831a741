// /healthz and /metrics.
#include <nlohmann/json.hpp>

#include "http/app.h"

namespace mura::http {

void add_system_routes(App& app) {
  auto& router = app.mutable_router();
  router.add("GET", "/healthz", [&app](Context&) -> Result<Response> {
    MURA_ASSIGN_OR_RETURN(auto stats, app.repository().catalog().stats());
    nlohmann::json body = {{"status", "ok"}, {"records", stats.records}};
    auto response = Response::text(200, body.dump(), "application/json");
    response.set_header("Cache-Control", "no-store");
    return response;
  });
  app.metrics().set_gauge_source([&app] {
    std::map<std::string, std::pair<std::string, double>> gauges;
    if (auto stats = app.repository().catalog().stats()) {
      gauges["mura_catalog_records"] = {"Records in the catalog, tombstones included.",
                                        static_cast<double>(stats->records)};
      gauges["mura_catalog_deleted_records"] = {"Withdrawn records (tombstones).",
                                                static_cast<double>(stats->deleted)};
      gauges["mura_store_files"] = {"Deposited files at the head versions.",
                                    static_cast<double>(stats->files)};
      gauges["mura_store_bytes"] = {"Bytes of the deposited files at the head versions.",
                                    static_cast<double>(stats->bytes)};
      gauges["mura_catalog_events"] = {"Preservation events in the catalog.",
                                       static_cast<double>(stats->events)};
    }
    return gauges;
  });
  router.add("GET", "/metrics", [&app](Context&) -> Result<Response> {
    auto response = Response::text(200, app.metrics().render(), "text/plain; version=0.0.4");
    response.set_header("Cache-Control", "no-store");
    return response;
  });
}

}  // namespace mura::http
