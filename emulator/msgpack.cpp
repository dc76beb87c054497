#include "emulator/msgpack.h"

#include <limits>
#include <string>

namespace cc::emu {
namespace {

using nlohmann::json;

// `marker` then the `bytes` low bytes of `v`, most significant first (MessagePack is big-endian).
void put(std::vector<std::uint8_t>& out, std::uint8_t marker, std::uint64_t v, int bytes) {
  out.push_back(marker);
  for (int i = bytes - 1; i >= 0; --i) out.push_back(static_cast<std::uint8_t>(v >> (8 * i)));
}

void put_unsigned(std::vector<std::uint8_t>& out, std::uint64_t v) {
  if (v < 128)
    out.push_back(static_cast<std::uint8_t>(v));  // positive fixint
  else if (v <= std::numeric_limits<std::uint8_t>::max())
    put(out, 0xCC, v, 1);
  else if (v <= std::numeric_limits<std::uint16_t>::max())
    put(out, 0xCD, v, 2);
  else if (v <= std::numeric_limits<std::uint32_t>::max())
    put(out, 0xCE, v, 4);
  else
    put(out, 0xCF, v, 8);
}

// A non-negative signed integer is written as the unsigned one it equals, as nlohmann does.
void put_signed(std::vector<std::uint8_t>& out, std::int64_t v) {
  if (v >= 0) return put_unsigned(out, static_cast<std::uint64_t>(v));
  const auto bits = static_cast<std::uint64_t>(v);
  if (v >= -32)
    out.push_back(static_cast<std::uint8_t>(bits));  // negative fixint
  else if (v >= std::numeric_limits<std::int8_t>::min())
    put(out, 0xD0, bits, 1);
  else if (v >= std::numeric_limits<std::int16_t>::min())
    put(out, 0xD1, bits, 2);
  else if (v >= std::numeric_limits<std::int32_t>::min())
    put(out, 0xD2, bits, 4);
  else
    put(out, 0xD3, bits, 8);
}

// A length-prefixed item: the fix form below `fix_limit`, else the 8- (when `has8`), 16- or
// 32-bit form whose markers follow `marker8` (or `marker16` without an 8-bit form).
void put_length(std::vector<std::uint8_t>& out, std::size_t n, std::uint8_t fix,
                std::size_t fix_limit, bool has8, std::uint8_t marker8) {
  if (n <= fix_limit)
    out.push_back(static_cast<std::uint8_t>(fix | n));
  else if (has8 && n <= std::numeric_limits<std::uint8_t>::max())
    put(out, marker8, n, 1);
  else if (n <= std::numeric_limits<std::uint16_t>::max())
    put(out, static_cast<std::uint8_t>(has8 ? marker8 + 1 : marker8), n, 2);
  else
    put(out, static_cast<std::uint8_t>(has8 ? marker8 + 2 : marker8 + 1), n, 4);
}

void put_string(std::vector<std::uint8_t>& out, const std::string& s) {
  put_length(out, s.size(), 0xA0, 31, true, 0xD9);  // fixstr, str 8/16/32
  out.insert(out.end(), s.begin(), s.end());
}

}  // namespace

void append_msgpack(const json& v, std::vector<std::uint8_t>& out) {
  switch (v.type()) {
    case json::value_t::null:
      out.push_back(0xC0);
      return;
    case json::value_t::boolean:
      out.push_back(v.get<bool>() ? 0xC3 : 0xC2);
      return;
    case json::value_t::number_integer:
      return put_signed(out, v.get<std::int64_t>());
    case json::value_t::number_unsigned:
      return put_unsigned(out, v.get<std::uint64_t>());
    case json::value_t::string:
      return put_string(out, v.get_ref<const std::string&>());
    case json::value_t::array:
      put_length(out, v.size(), 0x90, 15, false, 0xDC);  // fixarray, array 16/32
      for (const json& e : v) append_msgpack(e, out);
      return;
    case json::value_t::object:
      put_length(out, v.size(), 0x80, 15, false, 0xDE);  // fixmap, map 16/32
      for (const auto& [key, e] : v.get_ref<const json::object_t&>()) {
        put_string(out, key);
        append_msgpack(e, out);
      }
      return;
    default:  // floats (nlohmann picks 32 or 64 bits), binary, discarded: nlohmann's own bytes
      json::to_msgpack(v, out);
      return;
  }
}

}  // namespace cc::emu
