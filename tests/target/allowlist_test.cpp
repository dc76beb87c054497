// The allowlist is enforced in Target, below the suites: a mutating call naming an instance
// the profile does not list is refused before a byte is sent — the emulator's request log
// proves nothing reached it — while allowlisted, made-up and self-created ids go through.
#include <gtest/gtest.h>

#include "harness/target/target.h"
#include "tests/emulator/emulator_fixture.h"

namespace cc::test {
namespace {

using nlohmann::json;

class Allowlist : public EmulatorTest {
 protected:
  void SetUp() override {
    EmulatorTest::SetUp();
    allowed_ = create(api("TencentCvmStopInstances"), "RUNNING");
    other_ = create(api("TencentCvmStopInstances"), "RUNNING");
    ecs_allowed_ = create(api("AlibabaEcsStopInstance"), "RUNNING");
    ecs_other_ = create(api("AlibabaEcsStopInstance"), "RUNNING");
  }

  target::Target make_target(bool with_allowlist = true, std::set<std::string> dry_run_only = {},
                             bool read_only = false) const {
    target::TargetConfig cfg;
    cfg.dry_run_only = std::move(dry_run_only);
    cfg.read_only = read_only;
    for (const core::Api& a : catalogue_->apis)
      cfg.endpoints[a.product] = {emulator_->base_url(), a.hosts.front()};
    const emu::Account acc = emu::default_account();
    cfg.accounts["tencent"].credentials = {acc.keys.at("tencent").id, acc.keys.at("tencent").secret,
                                           ""};
    cfg.accounts["alibaba"].credentials = {acc.keys.at("alibaba").id, acc.keys.at("alibaba").secret,
                                           ""};
    cfg.control_plane = emulator_->base_url();
    cfg.pace_fraction = 0;
    if (with_allowlist)
      cfg.allowlist = std::map<std::string, std::set<std::string>>{
          {"TencentCvmStopInstances", {allowed_}}, {"ecs", {ecs_allowed_}}};
    return target::Target(*catalogue_, cfg, core::system_context());
  }

  // How many requests for `api_id` the emulator has received.
  std::size_t received(const std::string& api_id) const {
    std::size_t n = 0;
    const json log = control("/_cloudconform/v1/requests", nullptr, 200);
    for (const json& r : log["requests"]) n += r.value("api", "") == api_id;
    return n;
  }

  // The kind of HarnessError f throws; Fault when it throws none (the test then fails anyway).
  template <typename F>
  static target::HarnessError::Kind refusal_kind(F&& f) {
    try {
      f();
    } catch (const target::HarnessError& e) {
      return e.kind();
    }
    ADD_FAILURE() << "no HarnessError";
    return target::HarnessError::Kind::Fault;
  }

  template <typename F>
  std::string refusal(F&& f) const {
    try {
      f();
    } catch (const target::HarnessError& e) {
      return e.what();
    }
    return "";
  }

