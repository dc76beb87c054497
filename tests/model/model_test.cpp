// The model of the documents, read from the real catalogue: which outcomes it allows for the
// requests the documents speak about, and where it admits several because they are silent.
#include <gtest/gtest.h>

#include "harness/model/model.h"

namespace cc::model {
namespace {

using nlohmann::json;

class ModelTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    catalogue_ =
        new core::Catalogue(core::load_catalogue(std::string(CLOUDCONFORM_FIXTURES_DIR) + "/apis"));
  }
  static void TearDownTestSuite() { delete catalogue_; }

  const core::Api& api(const std::string& id) {
    const core::Api* a = catalogue_->find(id);
    if (!a) throw std::runtime_error("no API " + id);
    return *a;
  }
  Expectation expect(const std::string& id, const World& world, const json& params) {
    Model m(*catalogue_);
    return m.expect(api(id), world, params);
  }
  // The parameters as the harness sends them: with the region where the API requires one.
  static json ids(const core::Api& api, const std::vector<std::string>& list) {
    json p = json::object();
    if (api.batch)
      p[api.batch->parameter] = list;
    else if (!list.empty())
      p["InstanceId"] = list.front();
    if (const core::Parameter* r = api.parameter("RegionId"); r && r->required)
      p["RegionId"] = "cn-hangzhou";
    return p;
  }
  static std::string well_formed(const core::Api& api, int n) {
    std::string s = std::to_string(n);
    return api.instance_id.prefix +
           std::string(api.instance_id.example.size() - api.instance_id.prefix.size() - s.size(),
                       '0') +
           s;
  }
  static bool has_code(const CodeSet& s, const std::string& code) {
    return s.find_code(code) != nullptr;
  }

  static core::Catalogue* catalogue_;
};

core::Catalogue* ModelTest::catalogue_ = nullptr;

TEST_F(ModelTest, ARunningInstanceMayOnlyBeAcceptedAndHeadsToStopped) {
  for (const core::Api* a : catalogue_->subjects()) {
    SCOPED_TRACE(a->id);
    const std::string id = well_formed(*a, 1);
    Expectation e = expect(a->id, {{id, {{"RUNNING"}, {}}}}, ids(*a, {id}));
    EXPECT_TRUE(e.success_allowed());
    EXPECT_FALSE(e.error_allowed());
    ASSERT_EQ(e.instances.size(), 1u);
    EXPECT_EQ(e.instances[0].accepted_states, (std::set<std::string>{"STOPPING", "STOPPED"}));
  }
}

TEST_F(ModelTest, AStoppedInstanceIsRefusedWithTheDocumentedStateCode) {
  const core::Api& cvm = api("TencentCvmStopInstances");
  const std::string id = well_formed(cvm, 1);
  Expectation e = expect(cvm.id, {{id, {{"STOPPED"}, {}}}}, ids(cvm, {id}));
  EXPECT_FALSE(e.success_allowed());
  EXPECT_TRUE(has_code(e.error_codes(), "UnsupportedOperation.InstanceStateStopped"));
  EXPECT_FALSE(e.error_codes().any);

  const core::Api& ecs = api("AlibabaEcsStopInstance");
  const std::string i = well_formed(ecs, 1);
  Expectation f = expect(ecs.id, {{i, {{"STOPPED"}, {}}}}, ids(ecs, {i}));
  ASSERT_NE(f.error_codes().find("IncorrectInstanceStatus", 403), nullptr);
}

TEST_F(ModelTest, TooManyIdsCompeteWithEveryOtherViolation) {
  const core::Api& lh = api("TencentLighthouseStopInstances");
  std::vector<std::string> list;
  for (int n = 0; n < 101; ++n) list.push_back(well_formed(lh, n));
  Expectation e = expect(lh.id, {}, ids(lh, list));
  EXPECT_FALSE(e.success_allowed());
  const CodeSet codes = e.error_codes();
  EXPECT_TRUE(has_code(codes, "InvalidParameterValue.LimitExceeded"));
  EXPECT_TRUE(has_code(codes, "ResourceNotFound.InstanceIdNotFound"));
  EXPECT_FALSE(has_code(codes, "InvalidParameterValue.Duplicated"));
}

