// Normalisation: what a snapshot keeps of an exchange (harness/snapshot/normalise.h).
#include "harness/snapshot/normalise.h"

#include "tests/snapshot/test_data.h"

namespace cc::snapshot::testing {
namespace {

using nlohmann::json;

RawExchange tencent_stop(const std::string& body, const std::string& answer) {
  RawExchange raw;
  raw.method = "POST";
  raw.url = "http://127.0.0.1:39127/";
  raw.headers = {{"Host", "cvm.tencentcloudapi.com"},
                 {"Content-Type", "application/json"},
                 {"X-TC-Action", "StopInstances"},
                 {"X-TC-Version", "2017-03-12"},
                 {"X-TC-Timestamp", "1796425689"},
                 {"X-TC-Region", "ap-guangzhou"},
                 {"X-TC-Token", "session-token-value"},
                 {"Authorization",
                  "TC3-HMAC-SHA256 Credential=AKIDcloudconformEMULATOR0000000000/2026-12-04/cvm/"
                  "tc3_request, SignedHeaders=content-type;host, Signature=cade8c59"}};
  raw.body = body;
  raw.status = 200;
  raw.response_body = answer;
  return raw;
}

RawExchange alibaba_v2_stop() {
  RawExchange raw;
  raw.method = "POST";
  raw.url = "http://127.0.0.1:1/?Signature=abc%3D&SignatureNonce=8c8191ba7e19dc20";
  raw.headers = {{"Host", "ecs.aliyuncs.com"}};
  raw.body =
      "Action=StopInstance&AccessKeyId=LTAIcloudconformEMULATOR&SecurityToken=tok&"
      "Timestamp=2026-12-04T23%3A08%3A05Z&InstanceId=i-ms5zwvz6qu4aags16bsg";
  raw.status = 403;
  raw.response_body =
      R"({"Code":"IncorrectInstanceStatus","HostId":"ecs.aliyuncs.com","Message":"The instance )"
      R"(i-ms5zwvz6qu4aags16bsg is Stopped.","Recommend":"https://api.aliyun.com/troubleshoot?)"
      R"(q=IncorrectInstanceStatus&requestId=7630F921-214B-4C71-AF9A-337A1F98B470",)"
      R"("RequestId":"7630F921-214B-4C71-AF9A-337A1F98B470"})";
  return raw;
}

TEST(SnapshotNormalise, InstanceIdsBecomePlaceholdersInOrderOfFirstUse) {
  Normaliser n(catalogue(), "TencentCvmStopInstances");
  const json first = n.exchange(tencent_stop(
      R"({"InstanceIds":["ins-bbbbbbbb","ins-aaaaaaaa"]})",
      R"({"Response":{"Error":{"Code":"C","Message":"The instance ins-aaaaaaaa is STOPPED."},)"
      R"("RequestId":"e4073a6e-b355-4b64-a250-5461f932480e"}})"));
  EXPECT_EQ(first["request"]["params"]["InstanceIds"], json({"<i0>", "<i1>"}));
  EXPECT_EQ(first["response"]["body"]["Response"]["Error"]["Message"],
            "The instance <i1> is STOPPED.");
  // Numbering runs across the case: a later exchange reuses the placeholders.
  const json second = n.exchange(tencent_stop(R"({"InstanceIds":["ins-aaaaaaaa","ins-cccccccc"]})",
                                              R"({"Response":{"RequestId":"x"}})"));
  EXPECT_EQ(second["request"]["params"]["InstanceIds"], json({"<i1>", "<i2>"}));
  // A malformed id is what the case sent on purpose, not a run-specific value.
  const json malformed = n.exchange(
      tencent_stop(R"({"InstanceIds":["ins-NOT_AN_ID!"]})", R"({"Response":{"RequestId":"x"}})"));
  EXPECT_EQ(malformed["request"]["params"]["InstanceIds"], json({"ins-NOT_AN_ID!"}));
}

TEST(SnapshotNormalise, RunSpecificValuesBecomeTypedPlaceholders) {
  Normaliser n(catalogue(), "TencentCvmStopInstances");
  const json e = n.exchange(
      tencent_stop(R"({"InstanceIds":["ins-bbbbbbbb"]})",
                   R"({"Response":{"RequestId":"34ef45f2-df10-4e3e-adb3-602f811e460e"}})"));
  EXPECT_EQ(e["action"], "StopInstances");
  EXPECT_EQ(e["request"]["path"], "/");
  EXPECT_EQ(e["request"]["headers"]["X-TC-Timestamp"], "<timestamp:unix>");
  EXPECT_EQ(e["request"]["headers"]["Authorization"], "<authorization:TC3-HMAC-SHA256>");
  EXPECT_EQ(e["request"]["headers"]["X-TC-Region"], "ap-guangzhou");
  EXPECT_EQ(e["response"]["body"]["Response"]["RequestId"], "<request-id:uuid>");

  Normaliser a(catalogue(), "AlibabaEcsStopInstance");
  const json v2 = a.exchange(alibaba_v2_stop());
  EXPECT_EQ(v2["action"], "StopInstance");
  EXPECT_EQ(v2["request"]["query"]["Signature"], "<signature:other>");
  EXPECT_EQ(v2["request"]["query"]["SignatureNonce"], "<nonce:hex>");
  EXPECT_EQ(v2["request"]["params"]["Timestamp"], "<timestamp:iso8601>");
  EXPECT_EQ(v2["request"]["params"]["InstanceId"], "<i0>");
  const json& body = v2["response"]["body"];
  EXPECT_EQ(body["RequestId"], "<request-id:upper-uuid>");
  EXPECT_EQ(body["Recommend"],
            "https://api.aliyun.com/troubleshoot?q=IncorrectInstanceStatus&requestId=<request-id:"
            "upper-uuid>");
  EXPECT_EQ(body["HostId"], "<host>");  // the host that served differs for every target
}

