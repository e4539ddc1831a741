#include "search/spelling.h"

#include <string_view>
#include <vector>

#include "text/normalize.h"
#include "text/utf8.h"

namespace mura::search {
namespace {

constexpr std::u32string_view kCyrillic = U"абвгдеёжзийклмнопрстуфхцчшщъыьэюяәғқңөұүһі";
constexpr std::u32string_view kLatin = U"abcdefghijklmnopqrstuvwxyzäğıñöşūü";

std::string encode(std::u32string_view letters) {
  std::string out;
  for (char32_t c : letters) text::append_utf8(out, c);
  return out;
}

}  // namespace

std::string nearest_word(const Xapian::Database& database, const std::string& word) {
  std::u32string letters;
  for (std::size_t position = 0; position < word.size();)
    letters.push_back(text::next_code_point(word, position));
  if (letters.size() < 3) return "";
  const std::u32string_view alphabet =
      text::script_of(word) == text::Script::kLatin ? kLatin : kCyrillic;
  std::string best;
  Xapian::doccount best_frequency = 0;
  auto consider = [&](const std::u32string& candidate) {
    const std::string spelled = encode(candidate);
    const Xapian::doccount frequency = database.get_termfreq(spelled);
    if (frequency > best_frequency ||
        (frequency == best_frequency && frequency > 0 && spelled < best)) {
      best = spelled;
      best_frequency = frequency;
    }
  };
  for (std::size_t i = 0; i < letters.size(); ++i) {
    std::u32string deleted = letters;
    deleted.erase(i, 1);
    consider(deleted);
    if (i + 1 < letters.size() && letters[i] != letters[i + 1]) {
      std::u32string swapped = letters;
      std::swap(swapped[i], swapped[i + 1]);
      consider(swapped);
    }
    for (char32_t c : alphabet) {
      if (c == letters[i]) continue;
      std::u32string replaced = letters;
      replaced[i] = c;
      consider(replaced);
    }
  }
  for (std::size_t i = 0; i <= letters.size(); ++i) {
    for (char32_t c : alphabet) {
      std::u32string inserted = letters;
      inserted.insert(i, 1, c);
      consider(inserted);
    }
  }
  return best;
}

}  // namespace mura::search
