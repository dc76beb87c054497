// The provider wire formats: how abstract parameters become query/form/JSON and back, how an
// answer is read — an answer that breaks the documented envelope (protocols.md A6, B6) is still
// an answer, with the break listed — and that recorded exchanges never carry a secret.
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
  static const core::Catalogue c =
      core::load_catalogue(std::string(CLOUDCONFORM_FIXTURES_DIR) + "/apis");
  return c;
}

core::CallContext pinned() {
  core::CallContext c;
  c.now = [] { return std::int64_t{1700000000}; };
  c.nonce = [] { return std::string("0123456789abcdef0123456789abcdef"); };
  return c;
}

TEST(TencentWire, FlattensListsZeroBasedAndNestedObjects) {
  json p = {{"InstanceIds", {"ins-a", "ins-b"}},
            {"Filters", {{{"Name", "zone"}, {"Values", {"z1"}}}}},
            {"ForceStop", true}};
  core::Params f = tencent::flatten(p);
  EXPECT_NE(std::find(f.begin(), f.end(), core::Param{"InstanceIds.1", "ins-b"}), f.end());
  EXPECT_NE(std::find(f.begin(), f.end(), core::Param{"Filters.0.Values.0", "z1"}), f.end());
  EXPECT_NE(std::find(f.begin(), f.end(), core::Param{"ForceStop", "true"}), f.end());
}

TEST(TencentWire, UnflattenRebuildsTypedParameters) {
  const core::Api* api = catalogue().find("TencentCvmStopInstances");
  ASSERT_NE(api, nullptr);
  json p = tencent::unflatten(
      api, {{"InstanceIds.1", "ins-b"}, {"InstanceIds.0", "ins-a"}, {"ForceStop", "TRUE"}});
  EXPECT_EQ(p["InstanceIds"], json({"ins-a", "ins-b"}));
  EXPECT_EQ(p["ForceStop"], json(true));
}

TEST(AlibabaWire, ListsAreOneBasedOrAJsonString) {
  const core::Api* stop = catalogue().find("AlibabaEcsStopInstances");
  const core::Api* describe = catalogue().find("AlibabaEcsDescribeInstances");
  ASSERT_NE(stop, nullptr);
  ASSERT_NE(describe, nullptr);
  core::Params f = alibaba::flatten(*stop, {{"InstanceId", {"i-a", "i-b"}}, {"DryRun", true}});
  EXPECT_EQ(f,
            (core::Params{{"DryRun", "true"}, {"InstanceId.1", "i-a"}, {"InstanceId.2", "i-b"}}));
  core::Params d = alibaba::flatten(*describe, {{"InstanceIds", {"i-a"}}});
  EXPECT_EQ(d, (core::Params{{"InstanceIds", R"(["i-a"])"}}));
  json back = alibaba::unflatten(
      *stop, {{"InstanceId.2", "i-b"}, {"InstanceId.1", "i-a"}, {"DryRun", "true"}});
  EXPECT_EQ(back["InstanceId"], json({"i-a", "i-b"}));
  EXPECT_EQ(back["DryRun"], json(true));
}

TEST(TencentAdapter, Tc3PostJsonCarriesTheCommonHeaders) {
  tencent::Client c({{"AKIDx", "secret-key-1", ""},
                     "ap-guangzhou",
                     [](const core::Api&) {
                       return core::Endpoint{"http://127.0.0.1:9", "cvm.tencentcloudapi.com"};
                     },
                     {}},
                    pinned());
  core::HttpRequest r = c.build(*catalogue().find("TencentCvmStopInstances"),
                                {{"InstanceIds", {"ins-r8hr2upy"}}, {"StopType", "SOFT"}}, {});
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
  EXPECT_EQ(header("Authorization")
                .rfind("TC3-HMAC-SHA256 Credential=AKIDx/2023-11-14/cvm/tc3_request, "
                       "SignedHeaders=content-type;host, Signature=",
                       0),
            0u);
}

