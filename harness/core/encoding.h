#pragma once
// Text encodings shared by the signature schemes, the adapters and the emulator.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace cc::core {

using Param = std::pair<std::string, std::string>;
using Params = std::vector<Param>;  // ordered, duplicates allowed: the wire is a list

// RFC 3986: unreserved bytes (A-Z a-z 0-9 - _ . ~) stay, every other byte becomes %XY (upper hex).
std::string percent_encode(std::string_view s);
// The same appended to `out`: a signer encodes every name and value, and a fresh string for each
// was an allocation (issue 18).
void percent_encode(std::string_view s, std::string& out);
// Inverse of percent_encode; '+' is a space (form encoding). Returns nullopt on a bad escape.
std::optional<std::string> percent_decode(std::string_view s);
// The same appended to `out`; false on a bad escape (`out` then holds part of the result).
bool percent_decode(std::string_view s, std::string& out);

// "a=1&b=2" with both sides percent-encoded, in the given order.
std::string encode_query(const Params& params);
// Splits "a=1&b=%20" into decoded pairs; nullopt on a bad escape.
std::optional<Params> parse_query(std::string_view query);
// The same pairs appended to `out` (a verifier reads the query and the form into one list);
// false on a bad escape (`out` then holds part of the pairs).
bool parse_query(std::string_view query, Params& out);

// Times are seconds since the epoch, always UTC.
std::string utc_date(std::int64_t epoch_seconds);     // 2019-02-25
std::string utc_iso8601(std::int64_t epoch_seconds);  // 2016-02-23T12:46:24Z
std::optional<std::int64_t> parse_utc_iso8601(std::string_view s);

// "a;b;c" -> {a, b, c}; an empty string gives one empty item.
std::vector<std::string> split(std::string_view s, char sep);

std::string to_lower(std::string_view s);
std::string trim(std::string_view s);
std::string_view trimmed(std::string_view s);  // as trim(), a view of `s` without the copy

// ASCII case-insensitive equality (header names, tokens), without lower-cased copies. Inline:
// header look-ups compare a name with every header's, on every request the emulator serves.
inline bool iequals_ascii(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    char x = a[i], y = b[i];
    if (x == y) continue;
    x = x >= 'A' && x <= 'Z' ? static_cast<char>(x + 32) : x;
    y = y >= 'A' && y <= 'Z' ? static_cast<char>(y + 32) : y;
    if (x != y) return false;
  }
  return true;
}

}  // namespace cc::core
