// The provider wire formats: how abstract parameters become query/form/JSON and back, and
// that recorded exchanges never carry a secret.
#include <gtest/gtest.h>

#include "harness/alibaba/client.h"
#include "harness/alibaba/wire.h"
#include "harness/core/catalogue.h"
#include "harness/tencent/client.h"
#include "harness/tencent/wire.h"

namespace cc {
namespace {

using nlohmann::json;

const core::Catalogue& catalogue() {
  static const core::Catalogue c = core::load_catalogue(std::string(CLOUDCONFORM_FIXTURES_DIR) + "/apis");
  return c;
}

core::CallContext pinned() {
  core::CallContext c;
  c.now = [] { return std::int64_t{1700000000}; };
  c.nonce = [] { return std::string("0123456789abcdef0123456789abcdef"); };
  return c;
}

TEST(TencentWire, FlattensListsZeroBasedAndNestedObjects) {
  json p = {{"InstanceIds", {"ins-a", "ins-b"}}, {"Filters", {{{"Name", "zone"}, {"Values", {"z1"}}}}}, {"ForceStop", true}};
  core::Params f = tencent::flatten(p);
  EXPECT_NE(std::find(f.begin(), f.end(), core::Param{"InstanceIds.1", "ins-b"}), f.end());
  EXPECT_NE(std::find(f.begin(), f.end(), core::Param{"Filters.0.Values.0", "z1"}), f.end());
  EXPECT_NE(std::find(f.begin(), f.end(), core::Param{"ForceStop", "true"}), f.end());
}

TEST(TencentWire, UnflattenRebuildsTypedParameters) {
  const core::Api* api = catalogue().find("TencentCvmStopInstances");
  ASSERT_NE(api, nullptr);
  json p = tencent::unflatten(api, {{"InstanceIds.1", "ins-b"}, {"InstanceIds.0", "ins-a"}, {"ForceStop", "TRUE"}});
  EXPECT_EQ(p["InstanceIds"], json({"ins-a", "ins-b"}));
  EXPECT_EQ(p["ForceStop"], json(true));
}

TEST(AlibabaWire, ListsAreOneBasedOrAJsonString) {
  const core::Api* stop = catalogue().find("AlibabaEcsStopInstances");
  const core::Api* describe = catalogue().find("AlibabaEcsDescribeInstances");
  ASSERT_NE(stop, nullptr);
  ASSERT_NE(describe, nullptr);
  core::Params f = alibaba::flatten(*stop, {{"InstanceId", {"i-a", "i-b"}}, {"DryRun", true}});
  EXPECT_EQ(f, (core::Params{{"DryRun", "true"}, {"InstanceId.1", "i-a"}, {"InstanceId.2", "i-b"}}));
  core::Params d = alibaba::flatten(*describe, {{"InstanceIds", {"i-a"}}});
  EXPECT_EQ(d, (core::Params{{"InstanceIds", R"(["i-a"])"}}));
  json back = alibaba::unflatten(*stop, {{"InstanceId.2", "i-b"}, {"InstanceId.1", "i-a"}, {"DryRun", "true"}});
  EXPECT_EQ(back["InstanceId"], json({"i-a", "i-b"}));
  EXPECT_EQ(back["DryRun"], json(true));
}

TEST(TencentAdapter, Tc3PostJsonCarriesTheCommonHeaders) {
  tencent::Client c({{"AKIDx", "secret-key-1", ""}, "ap-guangzhou",
                     [](const core::Api&) { return core::Endpoint{"http://127.0.0.1:9", "cvm.tencentcloudapi.com"}; }, {}},
                    pinned());
  core::HttpRequest r = c.build(*catalogue().find("TencentCvmStopInstances"), {{"InstanceIds", {"ins-r8hr2upy"}}, {"StopType", "SOFT"}}, {});
  EXPECT_EQ(r.method, "POST");
  EXPECT_EQ(r.body, R"({"InstanceIds":["ins-r8hr2upy"],"StopType":"SOFT"})");
  auto header = [&](const std::string& n) {
    for (const auto& [k, v] : r.headers)
      if (k == n) return v;
    return std::string();
  };
  EXPECT_EQ(header("Host"), "cvm.tencentcloudapi.com");
  EXPECT_EQ(header("X-TC-Action"), "StopInstances");
  EXPECT_EQ(header("X-TC-Version"), "2017-03-12");
  EXPECT_EQ(header("X-TC-Timestamp"), "1700000000");
  EXPECT_EQ(header("Authorization").rfind("TC3-HMAC-SHA256 Credential=AKIDx/2023-11-14/cvm/tc3_request, SignedHeaders=content-type;host, Signature=", 0), 0u);
}

TEST(Redaction, ACanarySecretNeverReachesARecordedExchange) {
  const std::string canary = "CANARY-secret-7f3a9c";
  const std::string token = "CANARY-token-55e1";
  std::vector<core::Exchange> recorded;
  for (const char* scheme : {"TC3-HMAC-SHA256", "HmacSHA1"}) {
    core::CallContext ctx = pinned();
    ctx.record = [&](const core::Exchange& e) { recorded.push_back(e); };
    tencent::Client c({{"AKIDx", canary, token}, "ap-guangzhou",
                       [](const core::Api&) { return core::Endpoint{"http://127.0.0.1:1", "cvm.tencentcloudapi.com"}; },
                       {std::chrono::milliseconds(200), std::chrono::milliseconds(500)}},
                      ctx);
    c.call(*catalogue().find("TencentCvmStopInstances"), {{"InstanceIds", {"ins-a"}}}, {"GET-QUERY", scheme});
  }
  for (const char* scheme : {"V2-HMAC-SHA1", "ACS3-HMAC-SHA256"}) {
    core::CallContext ctx = pinned();
    ctx.record = [&](const core::Exchange& e) { recorded.push_back(e); };
    alibaba::Client c({{"LTAIx", canary, token}, "cn-hangzhou",
                       [](const core::Api&) { return core::Endpoint{"http://127.0.0.1:1", "ecs.aliyuncs.com"}; },
                       {std::chrono::milliseconds(200), std::chrono::milliseconds(500)}},
                      ctx);
    c.call(*catalogue().find("AlibabaEcsStopInstance"), {{"InstanceId", "i-a"}}, {"GET-QUERY", scheme});
  }
  ASSERT_EQ(recorded.size(), 4u);
  for (const auto& e : recorded) {
    const std::string text = e.to_json().dump();
    EXPECT_EQ(text.find(canary), std::string::npos) << text;
    EXPECT_EQ(text.find(token), std::string::npos) << text;
  }
}

}  // namespace
}  // namespace cc
