#include "harness/core/signing/tencent_v1.h"

#include <algorithm>

#include "harness/core/crypto.h"

namespace cc::core::tencent_v1 {

Result sign(const Input& in) {
  Params sorted;
  bool sha256 = false;
  for (const auto& p : in.params) {
    if (p.first == "Signature") continue;
    if (p.first == "SignatureMethod" && p.second == "HmacSHA256") sha256 = true;
    sorted.push_back(p);
  }
  // Byte order of names: InstanceIds.12 sorts before InstanceIds.2, as the document says.
  std::stable_sort(sorted.begin(), sorted.end(),
                   [](const Param& a, const Param& b) { return a.first < b.first; });
  Result r;
  r.string_to_sign = in.method + in.host + in.path + "?";
  for (size_t i = 0; i < sorted.size(); ++i) {
    if (i) r.string_to_sign += "&";
    r.string_to_sign += sorted[i].first + "=" + sorted[i].second;
  }
  r.signature = base64_encode(sha256 ? hmac_sha256(in.secret_key, r.string_to_sign)
                                     : hmac_sha1(in.secret_key, r.string_to_sign));
  return r;
}

}  // namespace cc::core::tencent_v1
