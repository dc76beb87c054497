#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "harness/core/json_reader.h"
#include "reports/expectations.h"
#include "reports/model.h"
#include "tests/reports/test_data.h"

namespace cc::reports::testing {
namespace {

using nlohmann::json;

json expect_failures(const json& list) { return {{"target", "test"}, {"expected_failures", list}}; }

std::string error_of(const json& expectations) {
  json r = load_data(kClean);
  try {
    apply_expectations(r, expectations, "exp.json");
  } catch (const core::DataError& e) {
    return e.what();
  }
  return "";
}

TEST(Expectations, TheEmulatorsFileIsValidAndEmpty) {
  const json e = load_expectations(std::string(CC_EXPECTATIONS_DIR) + "/emulator.json");
  EXPECT_EQ(e["target"], "emulator");
  EXPECT_TRUE(e["expected_failures"].empty());
  json r = load_data(kClean);
  apply_expectations(r, e);
  EXPECT_EQ(exit_status(r), 0);
}

TEST(Expectations, AListedFailureIsAnExpectedFailure) {
  json r = load_data(kStoppedAccepted);
  const auto failed = ids_with(r, "fail");
  ASSERT_FALSE(failed.empty());
  EXPECT_EQ(exit_status(r), 1);
  json list = json::array();
  for (const auto& id : failed)
    list.push_back({{"case", id}, {"reason", "known"}, {"link", "https://x/1"}});
  apply_expectations(r, expect_failures(list));
  EXPECT_EQ(ids_with(r, "expected_fail"), failed);
  EXPECT_TRUE(ids_with(r, "fail").empty());
  EXPECT_EQ(r["summary"]["expected_fail"], failed.size());
  EXPECT_EQ(r["summary"]["fail"], 0);
  for (const auto& c : r["cases"])
    if (c["outcome"] == "expected_fail") {
      EXPECT_EQ(c["expectation"]["reason"], "known");
    }
  EXPECT_EQ(exit_status(r), 0);
}

TEST(Expectations, AListedPassIsAnUnexpectedPass) {
  json r = load_data(kClean);
  const std::string id = ids_with(r, "pass").front();
  apply_expectations(r, expect_failures({{{"case", id}, {"reason", "was broken"}, {"link", ""}}}));
  EXPECT_EQ(ids_with(r, "unexpected_pass"), std::vector<std::string>{id});
  EXPECT_EQ(r["summary"]["unexpected_pass"], 1);
  EXPECT_EQ(exit_status(r), 1);
}

TEST(Expectations, MatchesCasesByRegularExpression) {
  json r = load_data(kStoppedAccepted);
  const auto failed = ids_with(r, "fail");
  apply_expectations(
      r, expect_failures(
             {{{"case", ".*\\.RejectsAStoppedInstance"}, {"reason", "r"}, {"link", "l"}}}));
  for (const auto& c : r["cases"]) {
    const bool listed = c["behaviour"] == "RejectsAStoppedInstance";
    EXPECT_EQ(c.contains("expectation"), listed) << c["id"];
    if (listed && std::find(failed.begin(), failed.end(), c["id"]) != failed.end()) {
      EXPECT_EQ(c["outcome"], "expected_fail") << c["id"];
    }
  }
}

TEST(Expectations, ApplyingAgainReplacesTheEarlierClassification) {
  json r = load_data(kStoppedAccepted);
  const auto failed = ids_with(r, "fail");
  apply_expectations(r, expect_failures({{{"case", failed[0]}, {"reason", "r"}, {"link", "l"}}}));
  EXPECT_EQ(r["summary"]["expected_fail"], 1);
  apply_expectations(r, expect_failures(json::array()));
  EXPECT_EQ(ids_with(r, "fail"), failed);
  EXPECT_EQ(r["summary"]["expected_fail"], 0);
  for (const auto& c : r["cases"]) EXPECT_FALSE(c.contains("expectation"));
}

TEST(Expectations, ListsPatternsThatMatchedNothing) {
  json r = load_data(kClean);
  apply_expectations(r,
                     expect_failures({{{"case", "No.SuchCase"}, {"reason", "r"}, {"link", "l"}}}));
  EXPECT_EQ(r["expectations"]["unmatched"], json::array({"No.SuchCase"}));
}

TEST(Expectations, AMalformedFileNamesTheFileAndThePointer) {
  EXPECT_EQ(error_of(expect_failures({{{"case", "A.B"}, {"reason", 3}, {"link", "l"}}})),
            "[expectations.wrong_type] exp.json: /expected_failures/0/reason: expected a string, "
            "found number");
  EXPECT_EQ(error_of(expect_failures({{{"case", "A.B"}, {"reason", "r"}}})),
            "[expectations.missing_field] exp.json: /expected_failures/0/link: required field is "
            "missing");
  EXPECT_EQ(error_of(expect_failures({{{"case", "A.B"}, {"reason", ""}, {"link", "l"}}})),
            "[expectations.bad_value] exp.json: /expected_failures/0/reason: a known failure needs "
            "a reason");
  EXPECT_EQ(
      error_of(
          expect_failures({{{"case", "A.B"}, {"reason", "r"}, {"link", "l"}, {"resaon", "typo"}}})),
      "[expectations.unknown_field] exp.json: /expected_failures/0/resaon: unknown field (typo?)");
  EXPECT_EQ(error_of({{"expected_failures", json::array()}}),
            "[expectations.missing_field] exp.json: /target: required field is missing");
  EXPECT_NE(error_of(expect_failures({{{"case", "(unclosed"}, {"reason", "r"}, {"link", "l"}}}))
                .find("[expectations.bad_value] exp.json: /expected_failures/0/case: not a valid "
                      "regular expression"),
            std::string::npos);
}

TEST(Expectations, AFileThatIsNotJsonNamesLineAndColumn) {
  const auto path = std::filesystem::temp_directory_path() / "cc-reports-bad-expectations.json";
  std::ofstream(path) << "{\"target\": \"x\",\n \"expected_failures\": [,]}\n";
  try {
    load_expectations(path.string());
    FAIL() << "accepted a file that is not JSON";
  } catch (const core::DataError& e) {
    EXPECT_EQ(std::string(e.what()),
              "[expectations.syntax] " + path.string() + ": line 2, column 24: not valid JSON");
  }
  std::filesystem::remove(path);
}

TEST(Expectations, AListedDeviationIsExpectedAndStrictBothWays) {
  const std::string dev = "TencentLighthouseStopInstances.RejectsDuplicateIds";
  const std::string fail = "AlibabaEcsStopInstance.RejectsAStoppedInstance";
  const std::string pass = "TencentCvmStopInstances.StopsARunningInstance";
  auto entry = [](const std::string& id, const std::string& outcome) {
    return json{{"case", id}, {"reason", "known"}, {"link", ""}, {"outcome", outcome}};
  };
  json r = with_gate(load_data(kAssertions), "should");
  EXPECT_EQ(exit_status(r), 1);
  apply_expectations(r, expect_failures({entry(dev, "deviation"), entry(fail, "deviation"),
                                         entry(pass, "deviation")}));
  EXPECT_EQ(case_of(r, dev)["outcome"], "expected_fail");  // deviates as listed
  EXPECT_EQ(case_of(r, dev)["expectation"]["outcome"], "deviation");
  EXPECT_EQ(case_of(r, dev)["expectation"]["was"], "deviation");
  EXPECT_EQ(case_of(r, fail)["outcome"], "fail");  // worse than listed: a MUST broke
  EXPECT_EQ(case_of(r, pass)["outcome"], "unexpected_pass");
  // A known MUST failure that now only deviates: the file must say so.
  json r2 = load_data(kAssertions);
  apply_expectations(r2, expect_failures({entry(dev, "fail"), entry(fail, "fail")}));
  EXPECT_EQ(case_of(r2, dev)["outcome"], "unexpected_pass");
  EXPECT_EQ(case_of(r2, fail)["outcome"], "expected_fail");
  // Applying another file starts from the suite's own outcomes, deviation included.
  apply_expectations(r2, expect_failures(json::array()));
  EXPECT_EQ(case_of(r2, dev)["outcome"], "deviation");
  EXPECT_EQ(case_of(r2, fail)["outcome"], "fail");
  // Without "outcome" an entry lists a failure, as before.
  json r3 = load_data(kAssertions);
  apply_expectations(r3, expect_failures({{{"case", fail}, {"reason", "r"}, {"link", ""}}}));
  EXPECT_EQ(case_of(r3, fail)["outcome"], "expected_fail");
  EXPECT_EQ(error_of(expect_failures(json::array({entry(fail, "flaky")}))),
            "[expectations.bad_value] exp.json: /expected_failures/0/outcome: outcome must be "
            "\"fail\" or \"deviation\", not \"flaky\"");
  // The gate on deviations holds once every deviation and failure is listed.
  json all = with_gate(load_data(kAssertions), "should");
  apply_expectations(all, expect_failures({entry(dev, "deviation"), entry("Alibaba.*", "fail")}));
  EXPECT_EQ(exit_status(all), 0) << all["summary"].dump();
}

TEST(Expectations, ExitStatusIsTwoOnAHarnessErrorWhateverElse) {
  json r = load_data(kCanary);
  EXPECT_EQ(exit_status(r), 2);
  for (auto& c : r["cases"])
    if (c["outcome"] == "harness_error") c["outcome"] = "pass";
  EXPECT_EQ(exit_status(r), 1);  // a fail and an unexpected pass remain
}

}  // namespace
}  // namespace cc::reports::testing
