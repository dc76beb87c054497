// The Alibaba V2 signer and the encodings built into caller's buffers (issue 18) against the
// same computations written out the plain way (a fresh string per encoded name and value, pairs
// sorted as strings, string concatenation), over parameters the official vectors do not cover:
// bytes above 0x7f (whose escapes sort before the letters they follow), repeated names, empty
// values, a Signature to leave out, a secret longer than the signer's stack buffer.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <span>
#include <string>
#include <tuple>
#include <vector>

#include "harness/core/crypto.h"
#include "harness/core/encoding.h"
#include "harness/core/signing/alibaba_v2.h"
#include "harness/core/signing/alibaba_v3.h"

namespace cc::core {
namespace {

// B3 as the document reads, the way sign() was written before it built into one string.
alibaba_v2::Result plain_sign(const alibaba_v2::Input& in) {
  Params encoded;
  for (const auto& [k, v] : in.params)
    if (k != "Signature") encoded.emplace_back(percent_encode(k), percent_encode(v));
  std::sort(encoded.begin(), encoded.end());
  alibaba_v2::Result r;
  for (size_t i = 0; i < encoded.size(); ++i)
    r.canonicalized_query += (i ? "&" : "") + encoded[i].first + "=" + encoded[i].second;
  r.string_to_sign =
      in.method + "&" + percent_encode("/") + "&" + percent_encode(r.canonicalized_query);
  r.signature = base64_encode(hmac_sha1(in.secret + "&", r.string_to_sign));
  return r;
}

Params awkward_params() {
  return {{"Action", "StopInstances"},
          {"Name", "b"},
          {"Name", "a"},
          {"Name\x80", "x"},
          {"NameA", "\xff\xfe"},
          {"Empty", ""},
          {"Signature", "left out"},
          {"Tilde~", "a b+c/d=e&f"},
          {"", "no name"}};
}

TEST(AlibabaV2Buffers, SignMatchesThePlainComputationOnAwkwardParameters) {
  for (const std::string& secret : {std::string("testsecret"), std::string(300, 'k')}) {
    const alibaba_v2::Input in{"POST", awkward_params(), secret};
    const alibaba_v2::Result got = alibaba_v2::sign(in), want = plain_sign(in);
    EXPECT_EQ(got.canonicalized_query, want.canonicalized_query);
    EXPECT_EQ(got.string_to_sign, want.string_to_sign);
    EXPECT_EQ(got.signature, want.signature);
  }
}

TEST(AlibabaV2Buffers, SignatureMatchesAcceptsSignsOwnAndRefusesAnyOther) {
  for (const std::string& secret : {std::string("testsecret"), std::string(300, 'k')}) {
    const Params params = awkward_params();
    const std::string signature = plain_sign({"GET", params, secret}).signature;
    EXPECT_TRUE(alibaba_v2::signature_matches("GET", params, secret, signature));
    EXPECT_FALSE(alibaba_v2::signature_matches("POST", params, secret, signature));
    EXPECT_FALSE(alibaba_v2::signature_matches("GET", params, secret + "x", signature));
    EXPECT_FALSE(alibaba_v2::signature_matches("GET", params, secret, signature.substr(1)));
    EXPECT_FALSE(alibaba_v2::signature_matches("GET", {}, secret, signature));
  }
}

TEST(AlibabaV2Buffers, StringToSignAppendsSignsOwn) {
  const Params params = awkward_params();
  std::string out = "prefix:";
  alibaba_v2::string_to_sign("GET", params, out);
  EXPECT_EQ(out, "prefix:" + plain_sign({"GET", params, "s"}).string_to_sign);
  std::string empty;
  alibaba_v2::string_to_sign("GET", {}, empty);
  EXPECT_EQ(empty, "GET&%2F&");
}

TEST(AlibabaV3Buffers, CanonicalQueryMatchesThePlainComputationOnAwkwardParameters) {
  alibaba_v3::Input in;
  in.method = "GET";
  in.query = awkward_params();
  in.signed_headers = {{"host", "ecs.aliyuncs.com"}};
  Params encoded;  // B5 as the document reads: encode each side, sort the pairs, join
  for (const auto& [k, v] : in.query) encoded.emplace_back(percent_encode(k), percent_encode(v));
  std::sort(encoded.begin(), encoded.end());
  std::string want;
  for (size_t i = 0; i < encoded.size(); ++i)
    want += (i ? "&" : "") + encoded[i].first + "=" + encoded[i].second;
  EXPECT_EQ(alibaba_v3::sign(in).canonical_query, want);
  EXPECT_NE(want.find("Signature=left%20out"), std::string::npos);  // V3 leaves nothing out
}

// B5's Authorization read with string copies, as parse_authorization was written before views.
alibaba_v3::Authorization plain_parse_authorization(const std::string& header) {
  alibaba_v3::Authorization a;
  const std::string prefix = "ACS3-HMAC-SHA256 ";
  if (header.rfind(prefix, 0) != 0) return a;
  std::string rest = header.substr(prefix.size());
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
      a.access_key_id = value;
    else if (key == "SignedHeaders")
      a.signed_headers = value;
    else if (key == "Signature")
      a.signature = value;
  }
  a.ok = !a.access_key_id.empty() && !a.signed_headers.empty() && !a.signature.empty();
  return a;
}

TEST(AlibabaV3Buffers, AuthorizationViewReadsWhatTheStringFormReads) {
  for (const std::string header :
       {"ACS3-HMAC-SHA256 Credential=id,SignedHeaders=host;x-acs-date,Signature=abc",
        "ACS3-HMAC-SHA256  Credential=id , SignedHeaders=host ,Signature=abc ",
        "ACS3-HMAC-SHA256 Credential=id,SignedHeaders=host,Oops,Signature=abc",
        "ACS3-HMAC-SHA256 Credential=id,Signature=abc", "ACS3-HMAC-SHA256", "TC3-HMAC-SHA256 x=y",
        "ACS3-HMAC-SHA256 Credential=a=b,SignedHeaders=h,Signature=s,"}) {
    const alibaba_v3::Authorization a = plain_parse_authorization(header),
                                    b = alibaba_v3::parse_authorization(header);
    EXPECT_EQ(std::tie(b.ok, b.access_key_id, b.signed_headers, b.signature),
              std::tie(a.ok, a.access_key_id, a.signed_headers, a.signature))
        << header;
    const alibaba_v3::AuthorizationView v = alibaba_v3::parse_authorization_view(header);
    EXPECT_EQ(v.ok, a.ok) << header;
    EXPECT_EQ(v.access_key_id, a.access_key_id) << header;
    EXPECT_EQ(v.signed_headers, a.signed_headers) << header;
    EXPECT_EQ(v.signature, a.signature) << header;
  }
  EXPECT_TRUE(alibaba_v3::parse_authorization_view(
                  "ACS3-HMAC-SHA256 Credential=id,SignedHeaders=host,Signature=abc")
                  .ok);
}

TEST(AlibabaV3Buffers, CanonicalRequestMatchesThePlainComputationOnAwkwardHeaders) {
  alibaba_v3::Input in;
  in.method = "POST";
  in.query = {{"b", "2"}, {"a", "1"}};
  in.signed_headers = {{"X-Acs-Date", " 2023-10-26T10:22:32Z "},
                       {"host", "ecs.aliyuncs.com"},
                       {"x-acs-extra", "b"},
                       {"X-ACS-EXTRA", "\ta "},
                       {"Content-Type", "application/x-www-form-urlencoded"}};
  in.hashed_payload = sha256_hex("body");
  in.secret = "secret";
  std::map<std::string, std::vector<std::string>> headers;  // B5 as the document reads
  for (const auto& [k, v] : in.signed_headers) headers[to_lower(k)].push_back(trim(v));
  std::string lines, names;
  for (auto& [k, values] : headers) {
    std::sort(values.begin(), values.end());
    std::string joined;
    for (size_t i = 0; i < values.size(); ++i) joined += (i ? "," : "") + values[i];
    lines += k + ":" + joined + "\n";
    names += (names.empty() ? "" : ";") + k;
  }
  const alibaba_v3::Result r = alibaba_v3::sign(in);
  EXPECT_EQ(r.signed_headers, names);
  EXPECT_EQ(r.canonical_request,
            "POST\n/\na=1&b=2\n" + lines + "\n" + names + "\n" + in.hashed_payload);
  EXPECT_EQ(r.signature,
            to_hex(hmac_sha256("secret", "ACS3-HMAC-SHA256\n" + sha256_hex(r.canonical_request))));
}

TEST(EncodingBuffers, PercentEncodeAndDecodeAppendWhatTheStringFormsReturn) {
  const std::string text = "a b+c/%41~\x80\xff";
  std::string encoded = "x";
  percent_encode(text, encoded);
  EXPECT_EQ(encoded, "x" + percent_encode(text));
  std::string decoded = "y";
  EXPECT_TRUE(percent_decode("a%20b+c%7e", decoded));
  EXPECT_EQ(decoded, "y" + *percent_decode("a%20b+c%7e"));
  std::string bad;
  EXPECT_FALSE(percent_decode("a%2", bad));
  EXPECT_FALSE(percent_decode("a%zz", bad));
  EXPECT_FALSE(percent_decode("%4", bad));
  for (const char* plain : {"", "abc", "%41", "+", "a+%2B%2b", "%e4%b8%ad~"})
    EXPECT_EQ(percent_decode(percent_encode(*percent_decode(plain))), percent_decode(plain));
}

TEST(EncodingBuffers, ParseQueryAppendsWhatTheOptionalFormReturns) {
  Params all = {{"first", "1"}};
  EXPECT_TRUE(parse_query("a=1&&b=%20&c&=d", all));
  Params want = {{"first", "1"}};
  const Params parsed = parse_query("a=1&&b=%20&c&=d").value();
  want.insert(want.end(), parsed.begin(), parsed.end());
  EXPECT_EQ(all, want);
  Params none;
  EXPECT_TRUE(parse_query("", none));
  EXPECT_TRUE(none.empty());
  EXPECT_FALSE(parse_query("a=%g0", none));
  EXPECT_FALSE(parse_query("a=%g0").has_value());
}

TEST(CryptoBuffers, HmacSha1AndBase64IntoBuffersGiveTheStringForms) {
  unsigned char mac[20];
  hmac_sha1("key&", "data", mac);
  const std::string want = hmac_sha1("key&", "data");
  EXPECT_EQ(std::string(reinterpret_cast<const char*>(mac), sizeof mac), want);
  for (std::size_t n = 0; n <= sizeof mac; ++n) {
    char out[29];
    const std::size_t len = base64_encode(std::span<const unsigned char>(mac, n), out);
    EXPECT_EQ(std::string(out, len), base64_encode(want.substr(0, n)));
  }
}

}  // namespace
}  // namespace cc::core
