// Judging what a target did against the model: the answer and the states right after.
#include <gtest/gtest.h>

#include "harness/model/history.h"
#include "harness/model/judge.h"
#include "harness/model/model.h"

namespace cc::model {
namespace {

using nlohmann::json;

class JudgeTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    catalogue_ =
        new core::Catalogue(core::load_catalogue(std::string(CLOUDCONFORM_FIXTURES_DIR) + "/apis"));
  }
  static void TearDownTestSuite() { delete catalogue_; }
  const core::Api& api(const std::string& id) { return *catalogue_->find(id); }

  static core::Outcome accepted() {
    core::Outcome o;
    o.ok = true;
    o.http_status = 200;
    o.request_id = "rid";
    return o;
  }
  static core::Outcome refused(const std::string& code, int status) {
    core::Outcome o;
    o.http_status = status;
    o.code = code;
    o.request_id = "rid";
    return o;
  }

  static core::Catalogue* catalogue_;
};

core::Catalogue* JudgeTest::catalogue_ = nullptr;

const std::string kId = "ins-00000001";

TEST_F(JudgeTest, AnAcceptedStopThatLeftTheInstanceRunningDisagrees) {
  Model m(*catalogue_);
  Expectation e = m.expect(api("TencentCvmStopInstances"), {{kId, {{"RUNNING"}, {}}}},
                           {{"InstanceIds", {kId}}});
  EXPECT_TRUE(judge(e, accepted(), {{kId, "STOPPING"}}).agrees);
  EXPECT_TRUE(judge(e, accepted(), {{kId, "STOPPED"}}).agrees);
  Judgement j = judge(e, accepted(), {{kId, "RUNNING"}});
  EXPECT_FALSE(j.agrees);
  EXPECT_NE(j.message.find("RUNNING"), std::string::npos) << j.message;
}

TEST_F(JudgeTest, ASuccessWithoutRequestIdDisagrees) {
  Model m(*catalogue_);
  Expectation e = m.expect(api("TencentCvmStopInstances"), {{kId, {{"RUNNING"}, {}}}},
                           {{"InstanceIds", {kId}}});
  core::Outcome o = accepted();
  o.request_id.clear();
  EXPECT_FALSE(judge(e, o, {{kId, "STOPPING"}}).agrees);
}

TEST_F(JudgeTest, ARefusalThatChangedAStateDisagrees) {
  Model m(*catalogue_);
  const std::string other = "ins-00000002";
  Expectation e = m.expect(api("TencentCvmStopInstances"),
                           {{kId, {{"RUNNING"}, {}}}, {other, {{"STOPPED"}, {}}}},
                           {{"InstanceIds", {kId, other}}});
  const core::Outcome o = refused("UnsupportedOperation.InstanceStateStopped", 200);
  Judgement ok = judge(e, o, {{kId, "RUNNING"}, {other, "STOPPED"}});
  EXPECT_TRUE(ok.agrees) << ok.message;
  EXPECT_EQ(ok.outcome_class, "refused: state.STOPPED");
  EXPECT_FALSE(judge(e, o, {{kId, "STOPPING"}, {other, "STOPPED"}}).agrees)
      << "nothing partial on a refusal";
}

TEST_F(JudgeTest, AnUndocumentedCodeOrStatusDisagrees) {
  Model m(*catalogue_);
  const core::Api& ecs = api("AlibabaEcsStopInstance");
  const std::string id = "i-0000000000000000001";
  Expectation e = m.expect(ecs, {{id, {{"STOPPED"}, {}}}}, {{"InstanceId", id}});
  EXPECT_TRUE(judge(e, refused("IncorrectInstanceStatus", 403), {{id, "STOPPED"}}).agrees);
  Judgement status = judge(e, refused("IncorrectInstanceStatus", 500), {{id, "STOPPED"}});
  EXPECT_FALSE(status.agrees);
  EXPECT_NE(status.message.find("HTTP 403"), std::string::npos) << status.message;
  EXPECT_FALSE(judge(e, refused("Emulator.UndocumentedCode", 403), {{id, "STOPPED"}}).agrees);
}

TEST_F(JudgeTest, PerInstanceResultsAreJudgedOneByOne) {
  Model m(*catalogue_);
  const core::Api& ecs = api("AlibabaEcsStopInstances");
  const std::string running = "i-0000000000000000001", stopped = "i-0000000000000000002";
  Expectation e = m.expect(ecs, {{running, {{"RUNNING"}, {}}}, {stopped, {{"STOPPED"}, {}}}},
                           {{"InstanceId", {running, stopped}},
                            {"BatchOptimization", "SuccessFirst"},
                            {"RegionId", "cn-hangzhou"}});
  core::Outcome o = accepted();
  auto entry = [](const std::string& id, const std::string& code) {
    return json{{"InstanceId", id},
                {"Code", code},
                {"Message", ""},
                {"CurrentStatus", ""},
                {"PreviousStatus", ""}};
  };
  o.body = {
      {"RequestId", "rid"},
      {"InstanceResponses",
       {{"InstanceResponse", {entry(running, "200"), entry(stopped, "IncorrectInstanceStatus")}}}}};
  Judgement j = judge(e, o, {{running, "STOPPING"}, {stopped, "STOPPED"}});
  EXPECT_TRUE(j.agrees) << j.message;
  EXPECT_EQ(j.acted, (std::set<std::string>{running}));
  o.body["InstanceResponses"]["InstanceResponse"][1]["Code"] = "200";
  EXPECT_FALSE(judge(e, o, {{running, "STOPPING"}, {stopped, "STOPPING"}}).agrees);
}

