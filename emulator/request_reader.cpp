#include "emulator/request_reader.h"

#include <algorithm>
#include <cstring>

#include "harness/core/encoding.h"

namespace cc::emu {
namespace {

constexpr std::size_t kHeadLimit = 8192;  // Beast's default header limit: at it, Beast decides

// RFC 7230 tchar: what a method and a field name are made of. A table: this runs per byte.
struct TokenTable {
  bool is[256] = {};
  constexpr TokenTable() {
    for (int c = '0'; c <= '9'; ++c) is[c] = true;
    for (int c = 'a'; c <= 'z'; ++c) is[c] = true;
    for (int c = 'A'; c <= 'Z'; ++c) is[c] = true;
    for (const char c : std::string_view("!#$%&'*+-.^_`|~"))
      is[static_cast<unsigned char>(c)] = true;
  }
};
constexpr TokenTable kToken;

bool token_char(char c) { return kToken.is[static_cast<unsigned char>(c)]; }

// Whether [p, end) is printable ASCII and HTAB only (what a field value of a simple request
// holds), eight bytes at a time; a word with a control byte is looked at byte by byte (a tab).
bool printable(const char* p, const char* end) {
  constexpr std::uint64_t kOnes = 0x0101010101010101ULL, kHigh = 0x8080808080808080ULL;
  for (; p + 8 <= end; p += 8) {
    std::uint64_t w;
    std::memcpy(&w, p, 8);
    const std::uint64_t control = (w - kOnes * 0x20) & ~w;  // a byte below 0x20
    const std::uint64_t del = ((w ^ (kOnes * 0x7f)) - kOnes) & ~(w ^ (kOnes * 0x7f));  // 0x7f
    if (((control | del | w) & kHigh) == 0) continue;
    for (int i = 0; i < 8; ++i)
      if ((p[i] < 0x20 && p[i] != '\t') || p[i] == 0x7f) return false;  // signed: >= 0x80 < 0
  }
  for (; p < end; ++p)
    if ((*p < 0x20 && *p != '\t') || *p == 0x7f) return false;
  return true;
}

// The next line of `bytes` from `at`, without its CRLF; false when there is no CRLF (yet) within
// the head limit, or a CR without LF.
bool line(std::string_view bytes, std::size_t at, std::string_view& out) {
  const std::size_t room = std::min(bytes.size(), kHeadLimit);
  if (at >= room) return false;
  const void* cr = std::memchr(bytes.data() + at, '\r', room - at);
  if (!cr) return false;
  const std::size_t end = static_cast<std::size_t>(static_cast<const char*>(cr) - bytes.data());
  if (end + 1 >= bytes.size() || bytes[end + 1] != '\n') return false;
  out = bytes.substr(at, end - at);
  return true;
}

// "METHOD SP target SP HTTP/1.x".
bool request_line(std::string_view l, HttpRequestIn& in, unsigned& version) {
  std::size_t i = 0;
  while (i < l.size() && token_char(l[i])) ++i;
  if (i == 0 || i >= l.size() || l[i] != ' ') return false;
  in.method.assign(l.data(), i);
  const std::size_t target = ++i;
  const std::size_t space = l.find(' ', target);
  if (space == std::string_view::npos || space == target) return false;
  for (std::size_t k = target; k < space; ++k)
    if (l[k] <= 0x20 || l[k] == 0x7f) return false;  // signed: >= 0x80 < 0
  in.target.assign(l.data() + target, space - target);
  const std::string_view v = l.substr(space + 1);
  if (v.size() != 8 || v.substr(0, 7) != "HTTP/1." || (v[7] != '0' && v[7] != '1')) return false;
  version = v[7] == '0' ? 10 : 11;
  return true;
}

// What the fields say about the message beyond themselves.
struct Framing {
  bool has_length = false;
  std::uint64_t length = 0;
  int connection = 0;  // 0: no Connection header, 1: close, 2: keep-alive
};

// One field: a refusal for anything Beast would treat specially.
bool frame(std::string_view name, std::string_view value, Framing& f) {
  switch (name.size()) {  // the names below have these lengths; most fields have others
    case 7:               // Upgrade
    case 10:              // Connection
    case 14:              // Content-Length
    case 16:              // Proxy-Connection
    case 17:              // Transfer-Encoding
      break;
    default:
      return true;
  }
  if (core::iequals_ascii(name, "Content-Length")) {
    if (f.has_length || value.empty() || value.size() > 15) return false;
    for (const char c : value) {
      if (c < '0' || c > '9') return false;
      f.length = f.length * 10 + static_cast<unsigned>(c - '0');
    }
    f.has_length = true;
    return true;
  }
  if (core::iequals_ascii(name, "Connection")) {
    if (f.connection != 0) return false;
    f.connection = core::iequals_ascii(value, "close")        ? 1
                   : core::iequals_ascii(value, "keep-alive") ? 2
                                                              : 0;
    return f.connection != 0;
  }
  return !core::iequals_ascii(name, "Transfer-Encoding") && !core::iequals_ascii(name, "Upgrade") &&
         !core::iequals_ascii(name, "Proxy-Connection");
}

// "name:" OWS value OWS, as Beast splits it.
bool field(std::string_view l, std::string_view& name, std::string_view& value) {
  std::size_t i = 0;
  while (i < l.size() && token_char(l[i])) ++i;
  if (i == 0 || i >= l.size() || l[i] != ':') return false;
  name = l.substr(0, i);
  ++i;
  while (i < l.size() && (l[i] == ' ' || l[i] == '\t')) ++i;
  std::size_t end = l.size();
  while (end > i && (l[end - 1] == ' ' || l[end - 1] == '\t')) --end;
  value = l.substr(i, end - i);
  return printable(l.data() + i, l.data() + l.size());
}

// The fields up to the empty line; `at` moves past it.
bool fields(std::string_view bytes, std::size_t& at, HttpRequestIn& in, Framing& f) {
  std::size_t count = 0;
  for (std::string_view l; line(bytes, at, l) && !l.empty(); at += l.size() + 2) {
    std::string_view name, value;
    const std::size_t next = at + l.size() + 2;  // a line starting with a blank is a fold
    if (next >= bytes.size() || bytes[next] == ' ' || bytes[next] == '\t') return false;
    if (!field(l, name, value) || !frame(name, value, f)) return false;
    if (count == in.headers.size()) in.headers.emplace_back();
    in.headers[count].first.assign(name.data(), name.size());
    in.headers[count].second.assign(value.data(), value.size());
    ++count;
  }
  if (bytes.substr(at, 2) != "\r\n") return false;  // no CRLF within the limit, or a bare CR
  in.headers.resize(count);
  at += 2;
  return at < kHeadLimit;
}

}  // namespace

bool read_simple_request(std::string_view bytes, std::uint64_t body_limit, HttpRequestIn& in,
                         SimpleRequest& out) {
  std::string_view first;
  if (!line(bytes, 0, first) || !request_line(first, in, out.version)) return false;
  std::size_t at = first.size() + 2;
  Framing f;
  if (!fields(bytes, at, in, f)) return false;
  if (f.length > body_limit || bytes.size() - at < f.length) return false;
  in.body.assign(bytes.data() + at, static_cast<std::size_t>(f.length));
  out.keep_alive = out.version >= 11 ? f.connection != 1 : f.connection == 2;
  out.size = at + static_cast<std::size_t>(f.length);
  return true;
}

}  // namespace cc::emu