TEST(Redaction, ACanarySecretNeverReachesARecordedExchange) {
  const std::string canary = "CANARY-secret-7f3a9c";
  const std::string token = "CANARY-token-55e1";
  std::vector<core::Exchange> recorded;
  for (const char* scheme : {"TC3-HMAC-SHA256", "HmacSHA1"}) {
    core::CallContext ctx = pinned();
    ctx.record = [&](const core::Exchange& e) { recorded.push_back(e); };
    tencent::Client c({{"AKIDx", canary, token},
                       "ap-guangzhou",
                       [](const core::Api&) {
                         return core::Endpoint{"http://127.0.0.1:1", "cvm.tencentcloudapi.com"};
                       },
                       {std::chrono::milliseconds(200), std::chrono::milliseconds(500)}},
                      ctx);
    c.call(*catalogue().find("TencentCvmStopInstances"), {{"InstanceIds", {"ins-a"}}},
           {"GET-QUERY", scheme});
  }
  for (const char* scheme : {"V2-HMAC-SHA1", "ACS3-HMAC-SHA256"}) {
    core::CallContext ctx = pinned();
    ctx.record = [&](const core::Exchange& e) { recorded.push_back(e); };
    alibaba::Client c({{"LTAIx", canary, token},
                       "cn-hangzhou",
                       [](const core::Api&) {
                         return core::Endpoint{"http://127.0.0.1:1", "ecs.aliyuncs.com"};
                       },
                       {std::chrono::milliseconds(200), std::chrono::milliseconds(500)}},
                      ctx);
    c.call(*catalogue().find("AlibabaEcsStopInstance"), {{"InstanceId", "i-a"}},
           {"GET-QUERY", scheme});
  }
  ASSERT_EQ(recorded.size(), 4u);
  for (const auto& e : recorded) {
    const std::string text = e.to_json().dump();
    EXPECT_EQ(text.find(canary), std::string::npos) << text;
    EXPECT_EQ(text.find(token), std::string::npos) << text;
  }
}

// --- Reading answers ---------------------------------------------------------------------------

using Part = core::ProtocolBreak::Part;

core::HttpResponse answer(int status, const std::string& body) {
  core::HttpResponse r;
  r.status = status;
  r.headers = {{"Content-Type", "application/json"}};
  r.body = body;
  return r;
}

core::Outcome tencent_parse(int status, const std::string& body) {
  const tencent::Client c({{"AKIDx", "secret-key-1", ""},
                           "ap-guangzhou",
                           [](const core::Api&) {
                             return core::Endpoint{"http://127.0.0.1:9", ""};
                           },
                           {}},
                          pinned());
  return c.parse(answer(status, body));
}

core::Outcome alibaba_parse(int status, const std::string& body) {
  const alibaba::Client c({{"LTAIx", "secret-key-1", ""},
                           "cn-hangzhou",
                           [](const core::Api&) {
                             return core::Endpoint{"http://127.0.0.1:9", ""};
                           },
                           {}},
                          pinned());
  return c.parse(answer(status, body));
}

// The one break of that part, whose message says `words`.
::testing::AssertionResult broke_saying(const core::Outcome& o, Part part,
                                        const std::string& words) {
  if (o.harness_error())
    return ::testing::AssertionFailure() << "a harness error, not an answer: " << o.transport_error;
  for (const auto& b : o.protocol_breaks) {
    if (b.part != part) continue;
    if (b.message.find(words) == std::string::npos)
      return ::testing::AssertionFailure() << "the " << core::to_string(part) << " break says \""
                                           << b.message << "\", not \"" << words << "\"";
    return ::testing::AssertionSuccess();
  }
  return ::testing::AssertionFailure()
         << "no " << core::to_string(part) << " break: " << o.summary();
}

