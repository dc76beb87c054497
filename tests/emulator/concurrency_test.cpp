// Requests on the same instance are serialised: of simultaneous stops exactly one is
// accepted, and under a storm of stops and starts no transition is lost or doubled. Also: a
// slow or broken client never blocks the others, and malformed input gets documented codes.
#include <gtest/gtest.h>

#include <boost/asio.hpp>

#include <atomic>
#include <thread>

#include "emulator_fixture.h"
#include "harness/core/signing/tc3.h"

namespace cc::test {
namespace {

using nlohmann::json;

class Concurrency : public EmulatorTest {
 protected:
  void SetUp() override {
    EmulatorTest::SetUp();
    control("/_cloudconform/v1/config", {{"rate_limits", {{"enabled", false}}}}, 200);
  }
};

TEST_F(Concurrency, OfSimultaneousStopsExactlyOneIsAccepted) {
  const core::Api& stop = api("TencentCvmStopInstances");
  control("/_cloudconform/v1/config", {{"transition_ms", 60000}}, 200);
  const std::string id = create(stop, "RUNNING");
  constexpr int kThreads = 8;
  std::vector<core::Outcome> outcomes(kThreads);
  std::atomic<int> ready{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < kThreads; ++i) {
    threads.emplace_back([&, i] {
      tencent::Client c = tencent_client();
      ready.fetch_add(1);
      while (ready.load() < kThreads) std::this_thread::yield();  // release together
      outcomes[i] = c.call(stop, {{"InstanceIds", {id}}});
    });
  }
  for (auto& t : threads) t.join();
  int accepted = 0;
  for (const auto& o : outcomes) {
    if (o.ok) {
      ++accepted;
    } else {
      EXPECT_TRUE(o.code == "UnsupportedOperation.InstanceStateStopping" ||
                  o.code == "OperationDenied.InstanceOperationInProgress")
          << o.summary();
    }
  }
  EXPECT_EQ(accepted, 1);
}

TEST_F(Concurrency, AStormOfStopsAndStartsLosesAndDoublesNothing) {
  const core::Api& stop = api("TencentLighthouseStopInstances");
  const core::Api& start = api("TencentLighthouseStartInstances");
  constexpr int kInstances = 4, kThreads = 6, kCalls = 60;
  std::vector<std::string> pool;
  for (int i = 0; i < kInstances; ++i) pool.push_back(create(stop, "RUNNING"));
  std::vector<std::atomic<int>> stops(kInstances), starts(kInstances);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      tencent::Client c = tencent_client();
      for (int k = 0; k < kCalls; ++k) {
        const int i = (t + k) % kInstances;
        const bool do_stop = (t + k / kInstances) % 2 == 0;
        core::Outcome o = c.call(do_stop ? stop : start, {{"InstanceIds", {pool[i]}}});
        EXPECT_FALSE(o.harness_error()) << o.transport_error;
        if (o.ok) (do_stop ? stops : starts)[i].fetch_add(1);
      }
    });
  }
  for (auto& t : threads) t.join();
  const json listed = control("/_cloudconform/v1/instances?product=lighthouse", nullptr, 200);
  for (int i = 0; i < kInstances; ++i) {
    // From RUNNING, accepted stops and starts must alternate: the final state says which came last.
    const int s = stops[i].load(), r = starts[i].load();
    std::string state;
    for (const auto& inst : listed["instances"])
      if (inst["id"] == pool[i]) state = inst["state"];
    SCOPED_TRACE(pool[i] + ": " + std::to_string(s) + " stops, " + std::to_string(r) +
                 " starts, now " + state);
    EXPECT_TRUE(s == r || s == r + 1);
    EXPECT_EQ(state, s == r ? "RUNNING" : "STOPPED");
    EXPECT_GT(s, 0);
  }
}

TEST_F(Concurrency, AStalledClientDoesNotBlockOthers) {
  // A connection that sends half a request and then nothing.
  boost::asio::io_context io;
  boost::asio::ip::tcp::socket stalled(io);
  const std::string url = emulator_->base_url();
  const auto port = static_cast<unsigned short>(std::stoi(url.substr(url.rfind(':') + 1)));
  stalled.connect({boost::asio::ip::make_address("127.0.0.1"), port});
  boost::asio::write(
      stalled,
      boost::asio::buffer(std::string(
          "POST / HTTP/1.1\r\nHost: cvm.tencentcloudapi.com\r\nContent-Length: 100\r\n\r\n{")));
  const auto begin = std::chrono::steady_clock::now();
  core::Outcome o = tencent_client().call(api("TencentCvmDescribeInstances"), json::object());
  EXPECT_TRUE(o.ok) << o.summary();
  EXPECT_LT(std::chrono::steady_clock::now() - begin, std::chrono::seconds(2));
}

