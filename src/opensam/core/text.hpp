#pragma once
/// @file Small text helpers shared by the input parsers.

#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace opensam::core {

/// Levenshtein edit distance between two strings (Levenshtein 1966).
[[nodiscard]] std::size_t edit_distance(std::string_view a, std::string_view b);

/// The candidate closest to `word` when it is near enough to be a likely typo
/// (edit distance at most max(2, |word| / 3)), else nothing.
[[nodiscard]] std::optional<std::string> closest_match(std::string_view word,
                                                       std::span<const std::string_view> candidates);

/// `s` without leading and trailing blanks.
[[nodiscard]] std::string_view trim(std::string_view s);

/// Parses a whole string as a finite decimal number (std::from_chars), else nothing.
[[nodiscard]] std::optional<double> parse_number(std::string_view s);

}  // namespace opensam::core
