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

std::string arrow_of(const CaseChange& c) { return to_string(*c.before) + " → (removed)"; }

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

// The run of issue 15: 185 of 187 cases lost read as "185 removed", exit 0.
TEST(ReportDiff, ARemovedCaseFailsTheGateUnlessAllowed) {
  const json base = load_data(kClean);
  json next = base;
  next["cases"] = json::array({base["cases"][0], base["cases"][1]});
  const size_t removed = base["cases"].size() - 2;
  const ResultsDiff d = diff_results(base, next);
  EXPECT_EQ(d.removed_cases.size(), removed);
  EXPECT_TRUE(d.regressions.empty() && d.still_failing.empty());
  EXPECT_EQ(d.status(), 1);
  const std::string text = render_diff_text(d, "b", "n");
  EXPECT_NE(text.find("cases of BASE missing from NEW fail the gate; --allow-removed accepts them"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find(std::to_string(removed) + " removed; exit 1\n"), std::string::npos) << text;
  const ResultsDiff allowed = diff_results(base, next, {.allow_removed = true});
  EXPECT_EQ(allowed.removed_cases.size(), removed);
  EXPECT_EQ(allowed.status(), 0);
  EXPECT_NE(render_diff_text(allowed, "b", "n").find(" removed (allowed); exit 0\n"),
            std::string::npos);
  // Allowing removals does not hide a regression.
  next["cases"][0]["outcome"] = "fail";
  EXPECT_EQ(diff_results(base, next, {.allow_removed = true}).status(), 1);
}

TEST(ReportDiff, CollapsesTheRemovedCasesToACountUnlessVerbose) {
  const json base = load_data(kClean);
  json next = base;
  next["cases"] = json::array({base["cases"][0]});
  const ResultsDiff d = diff_results(base, next);
  const size_t n = d.removed_cases.size();
  ASSERT_GT(n, 5u);
  std::string first_five;
  for (size_t i = 0; i < 5; ++i) first_five += " " + d.removed_cases[i].id + ",";
  const std::string text = render_diff_text(d, "b", "n");
  EXPECT_NE(text.find("Removed cases (" + std::to_string(n) + "):" + first_five + " and " +
                      std::to_string(n - 5) + " more; --verbose lists them\n"),
            std::string::npos)
      << text;
  EXPECT_EQ(text.find(d.removed_cases[5].id), std::string::npos);
  const std::string verbose = render_diff_text(d, "b", "n", true);
  for (const auto& c : d.removed_cases)
    EXPECT_NE(verbose.find("  " + c.id + ": " + arrow_of(c) + "\n"), std::string::npos) << c.id;
  const std::string md = render_diff_markdown(d, "b", "n");
  EXPECT_EQ(count(md, "→ (removed) |"), 5u) << md;
  EXPECT_NE(md.find("…and " + std::to_string(n - 5) + " more; `--verbose` lists them."),
            std::string::npos)
      << md;
  EXPECT_EQ(count(render_diff_markdown(d, "b", "n", true), "→ (removed) |"), n);
}

TEST(ReportDiff, NamesAChangedTargetAndAPartialSelectionAtTheTop) {
  const json base = load_data(kClean);
  json next = base;
  next["target"]["name"] = "my emulator";
  next["target"]["kind"] = "remote";
  next["target"]["endpoints"]["cvm"]["url"] = "https://cvm.example.com";
  next["suite"]["version"] = "9.9.9";
  next["selection"] = {{"only", "TencentCvm*"}, {"cases", 4}, {"of", 200}, {"apis", {"X"}}};
  const ResultsDiff d = diff_results(base, next);
  const std::string text = render_diff_text(d, "b", "n");
  const std::vector<std::string> expected = {
      "note: NEW judged 4 of 200 cases (--only 'TencentCvm*')\n",
      "note: target name changed: cloudconform reference emulator → my emulator\n",
      "note: target kind changed: embedded-emulator → remote\n",
      "note: target endpoints changed: cvm=http://127.0.0.1 (cvm.tencentcloudapi.com), ",
      "note: suite version changed: 0.1.0 → 9.9.9\n"};
  size_t at = 0;
  for (const auto& line : expected) {
    const size_t found = text.find(line);
    EXPECT_NE(found, std::string::npos) << line << "\n" << text;
    EXPECT_GE(found, at) << line;  // in this order
    at = found;
  }
  EXPECT_LT(at, text.find("Removed cases")) << "the notes come before the sections";
  const std::string md = render_diff_markdown(d, "b", "n");
  EXPECT_LT(md.find("> NEW judged 4 of 200 cases"), md.find("###")) << md;
}

TEST(ReportDiff, ALoopbackPortIsNoChangeOfTarget) {
  // Two runs against the embedded emulator, which binds a new port each time.
  const json base = load_data(kClean);
  json next = base;
  next["target"]["endpoints"]["cvm"]["url"] = "http://127.0.0.1:1";
  EXPECT_TRUE(diff_results(base, next).notes.empty());
  json whole = base;
  whole["selection"] = {{"only", nullptr}, {"cases", 200}, {"of", 200}, {"apis", json::array()}};
  EXPECT_TRUE(diff_results(whole, whole).notes.empty()) << "a whole selection is not named";
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
