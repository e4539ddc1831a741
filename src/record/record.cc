#include "record/record.h"

namespace mura::record {
namespace {

constexpr std::pair<Kind, std::string_view> kKinds[] = {
    {Kind::kCollection, "collection"},       {Kind::kArchivalUnit, "archival_unit"},
    {Kind::kMuseumObject, "museum_object"},  {Kind::kResearchOutput, "research_output"},
    {Kind::kArtwork, "artwork"},             {Kind::kLegalAct, "legal_act"},
    {Kind::kAgent, "agent"},
};

constexpr std::pair<AccessLevel, std::string_view> kAccessLevels[] = {
    {AccessLevel::kPublic, "public"},
    {AccessLevel::kRegistered, "registered"},
    {AccessLevel::kRestricted, "restricted"},
    {AccessLevel::kClosed, "closed"},
};

}  // namespace

std::string_view kind_name(Kind kind) {
  for (const auto& [value, name] : kKinds) {
    if (value == kind) return name;
  }
  return "unknown";
}

std::optional<Kind> parse_kind(std::string_view name) {
  for (const auto& [value, kind_text] : kKinds) {
    if (kind_text == name) return value;
  }
  return std::nullopt;
}

std::string_view access_level_name(AccessLevel level) {
  for (const auto& [value, name] : kAccessLevels) {
    if (value == level) return name;
  }
  return "closed";
}

std::optional<AccessLevel> parse_access_level(std::string_view name) {
  for (const auto& [value, level_text] : kAccessLevels) {
    if (level_text == name) return value;
  }
  return std::nullopt;
}

std::string Record::first_value(std::string_view field, std::string_view language) const {
  auto it = fields.find(std::string(field));
  if (it == fields.end() || it->second.empty()) return "";
  const auto& values = it->second;
  auto in = [&](std::string_view wanted) -> const LanguageValue* {
    for (const auto& value : values) {
      if (value.language == wanted) return &value;
    }
    return nullptr;
  };
  if (!language.empty()) {
    if (const auto* value = in(language)) return value->value;
  }
  for (std::string_view fallback : {"kk", "kk-Latn", "ru", "en", ""}) {
    if (const auto* value = in(fallback)) return value->value;
  }
  return values.front().value;
}

}  // namespace mura::record
