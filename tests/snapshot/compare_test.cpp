// The comparison rules (harness/snapshot/compare.h): a run against the snapshot of a run, with
// one thing changed at a time — each change is exactly one difference, naming its rule and
// where, or none when the rules say the change does not matter.
#include "harness/snapshot/compare.h"

#include <functional>
#include <regex>

#include "tests/snapshot/test_data.h"

namespace cc::snapshot::testing {
namespace {

using nlohmann::json;

const char* const kStop = "TencentCvmStopInstances.StopsARunningInstance";
const char* const kStopped = "TencentCvmStopInstances.RejectsAStoppedInstance";
const char* const kAlibabaStopped = "AlibabaEcsStopInstance.RejectsAStoppedInstance";

// The run with one transcript entry's response body replaced by `edit` of its parsed body.
json with_body(const std::string& id, int exchange, const std::function<void(json&)>& edit) {
  json r = run();
  json& response = case_in(r, id)["transcript"][exchange]["response"];
  json body = json::parse(response["body"].get<std::string>());
  edit(body);
  response["body"] = body.dump();
  return r;
}

std::vector<Difference> differences(const json& changed, const std::string& states = "exact") {
  Snapshot s = snapshot_of(run(), catalogue());
  s.states = states;
  return compare(s, changed, catalogue()).differences;
}

void expect_one(const std::vector<Difference>& d, const std::string& id, int exchange,
                const std::string& pointer, const std::string& rule) {
  ASSERT_EQ(d.size(), 1u) << to_json(Comparison{{}, "", {}, 0, {}, {}, d}).dump(1);
  EXPECT_EQ(d[0].case_id, id);
  EXPECT_EQ(d[0].exchange, exchange);
  EXPECT_EQ(d[0].pointer, pointer);
  EXPECT_EQ(d[0].rule, rule);
}

TEST(SnapshotCompare, ARunComparedWithItsOwnSnapshotHasNoDifference) {
  const Comparison c = compare(snapshot_of(run(), catalogue()), run(), catalogue());
  EXPECT_EQ(c.compared, 8);
  EXPECT_TRUE(c.differences.empty()) << to_json(c).dump(1);
  EXPECT_TRUE(c.not_run.empty());
  EXPECT_TRUE(c.not_in_snapshot.empty());
}

TEST(SnapshotCompare, AChangedErrorCodeIsOneDifference) {
  const auto d = differences(with_body(kStopped, 1, [](json& b) {
    b["Response"]["Error"]["Code"] = "UnsupportedOperation.InstanceStateRunning";
  }));
  expect_one(d, kStopped, 1, "/response/body/Response/Error/Code", "equal");
  EXPECT_EQ(d[0].recorded, "UnsupportedOperation.InstanceStateStopped");
  EXPECT_EQ(d[0].observed, "UnsupportedOperation.InstanceStateRunning");
  EXPECT_EQ(d[0].action, "StopInstances");
  EXPECT_EQ(d[0].api, "TencentCvmStopInstances");
}

TEST(SnapshotCompare, AChangedStatusIsOneDifference) {
  json r = run();
  case_in(r, kAlibabaStopped)["transcript"][1]["response"]["status"] = 400;
  const auto d = differences(r);
  expect_one(d, kAlibabaStopped, 1, "/response/status", "equal");
  EXPECT_EQ(d[0].recorded, 403);
  EXPECT_EQ(d[0].observed, 400);
}

TEST(SnapshotCompare, AMissingFieldIsOneDifference) {
  const auto d = differences(with_body(kAlibabaStopped, 1, [](json& b) { b.erase("HostId"); }));
  expect_one(d, kAlibabaStopped, 1, "/response/body/HostId", "present");
  EXPECT_EQ(d[0].recorded, "<host>");
  EXPECT_TRUE(d[0].observed.is_null());
}

TEST(SnapshotCompare, AnExtraFieldOrAnotherMessageIsNoDifference) {
  EXPECT_TRUE(differences(with_body(kStopped, 1, [](json& b) {
                b["Response"]["Error"]["Message"] = "实例状态错误";
                b["Response"]["Extra"] = {{"Field", 1}};
              })).empty());
}

TEST(SnapshotCompare, ARequestIdOfAnotherFormatIsOneDifference) {
  const auto d =
      differences(with_body(kStop, 0, [](json& b) { b["Response"]["RequestId"] = "not-a-uuid"; }));
  expect_one(d, kStop, 0, "/response/body/Response/RequestId", "same-format");
  EXPECT_EQ(d[0].recorded, "<request-id:uuid>");
  EXPECT_EQ(d[0].observed, "<request-id:other>");
}

TEST(SnapshotCompare, ADifferentStateSequenceIsOneDifference) {
  const auto d = differences(with_body(
      kStop, 1, [](json& b) { b["Response"]["InstanceSet"][0]["InstanceState"] = "RUNNING"; }));
  expect_one(d, kStop, -1, "/states/<i0>", "state-sequence");
  EXPECT_EQ(d[0].recorded, json({"STOPPING"}));
  EXPECT_EQ(d[0].observed, json({"RUNNING"}));
  EXPECT_EQ(d[0].action, "DescribeInstances");
}

TEST(SnapshotCompare, ARecordedSequenceThatStoppedEarlyNeedOnlyBeAPrefix) {
  json r = run();
  json& t = case_in(r, kStop)["transcript"];
  json later = t[1];
  later["response"]["body"] = std::regex_replace(later["response"]["body"].get<std::string>(),
                                                 std::regex("\"InstanceState\":\"STOPPING\""),
                                                 "\"InstanceState\":\"STOPPED\"");
  t.push_back(later);
  EXPECT_EQ(differences(r, "exact").size(), 1u);
  EXPECT_TRUE(differences(r, "prefix").empty());
}

TEST(SnapshotCompare, AnExtraExchangeIsOneDifferenceWithTheMissingSideNull) {
  json r = run();
  json& t = case_in(r, kStop)["transcript"];
  t.push_back(t[0]);
  const auto d = differences(r);
  expect_one(d, kStop, 2, "", "exchange-count");
  EXPECT_TRUE(d[0].recorded.is_null());
  EXPECT_EQ(d[0].observed["action"], "StopInstances");
}

TEST(SnapshotCompare, AMissingExchangeIsOneDifferenceWithTheMissingSideNull) {
  json r = run();
  case_in(r, kStopped)["transcript"].erase(1);
  const auto d = differences(r);
  expect_one(d, kStopped, 1, "", "exchange-count");
  EXPECT_TRUE(d[0].observed.is_null());
}

TEST(SnapshotCompare, SimultaneousCallsMayFinishInEitherOrder) {
  for (const char* id : {"AlibabaEcsStopInstances.AcceptsOnlyOneOfTwoSimultaneousStops",
                         "TencentCvmStopInstances.AcceptsOnlyOneOfTwoSimultaneousStops"}) {
    json r = run();
    json& t = case_in(r, id)["transcript"];
    std::swap(t[0], t[1]);
    EXPECT_TRUE(differences(r).empty()) << id;
  }
}

TEST(SnapshotCompare, ARetryOnAFreshInstanceIsNoDifference) {
  // The simultaneous stops are tried again, on another instance, until they overlap on the wire.
  const std::string id = "TencentCvmStopInstances.AcceptsOnlyOneOfTwoSimultaneousStops";
  json r = run();
  json& t = case_in(r, id)["transcript"];
  const std::string first =
      json::parse(t[0]["request"]["body"].get<std::string>())["InstanceIds"][0];
  for (int i : {0, 1}) {
    std::string text = t[i].dump();
    for (size_t p = text.find(first); p != std::string::npos; p = text.find(first, p))
      text.replace(p, first.size(), "ins-zzzzzzzz");
    t.push_back(json::parse(text));
  }
  EXPECT_TRUE(differences(r).empty());
  // …and the recorded run's retries are no difference to a run that needed none.
  Snapshot retried = snapshot_of(r, catalogue());
  EXPECT_TRUE(compare(retried, run(), catalogue()).differences.empty());
}

TEST(SnapshotCompare, CasesOnOneSideOnlyAreListedNotCompared) {
  json r = run();
  json& cases = r["cases"];
  cases.erase(cases.begin());  // the first case: not run this time
  json extra = case_in(r, kStop);
  extra["id"] = "TencentCvmStopInstances.NewBehaviour";
  cases.push_back(extra);
  const Comparison c = compare(snapshot_of(run(), catalogue()), r, catalogue());
  EXPECT_EQ(c.compared, 7);
  EXPECT_EQ(c.not_run.size(), 1u);
  EXPECT_EQ(c.not_in_snapshot, std::vector<std::string>{"TencentCvmStopInstances.NewBehaviour"});
  EXPECT_TRUE(c.differences.empty());
}

TEST(SnapshotCompare, TheDifferentialSectionFollowsItsSchema) {
  Snapshot s = snapshot_of(run(), catalogue());
  s.dir = "snap";
  const json j = to_json(compare(
      s, with_body(kStop, 0, [](json& b) { b["Response"]["RequestId"] = "x"; }), catalogue()));
  EXPECT_EQ(j["snapshot"]["dir"], "snap");
  EXPECT_EQ(j["snapshot"]["target"]["kind"], "embedded-emulator");
  EXPECT_EQ(j["rules"].size(), rules().size());
  EXPECT_EQ(j["compared"], 8);
  EXPECT_EQ(j["not_in_snapshot"], json::array());
  EXPECT_EQ(j["not_run"], json::array());
  ASSERT_EQ(j["differences"].size(), 1u);
  for (const char* key :
       {"case", "api", "exchange", "action", "pointer", "recorded", "observed", "rule"})
    EXPECT_TRUE(j["differences"][0].contains(key)) << key;
  for (const auto& rule : rules())  // each difference's rule is one of the declared ones
    if (rule.rfind(j["differences"][0]["rule"].get<std::string>() + ":", 0) == 0) return;
  ADD_FAILURE() << "rule not declared: " << j["differences"][0]["rule"];
}

}  // namespace
}  // namespace cc::snapshot::testing
