#include "kurultai/rational.h"

#include <numeric>

namespace mura::kurultai {
namespace {

__extension__ using Int128 = __int128;

Result<std::int64_t> parse_count(std::string_view text, std::int64_t limit) {
  if (text.empty() || text.size() > 12) return invalid_argument_error("empty or too long");
  std::int64_t value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return invalid_argument_error("not a number");
    value = value * 10 + (c - '0');
  }
  if (value > limit) return invalid_argument_error("too large");
  return value;
}

}  // namespace

Rational Rational::of(std::int64_t numerator, std::int64_t denominator) {
  MURA_CHECK(denominator > 0 && numerator >= 0);
  const std::int64_t divisor = std::gcd(numerator, denominator);
  return Rational{numerator / divisor, denominator / divisor};
}

Result<Rational> Rational::parse_decimal(std::string_view text) {
  const auto fail = [&] {
    return invalid_argument_error("\"" + std::string(text) +
                                  "\" is not a decimal number (expected e.g. 5 or 7.5)");
  };
  const std::size_t dot = text.find('.');
  const std::string_view whole = text.substr(0, dot);
  const std::string_view fraction = dot == std::string_view::npos ? "" : text.substr(dot + 1);
  if (whole.empty() || fraction.size() > 4 || (dot != std::string_view::npos && fraction.empty())) {
    return fail();
  }
  auto whole_value = parse_count(whole, 1000000);
  if (!whole_value) return fail();
  std::int64_t scale = 1;
  std::int64_t fraction_value = 0;
  if (!fraction.empty()) {
    auto parsed = parse_count(fraction, 9999);
    if (!parsed) return fail();
    fraction_value = *parsed;
    for (std::size_t i = 0; i < fraction.size(); ++i) scale *= 10;
  }
  return of(*whole_value * scale + fraction_value, scale);
}

std::string Rational::to_string() const {
  if (denominator == 1) return std::to_string(numerator);
  return std::to_string(numerator) + "/" + std::to_string(denominator);
}

std::string Rational::to_decimal(int digits) const {
  std::int64_t scale = 1;
  for (int i = 0; i < digits; ++i) scale *= 10;
  const auto scaled = static_cast<std::int64_t>((Int128{numerator} * scale * 2 + denominator) /
                                                (Int128{denominator} * 2));
  std::string text = std::to_string(scaled / scale);
  if (digits > 0) {
    std::string decimals = std::to_string(scaled % scale);
    text += "." + std::string(static_cast<std::size_t>(digits) - decimals.size(), '0') + decimals;
  }
  return text;
}

Result<Majority> Majority::parse(std::string_view text) {
  const auto fail = [&] {
    return invalid_argument_error("\"" + std::string(text) +
                                  "\" is not a majority (expected \"more_than P/Q\" or "
                                  "\"at_least P/Q\", e.g. \"at_least 2/3\")");
  };
  Majority majority;
  std::string_view rest;
  if (text.starts_with("more_than ")) {
    majority.kind = Kind::kMoreThan;
    rest = text.substr(10);
  } else if (text.starts_with("at_least ")) {
    majority.kind = Kind::kAtLeast;
    rest = text.substr(9);
  } else {
    return fail();
  }
  const std::size_t slash = rest.find('/');
  if (slash == std::string_view::npos) return fail();
  auto numerator = parse_count(rest.substr(0, slash), 1000);
  auto denominator = parse_count(rest.substr(slash + 1), 1000);
  if (!numerator || !denominator || *numerator == 0 || *numerator > *denominator) return fail();
  majority.numerator = *numerator;
  majority.denominator = *denominator;
  return majority;
}

std::int64_t Majority::required(std::int64_t total) const {
  const std::int64_t product = total * numerator;
  if (kind == Kind::kMoreThan) return product / denominator + 1;
  return (product + denominator - 1) / denominator;
}

std::string Majority::to_string() const {
  return std::string(kind == Kind::kMoreThan ? "more than " : "at least ") +
         std::to_string(numerator) + "/" + std::to_string(denominator);
}

}  // namespace mura::kurultai
