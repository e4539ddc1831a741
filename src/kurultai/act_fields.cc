// The field readers of Act (acts.h).
#include "kurultai/acts.h"

namespace mura::kurultai {

const nlohmann::json& Act::field(std::string_view name) const {
  static const nlohmann::json kNull;
  auto it = body.find(name);
  return it == body.end() ? kNull : *it;
}

bool Act::has(std::string_view name) const { return body.contains(name); }

const std::string& Act::text(std::string_view name) const {
  const nlohmann::json& value = field(name);
  MURA_CHECK(value.is_string());
  return value.get_ref<const std::string&>();
}

std::optional<std::string> Act::optional_text(std::string_view name) const {
  const nlohmann::json& value = field(name);
  if (!value.is_string()) return std::nullopt;
  return value.get<std::string>();
}

std::int64_t Act::integer(std::string_view name) const {
  const nlohmann::json& value = field(name);
  MURA_CHECK(value.is_number_integer());
  return value.get<std::int64_t>();
}

std::optional<std::int64_t> Act::optional_integer(std::string_view name) const {
  const nlohmann::json& value = field(name);
  if (!value.is_number_integer()) return std::nullopt;
  return value.get<std::int64_t>();
}

Date Act::date_field(std::string_view name) const {
  auto value = optional_date(name);
  MURA_CHECK(value.has_value());
  return *value;
}

std::optional<Date> Act::optional_date(std::string_view name) const {
  const nlohmann::json& value = field(name);
  if (!value.is_string()) return std::nullopt;
  auto parsed = Date::parse(value.get<std::string>());
  if (!parsed) return std::nullopt;
  return *parsed;
}

bool Act::flag(std::string_view name) const {
  const nlohmann::json& value = field(name);
  return value.is_boolean() && value.get<bool>();
}

std::vector<std::string> Act::texts(std::string_view name) const {
  std::vector<std::string> values;
  const nlohmann::json& value = field(name);
  if (!value.is_array()) return values;
  for (const auto& item : value) {
    if (item.is_string()) values.push_back(item.get<std::string>());
  }
  return values;
}

std::map<std::string, std::string> Act::language_texts(std::string_view name) const {
  std::map<std::string, std::string> texts;
  const nlohmann::json& value = field(name);
  if (!value.is_object()) return texts;
  for (const auto& [language, text] : value.items()) {
    if (text.is_string()) texts[language] = text.get<std::string>();
  }
  return texts;
}

std::string Act::summary() const {
  return std::string(act_type_name(type)) + " of " + date.to_string();
}

}  // namespace mura::kurultai
