#include <gtest/gtest.h>

#include <filesystem>

#include "harness/core/json_reader.h"
#include "reports/model.h"
#include "reports/results_view.h"
#include "reports/write.h"
#include "tests/reports/test_data.h"

namespace cc::reports::testing {
namespace {

using nlohmann::json;

std::string problem(const json& r) {
  try {
    validate_results(r, "r.json");
  } catch (const core::DataError& e) {
    return e.what();
  }
  return "";
}

TEST(ReportValidation, AcceptsEveryDataFile) {
  for (const auto& name : data_files()) EXPECT_EQ(problem(load_data(name)), "") << name;
}

TEST(ReportValidation, NamesTheFileAndPointerOfWhatIsWrong) {
  json r = load_data(kCanary);
  r["schema"] = "cloudconform.results/2";
  EXPECT_EQ(problem(r),
            "[results.bad_value] r.json: /schema: schema must be cloudconform.results/1");
  r = load_data(kCanary);
  r["cases"][3]["outcome"] = "passed";
  EXPECT_EQ(problem(r), "[results.bad_value] r.json: /cases/3/outcome: unknown outcome \"passed\"");
  r = load_data(kCanary);
  r["cases"][0]["transcript"][0]["request"]["headers"][1] = "Authorization: x";
  EXPECT_EQ(problem(r),
            "[results.wrong_type] r.json: /cases/0/transcript/0/request/headers/1: a header is a "
            "[name, value] pair of "
            "strings");
  r = load_data(kCanary);
  r["cases"][2]["id"] = r["cases"][1]["id"];
  EXPECT_EQ(problem(r), "[results.duplicate_case] r.json: /cases/2/id: case " +
                            r["cases"][1]["id"].get<std::string>() + " appears twice");
  r = load_data(kCanary);
  r["coverage"]["TencentCvmStopInstances"]["documented"][1].erase("code");
  EXPECT_EQ(problem(r),
            "[results.missing_field] r.json: /coverage/TencentCvmStopInstances/documented/1/code: "
            "required field is "
            "missing");
  EXPECT_EQ(problem(json::array()),
            "[results.wrong_type] r.json: /: expected an object, found array");
}

TEST(ReportValidation, WriteAllReportsNamesTheResultsFileItWasGiven) {
  const auto dir = std::filesystem::temp_directory_path() / "cc-reports-validation";
  json r = load_data(kClean);
  r["cases"][0].erase("family");
  try {
    write_all_reports(r, dir.string());
    FAIL() << "wrote reports of a malformed file";
  } catch (const core::DataError& e) {
    EXPECT_EQ(std::string(e.what()), "[results.missing_field] " + (dir / "results.json").string() +
                                         ": /cases/0/family: required field is missing");
  }
  EXPECT_FALSE(std::filesystem::exists(dir / "report.html"));
}

TEST(ReportValidation, RecomputesAStaleSummaryAndDropsNulls) {
  json r = load_data(kCanary);
  ASSERT_EQ(r["summary"]["total"], 0);  // stale on purpose
  r["cases"][0]["message"] = nullptr;
  const Results p = read_results(r);
  EXPECT_EQ(p.counts.total, 8);
  EXPECT_EQ(p.counts[CaseOutcome::ExpectedFail], 1);
  EXPECT_EQ(p.counts[CaseOutcome::UnexpectedPass], 1);
  EXPECT_EQ(p.cases[0].message, "");
  EXPECT_FALSE(p.target.contains("tencent_secret_key"));
  EXPECT_FALSE(p.target["credentials"].contains("session_token"));
  EXPECT_TRUE(p.target.contains("tencent_secret_id"));
}

TEST(ReportValidation, NamesAnUnknownLevelOfACase) {
  json r = load_data(kCanary);
  r["cases"][2]["level"] = "MAY";
  EXPECT_EQ(problem(r),
            "[results.bad_value] r.json: /cases/2/level: unknown level \"MAY\" (MUST, SHOULD or "
            "OBSERVED)");
}

TEST(ReportValidation, NamesAnUnknownFamilyOfACase) {
  json r = load_data(kCanary);
  r["cases"][2]["family"] = "stopping";
  EXPECT_EQ(problem(r),
            "[results.bad_value] r.json: /cases/2/family: unknown family \"stopping\" (status, "
            "errors, batch, duplicates, dry_run, protocol, concurrency, rate_limit or properties)");
}

TEST(ReportVocabulary, RoundTripsEveryFamilyName) {
  for (core::Family f : core::all_families())
    EXPECT_EQ(core::parse_family(core::to_string(f)), f) << core::to_string(f);
  EXPECT_EQ(core::parse_family("rate-limits"), std::nullopt);  // the --include spelling is not one
}

TEST(ReportVocabulary, RoundTripsEveryOutcomeAndLevelName) {
  for (CaseOutcome o : core::all_case_outcomes())
    EXPECT_EQ(core::parse_case_outcome(core::to_string(o)), o) << core::to_string(o);
  for (Level l : {Level::Must, Level::Should, Level::Observed})
    EXPECT_EQ(core::parse_level(core::to_string(l)), l) << core::to_string(l);
  EXPECT_EQ(core::parse_case_outcome("passed"), std::nullopt);
  EXPECT_EQ(core::parse_level("must"), std::nullopt);  // the names are case-sensitive
}

// results.json's summary keeps the suite's own seven outcomes: expected_fail and
// unexpected_pass only appear once an expectations file has classified the cases.
TEST(ReportVocabulary, TheRunsSummaryCountsTheSuitesOwnOutcomes) {
  core::RunRecord run;
  using O = core::CaseOutcome;
  for (O o : {O::Pass, O::Fail, O::Pass, O::NotSupported}) {
    run.cases.emplace_back();
    run.cases.back().outcome = o;
  }
  EXPECT_EQ(run.summary(), json::parse(R"({"total": 4, "pass": 2, "fail": 1, "deviation": 0,
    "inconclusive": 0, "observed": 0, "not_supported": 1, "harness_error": 0})"));
}

}  // namespace
}  // namespace cc::reports::testing
