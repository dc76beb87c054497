#pragma once
// Alibaba Cloud RPC signature V2, HMAC-SHA1 (protocols.md B3).
#include <string>

#include "harness/core/encoding.h"

namespace cc::core::alibaba_v2 {

struct Input {
  std::string method;  // the real HTTP method: it is part of the string to sign
  Params params;       // every parameter except Signature, decoded values
  std::string secret;  // AccessKeySecret; the key is secret + "&"
};

struct Result {
  std::string canonicalized_query;
  std::string string_to_sign;
  std::string signature;  // Base64
};

Result sign(const Input& in);

}  // namespace cc::core::alibaba_v2