  std::string allowed_, other_, ecs_allowed_, ecs_other_;
};

TEST_F(Allowlist, ACallNamingAnotherInstanceIsRefusedBeforeTheWire) {
  target::Target t = make_target();
  const core::Api& stop = api("TencentCvmStopInstances");
  const std::string why = refusal([&] { t.call(stop, {{"InstanceIds", {allowed_, other_}}}); });
  EXPECT_NE(
      why.find("refused before sending: TencentCvmStopInstances would name instance " + other_),
      std::string::npos)
      << why;
  EXPECT_EQ(received("TencentCvmStopInstances"), 0u);
  ASSERT_TRUE(t.observe(stop, other_));
  EXPECT_EQ(t.observe(stop, other_)->state, "RUNNING");
}

TEST_F(Allowlist, EveryWayOfCallingIsGuarded) {
  target::Target t = make_target();
  const core::Api& stop = api("TencentCvmStopInstances");
  const json bad = {{"InstanceIds", {other_}}};
  EXPECT_NE(refusal([&] { t.call_unpaced(stop, bad); }), "");
  EXPECT_NE(refusal([&] { t.call_as(stop, bad, {}); }), "");
  EXPECT_NE(refusal([&] { t.call_together(stop, {{"InstanceIds", {allowed_}}}, stop, bad); }), "");
  EXPECT_NE(refusal([&] { t.call(api("TencentCvmStartInstances"), bad); }), "")
      << "Start mutates too";
  EXPECT_EQ(received("TencentCvmStopInstances"), 0u);
  EXPECT_EQ(received("TencentCvmStartInstances"), 0u);
}

TEST_F(Allowlist, IdsHiddenInOtherParametersOrCaseAreFound) {
  target::Target t = make_target();
  const core::Api& stop = api("TencentCvmStopInstances");
  std::string upper = other_;
  for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  EXPECT_NE(refusal([&] { t.call(stop, {{"InstanceIds", {upper}}}); }), "");
  EXPECT_NE(refusal([&] { t.call(stop, {{"Unknown", {{"nested", " " + other_ + ","}}}}); }), "");
  EXPECT_NE(refusal([&] {
              t.call(stop, {{"InstanceIds", json::array({allowed_}).dump() + other_}});
            }),
            "");
  const core::Api& ecs = api("AlibabaEcsStopInstance");
  EXPECT_NE(refusal([&] { t.call(ecs, {{"InstanceId", ecs_other_}}); }), "");
  EXPECT_EQ(received("TencentCvmStopInstances") + received("AlibabaEcsStopInstance"), 0u);
}

TEST_F(Allowlist, AllowlistedIdsGoThroughAndStop) {
  target::Target t = make_target();
  const core::Api& stop = api("TencentCvmStopInstances");
  core::Outcome o = t.call(stop, {{"InstanceIds", {allowed_}}});
  EXPECT_TRUE(o.ok) << o.summary();
  EXPECT_EQ(received("TencentCvmStopInstances"), 1u);
  // Keyed by product, the allowlist covers every API of it.
  core::Outcome e = t.call(api("AlibabaEcsStopInstance"), {{"InstanceId", ecs_allowed_}});
  EXPECT_TRUE(e.ok) << e.summary();
  EXPECT_EQ(received("AlibabaEcsStopInstance"), 1u);
}

TEST_F(Allowlist, MadeUpAndMalformedIdsGoThrough) {
  target::Target t = make_target();
  const core::Api& stop = api("TencentCvmStopInstances");
  core::Outcome o =
      t.call(stop, {{"InstanceIds", {"ins-00000000", "ins-00000101", "ins-NOT_AN_ID!"}}});
  EXPECT_FALSE(o.ok);
  EXPECT_FALSE(o.harness_error()) << o.summary();
  EXPECT_EQ(received("TencentCvmStopInstances"), 1u);
  // Declared ones too; but not ids that merely look like a guess.
  EXPECT_NE(refusal([&] { t.call(stop, {{"InstanceIds", {"ins-a0000000"}}}); }), "");
  t.declare_synthetic("ins-a0000000");
  EXPECT_EQ(refusal([&] { t.call(stop, {{"InstanceIds", {"ins-a0000000"}}}); }), "");
  EXPECT_EQ(received("TencentCvmStopInstances"), 2u);
}

TEST_F(Allowlist, InstancesTheTargetCreatedItselfMayBeUsed) {
  target::Target t = make_target();
  const core::Api& stop = api("TencentLighthouseStopInstances");
  const std::string mine = t.create_instances(stop, "RUNNING").front();
  EXPECT_EQ(refusal([&] { t.call(stop, {{"InstanceIds", {mine}}}); }), "");
  EXPECT_EQ(received("TencentLighthouseStopInstances"), 1u);
}

TEST_F(Allowlist, DescribeCallsAndTargetsWithoutAnAllowlistAreNotRestricted) {
  target::Target t = make_target();
  EXPECT_EQ(refusal([&] {
              t.call(api("TencentCvmDescribeInstances"), {{"InstanceIds", {other_}}});
            }),
            "");
  target::Target open = make_target(false);
  EXPECT_EQ(refusal([&] {
              open.call(api("TencentCvmStopInstances"), {{"InstanceIds", {other_}}});
            }),
            "");
  EXPECT_EQ(received("TencentCvmStopInstances"), 1u);
}

TEST_F(Allowlist, AnInstanceLimitedToDryRunsIsOnlyEverNamedInDryRuns) {
  target::Target t = make_target(true, {ecs_allowed_});
  const core::Api& ecs = api("AlibabaEcsStopInstance");
  std::string why;
  try {
    t.call(ecs, {{"InstanceId", ecs_allowed_}});
  } catch (const target::HarnessError& e) {
    EXPECT_EQ(e.kind(), target::HarnessError::Kind::ReadOnly) << e.what();
    why = e.what();
  }
  EXPECT_NE(why.find("limits to dry runs"), std::string::npos) << why;
  EXPECT_EQ(received("AlibabaEcsStopInstance"), 0u);
  const core::Outcome dry = t.call(ecs, {{"InstanceId", ecs_allowed_}, {"DryRun", true}});
  EXPECT_EQ(dry.code, "DryRunOperation") << dry.summary();
  EXPECT_EQ(received("AlibabaEcsStopInstance"), 1u);
  EXPECT_EQ(t.observe(ecs, ecs_allowed_)->state, "RUNNING");
}

TEST_F(Allowlist, AReadOnlyTargetChangesNoAllowlistedInstanceButChecksMadeUpIds) {
  target::Target t = make_target(true, {}, true);
  const core::Api& stop = api("TencentCvmStopInstances");
  EXPECT_EQ(refusal_kind([&] {
              t.call(stop, {{"InstanceIds", {allowed_}}});
            }),
            target::HarnessError::Kind::ReadOnly);
  EXPECT_EQ(refusal_kind([&] {
              t.call(api("TencentCvmStartInstances"), {{"InstanceIds", {allowed_}}});
            }),
            target::HarnessError::Kind::ReadOnly);
  EXPECT_EQ(received("TencentCvmStopInstances") + received("TencentCvmStartInstances"), 0u);
  const core::Outcome o = t.call(stop, {{"InstanceIds", {"ins-00000042"}}});
  EXPECT_EQ(o.code, "InvalidInstanceId.NotFound") << o.summary();
  EXPECT_TRUE(t.restore().empty()) << "nothing was changed, so nothing is put back";
}

TEST_F(Allowlist, WhatAMutatingCallChangesIsPutBack) {
  target::Target t = make_target();
  const core::Api& stop = api("TencentCvmStopInstances");
  ASSERT_TRUE(t.call(stop, {{"InstanceIds", {allowed_}}}).ok);
  const std::vector<target::Restoration> r = t.restore();
  ASSERT_EQ(r.size(), 1u);
  EXPECT_EQ(r[0].id, allowed_);
  EXPECT_EQ(r[0].was, "RUNNING");
  EXPECT_TRUE(r[0].restored) << r[0].message;
  EXPECT_EQ(t.observe(stop, allowed_)->state, "RUNNING");
}

}  // namespace
}  // namespace cc::test
