#include "http/router.h"

#include "http/problem.h"

namespace mura::http {

const std::string& Context::parameter(const std::string& name) const {
  static const std::string kEmpty;
  const auto it = parameters.find(name);
  return it == parameters.end() ? kEmpty : it->second;
}

std::vector<std::string> split_path(std::string_view path) {
  std::vector<std::string> segments;
  while (!path.empty()) {
    const auto slash = path.find('/');
    const auto segment = path.substr(0, slash);
    if (!segment.empty()) segments.emplace_back(segment);
    if (slash == std::string_view::npos) break;
    path.remove_prefix(slash + 1);
  }
  return segments;
}

void Router::add(std::string method, std::string pattern, RouteHandler handler) {
  Route route{std::move(method), pattern, split_path(pattern), std::move(handler), {}};
  routes_.push_back(std::move(route));
}

void Router::add_inline(const std::string& method, const std::string& pattern,
                        InlineRouteHandler handler) {
  // A fast path belongs to the route just added.
  MURA_CHECK(!routes_.empty() && routes_.back().method == method &&
             routes_.back().pattern == pattern);
  routes_.back().inline_handler = std::move(handler);
}

std::vector<std::pair<std::string, std::string>> Router::routes() const {
  std::vector<std::pair<std::string, std::string>> result;
  for (const auto& route : routes_) result.emplace_back(route.method, route.pattern);
  return result;
}

bool Router::match(const Route& route, const std::vector<std::string>& path,
                   std::map<std::string, std::string>& parameters) {
  std::size_t at = 0;
  for (std::size_t i = 0; i < route.segments.size(); ++i) {
    const auto& segment = route.segments[i];
    if (segment.size() > 3 && segment.front() == '{' && segment.ends_with("*}")) {
      if (at >= path.size()) return false;
      std::string rest;
      for (std::size_t j = at; j < path.size(); ++j) {
        if (!rest.empty()) rest += '/';
        rest += path[j];
      }
      parameters[segment.substr(1, segment.size() - 3)] = rest;
      return true;
    }
    if (at >= path.size()) return false;
    if (segment == "{ark}") {
      if (path[at] == "ark:") {
        if (at + 2 >= path.size()) return false;
        parameters["ark"] = "ark:/" + path[at + 1] + "/" + path[at + 2];
        at += 3;
      } else if (path[at].starts_with("ark:/")) {
        parameters["ark"] = path[at];  // percent-encoded as one segment
        at += 1;
      } else {
        return false;
      }
      continue;
    }
    if (segment.size() > 2 && segment.front() == '{' && segment.back() == '}') {
      parameters[segment.substr(1, segment.size() - 2)] = path[at++];
      continue;
    }
    if (segment != path[at]) return false;
    ++at;
  }
  return at == path.size();
}

const Router::Route* Router::find(const std::string& method, const std::vector<std::string>& path,
                                 std::map<std::string, std::string>& parameters) const {
  for (const auto& route : routes_) {
    parameters.clear();
    if (route.method == method && match(route, path, parameters)) return &route;
  }
  return nullptr;
}

std::optional<Response> Router::dispatch_inline(const Request& request, access::Caller caller,
                                                std::string today) const {
  const std::string method = request.method == "HEAD" ? "GET" : request.method;
  std::map<std::string, std::string> parameters;
  const Route* route = find(method, split_path(request.path), parameters);
  if (route == nullptr || !route->inline_handler) return std::nullopt;
  Context context{request, std::move(parameters), std::move(caller), std::move(today)};
  auto result = route->inline_handler(context);
  if (!result) return std::nullopt;
  Response response =
      *result ? std::move(**result) : problem_response(result->error(), request.path);
  response.route = route->pattern;
  return response;
}

Response Router::dispatch(const Request& request, access::Caller caller, std::string today) const {
  const auto path = split_path(request.path);
  const std::string method = request.method == "HEAD" ? "GET" : request.method;
  std::string allowed;
  for (const auto& route : routes_) {
    std::map<std::string, std::string> parameters;
    if (!match(route, path, parameters)) continue;
    if (route.method != method) {
      if (allowed.find(route.method) == std::string::npos) {
        if (!allowed.empty()) allowed += ", ";
        allowed += route.method;
      }
      continue;
    }
    Context context{request, std::move(parameters), std::move(caller), std::move(today)};
    auto result = route.handler(context);
    Response response = result ? std::move(*result) : problem_response(result.error(), request.path);
    response.route = route.pattern;
    return response;
  }
  Response response;
  if (!allowed.empty()) {
    response = problem_response(405, request.method + " is not allowed on " + request.path +
                                         " (allowed: " + allowed + ")",
                                request.path);
    response.set_header("Allow", allowed);
  } else {
    response = problem_response(404, "nothing is at " + request.path, request.path);
  }
  response.route = "unmatched";
  return response;
}

}  // namespace mura::http
