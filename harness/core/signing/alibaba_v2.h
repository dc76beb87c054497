#pragma once
// Alibaba Cloud RPC signature V2, HMAC-SHA1 (protocols.md B3).
#include <string>
#include <string_view>

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

// sign()'s string to sign alone, appended to `out` (a verifier shows it when a signature differs).
void string_to_sign(std::string_view method, const Params& params, std::string& out);
// Whether `signature` is sign()'s for these parameters, without sign()'s strings or a copy of the
// parameters: the emulator checks every V2 request with it (issue 18).
bool signature_matches(std::string_view method, const Params& params, std::string_view secret,
                       std::string_view signature);

}  // namespace cc::core::alibaba_v2
