#include "emulator/json_text.h"

#include <algorithm>
#include <charconv>

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

}  // namespace

void append_json_string(std::string& out, std::string_view s) {
  const bool plain = std::all_of(s.begin(), s.end(), [](char c) {
    return c >= 0x20 && c != '"' && c != '\\' && static_cast<unsigned char>(c) < 0x80;
  });
  if (!plain) {
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
