#include <gtest/gtest.h>

#include "reports/failure.h"
#include "reports/results_view.h"

namespace cc::reports::testing {
namespace {

using nlohmann::json;

// A failed property case as a run records it; `command` is its rapidcheck "replay_command"
// (a string, null, or left out as older results files do).
json property_case(const std::optional<json>& command) {
  json rc = {{"seed", "7"},
             {"minimal_case", {{"scenario", json::object()}, {"message", "m"}}},
             {"replay_file", "replays/A.B.json"},
             {"reproduce", "RC_PARAMS=\"seed=7\" cloudconform run --only 'A.B' --deviation d"}};
  if (command) rc["replay_command"] = *command;
  return {{"id", "TencentCvmStopInstances.B"},
          {"api", "TencentCvmStopInstances"},
          {"family", "properties"},
          {"level", "MUST"},
          {"outcome", "fail"},
          {"message", "Failed"},
          {"rapidcheck", rc}};
}

TEST(ReplayLines, APropertysLineIsTheRecordedCommandWithItsTargetFlags) {
  const std::string line = "cloudconform replay out/replays/A.B.json --deviation d";
  const auto lines = replay_lines(read_case(property_case(json(line))));
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[0], "replay: " + line);
  EXPECT_EQ(lines[1], "again: RC_PARAMS=\"seed=7\" cloudconform run --only 'A.B' --deviation d");
}

TEST(ReplayLines, AnOlderFileWithoutTheCommandKeepsTheBareReplayLine) {
  const auto lines = replay_lines(read_case(property_case(std::nullopt)));
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[0], "replay: cloudconform replay replays/A.B.json");
}

TEST(ReplayLines, ATargetReplayCannotReachLeavesOnlyTheSeededRunLine) {
  const auto lines = replay_lines(read_case(property_case(json())));
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(lines[0].rfind("again: ", 0), 0u) << lines[0];
}

}  // namespace
}  // namespace cc::reports::testing