TEST_F(Concurrency, MalformedInputGetsDocumentedCodes) {
  // A correctly signed body that is not JSON.
  core::tc3::Input in;
  in.method = "POST";
  in.payload = "{\"InstanceIds\": [";
  in.service = "cvm";
  in.timestamp = context().now();
  in.secret_id = emu::default_account().keys.at("tencent").id;
  in.secret_key = emu::default_account().keys.at("tencent").secret;
  in.signed_headers = {{"content-type", "application/json"}, {"host", "cvm.tencentcloudapi.com"}};
  core::tc3::Result r = core::tc3::sign(in);
  core::HttpClient http;
  core::HttpResponse resp = http.send({"POST",
                                       emulator_->base_url() + "/",
                                       {{"Host", "cvm.tencentcloudapi.com"},
                                        {"Content-Type", "application/json"},
                                        {"X-TC-Action", "StopInstances"},
                                        {"X-TC-Version", "2017-03-12"},
                                        {"X-TC-Timestamp", std::to_string(in.timestamp)},
                                        {"Authorization", r.authorization}},
                                       in.payload});
  tencent::Client c = tencent_client();
  core::Outcome o = c.parse(resp);
  EXPECT_EQ(o.http_status, 200);
  EXPECT_EQ(o.code, "InvalidParameter") << o.summary();

  // A bad percent-escape in an Alibaba query.
  core::HttpResponse bad = http.send({"GET",
                                      emulator_->base_url() + "/?AccessKeyId=x&Action=%zz",
                                      {{"Host", "ecs.aliyuncs.com"}},
                                      ""});
  EXPECT_EQ(bad.status, 400) << bad.body;
  EXPECT_NE(bad.body.find("\"Code\""), std::string::npos) << bad.body;

  // A header block far beyond any real request: refused, and the server keeps serving.
  core::HttpResponse huge = http.send(
      {"GET", emulator_->base_url() + "/", {{"X-Padding", std::string(64 * 1024, 'a')}}, ""});
  EXPECT_TRUE(!huge.received() || huge.status >= 400);
  EXPECT_TRUE(tencent_client().call(api("TencentCvmDescribeInstances"), json::object()).ok);
}

}  // namespace
}  // namespace cc::test

namespace cc::test {
namespace {

class Accounts : public EmulatorTest {
 protected:
  void SetUp() override {
    emu::EmulatorOptions o;
    o.transition_time = std::chrono::milliseconds(0);
    o.accounts.push_back(
        {"second",
         {{"tencent", {"AKIDsecondACCOUNT000000000000000000", "second-tencent-key", ""}},
          {"alibaba", {"LTAIsecond", "second-alibaba-secret", ""}}}});
    emulator_ = std::make_unique<emu::Emulator>(*catalogue_, o);
    emulator_->start();
  }
};

TEST_F(Accounts, EachAccountSeesOnlyItsOwnInstancesAndBudget) {
  const core::Api& stop = api("TencentLighthouseStopInstances");
  const std::string mine =
      control("/_cloudconform/v1/instances",
              {{"product", "lighthouse"}, {"state", "RUNNING"}, {"account", "second"}},
              201)["instances"][0];
  tencent::Client first = tencent_client();
  tencent::Client second =
      tencent_client({"AKIDsecondACCOUNT000000000000000000", "second-tencent-key", ""});
  EXPECT_EQ(first.call(stop, {{"InstanceIds", {mine}}}).code, "ResourceNotFound.InstanceIdNotFound")
      << "another account's instance must not be visible";
  // Spend the default account's budget; the second account's is its own.
  for (int i = 0; i < 12; ++i) first.call(stop, {{"InstanceIds", {"lhins-00000000"}}});
  EXPECT_EQ(first.call(stop, {{"InstanceIds", {"lhins-00000000"}}}).code, "RequestLimitExceeded");
  EXPECT_TRUE(second.call(stop, {{"InstanceIds", {mine}}}).ok);
}

}  // namespace
}  // namespace cc::test
