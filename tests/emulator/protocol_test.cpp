// The emulator speaks the real wire protocols: every signature scheme and request style the
// adapters produce is accepted, and every way of getting a signature wrong gets the
// documented common code in the provider's envelope.
#include <gtest/gtest.h>

#include <ctime>

#include "emulator_fixture.h"
#include "harness/core/http_client.h"
#include "harness/core/signing/tencent_v1.h"

namespace cc::test {
namespace {

using nlohmann::json;

class TencentProtocol : public EmulatorTest {};
class AlibabaProtocol : public EmulatorTest {};

TEST_F(TencentProtocol, AcceptsEverySchemeAndStyle) {
  tencent::Client c = tencent_client();
  const core::Api& describe = api("TencentCvmDescribeInstances");
  for (auto [style, scheme] :
       std::vector<std::pair<std::string, std::string>>{{"POST-JSON", "TC3-HMAC-SHA256"},
                                                        {"GET-QUERY", "TC3-HMAC-SHA256"},
                                                        {"GET-QUERY", "HmacSHA1"},
                                                        {"POST-FORM", "HmacSHA1"},
                                                        {"GET-QUERY", "HmacSHA256"},
                                                        {"POST-FORM", "HmacSHA256"}}) {
    core::Outcome o =
        c.call(describe, json{{"InstanceIds", {"ins-00000000"}}, {"Limit", 10}}, {style, scheme});
    EXPECT_TRUE(o.ok) << style << " " << scheme << ": " << o.summary();
    EXPECT_EQ(o.http_status, 200);
    EXPECT_FALSE(o.request_id.empty());
  }
}

TEST_F(TencentProtocol, WrongSecretKeyIsASignatureFailureWithHttp200) {
  tencent::Client c =
      tencent_client({emu::default_account().keys.at("tencent").id, "not-the-key", ""});
  core::Outcome o = c.call(api("TencentLighthouseDescribeInstances"), json::object());
  EXPECT_FALSE(o.ok);
  EXPECT_EQ(o.http_status, 200) << "Tencent errors arrive with HTTP 200";
  EXPECT_EQ(o.code, "AuthFailure.SignatureFailure");
  EXPECT_FALSE(o.request_id.empty());
}

TEST_F(TencentProtocol, UnknownSecretIdIsNotFound) {
  tencent::Client c = tencent_client({"AKIDnobody", "x", ""});
  EXPECT_EQ(c.call(api("TencentEcmDescribeInstances"), json::object()).code,
            "AuthFailure.SecretIdNotFound");
}

TEST_F(TencentProtocol, TimestampsOutsideFiveMinutesExpire) {
  EXPECT_EQ(tencent_client({}, -301).call(api("TencentCvmDescribeInstances"), json::object()).code,
            "AuthFailure.SignatureExpire");
  EXPECT_EQ(tencent_client({}, 301).call(api("TencentCvmDescribeInstances"), json::object()).code,
            "AuthFailure.SignatureExpire");
  EXPECT_TRUE(tencent_client({}, -250).call(api("TencentCvmDescribeInstances"), json::object()).ok);
}

TEST_F(TencentProtocol, ABodyChangedAfterSigningFails) {
  tencent::Client c = tencent_client();
  core::HttpRequest req =
      c.build(api("TencentCvmStopInstances"), json{{"InstanceIds", {"ins-00000000"}}}, {});
  req.body = R"({"InstanceIds":["ins-00000001"]})";
  core::HttpClient http;
  EXPECT_EQ(c.parse(http.send(req)).code, "AuthFailure.SignatureFailure");
}

TEST_F(TencentProtocol, AcceptsTheNodeSdkHostWithPort) {
  // The Node SDK signs the host without the port but sends it with one (protocols.md D1).
  tencent::Client c = tencent_client();
  core::HttpRequest req = c.build(api("TencentCvmDescribeInstances"), json::object(), {});
  for (auto& [k, v] : req.headers)
    if (k == "Host") v += ":443";
  core::HttpClient http;
  EXPECT_TRUE(c.parse(http.send(req)).ok);
}

// What the official SDKs send with signature v1 (tencentcloud-sdk-nodejs formatRequestData,
// profile.signMethod HmacSHA256/HmacSHA1): the common parameters plus RequestClient, signed.
core::HttpRequest sdk_v1_request(const std::string& base_url, const std::string& method,
                                 const emu::Account& a, const std::string& instance_id,
                                 const std::string& signed_client, const std::string& sent_client) {
  const std::string host = "cvm.tencentcloudapi.com";
  core::Params params = {{"InstanceIds.0", instance_id},
                         {"Action", "DescribeInstances"},
                         {"RequestClient", signed_client},
                         {"Nonce", "4711"},
                         {"Timestamp", std::to_string(std::time(nullptr))},
                         {"Version", "2017-03-12"},
                         {"SecretId", a.keys.at("tencent").id},
                         {"Region", "ap-guangzhou"},
                         {"SignatureMethod", "HmacSHA256"}};
  const std::string signature =
      core::tencent_v1::sign({method, host, "/", params, a.keys.at("tencent").secret}).signature;
  params[2].second = sent_client;
  params.emplace_back("Signature", signature);
  const std::string encoded = core::encode_query(params);
  if (method == "GET") return {"GET", base_url + "/?" + encoded, {{"Host", host}}, ""};
  return {"POST",
          base_url + "/",
          {{"Host", host}, {"Content-Type", "application/x-www-form-urlencoded"}},
          encoded};
}

TEST_F(TencentProtocol, AcceptsTheRequestClientTheSdksSignIntoSignatureV1) {
  const emu::Account a = emu::default_account();
  const std::string id = create(api("TencentCvmStopInstances"), "RUNNING");
  core::HttpClient http;
  for (const char* method : {"GET", "POST"}) {
    const std::string client = "SDK_NODEJS_4.1.313";
    json r = json::parse(
        http.send(sdk_v1_request(emulator_->base_url(), method, a, id, client, client)).body);
    ASSERT_FALSE(r["Response"].contains("Error")) << method << ": " << r.dump();
    EXPECT_EQ(r["Response"]["InstanceSet"][0]["InstanceId"], id) << method;
    // RequestClient is part of what is signed, not skipped: changed after signing, it fails.
    r = json::parse(
        http.send(sdk_v1_request(emulator_->base_url(), method, a, id, client, "SDK_X")).body);
    EXPECT_EQ(r["Response"]["Error"]["Code"], "AuthFailure.SignatureFailure")
        << method << ": " << r.dump();
  }
}

TEST_F(TencentProtocol, UnknownActionVersionAndParameter) {
  tencent::Client c = tencent_client();
  core::Api fake = api("TencentCvmDescribeInstances");
  fake.action = "DescribeNothing";
  EXPECT_EQ(c.call(fake, json::object()).code, "InvalidAction");
  fake = api("TencentCvmDescribeInstances");
  fake.version = "1999-01-01";
  EXPECT_EQ(c.call(fake, json::object()).code, "NoSuchVersion");
  EXPECT_EQ(c.call(api("TencentCvmDescribeInstances"), json{{"Colour", "blue"}}).code,
            "UnknownParameter");
}

TEST_F(TencentProtocol, ErrorEnvelopeHasCodeMessageAndRequestId) {
  core::Outcome o = tencent_client().call(api("TencentLighthouseStopInstances"),
                                          json{{"InstanceIds", {"lhins-00000000"}}});
  ASSERT_TRUE(o.body.contains("Response"));
  const json& r = o.body["Response"];
  EXPECT_TRUE(r["Error"]["Code"].is_string());
  EXPECT_TRUE(r["Error"]["Message"].is_string());
  EXPECT_TRUE(r["RequestId"].is_string());
}

// A code the page prints without a message still gets one: an empty Message is no message.
TEST_F(TencentProtocol, EveryErrorMessageSaysSomething) {
  const core::Api& cvm = api("TencentCvmStopInstances");
  core::Outcome t =
      tencent_client().call(cvm, {{"InstanceIds", {create(cvm, "RUNNING", {"banned"})}}});
  EXPECT_EQ(t.code, "UnsupportedOperation.InstanceStateBanning");
  EXPECT_FALSE(t.body["Response"]["Error"].value("Message", "").empty()) << t.body.dump();
  const core::Api& ecs = api("AlibabaEcsStopInstances");
  core::Outcome a =
      alibaba_client().call(ecs, {{"InstanceId", {create(ecs, "RUNNING", {"security_locked"})}}});
  EXPECT_EQ(a.code, "InstanceLockedForSecurity");
  EXPECT_FALSE(a.body.value("Message", "").empty()) << a.body.dump();
}

TEST_F(AlibabaProtocol, AcceptsEverySchemeAndStyle) {
  alibaba::Client c = alibaba_client();
  for (auto [style, scheme] :
       std::vector<std::pair<std::string, std::string>>{{"GET-QUERY", "V2-HMAC-SHA1"},
                                                        {"POST-FORM", "V2-HMAC-SHA1"},
                                                        {"GET-QUERY", "ACS3-HMAC-SHA256"},
                                                        {"POST-FORM", "ACS3-HMAC-SHA256"}}) {
    core::Outcome o =
        c.call(api("AlibabaEcsDescribeInstanceStatus"), json::object(), {style, scheme});
    EXPECT_TRUE(o.ok) << style << " " << scheme << ": " << o.summary();
    EXPECT_FALSE(o.request_id.empty());
  }
}

TEST_F(AlibabaProtocol, WrongSecretIsSignatureDoesNotMatchWithItsStatus) {
  for (const char* scheme : {"V2-HMAC-SHA1", "ACS3-HMAC-SHA256"}) {
    alibaba::Client c = alibaba_client({emu::default_account().keys.at("alibaba").id, "wrong", ""});
    core::Outcome o = c.call(api("AlibabaEcsDescribeInstances"), json::object(), {"", scheme});
    EXPECT_EQ(o.code, "SignatureDoesNotMatch") << scheme;
    EXPECT_TRUE(o.http_status == 400 || o.http_status == 403) << o.http_status;
    EXPECT_TRUE(o.body.contains("HostId") && o.body.contains("Recommend")) << o.body.dump();
  }
}

TEST_F(AlibabaProtocol, ANonceCannotBeUsedTwice) {
  core::CallContext ctx = context();
  ctx.nonce = [] { return std::string("fixed-nonce-1"); };
  alibaba::Client c = alibaba_client({}, 0, ctx);
  EXPECT_TRUE(c.call(api("AlibabaEcsDescribeInstances"), json::object()).ok);
  EXPECT_EQ(c.call(api("AlibabaEcsDescribeInstances"), json::object()).code, "SignatureNonceUsed");
}

TEST_F(AlibabaProtocol, TimestampsOutsideFifteenMinutesExpire) {
  EXPECT_EQ(
      alibaba_client({}, -16 * 60).call(api("AlibabaEcsDescribeInstances"), json::object()).code,
      "InvalidTimeStamp.Expired");
  EXPECT_TRUE(
      alibaba_client({}, -14 * 60).call(api("AlibabaEcsDescribeInstances"), json::object()).ok);
}

TEST_F(AlibabaProtocol, UnknownAccessKeyIsNotFound) {
  core::Outcome o = alibaba_client({"LTAInobody", "x", ""})
                        .call(api("AlibabaEcsDescribeInstances"), json::object());
  EXPECT_EQ(o.code, "InvalidAccessKeyId.NotFound");
}

TEST(HttpTransport, AClosedPortIsATransportErrorValue) {
  core::HttpClient http(
      core::HttpOptions{std::chrono::milliseconds(500), std::chrono::milliseconds(1000)});
  // Port 1 on loopback: nothing listens there in a test sandbox.
  core::HttpResponse r = http.send({"GET", "http://127.0.0.1:1/", {}, ""});
  EXPECT_FALSE(r.received());
  EXPECT_EQ(r.status, 0);
  EXPECT_FALSE(r.transport_error.empty());
}

}  // namespace
}  // namespace cc::test

