#include "harness/core/outcome.h"

#include <algorithm>
#include <cctype>
#include <string_view>

#include "harness/core/encoding.h"

namespace cc::core {

namespace {

// 8-4-4-4-12 hexadecimal digits, the shape both providers document for their RequestIds.
bool uuid_shaped(const std::string& s) {
  if (s.size() != 36) return false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const bool dash = i == 8 || i == 13 || i == 18 || i == 23;
    if (dash ? s[i] != '-' : !std::isxdigit(static_cast<unsigned char>(s[i]))) return false;
  }
  return true;
}

// How many bytes from `i` are a well-formed UTF-8 sequence (RFC 3629: no overlong form, no
// surrogate, nothing above U+10FFFF), `n` the length its first byte announces (0: no first
// byte). Returns n when they all fit, else how many did.
std::size_t fitting(std::string_view s, std::size_t i, std::size_t& n) {
  const auto c = static_cast<unsigned char>(s[i]);
  unsigned char low = 0x80, high = 0xbf;  // the second byte's range
  n = c < 0x80                 ? 1
      : c >= 0xc2 && c <= 0xdf ? 2
      : c >= 0xe0 && c <= 0xef ? 3
      : c >= 0xf0 && c <= 0xf4 ? 4
                               : 0;
  if (n == 0) return 0;
  if (c == 0xe0) low = 0xa0;   // overlong
  if (c == 0xed) high = 0x9f;  // surrogates
  if (c == 0xf0) low = 0x90;   // overlong
  if (c == 0xf4) high = 0x8f;  // above U+10FFFF
  std::size_t k = 1;
  for (; k < n && i + k < s.size(); ++k) {
    const auto d = static_cast<unsigned char>(s[i + k]);
    if (k == 1 ? (d < low || d > high) : (d & 0xc0) != 0x80) break;
  }
  return k;
}

// A target may answer any bytes, yet the record must dump into results.json: what is not UTF-8
// becomes U+FFFD (found by tests/fuzz) exactly as nlohmann::json's serializer replaces it (a
// bad first byte is one U+FFFD; a sequence cut short is one, and the byte that cut it is read
// again; so is a sequence the string ends in): the same bytes, compared on every string of up to
// three bytes and three million longer ones. Dumping the whole record with the serializer's
// replacement and parsing it again cost the response_envelope fuzz target half its time.
std::string utf8(const std::string& s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0, n = 0; i < s.size();) {
    const std::size_t k = fitting(s, i, n);
    if (n > 0 && k == n) {
      out.append(s, i, n);
      i += n;
      continue;
    }
    out += "\xEF\xBF\xBD";
    i += k == 0 ? 1 : k;  // a bad first byte, or the bytes that fitted
  }
  return out;
}

}  // namespace

std::string to_string(ProtocolBreak::Part part) {
  switch (part) {
    case ProtocolBreak::Part::RequestId:
      return "request_id";
    case ProtocolBreak::Part::ErrorCode:
      return "error_code";
    case ProtocolBreak::Part::ErrorMessage:
      return "error_message";
    case ProtocolBreak::Part::Wrapper:
      return "wrapper";
    case ProtocolBreak::Part::StatusConvention:
      return "status_convention";
  }
  return "unknown";
}

bool same_request_id(const std::string& a, const std::string& b) {
  if (a == b) return true;
  // Hex digits are the only letters of a UUID: lower-casing both compares them as one value.
  return uuid_shaped(a) && uuid_shaped(b) && to_lower(a) == to_lower(b);
}

bool Outcome::broke(ProtocolBreak::Part part) const {
  return std::any_of(protocol_breaks.begin(), protocol_breaks.end(),
                     [&](const ProtocolBreak& b) { return b.part == part; });
}

std::string Outcome::summary() const {
  if (harness_error()) return "harness error: " + transport_error;
  std::string s = ok ? "ok " + std::to_string(http_status)
                     : "error " + std::to_string(http_status) + " " +
                           (code.empty() ? "(no code)" : code) +
                           (message.empty() ? "" : ": " + message);
  if (!request_id.empty()) s += " (RequestId " + request_id + ")";
  for (std::size_t i = 0; i < protocol_breaks.size(); ++i)
    s += (i == 0 ? "; breaks the protocol: " : "; ") + protocol_breaks[i].message;
  return s;
}

nlohmann::json Exchange::to_json() const {
  auto headers = [](const Headers& h) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& [k, v] : h) out.push_back({utf8(k), utf8(v)});
    return out;
  };
  nlohmann::json j;
  j["request"] = {{"method", utf8(request.method)},
                  {"url", utf8(request.url)},
                  {"headers", headers(request.headers)},
                  {"body", utf8(request.body)}};
  j["response"] = {{"status", response.status},
                   {"headers", headers(response.headers)},
                   {"body", utf8(response.body)},
                   {"elapsed_ms", response.elapsed.count() / 1000.0}};
  if (!response.transport_error.empty())
    j["response"]["transport_error"] = utf8(response.transport_error);
  return j;
}

void Redactor::add_secret(const std::string& secret) {
  if (secret.size() >= 4) {  // shorter strings would redact ordinary text
    secrets_.push_back(secret);
    secrets_.push_back(percent_encode(secret));
  }
}

std::string Redactor::redact(std::string text) const {
  for (const auto& s : secrets_) {
    for (size_t pos = text.find(s); pos != std::string::npos; pos = text.find(s, pos + 3))
      text.replace(pos, s.size(), "***");
  }
  return text;
}

void Redactor::add_token_header(const std::string& name) {
  token_headers_.push_back(to_lower(name));
}

HttpRequest Redactor::redact(HttpRequest r) const {
  // Session tokens are secrets even when nobody registered them.
  for (auto& [k, v] : r.headers) {
    const std::string name = to_lower(k);
    if (std::find(token_headers_.begin(), token_headers_.end(), name) != token_headers_.end())
      v = v.empty() ? v : "***";
    v = redact(v);
  }
  r.url = redact(r.url);
  r.body = redact(r.body);
  return r;
}

}  // namespace cc::core
