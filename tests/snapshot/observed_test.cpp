// The observed CVM recording as a snapshot (harness/snapshot/observed.h), through its mapping
// (fixtures/observed/tencent-cvm-2022-09.map.json).
#include "harness/snapshot/observed.h"

#include "harness/snapshot/compare.h"
#include "tests/snapshot/test_data.h"

namespace cc::snapshot::testing {
namespace {

using nlohmann::json;

const std::string kRecording =
    std::string(CLOUDCONFORM_SHARED_DIR) + "/reference/observed/tencent-cvm-2022-09.json";
const std::string kMap =
    std::string(CLOUDCONFORM_FIXTURES_DIR) + "/observed/tencent-cvm-2022-09.map.json";

json recording() { return core::read_json_file(kRecording, "test"); }
json mapping() { return core::read_json_file(kMap, "test"); }

TEST(ObservedSnapshot, TheStopScenarioBecomesTheStopCase) {
  const Snapshot s = from_observed(recording(), mapping(), catalogue());
  ASSERT_EQ(s.cases.size(), 1u);
  const json& stop = s.cases.at("TencentCvmStopInstances.StopsARunningInstance");
  EXPECT_EQ(stop["states"], "prefix");
  EXPECT_EQ(stop["provenance"]["scenario"], "test_cvm_stop");
  ASSERT_EQ(stop["exchanges"].size(), 2u);
  EXPECT_EQ(stop["exchanges"][0]["action"], "StopInstances");
  EXPECT_EQ(stop["exchanges"][0]["response"]["body"],
            (json{{"Response", {{"RequestId", "<request-id:uuid>"}}}}));
  EXPECT_EQ(stop["exchanges"][1]["response"]["states"], (json{{"<i0>", "STOPPING"}}));
  EXPECT_EQ(s.identity["kind"], "recording");
  EXPECT_EQ(s.identity["endpoints"]["cvm"], "cvm.ap-singapore.tencentcloudapi.com");
  EXPECT_EQ(s.identity["region"]["cvm"], "ap-singapore");
  EXPECT_EQ(s.identity["date"], "2022-09-16T08:33:14Z");
}

TEST(ObservedSnapshot, ScenariosNoCaseMatchesAreListedWithTheReason) {
  const Snapshot s = from_observed(recording(), mapping(), catalogue());
  std::vector<std::string> unmatched;
  for (const auto& u : s.unmatched) {
    unmatched.push_back(u["scenario"]);
    EXPECT_FALSE(u["reason"].get<std::string>().empty());
  }
  EXPECT_EQ(unmatched, (std::vector<std::string>{"test_cvm_start", "test_cvm_terminate",
                                                 "test_cvm_exec_exception"}));
}

TEST(ObservedSnapshot, TheRecordingHoldsNothingRunSpecificOnceConverted) {
  const std::string dir = fresh_dir();
  save(from_observed(recording(), mapping(), catalogue()), dir);
  const std::string all = all_text(dir);
  for (const char* s : {"ins-00lycyy6", "48301cb1-e8a8-4774-a851-56c445596607", "43.156.106.242"})
    EXPECT_EQ(all.find(s), std::string::npos) << s;
  EXPECT_EQ(read_snapshot(dir).cases.size(), 1u);
}

TEST(ObservedSnapshot, TheReferenceEmulatorAnswersTheStopAsTheRealCvmWasSeenTo) {
  const Comparison c =
      compare(from_observed(recording(), mapping(), catalogue()), run(), catalogue());
  EXPECT_EQ(c.compared, 1);
  EXPECT_TRUE(c.differences.empty()) << to_json(c).dump(1);
}

TEST(ObservedSnapshot, AScenarioTheMappingForgetsIsRefused) {
  json m = mapping();
  m["scenarios"].erase("test_cvm_terminate");
  try {
    from_observed(recording(), m, catalogue(), "the.map.json");
    ADD_FAILURE() << "accepted";
  } catch (const core::DataError& e) {
    EXPECT_EQ(std::string(e.what()).rfind(
                  "[observed_map.unmapped_scenario] the.map.json: /scenarios: ", 0),
              0u)
        << e.what();
  }
}

TEST(ObservedSnapshot, AMappingToAnUnknownCaseOrStepIsRefused) {
  json m = mapping();
  m["scenarios"]["test_cvm_stop"]["case"] = "NoSuchApi.StopsARunningInstance";
  EXPECT_THROW(from_observed(recording(), m, catalogue()), core::DataError);
  m = mapping();
  m["scenarios"]["test_cvm_stop"]["steps"] = {1, 7};
  EXPECT_THROW(from_observed(recording(), m, catalogue()), core::DataError);
  m = mapping();
  m["scenarios"]["test_cvm_gone"] = {{"unmatched", "stale"}};
  EXPECT_THROW(from_observed(recording(), m, catalogue()), core::DataError);
}

}  // namespace
}  // namespace cc::snapshot::testing