std::vector<Part> parts(const core::Outcome& o) {
  std::vector<Part> out;
  for (const auto& b : o.protocol_breaks) out.push_back(b.part);
  return out;
}

TEST(ProtocolBreak, EachPartHasAName) {
  EXPECT_EQ(core::to_string(Part::RequestId), "request_id");
  EXPECT_EQ(core::to_string(Part::ErrorCode), "error_code");
  EXPECT_EQ(core::to_string(Part::ErrorMessage), "error_message");
  EXPECT_EQ(core::to_string(Part::Wrapper), "wrapper");
  EXPECT_EQ(core::to_string(Part::StatusConvention), "status_convention");
}

TEST(ProtocolBreak, TheSummaryNamesTheBreaks) {
  const core::Outcome o = tencent_parse(200, R"({"Response":{"Error":{"Message":"m"}}})");
  const std::string s = o.summary();
  EXPECT_NE(s.find("error 200 (no code): m"), std::string::npos) << s;
  EXPECT_NE(s.find("breaks the protocol: the error answer has no Response.Error.Code"),
            std::string::npos)
      << s;
  EXPECT_NE(s.find("the answer carries no RequestId"), std::string::npos) << s;
  EXPECT_EQ(tencent_parse(200, R"({"Response":{"RequestId":"r"}})").summary(),
            "ok 200 (RequestId r)");
}

TEST(SameRequestId, UuidsCompareInAnyLetterCase) {
  EXPECT_TRUE(core::same_request_id("b5b41468-520d-4192-b42f-595cc34b6c1c",
                                    "B5B41468-520D-4192-B42F-595CC34B6C1C"));
  EXPECT_TRUE(core::same_request_id("7DC0013A-1234-5678-9ABC-DEF012345678",
                                    "7dc0013a-1234-5678-9abc-def012345678"));
  EXPECT_FALSE(core::same_request_id("b5b41468-520d-4192-b42f-595cc34b6c1c",
                                     "b5b41468-520d-4192-b42f-595cc34b6c1d"));
}

TEST(SameRequestId, AnythingElseComparesExactly) {
  EXPECT_TRUE(core::same_request_id("req-Abc", "req-Abc"));
  EXPECT_FALSE(core::same_request_id("req-Abc", "req-abc")) << "not a UUID: its case may matter";
  // One side UUID-shaped, the other not quite (a letter that is no hex digit, a missing dash).
  EXPECT_FALSE(core::same_request_id("b5b41468-520d-4192-b42f-595cc34b6c1c",
                                     "B5B41468-520D-4192-B42F-595CC34B6C1G"));
  EXPECT_FALSE(core::same_request_id("b5b41468520d-4192-b42f-595cc34b6c1c",
                                     "B5B41468520D-4192-B42F-595CC34B6C1C"));
  EXPECT_FALSE(core::same_request_id("", "r"));
  EXPECT_TRUE(core::same_request_id("", ""));
}

TEST(TencentParse, AWellFormedAnswerBreaksNothing) {
  const core::Outcome ok = tencent_parse(200, R"({"Response":{"RequestId":"r1"}})");
  EXPECT_TRUE(ok.ok);
  EXPECT_EQ(ok.request_id, "r1");
  EXPECT_TRUE(ok.protocol_breaks.empty()) << ok.summary();
  const core::Outcome refused = tencent_parse(
      200, R"({"Response":{"Error":{"Code":"InvalidParameter","Message":"m"},"RequestId":"r2"}})");
  EXPECT_FALSE(refused.ok);
  EXPECT_EQ(refused.code, "InvalidParameter");
  EXPECT_EQ(refused.message, "m");
  EXPECT_TRUE(refused.protocol_breaks.empty()) << refused.summary();
}

