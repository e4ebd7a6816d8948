#pragma once
/// @file One name table per enum: the names an enum's values have in files and logs, declared
/// once beside the enum and used to print, to parse and to list the choices a schema accepts.
///
/// An enum `E` gets its table with a function found by argument-dependent lookup, in the
/// enum's own namespace:
///
///     enum class Roe : std::uint8_t { kFree, kTight, kHold };
///     constexpr auto names(Roe) {
///       return std::to_array<core::Named<Roe>>({{Roe::kFree, "free"}, {Roe::kTight, "tight"}, ...});
///     }
///
/// then `core::name_of(Roe::kTight)` is "tight", `core::parse_name<Roe>("hold")` is
/// Roe::kHold, and `core::choices<Roe>()` is "free|tight|hold".

#include <array>
#include <cstddef>
#include <optional>
#include <string_view>

namespace opensam::core {

template <class E>
struct Named {
  E value;
  std::string_view name;
};

/// The name of `value` in its table; "unknown" for a value the table lacks.
template <class E>
[[nodiscard]] constexpr std::string_view name_of(E value) {
  for (const Named<E>& n : names(E{})) {
    if (n.value == value) return n.name;
  }
  return "unknown";
}

/// The value named `name`, or none.
template <class E>
[[nodiscard]] constexpr std::optional<E> parse_name(std::string_view name) {
  for (const Named<E>& n : names(E{})) {
    if (n.name == name) return n.value;
  }
  return std::nullopt;
}

namespace detail {
template <class E>
constexpr std::size_t joined_size() {
  std::size_t n = 0;
  for (const Named<E>& x : names(E{})) n += x.name.size() + 1;  // a separator or the final NUL
  return n;
}
template <class E>
inline constexpr auto kJoined = [] {
  std::array<char, joined_size<E>()> out{};
  std::size_t k = 0;
  for (const Named<E>& x : names(E{})) {
    if (k > 0) out[k++] = '|';
    for (char c : x.name) out[k++] = c;
  }
  return out;
}();
}  // namespace detail

/// Every name of `E`'s table in order, separated by '|' (a schema's choices).
template <class E>
[[nodiscard]] constexpr std::string_view choices() {
  return {detail::kJoined<E>.data(), detail::joined_size<E>() - 1};
}

}  // namespace opensam::core
