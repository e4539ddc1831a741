// Small readers of XML text for test assertions (what an OAI-PMH response holds): the contents
// of the elements with a given start, and counts. Plain string scanning, no parser; header-only.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace mura::formats::testing {

// The text content of every element whose start tag begins with `start` ("<identifier>",
// "<resumptionToken"), up to the next '<'; empty elements (<x/>) are skipped.
inline std::vector<std::string> contents_after(std::string_view xml, std::string_view start) {
  std::vector<std::string> found;
  for (auto at = xml.find(start); at != std::string_view::npos; at = xml.find(start, at + 1)) {
    const auto tag_end = xml.find('>', at);
    if (tag_end == std::string_view::npos) break;
    if (xml[tag_end - 1] == '/') continue;  // an empty element
    const auto text_end = xml.find('<', tag_end);
    found.emplace_back(xml.substr(tag_end + 1, text_end - tag_end - 1));
  }
  return found;
}

// The value of attribute `name` in the first element that starts with `start`; "" when none.
inline std::string attribute_of(std::string_view xml, std::string_view start,
                                std::string_view name) {
  const auto at = xml.find(start);
  if (at == std::string_view::npos) return "";
  const auto tag_end = xml.find('>', at);
  const std::string key = " " + std::string(name) + "=\"";
  const auto attribute = xml.substr(at, tag_end - at).find(key);
  if (attribute == std::string_view::npos) return "";
  const auto value = at + attribute + key.size();
  return std::string(xml.substr(value, xml.find('"', value) - value));
}

inline int count_of(std::string_view text, std::string_view needle) {
  int count = 0;
  for (auto at = text.find(needle); at != std::string_view::npos; at = text.find(needle, at + 1)) {
    ++count;
  }
  return count;
}

}  // namespace mura::formats::testing