TEST(TencentParse, AnErrorOutsideResponseIsAWrapperBreakThatKeepsItsCode) {
  const core::Outcome o =
      tencent_parse(200, R"({"Error":{"Code":"InvalidParameter","Message":"m"},"RequestId":"r"})");
  EXPECT_TRUE(broke_saying(o, Part::Wrapper, "the error is not wrapped in {\"Response\": …}"));
  EXPECT_FALSE(o.ok);
  EXPECT_EQ(o.code, "InvalidParameter") << "the case still sees the code";
  EXPECT_EQ(o.message, "m");
  EXPECT_EQ(o.request_id, "r");
  EXPECT_EQ(parts(o), std::vector<Part>{Part::Wrapper});
  EXPECT_TRUE(o.body.is_object()) << "the body stays for the record";
}

TEST(TencentParse, AnAnswerWithoutResponseIsAWrapperBreakAndNotAccepted) {
  const core::Outcome o =
      tencent_parse(200, R"({"RequestId":"r","TotalCount":0,"InstanceSet":[]})");
  EXPECT_TRUE(broke_saying(o, Part::Wrapper, "the answer is not wrapped in {\"Response\": …}"));
  EXPECT_FALSE(o.ok);
  EXPECT_TRUE(o.code.empty());
  EXPECT_TRUE(broke_saying(tencent_parse(200, R"({"Response":"r"})"), Part::Wrapper,
                           "Response is not an object"));
  const core::Outcome empty = tencent_parse(200, "{}");
  EXPECT_EQ(parts(empty), (std::vector<Part>{Part::Wrapper, Part::RequestId}));
}

TEST(TencentParse, AnErrorWithoutCodeIsAnErrorCodeBreak) {
  const core::Outcome o =
      tencent_parse(200, R"({"Response":{"Error":{"Message":"m"},"RequestId":"r"}})");
  EXPECT_TRUE(broke_saying(o, Part::ErrorCode, "the error answer has no Response.Error.Code"));
  EXPECT_FALSE(o.ok);
  EXPECT_TRUE(o.code.empty());
  EXPECT_EQ(o.message, "m");
  EXPECT_EQ(parts(o), std::vector<Part>{Part::ErrorCode});
  for (const char* body : {R"({"Response":{"Error":{"Code":7,"Message":"m"},"RequestId":"r"}})",
                           R"({"Response":{"Error":{"Code":"","Message":"m"},"RequestId":"r"}})",
                           R"({"Response":{"Error":"InvalidParameter","RequestId":"r"}})"}) {
    const core::Outcome bad = tencent_parse(200, body);
    EXPECT_TRUE(bad.broke(Part::ErrorCode)) << body << ": " << bad.summary();
    EXPECT_FALSE(bad.ok) << body;
  }
}

TEST(TencentParse, AnErrorWithoutMessageIsAnErrorMessageBreakThatKeepsItsCode) {
  const core::Outcome o =
      tencent_parse(200, R"({"Response":{"Error":{"Code":"InvalidParameter"},"RequestId":"r"}})");
  EXPECT_TRUE(
      broke_saying(o, Part::ErrorMessage, "the error answer has no Response.Error.Message"));
  EXPECT_FALSE(o.ok);
  EXPECT_EQ(o.code, "InvalidParameter");
  EXPECT_EQ(parts(o), std::vector<Part>{Part::ErrorMessage});
  // Message text may change (A6), even to nothing: an empty Message is there.
  const core::Outcome empty = tencent_parse(
      200, R"({"Response":{"Error":{"Code":"InvalidParameter","Message":""},"RequestId":"r"}})");
  EXPECT_TRUE(empty.protocol_breaks.empty()) << empty.summary();
}