namespace cc::test {
namespace {

// A product the emulator has never heard of, given only as catalogue data — Lighthouse's APIs
// again under another product name, host and id prefix, sharing Lighthouse's version and
// actions — is served like any other, beside the product it was copied from.
class NewProduct : public EmulatorTest {
 protected:
  static void SetUpTestSuite() {
    EmulatorTest::SetUpTestSuite();
    std::vector<core::Api> copies;
    for (const core::Api& a : catalogue_->apis) {
      if (a.product != "lighthouse") continue;
      core::Api x = a;
      x.product = "lightsail2";
      x.id = "TencentLightsail2" + a.action;
      x.hosts = {"lightsail2.tencentcloudapi.com"};
      x.instance_id.prefix = "lhx-";
      x.instance_id.pattern = "^lhx-[a-z0-9]{8}$";
      x.instance_id.example = "lhx-ruy9d2tw";
      copies.push_back(std::move(x));
    }
    for (auto& x : copies) catalogue_->apis.push_back(std::move(x));
  }
};

TEST_F(NewProduct, IsServedFromTheCatalogueAlone) {
  const core::Api& stop = api("TencentLightsail2StopInstances");
  const core::Api& describe = api("TencentLightsail2DescribeInstances");
  const std::string id = create(stop, "RUNNING");
  EXPECT_EQ(id.rfind("lhx-", 0), 0u) << id;
  core::Outcome o = tencent_client().call(stop, {{"InstanceIds", {id}}});
  EXPECT_TRUE(o.ok) << o.summary();
  core::Outcome d = tencent_client().call(describe, {{"InstanceIds", {id}}});
  ASSERT_TRUE(d.ok) << d.summary();
  EXPECT_EQ(d.body["Response"]["InstanceSet"][0]["InstanceState"], "STOPPED") << d.body.dump();
  // The product it was copied from answers for its own instances only.
  const core::Api& lighthouse = api("TencentLighthouseStopInstances");
  EXPECT_EQ(tencent_client().call(lighthouse, {{"InstanceIds", {"lhins-00000000"}}}).code,
            "ResourceNotFound.InstanceIdNotFound");
  EXPECT_EQ(tencent_client().call(lighthouse, {{"InstanceIds", {id}}}).code,
            "InvalidParameterValue.InstanceIdMalformed");
}

}  // namespace
}  // namespace cc::test

