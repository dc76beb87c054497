// Every documented error code of every seed API is reachable on the emulator, with its
// documented HTTP status: through the input or instance state its trigger names where one can
// be arranged, otherwise (internal errors, permissions, codes the pages give no cause for, and
// a second code for the same cause) through the control plane's fault injection.
#include <gtest/gtest.h>

#include <regex>
#include <set>

#include "emulator_fixture.h"

namespace cc::test {
namespace {

using nlohmann::json;

class ErrorReachability : public EmulatorTest {
 protected:
  // Hundreds of calls in a row: the rate limits are not the subject here.
  void SetUp() override {
    EmulatorTest::SetUp();
    control("/_cloudconform/v1/config", {{"rate_limits", {{"enabled", false}}}}, 200);
  }

  core::Outcome call(const core::Api& api, const json& params, bool with_region = true) {
    if (api.provider == "tencent") return tencent_client().call(api, params);
    emu::Account a = emu::default_account();
    alibaba::Client c({{a.keys.at("alibaba").id, a.keys.at("alibaba").secret, ""},
                       with_region ? "cn-hangzhou" : "",
                       endpoints(),
                       {}},
                      context());
    return c.call(api, params);
  }

  json ids(const core::Api& api, const std::vector<std::string>& list) {
    if (api.batch) return json{{api.batch->parameter, list}};
    return list.empty() ? json::object() : json{{"InstanceId", list.front()}};
  }

  std::string nonexistent(const core::Api& api, int n = 0) {
    std::string suffix = std::to_string(n);
    const auto& f = api.instance_id;
    return f.prefix + std::string(f.example.size() - f.prefix.size() - suffix.size(), '0') + suffix;
  }

