// Each deviation does what it says — and only when asked: the same arrangement on a faithful
// emulator behaves as documented. (That the suite catches each one is proven by the
// NegativeControl.* tests as the checks arrive.)
#include <gtest/gtest.h>

#include <set>

#include "emulator_fixture.h"

namespace cc::test {
namespace {

using nlohmann::json;

class Deviation : public EmulatorTest {
 protected:
  json instance(const std::string& product, const std::string& id) {
    const json listed = control("/_cloudconform/v1/instances?product=" + product, nullptr, 200);
    for (const auto& i : listed["instances"])
      if (i["id"] == id) return i;
    return nullptr;
  }
  std::string state_of(const std::string& product, const std::string& id) {
    const json i = instance(product, id);
    return i.is_null() ? "ABSENT" : i["state"].get<std::string>();
  }
  // Runs `probe` on a faithful emulator, then on one with the deviation.
  template <typename F>
  std::pair<core::Outcome, core::Outcome> both(const std::string& deviation, F probe) {
    core::Outcome faithful = probe();
    start_with({deviation});
    core::Outcome deviant = probe();
    return {faithful, deviant};
  }
};

TEST_F(Deviation, BatchLimitIgnoredAccepts101Ids) {
  const core::Api& stop = api("TencentCvmStopInstances");
  auto [faithful, deviant] = both("batch-limit-ignored", [&] {
    std::vector<std::string> ids;
    for (int i = 0; i < 101; ++i) ids.push_back(create(stop, "RUNNING"));
    return tencent_client().call(stop, {{"InstanceIds", ids}});
  });
  EXPECT_EQ(faithful.code, "InvalidParameterValue.LimitExceeded");
  EXPECT_TRUE(deviant.ok) << deviant.summary();
}

TEST_F(Deviation, DryRunMutates) {
  const core::Api& stop = api("AlibabaEcsStopInstance");
  std::string id;
  auto probe = [&] {
    id = create(stop, "RUNNING");
    return alibaba_client().call(stop, {{"InstanceId", id}, {"DryRun", true}});
  };
  core::Outcome faithful = probe();
  EXPECT_EQ(faithful.code, "DryRunOperation");
  EXPECT_EQ(state_of("ecs", id), "RUNNING");
  start_with({"dry-run-mutates"});
  core::Outcome deviant = probe();
  EXPECT_EQ(deviant.code, "DryRunOperation");
  EXPECT_EQ(state_of("ecs", id), "STOPPED");
}

TEST_F(Deviation, SuccessFirstDryRunValidates) {
  const core::Api& stop = api("AlibabaEcsStopInstances");
  auto [faithful, deviant] = both("success-first-dry-run-validates", [&] {
    return alibaba_client().call(stop, {{"InstanceId", {"i-000000000000"}},
                                        {"DryRun", true},
                                        {"BatchOptimization", "SuccessFirst"}});
  });
  EXPECT_EQ(faithful.code, "DRYRUN.SUCCESS");
  EXPECT_NE(deviant.code, "DRYRUN.SUCCESS");
}

TEST_F(Deviation, WrongNotFoundCode) {
  const core::Api& stop = api("TencentLighthouseStopInstances");
  auto [faithful, deviant] = both("wrong-not-found-code", [&] {
    return tencent_client().call(stop, {{"InstanceIds", {"lhins-00000000"}}});
  });
  EXPECT_EQ(faithful.code, "ResourceNotFound.InstanceIdNotFound");
  EXPECT_EQ(deviant.code, "InvalidParameterValue.InstanceIdMalformed");
}

TEST_F(Deviation, SkipsStopping) {
  const core::Api& stop = api("TencentCvmStopInstances");
  control("/_cloudconform/v1/config", {{"transition_ms", 60000}}, 200);
  std::string a = create(stop, "RUNNING");
  tencent_client().call(stop, {{"InstanceIds", {a}}});
  EXPECT_EQ(state_of("cvm", a), "STOPPING");
  start_with({"skips-stopping"});
  control("/_cloudconform/v1/config", {{"transition_ms", 60000}}, 200);
  std::string b = create(stop, "RUNNING");
  tencent_client().call(stop, {{"InstanceIds", {b}}});
  EXPECT_EQ(state_of("cvm", b), "STOPPED");
}

TEST_F(Deviation, AllTogetherPartial) {
  const core::Api& stop = api("AlibabaEcsStopInstances");
  std::string good;
  auto probe = [&] {
    good = create(stop, "RUNNING");
    return alibaba_client().call(stop, {{"InstanceId", {good, create(stop, "STOPPED")}}});
  };
  core::Outcome faithful = probe();
  EXPECT_EQ(faithful.code, "IncorrectInstanceStatus");
  EXPECT_EQ(state_of("ecs", good), "RUNNING");
  start_with({"all-together-partial"});
  core::Outcome deviant = probe();
  EXPECT_EQ(deviant.code, "IncorrectInstanceStatus");
  EXPECT_EQ(state_of("ecs", good), "STOPPED");
}

TEST_F(Deviation, InstanceReportMissing) {
  const core::Api& stop = api("AlibabaEcsStopInstances");
  const json::json_pointer list(stop.response.per_instance->list);
  auto probe = [&] {
    return alibaba_client().call(stop, {{"InstanceId", {create(stop, "RUNNING")}}});
  };
  core::Outcome faithful = probe();
  ASSERT_TRUE(faithful.ok) << faithful.summary();
  EXPECT_TRUE(faithful.body.contains(list)) << faithful.body.dump();
  start_with({"instance-report-missing"});
  core::Outcome deviant = probe();
  ASSERT_TRUE(deviant.ok) << deviant.summary();
  EXPECT_FALSE(deviant.body.contains(list)) << deviant.body.dump();
}

TEST_F(Deviation, WrongAlibabaStatus) {
  const core::Api& stop = api("AlibabaEcsStopInstance");
  auto [faithful, deviant] = both("wrong-alibaba-status", [&] {
    return alibaba_client().call(stop, {{"InstanceId", "i-000000000000"}});
  });
  EXPECT_EQ(faithful.http_status, 404);
  EXPECT_EQ(deviant.http_status, 500);
  EXPECT_EQ(deviant.code, faithful.code);
}

TEST_F(Deviation, AcceptsBadSignature) {
  auto [faithful, deviant] = both("accepts-bad-signature", [&] {
    return tencent_client({emu::default_account().keys.at("tencent").id, "wrong", ""})
        .call(api("TencentCvmDescribeInstances"), json::object());
  });
  EXPECT_EQ(faithful.code, "AuthFailure.SignatureFailure");
  EXPECT_TRUE(deviant.ok);
}

TEST_F(Deviation, AcceptsStaleTimestamp) {
  auto [faithful, deviant] = both("accepts-stale-timestamp", [&] {
    return alibaba_client({}, -3600).call(api("AlibabaEcsDescribeInstances"), json::object());
  });
  EXPECT_EQ(faithful.code, "InvalidTimeStamp.Expired");
  EXPECT_TRUE(deviant.ok);
}

TEST_F(Deviation, DropsRequestId) {
  auto [faithful, deviant] = both("drops-request-id", [&] {
    return tencent_client().call(api("TencentCvmDescribeInstances"), json::object());
  });
  EXPECT_FALSE(faithful.request_id.empty());
  EXPECT_TRUE(deviant.ok);
  EXPECT_TRUE(deviant.request_id.empty());
}

TEST_F(Deviation, LatestOperationNeverSucceeds) {
  const core::Api& stop = api("TencentLighthouseStopInstances");
  std::string id;
  auto probe = [&] {
    id = create(stop, "RUNNING");
    return tencent_client().call(stop, {{"InstanceIds", {id}}});
  };
  probe();
  EXPECT_EQ(instance("lighthouse", id)["latest_operation_state"], "SUCCESS");
  start_with({"latest-operation-never-succeeds"});
  probe();
  EXPECT_EQ(instance("lighthouse", id)["state"], "STOPPED");
  EXPECT_EQ(instance("lighthouse", id)["latest_operation_state"], "OPERATING");
}

TEST_F(Deviation, NeverThrottlesAndThrottlesAtHalfLimit) {
  const core::Api& stop = api("TencentLighthouseStopInstances");
  auto throttled_of = [&](int calls) {
    tencent::Client c = tencent_client();
    int throttled = 0;
    for (int i = 0; i < calls; ++i)
      throttled +=
          c.call(stop, {{"InstanceIds", {"lhins-00000000"}}}).code == "RequestLimitExceeded";
    return throttled;
  };
  EXPECT_EQ(throttled_of(8), 0) << "8 calls are within the documented 10/s";
  start_with({"throttles-at-half-limit"});
  EXPECT_GE(throttled_of(8), 3);
  start_with({"never-throttles"});
  EXPECT_EQ(throttled_of(30), 0);
}

// The error envelope's parts, one deviation each (issue 14: protocol breaks are verdicts).
TEST_F(Deviation, ErrorWithoutCode) {
  auto probe = [&] {
    return std::pair{tencent_client()
                         .call(api("TencentCvmStopInstances"), {{"InstanceIds", {"ins-00000000"}}})
                         .body,
                     alibaba_client()
                         .call(api("AlibabaEcsStopInstance"), {{"InstanceId", "i-000000000000"}})
                         .body};
  };
  auto [tencent, alibaba] = probe();
  EXPECT_EQ(tencent["Response"]["Error"]["Code"], "InvalidInstanceId.NotFound");
  EXPECT_EQ(alibaba["Code"], "InvalidInstanceId.NotFound");
  start_with({"error-without-code"});
  auto [t, a] = probe();
  EXPECT_FALSE(t["Response"]["Error"].contains("Code")) << t.dump();
  EXPECT_TRUE(t["Response"]["Error"].contains("Message") && t["Response"].contains("RequestId"))
      << t.dump();
  EXPECT_FALSE(a.contains("Code")) << a.dump();
  EXPECT_TRUE(a.contains("Message") && a.contains("RequestId") && a.contains("HostId")) << a.dump();
}

TEST_F(Deviation, ErrorWithoutMessage) {
  auto probe = [&] {
    return std::pair{tencent_client()
                         .call(api("TencentCvmStopInstances"), {{"InstanceIds", {"ins-00000000"}}})
                         .body,
                     alibaba_client()
                         .call(api("AlibabaEcsStopInstance"), {{"InstanceId", "i-000000000000"}})
                         .body};
  };
  auto [tencent, alibaba] = probe();
  EXPECT_TRUE(tencent["Response"]["Error"].contains("Message"));
  EXPECT_TRUE(alibaba.contains("Message"));
  start_with({"error-without-message"});
  auto [t, a] = probe();
  EXPECT_FALSE(t["Response"]["Error"].contains("Message")) << t.dump();
  EXPECT_EQ(t["Response"]["Error"]["Code"], "InvalidInstanceId.NotFound");
  EXPECT_FALSE(a.contains("Message")) << a.dump();
  EXPECT_EQ(a["Code"], "InvalidInstanceId.NotFound");
  EXPECT_TRUE(a.contains("HostId")) << "only the Message is missing";
}

TEST_F(Deviation, TencentErrorUnwrapped) {
  const core::Api& stop = api("TencentCvmStopInstances");
  auto [faithful, deviant] = both("tencent-error-unwrapped", [&] {
    return tencent_client().call(stop, {{"InstanceIds", {"ins-00000000"}}});
  });
  EXPECT_EQ(faithful.body["Response"]["Error"]["Code"], "InvalidInstanceId.NotFound");
  EXPECT_FALSE(deviant.body.contains("Response")) << deviant.body.dump();
  EXPECT_EQ(deviant.body["Error"]["Code"], "InvalidInstanceId.NotFound") << deviant.body.dump();
  EXPECT_TRUE(deviant.body["RequestId"].is_string()) << deviant.body.dump();
  EXPECT_TRUE(tencent_client().call(api("TencentCvmDescribeInstances"), json::object()).ok)
      << "successes keep it";
}

TEST_F(Deviation, AlibabaErrorUnder200) {
  auto [faithful, deviant] = both("alibaba-error-under-200", [&] {
    return alibaba_client().call(api("AlibabaEcsStopInstance"), {{"InstanceId", "i-000000000000"}});
  });
  EXPECT_EQ(faithful.http_status, 404);
  EXPECT_EQ(deviant.http_status, 200);
  EXPECT_EQ(deviant.body["Code"], "InvalidInstanceId.NotFound") << "the body is kept";
  EXPECT_EQ(deviant.body.value("Message", ""), faithful.body.value("Message", ""));
}

TEST_F(Deviation, TimestampWindowWide) {
  // Tencent documents 5 minutes, Alibaba 15: the deviation takes 30 and 45.
  auto probe = [&](std::int64_t tencent_skew, std::int64_t alibaba_skew) {
    return std::pair{
        tencent_client({}, tencent_skew).call(api("TencentCvmDescribeInstances"), json::object()),
        alibaba_client({}, alibaba_skew).call(api("AlibabaEcsDescribeInstances"), json::object())};
  };
  auto [t, a] = probe(-20 * 60, -30 * 60);
  EXPECT_EQ(t.code, "AuthFailure.SignatureExpire");
  EXPECT_EQ(a.code, "InvalidTimeStamp.Expired");
  start_with({"timestamp-window-wide"});
  auto [wt, wa] = probe(-20 * 60, -30 * 60);
  EXPECT_TRUE(wt.ok) << wt.summary();
  EXPECT_TRUE(wa.ok) << wa.summary();
  auto [ft, fa] = probe(-31 * 60, -46 * 60);
  EXPECT_EQ(ft.code, "AuthFailure.SignatureExpire") << "still a window";
  EXPECT_EQ(fa.code, "InvalidTimeStamp.Expired");
}

TEST_F(Deviation, TimestampWindowNarrow) {
  auto probe = [&](std::int64_t skew) {
    return std::pair{
        tencent_client({}, skew).call(api("TencentCvmDescribeInstances"), json::object()),
        alibaba_client({}, skew).call(api("AlibabaEcsDescribeInstances"), json::object())};
  };
  auto [t, a] = probe(-120);
  EXPECT_TRUE(t.ok && a.ok) << t.summary() << " " << a.summary();
  start_with({"timestamp-window-narrow"});
  auto [nt, na] = probe(-120);
  EXPECT_EQ(nt.code, "AuthFailure.SignatureExpire");
  EXPECT_EQ(na.code, "InvalidTimeStamp.Expired");
  auto [it, ia] = probe(-30);
  EXPECT_TRUE(it.ok && ia.ok) << "30 s is inside: " << it.summary() << " " << ia.summary();
}

TEST_F(Deviation, AcceptsReplayedNonce) {
  auto replay = [&](const std::string& nonce) {
    core::CallContext ctx = context();
    ctx.nonce = [nonce] { return nonce; };
    alibaba::Client c = alibaba_client({}, 0, ctx);
    const std::string id = create(api("AlibabaEcsStopInstance"), "RUNNING");
    EXPECT_TRUE(c.call(api("AlibabaEcsDescribeInstances"), json::object()).ok);
    return c.call(api("AlibabaEcsStopInstance"), {{"InstanceId", id}});
  };
  auto [faithful, deviant] =
      both("accepts-replayed-nonce", [&] { return replay("replayed-nonce-1"); });
  EXPECT_EQ(faithful.code, "SignatureNonceUsed");
  EXPECT_TRUE(deviant.ok) << deviant.summary();
}

TEST_F(Deviation, UnknownNamesAreRefusedWithTheList) {
  try {
    emu::Deviations d({"made-up"});
    FAIL() << "accepted an unknown deviation";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("stop-never-completes"), std::string::npos) << e.what();
  }
}

// Names are parsed once, at the edge; inside, the emulator tests enum values. Every deviation
// has one name, and a misspelt one is refused (it used to do nothing at all).
TEST_F(Deviation, EveryNameParsesBackToItsDeviation) {
  std::set<std::string> names;
  for (const auto& d : emu::known_deviations()) {
    EXPECT_TRUE(names.insert(d.name).second) << "two deviations named " << d.name;
    EXPECT_EQ(emu::parse_deviation(d.name), d.deviation) << d.name;
    EXPECT_EQ(emu::name_of(d.deviation), d.name);
    EXPECT_FALSE(d.breaks.empty()) << d.name;
  }
  EXPECT_THROW(emu::parse_deviation("stop-ignore"), std::invalid_argument);
  emu::Deviations d({"stop-ignored", "fault-slow"});
  EXPECT_TRUE(d.has(emu::Deviation::stop_ignored));
  EXPECT_FALSE(d.has(emu::Deviation::stop_never_completes));
  EXPECT_TRUE(d.any_fault());
  EXPECT_EQ(d.active(), (std::vector<std::string>{"fault-slow", "stop-ignored"}));
}

TEST_F(Deviation, CanBeSetThroughTheControlPlane) {
  control("/_cloudconform/v1/config", {{"deviations", {"drops-request-id"}}}, 200);
  EXPECT_TRUE(
      tencent_client().call(api("TencentCvmDescribeInstances"), json::object()).request_id.empty());
  EXPECT_THROW(control("/_cloudconform/v1/config", {{"deviations", {"nope"}}}, 200),
               std::runtime_error);
}

}  // namespace
}  // namespace cc::test
