#include <gtest/gtest.h>

#include "reports/markdown.h"
#include "reports/model.h"
#include "tests/differential/compared_data.h"
#include "tests/reports/test_data.h"

namespace cc::reports::testing {
namespace {

using nlohmann::json;

std::string line_of(const std::string& text, const std::string& start) {
  const size_t at = text.find("\n" + start);
  if (at == std::string::npos) return "";
  return text.substr(at + 1, text.find('\n', at + 1) - at - 1);
}

TEST(MarkdownReport, StartsWithAOneLineVerdict) {
  const std::string clean = render_markdown(load_data(kClean));
  EXPECT_EQ(clean.rfind("## ✅ cloudconform: Conformant: ", 0), 0u) << clean.substr(0, 200);
  const std::string failing = render_markdown(load_data(kStoppedAccepted));
  EXPECT_EQ(failing.rfind("## ❌ cloudconform: Non-conformant: ", 0), 0u) << failing.substr(0, 200);
}

TEST(MarkdownReport, ShowsTheMatrixWithPercentagesPerApiAndOverall) {
  const json r = load_data(kStoppedAccepted);
  const std::string md = render_markdown(r);
  const Matrix m = compute_matrix(r);
  for (const auto& [api, cell] : m.per_api) {
    const std::string row = line_of(md, "| " + api + " |");
    ASSERT_FALSE(row.empty()) << api;
    EXPECT_NE(row.find(format_percent(cell.percent()) + " |"), std::string::npos) << row;
  }
  const std::string overall = line_of(md, "| **overall** |");
  EXPECT_NE(
      overall.find("**" + format_percent(m.overall.percent()) + "** (" +
                   std::to_string(m.overall.met) + "/" + std::to_string(m.overall.judged) + ")"),
      std::string::npos)
      << overall;
  EXPECT_LT(m.overall.met, m.overall.judged);
  EXPECT_NE(md.find("❌ "), std::string::npos);
}

TEST(MarkdownReport, ListsEachFailureWithItsReplayLine) {
  const json r = load_data(kStoppedAccepted);
  const std::string md = render_markdown(r);
  const auto failed = ids_with(r, "fail");
  ASSERT_FALSE(failed.empty());
  EXPECT_NE(md.find("### Failures (" + std::to_string(failed.size()) + ")"), std::string::npos);
  for (const auto& c : r["cases"]) {
    if (c["outcome"] != "fail") continue;
    const std::string item = line_of(md, "- **" + c["id"].get<std::string>() + "** (MUST)");
    EXPECT_FALSE(item.empty()) << c["id"];
    const size_t at = md.find(item);
    EXPECT_NE(line_of(md.substr(at), "  - **MUST** ").find("the document says ("),
              std::string::npos);
    const std::string replay = line_of(md.substr(at), "  - replay: `");
    EXPECT_NE(replay.find(c["id"].get<std::string>()), std::string::npos) << replay;
    EXPECT_NE(replay.find("cloudconform run"), std::string::npos) << replay;
  }
}

TEST(MarkdownReport, StatesTheGateAndListsDeviationsAndInconclusiveCases) {
  const json r = load_data(kAssertions);
  const std::string md = render_markdown(r);
  EXPECT_NE(
      md.find("\n\nGate: MUST assertions (deviations from SHOULD are reported, not failed)\n\n"),
      std::string::npos)
      << md;
  EXPECT_NE(
      md.find(
          "### Deviations from SHOULD (1) — reported, not failed\n\n"
          "- **TencentLighthouseStopInstances.RejectsDuplicateIds** (SHOULD)\n"
          "  - **SHOULD** duplicate ids get InvalidParameterValue.Duplicated: expected "
          "InvalidParameterValue.Duplicated (HTTP 200); got InvalidParameterValue (HTTP 200) — "
          "the wire reference says (protocols.md § A6): \"InvalidParameterValue.Duplicated: the "
          "instance ID list contains duplicates.\"\n"
          "  - replay: `cloudconform run --only "
          "'TencentLighthouseStopInstances.RejectsDuplicateIds'`\n"),
      std::string::npos)
      << md;
  EXPECT_NE(
      md.find(
          "### Inconclusive (1) — never a pass, never a failure\n\n"
          "- **TencentEcmStopInstances.HonoursTheDocumentedRateLimit** (MUST) — inconclusive: the "
          "burst reached 12 calls"),
      std::string::npos)
      << md;
  // A cell whose only miss is a deviation is amber, not red.
  EXPECT_NE(line_of(md, "| TencentLighthouseStopInstances |").find("⚠️ 0/1"),
            std::string::npos);
  EXPECT_NE(md.find("1 deviation, 1 inconclusive, 0 not supported."), std::string::npos);
  // Failures: the property's shrunk case and replay file, the GoogleTest text reduced to its why.
  EXPECT_NE(
      md.find("  - **MUST** every answer is one the model of the documents allows: expected a "
              "refusal of 101 ids"),
      std::string::npos)
      << md;
  EXPECT_NE(md.find("  - replay: `cloudconform replay "
                    "replays/AlibabaEcsStopInstances.GeneratedBatchesAgreeWithTheModel.json`"),
            std::string::npos);
  EXPECT_NE(md.find("_(shortened; the full text is in report.html and results.json)_"),
            std::string::npos)
      << md;

  const std::string should = render_markdown(with_gate(r, "should"));
  EXPECT_NE(should.find("Gate: MUST and SHOULD assertions (a deviation from SHOULD fails the run)"),
            std::string::npos);
  EXPECT_NE(should.find("### Deviations from SHOULD (1) — they fail the run under this gate"),
            std::string::npos);
  EXPECT_NE(should.find("Non-conformant: 3 of 6 checks failed, 1 deviated from SHOULD"),
            std::string::npos)
      << should.substr(0, 200);
}

TEST(MarkdownReport, StaysShortEnoughForAPullRequestComment) {
  // GitHub refuses comments over 65536 characters; a report must leave room for the diff too.
  for (const auto& name : data_files()) {
    const std::string md = render_markdown(load_data(name));
    EXPECT_LT(md.size(), 16000u) << name;
  }
  json r = load_data(kStoppedAccepted);
  const json one = r["cases"][0];
  for (int i = 0; i < 300; ++i) {
    json c = one;
    c["id"] = "Many.Failure" + std::to_string(i);
    c["outcome"] = "fail";
    c["message"] = std::string(2000, 'x');
    r["cases"].push_back(c);
  }
  const std::string md = render_markdown(r);
  EXPECT_LT(md.size(), 20000u);
  EXPECT_NE(md.find("more (see report.html)"), std::string::npos);
}

TEST(MarkdownReport, CountsObservationsAndShowsCoveragePerApi) {
  const std::string md = render_markdown(load_data(kCanary));
  EXPECT_NE(md.find("1 case observed where the documents are silent; 2 observations recorded"),
            std::string::npos)
      << md;
  EXPECT_NE(md.find("- TencentCvmStopInstances: 2 of 3 documented codes triggered (1 not "
                    "triggerable by a black-box "
                    "client), 1 undocumented code seen"),
            std::string::npos)
      << md;
  EXPECT_NE(
      md.find(
          "- AlibabaEcsStopInstance: 0 of 1 documented codes triggered, no undocumented code seen"),
      std::string::npos)
      << md;
}

TEST(MarkdownReport, SaysWhenCoverageIsNotRecorded) {
  json r = load_data(kCanary);
  r.erase("coverage");
  for (auto& c : r["cases"]) c.erase("answers");
  EXPECT_NE(
      render_markdown(r).find("### Error-code coverage\n\nNot recorded in this results file."),
      std::string::npos);
}

TEST(MarkdownReport, AMessageCannotBreakTheLayout) {
  json r = load_data(kCanary);
  r["cases"][1]["message"] = "a | b <img src=x> [link](http://x) `code`";
  const std::string md = render_markdown(r);
  EXPECT_NE(md.find("a \\| b"), std::string::npos);
  EXPECT_EQ(md.find(" <img"), std::string::npos);  // only the escaped form, \<img
  EXPECT_EQ(md.find("[link]("), std::string::npos);
  EXPECT_NE(md.find("\\<img src=x\\> \\[link\\](http://x) \\`code\\`"), std::string::npos) << md;
}

TEST(MarkdownReport, ListsEveryDifferenceFromTheRecordedTargetWithBothValues) {
  const std::string md = render_markdown(load_compared());
  EXPECT_NE(md.find("\n### Differs from the recorded target (4) — reported, not failed\n\n"
                    "Snapshot `snapshots/faithful` of embedded-emulator \"cloudconform reference "
                    "emulator\", recorded 2026-12-05T01:00:00Z; 3 cases compared, 1 not in the "
                    "snapshot, 2 of the snapshot's not run.\n"),
            std::string::npos)
      << md;
  EXPECT_NE(
      md.find("- **TencentCvmStopInstances.RejectsANonexistentInstance** exchange 1 "
              "(StopInstances) `/response/body/Response/Error/Code`: recorded "
              "`InvalidInstanceId.NotFound`, observed `InvalidInstanceId.Malformed` — equal\n"),
      std::string::npos)
      << md;
  EXPECT_NE(md.find("state sequence `/states/<i0>`"), std::string::npos);
  EXPECT_NE(md.find("observed `(absent)` — exchange-count"), std::string::npos);
  EXPECT_NE(md.find("<details><summary>Equivalence rules</summary>"), std::string::npos);
  EXPECT_EQ(md.find("CANARY"), std::string::npos);
  EXPECT_EQ(md.rfind("## ✅ cloudconform: Conformant", 0), 0u) << md;
  const std::string gated = render_markdown(compared_under_gate());
  EXPECT_EQ(gated.rfind("## ❌ cloudconform: Conformant: 3 of 3 checks met the documents; fails "
                        "--gate differential: 4 differences from the recorded target",
                        0),
            0u)
      << gated;
  EXPECT_NE(gated.find("(4) — they fail the run under `--gate differential`"), std::string::npos);
}

TEST(MarkdownReport, HasNoDifferentialSectionWhenTheRunWasNotCompared) {
  json r = load_compared();
  r.erase("differential");
  EXPECT_EQ(render_markdown(r).find("recorded target"), std::string::npos);
}

}  // namespace
}  // namespace cc::reports::testing
