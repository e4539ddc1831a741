#include "text/collation.h"

#include <unicode/coll.h>
#include <unicode/locid.h>
#include <unicode/unistr.h>

#include <map>
#include <memory>
#include <vector>

#include "text/normalize.h"

namespace mura::text {
namespace {

// The calling thread's collator for a locale; ICU collators are not shared across threads here.
icu::Collator* collator_for(std::string_view language) {
  thread_local std::map<std::string, std::unique_ptr<icu::Collator>, std::less<>> collators;
  const std::string_view locale = collation_locale(language);
  auto it = collators.find(locale);
  if (it == collators.end()) {
    UErrorCode error = U_ZERO_ERROR;
    std::unique_ptr<icu::Collator> collator(icu::Collator::createInstance(
        locale.empty() ? icu::Locale::getRoot() : icu::Locale(std::string(locale).c_str()), error));
    if (U_FAILURE(error)) collator.reset();
    it = collators.emplace(std::string(locale), std::move(collator)).first;
  }
  return it->second.get();
}

icu::UnicodeString unicode_of(std::string_view text) {
  return icu::UnicodeString::fromUTF8(
      icu::StringPiece(text.data(), static_cast<std::int32_t>(text.size())));
}

}  // namespace

std::string_view collation_locale(std::string_view language) {
  if (is_kazakh(language)) return "kk";
  if (language.starts_with("ru")) return "ru";
  if (language.starts_with("en")) return "en";
  return "";
}

std::string sort_key(std::string_view text, std::string_view language) {
  if (text.empty()) return {};
  icu::Collator* collator = collator_for(language);
  if (collator == nullptr) return std::string(text);
  const icu::UnicodeString unicode = unicode_of(text);
  std::vector<std::uint8_t> key(text.size() * 4 + 16);
  std::int32_t length =
      collator->getSortKey(unicode, key.data(), static_cast<std::int32_t>(key.size()));
  if (static_cast<std::size_t>(length) > key.size()) {
    key.resize(static_cast<std::size_t>(length));
    length = collator->getSortKey(unicode, key.data(), length);
  }
  // Drop the terminating zero byte.
  const auto size = length > 0 ? static_cast<std::size_t>(length) - 1 : 0;
  return std::string(reinterpret_cast<const char*>(key.data()), size);
}

int collate(std::string_view a, std::string_view b, std::string_view language) {
  icu::Collator* collator = collator_for(language);
  if (collator == nullptr) return a.compare(b);
  UErrorCode error = U_ZERO_ERROR;
  const UCollationResult result =
      collator->compareUTF8(icu::StringPiece(a.data(), static_cast<std::int32_t>(a.size())),
                            icu::StringPiece(b.data(), static_cast<std::int32_t>(b.size())), error);
  if (U_FAILURE(error)) return a.compare(b);
  return result == UCOL_LESS ? -1 : result == UCOL_GREATER ? 1 : 0;
}

}  // namespace mura::text