// A Tencent batch with one refused instance: either reading the page allows, and nothing else.
TEST_F(JudgeTest, ATencentMixedBatchMayStopTheGoodInstancesOrNone) {
  Model m(*catalogue_);
  const std::string running = "ins-00000001", stopped = "ins-00000002";
  Expectation e = m.expect(api("TencentCvmStopInstances"),
                           {{running, {{"RUNNING"}, {}}}, {stopped, {{"STOPPED"}, {}}}},
                           {{"InstanceIds", {running, stopped}}});
  // The good instance stops, the refused one stays.
  Judgement partial = judge(e, accepted(), {{running, "STOPPING"}, {stopped, "STOPPED"}});
  EXPECT_TRUE(partial.agrees) << partial.message;
  EXPECT_EQ(partial.acted, (std::set<std::string>{running}));
  EXPECT_EQ(judge_answer(e, accepted()).acted, (std::set<std::string>{running}));
  // Accepted, the good instance must stop.
  EXPECT_FALSE(judge(e, accepted(), {{running, "RUNNING"}, {stopped, "STOPPED"}}).agrees);
  // Accepted, the refused one changes nothing.
  EXPECT_FALSE(judge(e, accepted(), {{running, "STOPPING"}, {stopped, "STARTING"}}).agrees);
  // The whole batch refused with the documented code, nothing changed.
  const core::Outcome whole = refused("UnsupportedOperation.InstanceStateStopped", 200);
  EXPECT_TRUE(judge(e, whole, {{running, "RUNNING"}, {stopped, "STOPPED"}}).agrees);
  EXPECT_FALSE(judge(e, whole, {{running, "STOPPING"}, {stopped, "STOPPED"}}).agrees);
  EXPECT_FALSE(
      judge(e, refused("InternalError", 200), {{running, "RUNNING"}, {stopped, "STOPPED"}}).agrees);
}

TEST_F(JudgeTest, AnAllTogetherBatchThatStoppedTheGoodInstanceDisagrees) {
  Model m(*catalogue_);
  const std::string running = "i-000000000000000000001", stopped = "i-000000000000000000002";
  Expectation e = m.expect(api("AlibabaEcsStopInstances"),
                           {{running, {{"RUNNING"}, {}}}, {stopped, {{"STOPPED"}, {}}}},
                           {{"InstanceId", {running, stopped}}, {"RegionId", "cn-hangzhou"}});
  EXPECT_FALSE(judge(e, accepted(), {{running, "STOPPING"}, {stopped, "STOPPED"}}).agrees);
}

TEST_F(JudgeTest, AnIdBreakingAnUndocumentedPatternMayBeNotFoundOrMalformed) {
  Model m(*catalogue_);
  const std::string running = "i-000000000000000000001";
  Expectation e = m.expect(api("AlibabaEcsStopInstance"), {{running, {{"RUNNING"}, {}}}},
                           {{"InstanceId", "i-UPPER"}, {"RegionId", "cn-hangzhou"}});
  EXPECT_TRUE(judge(e, refused("InvalidInstanceId.NotFound", 404), {}).agrees);
  EXPECT_TRUE(judge(e, refused("InvalidParameter", 400), {}).agrees);
  EXPECT_FALSE(judge(e, refused("IncorrectInstanceStatus", 403), {}).agrees);
  EXPECT_FALSE(judge(e, accepted(), {}).agrees);
}

// A history replay follows either reading of a silent batch mode: the refused instance of an
// accepted mixed Tencent batch stays where it was, the good one stops.
TEST_F(JudgeTest, AHistoryReplaysATencentMixedBatchThatStoppedTheGoodInstance) {
  Model m(*catalogue_);
  const std::string running = "ins-00000001", stopped = "ins-00000002";
  const std::map<std::string, std::string> initial = {{running, "RUNNING"}, {stopped, "STOPPED"}};
  auto op = [&](const std::string& after_running) {
    return json::array({{{"op", 1u},
                         {"at_ns", 1000},
                         {"api", "TencentCvmStopInstances"},
                         {"params", {{"InstanceIds", {running, stopped}}}},
                         {"code", ""},
                         {"applied", true},
                         {"transition_ms", 0},
                         {"effects",
                          {{{"id", running}, {"before", "RUNNING"}, {"after", after_running}},
                           {{"id", stopped}, {"before", "STOPPED"}, {"after", "STOPPED"}}}}}});
  };
  const HistoryCheck ok =
      check_history(m, initial, op("STOPPED"), {{running, "STOPPED"}, {stopped, "STOPPED"}});
  EXPECT_TRUE(ok.consistent()) << (ok.problems.empty() ? "" : ok.problems.front());
  EXPECT_FALSE(
      check_history(m, initial, op("RUNNING"), {{running, "RUNNING"}, {stopped, "STOPPED"}})
          .consistent());
}

}  // namespace
}  // namespace cc::model
