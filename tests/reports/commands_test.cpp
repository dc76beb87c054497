#include <gtest/gtest.h>

#include <CLI/CLI.hpp>

#include <filesystem>
#include <sstream>

#include "reports/commands.h"
#include "reports/summary.h"
#include "tests/reports/test_data.h"

namespace cc::reports::testing {
namespace {

using nlohmann::json;
namespace fs = std::filesystem;

struct Ran {
  std::optional<int> status;
  std::string out, err;
};

// `report <args>` as the cloudconform command parses it.
Ran report(const std::string& args) {
  CLI::App app{"test"};
  CLI::App* r = app.add_subcommand("report");
  auto commands = add_report_commands(*r);
  app.parse("report " + args, false);
  std::ostringstream out, err;
  Ran ran;
  ran.status = commands->run(out, err);
  ran.out = out.str();
  ran.err = err.str();
  return ran;
}

class ReportCommands : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("cc-report-commands-" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string path(const std::string& name) const { return (dir_ / name).string(); }
  fs::path dir_;
};

TEST_F(ReportCommands, OutcomesPrintsOneLinePerCaseForTheNegativeControls) {
  const Ran r = report("outcomes " + data_path(kStoppedAccepted));
  EXPECT_EQ(r.status, 0);
  const json results = load_data(kStoppedAccepted);
  std::istringstream lines(r.out);
  std::string id, level, outcome;
  size_t n = 0;
  while (lines >> id >> level >> outcome) {
    EXPECT_EQ(id, results["cases"][n]["id"]);
    EXPECT_EQ(outcome, results["cases"][n]["outcome"]);
    ++n;
  }
  EXPECT_EQ(n, results["cases"].size());
}

TEST_F(ReportCommands, SummaryAndOutcomeKeepTheirOutput) {
  const json results = load_data(kStoppedAccepted);
  EXPECT_EQ(report("summary " + data_path(kStoppedAccepted)).out, render_summary(results));
  const std::string failed = ids_with(results, "fail").front();
  EXPECT_EQ(report("outcome " + data_path(kStoppedAccepted) + " " + failed).out, "fail\n");
  EXPECT_EQ(report("outcome " + data_path(kStoppedAccepted) + " No.Such").out, "absent\n");
}

TEST_F(ReportCommands, WriteProducesTheThreeReports) {
  const Ran r = report("write " + data_path(kNeverThrottles) + " --out " + path("out"));
  EXPECT_EQ(r.status, 0) << r.err;
  for (const char* f : {"junit.xml", "report.md", "report.html"}) {
    EXPECT_TRUE(fs::exists(dir_ / "out" / f)) << f;
    EXPECT_GT(fs::file_size(dir_ / "out" / f), 500u) << f;
    EXPECT_FALSE(fs::exists(dir_ / "out" / (std::string(f) + ".partial")));
  }
}

TEST_F(ReportCommands, WriteAppliesAnExpectationsFile) {
  const std::string failed = ids_with(load_data(kNeverThrottles), "fail").front();
  std::ofstream(path("exp.json")) << json{
      {"target", "t"}, {"expected_failures", {{{"case", failed}, {"reason", "r"}, {"link", "l"}}}}};
  EXPECT_EQ(report("write " + data_path(kNeverThrottles) + " --out " + path("out") +
                   " --expectations " + path("exp.json"))
                .status,
            0);
  EXPECT_NE(read_text(path("out/junit.xml")).find("<skipped message=\"expected failure: r (l)\"/>"),
            std::string::npos);
}

TEST_F(ReportCommands, DiffExitsOneOnARegressionAndPrintsMarkdown) {
  const Ran r =
      report("diff " + data_path(kClean) + " " + data_path(kStoppedAccepted) + " --markdown");
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(r.out.rfind("## ❌ cloudconform diff: ", 0), 0u) << r.out;
  EXPECT_EQ(report("diff " + data_path(kClean) + " " + data_path(kClean)).status, 0);
}

TEST_F(ReportCommands, DiffTakesRunDirectoriesAndFailsOnRemovedCases) {
  json full = load_data(kClean), two = full;
  two["cases"] = json::array({full["cases"][0], full["cases"][1]});
  const size_t removed = full["cases"].size() - 2;
  for (const auto& [name, results] : {std::pair{"full", full}, std::pair{"two", two}}) {
    fs::create_directories(dir_ / name);
    std::ofstream(path(std::string(name) + "/results.json")) << results;
  }
  const Ran gate = report("diff " + path("full") + " " + path("two"));
  EXPECT_EQ(gate.status, 1) << gate.err;
  EXPECT_NE(gate.out.find(path("full/results.json") + " → " + path("two/results.json")),
            std::string::npos)
      << gate.out;
  EXPECT_NE(gate.out.find("Removed cases (" + std::to_string(removed) + "):"), std::string::npos);
  EXPECT_NE(gate.out.find("more; --verbose lists them"), std::string::npos);
  const Ran allowed = report("diff " + path("full") + " " + path("two") + " --allow-removed");
  EXPECT_EQ(allowed.status, 0) << allowed.out;
  const json& last = full["cases"].back();
  const Ran verbose =
      report("diff " + path("full") + " " + path("two/results.json") + " --verbose");
  EXPECT_EQ(verbose.status, 1);
  EXPECT_NE(verbose.out.find(last["id"].get<std::string>() + ": " +
                             last["outcome"].get<std::string>() + " → (removed)"),
            std::string::npos)
      << verbose.out;
}

TEST_F(ReportCommands, EveryReadingSubcommandTakesARunDirectory) {
  fs::create_directories(dir_ / "run");
  std::ofstream(path("run/results.json")) << load_data(kClean);
  const Ran summary = report("summary " + path("run"));
  EXPECT_EQ(summary.status, 0) << summary.err;
  EXPECT_EQ(summary.out, report("summary " + path("run/results.json")).out);
  EXPECT_EQ(report("outcomes " + path("run")).status, 0);
  const std::string id = load_data(kClean)["cases"][0]["id"];
  EXPECT_EQ(report("outcome " + path("run") + " " + id).status, 0);
  const Ran write = report("write " + path("run"));
  EXPECT_EQ(write.status, 0) << write.err;
  EXPECT_TRUE(fs::exists(dir_ / "run" / "report.html"));
  const Ran empty = report("summary " + path("nothing-here"));
  EXPECT_EQ(empty.status, 2);
}

TEST_F(ReportCommands, DiffExitsTwoOnBadInput) {
  const Ran missing = report("diff " + data_path(kClean) + " " + path("nope.json"));
  EXPECT_EQ(missing.status, 2);
  EXPECT_NE(missing.err.find("[results.unreadable] " + path("nope.json")), std::string::npos)
      << missing.err;
  std::ofstream(path("bad.json"))
      << R"({"schema": "cloudconform.results/1", "cases": [{"id": 1}]})";
  const Ran bad = report("diff " + data_path(kClean) + " " + path("bad.json"));
  EXPECT_EQ(bad.status, 2);
  EXPECT_NE(bad.err.find("[results.wrong_type] " + path("bad.json") +
                         ": /cases/0/id: expected string, found number"),
            std::string::npos)
      << bad.err;
}

TEST_F(ReportCommands, MergeWritesOneResultsFileAndItsReports) {
  const json whole = load_data(kStoppedAccepted);
  for (int s = 0; s < 2; ++s) {
    json part = whole;
    part["cases"] = json::array();
    for (size_t i = s; i < whole["cases"].size(); i += 2)
      part["cases"].push_back(whole["cases"][i]);
    std::ofstream(path("shard" + std::to_string(s) + ".json")) << part;
  }
  const Ran r = report("merge " + path("shard0.json") + " " + path("shard1.json") + " --out " +
                       path("merged/results.json"));
  EXPECT_EQ(r.status, 0) << r.err;
  const json merged = json::parse(read_text(path("merged/results.json")));
  EXPECT_EQ(merged["cases"].size(), whole["cases"].size());
  EXPECT_EQ(merged["summary"]["fail"], ids_with(whole, "fail").size());
  EXPECT_TRUE(fs::exists(dir_ / "merged" / "report.html"));
  const Ran dup = report("merge " + path("shard0.json") + " " + path("shard0.json") + " --out " +
                         path("m2.json"));
  EXPECT_EQ(dup.status, 2);
  EXPECT_NE(dup.err.find("[results.duplicate_case]"), std::string::npos);
  EXPECT_FALSE(fs::exists(path("m2.json")));
}

TEST_F(ReportCommands, CompareWritesItsThreeReportsAndExitsTwoOnBadInput) {
  const std::string clean = data_path(kClean), broken = data_path(kStoppedAccepted);
  const Ran r = report("compare " + clean + " --label faithful=" + clean + " " + broken +
                       " --out " + path("cmp"));
  EXPECT_EQ(r.status, 0) << r.err;
  for (const char* f : {"compare.html", "compare.md", "compare.json"})
    EXPECT_TRUE(fs::exists(dir_ / "cmp" / f)) << f;
  EXPECT_NE(read_text(path("cmp/compare.md")).find("faithful"), std::string::npos);
  const Ran single = report("compare " + clean + " --out " + path("one"));
  EXPECT_EQ(single.status, 2);
  EXPECT_NE(single.err.find("cloudconform report compare: "), std::string::npos) << single.err;
}

TEST_F(ReportCommands, RunReturnsNothingWhenNoReportCommandWasParsed) {
  CLI::App app{"test"};
  CLI::App* r = app.add_subcommand("report");
  app.add_subcommand("other");
  auto commands = add_report_commands(*r);
  app.parse("other", false);
  EXPECT_EQ(commands->run(), std::nullopt);
}

}  // namespace
}  // namespace cc::reports::testing
