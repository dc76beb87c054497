#include "harness/core/signing/alibaba_v3.h"

#include <algorithm>
#include <cctype>
#include <string_view>
#include <vector>

#include "harness/core/crypto.h"
#include "harness/core/signing/authorization_parts.h"
#include "harness/core/signing/encoded_sorted.h"

namespace cc::core::alibaba_v3 {

namespace {

// The signed headers as (lower-case name, trimmed value) views, names lowered into `names`,
// sorted by name then value: the order a map of sorted value lists gave, without its strings.
std::vector<EncodedParam> sorted_headers(const Params& headers, std::string& names) {
  std::size_t total = 0;
  for (const auto& h : headers) total += h.first.size();
  names.reserve(total);  // never grows below: the views stay valid
  std::vector<EncodedParam> out;
  out.reserve(headers.size());
  for (const auto& [k, v] : headers) {
    const std::size_t start = names.size();
    for (char c : k) names.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
    out.emplace_back(std::string_view(names).substr(start), trimmed(v));
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

Result sign(const Input& in) {
  Result r;
  std::string arena;  // by name, duplicates by value; no string per encoded name and value
  const std::vector<EncodedParam> query = encoded_sorted(in.query, arena);
  r.canonical_query.reserve(arena.size() + 2 * query.size());
  for (size_t i = 0; i < query.size(); ++i) {
    if (i) r.canonical_query += '&';
    r.canonical_query.append(query[i].first).append(1, '=').append(query[i].second);
  }
  // Multi-valued headers: trimmed values, sorted, joined by ','.
  std::string names;
  const std::vector<EncodedParam> headers = sorted_headers(in.signed_headers, names);
  std::string canonical_headers;
  for (size_t i = 0; i < headers.size(); ++i) {
    if (i == 0 || headers[i].first != headers[i - 1].first) {
      if (i) canonical_headers += '\n';
      canonical_headers.append(headers[i].first).append(1, ':');
      if (!r.signed_headers.empty()) r.signed_headers += ';';
      r.signed_headers.append(headers[i].first);
    } else {
      canonical_headers += ',';
    }
    canonical_headers.append(headers[i].second);
  }
  if (!headers.empty()) canonical_headers += '\n';
  const std::string_view parts[] = {in.method,         "\n", in.canonical_uri,  "\n",
                                    r.canonical_query, "\n", canonical_headers, "\n",
                                    r.signed_headers,  "\n", in.hashed_payload};
  std::size_t size = 0;
  for (std::string_view part : parts) size += part.size();
  r.canonical_request.reserve(size);  // one string, where each + made another
  for (std::string_view part : parts) r.canonical_request.append(part);
  r.hashed_canonical_request = sha256_hex(r.canonical_request);
  r.string_to_sign = "ACS3-HMAC-SHA256\n" + r.hashed_canonical_request;
  r.signature = to_hex(hmac_sha256(in.secret, r.string_to_sign));
  r.authorization = "ACS3-HMAC-SHA256 Credential=" + in.access_key_id +
                    ",SignedHeaders=" + r.signed_headers + ",Signature=" + r.signature;
  return r;
}

Authorization parse_authorization(const std::string& header) {
  const AuthorizationView v = parse_authorization_view(header);
  Authorization a;  // the parts read before a failure too, as this always answered
  a.access_key_id = v.access_key_id;
  a.signed_headers = v.signed_headers;
  a.signature = v.signature;
  a.ok = v.ok;
  return a;
}

AuthorizationView parse_authorization_view(std::string_view header) {
  const AuthorizationParts p = authorization_parts(header, "ACS3-HMAC-SHA256 ");
  AuthorizationView a;  // the parts read before a failure too, as this always answered
  a.access_key_id = p.credential;
  a.signed_headers = p.signed_headers;
  a.signature = p.signature;
  a.ok = p.well_formed && !a.access_key_id.empty() && !a.signed_headers.empty() &&
         !a.signature.empty();
  return a;
}

}  // namespace cc::core::alibaba_v3
