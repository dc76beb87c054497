#include "harness/core/signing/alibaba_v2.h"

#include <algorithm>
#include <utility>
#include <vector>

#include "harness/core/crypto.h"
#include "harness/core/signing/encoded_sorted.h"

namespace cc::core::alibaba_v2 {
namespace {

using Encoded = EncodedParam;

std::vector<Encoded> encoded_sorted(const Params& params, std::string& arena) {
  return core::encoded_sorted(params, arena, "Signature");
}

// method & percent_encode("/") & percent_encode(canonicalized query), appended to `out`, the
// query's pairs encoded a second time straight from `pairs` ('=' is %3D and '&' %26).
void append_string_to_sign(std::string_view method, const std::vector<Encoded>& pairs,
                           std::string& out) {
  std::size_t most = method.size() + 5;
  for (const auto& [k, v] : pairs) most += 3 * (k.size() + v.size()) + 6;
  out.reserve(out.size() + most);
  out += method;
  out += "&%2F&";
  for (std::size_t i = 0; i < pairs.size(); ++i) {
    if (i) out += "%26";
    percent_encode(pairs[i].first, out);
    out += "%3D";
    percent_encode(pairs[i].second, out);
  }
}

// Base64 HMAC-SHA1 of `data` under secret + "&" into `out` (28 bytes and a NUL); the key is
// put together on the stack unless the secret is unusually long.
std::string_view signature_of(std::string_view secret, std::string_view data, char (&out)[29]) {
  unsigned char mac[20];
  char buffer[128];
  if (secret.size() < sizeof buffer) {
    std::copy(secret.begin(), secret.end(), buffer);
    buffer[secret.size()] = '&';
    hmac_sha1(std::string_view(buffer, secret.size() + 1), data, mac);
  } else {
    hmac_sha1(std::string(secret) + "&", data, mac);
  }
  return std::string_view(out, base64_encode(mac, out));
}

}  // namespace

Result sign(const Input& in) {
  std::string arena;
  const std::vector<Encoded> pairs = encoded_sorted(in.params, arena);
  Result r;
  for (size_t i = 0; i < pairs.size(); ++i) {
    if (i) r.canonicalized_query += "&";
    r.canonicalized_query.append(pairs[i].first).append("=").append(pairs[i].second);
  }
  append_string_to_sign(in.method, pairs, r.string_to_sign);
  char signature[29];
  r.signature = signature_of(in.secret, r.string_to_sign, signature);
  return r;
}

void string_to_sign(std::string_view method, const Params& params, std::string& out) {
  std::string arena;
  append_string_to_sign(method, encoded_sorted(params, arena), out);
}

bool signature_matches(std::string_view method, const Params& params, std::string_view secret,
                       std::string_view signature) {
  std::string text;
  string_to_sign(method, params, text);
  char expected[29];
  return constant_time_equal(signature_of(secret, text, expected), signature);
}

}  // namespace cc::core::alibaba_v2
