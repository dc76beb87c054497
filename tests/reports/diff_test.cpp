#include <gtest/gtest.h>

#include <algorithm>

#include "reports/diff.h"
#include "reports/expectations.h"
#include "tests/reports/test_data.h"

namespace cc::reports::testing {
namespace {

using nlohmann::json;

std::vector<std::string> ids(const std::vector<CaseChange>& changes) {
  std::vector<std::string> out;
  for (const auto& c : changes) out.push_back(c.id);
  return out;
}

// The two real runs cover the same cases (the deviation run was not filtered).
TEST(ReportDiff, ExitsNonZeroOnARegression) {
  const json base = load_data(kClean), next = load_data(kStoppedAccepted);
  const ResultsDiff d = diff_results(base, next);
  auto failed = ids_with(next, "fail");
  std::sort(failed.begin(), failed.end());  // the diff lists cases by id
  ASSERT_FALSE(failed.empty());
  EXPECT_EQ(ids(d.regressions), failed);
  for (const auto& c : d.regressions) {
    EXPECT_EQ(c.before, CaseOutcome::Pass);
    EXPECT_EQ(c.after, CaseOutcome::Fail);
    EXPECT_FALSE(c.message.empty());
  }
  EXPECT_TRUE(d.fixes.empty());
  EXPECT_EQ(d.status(), 1);
  const std::string text = render_diff_text(d, "base.json", "new.json");
  EXPECT_NE(text.find("Regressions (" + std::to_string(failed.size()) + "):\n  " + failed[0] +
                      ": pass → fail\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("; exit 1\n"), std::string::npos);
}

TEST(ReportDiff, ExitsZeroWhenNothingChanged) {
  const json base = load_data(kClean);
  const ResultsDiff d = diff_results(base, base);
  EXPECT_EQ(d.status(), 0);
  EXPECT_TRUE(d.regressions.empty() && d.fixes.empty() && d.new_cases.empty() &&
              d.removed_cases.empty() && d.outcome_changes.empty() && d.notes.empty());
}

TEST(ReportDiff, ReportsFixes) {
  const json base = load_data(kNeverThrottles), next = load_data(kClean);
  const ResultsDiff d = diff_results(base, next);
  EXPECT_EQ(ids(d.fixes), ids_with(base, "fail"));
  EXPECT_FALSE(d.fixes.empty());
  EXPECT_EQ(d.status(), 0);
}

TEST(ReportDiff, CountsAStillFailingCaseAsAnUnexpectedFailure) {
  const json next = load_data(kNeverThrottles);
  const ResultsDiff d = diff_results(next, next);
  EXPECT_TRUE(d.regressions.empty());
  EXPECT_EQ(ids(d.still_failing), ids_with(next, "fail"));
  EXPECT_EQ(d.status(), 1);
}

TEST(ReportDiff, ExpectedFailuresDoNotFailTheGate) {
  json base = load_data(kStoppedAccepted), next = load_data(kStoppedAccepted);
  json list = json::array();
  for (const auto& id : ids_with(next, "fail"))
    list.push_back({{"case", id}, {"reason", "known"}, {"link", "l"}});
  const json e = {{"target", "t"}, {"expected_failures", list}};
  EXPECT_EQ(diff_results(base, next).status(), 1);  // unclassified: failing in both
  apply_expectations(base, e);
  apply_expectations(next, e);
  const ResultsDiff d = diff_results(base, next);
  EXPECT_TRUE(d.regressions.empty() && d.still_failing.empty() && d.unexpected_passes.empty());
  EXPECT_EQ(d.status(), 0);
  // The same expectations against a clean run: every listed case now passes unexpectedly.
  json clean = load_data(kClean);
  apply_expectations(clean, e);
  const ResultsDiff fixed = diff_results(next, clean);
  EXPECT_EQ(fixed.unexpected_passes.size(), list.size());
  EXPECT_EQ(fixed.fixes.size(), list.size());
  EXPECT_EQ(fixed.status(), 1);
}

TEST(ReportDiff, ListsNewRemovedAndNewlyFailingCases) {
  json base = load_data(kClean), next = load_data(kClean);
  const json removed = base["cases"][0];
  next["cases"].erase(0);
  json added = base["cases"][1];
  added["id"] = "TencentCvmStopInstances.SomethingNew";
  added["outcome"] = "fail";
  added["message"] = "new check fails\nsecond line";
  next["cases"].push_back(added);
  const ResultsDiff d = diff_results(base, next);
  EXPECT_EQ(ids(d.removed_cases), std::vector<std::string>{removed["id"]});
  EXPECT_EQ(ids(d.new_cases), std::vector<std::string>{"TencentCvmStopInstances.SomethingNew"});
  EXPECT_EQ(ids(d.regressions), std::vector<std::string>{"TencentCvmStopInstances.SomethingNew"});
  EXPECT_EQ(d.regressions[0].message, "new check fails");
  EXPECT_EQ(d.status(), 1);
}

TEST(ReportDiff, ExitsTwoWhenTheNewRunHasHarnessErrors) {
  json next = load_data(kClean);
  next["cases"][0]["outcome"] = "harness_error";
  const ResultsDiff d = diff_results(load_data(kClean), next);
  EXPECT_EQ(ids(d.harness_errors), std::vector<std::string>{next["cases"][0]["id"]});
  EXPECT_EQ(d.status(), 2);
}

TEST(ReportDiff, NotesAChangedCatalogue) {
  json next = load_data(kClean);
  next["suite"]["catalogue_hash"] = "0000";
  const ResultsDiff d = diff_results(load_data(kClean), next);
  ASSERT_EQ(d.notes.size(), 1u);
  EXPECT_NE(d.notes[0].find("catalogue_hash changed"), std::string::npos);
}

TEST(ReportDiff, ANewDeviationFailsTheDiffOnlyUnderTheShouldGate) {
  const json base = load_data(kClean);
  json next = load_data(kClean);
  next["cases"][0]["outcome"] = "deviation";
  next["cases"][1]["outcome"] = "inconclusive";
  const std::string dev = next["cases"][0]["id"], inc = next["cases"][1]["id"];
  const ResultsDiff must = diff_results(base, next);
  EXPECT_EQ(ids(must.new_deviations), std::vector<std::string>{dev});
  EXPECT_EQ(ids(must.inconclusive), std::vector<std::string>{inc});
  EXPECT_TRUE(must.regressions.empty());
  EXPECT_EQ(must.status(), 0);  // inconclusive never, deviations not under MUST
  EXPECT_NE(render_diff_text(must, "b", "n")
                .find("New deviations from SHOULD (reported, not failed under "
                      "the MUST gate) (1):\n  " +
                      dev + ": pass → deviation"),
            std::string::npos);
  const ResultsDiff should = diff_results(base, with_gate(next, "should"));
  EXPECT_EQ(ids(should.regressions), std::vector<std::string>{dev});
  EXPECT_EQ(should.status(), 1);
  // Deviating in both runs is still failing under SHOULD, and nothing new under MUST.
  EXPECT_EQ(ids(diff_results(next, with_gate(next, "should")).still_failing),
            std::vector<std::string>{dev});
  EXPECT_EQ(diff_results(next, next).status(), 0);
  // A fix from a deviation.
  EXPECT_EQ(ids(diff_results(next, base).fixes), std::vector<std::string>{dev});
}

TEST(ReportDiff, RendersMarkdownTables) {
  const ResultsDiff d = diff_results(load_data(kClean), load_data(kStoppedAccepted));
  const std::string md = render_diff_markdown(d, "base.json", "new.json");
  EXPECT_EQ(md.rfind("## ❌ cloudconform diff: ", 0), 0u);
  EXPECT_NE(md.find("### Regressions (" + std::to_string(d.regressions.size()) +
                    ")\n\n| case | outcome | message |\n|---|---|---|\n| " + d.regressions[0].id +
                    " | pass → fail |"),
            std::string::npos)
      << md;
}

}  // namespace
}  // namespace cc::reports::testing
