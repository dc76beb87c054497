// The model of the documents, read from the real catalogue: which outcomes it allows for the
// requests the documents speak about, and where it admits several because they are silent.
#include <gtest/gtest.h>

#include "harness/model/model.h"
#include "harness/model/semantics.h"

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

// The Tencent pages say nothing about a batch with one refused instance: the whole batch may be
// refused with a documented code, or the good instances stop while the refused one stays.
TEST_F(ModelTest, ATencentMixedBatchMayStopTheGoodInstances) {
  for (const core::Api* a : catalogue_->subjects()) {
    if (a->provider != "tencent") continue;
    SCOPED_TRACE(a->id);
    const std::string running = well_formed(*a, 1), stopped = well_formed(*a, 2);
    Expectation e = expect(a->id, {{running, {{"RUNNING"}, {}}}, {stopped, {{"STOPPED"}, {}}}},
                           ids(*a, {running, stopped}));
    EXPECT_TRUE(e.batch_mode_silent);
    EXPECT_EQ(e.mode, Mode::AllOrNothing);
    EXPECT_TRUE(e.partial_allowed());
    EXPECT_TRUE(e.success_allowed());
    EXPECT_TRUE(e.error_allowed());
    EXPECT_FALSE(e.error_codes().empty());
    EXPECT_FALSE(e.error_codes().any) << "the refusal is one of the documented state codes";
    ASSERT_EQ(e.instances.size(), 2u);
    EXPECT_EQ(e.states_after_success(e.instances[0]),
              (std::set<std::string>{"STOPPING", "STOPPED"}));
    EXPECT_EQ(e.states_after_success(e.instances[1]), (std::set<std::string>{"STOPPED"}))
        << "a refused instance changes nothing";
  }
}

TEST_F(ModelTest, ATencentMixedBatchWithAMissingIdMayStopTheGoodInstances) {
  const core::Api& cvm = api("TencentCvmStopInstances");
  const std::string running = well_formed(cvm, 1), missing = well_formed(cvm, 2);
  Expectation e = expect(cvm.id, {{running, {{"RUNNING"}, {}}}}, ids(cvm, {running, missing}));
  EXPECT_TRUE(e.partial_allowed());
  EXPECT_TRUE(has_code(e.error_codes(), "InvalidInstanceId.NotFound"));
}

TEST_F(ModelTest, ATencentBatchOfOnlyRefusedInstancesIsRefused) {
  const core::Api& lh = api("TencentLighthouseStopInstances");
  const std::string a = well_formed(lh, 1), b = well_formed(lh, 2);
  Expectation e = expect(lh.id, {{a, {{"STOPPED"}, {}}}, {b, {{"STOPPED"}, {}}}}, ids(lh, {a, b}));
  EXPECT_FALSE(e.partial_allowed());
  EXPECT_FALSE(e.success_allowed());
}

TEST_F(ModelTest, ATencentMixedBatchWithARequestViolationIsStillRefused) {
  const core::Api& lh = api("TencentLighthouseStopInstances");
  std::vector<std::string> list;
  World world;
  for (int n = 0; n < 101; ++n) {
    list.push_back(well_formed(lh, n));
    world[list.back()] = {{n == 0 ? "STOPPED" : "RUNNING"}, {}};
  }
  Expectation e = expect(lh.id, world, ids(lh, list));
  EXPECT_FALSE(e.partial_allowed());
  EXPECT_FALSE(e.success_allowed());
}

// Alibaba documents its batch mode: AllTogether (the default) is all-or-nothing.
TEST_F(ModelTest, AnAllTogetherBatchStaysAllOrNothing) {
  const core::Api& ecs = api("AlibabaEcsStopInstances");
  const std::string running = well_formed(ecs, 1), stopped = well_formed(ecs, 2);
  const World world = {{running, {{"RUNNING"}, {}}}, {stopped, {{"STOPPED"}, {}}}};
  for (const json& mode : {json(nullptr), json("AllTogether")}) {
    SCOPED_TRACE(mode.dump());
    json p = ids(ecs, {running, stopped});
    if (!mode.is_null()) p["BatchOptimization"] = mode;
    Expectation e = expect(ecs.id, world, p);
    EXPECT_FALSE(e.batch_mode_silent);
    EXPECT_FALSE(e.partial_allowed());
    EXPECT_FALSE(e.success_allowed());
    EXPECT_TRUE(has_code(e.error_codes(), "IncorrectInstanceStatus"));
  }
}

// 004 states no id format (instance_id.provenance.source is silent): an id breaking the shape
// seen may be refused as malformed, or looked up and not found.
TEST_F(ModelTest, AnIdBreakingAnUndocumentedPatternMayBeNotFound) {
  const core::Api& single = api("AlibabaEcsStopInstance");
  ASSERT_EQ(single.instance_id.provenance.source, "silent");
  const std::string running = well_formed(single, 1);
  const World world = {{running, {{"RUNNING"}, {}}}};
  for (const std::string bad : {"i-UPPER", "x-0000000000001", "i-short"}) {
    SCOPED_TRACE(bad);
    Expectation e = expect(single.id, world, ids(single, {bad}));
    EXPECT_FALSE(e.success_allowed());
    EXPECT_TRUE(e.error_allowed());
    const CodeSet codes = e.error_codes();
    EXPECT_NE(codes.find("InvalidParameter", 400), nullptr) << codes.describe();
    EXPECT_NE(codes.find("InvalidInstanceId.NotFound", 404), nullptr) << codes.describe();
    EXPECT_FALSE(codes.any);
  }
}

