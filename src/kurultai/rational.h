// Exact fractions for the engine's arithmetic (thresholds, quotas, majorities): no floating
// point anywhere a seat or a vote count is decided. Values are small (votes below 10^12,
// percentages with at most 4 decimals); parsers reject larger inputs.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "base/result.h"

namespace mura::kurultai {

// A non-negative fraction numerator/denominator, denominator > 0, kept in lowest terms.
struct Rational {
  std::int64_t numerator = 0;
  std::int64_t denominator = 1;

  // REQUIRES: denominator > 0, numerator >= 0.
  static Rational of(std::int64_t numerator, std::int64_t denominator);
  // Parses a non-negative decimal such as "5", "7.5" or "0.25" (at most 4 decimals, at most
  // 1000000 in value). InvalidArgument otherwise.
  static Result<Rational> parse_decimal(std::string_view text);

  // "5", "15/2".
  std::string to_string() const;
  // A decimal with `digits` decimals, rounded half up: to_decimal(2) of 1/3 is "0.33".
  std::string to_decimal(int digits) const;

  friend bool operator==(const Rational&, const Rational&) = default;
};

// How much of a whole a decision needs: "more than 1/2" or "at least 2/3".
struct Majority {
  enum class Kind { kMoreThan, kAtLeast };
  Kind kind = Kind::kMoreThan;
  std::int64_t numerator = 1;
  std::int64_t denominator = 2;

  // Parses "more_than P/Q" or "at_least P/Q" (0 < P <= Q).
  static Result<Majority> parse(std::string_view text);
  // The smallest count out of `total` that satisfies the majority: more than 1/2 of 145 is
  // 73, at least 2/3 of 145 is 97, at least 1/5 of 145 is 29.
  std::int64_t required(std::int64_t total) const;
  bool satisfied(std::int64_t count, std::int64_t total) const { return count >= required(total); }
  // "more than 1/2", "at least 2/3".
  std::string to_string() const;

  friend bool operator==(const Majority&, const Majority&) = default;
};

}  // namespace mura::kurultai
