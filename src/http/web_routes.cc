// The web UI's files (the built web/dist given by `mura serve --web DIR`): the files themselves,
// with ETags and ranges, a year's caching for content-hashed assets and none for index.html, a
// gzip copy when the build left one and the browser takes it; and the single-page app's fallback:
// any other GET path outside the server's own areas (/api/, /iiif/, /oai, /ark:, /healthz,
// /metrics) answers index.html so that the app's own URLs can be shared and reloaded.
// Registered last, so every other module's routes match first; in those areas the answer is the
// 404 or 405 the other routes alone would give. A path is never resolved outside the web root.
#include <algorithm>
#include <array>
#include <cstdio>
#include <ctime>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/file_system.h"
#include "base/posix_file_system.h"
#include "http/app.h"
#include "access/policy.h"
#include "http/file_response.h"
#include "http/html.h"
#include "http/problem.h"
#include "service/record_access.h"

namespace mura::http {
namespace {

// Top-level segments the server owns: the app's fallback never answers for them.
constexpr std::array<std::string_view, 5> kServerAreas = {"api", "iiif", "oai", "healthz",
                                                          "metrics"};
// Methods that reach the fallback so that the server's areas answer 404 or 405 as without it.
constexpr std::array<std::string_view, 5> kMethods = {"GET", "POST", "PUT", "PATCH", "DELETE"};

// Sent with every page (index.html, mirador.html): scripts only from this origin; images, media and IIIF resources may come
// from other IIIF servers named in a manifest.
constexpr std::string_view kContentSecurityPolicy =
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data: blob: https:; media-src 'self' blob: https:; font-src 'self'; "
    "connect-src 'self' https:; frame-ancestors 'self'; base-uri 'self'; form-action 'self'; "
    "object-src 'none'";

std::string_view media_type_of(std::string_view name) {
  struct Entry {
    std::string_view extension;
    std::string_view type;
  };
  static constexpr Entry kTypes[] = {
      {".html", "text/html; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".mjs", "text/javascript; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},
      {".json", "application/json"},
      {".map", "application/json"},
      {".webmanifest", "application/manifest+json"},
      {".svg", "image/svg+xml"},
      {".png", "image/png"},
      {".jpg", "image/jpeg"},
      {".jpeg", "image/jpeg"},
      {".gif", "image/gif"},
      {".webp", "image/webp"},
      {".ico", "image/x-icon"},
      {".woff2", "font/woff2"},
      {".woff", "font/woff"},
      {".txt", "text/plain; charset=utf-8"},
      {".xml", "application/xml"},
  };
  for (const auto& entry : kTypes) {
    if (name.ends_with(entry.extension)) return entry.type;
  }
  return "application/octet-stream";
}

std::string iso_time(std::int64_t unix_seconds) {
  const auto seconds = static_cast<std::time_t>(unix_seconds);
  std::tm utc{};
  ::gmtime_r(&seconds, &utc);
  char buffer[32];
  const auto length = std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return std::string(buffer, length);
}

bool accepts_gzip(const Request& request) {
  const auto accept = request.header("accept-encoding");
  return accept.find("gzip") != std::string_view::npos &&
         accept.find("gzip;q=0,") == std::string_view::npos && !accept.ends_with("gzip;q=0");
}

// The web root's relative path for a request path, or "" when a segment could leave the root or
// name a hidden file ("..", ".", ".git", a backslash, a NUL).
std::string relative_path(const std::vector<std::string>& segments) {
  std::string relative;
  for (const auto& segment : segments) {
    if (segment.empty() || segment.front() == '.' ||
        segment.find_first_of(std::string_view("\\\0", 2)) != std::string::npos) {
      return "";
    }
    if (!relative.empty()) relative += '/';
    relative += segment;
  }
  return relative;
}

// index.html with `head` in place of its own <title> and description: the record page as the
// server sends it, so that search engines and link previews see the record without scripts.
std::string with_head(std::string index, const std::string& head) {
  auto cut = [&index](std::string_view open, std::string_view close) {
    const auto start = index.find(open);
    if (start == std::string::npos) return;
    const auto end = index.find(close, start);
    if (end == std::string::npos) return;
    auto line_end = end + close.size();
    if (line_end < index.size() && index[line_end] == '\n') ++line_end;
    index.erase(start, line_end - start);
  };
  cut("<title>", "</title>");
  cut("<meta name=\"description\"", ">");
  const auto head_end = index.find("</head>");
  if (head_end == std::string::npos) return index;
  index.insert(head_end, head);
  return index;
}

class WebFiles {
 public:
  WebFiles(std::string root, Router probe, service::Repository& repository, std::string base_url)
      : root_(std::move(root)),
        probe_(std::move(probe)),
        repository_(repository),
        base_url_(std::move(base_url)) {}