  // Arranges the trigger's condition and calls; nullopt when the trigger cannot be arranged.
  std::optional<core::Outcome> arrange(const core::Api& api, const std::string& trigger) {
    if (trigger == "ids.missing") return call(api, json::object());
    if (trigger == "ids.too_many" && api.batch) {
      std::vector<std::string> many;
      for (long long i = 0; i <= api.batch->max; ++i)
        many.push_back(nonexistent(api, static_cast<int>(i)));
      return call(api, ids(api, many));
    }
    if (trigger == "ids.duplicate" && api.batch) {
      std::string id = create(api, "RUNNING");
      return call(api, ids(api, {id, id}));
    }
    if (trigger == "id.malformed") return call(api, ids(api, {"not-an-id"}));
    if (trigger == "id.not_found") return call(api, ids(api, {nonexistent(api)}));
    if (trigger == "state.not_accepted") return call(api, ids(api, {create(api, "STOPPED")}));
    if (trigger.rfind("state.", 0) == 0)
      return call(api, ids(api, {create(api, trigger.substr(6))}));
    if (trigger.rfind("attribute.", 0) == 0)
      return call(api, [&] {
        // With the parameters the error needs (the catalogue's `with`: Hibernate, StoppedMode).
        json p = ids(api, {create(api, "RUNNING", {trigger.substr(10)})});
        for (const auto* e : api.errors_for(trigger))
          for (const auto& [k, v] : e->with.items()) p[k] = v;
        return p;
      }());
    if (trigger == "operation.in_progress") {
      control("/_cloudconform/v1/config", {{"transition_ms", 60000}}, 200);
      std::string id = create(api, "RUNNING");
      call(api, ids(api, {id}));
      core::Outcome o = call(api, ids(api, {id}));
      control("/_cloudconform/v1/config", {{"transition_ms", 0}}, 200);
      return o;
    }
    if (trigger == "param.invalid_value") {
      for (const auto& p : api.parameters) {
        if (!p.enum_values.empty()) {
          json params = ids(api, {create(api, "RUNNING")});
          params[p.name] = "NOT_A_VALUE";
          return call(api, params);
        }
      }
      return std::nullopt;
    }
    if (trigger == "param.missing") return call(api, ids(api, {create(api, "RUNNING")}), false);
    if (trigger == "dry_run.pass" && api.dry_run.supported)
      return call(api, [&] {
        json p = ids(api, {create(api, "RUNNING")});
        p[api.dry_run.parameter] = true;
        return p;
      }());
    return std::nullopt;
  }
};

TEST_F(ErrorReachability, EverySeedCodeIsReachableWithItsStatus) {
  int natural = 0, injected = 0;
  for (const core::Api* api : catalogue_->subjects()) {
    std::set<std::string> first_of_trigger;
    for (const auto& e : api->errors) {
      SCOPED_TRACE(api->id + " " + e.code + " (" + e.trigger + ")");
      const bool primary = first_of_trigger.insert(e.trigger).second;
      std::optional<core::Outcome> o = arrange(*api, e.trigger);
      if (o && o->code == e.code && o->http_status == e.http_status) {
        ++natural;
        continue;
      }
      // The code the emulator gives a trigger is its first: that one must come naturally
      // wherever the condition can be arranged — unless the arrangement also meets another
      // documented cause (a STOPPING instance is both "in progress" and "STOPPING" on CVM).
      const bool other_documented_cause =
          o && std::any_of(api->errors.begin(), api->errors.end(), [&](const auto& x) {
            return x.code == o->code && x.http_status == o->http_status && x.trigger != e.trigger;
          });
      if (primary && o && !other_documented_cause) {
        ADD_FAILURE() << "arranged " << e.trigger << " but got " << o->summary();
        continue;
      }
      control("/_cloudconform/v1/faults", {{"api", api->id}, {"code", e.code}, {"count", 1}}, 201);
      core::Outcome f = call(*api, ids(*api, {nonexistent(*api)}));
      EXPECT_EQ(f.code, e.code);
      EXPECT_EQ(f.http_status, e.http_status);
      ++injected;
    }
  }
  RecordProperty("reached_by_input", natural);
  RecordProperty("reached_by_fault_injection", injected);
  std::cout << "error codes reached: " << natural << " by input or state, " << injected
            << " by fault injection\n";
  EXPECT_GT(natural, 40);
}

TEST_F(ErrorReachability, ConfirmStopAndHibernateDecideTheirErrors) {
  const core::Api& stop = api("AlibabaEcsStopInstance");
  const std::string local = create(stop, "RUNNING", {"local_disk_confirm_missing"});
  EXPECT_EQ(call(stop, {{"InstanceId", local}}).code, "InstanceType.ParameterMismatch");
  EXPECT_TRUE(call(stop, {{"InstanceId", local}, {"ConfirmStop", true}}).ok);
  const std::string plain = create(stop, "RUNNING", {"hibernation_not_enabled"});
  EXPECT_EQ(call(stop, {{"InstanceId", plain}, {"Hibernate", true}}).code,
            "HibernationConfigured.NotEnabled");
  EXPECT_TRUE(call(stop, {{"InstanceId", plain}}).ok);
}

TEST_F(ErrorReachability, FaultInjectionRefusesUndocumentedCodes) {
  EXPECT_THROW(
      control("/_cloudconform/v1/faults",
              {{"api", "TencentLighthouseStopInstances"}, {"code", "Made.Up"}, {"count", 1}}, 201),
      std::runtime_error);
}

class RateLimits : public EmulatorTest {};

TEST_F(RateLimits, ExcessCallsAreThrottledAndChangeNothing) {
  const core::Api& stop = api("TencentLighthouseStopInstances");
  control("/_cloudconform/v1/config", {{"rate_limits", {{"overrides", {{stop.id, 2}}}}}}, 200);
  tencent::Client c = tencent_client();
  std::string a = create(stop, "RUNNING"), b = create(stop, "RUNNING"), x = create(stop, "RUNNING");
  EXPECT_TRUE(c.call(stop, {{"InstanceIds", {a}}}).ok);
  EXPECT_TRUE(c.call(stop, {{"InstanceIds", {b}}}).ok);
  core::Outcome third = c.call(stop, {{"InstanceIds", {x}}});
  EXPECT_EQ(third.code, "RequestLimitExceeded") << third.summary();
  EXPECT_EQ(third.http_status, 200);
  const json listed =
      control("/_cloudconform/v1/instances?product=lighthouse", nullptr, 200)["instances"];
  int seen = 0;
  for (const auto& i : listed) {
    if (i["id"] != x) continue;
    ++seen;
    EXPECT_EQ(i["state"], "RUNNING") << "a throttled call changed the instance";
  }
  EXPECT_EQ(seen, 1);
}

TEST_F(RateLimits, AlibabaThrottlesWithThrottlingUserAndHttp400) {
  const core::Api& stop = api("AlibabaEcsStopInstance");
  control("/_cloudconform/v1/config", {{"rate_limits", {{"overrides", {{stop.id, 1}}}}}}, 200);
  alibaba::Client c = alibaba_client();
  c.call(stop, {{"InstanceId", "i-000000000000"}});
  core::Outcome o = c.call(stop, {{"InstanceId", "i-000000000000"}});
  EXPECT_EQ(o.code, "Throttling.User");
  EXPECT_EQ(o.http_status, 400);
}

TEST_F(RateLimits, TheDocumentedLimitsAreInForceByDefault) {
  json effective = control("/_cloudconform/v1/config", nullptr, 200)["rate_limits"]["effective"];
  EXPECT_EQ(effective["TencentEcmStopInstances"], 20);
  EXPECT_EQ(effective["TencentLighthouseStopInstances"], 10);
  EXPECT_EQ(effective["TencentCvmStopInstances"], 10);
  EXPECT_TRUE(effective["AlibabaEcsStopInstances"].is_null()) << "Alibaba documents no limit";
}

TEST_F(RateLimits, TheRequestLogRecordsEveryCall) {
  tencent::Client c = tencent_client();
  c.call(api("TencentCvmDescribeInstances"), json::object());
  c.call(api("TencentCvmStopInstances"), {{"InstanceIds", {"ins-00000000"}}});
  json log = control("/_cloudconform/v1/requests", nullptr, 200)["requests"];
  ASSERT_EQ(log.size(), 2u);
  EXPECT_EQ(log[0]["api"], "TencentCvmDescribeInstances");
  EXPECT_EQ(log[1]["code"], "InvalidInstanceId.NotFound");
}

}  // namespace
}  // namespace cc::test
