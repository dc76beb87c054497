#include "emulator/flat_json.h"

#include <cstdint>

namespace cc::emu {
namespace {

using nlohmann::json;

// A cursor over the text; every reader returns false to decline.
struct Reader {
  const char* at;
  const char* end;

  void blanks() {
    while (at < end && (*at == ' ' || *at == '\t' || *at == '\n' || *at == '\r')) ++at;
  }
  bool take(char c) {
    blanks();
    if (at == end || *at != c) return false;
    ++at;
    return true;
  }
  bool peek(char c) {
    blanks();
    return at < end && *at == c;
  }
  // A string of printable ASCII without escapes, as a view of the text.
  bool string(std::string_view& out) {
    if (!take('"')) return false;
    const char* start = at;
    for (; at < end && *at != '"'; ++at)
      if (*at < 0x20 || *at == '\\' || *at == 0x7f) return false;  // signed char: >= 0x80 < 0
    if (at == end) return false;
    out = std::string_view(start, static_cast<std::size_t>(at - start));
    ++at;
    return true;
  }
  bool word(std::string_view w) {
    if (static_cast<std::size_t>(end - at) < w.size() || std::string_view(at, w.size()) != w)
      return false;
    at += w.size();
    return true;
  }
  // An integer of at most 18 digits (it fits either type), in JSON's form: no leading zero.
  bool integer(json& out) {
    const bool negative = at < end && *at == '-';
    if (negative) ++at;
    const char* start = at;
    std::uint64_t v = 0;
    for (; at < end && *at >= '0' && *at <= '9'; ++at)
      v = v * 10 + static_cast<unsigned>(*at - '0');
    const std::size_t digits = static_cast<std::size_t>(at - start);
    if (digits == 0 || digits > 18 || (digits > 1 && *start == '0')) return false;
    if (at < end && (*at == '.' || *at == 'e' || *at == 'E')) return false;  // not an integer
    if (negative)
      out = -static_cast<std::int64_t>(v);
    else
      out = v;
    return true;
  }
  bool scalar(json& out) {
    blanks();
    if (at == end) return false;
    switch (*at) {
      case '"': {
        std::string_view s;
        if (!string(s)) return false;
        out = std::string(s);
        return true;
      }
      case 't':
        out = true;
        return word("true");
      case 'f':
        out = false;
        return word("false");
      case 'n':
        out = nullptr;
        return word("null");
      default:
        return (*at == '-' || (*at >= '0' && *at <= '9')) && integer(out);
    }
  }
  bool value(json& out) {
    if (!peek('[')) return scalar(out);
    ++at;
    out = json::array();
    if (take(']')) return true;
    do {
      json item;
      if (!scalar(item)) return false;
      out.get_ref<json::array_t&>().push_back(std::move(item));
    } while (take(','));
    return take(']');
  }
};

}  // namespace

bool read_flat_object(std::string_view text, json& out) {
  Reader r{text.data(), text.data() + text.size()};
  if (!r.take('{')) return false;
  out = json::object();
  if (!r.take('}')) {
    do {
      std::string_view name;
      if (!r.string(name) || !r.take(':')) return false;
      json& slot = out[std::string(name)];  // a repeated name: the last value wins, as in parse
      if (!r.value(slot)) return false;
    } while (r.take(','));
    if (!r.take('}')) return false;
  }
  r.blanks();
  return r.at == r.end;
}

json parse_body(std::string_view text) {
  json out;
  if (read_flat_object(text, out)) return out;
  return json::parse(text, nullptr, false);
}

}  // namespace cc::emu
