// A JSON answer that breaks the documented envelope (protocols.md A6, B6) is the target's
// answer, not a harness error: through the whole call — send, record, parse, the checks for
// what is no answer — it comes back with transport_error empty and the broken part listed, so
// the case that received it can fail the assertion it breaks. What is no answer at all stays a
// harness error.
#include <gtest/gtest.h>

#include "emulator/http_server.h"
#include "harness/alibaba/client.h"
#include "harness/core/catalogue.h"
#include "harness/tencent/client.h"

namespace cc::test {
namespace {

using Part = core::ProtocolBreak::Part;

const core::Catalogue& catalogue() {
  static const core::Catalogue c =
      core::load_catalogue(std::string(CLOUDCONFORM_FIXTURES_DIR) + "/apis");
  return c;
}

const core::Api& api(const std::string& id) {
  const core::Api* a = catalogue().find(id);
  if (!a) throw std::runtime_error("no API " + id);
  return *a;
}

// A target that gives every request the same answer.
class Target {
 public:
  Target(int status, std::string body)
      : http_([status, body = std::move(body)](const emu::HttpRequestIn&) {
          emu::HttpResponseOut out;
          out.status = status;
          out.body = body;
          return out;
        }) {
    port_ = http_.start("127.0.0.1", 0);
  }

  core::ClientConfig config() const {
    const std::string url = "http://127.0.0.1:" + std::to_string(port_);
    return {{"id", "secret-key-1", ""},
            "",
            [url](const core::Api&) {
              return core::Endpoint{url, ""};
            },
            {}};
  }

