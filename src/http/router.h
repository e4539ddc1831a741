// Routes: a method and a path pattern to a handler. Patterns are segments: literals, "{name}"
// (one segment), "{ark}" (an ARK written out, "ark:/99999/mxyz" — three segments — or as one
// percent-encoded segment), and a final "{path*}" (the rest, slashes included). The router answers
// 404 when no pattern matches and 405 (with Allow) when one matches with another method; HEAD is
// served by GET routes. Handlers return Result<Response>; an error becomes problem+json here.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "access/policy.h"
#include "base/result.h"
#include "http/message.h"

namespace mura::http {

// What a handler gets: the request, the pattern's parameters, and who is asking.
struct Context {
  const Request& request;
  std::map<std::string, std::string> parameters;
  access::Caller caller;
  std::string today;  // "YYYY-MM-DD" UTC, for embargoes and closures

  const std::string& parameter(const std::string& name) const;
};

using RouteHandler = std::function<Result<Response>(Context&)>;
// The fast path of a route, run on an I/O thread before the request goes to the worker pool. It
// answers only what it can without blocking (a cached rendering behind one catalog lookup) and
// returns nullopt otherwise; the route's full handler then runs on a worker as usual.
using InlineRouteHandler = std::function<std::optional<Result<Response>>(Context&)>;

class Router {
 public:
  void add(std::string method, std::string pattern, RouteHandler handler);
  // Gives the route added last, which must have this method and pattern, a fast path.
  void add_inline(const std::string& method, const std::string& pattern, InlineRouteHandler handler);

  // Every route as (method, pattern), in the order added (for the OpenAPI check).
  std::vector<std::pair<std::string, std::string>> routes() const;

  // Finds the route and runs it. Sets Response::route to the pattern (or "unmatched").
  Response dispatch(const Request& request, access::Caller caller, std::string today) const;
  // The matching route's fast path, if it has one and it answers; nullopt otherwise.
  std::optional<Response> dispatch_inline(const Request& request, access::Caller caller,
                                          std::string today) const;

 private:
  struct Route {
    std::string method;
    std::string pattern;
    std::vector<std::string> segments;
    RouteHandler handler;
    InlineRouteHandler inline_handler;
  };
  // The route for `method` ("GET" for a HEAD request) whose pattern matches `path`, or null.
  const Route* find(const std::string& method, const std::vector<std::string>& path,
                    std::map<std::string, std::string>& parameters) const;
  static bool match(const Route& route, const std::vector<std::string>& path,
                    std::map<std::string, std::string>& parameters);
  std::vector<Route> routes_;
};

// The path split at "/" (empty segments dropped).
std::vector<std::string> split_path(std::string_view path);

}  // namespace mura::http
