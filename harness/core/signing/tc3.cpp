#include "harness/core/signing/tc3.h"

#include <algorithm>

#include "harness/core/crypto.h"

namespace cc::core::tc3 {

Result sign(const Input& in) {
  Result r;
  // Canonical headers: lower-case names and values (the document lower-cases values too),
  // trimmed, sorted by name.
  Params headers;
  for (const auto& [k, v] : in.signed_headers) headers.emplace_back(to_lower(k), to_lower(trim(v)));
  std::sort(headers.begin(), headers.end());
  std::string canonical_headers;
  for (const auto& [k, v] : headers) {
    canonical_headers += k + ":" + v + "\n";
    if (!r.signed_headers.empty()) r.signed_headers += ";";
    r.signed_headers += k;
  }
  r.hashed_payload = sha256_hex(in.payload);
  r.canonical_request = in.method + "\n" + in.canonical_uri + "\n" + in.canonical_query + "\n" +
                        canonical_headers + "\n" + r.signed_headers + "\n" + r.hashed_payload;
  r.hashed_canonical_request = sha256_hex(r.canonical_request);
  r.date = utc_date(in.timestamp);
  r.credential_scope = r.date + "/" + in.service + "/tc3_request";
  r.string_to_sign = "TC3-HMAC-SHA256\n" + std::to_string(in.timestamp) + "\n" +
                     r.credential_scope + "\n" + r.hashed_canonical_request;
  const std::string secret_date = hmac_sha256("TC3" + in.secret_key, r.date);
  const std::string secret_service = hmac_sha256(secret_date, in.service);
  const std::string secret_signing = hmac_sha256(secret_service, "tc3_request");
  r.signature = to_hex(hmac_sha256(secret_signing, r.string_to_sign));
  r.authorization = "TC3-HMAC-SHA256 Credential=" + in.secret_id + "/" + r.credential_scope +
                    ", SignedHeaders=" + r.signed_headers + ", Signature=" + r.signature;
  return r;
}

Authorization parse_authorization(const std::string& header) {
  Authorization a;
  const std::string prefix = "TC3-HMAC-SHA256 ";
  if (header.rfind(prefix, 0) != 0) return a;
  std::string rest = header.substr(prefix.size());
  std::string credential, signed_headers, signature;
  size_t pos = 0;
  while (pos < rest.size()) {
    size_t comma = rest.find(',', pos);
    std::string part =
        trim(rest.substr(pos, comma == std::string::npos ? std::string::npos : comma - pos));
    pos = comma == std::string::npos ? rest.size() : comma + 1;
    size_t eq = part.find('=');
    if (eq == std::string::npos) return a;
    std::string key = part.substr(0, eq), value = part.substr(eq + 1);
    if (key == "Credential")
      credential = value;
    else if (key == "SignedHeaders")
      signed_headers = value;
    else if (key == "Signature")
      signature = value;
  }
  // Credential = SecretId/Date/service/tc3_request; the SecretId itself has no '/'.
  size_t s1 = credential.find('/');
  if (s1 == std::string::npos) return a;
  size_t s2 = credential.find('/', s1 + 1);
  if (s2 == std::string::npos) return a;
  size_t s3 = credential.find('/', s2 + 1);
  if (s3 == std::string::npos || credential.substr(s3 + 1) != "tc3_request") return a;
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
