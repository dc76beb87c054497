#pragma once
// How the emulator fuzz target reads its input: a small text framing of HTTP requests, so seeds
// are readable and a reproducer can be edited by hand. Requests are separated by a line "%%":
//
//   METHOD TARGET
//   Name: value
//   ...
//   <empty line>
//   body
#include <cctype>
#include <string>
#include <string_view>
#include <vector>

#include "emulator/http_server.h"

namespace cc::fuzz {

// What Boost.Beast's parser lets through to the handler (RFC 9110 tokens; visible bytes and
// obs-text in targets and values), so the target never reports a request no client could send.
inline bool is_token(std::string_view s) {
  if (s.empty()) return false;
  for (unsigned char c : s)
    if (!(std::isalnum(c) ||
          std::string_view("!#$%&'*+-.^_`|~").find(static_cast<char>(c)) != std::string_view::npos))
      return false;
  return true;
}
inline bool is_visible(std::string_view s, bool allow_space) {
  for (unsigned char c : s)
    if ((c < 0x21 && !(allow_space && (c == ' ' || c == '\t'))) || c == 0x7f) return false;
  return true;
}
inline bool beast_would_accept(const emu::HttpRequestIn& r) {
  if (!is_token(r.method) || r.target.empty() || !is_visible(r.target, false)) return false;
  for (const auto& [name, value] : r.headers)
    if (!is_token(name) || !is_visible(value, true)) return false;
  return true;
}

inline std::string_view trim(std::string_view v) {
  while (!v.empty() && (v.front() == ' ' || v.front() == '\t')) v.remove_prefix(1);
  while (!v.empty() && (v.back() == ' ' || v.back() == '\t')) v.remove_suffix(1);
  return v;
}

// The requests of an input; those Beast would refuse are left out.
inline std::vector<emu::HttpRequestIn> parse_requests(std::string_view text) {
  std::vector<emu::HttpRequestIn> out;
  while (!text.empty()) {
    const size_t sep = text.find("\n%%\n");
    std::string_view one = text.substr(0, sep);
    text = sep == std::string_view::npos ? std::string_view() : text.substr(sep + 4);

    emu::HttpRequestIn req;
    const size_t head_end = one.find("\n\n");
    std::string_view head = one.substr(0, head_end);
    if (head_end != std::string_view::npos) req.body = std::string(one.substr(head_end + 2));
    bool first = true;
    while (!head.empty()) {
      const size_t nl = head.find('\n');
      std::string_view line = head.substr(0, nl);
      head = nl == std::string_view::npos ? std::string_view() : head.substr(nl + 1);
      if (first) {
        const size_t sp = line.find(' ');
        req.method = std::string(line.substr(0, sp));
        if (sp != std::string_view::npos) req.target = std::string(line.substr(sp + 1));
        first = false;
        continue;
      }
      const size_t colon = line.find(':');
      std::string_view value =
          colon == std::string_view::npos ? std::string_view() : line.substr(colon + 1);
      req.headers.emplace_back(std::string(line.substr(0, colon)), std::string(trim(value)));
    }
    if (beast_would_accept(req)) out.push_back(std::move(req));
  }
  return out;
}

}  // namespace cc::fuzz
