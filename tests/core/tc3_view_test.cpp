// tc3's canonical request built from views (tc3::InputView, the emulator's verification path)
// against the canonical request written out the plain way (lower-case, trim, sort the pairs,
// join), over header lists the official vectors do not cover: mixed case, padding, repeated
// names, more headers than fit the stack buffer. Both entry points must give one signature.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "harness/core/crypto.h"
#include "harness/core/encoding.h"
#include "harness/core/signing/tc3.h"

namespace cc::core {
namespace {

std::string plain_trim(const std::string& s) {
  const auto space = [](char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; };
  auto b = std::find_if_not(s.begin(), s.end(), space);
  auto e = std::find_if_not(s.rbegin(), std::string::const_reverse_iterator(b), space).base();
  return std::string(b, e);
}

// A3 as the document reads: every name and value lower-cased, values trimmed, pairs sorted.
std::string plain_canonical_request(const tc3::Input& in) {
  std::vector<std::pair<std::string, std::string>> headers;
  for (const auto& [k, v] : in.signed_headers)
    headers.emplace_back(to_lower(k), to_lower(plain_trim(v)));
  std::sort(headers.begin(), headers.end());
  std::string names, lines;
  for (const auto& [k, v] : headers) {
    names += (names.empty() ? "" : ";") + k;
    lines += k + ":" + v + "\n";
  }
  return in.method + "\n" + in.canonical_uri + "\n" + in.canonical_query + "\n" + lines + "\n" +
         names + "\n" + sha256_hex(in.payload);
}

tc3::Input input(Params headers) {
  tc3::Input in;
  in.method = "POST";
  in.signed_headers = std::move(headers);
  in.payload = R"({"InstanceIds":["ins-00000000"]})";
  in.service = "cvm";
  in.timestamp = 1764892800;
  in.secret_id = "AKIDEXAMPLE";
  in.secret_key = "secret";
  return in;
}

std::vector<tc3::Input> inputs() {
  std::vector<tc3::Input> all = {
      input({{"Content-Type", "application/json"}, {"Host", "cvm.tencentcloudapi.com"}}),
      input({{"HOST", "  Cvm.TencentCloudAPI.com\t"}, {"content-type", " Application/JSON "}}),
      input({{"X-TC-Action", "StopInstances"}, {"x-tc-action", "stopinstances"}, {"host", "h"}}),
      input({{"b", "2"}, {"B", "1"}, {"a", ""}, {"A", " "}, {"a-", "x"}, {"a", "Z"}}),
      input({}),
  };
  Params many;
  for (int i = 12; i > 0; --i)
    many.emplace_back("X-Header-" + std::to_string(i % 7), "V" + std::to_string(i));
  all.push_back(input(many));
  tc3::Input get = input({{"Content-Type", "application/x-www-form-urlencoded"}, {"Host", "h:9"}});
  get.method = "GET";
  get.canonical_query = "Action=StopInstances&InstanceIds.0=ins-00000000";
  get.payload = "";
  all.push_back(get);
  return all;
}

TEST(Tc3View, CanonicalRequestIsThePlainOneForAnyHeaderList) {
  for (const tc3::Input& in : inputs()) {
    SCOPED_TRACE(plain_canonical_request(in));
    EXPECT_EQ(tc3::sign(in).canonical_request, plain_canonical_request(in));
  }
}

TEST(Tc3View, SignatureFromViewsIsTheSignatureOfTheInput) {
  for (const tc3::Input& in : inputs()) {
    SCOPED_TRACE(plain_canonical_request(in));
    const std::string key = tc3::derive_key(in.secret_key, utc_date(in.timestamp), in.service);
    std::vector<tc3::Header> headers;
    for (const auto& [k, v] : in.signed_headers) headers.push_back({k, v});
    tc3::InputView view;
    view.method = in.method;
    view.canonical_query = in.canonical_query;
    view.signed_headers = headers;
    view.payload = in.payload;
    view.service = in.service;
    view.timestamp = in.timestamp;
    const std::string expected = tc3::sign(in).signature;
    EXPECT_EQ(tc3::signature_with_key(view, HmacSha256Key(key)), expected);
    EXPECT_EQ(tc3::signature_with_key(in, HmacSha256Key(key)), expected);
    // The verifier's comparison (its strings are the thread's scratch, reused call after call):
    // the signature matches, and no other one does, not even one byte or one digit shorter.
    EXPECT_TRUE(tc3::signature_matches(view, HmacSha256Key(key), expected));
    std::string changed = expected;
    changed[changed.size() / 2] = changed[changed.size() / 2] == '0' ? '1' : '0';
    EXPECT_FALSE(tc3::signature_matches(view, HmacSha256Key(key), changed));
    EXPECT_FALSE(tc3::signature_matches(view, HmacSha256Key(key), expected.substr(1)));
    EXPECT_FALSE(tc3::signature_matches(view, HmacSha256Key(key), ""));
  }
}

TEST(Tc3View, AuthorizationViewsHoldWhatTheCopiesHold) {
  const std::vector<std::string> headers = {
      "TC3-HMAC-SHA256 Credential=AKIDEXAMPLE/2019-02-25/cvm/tc3_request, "
      "SignedHeaders=content-type;host, Signature=abc",
      "TC3-HMAC-SHA256 Signature=s,Credential=id/d/svc/tc3_request,SignedHeaders=host",
      "TC3-HMAC-SHA256 Credential=id/d/svc/tc3_request, SignedHeaders=host",
      "TC3-HMAC-SHA256 Credential=id/d/svc/other, SignedHeaders=host, Signature=s",
      "TC3-HMAC-SHA1 Credential=id/d/svc/tc3_request, SignedHeaders=host, Signature=s",
      "TC3-HMAC-SHA256 Credential",
      "",
  };
  for (const std::string& header : headers) {
    SCOPED_TRACE(header);
    const tc3::Authorization copied = tc3::parse_authorization(header);
    const tc3::AuthorizationView viewed = tc3::parse_authorization_view(header);
    EXPECT_EQ(viewed.ok, copied.ok);
    EXPECT_EQ(viewed.secret_id, copied.secret_id);
    EXPECT_EQ(viewed.date, copied.date);
    EXPECT_EQ(viewed.service, copied.service);
    EXPECT_EQ(viewed.signed_headers, copied.signed_headers);
    EXPECT_EQ(viewed.signature, copied.signature);
  }
  EXPECT_TRUE(tc3::parse_authorization_view(headers[0]).ok);
  EXPECT_EQ(tc3::parse_authorization_view(headers[1]).service, "svc");
}

TEST(Tc3View, HexIntoBuffersIsTheHexOfStrings) {
  const std::string data = "The quick brown fox";
  char hex[64];
  sha256_hex(data, hex);
  EXPECT_EQ(std::string(hex, sizeof hex), sha256_hex(data));
  const HmacSha256Key key("key");
  unsigned char mac[32];
  key.mac(data, mac);
  EXPECT_EQ(std::string(reinterpret_cast<const char*>(mac), sizeof mac), key.mac(data));
  EXPECT_EQ(std::string(reinterpret_cast<const char*>(mac), sizeof mac), hmac_sha256("key", data));
}

}  // namespace
}  // namespace cc::core
