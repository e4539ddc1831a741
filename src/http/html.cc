#include "http/html.h"

#include <nlohmann/json.hpp>

namespace mura::http {
namespace {

constexpr std::string_view kLanguages[] = {"kk-Latn", "kk", "ru", "en"};

std::string_view schema_type(record::Kind kind) {
  switch (kind) {
    case record::Kind::kCollection: return "Collection";
    case record::Kind::kArchivalUnit: return "ArchiveComponent";
    case record::Kind::kMuseumObject: return "VisualArtwork";
    case record::Kind::kArtwork: return "VisualArtwork";
    case record::Kind::kResearchOutput: return "ScholarlyArticle";
    case record::Kind::kLegalAct: return "Legislation";
    case record::Kind::kAgent: return "Person";
  }
  return "CreativeWork";
}

std::string canonical_language(std::string_view tag) {
  for (const auto language : kLanguages) {
    if (tag.size() >= language.size() &&
        std::equal(language.begin(), language.end(), tag.begin(),
                   [](char a, char b) { return std::tolower(a) == std::tolower(b); }) &&
        (tag.size() == language.size() || tag[language.size()] == '-' ||
         tag[language.size()] == ';')) {
      return std::string(language);
    }
  }
  return "";
}

}  // namespace

std::string escape_html(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out.push_back(c);
    }
  }
  return out;
}

std::string language_of(const Request& request) {
  if (const auto lang = request.argument("lang")) {
    if (auto language = canonical_language(*lang); !language.empty()) return language;
  }
  const auto cookie = request.header("cookie");
  if (const auto at = cookie.find("mura_lang="); at != std::string_view::npos) {
    auto value = cookie.substr(at + 10);
    value = value.substr(0, value.find(';'));
    if (auto language = canonical_language(value); !language.empty()) return language;
  }
  auto accept = request.header("accept-language");
  while (!accept.empty()) {
    const auto comma = accept.find(',');
    auto item = accept.substr(0, comma);
    while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
    if (auto language = canonical_language(item); !language.empty()) return language;
    if (comma == std::string_view::npos) break;
    accept.remove_prefix(comma + 1);
  }
  return "kk";
}

std::string json_ld(const record::Record& record, const std::string& base_url) {
  nlohmann::json json = {
      {"@context", "https://schema.org"},
      {"@type", std::string(schema_type(record.kind))},
      {"@id", base_url + "/" + record.id},
      {"identifier", record.id},
      {"url", base_url + "/" + record.id},
  };
  auto values = [&](std::string_view field) {
    nlohmann::json list = nlohmann::json::array();
    if (auto it = record.fields.find(std::string(field)); it != record.fields.end()) {
      for (const auto& value : it->second) {
        if (value.language.empty()) {
          list.push_back(value.value);
        } else {
          list.push_back({{"@language", value.language}, {"@value", value.value}});
        }
      }
    }
    return list;
  };
  if (auto names = values("title"); !names.empty()) json["name"] = names;
  if (auto descriptions = values("description"); !descriptions.empty()) {
    json["description"] = descriptions;
  }
  if (auto creators = values("creator"); !creators.empty()) json["creator"] = creators;
  if (const auto date = record.first_value("date"); !date.empty()) json["temporalCoverage"] = date;
  if (!record.rights.empty()) json["license"] = record.rights;
  return json.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string record_head(const record::Record& record, const std::string& base_url,
                        const std::string& language) {
  const std::string title = record.first_value("title", language);
  const std::string description = record.first_value("description", language);
  const std::string url = base_url + "/" + record.id;
  // "</" inside JSON-LD would end the script element early.
  std::string ld = json_ld(record, base_url);
  for (std::size_t at = ld.find("</"); at != std::string::npos; at = ld.find("</", at + 2)) {
    ld.replace(at, 2, "<\\/");
  }
  std::string html;
  html += "<title>" + escape_html(title.empty() ? record.id : title) + " — Mura</title>\n";
  html += "<meta name=\"description\" content=\"" + escape_html(description) + "\">\n";
  html += "<link rel=\"canonical\" href=\"" + escape_html(url) + "\">\n";
  html += "<meta property=\"og:type\" content=\"website\">\n";
  html += "<meta property=\"og:site_name\" content=\"Mura\">\n";
  html += "<meta property=\"og:title\" content=\"" + escape_html(title) + "\">\n";
  html += "<meta property=\"og:description\" content=\"" + escape_html(description) + "\">\n";
  html += "<meta property=\"og:url\" content=\"" + escape_html(url) + "\">\n";
  html += "<script type=\"application/ld+json\">" + ld + "</script>\n";
  return html;
}

std::string record_page(const record::Record& record, const std::string& base_url,
                        const std::string& language) {
  const std::string title = record.first_value("title", language);
  const std::string description = record.first_value("description", language);
  const std::string url = base_url + "/" + record.id;
  std::string html;
  html += "<!doctype html>\n<html lang=\"" + escape_html(language) + "\">\n<head>\n";
  html += "<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, "
          "initial-scale=1\">\n";
  html += record_head(record, base_url, language);
  html += "</head>\n<body>\n<main id=\"app\" data-record=\"" + escape_html(record.id) + "\">\n";
  html += "<h1>" + escape_html(title) + "</h1>\n";
  if (!description.empty()) html += "<p>" + escape_html(description) + "</p>\n";
  html += "<dl>\n";
  for (const auto& [name, values] : record.fields) {
    for (const auto& value : values) {
      html += "<dt>" + escape_html(name) + "</dt><dd";
      if (!value.language.empty()) html += " lang=\"" + escape_html(value.language) + "\"";
      html += ">" + escape_html(value.value) + "</dd>\n";
    }
  }
  html += "</dl>\n<p>ARK: <a href=\"" + escape_html(url) + "\">" + escape_html(record.id) +
          "</a></p>\n</main>\n</body>\n</html>\n";
  return html;
}

}  // namespace mura::http
