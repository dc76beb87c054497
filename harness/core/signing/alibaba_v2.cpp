#include "harness/core/signing/alibaba_v2.h"

#include <algorithm>

#include "harness/core/crypto.h"

namespace cc::core::alibaba_v2 {

Result sign(const Input& in) {
  Params encoded;
  for (const auto& [k, v] : in.params) {
    if (k == "Signature") continue;
    encoded.emplace_back(percent_encode(k), percent_encode(v));
  }
  std::sort(encoded.begin(), encoded.end());
  Result r;
  for (size_t i = 0; i < encoded.size(); ++i) {
    if (i) r.canonicalized_query += "&";
    r.canonicalized_query += encoded[i].first + "=" + encoded[i].second;
  }
  r.string_to_sign =
      in.method + "&" + percent_encode("/") + "&" + percent_encode(r.canonicalized_query);
  r.signature = base64_encode(hmac_sha1(in.secret + "&", r.string_to_sign));
  return r;
}

}  // namespace cc::core::alibaba_v2