namespace cc::test {
namespace {

// A request in no provider's form (unsigned, no known header) is answered in the envelope of the
// provider whose catalogue hosts name its Host — a regional host of the same domain included —
// and, for a Host no catalogue names, in the first front end's.
TEST_F(EmulatorTest, AnUnrecognisableRequestIsAnsweredAsItsHostsProviderWould) {
  core::HttpClient http;
  auto send = [&](const std::string& host) {
    return http.send({"POST", emulator_->base_url() + "/", {{"Host", host}}, "hello"});
  };
  for (const std::string host : {"ecs.aliyuncs.com", "ecs.cn-shanghai.aliyuncs.com"}) {
    core::HttpResponse r = send(host);
    SCOPED_TRACE(host + ": " + r.body);
    const auto body = nlohmann::json::parse(r.body);
    EXPECT_TRUE(body.contains("Code") && body.contains("HostId"));
    EXPECT_GE(r.status, 400);
  }
  for (const std::string host : {"cvm.tencentcloudapi.com", "127.0.0.1"}) {
    core::HttpResponse r = send(host);
    SCOPED_TRACE(host + ": " + r.body);
    EXPECT_EQ(r.status, 200);
    EXPECT_TRUE(nlohmann::json::parse(r.body)["Response"].contains("Error"));
  }
}

// A Describe names instances through the filter its catalogue entry declares (instance_id.filter):
// ECM, which has no id parameter, and CVM, whose Filters take instance-id beside InstanceIds.
TEST_F(TencentProtocol, DescribeNamesInstancesThroughTheCataloguesFilter) {
  tencent::Client c = tencent_client();
  for (const char* id : {"TencentCvmDescribeInstances", "TencentEcmDescribeInstances"}) {
    const core::Api& describe = api(id);
    const std::string wanted = create(describe, "RUNNING");
    create(describe, "RUNNING");
    const core::IdFilter& f = describe.instance_id.filter;
    ASSERT_FALSE(f.parameter.empty()) << id;
    const json params = {
        {f.parameter, json::array({{{f.name_key, f.name}, {f.values_key, {wanted}}}})}};
    core::Outcome o = c.call(describe, params);
    ASSERT_TRUE(o.ok) << id << ": " << o.summary();
    const json& set = o.body["Response"]["InstanceSet"];
    ASSERT_EQ(set.size(), 1u) << id << ": " << o.body.dump();
    EXPECT_EQ(set[0]["InstanceId"], wanted) << id;
  }
}

}  // namespace
}  // namespace cc::test
