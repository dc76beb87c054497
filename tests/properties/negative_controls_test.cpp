// Each emulator deviation a property can see is found by it and shrunk to a small case, the
// case's replay file reproduces the failure against the deviating emulator, and the same file
// agrees with the faithful one. Runs the real command: `cloudconform run` and `replay`.
// The seed is pinned (RC_PARAMS) so each control is deterministic; the case count is raised so
// that finding the deviation does not hang on luck.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>

namespace {

using nlohmann::json;
namespace fs = std::filesystem;

// A scratch directory removed when the last run using it is gone, unless a check failed (then
// its log, results and replay files stay for a look).
std::shared_ptr<fs::path> scratch(const fs::path& dir) {
  return std::shared_ptr<fs::path>(new fs::path(dir), [](fs::path* p) {
    if (!::testing::Test::HasFailure()) fs::remove_all(*p);
    delete p;
  });
}

struct ControlRun {
  int exit_code = -1;
  fs::path dir;
  std::shared_ptr<fs::path> keep;
  json results;
  std::string log;

  const json* find(const std::string& id) const {
    if (!results.is_object() || !results.contains("cases")) return nullptr;
    for (const auto& c : results["cases"])
      if (c.value("id", "") == id) return &c;
    return nullptr;
  }
};

int shell(const std::string& command) {
  const int status = std::system(command.c_str());
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

fs::path fresh_dir(const std::string& name) {
  char tmpl[] = "/tmp/cc-property-control-XXXXXX";
  const char* d = mkdtemp(tmpl);
  if (!d) throw std::runtime_error("mkdtemp failed");
  return fs::path(d) / name;
}

ControlRun run(const std::string& deviation, const std::string& case_id) {
  ControlRun r;
  r.dir = fresh_dir(deviation);
  r.keep = scratch(r.dir.parent_path());
  fs::create_directories(r.dir);
  const std::string cmd =
      "RC_PARAMS='seed=20261122 max_success=150' CLOUDCONFORM_PROPERTY_SECONDS=30 '" +
      std::string(CLOUDCONFORM_BIN) + "' run --gate should --deviation " + deviation +
      " --settle-ms 1500 --out '" + r.dir.string() + "' '--gtest_filter=" + case_id + "' > '" +
      (r.dir / "log").string() + "' 2>&1";
  r.exit_code = shell(cmd);
  std::ifstream log(r.dir / "log");
  r.log.assign(std::istreambuf_iterator<char>(log), {});
  std::ifstream in(r.dir / "results.json");
  if (in) r.results = json::parse(in, nullptr, false);
  return r;
}

int replay(const fs::path& file, const std::string& deviation) {
  return shell("'" + std::string(CLOUDCONFORM_BIN) + "' replay '" + file.string() + "'" +
               (deviation.empty() ? "" : " --deviation " + deviation) + " > '" + file.string() +
               ".log' 2>&1");
}

// The property failed, left a minimal case and a replay file, and the replay reproduces the
// failure with the deviation and agrees without it. Returns the minimal scenario.
json found_and_replayed(const ControlRun& r, const std::string& case_id,
                        const std::string& deviation) {
  EXPECT_EQ(r.exit_code, 1) << r.log.substr(r.log.size() > 3000 ? r.log.size() - 3000 : 0);
  const json* c = r.find(case_id);
  if (!c) {
    ADD_FAILURE() << case_id << " is not in the results";
    return json();
  }
  // Caught at the property's level: a MUST claim fails, a SHOULD one (signing: protocols.md)
  // deviates.
  EXPECT_EQ(c->value("outcome", ""), c->value("level", "") == "SHOULD" ? "deviation" : "fail")
      << c->dump();
  const json& rc = (*c)["rapidcheck"];
  EXPECT_FALSE(rc["seed"].get<std::string>().empty());
  EXPECT_GT(rc["cases_run"].get<int>(), 0);
  if (!rc["minimal_case"].is_object() || !rc["replay_file"].is_string()) {
    ADD_FAILURE() << "no minimal case or replay file: " << rc.dump();
    return json();
  }
  const fs::path file = r.dir / rc["replay_file"].get<std::string>();
  EXPECT_TRUE(fs::exists(file)) << file;
  EXPECT_EQ(replay(file, deviation), 1)
      << "the replay did not reproduce the failure under " << deviation;
  EXPECT_EQ(replay(file, ""), 0) << "the replay disagrees with the faithful emulator";
  return rc["minimal_case"]["scenario"];
}

// The id list of the scenario's first call.
json first_ids(const json& scenario) {
  const json& params = scenario["steps"][0]["params"];
  for (const char* name : {"InstanceIds", "InstanceIdSet", "InstanceId"})
    if (params.contains(name))
      return params[name].is_array() ? params[name] : json::array({params[name]});
  return json::array();
}

TEST(PropertyControl, ABatchLimitIgnoredShrinksToExactly101RunningInstances) {
  const std::string id = "TencentCvmStopInstances.GeneratedBatchesAgreeWithTheModel";
  const ControlRun r = run("batch-limit-ignored", id);
  const json s = found_and_replayed(r, id, "batch-limit-ignored");
  ASSERT_TRUE(s.is_object());
  EXPECT_EQ(first_ids(s).size(), 101u);
  EXPECT_EQ(s["instances"].size(), 101u);
  for (const auto& i : s["instances"]) EXPECT_EQ(i["state"], "RUNNING");
  EXPECT_EQ(s["steps"][0]["params"].size(), 1u) << "every optional parameter shrinks away";
}

TEST(PropertyControl, ABatchLimitOffByOneShrinksToExactly100Ids) {
  const std::string id = "TencentLighthouseStopInstances.GeneratedBatchesAgreeWithTheModel";
  const ControlRun r = run("batch-limit-off-by-one", id);
  const json s = found_and_replayed(r, id, "batch-limit-off-by-one");
  ASSERT_TRUE(s.is_object());
  EXPECT_EQ(first_ids(s).size(), 100u);
}

TEST(PropertyControl, AcceptedDuplicatesShrinkToOneIdTwice) {
  const std::string id = "TencentLighthouseStopInstances.GeneratedBatchesAgreeWithTheModel";
  const ControlRun r = run("duplicates-accepted", id);
  const json s = found_and_replayed(r, id, "duplicates-accepted");
  ASSERT_TRUE(s.is_object());
  const json ids = first_ids(s);
  ASSERT_EQ(ids.size(), 2u);
  EXPECT_EQ(ids[0], ids[1]);
}

TEST(PropertyControl, APartialAllTogetherShrinksToTwoInstances) {
  const std::string id = "AlibabaEcsStopInstances.GeneratedBatchesAgreeWithTheModel";
  const ControlRun r = run("all-together-partial", id);
  const json s = found_and_replayed(r, id, "all-together-partial");
  ASSERT_TRUE(s.is_object());
  EXPECT_LE(first_ids(s).size(), 2u);
}

TEST(PropertyControl, AMutatingDryRunShrinksToOneRunningInstance) {
  const std::string id = "AlibabaEcsStopInstance.GeneratedBatchesAgreeWithTheModel";
  const ControlRun r = run("dry-run-mutates", id);
  const json s = found_and_replayed(r, id, "dry-run-mutates");
  ASSERT_TRUE(s.is_object());
  ASSERT_EQ(s["instances"].size(), 1u);
  EXPECT_EQ(s["instances"][0]["state"], "RUNNING");
  EXPECT_EQ(s["steps"][0]["params"].value("DryRun", false), true);
}

TEST(PropertyControl, StoppingAStoppedInstanceShrinksToOneInstance) {
  const std::string id = "TencentEcmStopInstances.GeneratedBatchesAgreeWithTheModel";
  const ControlRun r = run("stop-accepts-any-state", id);
  const json s = found_and_replayed(r, id, "stop-accepts-any-state");
  ASSERT_TRUE(s.is_object());
  EXPECT_LE(s["instances"].size(), 2u);
}

TEST(PropertyControl, AStopThatNeverCompletesIsCaughtByAWait) {
  const std::string id = "TencentCvmStopInstances.CommandSequencesAgreeWithTheModel";
  const ControlRun r = run("stop-never-completes", id);
  const json s = found_and_replayed(r, id, "stop-never-completes");
  ASSERT_TRUE(s.is_object());
  EXPECT_LE(s["steps"].size(), 4u);
  EXPECT_EQ(s["steps"].back()["do"], "wait");
}

TEST(PropertyControl, ALatestOperationThatNeverSucceedsIsCaughtByAWait) {
  const std::string id = "TencentLighthouseStopInstances.CommandSequencesAgreeWithTheModel";
  const ControlRun r = run("latest-operation-never-succeeds", id);
  const json s = found_and_replayed(r, id, "latest-operation-never-succeeds");
  ASSERT_TRUE(s.is_object());
  EXPECT_LE(s["steps"].size(), 4u);
}

TEST(PropertyControl, AnUnverifiedSignatureIsCaughtByOneChangedByte) {
  const std::string id = "TencentLighthouseStopInstances.AChangedByteBreaksTheSignature";
  const ControlRun r = run("accepts-bad-signature", id);
  const json s = found_and_replayed(r, id, "accepts-bad-signature");
  ASSERT_TRUE(s.is_object());
  EXPECT_EQ(s["steps"].size(), 1u);
}

}  // namespace
