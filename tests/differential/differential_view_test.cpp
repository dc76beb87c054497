// The results file's "differential" read into reports::Results: typed, redacted as it is read,
// and refused with file and pointer when malformed — like the rest of results_view.h.
#include <gtest/gtest.h>

#include "reports/results_view.h"
#include "tests/differential/compared_data.h"

namespace cc::reports::testing {
namespace {

using nlohmann::json;

std::string problem(const json& r) {
  try {
    read_results(r, "r.json");
  } catch (const core::DataError& e) {
    return e.what();
  }
  return "";
}

TEST(DifferentialView, ReadsEveryDifferenceWithTypedFields) {
  const Results r = read_results(load_compared(), "compared.json");
  ASSERT_TRUE(r.differential.has_value());
  const Differential& d = *r.differential;
  EXPECT_EQ(d.snapshot_dir, "snapshots/faithful");
  EXPECT_EQ(d.snapshot_target["kind"], "embedded-emulator");
  EXPECT_EQ(d.snapshot_target["date"], "2026-12-05T01:00:00Z");
  EXPECT_EQ(d.rules.size(), 6u);
  EXPECT_EQ(d.compared, 3);
  EXPECT_EQ(d.not_in_snapshot,
            std::vector<std::string>{"TencentCvmStopInstances.RejectsAMalformedId"});
  EXPECT_EQ(d.not_run.size(), 2u);
  ASSERT_EQ(d.differences.size(), kDifferences);
  const TargetDifference& field = d.differences[0];
  EXPECT_EQ(field.case_id, kFieldCase);
  EXPECT_EQ(field.api, "TencentCvmStopInstances");
  EXPECT_EQ(field.exchange, 1);
  EXPECT_EQ(field.action, "StopInstances");
  EXPECT_EQ(field.pointer, "/response/body/Response/Error/Code");
  EXPECT_EQ(field.recorded, "InvalidInstanceId.NotFound");
  EXPECT_EQ(field.observed, "InvalidInstanceId.Malformed");
  EXPECT_EQ(field.rule, "equal");
  EXPECT_EQ(d.differences[1].exchange, -1);  // a state sequence spans the Describe calls
  EXPECT_TRUE(d.differences[2].observed.is_null());
  EXPECT_FALSE(r.differential_gate);
  // A difference is no verdict: the outcomes are counted as they came.
  EXPECT_EQ(r.counts[CaseOutcome::Pass], 3);
}

TEST(DifferentialView, ReadsTheDifferentialGate) {
  EXPECT_TRUE(read_results(compared_under_gate()).differential_gate);
}

TEST(DifferentialView, AFileWithoutTheSectionHasNoDifferential) {
  json r = load_compared();
  r.erase("differential");
  r.erase("differential_gate");
  const Results read = read_results(r);
  EXPECT_FALSE(read.differential.has_value());
  EXPECT_FALSE(read.differential_gate);
}

TEST(DifferentialView, HidesSecretsTheSnapshotMightHaveKept) {
  const Results r = read_results(load_compared());
  const Differential& d = *r.differential;
  EXPECT_FALSE(d.snapshot_target.contains("session_token"));
  EXPECT_EQ(d.snapshot_target["account"]["tencent_secret_id"], "sha256:0123456789abcdef");
  EXPECT_EQ(d.differences[3].observed, "***");  // under /request/headers/Authorization
  EXPECT_EQ(d.differences[3].recorded, "<authorization:TC3-HMAC-SHA256>");  // a placeholder
  EXPECT_EQ(d.differences[2].recorded.dump().find("CANARY"), std::string::npos);
  EXPECT_EQ(d.differences[2].recorded["response"]["status"], 200);
}

TEST(DifferentialView, RefusesAMalformedSectionNamingFileAndPointer) {
  json r = load_compared();
  r["differential"]["differences"][0].erase("case");
  EXPECT_EQ(problem(r),
            "[results.missing_field] r.json: /differential/differences/0/case: required field is "
            "missing");
  r = load_compared();
  r["differential"]["rules"][1] = 7;
  EXPECT_EQ(problem(r), "[results.wrong_type] r.json: /differential/rules/1: expected a string");
  r = load_compared();
  r["differential"]["not_run"] = "all";
  EXPECT_EQ(problem(r),
            "[results.wrong_type] r.json: /differential/not_run: expected array, found string");
  r = load_compared();
  r["differential"]["differences"][1]["exchange"] = "first";
  EXPECT_EQ(problem(r),
            "[results.wrong_type] r.json: /differential/differences/1/exchange: expected number, "
            "found string");
  r = load_compared();
  r["differential_gate"] = "yes";
  EXPECT_EQ(problem(r),
            "[results.wrong_type] r.json: /differential_gate: expected boolean, found string");
  r = load_compared();
  r["differential"] = json::array();
  EXPECT_EQ(problem(r), "[results.wrong_type] r.json: /differential: expected object, found array");
}

}  // namespace
}  // namespace cc::reports::testing