TEST(SnapshotNormalise, CredentialsAreRemoved) {
  Normaliser t(catalogue(), "TencentCvmStopInstances");
  const json e = t.exchange(tencent_stop(
      R"({"InstanceIds":["ins-bbbbbbbb"],"SecretKey":"k","Nested":{"Token":"t","Keep":1}})",
      R"({"Response":{"RequestId":"r"}})"));
  EXPECT_FALSE(e["request"]["headers"].contains("X-TC-Token"));
  EXPECT_FALSE(e["request"]["headers"].contains("Host"));
  EXPECT_FALSE(e["request"]["params"].contains("SecretKey"));
  EXPECT_EQ(e["request"]["params"]["Nested"], (json{{"Keep", 1}}));
  EXPECT_EQ(e.dump().find("AKID"), std::string::npos);

  Normaliser a(catalogue(), "AlibabaEcsStopInstance");
  const json v2 = a.exchange(alibaba_v2_stop());
  EXPECT_FALSE(v2["request"]["params"].contains("AccessKeyId"));
  EXPECT_FALSE(v2["request"]["params"].contains("SecurityToken"));
  EXPECT_EQ(v2.dump().find("LTAI"), std::string::npos);
  for (const char* name : {"SecretId", "AccessKeyId", "X-TC-Token", "x-acs-security-token",
                           "SecurityToken", "AccessKeySecret", "tencent_secret_key", "Cookie"})
    EXPECT_TRUE(credential_name(name)) << name;
  for (const char* name : {"InstanceIds", "SignatureNonce", "RequestId", "KeyIds", "RegionId"})
    EXPECT_FALSE(credential_name(name)) << name;
}

TEST(SnapshotNormalise, FormatsAreNamed) {
  EXPECT_EQ(format_of("34ef45f2-df10-4e3e-adb3-602f811e460e"), "uuid");
  EXPECT_EQ(format_of("7630F921-214B-4C71-AF9A-337A1F98B470"), "upper-uuid");
  EXPECT_EQ(format_of("2026-12-04T23:08:05Z"), "iso8601");
  EXPECT_EQ(format_of("Fri, 16 Sep 2022 08:33:14 GMT"), "http-date");
  EXPECT_EQ(format_of("1796425689"), "unix");
  EXPECT_EQ(format_of("8c8191ba7e19dc2035a10fe1b72f3eff"), "hex");
  EXPECT_EQ(format_of("r-1"), "other");
  EXPECT_EQ(placeholder("request-id", "r-1"), "<request-id:other>");
  EXPECT_EQ(placeholder_kind("<request-id:uuid>"), "request-id");
  EXPECT_EQ(placeholder_kind("<i12>"), "instance");
  EXPECT_EQ(placeholder_kind("ins-aaaaaaaa"), std::nullopt);
  EXPECT_EQ(hashed("AKIDcloudconformEMULATOR0000000000").size(), 7u + 16u);
}

TEST(SnapshotNormalise, ADescribeIsReducedToTheStateOfEachInstanceAskedFor) {
  Normaliser n(catalogue(), "TencentCvmStopInstances");
  RawExchange raw = tencent_stop(
      R"({"InstanceIds":["ins-aaaaaaaa","ins-bbbbbbbb"]})",
      R"({"Response":{"TotalCount":1,"InstanceSet":[{"InstanceId":"ins-aaaaaaaa",)"
      R"("InstanceState":"STOPPING","PrivateIpAddresses":["10.0.0.1"]}],"RequestId":"r"}})");
  raw.headers[2].second = "DescribeInstances";
  const json e = n.exchange(raw);
  EXPECT_EQ(e["response"],
            (json{{"status", 200}, {"states", {{"<i0>", "STOPPING"}, {"<i1>", "absent"}}}}));
}

TEST(SnapshotNormalise, EveryTranscriptedCaseOfARunIsNormalisedAndPropertyCasesAreLeftOut) {
  const auto cases = normalise_cases(run(), catalogue());
  EXPECT_EQ(cases.size(), 8u);
  EXPECT_FALSE(cases.count("TencentCvmStopInstances.GeneratedBatchesAgreeWithTheModel"));
  const json& stop = cases.at("TencentCvmStopInstances.StopsARunningInstance");
  EXPECT_EQ(stop["exchanges"].size(), 2u);
  EXPECT_EQ(stop["exchanges"][1]["response"]["states"], (json{{"<i0>", "STOPPING"}}));
}

}  // namespace
}  // namespace cc::snapshot::testing
