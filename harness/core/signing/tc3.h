#pragma once
// Tencent Cloud API 3.0 signature v3, TC3-HMAC-SHA256 (protocols.md A3).
// A pure function: the timestamp is an input, so known-answer tests pin it, and the emulator
// verifies by recomputing with the same code from what it received.
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "harness/core/crypto.h"
#include "harness/core/encoding.h"

namespace cc::core::tc3 {

struct Input {
  std::string method;  // "POST" or "GET"
  std::string canonical_uri = "/";
  std::string canonical_query;  // POST: ""; GET: the query string exactly as sent
  Params signed_headers;       // name/value of every signed header (content-type and host at least)
  std::string payload;         // exact body bytes
  std::string service;         // first label of the endpoint: cvm, lighthouse, ecm
  std::int64_t timestamp = 0;  // X-TC-Timestamp
  std::string secret_id;
  std::string secret_key;
};

// The same input as views of bytes the caller keeps for the length of the call: a verifier (the
// emulator) has the request's method, body and headers already, and copying them into an Input
// was a tenth of its allocations per request.
struct Header {
  std::string_view name, value;
};
struct InputView {
  std::string_view method;
  std::string_view canonical_uri = "/";
  std::string_view canonical_query;
  std::span<const Header> signed_headers;
  std::string_view payload;
  std::string_view service;
  std::int64_t timestamp = 0;
};

struct Result {
  std::string hashed_payload;
  std::string canonical_request;
  std::string hashed_canonical_request;
  std::string date;              // UTC date of the timestamp
  std::string credential_scope;  // date/service/tc3_request
  std::string string_to_sign;
  std::string signed_headers;  // "content-type;host"
  std::string signature;       // lower hex
  std::string authorization;   // the Authorization header value
};

Result sign(const Input& in);

// The key the signature is an HMAC under: three HMACs of the secret, the date and the service.
// It is the same for every request of one day to one service, so a verifier that sees many
// (the emulator) derives it once and calls sign_with_key.
std::string derive_key(std::string_view secret_key, std::string_view date,
                       std::string_view service);
// sign() with the key already derived: `in.secret_key` is not read, and `key` must be
// derive_key(in.secret_key, utc_date(in.timestamp), in.service) for the same result.
Result sign_with_key(const Input& in, std::string_view key);
// The same with the key made ready for HMAC once (a verifier's cached key): the same result.
Result sign_with_key(const Input& in, const HmacSha256Key& key);
// Only sign_with_key(in, key).signature, for a verifier: the other strings are not built.
std::string signature_with_key(const Input& in, const HmacSha256Key& key);
// The same from views (the secret id and key take no part in the signature itself).
std::string signature_with_key(const InputView& in, const HmacSha256Key& key);
// Whether signature_with_key(in, key) is `signature`, compared in constant time. For the
// verifier of every request (the emulator): its strings are scratch space kept by the thread,
// where building them afresh was a fifth of a request's heap allocations.
bool signature_matches(const InputView& in, const HmacSha256Key& key, std::string_view signature);

// The parts of an Authorization header; nullopt-like `ok=false` when it is not TC3 shaped.
struct Authorization {
  bool ok = false;
  std::string secret_id, date, service, signed_headers, signature;
};
Authorization parse_authorization(const std::string& header);
// The same parts as views of `header` (valid while it is), for a verifier that copies none.
struct AuthorizationView {
  bool ok = false;
  std::string_view secret_id, date, service, signed_headers, signature;
};
AuthorizationView parse_authorization_view(std::string_view header);

}  // namespace cc::core::tc3
