// Known-answer tests for the four signature schemes, against the official vectors of
// shared/reference/protocols.md (T1, T2, T3, A1, A2, A4) and the self-derived ones (T1b chain,
// T3b, T4, T5, A3, A5) as regressions. Each intermediate is asserted on its own so a mismatch
// names the step that went wrong.
#include <gtest/gtest.h>

#include "harness/core/crypto.h"
#include "harness/core/signing/alibaba_v2.h"
#include "harness/core/signing/alibaba_v3.h"
#include "harness/core/signing/tc3.h"
#include "harness/core/signing/tencent_v1.h"

namespace cc::core {
namespace {

const std::string kTencentId = "AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE";
const std::string kTencentKey = "Gu5t9xGARNpq86cd98joQYCN3EXAMPLE";
const std::string kT1Body =
    R"({"Limit": 1, "Filters": [{"Values": ["\u672a\u547d\u540d"], "Name": "instance-name"}]})";

tc3::Input t1_input(const std::string& content_type) {
  tc3::Input in;
  in.method = "POST";
  in.signed_headers = {{"Content-Type", content_type}, {"Host", "cvm.tencentcloudapi.com"}};
  in.payload = kT1Body;
  in.service = "cvm";
  in.timestamp = 1551113065;
  in.secret_id = kTencentId;
  in.secret_key = kTencentKey;
  return in;
}

TEST(Tc3Signature, T1OfficialPostJsonExample) {
  tc3::Result r = tc3::sign(t1_input("application/json; charset=utf-8"));
  EXPECT_EQ(r.hashed_payload, "35e9c5b0e3ae67532d3c9f17ead6c90222632e5b1ff7f6e89887f1398934f064");
  EXPECT_EQ(
      r.canonical_request,
      "POST\n/\n\ncontent-type:application/json; charset=utf-8\nhost:cvm.tencentcloudapi.com\n"
      "\ncontent-type;host\n35e9c5b0e3ae67532d3c9f17ead6c90222632e5b1ff7f6e89887f1398934f064");
  EXPECT_EQ(r.hashed_canonical_request,
            "5ffe6a04c0664d6b969fab9a13bdab201d63ee709638e2749d62a09ca18d7031");
  EXPECT_EQ(r.date, "2019-02-25") << "the date is the UTC day, not UTC+8's";
  EXPECT_EQ(r.string_to_sign,
            "TC3-HMAC-SHA256\n1551113065\n2019-02-25/cvm/tc3_request\n"
            "5ffe6a04c0664d6b969fab9a13bdab201d63ee709638e2749d62a09ca18d7031");
  EXPECT_EQ(r.signature, "72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168");
  EXPECT_EQ(r.authorization,
            "TC3-HMAC-SHA256 Credential=AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE/2019-02-25/cvm/"
            "tc3_request, SignedHeaders=content-type;host, "
            "Signature=72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168");
}

TEST(Tc3Signature, T1IntermediateKeysSelfDerived) {
  const std::string date = hmac_sha256("TC3" + kTencentKey, "2019-02-25");
  EXPECT_EQ(to_hex(date), "d1308c81fe71cfd4e06437bbc067b2b8a3d2d8c0e375d547f15c41d5214b395a");
  const std::string service = hmac_sha256(date, "cvm");
  EXPECT_EQ(to_hex(service), "3c7cb7c7795393edc14fd2e0e6434a518564b4504b88e94f5d11bf59ba3e7050");
  EXPECT_EQ(to_hex(hmac_sha256(service, "tc3_request")),
            "ac658d5dde49e9bfdd14e04e062f66b05d9f637d44b8a8d845327d4a77f666b1");
}

TEST(Tc3Signature, T1bHonoursAThirdSignedHeader) {
  tc3::Input in = t1_input("application/json; charset=utf-8");
  in.signed_headers.emplace_back("X-TC-Action", "DescribeInstances");
  tc3::Result r = tc3::sign(in);
  EXPECT_EQ(r.signed_headers, "content-type;host;x-tc-action");
  EXPECT_NE(r.canonical_request.find("x-tc-action:describeinstances\n"), std::string::npos)
      << "header values are lower-cased";
  EXPECT_EQ(r.hashed_canonical_request,
            "7019a55be8395899b900fb5564e4200d984910f34794a27cb3fb7d10ff6a1e84");
  // The page masks its key; the chain is checked from its published SecretDate.
  std::string secret_date;
  const std::string hex = "da98fb70dcf6b112dc21038d1eeeb3a95c74b4dcb12c1131f864f6066bd02be0";
  for (size_t i = 0; i < hex.size(); i += 2)
    secret_date.push_back(static_cast<char>(std::stoi(hex.substr(i, 2), nullptr, 16)));
  const std::string service = hmac_sha256(secret_date, "cvm");
  EXPECT_EQ(to_hex(service), "8d70cbefb03939f929db64d32dc2ba89b1095620119fe3e050e2b18c5bd2752f");
  const std::string signing = hmac_sha256(service, "tc3_request");
  EXPECT_EQ(to_hex(signing), "b596b923aad85185e2d1f6659d2a062e0a86731226e021e61bfe06f7ed05f5af");
  EXPECT_EQ(to_hex(hmac_sha256(signing, r.string_to_sign)),
            "10b1a37a7301a02ca19a647ad722d5e43b4b3cff309d421d85b46093f6ab6c4f");
}

TEST(Tc3Signature, T2OfficialGetExample) {
  tc3::Input in;
  in.method = "GET";
  in.canonical_query = "Limit=10&Offset=0";
  in.signed_headers = {{"content-type", "application/x-www-form-urlencoded"},
                       {"host", "cvm.tencentcloudapi.com"}};
  in.service = "cvm";
  in.timestamp = 1539084154;
  in.secret_id = kTencentId;
  in.secret_key = kTencentKey;
  tc3::Result r = tc3::sign(in);
  EXPECT_EQ(r.hashed_payload, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(r.canonical_request,
            "GET\n/\nLimit=10&Offset=0\ncontent-type:application/x-www-form-urlencoded\n"
            "host:cvm.tencentcloudapi.com\n\ncontent-type;host\n"
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(r.hashed_canonical_request,
            "91c9c192c14460df6c1ffc69e34e6c5e90708de2a6d282cccf957dbf1aa7f3a7");
  EXPECT_EQ(r.date, "2018-10-09");
  EXPECT_EQ(r.signature, "5da7a33f6993f0614b047e5df4582db9e9bf4672ba50567dba16c6ccf174c474");
}

TEST(Tc3Signature, T4SdkDefaultContentTypeSelfDerived) {
  tc3::Result r = tc3::sign(t1_input("application/json"));
  EXPECT_EQ(r.hashed_canonical_request,
            "df142fa7176428137ac6a6b25b5efcb6b4c08a91fc30d75ecebe47877d3143d8");
  EXPECT_EQ(r.signature, "683bd0b53659853c39699162253251192320a09b3937e27bf8e08a559b1465b8");
}

TEST(Tc3Signature, T5StopInstancesSelfDerived) {
  tc3::Input in;
  in.method = "POST";
  in.signed_headers = {{"content-type", "application/json"}, {"host", "cvm.tencentcloudapi.com"}};
  in.payload = R"({"InstanceIds":["ins-r8hr2upy"],"StopType":"SOFT"})";
  in.service = "cvm";
  in.timestamp = 1700000000;
  in.secret_id = kTencentId;
  in.secret_key = kTencentKey;
  tc3::Result r = tc3::sign(in);
  EXPECT_EQ(r.hashed_payload, "e2db2bcee93871340fdf8df41b93d06744ecd6dc812ba98a108ac4b1ec9aa497");
  EXPECT_EQ(r.hashed_canonical_request,
            "9343610774298460146aacf26e5ab8c049b16fdc74c022bdb265dd3422de12f0");
  EXPECT_EQ(r.date, "2023-11-14");
  EXPECT_EQ(r.signature, "3fdf0c9d9b8f285d5fac779a7f38912a836ce8f4ac15b5b8c2975e90a0ded428");
}

TEST(Tc3Signature, ParsesItsOwnAuthorizationHeader) {
  tc3::Result r = tc3::sign(t1_input("application/json"));
  tc3::Authorization a = tc3::parse_authorization(r.authorization);
  ASSERT_TRUE(a.ok);
  EXPECT_EQ(a.secret_id, kTencentId);
  EXPECT_EQ(a.date, "2019-02-25");
  EXPECT_EQ(a.service, "cvm");
  EXPECT_EQ(a.signed_headers, "content-type;host");
  EXPECT_EQ(a.signature, r.signature);
  EXPECT_FALSE(tc3::parse_authorization("TC3-HMAC-SHA256 Credential=x").ok);
  EXPECT_FALSE(tc3::parse_authorization("Bearer abc").ok);
}

tencent_v1::Input t3_input() {
  tencent_v1::Input in;
  in.method = "GET";
  in.host = "cvm.tencentcloudapi.com";
  in.params = {{"Action", "DescribeInstances"},
               {"InstanceIds.0", "ins-09dx96dg"},
               {"Limit", "20"},
               {"Nonce", "11886"},
               {"Offset", "0"},
               {"Region", "ap-guangzhou"},
               {"SecretId", kTencentId},
               {"Timestamp", "1465185768"},
               {"Version", "2017-03-12"}};
  in.secret_key = kTencentKey;
  return in;
}

TEST(TencentV1Signature, T3OfficialHmacSha1Example) {
  tencent_v1::Input in = t3_input();
  std::reverse(in.params.begin(), in.params.end());  // order of input must not matter
  tencent_v1::Result r = tencent_v1::sign(in);
  EXPECT_EQ(
      r.string_to_sign,
      "GETcvm.tencentcloudapi.com/?Action=DescribeInstances&InstanceIds.0=ins-09dx96dg&"
      "Limit=20&Nonce=11886&Offset=0&Region=ap-guangzhou&"
      "SecretId=AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE&Timestamp=1465185768&Version=2017-03-12");
  EXPECT_EQ(r.signature, "EliP9YW3pW28FpsEdkXt/+WcGeI=");
  EXPECT_EQ(percent_encode(r.signature), "EliP9YW3pW28FpsEdkXt%2F%2BWcGeI%3D");
}

TEST(TencentV1Signature, T3bHmacSha256SelfDerived) {
  tencent_v1::Input in = t3_input();
  in.params.emplace_back("SignatureMethod", "HmacSHA256");
  tencent_v1::Result r = tencent_v1::sign(in);
  EXPECT_NE(
      r.string_to_sign.find("SecretId=" + kTencentId + "&SignatureMethod=HmacSHA256&Timestamp"),
      std::string::npos);
  EXPECT_EQ(r.signature, "A8uy2/o7WBZXYCTWEFpMrVGhGBVlEGIOioeqRM+fzFs=");
}

TEST(TencentV1Signature, SortsNamesByBytesSoDotTwelveBeforeDotTwo) {
  tencent_v1::Input in;
  in.method = "POST";
  in.host = "h";
  in.params = {{"InstanceIds.2", "b"}, {"InstanceIds.12", "a"}};
  in.secret_key = "k";
  EXPECT_EQ(tencent_v1::sign(in).string_to_sign, "POSTh/?InstanceIds.12=a&InstanceIds.2=b");
}

Params a1_params() {
  return {{"AccessKeyId", "testid"},
          {"Action", "DescribeRegions"},
          {"Format", "XML"},
          {"SignatureMethod", "HMAC-SHA1"},
          {"SignatureNonce", "3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf"},
          {"SignatureVersion", "1.0"},
          {"Timestamp", "2016-02-23T12:46:24Z"},
          {"Version", "2014-05-26"}};
}

TEST(AlibabaV2Signature, A1OfficialDescribeRegionsExample) {
  alibaba_v2::Result r = alibaba_v2::sign({"GET", a1_params(), "testsecret"});
  EXPECT_EQ(
      r.string_to_sign,
      "GET&%2F&AccessKeyId%3Dtestid%26Action%3DDescribeRegions%26Format%3DXML%26"
      "SignatureMethod%3DHMAC-SHA1%26SignatureNonce%3D3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf%26"
      "SignatureVersion%3D1.0%26Timestamp%3D2016-02-23T12%253A46%253A24Z%26Version%3D2014-05-26");
  EXPECT_EQ(r.signature, "OLeaidS1JvxuMvnyHOwuJ+uX5qY=");
  EXPECT_EQ(percent_encode(r.signature), "OLeaidS1JvxuMvnyHOwuJ%2BuX5qY%3D");
}

TEST(AlibabaV2Signature, A1PostVariantSelfDerived) {
  EXPECT_EQ(alibaba_v2::sign({"POST", a1_params(), "testsecret"}).signature,
            "MxbnVAM4w6sft9xjVpe/GCKueuk=");
}

Params a2_params() {
  return {{"AccessKeyId", "testid"},
          {"Action", "DescribeDedicatedHosts"},
          {"Format", "JSON"},
          {"RegionId", "cn-beijing"},
          {"SignatureMethod", "HMAC-SHA1"},
          {"SignatureNonce", "edb2b34af0af9a6d14deaf7c1a5315eb"},
          {"SignatureVersion", "1.0"},
          {"Timestamp", "2023-03-13T08:34:30Z"},
          {"Version", "2014-05-26"}};
}

TEST(AlibabaV2Signature, A2OfficialDescribeDedicatedHostsExample) {
  alibaba_v2::Result r = alibaba_v2::sign({"GET", a2_params(), "testsecret"});
  EXPECT_EQ(r.canonicalized_query,
            "AccessKeyId=testid&Action=DescribeDedicatedHosts&Format=JSON&RegionId=cn-beijing&"
            "SignatureMethod=HMAC-SHA1&SignatureNonce=edb2b34af0af9a6d14deaf7c1a5315eb&"
            "SignatureVersion=1.0&Timestamp=2023-03-13T08%3A34%3A30Z&Version=2014-05-26");
  EXPECT_EQ(r.signature, "9NaGiOspFP5UPcwX8Iwt2YJXXuk=");
  EXPECT_EQ(alibaba_v2::sign({"POST", a2_params(), "testsecret"}).signature,
            "ZvQ9xGiFnquSJRvj+WE6kdSpTwU=");
}

TEST(AlibabaV2Signature, A3StopInstancesSelfDerived) {
  Params p = {{"AccessKeyId", "testid"},
              {"Action", "StopInstances"},
              {"Format", "JSON"},
              {"InstanceId.1", "i-test1"},
              {"RegionId", "cn-hangzhou"},
              {"SignatureMethod", "HMAC-SHA1"},
              {"SignatureNonce", "3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf"},
              {"SignatureVersion", "1.0"},
              {"Timestamp", "2016-02-23T12:46:24Z"},
              {"Version", "2014-05-26"}};
  EXPECT_EQ(alibaba_v2::sign({"POST", p, "testsecret"}).signature, "inRUjKyPwnjDP6+Ri7cOjzErpU0=");
}

alibaba_v3::Input a4_input(std::string action, std::string host, Params query) {
  alibaba_v3::Input in;
  in.method = "POST";
  in.query = std::move(query);
  in.hashed_payload = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
  in.signed_headers = {{"host", host},
                       {"x-acs-action", action},
                       {"x-acs-version", "2014-05-26"},
                       {"x-acs-date", "2023-10-26T10:22:32Z"},
                       {"x-acs-signature-nonce", "3156853299f313e23d1673dc12e1703d"},
                       {"x-acs-content-sha256", in.hashed_payload}};
  in.access_key_id = "YourAccessKeyId";
  in.secret = "YourAccessKeySecret";
  return in;
}

TEST(AlibabaV3Signature, A4OfficialRunInstancesExample) {
  alibaba_v3::Result r = alibaba_v3::sign(
      a4_input("RunInstances", "ecs.cn-shanghai.aliyuncs.com",
               {{"RegionId", "cn-shanghai"},
                {"ImageId", "win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd"}}));
  EXPECT_EQ(
      r.canonical_request,
      "POST\n/\nImageId=win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd&RegionId=cn-shanghai\n"
      "host:ecs.cn-shanghai.aliyuncs.com\nx-acs-action:RunInstances\n"
      "x-acs-content-sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\n"
      "x-acs-date:2023-10-26T10:22:32Z\nx-acs-signature-nonce:3156853299f313e23d1673dc12e1703d\n"
      "x-acs-version:2014-05-26\n\n"
      "host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version\n"
      "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(r.hashed_canonical_request,
            "7ea06492da5221eba5297e897ce16e55f964061054b7695beedaac1145b1e259");
  EXPECT_EQ(r.string_to_sign,
            "ACS3-HMAC-SHA256\n7ea06492da5221eba5297e897ce16e55f964061054b7695beedaac1145b1e259");
  EXPECT_EQ(r.signature, "06563a9e1b43f5dfe96b81484da74bceab24a1d853912eee15083a6f0f3283c0");
  EXPECT_EQ(r.authorization,
            "ACS3-HMAC-SHA256 Credential=YourAccessKeyId,SignedHeaders=host;x-acs-action;"
            "x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version,"
            "Signature=06563a9e1b43f5dfe96b81484da74bceab24a1d853912eee15083a6f0f3283c0");
  alibaba_v3::Authorization a = alibaba_v3::parse_authorization(r.authorization);
  ASSERT_TRUE(a.ok);
  EXPECT_EQ(a.access_key_id, "YourAccessKeyId");
  EXPECT_EQ(a.signature, r.signature);
}

TEST(AlibabaV3Signature, A5StopInstancesSelfDerived) {
  alibaba_v3::Result r = alibaba_v3::sign(a4_input(
      "StopInstances", "ecs.cn-hangzhou.aliyuncs.com",
      {{"StoppedMode", "KeepCharging"}, {"InstanceId.1", "i-test1"}, {"RegionId", "cn-hangzhou"}}));
  EXPECT_EQ(r.canonical_query,
            "InstanceId.1=i-test1&RegionId=cn-hangzhou&StoppedMode=KeepCharging");
  EXPECT_EQ(r.hashed_canonical_request,
            "24106676f2b2b77c16d3af122b2021d0eb138cc40a3ceb69a29ab73d17baf7d8");
  EXPECT_EQ(r.signature, "8f949c5a72f74bf8c7da17bea58b94362fe4a1aaacf594ced30a4a7b3fdc4450");
}

}  // namespace
}  // namespace cc::core