TEST(TencentParse, AnAnswerWithoutRequestIdIsARequestIdBreak) {
  const core::Outcome ok = tencent_parse(200, R"({"Response":{"TotalCount":0}})");
  EXPECT_TRUE(broke_saying(ok, Part::RequestId, "the answer carries no RequestId"));
  EXPECT_TRUE(ok.ok) << "still accepted: the call did what it was asked";
  const core::Outcome refused =
      tencent_parse(200, R"({"Response":{"Error":{"Code":"InvalidParameter","Message":"m"}}})");
  EXPECT_TRUE(broke_saying(refused, Part::RequestId, "the answer carries no RequestId"));
  EXPECT_EQ(refused.code, "InvalidParameter");
  const core::Outcome outside =
      tencent_parse(200, R"({"Response":{"TotalCount":0},"RequestId":"r"})");
  EXPECT_TRUE(broke_saying(outside, Part::RequestId, "outside Response"));
  EXPECT_EQ(outside.request_id, "r");
}

TEST(TencentParse, AnAnswerUnderAnotherStatusThan200IsAStatusConventionBreak) {
  const core::Outcome o = tencent_parse(
      403,
      R"({"Response":{"Error":{"Code":"AuthFailure.SignatureFailure","Message":"m"},"RequestId":"r"}})");
  EXPECT_TRUE(broke_saying(o, Part::StatusConvention,
                           "an error (Code AuthFailure.SignatureFailure) under HTTP 403"));
  EXPECT_EQ(o.code, "AuthFailure.SignatureFailure");
  const core::Outcome server = tencent_parse(
      503, R"({"Response":{"Error":{"Code":"InternalError","Message":"m"},"RequestId":"r"}})");
  EXPECT_FALSE(server.harness_error()) << "a 5xx in the envelope is an answer";
  EXPECT_EQ(server.code, "InternalError");
  const core::Outcome success_shaped = tencent_parse(404, R"({"Response":{"RequestId":"r"}})");
  EXPECT_FALSE(success_shaped.ok);
  EXPECT_EQ(success_shaped.code, "HTTP404");
  EXPECT_TRUE(broke_saying(success_shaped, Part::StatusConvention, "an answer under HTTP 404"));
}

TEST(TencentParse, WhatIsNoAnswerStaysAHarnessError) {
  EXPECT_TRUE(tencent_parse(200, "upstream connect error").harness_error());
  EXPECT_TRUE(tencent_parse(200, R"([{"Response":{}}])").harness_error()) << "not a JSON object";
  const core::Outcome gateway = tencent_parse(502, R"({"message":"Bad Gateway"})");
  EXPECT_NE(gateway.transport_error.find(
                "HTTP 502: a server error without the provider's error envelope"),
            std::string::npos)
      << gateway.summary();
  EXPECT_TRUE(gateway.protocol_breaks.empty());
}

TEST(AlibabaParse, AWellFormedAnswerBreaksNothing) {
  const core::Outcome batch = alibaba_parse(
      200,
      R"({"RequestId":"r1","InstanceResponses":{"InstanceResponse":[{"InstanceId":"i-1","Code":"200","Message":"success"}]}})");
  EXPECT_TRUE(batch.ok) << "a per-instance Code is nested, not the error shape";
  EXPECT_TRUE(batch.protocol_breaks.empty()) << batch.summary();
  const core::Outcome lone_code = alibaba_parse(200, R"({"RequestId":"r1","Code":"200"})");
  EXPECT_TRUE(lone_code.ok) << "a Code without a Message is no error envelope";
  const core::Outcome refused = alibaba_parse(
      403, R"({"RequestId":"r2","HostId":"h","Code":"IncorrectInstanceStatus","Message":"m"})");
  EXPECT_FALSE(refused.ok);
  EXPECT_EQ(refused.code, "IncorrectInstanceStatus");
  EXPECT_TRUE(refused.protocol_breaks.empty()) << refused.summary();
  const core::Outcome server =
      alibaba_parse(500, R"({"RequestId":"r3","Code":"InternalError","Message":"m"})");
  EXPECT_EQ(server.code, "InternalError") << "a 5xx in the envelope is an answer";
  EXPECT_TRUE(server.protocol_breaks.empty()) << server.summary();
}

