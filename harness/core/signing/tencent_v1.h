#pragma once
// Tencent Cloud API 3.0 signature v1, HmacSHA1 / HmacSHA256 (protocols.md A5): common
// parameters ride in the query or form body beside the API's own.
#include <string>

#include "harness/core/encoding.h"

namespace cc::core::tencent_v1 {

struct Input {
  std::string method;  // GET or POST
  std::string host;
  std::string path = "/";
  Params params;  // every parameter except Signature, values raw (not encoded)
  std::string secret_key;
};

struct Result {
  std::string string_to_sign;
  std::string signature;  // Base64
};

// The algorithm follows SignatureMethod among the params: HmacSHA256 only when it says so.
Result sign(const Input& in);

}  // namespace cc::core::tencent_v1