TEST_F(ModelTest, ExactlyTheBatchLimitIsNotTooMany) {
  const core::Api& ecm = api("TencentEcmStopInstances");
  World world;
  std::vector<std::string> list;
  for (int n = 0; n < 100; ++n) {
    list.push_back(well_formed(ecm, n));
    world[list.back()] = {{"RUNNING"}, {}};
  }
  EXPECT_TRUE(expect(ecm.id, world, ids(ecm, list)).success_allowed());
  list.push_back(well_formed(ecm, 100));
  world[list.back()] = {{"RUNNING"}, {}};
  EXPECT_FALSE(expect(ecm.id, world, ids(ecm, list)).success_allowed());
}

TEST_F(ModelTest, DuplicatesAreRefusedOnlyWhereThePageSaysSo) {
  for (const std::string id : {"TencentLighthouseStopInstances", "TencentCvmStopInstances"}) {
    const core::Api& a = api(id);
    const std::string i = well_formed(a, 1);
    Expectation e = expect(id, {{i, {{"RUNNING"}, {}}}}, ids(a, {i, i}));
    if (a.duplicates.rule == "reject") {
      EXPECT_FALSE(e.success_allowed()) << id;
      EXPECT_TRUE(has_code(e.error_codes(), "InvalidParameterValue.Duplicated")) << id;
    } else {
      EXPECT_TRUE(e.success_allowed())
          << id << ": the page is silent, the list may be read as a set";
      EXPECT_TRUE(e.error_codes().any) << id << ": or refused with any code";
    }
  }
}

TEST_F(ModelTest, AnEmptyOrMissingIdListIsAMissingParameter) {
  const core::Api& lh = api("TencentLighthouseStopInstances");
  Expectation e = expect(lh.id, {}, ids(lh, {}));
  EXPECT_FALSE(e.success_allowed());
  EXPECT_TRUE(has_code(e.error_codes(), "MissingParameter"))
      << "Lighthouse names no code of its own; the common one stands in";
  const core::Api& single = api("AlibabaEcsStopInstance");
  Expectation f = expect(single.id, {}, json::object());
  EXPECT_FALSE(f.success_allowed());
}

TEST_F(ModelTest, AMalformedIdGetsTheMalformedCode) {
  const core::Api& cvm = api("TencentCvmStopInstances");
  Expectation e = expect(cvm.id, {}, ids(cvm, {"ins-TOOLONGANDUPPER"}));
  EXPECT_FALSE(e.success_allowed());
  EXPECT_TRUE(has_code(e.error_codes(), "InvalidInstanceId.Malformed"));
  EXPECT_FALSE(has_code(e.error_codes(), "InvalidInstanceId.NotFound"))
      << "a malformed id is not looked up";
}

TEST_F(ModelTest, ASilentNotFoundAllowsAnyAnswer) {
  const core::Api& ecm = api("TencentEcmStopInstances");
  Expectation e = expect(ecm.id, {}, ids(ecm, {well_formed(ecm, 7)}));
  EXPECT_TRUE(e.success_allowed());
  EXPECT_TRUE(e.error_allowed());
  EXPECT_TRUE(e.error_codes().any);
}

TEST_F(ModelTest, AnInvalidEnumValueIsAnInvalidParameter) {
  const core::Api& lh = api("TencentLighthouseStopInstances");
  const std::string i = well_formed(lh, 1);
  json p = ids(lh, {i});
  p["StopType"] = "NOT_A_MODE";
  Expectation e = expect(lh.id, {{i, {{"RUNNING"}, {}}}}, p);
  EXPECT_FALSE(e.success_allowed());
  EXPECT_TRUE(has_code(e.error_codes(), "InvalidParameterValue.OutOfRange"));
  p["StopType"] = "HARD";
  EXPECT_TRUE(expect(lh.id, {{i, {{"RUNNING"}, {}}}}, p).success_allowed());
}

