#include "emulator/json_text.h"

#include <charconv>
#include <cstdint>
#include <cstring>

namespace cc::emu {
namespace {

using nlohmann::json;

void append_dumped(std::string& out, const json& j) {
  out += j.dump(-1, ' ', false, json::error_handler_t::replace);
}

template <typename Integer>
void append_integer(std::string& out, Integer v) {
  char digits[24];
  const auto end = std::to_chars(digits, digits + sizeof digits, v).ptr;
  out.append(digits, end);
}

// Whether every byte is printable ASCII other than '"' and '\\' (a string JSON writes as it is).
// Eight bytes at a time (the classic "has a byte below/equal to" word tricks): byte by byte this
// was the error envelope's largest cost, its message and code scanned a character at a time.
bool plain(std::string_view s) {
  constexpr std::uint64_t kOnes = 0x0101010101010101ULL, kHigh = 0x8080808080808080ULL;
  auto flagged = [](std::uint64_t w) {
    const std::uint64_t control = (w - kOnes * 0x20) & ~w;  // a byte below 0x20
    const std::uint64_t quote = ((w ^ (kOnes * '"')) - kOnes) & ~(w ^ (kOnes * '"'));
    const std::uint64_t slash = ((w ^ (kOnes * '\\')) - kOnes) & ~(w ^ (kOnes * '\\'));
    return ((control | quote | slash) & kHigh) | (w & kHigh);  // or one of 0x80 and above
  };
  std::size_t i = 0;
  for (; i + 8 <= s.size(); i += 8) {
    std::uint64_t w;
    std::memcpy(&w, s.data() + i, 8);
    if (flagged(w)) return false;
  }
  for (; i < s.size(); ++i) {
    const char c = s[i];
    if (c < 0x20 || c == '"' || c == '\\' || static_cast<unsigned char>(c) >= 0x80) return false;
  }
  return true;
}

}  // namespace

void append_json_string(std::string& out, std::string_view s) {
  if (!plain(s)) {
    append_dumped(out, json(s));
    return;
  }
  out += '"';
  out.append(s);
  out += '"';
}

void append_json(std::string& out, const json& j) {
  switch (j.type()) {
    case json::value_t::object: {
      out += '{';
      bool first = true;
      for (const auto& [key, value] : j.get_ref<const json::object_t&>()) {  // dump's order
        if (!first) out += ',';
        first = false;
        append_json_string(out, key);
        out += ':';
        append_json(out, value);
      }
      out += '}';
      return;
    }
    case json::value_t::array: {
      out += '[';
      bool first = true;
      for (const json& value : j.get_ref<const json::array_t&>()) {
        if (!first) out += ',';
        first = false;
        append_json(out, value);
      }
      out += ']';
      return;
    }
    case json::value_t::string:
      append_json_string(out, j.get_ref<const std::string&>());
      return;
    case json::value_t::number_integer:
      append_integer(out, j.get<std::int64_t>());
      return;
    case json::value_t::number_unsigned:
      append_integer(out, j.get<std::uint64_t>());
      return;
    case json::value_t::boolean:
      out += j.get<bool>() ? "true" : "false";
      return;
    case json::value_t::null:
      out += "null";
      return;
    default:  // floats, binary, discarded: dump's own rules
      append_dumped(out, j);
      return;
  }
}

}  // namespace cc::emu