  // GET or HEAD of any path outside the server's areas.
  Response serve(const Request& request) const {
    const auto segments = split_path(request.path);
    if (!segments.empty() && in_server_area(segments.front())) return as_without_web(request);
    if (request.method != "GET" && request.method != "HEAD") {
      auto response = problem_response(
          405, request.method + " is not allowed on " + request.path + " (allowed: GET, HEAD)",
          request.path);
      response.set_header("Allow", "GET, HEAD");
      return response;
    }
    const std::string relative = relative_path(segments);
    if (!segments.empty() && relative.empty()) {
      return problem_response(404, "nothing is at " + request.path, request.path);
    }
    if (!relative.empty()) {
      if (auto response = file(request, relative, Caching::kByName)) return std::move(*response);
      // A missing asset is an error, not the app: a browser would run index.html as a script.
      if (relative.starts_with("assets/") || segments.back().find('.') != std::string::npos) {
        return problem_response(404, "the web interface has no file \"" + relative + "\"",
                                request.path);
      }
    }
    if (segments.size() > 1 && segments.front() == "records") {
      if (auto response = record_page(request, segments)) return std::move(*response);
    }
    if (auto response = file(request, "index.html", Caching::kNone)) return std::move(*response);
    return problem_response(404,
                            "the web interface is not built in " + root_ +
                                " (run scripts/web-build, then mura serve --web web/dist)",
                            request.path);
  }

 private:
  enum class Caching { kByName, kNone };

  static bool in_server_area(std::string_view first) {
    if (first.starts_with("ark:")) return true;
    for (const auto area : kServerAreas) {
      if (first == area) return true;
    }
    return false;
  }

  // The answer the other routes alone give (404, or 405 with their Allow).
  Response as_without_web(const Request& request) const {
    return probe_.dispatch(request, access::Caller::anonymous(), "");
  }

  std::optional<Response> file(const Request& request, const std::string& relative,
                               Caching caching) const {
    auto& fs = default_file_system();
    std::string path = join_path(root_, relative);
    auto info = fs.stat(path);
    if (!info || info->type != FileType::kFile) return std::nullopt;
    bool gzipped = false;
    if (accepts_gzip(request)) {
      if (auto packed = fs.stat(path + ".gz"); packed && packed->type == FileType::kFile) {
        path += ".gz";
        info = packed;
        gzipped = true;
      }
    }
    auto opened = fs.open_readable(path);
    if (!opened) return std::nullopt;
    FileDescription description;
    description.media_type = std::string(media_type_of(relative));
    char digest[48];
    std::snprintf(digest, sizeof digest, "%016llx%016llx",
                  static_cast<unsigned long long>(info->modified_unix_seconds),
                  static_cast<unsigned long long>(info->size));
    description.digest = digest;
    description.size = info->size;
    description.modified = iso_time(info->modified_unix_seconds);
    description.file_name = relative.substr(relative.rfind('/') + 1);
    auto response =
        file_response(request, std::shared_ptr<ReadableFile>(std::move(*opened)), description);
    response.headers.erase(
        std::remove_if(response.headers.begin(), response.headers.end(),
                       [](const auto& header) { return header.first == "Content-Disposition"; }),
        response.headers.end());
    if (gzipped) response.set_header("Content-Encoding", "gzip");
    response.set_header("Vary", "Accept-Encoding");
    // Vite names every built asset by its content hash: such a name never changes meaning.
    if (caching == Caching::kByName && relative.starts_with("assets/")) {
      response.set_header("Cache-Control", "public, max-age=31536000, immutable");
    } else {
      response.set_header("Cache-Control", "no-cache");
    }
    if (relative.ends_with(".html")) {  // the app and the Mirador page
      response.set_header("Content-Security-Policy", std::string(kContentSecurityPolicy));
      response.set_header("Referrer-Policy", "strict-origin-when-cross-origin");
    }
    return response;
  }

  // The app's page for /records/ark:/NAAN/name with the record's head, when the public may see
  // the record; nullopt otherwise (the app itself then says what the caller may see).
  std::optional<Response> record_page(const Request& request,
                                      const std::vector<std::string>& segments) const {
    std::string id;
    for (std::size_t i = 1; i < segments.size(); ++i) id += (i > 1 ? "/" : "") + segments[i];
    if (!id.starts_with("ark:/")) return std::nullopt;
    auto visible = service::read_visible_record(repository_, id, access::Caller::anonymous(),
                                                access::today_utc());
    if (!visible) return std::nullopt;
    auto index = read_file(default_file_system(), join_path(root_, "index.html"));
    if (!index) return std::nullopt;
    auto response = Response::text(
        200, with_head(std::move(*index), record_head(visible->record, base_url_, language_of(request))),
        "text/html; charset=utf-8");
    response.set_header("Cache-Control", "no-cache");
    response.set_header("Vary", "Accept-Language, Cookie");
    response.set_header("Content-Security-Policy", std::string(kContentSecurityPolicy));
    response.set_header("Referrer-Policy", "strict-origin-when-cross-origin");
    return response;
  }

  std::string root_;
  Router probe_;
  service::Repository& repository_;
  std::string base_url_;
};

}  // namespace

void add_web_routes(App& app) {
  if (app.options().web_root.empty()) return;
  // Every route registered so far, with handlers that never run: the probe finds only 404s and
  // 405s, since a request that reaches the fallback matched no route of its own method.
  Router probe;
  for (const auto& [method, pattern] : app.router().routes()) {
    probe.add(method, pattern, [](Context&) -> Result<Response> {
      return Response::text(500, "", "text/plain");
    });
  }
  auto files = std::make_shared<WebFiles>(app.options().web_root, std::move(probe), app.repository(),
                                          app.options().base_url);
  app.hold(files);
  auto& router = app.mutable_router();
  for (const auto method : kMethods) {
    router.add(std::string(method), "/", [files](Context& context) -> Result<Response> {
      return files->serve(context.request);
    });
    router.add(std::string(method), "/{path*}", [files](Context& context) -> Result<Response> {
      return files->serve(context.request);
    });
  }
}

}  // namespace mura::http
