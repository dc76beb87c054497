// Emulator::start_over returns a used emulator to the state of a new one, so the fuzz targets
// can serve every input from one emulator (tests/fuzz) and a reproducer still replays exactly:
// the same sequence of control-plane and signed calls — instances created, stops and starts,
// a throttled call, an injected fault, changed configuration, an Alibaba nonce, the request log
// and the journal — answers byte for byte alike on a new emulator and on a used one started
// over. The clocks are pinned, set back before an emulator starts and moved by the sequence
// itself, so answers depend on it alone.
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "emulator/emulator.h"
#include "harness/alibaba/client.h"
#include "harness/core/catalogue.h"
#include "harness/tencent/client.h"
#include "tests/fuzz/signed_request.h"

namespace cc::test {
namespace {

using nlohmann::json;
using TimePoint = std::chrono::steady_clock::time_point;

constexpr std::int64_t kEpoch = 1796188310;  // seconds; the wall clock moves with the steady one

const core::Catalogue& catalogue() {
  static const core::Catalogue c =
      core::load_catalogue(std::string(CLOUDCONFORM_FIXTURES_DIR) + "/apis");
  return c;
}

// A clock the sequence moves: shared by the emulator's two clocks and the clients' signing time.
struct ManualClock {
  std::chrono::milliseconds elapsed{0};
  TimePoint steady() const { return TimePoint(elapsed); }
  std::int64_t wall() const {
    return kEpoch + std::chrono::duration_cast<std::chrono::seconds>(elapsed).count();
  }
};

emu::EmulatorOptions options(const std::shared_ptr<ManualClock>& clock) {
  emu::EmulatorOptions o;
  o.seed = 7;
  o.transition_time = std::chrono::milliseconds(500);
  o.steady_clock = [clock] { return clock->steady(); };
  o.wall_clock = [clock] { return clock->wall(); };
  return o;
}

// One run of the sequence against `emulator`: every answer as "status body", in order.
class Sequence {
 public:
  Sequence(emu::Emulator& emulator, std::shared_ptr<ManualClock> clock)
      : emulator_(emulator), clock_(std::move(clock)) {}

  std::vector<std::string> run() {
    control("GET", "/_cloudconform/v1/info");
    const json cvm = control("POST", "/_cloudconform/v1/instances",
                             R"({"product": "cvm", "count": 2, "state": "RUNNING"})");
    const json ecs = control("POST", "/_cloudconform/v1/instances",
                             R"({"product": "ecs", "count": 1, "state": "STOPPED"})");
    control("POST", "/_cloudconform/v1/config",
            R"({"rate_limits": {"overrides": {"TencentCvmStopInstances": 1}}, "latency_ms": 5})");
    control("POST", "/_cloudconform/v1/faults",
            R"({"api": "TencentCvmDescribeInstances", "code": "InternalError", "count": 3})");
    const json ids = cvm.value("instances", json::array());
    tencent("TencentCvmStopInstances", {{"InstanceIds", ids}}, {"POST-JSON", "TC3-HMAC-SHA256"});
    tencent("TencentCvmStopInstances", {{"InstanceIds", ids}}, {"GET-QUERY", "HmacSHA256"});
    tencent("TencentCvmDescribeInstances", {{"InstanceIds", ids}},
            {"POST-JSON", "TC3-HMAC-SHA256"});
    clock_->elapsed += std::chrono::milliseconds(1500);
    const json ecs_ids = ecs.value("instances", json::array());
    alibaba("AlibabaEcsStartInstances", {{"InstanceId", ecs_ids}},
            {"GET-QUERY", "ACS3-HMAC-SHA256"});
    alibaba("AlibabaEcsDescribeInstances", {{"InstanceIds", ecs_ids.dump()}},
            {"POST-FORM", "HMAC-SHA1"});
    clock_->elapsed += std::chrono::milliseconds(1000);
    control("GET", "/_cloudconform/v1/instances?product=cvm");
    control("GET", "/_cloudconform/v1/requests");
    control("POST", "/_cloudconform/v1/config",
            R"({"deviations": ["stop-ignored"], "transition_ms": 0})");
    control("GET", "/_cloudconform/v1/config");
    return answers_;
  }

