// The real-account path, without a cloud: `cloudconform run --target` with a tencent or alibaba
// profile whose official host names are mapped to an in-process emulator (--endpoint
// PRODUCT=URL keeps the official Host). The harness gets no control plane, the emulator
// throttles at the documented limits and takes its time over transitions, exactly like a
// remote service. Checked from the emulator's side: instances arranged through the public APIs
// only, every family but rate limits under the documented limits, and every instance the run
// changed put back — at the end, on Ctrl-C, and reported when it cannot be.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <thread>

#include "tests/emulator/emulator_fixture.h"
#include "tests/target/subprocess.h"

namespace cc::test {
namespace {

using nlohmann::json;
namespace fs = std::filesystem;

class RemoteTarget : public EmulatorTest {
 protected:
  void SetUp() override {
    emu::EmulatorOptions o;
    o.transition_time =
        std::chrono::milliseconds(400);  // slow enough to be seen, fast enough for CI
    o.rate_limits = true;
    emulator_ = std::make_unique<emu::Emulator>(*catalogue_, o);
    emulator_->start();
    dir_ = fs::temp_directory_path() /
           ("cc-remote-" +
            std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  // Instances as a user would have them: made beforehand (here through the control plane, which
  // the run itself never gets), running.
  std::vector<std::string> running(const std::string& product, int count) {
    json r = control("/_cloudconform/v1/instances",
                     {{"product", product}, {"state", "RUNNING"}, {"count", count}}, 201);
    return r["instances"].get<std::vector<std::string>>();
  }

  std::string profile(const std::string& kind, const json& instances) {
    json p = {{"kind", kind},
              {"name", "emulator standing in for a " + kind + " account"},
              {"instances", instances}};
    p["region"] = kind == "tencent" ? "ap-guangzhou" : "cn-hangzhou";
    const std::string path = (dir_ / (kind + ".json")).string();
    std::ofstream(path) << p.dump(2);
    return path;
  }

  std::unique_ptr<Subprocess> start_run(const std::string& profile_path,
                                        const std::vector<std::string>& products,
                                        std::vector<std::string> extra) {
    std::vector<std::string> argv = {CLOUDCONFORM_BINARY, "run",   "--target",
                                     profile_path,        "--out", (dir_ / "out").string(),
                                     "--settle-ms",       "10000"};
    for (const auto& p : products)
      argv.insert(argv.end(), {"--endpoint", p + "=" + emulator_->base_url()});
    argv.insert(argv.end(), extra.begin(), extra.end());
    const emu::Account a = emu::default_account();
    return std::make_unique<Subprocess>(
        argv,
        std::map<std::string, std::string>{
            {"TENCENTCLOUD_SECRET_ID", a.keys.at("tencent").id},
            {"TENCENTCLOUD_SECRET_KEY", a.keys.at("tencent").secret},
            {"ALIBABA_CLOUD_ACCESS_KEY_ID", a.keys.at("alibaba").id},
            {"ALIBABA_CLOUD_ACCESS_KEY_SECRET", a.keys.at("alibaba").secret},
            {"HOME", dir_.string()}},
        (dir_ / "log").string());
  }

  json results() const {
    std::ifstream in(dir_ / "out" / "results.json");
    return json::parse(in);
  }
  std::string report_md() const {
    std::ifstream in(dir_ / "out" / "report.md");
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
  }

  // Canonical state of every instance of a product, as the emulator holds it.
  std::map<std::string, std::string> states(const std::string& product) const {
    std::map<std::string, std::string> out;
    const json list = control("/_cloudconform/v1/instances?product=" + product, nullptr, 200);
    for (const json& i : list["instances"]) out[i["id"]] = i["state"];
    if (out.empty())
      ADD_FAILURE() << "the emulator lists no " << product << " instance: " << list.dump();
    return out;
  }
  json requests() const { return control("/_cloudconform/v1/requests", nullptr, 200)["requests"]; }

  // The most requests for `api` the emulator received within any one second.
  static int busiest_second(const json& log, const std::string& api) {
    std::vector<double> at;
    for (const json& r : log)
      if (r.value("api", "") == api) at.push_back(r["at_ms"].get<double>());
    std::sort(at.begin(), at.end());
    int most = 0;
    for (size_t i = 0, j = 0; i < at.size(); ++i) {
      while (at[i] - at[j] >= 1000.0) ++j;
      most = std::max(most, static_cast<int>(i - j + 1));
    }
    return most;
  }

  static int count_outcome(const json& r, const std::string& outcome) {
    int n = 0;
    for (const json& c : r["cases"]) n += c["outcome"] == outcome;
    return n;
  }

  fs::path dir_;
};

TEST_F(RemoteTarget, ATencentAccountIsArrangedThroughPublicApisPacedAndPutBack) {
  json allow;
  for (const char* product : {"cvm", "lighthouse", "ecm"}) allow[product] = running(product, 2);
  auto run = start_run(profile("tencent", allow), {"cvm", "lighthouse", "ecm"},
                       {"--allow-mutations", "--only", "Tencent*"});
  const auto status = run->wait(std::chrono::seconds(400));
  ASSERT_TRUE(status) << "the run did not end within 400 s\n" << run->output();
  EXPECT_EQ(*status, 0) << run->output();
  const json r = results();
  EXPECT_FALSE(r["target"]["control_plane"].get<bool>())
      << "a real-account profile must never use a control plane";
  // The stops really happened, on allowlisted instances arranged through Start/Stop.
  for (const char* id : {"TencentCvmStopInstances.StopsARunningInstance",
                         "TencentLighthouseStopInstances.StopsARunningInstance",
                         "TencentEcmStopInstances.RejectsAStoppedInstance"}) {
    bool passed = false;
    for (const json& c : r["cases"]) passed = passed || (c["id"] == id && c["outcome"] == "pass");
    EXPECT_TRUE(passed) << id << " did not pass on the remote path";
  }
  EXPECT_EQ(count_outcome(r, "harness_error"), 0);
  EXPECT_EQ(count_outcome(r, "fail"), 0);
  // What needs a control plane is not supported, never guessed.
  for (const json& c : r["cases"]) {
    if (c["family"] == "rate_limit")
      ADD_FAILURE() << c["id"] << " ran without --include rate-limits";
  }
  // Every family but rate limits stayed under the documented limits, seen from the server.
  const json log = requests();
  for (const core::Api* api : catalogue_->subjects())
    if (api->provider == "tencent" && api->rate_limit.requests_per_second) {
      EXPECT_LE(busiest_second(log, api->id), *api->rate_limit.requests_per_second) << api->id;
      EXPECT_GT(busiest_second(log, api->id), 0) << api->id << " was never called";
    }
  // Put back: every allowlisted instance is running again, and the results say so.
  EXPECT_FALSE(r["restore"].empty()) << "the run changed nothing it had to restore";
  for (const json& x : r["restore"]) EXPECT_TRUE(x["restored"].get<bool>()) << x.dump();
  for (const char* product : {"cvm", "lighthouse", "ecm"})
    for (const json& id : allow[product]) EXPECT_EQ(states(product).at(id), "RUNNING") << id;
}

TEST_F(RemoteTarget, AnAlibabaAccountRunsItsDryRunsFirstAndIsPutBack) {
  const json allow = {{"ecs", running("ecs", 2)}};
  auto run =
      start_run(profile("alibaba", allow), {"ecs"}, {"--allow-mutations", "--only", "Alibaba*"});
  const auto status = run->wait(std::chrono::seconds(400));
  ASSERT_TRUE(status) << "the run did not end within 400 s\n" << run->output();
  EXPECT_EQ(*status, 0) << run->output();
  const json r = results();
  // Dry runs come before the first real stop on each API.
  std::map<std::string, bool> stopped_for_real;
  for (const json& c : r["cases"]) {
    const std::string api = c["api"];
    if (c["family"] == "dry_run") {
      EXPECT_FALSE(stopped_for_real[api]) << c["id"] << " ran after a real call";
    }
    if (c["family"] == "status") stopped_for_real[api] = true;
  }
  EXPECT_GT(count_outcome(r, "pass"), 20);
  EXPECT_EQ(count_outcome(r, "harness_error"), 0);
  for (const json& x : r["restore"]) EXPECT_TRUE(x["restored"].get<bool>()) << x.dump();
  for (const json& id : allow["ecs"]) EXPECT_EQ(states("ecs").at(id), "RUNNING") << id;
}

TEST_F(RemoteTarget, WithoutAllowMutationsNoInstanceIsChanged) {
  json allow;
  for (const char* product : {"cvm", "ecm"}) allow[product] = running(product, 1);
  const json before = control("/_cloudconform/v1/instances?product=cvm", nullptr, 200);
  auto run =
      start_run(profile("tencent", allow), {"cvm", "ecm"}, {"--only", "TencentCvm*:TencentEcm*"});
  const auto status = run->wait(std::chrono::seconds(300));
  ASSERT_TRUE(status) << run->output();
  EXPECT_EQ(*status, 0) << run->output();
  EXPECT_NE(run->output().find("read-only run"), std::string::npos) << run->output();
  const json r = results();
  EXPECT_TRUE(r["target"]["read_only"].get<bool>());
  EXPECT_GT(count_outcome(r, "pass"), 5) << "a read-only run still checks what needs no change";
  bool explained = false;
  for (const json& c : r["cases"])
    if (c["id"] == "TencentCvmStopInstances.StopsARunningInstance") {
      EXPECT_EQ(c["outcome"], "not_supported");
      explained = c.value("message", "").find("--allow-mutations") != std::string::npos;
    }
  EXPECT_TRUE(explained) << "the skipped stop does not say it needs --allow-mutations";
  // Nothing was stopped: not one accepted Stop or Start reached the server.
  for (const json& q : requests()) {
    const std::string api = q.value("api", "");
    if ((api.find("Stop") != std::string::npos || api.find("Start") != std::string::npos) &&
        q["code"] == "")
      ADD_FAILURE() << "an accepted " << api << " in a read-only run";
  }
  EXPECT_EQ(control("/_cloudconform/v1/instances?product=cvm", nullptr, 200), before);
  EXPECT_TRUE(r["restore"].empty());
}

TEST_F(RemoteTarget, CtrlCWindsDownAndPutsBackWhatTheRunStopped) {
  json allow = {{"cvm", running("cvm", 2)}};
  auto run =
      start_run(profile("tencent", allow), {"cvm"}, {"--allow-mutations", "--only", "TencentCvm*"});
  // Interrupt as soon as the run has stopped one of them (polling: the emulator has no events).
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(120);
  bool stopped = false;
  while (!stopped && std::chrono::steady_clock::now() < deadline) {
    for (const auto& [id, state] : states("cvm")) stopped = stopped || state != "RUNNING";
    if (!stopped) std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  ASSERT_TRUE(stopped) << "the run never stopped an instance\n" << run->output();
  run->signal(SIGINT);
  const auto status = run->wait(std::chrono::seconds(120));
  ASSERT_TRUE(status) << "the interrupted run did not end\n" << run->output();
  EXPECT_EQ(*status, 130) << run->output();
  const json r = results();
  EXPECT_NE(r.value("interrupted", "").find("SIGINT"), std::string::npos);
  EXPECT_FALSE(r["restore"].empty());
  for (const json& x : r["restore"]) EXPECT_TRUE(x["restored"].get<bool>()) << x.dump();
  for (const json& id : allow["cvm"]) EXPECT_EQ(states("cvm").at(id), "RUNNING") << id;
}

TEST_F(RemoteTarget, AnInstanceThatCannotBeStartedAgainIsReportedAndSaidInTheExitStatus) {
  json allow = {{"cvm", running("cvm", 1)}};
  // From now on the account refuses every start: what the run stops stays stopped.
  control("/_cloudconform/v1/faults",
          {{"api", "TencentCvmStartInstances"}, {"code", "InternalError"}, {"count", 1000}}, 201);
  auto run =
      start_run(profile("tencent", allow), {"cvm"},
                {"--allow-mutations", "--only", "TencentCvmStopInstances.StopsARunningInstance"});
  const auto status = run->wait(std::chrono::seconds(120));
  ASSERT_TRUE(status) << run->output();
  EXPECT_EQ(*status, 3) << run->output();
  const json r = results();
  ASSERT_EQ(r["restore"].size(), 1u);
  EXPECT_FALSE(r["restore"][0]["restored"].get<bool>());
  EXPECT_EQ(r["restore"][0]["id"], allow["cvm"][0]);
  EXPECT_NE(report_md().find("could not put back " + allow["cvm"][0].get<std::string>()),
            std::string::npos)
      << report_md();
  EXPECT_NE(run->output().find("could not put " + allow["cvm"][0].get<std::string>() + " back"),
            std::string::npos);
}

TEST_F(RemoteTarget, ThePlanListsTheStopsAndStartsTheRunThenMakes) {
  const json allow = {{"cvm", running("cvm", 2)}};
  const std::string p = profile("tencent", allow);
  // The signing properties run for a time budget, and two simultaneous stops are sent again
  // until they overlap (up to 20 times, more under load): their request counts vary from run to
  // run, so the counts compared below leave them out.
  const std::string only =
      "TencentCvm*-*.SignedParametersAreAccepted:*.AChangedByteBreaksTheSignature:"
      "*.AcceptsOnlyOneOfTwoSimultaneousStops";
  Subprocess plan({CLOUDCONFORM_BINARY, "plan", "--target", p, "--allow-mutations", "--only", only},
                  {{"HOME", dir_.string()}}, (dir_ / "plan").string());
  const auto planned = plan.wait(std::chrono::seconds(300));
  ASSERT_TRUE(planned) << plan.output();
  ASSERT_EQ(*planned, 0) << plan.output();
  const std::string text = plan.output();
  EXPECT_NE(text.find("restore: "), std::string::npos) << text;
  EXPECT_NE(text.find(allow["cvm"][0].get<std::string>()), std::string::npos)
      << "the plan does not name the profile's ids\n"
      << text;
  EXPECT_NE(text.find("Expected duration: "), std::string::npos) << text;
  EXPECT_TRUE(requests().empty()) << "the plan contacted the target";
  // The plan's count of each mutating API is what the run then sends.
  auto run = start_run(p, {"cvm"}, {"--allow-mutations", "--only", only});
  const auto status = run->wait(std::chrono::seconds(300));
  ASSERT_TRUE(status) << run->output();
  ASSERT_EQ(*status, 0) << run->output();
  // The server's log files a request it cannot attribute (an unknown action or version, a bad
  // signature) under no API: in this selection those are all stop calls, and the one GET the
  // run sends before the first case to see that the target answers (suites/reachability.h).
  const json log = requests();
  std::map<std::string, std::size_t> logged;
  for (const json& q : log)
    ++logged[catalogue_->find(q.value("api", "")) ? q.value("api", "") : "unattributed"];
  auto planned_count = [&](const std::string& api) -> std::size_t {
    const size_t at = text.find("  " + api + " ");
    if (at == std::string::npos) return 0;
    return std::stoul(text.substr(text.find_first_not_of(' ', at + 2 + api.size())));
  };
  EXPECT_GT(logged["TencentCvmStartInstances"], 0u);
  EXPECT_EQ(planned_count("TencentCvmStartInstances"), logged["TencentCvmStartInstances"]) << text;
  EXPECT_EQ(planned_count("TencentCvmStopInstances"),
            logged["TencentCvmStopInstances"] + logged["unattributed"] - 1)
      << text;
}

}  // namespace
}  // namespace cc::test
