// Each fault mode of the emulator (emulator/faults.h) spoils the cloud APIs' answers and only
// theirs, and the provider clients turn each into a harness error that names it (a fault is no
// answer; an answer that breaks the envelope is judged instead: envelope_test.cpp).
#include <gtest/gtest.h>

#include "../emulator/emulator_fixture.h"
#include "emulator/faults.h"

namespace cc::test {
namespace {

using nlohmann::json;

class Fault : public EmulatorTest {
 protected:
  core::Outcome describe_cvm() {
    return tencent_client().call(api("TencentCvmDescribeInstances"),
                                 json{{"InstanceIds", {"ins-00000000"}}});
  }
  core::Outcome describe_ecs() {
    return alibaba_client().call(api("AlibabaEcsDescribeInstances"),
                                 json{{"RegionId", "cn-hangzhou"}});
  }
};

::testing::AssertionResult harness_error_saying(const core::Outcome& o, const std::string& what) {
  if (!o.harness_error())
    return ::testing::AssertionFailure() << "no harness error: " << o.summary();
  if (o.transport_error.find(what) == std::string::npos)
    return ::testing::AssertionFailure()
           << "the harness error does not say \"" << what << "\": " << o.transport_error;
  return ::testing::AssertionSuccess();
}

TEST(FaultModes, AreListedAsTransportFaults) {
  std::set<std::string> names;
  for (const auto& d : emu::known_deviations()) {
    if (d.name.rfind("fault-", 0) != 0) continue;
    names.insert(d.name);
    EXPECT_NE(d.breaks.find("transport fault, not a conformance deviation"), std::string::npos)
        << d.name;
  }
  EXPECT_EQ(names,
            (std::set<std::string>{"fault-slow", "fault-reset", "fault-truncated", "fault-not-json",
                                   "fault-huge-body", "fault-wrong-content-type", "fault-5xx-storm",
                                   "fault-other-request"}));
}

TEST_F(Fault, StormsLeaveTheControlPlaneAlone) {
  start_with({"fault-5xx-storm", "fault-not-json", "fault-wrong-content-type"});
  EXPECT_NO_THROW(create(api("TencentCvmStopInstances"), "RUNNING"));
  EXPECT_EQ(control("/_cloudconform/v1/info", nullptr, 200)["emulator"], "cloudconform");
}

TEST_F(Fault, A5xxStormIsAServerErrorWithoutEnvelope) {
  start_with({"fault-5xx-storm"});
  EXPECT_TRUE(harness_error_saying(
      describe_cvm(), "HTTP 503: a server error without the provider's error envelope"));
  EXPECT_TRUE(harness_error_saying(describe_ecs(), "HTTP 503: a server error"));
}

TEST_F(Fault, ANonJsonBodyIsNotJson) {
  start_with({"fault-not-json"});
  EXPECT_TRUE(harness_error_saying(describe_cvm(), "the body is not JSON"));
  EXPECT_TRUE(harness_error_saying(describe_ecs(), "the body is not JSON"));
}

TEST_F(Fault, AWrongContentTypeIsNotJson) {
  start_with({"fault-wrong-content-type"});
  EXPECT_TRUE(harness_error_saying(describe_cvm(), "Content-Type is text/html"));
}

TEST_F(Fault, AHugeBodyIsRefusedAtTheLimit) {
  start_with({"fault-huge-body"});
  EXPECT_TRUE(harness_error_saying(describe_cvm(), core::kBodyTooLarge));
}

TEST_F(Fault, AResetIsAConnectionReset) {
  start_with({"fault-reset"});
  EXPECT_TRUE(harness_error_saying(describe_ecs(), core::kConnectionReset));
}

TEST_F(Fault, ATruncatedAnswerIsTruncated) {
  start_with({"fault-truncated"});
  EXPECT_TRUE(harness_error_saying(describe_cvm(), core::kTruncated));
}

TEST_F(Fault, ASlowAnswerTimesOut) {
  start_with({"fault-slow"});
  emu::Account a = emu::default_account();
  core::HttpOptions http;
  http.total_timeout = std::chrono::milliseconds(300);
  tencent::Client c({{a.keys.at("tencent").id, a.keys.at("tencent").secret, ""},
                     "ap-guangzhou",
                     endpoints(),
                     http},
                    context());
  EXPECT_TRUE(harness_error_saying(c.call(api("TencentCvmDescribeInstances"), json::object()),
                                   core::kTimedOut));
}

TEST_F(Fault, AnotherRequestsAnswerIsTold) {
  start_with({"fault-other-request"});
  const core::Api& stop = api("TencentCvmStopInstances");
  const std::string id = create(stop, "RUNNING");
  tencent::Client c = tencent_client();
  ASSERT_TRUE(describe_cvm().ok) << "the first answer of its kind is the request's own";
  EXPECT_TRUE(
      harness_error_saying(c.call(stop, json{{"InstanceIds", {id}}}), "answers another request"));
  EXPECT_TRUE(harness_error_saying(describe_cvm(), "answers another request"));
}

TEST_F(Fault, NoFaultNoHarm) {
  for (const core::Outcome& o : {describe_cvm(), describe_ecs()}) {
    EXPECT_TRUE(o.ok) << o.summary();
    EXPECT_TRUE(o.protocol_breaks.empty())
        << "the faithful emulator breaks no envelope: " << o.summary();
  }
}

}  // namespace
}  // namespace cc::test