 private:
  json control(const std::string& method, const std::string& target, const std::string& body = "") {
    emu::HttpRequestIn r;
    r.method = method;
    r.target = target;
    r.headers = {{"Host", "127.0.0.1"}, {"Content-Type", "application/json"}};
    r.body = body;
    return json::parse(answer(r), nullptr, false);
  }
  void tencent(const std::string& id, const json& params, const core::CallStyle& style) {
    signed_call<tencent::Client>("tencent", "ap-guangzhou", id, params, style);
  }
  void alibaba(const std::string& id, const json& params, const core::CallStyle& style) {
    signed_call<alibaba::Client>("alibaba", "cn-hangzhou", id, params, style);
  }
  template <typename Client>
  void signed_call(const std::string& provider, const std::string& region, const std::string& id,
                   const json& params, const core::CallStyle& style) {
    const core::Api& api = *catalogue().find(id);
    const core::Credentials key = emu::default_account().keys.at(provider);
    auto endpoint = [](const core::Api& a) {
      return core::Endpoint{fuzz::kSignedEndpoint, a.hosts.front()};
    };
    core::CallContext context;
    context.now = [clock = clock_] { return clock->wall(); };
    context.nonce = [this] { return nonce_(); };  // the same nonces in every run: replays
    Client client({key, region, endpoint, {}}, context);
    answer(fuzz::as_received(client.build(api, params, style), api.hosts.front()));
  }
  std::string answer(const emu::HttpRequestIn& request) {
    const emu::HttpResponseOut out = emulator_.handle(request);
    answers_.push_back(std::to_string(out.status) + " " + out.body);
    return out.body;
  }

  emu::Emulator& emulator_;
  std::shared_ptr<ManualClock> clock_;
  fuzz::CountingNonce nonce_;
  std::vector<std::string> answers_;
};

TEST(EmulatorStartOver, AnswersASequenceByteForByteAsANewEmulator) {
  auto clock = std::make_shared<ManualClock>();
  emu::Emulator used(catalogue(), options(clock));
  const std::vector<std::string> first = Sequence(used, clock).run();
  // The sequence reached what it is meant to leave behind: instances, a throttled stop, an
  // injected fault still pending, changed configuration, a nonce used, logged requests.
  ASSERT_EQ(first.size(), 14u);
  EXPECT_EQ(first[4].rfind("201 ", 0), 0u) << first[4];
  EXPECT_NE(first[6].find("RequestLimitExceeded"), std::string::npos) << first[6];
  EXPECT_NE(first[7].find("InternalError"), std::string::npos) << first[7];
  EXPECT_EQ(first[8].rfind("200 ", 0), 0u) << first[8];

  clock->elapsed = std::chrono::milliseconds(0);  // the time the emulators start at
  used.start_over();
  const std::vector<std::string> again = Sequence(used, clock).run();
  clock->elapsed = std::chrono::milliseconds(0);
  emu::Emulator fresh(catalogue(), options(clock));
  const std::vector<std::string> anew = Sequence(fresh, clock).run();
  ASSERT_EQ(again.size(), first.size());
  for (std::size_t i = 0; i < first.size(); ++i) {
    EXPECT_EQ(again[i], first[i]) << "answer " << i << " after start_over";
    EXPECT_EQ(anew[i], first[i]) << "answer " << i << " of a new emulator";
  }
}

// The control plane's reset keeps numbering requests and operations (a reader's `since` stays
// meaningful); start_over does not: its first request id is a new emulator's.
TEST(EmulatorStartOver, NumbersFromTheStartUnlikeTheControlPlaneReset) {
  auto clock = std::make_shared<ManualClock>();
  emu::Emulator used(catalogue(), options(clock));
  Sequence(used, clock).run();
  emu::HttpRequestIn reset;
  reset.method = "POST";
  reset.target = "/_cloudconform/v1/reset";
  used.handle(reset);
  clock->elapsed = std::chrono::milliseconds(0);
  const std::vector<std::string> after_reset = Sequence(used, clock).run();
  clock->elapsed = std::chrono::milliseconds(0);
  used.start_over();
  const std::vector<std::string> after_start_over = Sequence(used, clock).run();
  clock->elapsed = std::chrono::milliseconds(0);
  emu::Emulator fresh(catalogue(), options(clock));
  const std::vector<std::string> anew = Sequence(fresh, clock).run();
  EXPECT_NE(after_reset, anew);
  EXPECT_EQ(after_start_over, anew);
}

}  // namespace
}  // namespace cc::test
