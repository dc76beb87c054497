#include "harness/core/signing/tc3.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <string_view>
#include <vector>

#include "harness/core/crypto.h"
#include "harness/core/signing/authorization_parts.h"

namespace cc::core::tc3 {

std::string derive_key(std::string_view secret_key, std::string_view date,
                       std::string_view service) {
  std::string tc3_key = "TC3";
  tc3_key += secret_key;
  const std::string secret_date = hmac_sha256(tc3_key, date);
  const std::string secret_service = hmac_sha256(secret_date, service);
  return hmac_sha256(secret_service, "tc3_request");
}

Result sign(const Input& in) {
  return sign_with_key(in, derive_key(in.secret_key, utc_date(in.timestamp), in.service));
}

namespace {

unsigned char lower(char c) {
  return static_cast<unsigned char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
}

// a < b once both are lower-cased (ASCII), byte by byte as std::string compares.
bool less_lowered(std::string_view a, std::string_view b) {
  const std::size_t n = std::min(a.size(), b.size());
  for (std::size_t i = 0; i < n; ++i)
    if (lower(a[i]) != lower(b[i])) return lower(a[i]) < lower(b[i]);
  return a.size() < b.size();
}

bool equal_lowered(std::string_view a, std::string_view b) {
  return !less_lowered(a, b) && !less_lowered(b, a);
}

void append_lowered(std::string& out, std::string_view s) {
  const std::size_t at = out.size();
  out.append(s);
  for (std::size_t i = at; i < out.size(); ++i) out[i] = static_cast<char>(lower(out[i]));
}

// The canonical headers' order (A3): by lower-cased name, then lower-cased trimmed value, as
// sorting the lower-cased pairs would give. Values arrive trimmed.
void sort_headers(std::span<Header> headers) {
  std::sort(headers.begin(), headers.end(), [](const Header& a, const Header& b) {
    if (!equal_lowered(a.name, b.name)) return less_lowered(a.name, b.name);
    return less_lowered(a.value, b.value);
  });
}

// The canonical request (A3) appended to `cr`, with `signed_headers` on the way (both empty on
// entry); `hashed_payload` is the payload's lower-hex SHA-256. Built by appending into reserved
// strings, the headers lower-cased as they are appended: the emulator verifies every request
// with this, and temporaries were a measurable share of it.
void canonical_request(const InputView& in, std::string_view hashed_payload,
                       std::string& signed_headers, std::string& cr) {
  // Canonical headers: lower-case names and values (the document lower-cases values too),
  // trimmed, sorted by name. Sorted as views, in place on the stack for the usual few.
  std::array<Header, 8> few;
  std::vector<Header> many;
  std::span<Header> headers;
  if (in.signed_headers.size() <= few.size()) {
    headers = std::span<Header>(few.data(), in.signed_headers.size());
  } else {
    many.resize(in.signed_headers.size());
    headers = many;
  }
  std::size_t size = 0;
  for (std::size_t i = 0; i < headers.size(); ++i) {
    headers[i] = {in.signed_headers[i].name, trimmed(in.signed_headers[i].value)};
    size += headers[i].name.size() + headers[i].value.size() + 3;
  }
  sort_headers(headers);
  signed_headers.reserve(size);
  for (const auto& [k, v] : headers) {
    if (!signed_headers.empty()) signed_headers += ';';
    append_lowered(signed_headers, k);
  }
  cr.reserve(in.method.size() + in.canonical_uri.size() + in.canonical_query.size() + size +
             signed_headers.size() + hashed_payload.size() + 5);
  cr.append(in.method).append(1, '\n').append(in.canonical_uri).append(1, '\n');
  cr.append(in.canonical_query).append(1, '\n');
  for (const auto& [k, v] : headers) {
    append_lowered(cr, k);
    cr.append(1, ':');
    append_lowered(cr, v);
    cr.append(1, '\n');
  }
  cr.append(1, '\n').append(signed_headers).append(1, '\n').append(hashed_payload);
}

// "TC3-HMAC-SHA256\n<timestamp>\n<scope>\n<hashed canonical request>"
void string_to_sign(const InputView& in, std::string_view scope, std::string_view hashed_cr,
                    std::string& sts) {
  sts.reserve(40 + scope.size() + hashed_cr.size());
  char digits[24];  // no string for the number: std::to_string's of a long one allocates
  const std::size_t n = static_cast<std::size_t>(
      std::to_chars(digits, digits + sizeof digits, in.timestamp).ptr - digits);
  sts.append("TC3-HMAC-SHA256\n").append(digits, n).append(1, '\n');
  sts.append(scope).append(1, '\n').append(hashed_cr);
}

// Views of an Input's fields; `headers` holds the header views.
InputView view_of(const Input& in, std::vector<Header>& headers) {
  headers.reserve(in.signed_headers.size());
  for (const auto& [k, v] : in.signed_headers) headers.push_back({k, v});
  return {in.method,  in.canonical_uri, in.canonical_query, headers,
          in.payload, in.service,       in.timestamp};
}

// `mac(data)` is the HMAC under the derived key.
template <typename Mac>
Result sign_with(const Input& input, const Mac& mac) {
  std::vector<Header> headers;
  const InputView in = view_of(input, headers);
  Result r;
  r.hashed_payload = sha256_hex(in.payload);
  canonical_request(in, r.hashed_payload, r.signed_headers, r.canonical_request);
  r.hashed_canonical_request = sha256_hex(r.canonical_request);
  r.date = utc_date(in.timestamp);
  r.credential_scope.append(r.date).append(1, '/').append(in.service).append("/tc3_request");
  string_to_sign(in, r.credential_scope, r.hashed_canonical_request, r.string_to_sign);
  r.signature = to_hex(mac(r.string_to_sign));
  r.authorization.reserve(60 + input.secret_id.size() + r.credential_scope.size() +
                          r.signed_headers.size() + r.signature.size());
  r.authorization.append("TC3-HMAC-SHA256 Credential=").append(input.secret_id).append(1, '/');
  r.authorization.append(r.credential_scope).append(", SignedHeaders=").append(r.signed_headers);
  r.authorization.append(", Signature=").append(r.signature);
  return r;
}

// The strings one verification builds, kept by each thread with their capacity and cleared
// before use: scratch space, like crypto's digest context, holding nothing between calls.
struct Scratch {
  std::string signed_headers, cr, scope, sts;
};

Scratch& scratch() {
  thread_local Scratch s;
  s.signed_headers.clear();
  s.cr.clear();
  s.scope.clear();
  s.sts.clear();
  return s;
}

// The signature's lower hex into `hex`, its strings in the thread's scratch.
void signature_hex(const InputView& in, const HmacSha256Key& key, std::span<char, 64> hex) {
  Scratch& s = scratch();
  char hashed_payload[64], hashed_cr[64];
  sha256_hex(in.payload, hashed_payload);
  canonical_request(in, std::string_view(hashed_payload, sizeof hashed_payload), s.signed_headers,
                    s.cr);
  sha256_hex(s.cr, hashed_cr);
  s.scope.append(utc_date(in.timestamp)).append(1, '/').append(in.service).append("/tc3_request");
  string_to_sign(in, s.scope, std::string_view(hashed_cr, sizeof hashed_cr), s.sts);
  unsigned char mac[32];
  key.mac(s.sts, mac);
  to_hex(mac, hex.data());
}

}  // namespace

Result sign_with_key(const Input& in, std::string_view key) {
  return sign_with(in, [key](std::string_view data) { return hmac_sha256(key, data); });
}

Result sign_with_key(const Input& in, const HmacSha256Key& key) {
  return sign_with(in, [&key](std::string_view data) { return key.mac(data); });
}

std::string signature_with_key(const Input& in, const HmacSha256Key& key) {
  std::vector<Header> headers;
  return signature_with_key(view_of(in, headers), key);
}

std::string signature_with_key(const InputView& in, const HmacSha256Key& key) {
  char hex[64];
  signature_hex(in, key, hex);
  return std::string(hex, sizeof hex);
}

bool signature_matches(const InputView& in, const HmacSha256Key& key, std::string_view signature) {
  char hex[64];
  signature_hex(in, key, hex);
  return constant_time_equal(std::string_view(hex, sizeof hex), signature);
}

Authorization parse_authorization(const std::string& header) {
  const AuthorizationView v = parse_authorization_view(header);
  Authorization a;
  if (!v.ok) return a;
  a.secret_id = v.secret_id;
  a.date = v.date;
  a.service = v.service;
  a.signed_headers = v.signed_headers;
  a.signature = v.signature;
  a.ok = true;
  return a;
}

AuthorizationView parse_authorization_view(std::string_view header) {
  AuthorizationView a;
  const AuthorizationParts p = authorization_parts(header, "TC3-HMAC-SHA256 ");
  if (!p.well_formed) return a;
  const std::string_view credential = p.credential, signed_headers = p.signed_headers,
                         signature = p.signature;
  // Credential = SecretId/Date/service/tc3_request; the SecretId itself has no '/'.
  size_t s1 = credential.find('/');
  if (s1 == std::string_view::npos) return a;
  size_t s2 = credential.find('/', s1 + 1);
  if (s2 == std::string_view::npos) return a;
  size_t s3 = credential.find('/', s2 + 1);
  if (s3 == std::string_view::npos || credential.substr(s3 + 1) != "tc3_request") return a;
  if (signed_headers.empty() || signature.empty()) return a;
  a.secret_id = credential.substr(0, s1);
  a.date = credential.substr(s1 + 1, s2 - s1 - 1);
  a.service = credential.substr(s2 + 1, s3 - s2 - 1);
  a.signed_headers = signed_headers;
  a.signature = signature;
  a.ok = true;
  return a;
}

}  // namespace cc::core::tc3
