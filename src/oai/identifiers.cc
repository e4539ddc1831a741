#include "oai/identifiers.h"

#include <algorithm>

#include "oai/request.h"

namespace mura::oai {
namespace {

bool is_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

constexpr std::string_view kArkPrefix = "ark:/";

}  // namespace

bool is_repository_identifier(std::string_view text) {
  int labels = 0;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find('.', start);
    if (end == std::string_view::npos) end = text.size();
    const auto label = text.substr(start, end - start);
    if (label.empty() || !is_letter(label.front())) return false;
    for (char c : label) {
      if (!is_letter(c) && !is_digit(c) && c != '-') return false;
    }
    ++labels;
    start = end + 1;
  }
  return labels >= 2;
}

std::string repository_identifier_from_url(std::string_view base_url) {
  std::string_view rest = base_url;
  if (const auto scheme = rest.find("://"); scheme != std::string_view::npos) {
    rest.remove_prefix(scheme + 3);
  }
  rest = rest.substr(0, rest.find_first_of("/?#"));
  if (const auto at = rest.rfind('@'); at != std::string_view::npos) rest.remove_prefix(at + 1);
  rest = rest.substr(0, rest.find(':'));
  std::string host(rest);
  std::transform(host.begin(), host.end(), host.begin(), [](char c) {
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
  });
  return is_repository_identifier(host) ? host : std::string(kFallbackRepositoryIdentifier);
}

std::string oai_identifier(std::string_view repository_identifier, std::string_view id) {
  std::string identifier = "oai:";
  identifier.append(repository_identifier);
  identifier.push_back(':');
  identifier.append(id);
  return identifier;
}

std::optional<std::string> record_id_from_oai_identifier(std::string_view repository_identifier,
                                                         std::string_view identifier) {
  const std::string prefix = oai_identifier(repository_identifier, "");
  if (!identifier.starts_with(prefix)) return std::nullopt;
  const auto id = identifier.substr(prefix.size());
  if (id.empty() || id.size() > 512) return std::nullopt;
  for (char c : id) {
    if (static_cast<unsigned char>(c) <= 0x20 || c == '<' || c == '>' || c == '"' || c == '\\' ||
        c == 0x7F) {
      return std::nullopt;
    }
  }
  return std::string(id);
}

std::optional<std::string> set_component(std::string_view collection_id) {
  if (!collection_id.starts_with(kArkPrefix)) return std::nullopt;
  const auto rest = collection_id.substr(kArkPrefix.size());
  const auto slash = rest.find('/');
  if (slash == std::string_view::npos || slash == 0) return std::nullopt;
  const auto naan = rest.substr(0, slash);
  const auto name = rest.substr(slash + 1);
  if (naan.find('.') != std::string_view::npos) return std::nullopt;
  std::string component = std::string(naan) + "." + std::string(name);
  if (!is_set_spec(component) || component.find(':') != std::string::npos) return std::nullopt;
  return component;
}

std::optional<std::string> collection_from_set_component(std::string_view component) {
  const auto dot = component.find('.');
  if (dot == std::string_view::npos || dot == 0 || dot + 1 == component.size()) {
    return std::nullopt;
  }
  return std::string(kArkPrefix) + std::string(component.substr(0, dot)) + "/" +
         std::string(component.substr(dot + 1));
}

std::vector<std::string_view> split_set_spec(std::string_view set_spec) {
  std::vector<std::string_view> components;
  std::size_t start = 0;
  while (true) {
    const auto colon = set_spec.find(':', start);
    components.push_back(set_spec.substr(start, colon - start));
    if (colon == std::string_view::npos) break;
    start = colon + 1;
  }
  return components;
}

}  // namespace mura::oai
