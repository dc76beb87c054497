#include "harness/core/encoding.h"

#include "harness/core/signing/encoded_sorted.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdio>
#include <ctime>

namespace cc::core {
namespace {

// One look-up per byte: std::isalnum was a call per byte of every name and value a signer
// encodes (twice over for V2's string to sign). The program never sets a locale, so isalnum
// meant the ASCII letters and digits, which is what the table holds.
constexpr std::array<bool, 256> kUnreserved = [] {
  std::array<bool, 256> t{};
  for (int c = 0; c < 256; ++c)
    t[c] = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '_' || c == '.' || c == '~';
  return t;
}();

bool unreserved(unsigned char c) { return kUnreserved[c]; }

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Days from 1970-01-01 to y-m-d in the proleptic Gregorian calendar (H. Hinnant's algorithm),
// so time formatting never depends on the process's time zone.
std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

struct Civil {
  std::int64_t y;
  unsigned m, d, hh, mm, ss;
};

Civil civil_from_epoch(std::int64_t t) {
  std::int64_t days = t >= 0 ? t / 86400 : (t - 86399) / 86400;
  std::int64_t secs = t - days * 86400;
  days += 719468;
  const std::int64_t era = (days >= 0 ? days : days - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(days - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  const std::int64_t y = static_cast<std::int64_t>(yoe) + era * 400 + (m <= 2);
  return {y,
          m,
          d,
          static_cast<unsigned>(secs / 3600),
          static_cast<unsigned>(secs % 3600 / 60),
          static_cast<unsigned>(secs % 60)};
}

}  // namespace

std::string percent_encode(std::string_view s) {
  std::string out;
  percent_encode(s, out);
  return out;
}

// Runs of bytes that stay are appended whole: a byte at a time was most of a verifier's
// decoding and encoding (a call and a capacity check per byte).
void percent_encode(std::string_view s, std::string& out) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  out.reserve(out.size() + s.size() * 3);
  std::size_t run = 0;  // where the current run of unreserved bytes starts
  for (std::size_t i = 0; i < s.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (unreserved(c)) continue;
    out.append(s.data() + run, i - run);
    const char escape[3] = {'%', kHex[c >> 4], kHex[c & 0x0f]};
    out.append(escape, 3);
    run = i + 1;
  }
  out.append(s.data() + run, s.size() - run);
}

std::optional<std::string> percent_decode(std::string_view s) {
  std::string out;
  if (!percent_decode(s, out)) return std::nullopt;
  return out;
}

bool percent_decode(std::string_view s, std::string& out) {
  out.reserve(out.size() + s.size());
  std::size_t run = 0;  // where the current run of bytes that stay starts
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '%' && s[i] != '+') continue;
    out.append(s.data() + run, i - run);
    if (s[i] == '+') {
      out.push_back(' ');
    } else {
      if (i + 2 >= s.size()) return false;
      int hi = hex_value(s[i + 1]), lo = hex_value(s[i + 2]);
      if (hi < 0 || lo < 0) return false;
      out.push_back(static_cast<char>(hi * 16 + lo));
      i += 2;
    }
    run = i + 1;
  }
  out.append(s.data() + run, s.size() - run);
  return true;
}

std::vector<EncodedParam> encoded_sorted(const Params& params, std::string& arena,
                                         std::optional<std::string_view> skip) {
  std::size_t most = arena.size();
  for (const auto& p : params) most += 3 * (p.first.size() + p.second.size());
  arena.reserve(most);  // never grows below: the views stay valid
  std::vector<EncodedParam> out;
  out.reserve(params.size());
  for (const auto& p : params) {
    if (skip && p.first == *skip) continue;
    const std::size_t start = arena.size();
    percent_encode(p.first, arena);
    const std::size_t name_end = arena.size();
    percent_encode(p.second, arena);
    out.emplace_back(std::string_view(arena).substr(start, name_end - start),
                     std::string_view(arena).substr(name_end));
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::string encode_query(const Params& params) {
  std::string out;
  for (const auto& [k, v] : params) {
    if (!out.empty()) out.push_back('&');
    percent_encode(k, out);
    out.push_back('=');
    percent_encode(v, out);
  }
  return out;
}

std::optional<Params> parse_query(std::string_view query) {
  Params out;
  if (!parse_query(query, out)) return std::nullopt;
  return out;
}

bool parse_query(std::string_view query, Params& out) {
  // One pair per '&' at most: reserved once rather than grown (and moved) pair by pair.
  if (query.empty()) return true;
  out.reserve(out.size() + static_cast<size_t>(std::count(query.begin(), query.end(), '&')) + 1);
  while (!query.empty()) {
    size_t amp = query.find('&');
    std::string_view pair = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view{} : query.substr(amp + 1);
    if (pair.empty()) continue;
    size_t eq = pair.find('=');
    Param& p = out.emplace_back();
    if (!percent_decode(pair.substr(0, eq), p.first) ||
        !percent_decode(eq == std::string_view::npos ? std::string_view{} : pair.substr(eq + 1),
                        p.second))
      return false;
  }
  return true;
}

std::string utc_date(std::int64_t t) {
  Civil c = civil_from_epoch(t);
  if (c.y >= 0 && c.y <= 9999) {  // every request's TC3 scope: digits by hand, not snprintf
    std::string out = "0000-00-00";
    auto put = [&out](std::size_t at, unsigned v, int width) {
      for (int i = width - 1; i >= 0; --i, v /= 10) out[at + i] = static_cast<char>('0' + v % 10);
    };
    put(0, static_cast<unsigned>(c.y), 4);
    put(5, c.m, 2);
    put(8, c.d, 2);
    return out;
  }
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04lld-%02u-%02u", static_cast<long long>(c.y), c.m, c.d);
  return buf;
}

std::string utc_iso8601(std::int64_t t) {
  Civil c = civil_from_epoch(t);
  char buf[40];
  std::snprintf(buf, sizeof buf, "%04lld-%02u-%02uT%02u:%02u:%02uZ", static_cast<long long>(c.y),
                c.m, c.d, c.hh, c.mm, c.ss);
  return buf;
}

std::optional<std::int64_t> parse_utc_iso8601(std::string_view s) {
  // yyyy-MM-ddTHH:mm:ssZ, optionally with fractional seconds before the Z.
  if (s.size() < 20 || s[4] != '-' || s[7] != '-' || s[10] != 'T' || s[13] != ':' || s[16] != ':' ||
      s.back() != 'Z')
    return std::nullopt;
  auto num = [&](size_t pos, size_t len) -> long {
    long v = 0;
    for (size_t i = pos; i < pos + len; ++i) {
      if (!std::isdigit(static_cast<unsigned char>(s[i]))) return -1;
      v = v * 10 + (s[i] - '0');
    }
    return v;
  };
  long y = num(0, 4), mo = num(5, 2), d = num(8, 2), h = num(11, 2), mi = num(14, 2),
       se = num(17, 2);
  if (y < 0 || mo < 1 || mo > 12 || d < 1 || d > 31 || h < 0 || h > 23 || mi < 0 || mi > 59 ||
      se < 0 || se > 60)
    return std::nullopt;
  if (s.size() > 20) {
    if (s[19] != '.') return std::nullopt;
    for (size_t i = 20; i + 1 < s.size(); ++i)
      if (!std::isdigit(static_cast<unsigned char>(s[i]))) return std::nullopt;
  }
  return days_from_civil(y, static_cast<unsigned>(mo), static_cast<unsigned>(d)) * 86400 +
         h * 3600 + mi * 60 + se;
}

std::vector<std::string> split(std::string_view s, char sep) {
  std::vector<std::string> out;
  while (true) {
    size_t pos = s.find(sep);
    out.emplace_back(s.substr(0, pos));
    if (pos == std::string_view::npos) return out;
    s.remove_prefix(pos + 1);
  }
}

// ASCII only, which is what std::tolower does in the "C" locale this program never leaves; the
// locale look-up per character showed in the emulator's profile (every signed header, every
// request).
std::string to_lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

std::string_view trimmed(std::string_view s) {
  size_t b = 0, e = s.size();
  while (b < e && std::isspace(static_cast<unsigned char>(s[b]))) ++b;
  while (e > b && std::isspace(static_cast<unsigned char>(s[e - 1]))) --e;
  return s.substr(b, e - b);
}

std::string trim(std::string_view s) { return std::string(trimmed(s)); }

}  // namespace cc::core