TEST_F(ModelTest, ADryRunChangesNothingAndAnswersTheDryRunCode) {
  const core::Api& ecs = api("AlibabaEcsStopInstances");
  const std::string i = well_formed(ecs, 1);
  json p = ids(ecs, {i});
  p["DryRun"] = true;
  Expectation e = expect(ecs.id, {{i, {{"RUNNING"}, {}}}}, p);
  EXPECT_FALSE(e.success_allowed());
  EXPECT_NE(e.error_codes().find("DRYRUN.SUCCESS", 400), nullptr);
  // With a STOPPED instance the dry run fails its check: the state code, not the dry-run one.
  Expectation f = expect(ecs.id, {{i, {{"STOPPED"}, {}}}}, p);
  EXPECT_EQ(f.error_codes().find("DRYRUN.SUCCESS", 400), nullptr);
  EXPECT_NE(f.error_codes().find("IncorrectInstanceStatus", 403), nullptr);
}

TEST_F(ModelTest, SuccessFirstWithDryRunAlwaysAnswersTheDryRunCode) {
  const core::Api& ecs = api("AlibabaEcsStopInstances");
  json p = ids(ecs, {well_formed(ecs, 1)});  // names nothing
  p["DryRun"] = true;
  p["BatchOptimization"] = "SuccessFirst";
  Expectation e = expect(ecs.id, {}, p);
  EXPECT_EQ(e.mode, Mode::DryRunAlways);
  const CodeSet codes = e.error_codes();
  ASSERT_EQ(codes.codes.size(), 1u);
  EXPECT_EQ(codes.codes[0].code, "DRYRUN.SUCCESS");
}

TEST_F(ModelTest, SuccessFirstJudgesEachInstanceOnItsOwn) {
  const core::Api& ecs = api("AlibabaEcsStopInstances");
  const std::string running = well_formed(ecs, 1), stopped = well_formed(ecs, 2);
  json p = ids(ecs, {running, stopped});
  p["BatchOptimization"] = "SuccessFirst";
  Expectation e = expect(ecs.id, {{running, {{"RUNNING"}, {}}}, {stopped, {{"STOPPED"}, {}}}}, p);
  EXPECT_EQ(e.mode, Mode::PerInstance);
  EXPECT_TRUE(e.success_allowed());
  EXPECT_FALSE(e.error_allowed());
  ASSERT_EQ(e.instances.size(), 2u);
  EXPECT_TRUE(e.instances[0].may_accept());
  EXPECT_FALSE(e.instances[1].may_accept());
}

TEST_F(ModelTest, AnAttributeRefusesOnlyWithTheParameterItsErrorNames) {
  const core::Api& single = api("AlibabaEcsStopInstance");
  const std::string i = well_formed(single, 1);
  World world = {{i, {{"RUNNING"}, {"local_disk_confirm_missing"}}}};
  json p = ids(single, {i});
  Expectation without = expect(single.id, world, p);
  EXPECT_FALSE(without.success_allowed());
  EXPECT_TRUE(has_code(without.error_codes(), "InstanceType.ParameterMismatch"));
  p["ConfirmStop"] = true;
  EXPECT_TRUE(expect(single.id, world, p).success_allowed());
}

TEST_F(ModelTest, AnAttributeThePageNamesNoCodeForMayRefuseOrNot) {
  const core::Api& lh = api("TencentLighthouseStopInstances");
  const std::string i = well_formed(lh, 1);
  Expectation e = expect(lh.id, {{i, {{"RUNNING"}, {"security_locked"}}}}, ids(lh, {i}));
  EXPECT_TRUE(e.success_allowed());
  EXPECT_TRUE(e.error_allowed());
  EXPECT_TRUE(e.error_codes().any);
}

TEST_F(ModelTest, AnInstanceInTransitMayBeAcceptedOrRefused) {
  const core::Api& start = api("TencentCvmStartInstances");
  const std::string i = well_formed(start, 1);
  Expectation e = expect(start.id, {{i, {{"STOPPING", "STOPPED"}, {}}}}, ids(start, {i}));
  EXPECT_TRUE(e.success_allowed());
  EXPECT_TRUE(e.error_allowed());
  EXPECT_TRUE(has_code(e.error_codes(), "UnsupportedOperation.InstanceStateStopping"));
  EXPECT_EQ(e.instances[0].accepted_states, (std::set<std::string>{"STARTING", "RUNNING"}));
}

}  // namespace
}  // namespace cc::model
