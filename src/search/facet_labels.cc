#include "search/facet_labels.h"

#include <unicode/locid.h>
#include <unicode/unistr.h>

#include <charconv>
#include <span>

#include "text/kazakh_script.h"
#include "text/normalize.h"

namespace mura::search {
namespace {

enum class Tongue { kKazakh, kKazakhLatin, kRussian, kEnglish };

Tongue tongue_of(std::string_view language) {
  if (text::is_kazakh_latin(language)) return Tongue::kKazakhLatin;
  if (language.starts_with("ru")) return Tongue::kRussian;
  if (language.starts_with("en")) return Tongue::kEnglish;
  return Tongue::kKazakh;
}

struct Labels {
  std::string_view value;
  std::string_view kazakh;
  std::string_view russian;
  std::string_view english;
};

std::string pick(const Labels& labels, Tongue tongue) {
  switch (tongue) {
    case Tongue::kKazakh:
      return std::string(labels.kazakh);
    case Tongue::kKazakhLatin:
      return text::kazakh_to_latin(labels.kazakh);
    case Tongue::kRussian:
      return std::string(labels.russian);
    case Tongue::kEnglish:
      return std::string(labels.english);
  }
  return std::string(labels.value);
}

constexpr Labels kLevels[] = {
    {"fonds", "Қор", "Фонд", "Fonds"},      {"sub-fonds", "Қорша", "Подфонд", "Sub-fonds"},
    {"series", "Серия", "Серия", "Series"}, {"sub-series", "Серияша", "Подсерия", "Sub-series"},
    {"file", "Іс", "Дело", "File"},         {"item", "Құжат", "Документ", "Item"},
};

constexpr Labels kAccessLevels[] = {
    {"public", "Ашық", "Открытый", "Public"},
    {"registered", "Тіркелгендерге", "Для зарегистрированных", "Registered users"},
    {"restricted", "Шектеулі", "Ограниченный", "Restricted"},
    {"closed", "Жабық", "Закрытый", "Closed"},
};

constexpr Labels kHasImages[] = {
    {"true", "Суреттері бар", "С изображениями", "With images"},
    {"false", "Суретсіз", "Без изображений", "Without images"},
};

constexpr std::pair<std::string_view, std::string_view> kRights[] = {
    {"http://rightsstatements.org/vocab/InC/1.0/", "In Copyright"},
    {"http://rightsstatements.org/vocab/InC-NC/1.0/",
     "In Copyright – Non-Commercial Use Permitted"},
    {"http://rightsstatements.org/vocab/InC-EDU/1.0/", "In Copyright – Educational Use Permitted"},
    {"http://rightsstatements.org/vocab/InC-OW-EU/1.0/", "In Copyright – EU Orphan Work"},
    {"http://rightsstatements.org/vocab/InC-RUU/1.0/",
     "In Copyright – Rights-holder(s) Unlocatable"},
    {"http://rightsstatements.org/vocab/NoC-CR/1.0/", "No Copyright – Contractual Restrictions"},
    {"http://rightsstatements.org/vocab/NoC-NC/1.0/", "No Copyright – Non-Commercial Use Only"},
    {"http://rightsstatements.org/vocab/NoC-OKLR/1.0/",
     "No Copyright – Other Known Legal Restrictions"},
    {"http://rightsstatements.org/vocab/NoC-US/1.0/", "No Copyright – United States"},
    {"http://rightsstatements.org/vocab/CNE/1.0/", "Copyright Not Evaluated"},
    {"http://rightsstatements.org/vocab/UND/1.0/", "Copyright Undetermined"},
    {"http://rightsstatements.org/vocab/NKC/1.0/", "No Known Copyright"},
    {"https://creativecommons.org/publicdomain/zero/1.0/", "CC0 1.0"},
    {"https://creativecommons.org/publicdomain/mark/1.0/", "Public Domain Mark 1.0"},
    {"https://creativecommons.org/licenses/by/4.0/", "CC BY 4.0"},
    {"https://creativecommons.org/licenses/by-sa/4.0/", "CC BY-SA 4.0"},
    {"https://creativecommons.org/licenses/by-nc/4.0/", "CC BY-NC 4.0"},
    {"https://creativecommons.org/licenses/by-nc-sa/4.0/", "CC BY-NC-SA 4.0"},
    {"https://creativecommons.org/licenses/by-nd/4.0/", "CC BY-ND 4.0"},
    {"https://creativecommons.org/licenses/by-nc-nd/4.0/", "CC BY-NC-ND 4.0"},
};

std::string from_table(std::span<const Labels> table, std::string_view value, Tongue tongue) {
  for (const auto& labels : table) {
    if (labels.value == value) return pick(labels, tongue);
  }
  return std::string(value);
}

std::string roman(int number) {
  static constexpr std::pair<int, std::string_view> kNumerals[] = {
      {1000, "M"}, {900, "CM"}, {500, "D"}, {400, "CD"}, {100, "C"}, {90, "XC"}, {50, "L"},
      {40, "XL"},  {10, "X"},   {9, "IX"},  {5, "V"},    {4, "IV"},  {1, "I"}};
  std::string out;
  for (const auto& [amount, numeral] : kNumerals) {
    while (number >= amount) {
      out += numeral;
      number -= amount;
    }
  }
  return out;
}

std::string ordinal_suffix(int number) {
  if (number % 100 >= 11 && number % 100 <= 13) return "th";
  switch (number % 10) {
    case 1:
      return "st";
    case 2:
      return "nd";
    case 3:
      return "rd";
    default:
      return "th";
  }
}

std::string century_label(int first_year, Tongue tongue) {
  const bool before_common_era = first_year < 0;
  // Astronomical years: 1900..1999 is the 20th century, -100..-1 the 1st century BCE.
  const int number = before_common_era ? -first_year / 100 : first_year / 100 + 1;
  switch (tongue) {
    case Tongue::kKazakh:
      return (before_common_era ? "б.з.д. " : "") + roman(number) + " ғасыр";
    case Tongue::kKazakhLatin:
      return (before_common_era ? "b.z.d. " : "") + roman(number) + " ğasyr";
    case Tongue::kRussian:
      return roman(number) + " век" + (before_common_era ? " до н. э." : "");
    case Tongue::kEnglish:
      return std::to_string(number) + ordinal_suffix(number) + " century" +
             (before_common_era ? " BCE" : "");
  }
  return std::to_string(first_year);
}

std::string decade_label(std::string_view value, Tongue tongue) {
  switch (tongue) {
    case Tongue::kKazakh:
      return std::string(value) + " жж.";
    case Tongue::kKazakhLatin:
      return std::string(value) + " jj.";
    case Tongue::kRussian:
      return std::string(value) + "-е";
    case Tongue::kEnglish:
      return std::string(value) + "s";
  }
  return std::string(value);
}

std::string language_name(std::string_view tag, std::string_view language) {
  const char* display = text::is_kazakh(language) ? "kk" : language.starts_with("ru") ? "ru" : "en";
  icu::UnicodeString name;
  icu::Locale(std::string(tag).c_str()).getDisplayName(icu::Locale(display), name);
  std::string out;
  name.toUTF8String(out);
  if (out.empty()) return std::string(tag);
  if (text::is_kazakh_latin(language)) return text::kazakh_to_latin(out);
  return out;
}

}  // namespace

std::string facet_label(Facet facet, std::string_view value, std::string_view language,
                        const record::ProfileSet* profiles) {
  const Tongue tongue = tongue_of(language);
  switch (facet) {
    case Facet::kKind: {
      const auto kind = record::parse_kind(value);
      if (!kind || profiles == nullptr) return std::string(value);
      const auto& labels = profiles->profile(*kind).label;
      for (const auto& preferred : language_preference(language)) {
        if (auto it = labels.find(preferred); it != labels.end()) return it->second;
      }
      return std::string(value);
    }
    case Facet::kLevel:
      return from_table(kLevels, value, tongue);
    case Facet::kAccess:
      return from_table(kAccessLevels, value, tongue);
    case Facet::kHasImages:
      return from_table(kHasImages, value, tongue);
    case Facet::kLanguage:
      return language_name(value, language);
    case Facet::kRights:
      for (const auto& [uri, name] : kRights) {
        if (uri == value) return std::string(name);
      }
      return std::string(value);
    case Facet::kDecade:
      return decade_label(value, tongue);
    case Facet::kCentury: {
      int year = 0;
      const auto [end, failure] = std::from_chars(value.data(), value.data() + value.size(), year);
      if (failure != std::errc() || end != value.data() + value.size()) return std::string(value);
      return century_label(year, tongue);
    }
    default:
      return std::string(value);
  }
}

}  // namespace mura::search