 private:
  emu::HttpServer http_;
  std::uint16_t port_ = 0;
};

core::Outcome tencent_call(int status, const std::string& body,
                           const std::string& api_id = "TencentCvmStopInstances") {
  Target target(status, body);
  tencent::Client c(target.config(), core::system_context());
  return c.call(api(api_id), {{"InstanceIds", {"ins-00000001"}}});
}

core::Outcome alibaba_call(int status, const std::string& body,
                           const std::string& api_id = "AlibabaEcsStopInstance") {
  Target target(status, body);
  alibaba::Client c(target.config(), core::system_context());
  return c.call(api(api_id), {{"InstanceId", "i-00000001"}});
}

::testing::AssertionResult an_answer_breaking(const core::Outcome& o, Part part) {
  if (o.harness_error())
    return ::testing::AssertionFailure() << "a harness error: " << o.transport_error;
  if (!o.broke(part))
    return ::testing::AssertionFailure()
           << "no " << core::to_string(part) << " break: " << o.summary();
  return ::testing::AssertionSuccess();
}

TEST(HostileEnvelope, ATencentErrorOutsideResponseIsAnAnswerBreakingTheWrapper) {
  const core::Outcome o = tencent_call(
      200, R"({"Error":{"Code":"InvalidInstanceId.NotFound","Message":"m"},"RequestId":"r"})");
  EXPECT_TRUE(an_answer_breaking(o, Part::Wrapper));
  EXPECT_EQ(o.code, "InvalidInstanceId.NotFound");
}

TEST(HostileEnvelope, ATencentErrorWithoutCodeIsAnAnswerBreakingTheErrorCode) {
  const core::Outcome o =
      tencent_call(200, R"({"Response":{"Error":{"Message":"m"},"RequestId":"r"}})");
  EXPECT_TRUE(an_answer_breaking(o, Part::ErrorCode));
  EXPECT_FALSE(o.ok);
}

TEST(HostileEnvelope, ATencentErrorWithoutMessageIsAnAnswerBreakingTheErrorMessage) {
  const core::Outcome o =
      tencent_call(200, R"({"Response":{"Error":{"Code":"InvalidParameter"},"RequestId":"r"}})");
  EXPECT_TRUE(an_answer_breaking(o, Part::ErrorMessage));
  EXPECT_EQ(o.code, "InvalidParameter");
}

TEST(HostileEnvelope, ATencentAnswerWithoutRequestIdIsAnAnswerBreakingTheRequestId) {
  const core::Outcome o = tencent_call(200, R"({"Response":{}})");
  EXPECT_TRUE(an_answer_breaking(o, Part::RequestId));
  EXPECT_TRUE(o.ok);
}

TEST(HostileEnvelope, ATencentErrorUnder400IsAnAnswerBreakingTheStatusConvention) {
  const core::Outcome o = tencent_call(
      400, R"({"Response":{"Error":{"Code":"InvalidParameter","Message":"m"},"RequestId":"r"}})");
  EXPECT_TRUE(an_answer_breaking(o, Part::StatusConvention));
  EXPECT_EQ(o.code, "InvalidParameter");
}

TEST(HostileEnvelope, AnAlibabaErrorWithoutCodeIsAnAnswerBreakingTheErrorCode) {
  const core::Outcome o = alibaba_call(403, R"({"RequestId":"r","HostId":"h","Message":"m"})");
  EXPECT_TRUE(an_answer_breaking(o, Part::ErrorCode));
  EXPECT_FALSE(o.ok);
}

TEST(HostileEnvelope, AnAlibabaErrorWithoutMessageIsAnAnswerBreakingTheErrorMessage) {
  const core::Outcome o =
      alibaba_call(403, R"({"RequestId":"r","HostId":"h","Code":"IncorrectInstanceStatus"})");
  EXPECT_TRUE(an_answer_breaking(o, Part::ErrorMessage));
  EXPECT_EQ(o.code, "IncorrectInstanceStatus");
}

TEST(HostileEnvelope, AnAlibabaErrorUnder200IsAnAnswerBreakingTheStatusConvention) {
  const core::Outcome o =
      alibaba_call(200, R"({"RequestId":"r","Code":"IncorrectInstanceStatus","Message":"m"})");
  EXPECT_TRUE(an_answer_breaking(o, Part::StatusConvention));
  EXPECT_FALSE(o.ok);
  EXPECT_EQ(o.code, "IncorrectInstanceStatus");
}

TEST(HostileEnvelope, AnAlibabaAnswerWithoutRequestIdIsAnAnswerBreakingTheRequestId) {
  const core::Outcome o = alibaba_call(200, "{}");
  EXPECT_TRUE(an_answer_breaking(o, Part::RequestId));
  EXPECT_TRUE(o.ok);
}

TEST(HostileEnvelope, AWellFormedAnswerBreaksNothing) {
  const core::Outcome t = tencent_call(200, R"({"Response":{"RequestId":"r"}})");
  EXPECT_TRUE(t.ok && t.protocol_breaks.empty()) << t.summary();
  const core::Outcome a =
      alibaba_call(403, R"({"RequestId":"r","Code":"IncorrectInstanceStatus","Message":"m"})");
  EXPECT_TRUE(!a.harness_error() && a.protocol_breaks.empty()) << a.summary();
}

TEST(HostileEnvelope, WhatIsNoAnswerStaysAHarnessError) {
  for (const auto& o : {tencent_call(200, "not json"), alibaba_call(200, "not json")})
    EXPECT_NE(o.transport_error.find("the body is not JSON"), std::string::npos) << o.summary();
  for (const auto& o : {tencent_call(200, "[]"), alibaba_call(400, "[]")})
    EXPECT_NE(o.transport_error.find("the body is not a JSON object"), std::string::npos)
        << o.summary();
  for (const auto& o : {tencent_call(502, R"({"message":"Bad Gateway"})"),
                        alibaba_call(502, R"({"message":"Bad Gateway"})")}) {
    EXPECT_NE(
        o.transport_error.find("HTTP 502: a server error without the provider's error envelope"),
        std::string::npos)
        << o.summary();
    EXPECT_TRUE(o.protocol_breaks.empty());
  }
}

TEST(HostileEnvelope, AnotherRequestsAnswerIsAHarnessErrorWithoutBreaks) {
  // A listing without its RequestId answering a Stop: another request's answer, nothing to judge.
  const core::Outcome o = tencent_call(200, R"({"Response":{"TotalCount":1,"InstanceSet":[]}})");
  EXPECT_NE(o.transport_error.find("answers another request"), std::string::npos) << o.summary();
  EXPECT_TRUE(o.protocol_breaks.empty());
}

}  // namespace
}  // namespace cc::test