TEST(AlibabaParse, AnErrorWithoutCodeIsAnErrorCodeBreak) {
  const core::Outcome o = alibaba_parse(400, R"({"RequestId":"r","Message":"m"})");
  EXPECT_TRUE(broke_saying(o, Part::ErrorCode, "the error answer (HTTP 400) has no Code"));
  EXPECT_FALSE(o.ok);
  EXPECT_TRUE(o.code.empty());
  EXPECT_EQ(o.message, "m");
  EXPECT_EQ(parts(o), std::vector<Part>{Part::ErrorCode});
  const core::Outcome server = alibaba_parse(503, R"({"RequestId":"r","Code":503})");
  EXPECT_TRUE(server.broke(Part::ErrorCode))
      << "some of the envelope: the target's answer; " << server.summary();
}

TEST(AlibabaParse, AnErrorWithoutMessageIsAnErrorMessageBreakThatKeepsItsCode) {
  const core::Outcome o =
      alibaba_parse(404, R"({"RequestId":"r","Code":"InvalidInstanceId.NotFound"})");
  EXPECT_TRUE(broke_saying(o, Part::ErrorMessage, "the error answer (HTTP 404) has no Message"));
  EXPECT_FALSE(o.ok);
  EXPECT_EQ(o.code, "InvalidInstanceId.NotFound");
  EXPECT_EQ(parts(o), std::vector<Part>{Part::ErrorMessage});
  const core::Outcome empty =
      alibaba_parse(404, R"({"RequestId":"r","Code":"InvalidInstanceId.NotFound","Message":""})");
  EXPECT_TRUE(empty.protocol_breaks.empty()) << "an empty Message is there: " << empty.summary();
}

TEST(AlibabaParse, AnErrorUnder200IsAStatusConventionBreak) {
  const core::Outcome o =
      alibaba_parse(200, R"({"RequestId":"r","Code":"InvalidParameter","Message":"m"})");
  EXPECT_TRUE(broke_saying(
      o, Part::StatusConvention,
      "an error (Code InvalidParameter) under HTTP 200: Alibaba errors come with their "
      "documented 4xx/5xx status"));
  EXPECT_FALSE(o.ok);
  EXPECT_EQ(o.code, "InvalidParameter");
  EXPECT_EQ(o.message, "m");
  EXPECT_EQ(parts(o), std::vector<Part>{Part::StatusConvention});
  EXPECT_TRUE(alibaba_parse(302, R"({"RequestId":"r","Code":"Moved","Message":"m"})")
                  .broke(Part::StatusConvention));
}

TEST(AlibabaParse, AnAnswerWithoutRequestIdIsARequestIdBreak) {
  const core::Outcome ok = alibaba_parse(200, "{}");
  EXPECT_TRUE(broke_saying(ok, Part::RequestId, "the answer carries no RequestId"));
  EXPECT_TRUE(ok.ok) << "still accepted: the call did what it was asked";
  const core::Outcome refused =
      alibaba_parse(403, R"({"Code":"IncorrectInstanceStatus","Message":"m"})");
  EXPECT_TRUE(broke_saying(refused, Part::RequestId, "the answer carries no RequestId"));
  EXPECT_EQ(refused.code, "IncorrectInstanceStatus");
  EXPECT_EQ(parts(refused), std::vector<Part>{Part::RequestId});
}

TEST(AlibabaParse, WhatIsNoAnswerStaysAHarnessError) {
  EXPECT_TRUE(alibaba_parse(200, "<Error/>").harness_error());
  EXPECT_TRUE(alibaba_parse(400, R"("InvalidParameter")").harness_error()) << "not a JSON object";
  const core::Outcome gateway = alibaba_parse(504, R"({"error":"upstream timed out"})");
  EXPECT_NE(gateway.transport_error.find(
                "HTTP 504: a server error without the provider's error envelope"),
            std::string::npos)
      << gateway.summary();
}

}  // namespace
}  // namespace cc
