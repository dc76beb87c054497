#pragma once
// Alibaba Cloud signature V3, ACS3-HMAC-SHA256 (protocols.md B5).
#include <string>
#include <string_view>
#include <vector>

#include "harness/core/encoding.h"

namespace cc::core::alibaba_v3 {

struct Input {
  std::string method;
  std::string canonical_uri = "/";
  Params query;                // decoded query parameters
  Params signed_headers;       // host, x-acs-*, content-type when there is a body
  std::string hashed_payload;  // x-acs-content-sha256
  std::string access_key_id;
  std::string secret;  // raw AccessKeySecret (no "&")
};

struct Result {
  std::string canonical_query;
  std::string canonical_request;
  std::string hashed_canonical_request;
  std::string string_to_sign;
  std::string signed_headers;
  std::string signature;      // lower hex
  std::string authorization;  // commas without spaces
};

Result sign(const Input& in);

struct Authorization {
  bool ok = false;
  std::string access_key_id, signed_headers, signature;
};
Authorization parse_authorization(const std::string& header);

// The same parts as views into `header`, with no strings: the emulator reads one per request.
struct AuthorizationView {
  bool ok = false;
  std::string_view access_key_id, signed_headers, signature;
};
AuthorizationView parse_authorization_view(std::string_view header);

}  // namespace cc::core::alibaba_v3
