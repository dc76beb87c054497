// The emulated round trip (--latency-ms, the control plane's latency_ms): every cloud-API
// answer is held, the control plane's never, and the waits overlap — a region's latency, not a
// queue — while the rate window counts each call when it arrives.
#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "emulator_fixture.h"

namespace cc::test {
namespace {

using nlohmann::json;
using Ms = std::chrono::milliseconds;

class Latency : public EmulatorTest {
 protected:
  static double ms_since(std::chrono::steady_clock::time_point t) {
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t).count();
  }

  // `n` Describe calls released together, each on its own client; returns the wall time and
  // the outcomes.
  std::pair<double, std::vector<core::Outcome>> together(const core::Api& api, const json& params,
                                                         int n) {
    std::vector<core::Outcome> outcomes(n);
    std::vector<tencent::Client> clients;
    for (int i = 0; i < n; ++i) clients.push_back(tencent_client());
    std::atomic<int> ready{0};
    std::atomic<bool> go{false};
    std::vector<std::thread> threads;
    for (int i = 0; i < n; ++i)
      threads.emplace_back([&, i] {
        ready.fetch_add(1);
        go.wait(false);
        outcomes[i] = clients[i].call(api, params);
      });
    while (ready.load() < n) std::this_thread::yield();
    const auto start = std::chrono::steady_clock::now();
    go = true;
    go.notify_all();
    for (auto& t : threads) t.join();
    return {ms_since(start), outcomes};
  }
};

TEST_F(Latency, EveryCloudAnswerIsHeldButNotTheControlPlane) {
  start_with({}, {}, Ms(150));
  auto t = std::chrono::steady_clock::now();
  core::Outcome o = tencent_client().call(api("TencentCvmDescribeInstances"), json::object());
  EXPECT_TRUE(o.ok) << o.summary();
  EXPECT_GE(ms_since(t), 150);
  t = std::chrono::steady_clock::now();
  core::Outcome refused =
      alibaba_client().call(api("AlibabaEcsStopInstance"), {{"InstanceId", "i-000000000000"}});
  EXPECT_EQ(refused.code, "InvalidInstanceId.NotFound");
  EXPECT_GE(ms_since(t), 150) << "errors are held too";
  t = std::chrono::steady_clock::now();
  control("/_cloudconform/v1/info", nullptr, 200);
  EXPECT_LT(ms_since(t), 100) << "the control plane is not a cloud API";
}

TEST_F(Latency, ConcurrentAnswersWaitTogetherNotInTurn) {
  start_with({}, {}, Ms(200));
  control("/_cloudconform/v1/config", {{"rate_limits", {{"enabled", false}}}}, 200);
  const core::Api& describe = api("TencentCvmDescribeInstances");
  tencent_client().call(describe,
                        json::object());  // warm up: the first connection's setup is not measured
  auto [elapsed, outcomes] = together(describe, json::object(), 20);
  for (const auto& o : outcomes) EXPECT_TRUE(o.ok) << o.summary();
  EXPECT_GE(elapsed, 200);
  EXPECT_LT(elapsed, 600) << "20 answers held 200 ms each took " << elapsed
                          << " ms: they waited in turn";
}

TEST_F(Latency, TheRateWindowCountsACallWhenItArrives) {
  start_with({}, {}, Ms(300));
  // 20 calls arrive within the same second and are answered 300 ms later: the documented 10/s
  // admits 10 of them, exactly as without latency.
  auto [elapsed, outcomes] =
      together(api("TencentLighthouseStopInstances"), {{"InstanceIds", {"lhins-00000000"}}}, 20);
  int throttled = 0;
  for (const auto& o : outcomes) throttled += o.code == "RequestLimitExceeded";
  EXPECT_EQ(throttled, 10) << "in " << elapsed << " ms";
}

TEST_F(Latency, IsSetAndReportedThroughTheControlPlane) {
  EXPECT_EQ(control("/_cloudconform/v1/config", nullptr, 200)["latency_ms"], 0);
  EXPECT_EQ(control("/_cloudconform/v1/config", {{"latency_ms", 120}}, 200)["latency_ms"], 120);
  EXPECT_EQ(control("/_cloudconform/v1/info", nullptr, 200)["latency_ms"], 120);
  auto t = std::chrono::steady_clock::now();
  EXPECT_TRUE(tencent_client().call(api("TencentCvmDescribeInstances"), json::object()).ok);
  EXPECT_GE(ms_since(t), 120);
  control("/_cloudconform/v1/config", {{"latency_ms", -1}}, 400);
  control("/_cloudconform/v1/config", {{"latency_ms", "80"}}, 400);
  EXPECT_EQ(control("/_cloudconform/v1/config", nullptr, 200)["latency_ms"], 120);
}

}  // namespace
}  // namespace cc::test