TEST_F(ModelTest, AnIdBreakingAnUndocumentedPatternInASuccessFirstBatchMayBeRefusedOnItsOwn) {
  const core::Api& ecs = api("AlibabaEcsStopInstances");
  const std::string running = well_formed(ecs, 1);
  json p = ids(ecs, {running, "i-UPPER"});
  p["BatchOptimization"] = "SuccessFirst";
  Expectation e = expect(ecs.id, {{running, {{"RUNNING"}, {}}}}, p);
  EXPECT_TRUE(e.success_allowed()) << "the bad id reported on its own";
  EXPECT_TRUE(e.error_allowed()) << "or the whole request refused for its form";
  EXPECT_TRUE(has_code(e.error_codes(), "Abs.InvalidInstanceIds.MalFormed"));
  EXPECT_TRUE(has_code(e.error_codes(), "InvalidInstanceId.NotFound"));
  const InstanceExpectation* bad = e.instance("i-UPPER");
  ASSERT_NE(bad, nullptr);
  EXPECT_FALSE(bad->may_accept());
  EXPECT_TRUE(has_code(bad->refusal_codes(), "Abs.InvalidInstanceIds.MalFormed"));
  EXPECT_TRUE(has_code(bad->refusal_codes(), "InvalidInstanceId.NotFound"));
}

// Where a page gives the format, breaking it is the documented malformed code, never a lookup.
TEST_F(ModelTest, AnIdBreakingADocumentedPatternIsMalformed) {
  const core::Api& cvm = api("TencentCvmStopInstances");
  ASSERT_NE(cvm.instance_id.provenance.source, "silent");
  Expectation e = expect(cvm.id, {}, ids(cvm, {"ins-UPPER"}));
  EXPECT_FALSE(e.success_allowed());
  EXPECT_TRUE(e.instances.empty());
  EXPECT_TRUE(has_code(e.error_codes(), "InvalidInstanceId.Malformed"));
  EXPECT_FALSE(has_code(e.error_codes(), "InvalidInstanceId.NotFound"));
}

}  // namespace
}  // namespace cc::model

// --- what a request means (harness/model/semantics): one reading for model, emulator, suites ---

namespace cc::model {
namespace {

class SemanticsTest : public ModelTest {};

TEST_F(SemanticsTest, TheBatchModeIsTheOneTheRequestChoosesElseTheDocumentedDefault) {
  const core::Api& ecs = api("AlibabaEcsStopInstances");
  EXPECT_EQ(batch_mode(ecs, json::object()), core::BatchMode::all_or_nothing);
  EXPECT_EQ(batch_mode(ecs, {{"BatchOptimization", "AllTogether"}}),
            core::BatchMode::all_or_nothing);
  EXPECT_EQ(batch_mode(ecs, {{"BatchOptimization", "SuccessFirst"}}), core::BatchMode::per_item);
  EXPECT_EQ(batch_mode(ecs, {{"BatchOptimization", "Whatever"}}), core::BatchMode::silent)
      << "a value the page does not list says nothing";
  const core::Api& start = api("AlibabaEcsStartInstances");
  EXPECT_EQ(batch_mode(start, json::object()), core::BatchMode::silent);
  EXPECT_EQ(batch_mode(start, {{"BatchOptimization", "SuccessFirst"}}), core::BatchMode::per_item);
  EXPECT_EQ(batch_mode(api("TencentCvmStopInstances"), json::object()), core::BatchMode::silent);
  EXPECT_EQ(batch_mode(api("AlibabaEcsStopInstance"), json::object()), core::BatchMode::silent);
}

TEST_F(SemanticsTest, ADryRunIsAlwaysAnsweredOnlyWhereThePageSaysSo) {
  const core::Api& ecs = api("AlibabaEcsStopInstances");
  EXPECT_FALSE(dry_run(ecs, json::object()));
  EXPECT_TRUE(dry_run(ecs, {{"DryRun", true}}));
  EXPECT_FALSE(dry_run_always_succeeds(ecs, {{"DryRun", true}}));
  EXPECT_TRUE(
      dry_run_always_succeeds(ecs, {{"DryRun", true}, {"BatchOptimization", "SuccessFirst"}}));
  EXPECT_FALSE(dry_run(api("TencentCvmStopInstances"), {{"DryRun", true}}))
      << "an API that documents no dry run has none";
}

TEST_F(SemanticsTest, DistinctIdsKeepTheirFirstOrder) {
  bool duplicated = true;
  EXPECT_EQ(distinct_ids({"b", "a"}, duplicated), (std::vector<std::string>{"b", "a"}));
  EXPECT_FALSE(duplicated);
  EXPECT_EQ(distinct_ids({"b", "a", "b"}, duplicated), (std::vector<std::string>{"b", "a"}));
  EXPECT_TRUE(duplicated);
}

TEST_F(SemanticsTest, AValueIsValidByItsTypeAndEnumeration) {
  const core::Parameter& mode = *api("TencentCvmStopInstances").parameter("StoppedMode");
  EXPECT_TRUE(valid_value(mode, "STOP_CHARGING"));
  EXPECT_FALSE(valid_value(mode, "SOMETIMES"));
  EXPECT_FALSE(valid_value(mode, 1));
  const core::Parameter& ids = *api("TencentCvmStopInstances").parameter("InstanceIds");
  EXPECT_TRUE(valid_value(ids, json::array({"ins-1"})));
  EXPECT_FALSE(valid_value(ids, json::array({1})));
}

}  // namespace
}  // namespace cc::model
