// The gate, the new outcomes (deviation, inconclusive) and failures a person reads (issue 14):
// the exit status under each gate, the summary a terminal shows, and the failure text of every
// report — no GoogleTest text, nothing cut mid-word.
#include <gtest/gtest.h>

#include <regex>

#include "harness/core/json_reader.h"
#include "reports/differential.h"
#include "reports/failure.h"
#include "reports/model.h"
#include "reports/summary.h"
#include "reports/text.h"
#include "tests/differential/compared_data.h"
#include "tests/reports/test_data.h"

namespace cc::reports::testing {
namespace {

using nlohmann::json;

// A results file of one case with an outcome, under a gate.
json one(const std::string& outcome, const std::string& gate = "") {
  json r = {{"schema", "cloudconform.results/1"},
            {"cases", {{{"id", "A.B"}, {"api", "A"}, {"family", "status"}, {"outcome", outcome}}}}};
  if (!gate.empty()) r["gate"] = gate;
  return r;
}

std::string problem(const json& r) {
  try {
    validate_results(r, "r.json");
  } catch (const core::DataError& e) {
    return e.what();
  }
  return "";
}

TEST(ReportGate, ExitStatusFollowsTheGate) {
  for (const char* gate : {"", "must", "should"}) {
    const bool should = std::string(gate) == "should";
    EXPECT_EQ(exit_status(one("pass", gate)), 0) << gate;
    EXPECT_EQ(exit_status(one("fail", gate)), 1) << gate;
    EXPECT_EQ(exit_status(one("unexpected_pass", gate)), 1) << gate;
    EXPECT_EQ(exit_status(one("deviation", gate)), should ? 1 : 0) << gate;
    EXPECT_EQ(exit_status(one("harness_error", gate)), 2) << gate;
    EXPECT_EQ(exit_status(one("expected_fail", gate)), 0) << gate;
  }
  // The real results: a deviation added to a clean run fails it only under the SHOULD gate.
  json r = load_data(kClean);
  r["cases"][0]["outcome"] = "deviation";
  EXPECT_EQ(exit_status(r), 0);
  EXPECT_EQ(exit_status(with_gate(r, "must")), 0);
  EXPECT_EQ(exit_status(with_gate(r, "should")), 1);
  EXPECT_EQ(exit_status(with_gate(load_data(kAssertions), "should")), 1);
}

TEST(ReportGate, InconclusiveNeverChangesTheExitStatus) {
  for (const char* gate : {"must", "should"}) {
    EXPECT_EQ(exit_status(one("inconclusive", gate)), 0) << gate;
    json r = load_data(kClean);
    r["gate"] = gate;
    const int before = exit_status(r);
    r["cases"][0]["outcome"] = "inconclusive";
    r["cases"][0]["inconclusive"] = "the burst was too slow";
    EXPECT_EQ(exit_status(r), before) << gate;
    json failing = load_data(kStoppedAccepted);
    failing["gate"] = gate;
    failing["cases"][0]["outcome"] = "inconclusive";
    EXPECT_EQ(exit_status(failing), 1) << gate;
  }
}

TEST(ReportGate, EveryVerdictCountsDeviationsAndInconclusiveCases) {
  const json r = load_data(kAssertions);
  EXPECT_EQ(verdict(r),
            "Non-conformant: 3 of 6 checks failed (1 deviation from SHOULD, 1 inconclusive)");
  EXPECT_EQ(verdict(with_gate(r, "should")),
            "Non-conformant: 3 of 6 checks failed, 1 deviated from SHOULD (1 inconclusive)");
  json clean = load_data(kClean);
  clean["cases"][0]["outcome"] = "deviation";
  clean["cases"][1]["outcome"] = "inconclusive";
  const json s = count_outcomes(clean["cases"]);
  EXPECT_EQ(s["deviation"], 1);
  EXPECT_EQ(s["inconclusive"], 1);
  EXPECT_EQ(
      verdict(clean).rfind("Conformant: " + std::to_string(s["total"].get<int>() - 2) + " of " +
                               std::to_string(s["total"].get<int>() - 1) +
                               " checks met the documents (1 deviation from SHOULD, 1 inconclusive",
                           0),
      0u)
      << verdict(clean);
  EXPECT_EQ(gate_line(clean),
            "Gate: MUST assertions (deviations from SHOULD are reported, not failed)");
}

TEST(ReportGate, TheMatrixJudgesADeviationAndNotAnInconclusiveCase) {
  const Matrix m = compute_matrix(load_data(kAssertions));
  const Cell& dup = m.cells.at("TencentLighthouseStopInstances").at("duplicates");
  EXPECT_EQ(dup.judged, 1);
  EXPECT_EQ(dup.met, 0);
  EXPECT_TRUE(dup.only_deviations());
  const Cell& rate = m.cells.at("TencentEcmStopInstances").at("rate_limit");
  EXPECT_EQ(rate.cases, 1);
  EXPECT_EQ(rate.judged, 0);
  EXPECT_FALSE(m.cells.at("AlibabaEcsStopInstance").at("status").only_deviations());
}

TEST(ReportGate, OldFilesLoadAndNewFieldsAreChecked) {
  for (const char* name : {kClean, kCanary, kAssertions})
    EXPECT_EQ(problem(load_data(name)), "") << name;
  EXPECT_EQ(gate_of(load_data(kClean)), "must");
  json r = load_data(kAssertions);
  r["gate"] = "may";
  EXPECT_EQ(problem(r), "[results.bad_value] r.json: /gate: unknown gate \"may\" (must or should)");
  r = load_data(kAssertions);
  r["cases"][0]["assertions"][1]["level"] = "MAY";
  EXPECT_EQ(problem(r),
            "[results.bad_value] r.json: /cases/0/assertions/1/level: unknown level "
            "\"MAY\" (MUST, SHOULD or OBSERVED)");
  r = load_data(kAssertions);
  r["cases"][0]["assertions"][0].erase("passed");
  EXPECT_EQ(problem(r),
            "[results.missing_field] r.json: /cases/0/assertions/0/passed: required field "
            "is missing");
  r = load_data(kAssertions);
  r["cases"][2]["inconclusive"] = 3;
  EXPECT_EQ(problem(r),
            "[results.wrong_type] r.json: /cases/2/inconclusive: expected string, found number");
  r = load_data(kAssertions);
  r["cases"][1]["assertions"][2]["rests_on"][0]["scenario"] = json::array();
  EXPECT_NE(problem(r).find("/cases/1/assertions/2/rests_on/0/scenario"), std::string::npos)
      << problem(r);
}

TEST(ReportSummary, StatesTheGateFirstAndCountsEveryOutcome) {
  const std::string must = render_summary(load_data(kAssertions));
  EXPECT_EQ(
      must.rfind("Gate: MUST assertions (deviations from SHOULD are reported, not failed)\n\n", 0),
      0u)
      << must;
  EXPECT_NE(
      must.find("\n2 passed, 3 failed, 1 deviations, 1 inconclusive, 0 observed, 0 not supported, "
                "0 harness errors\n"),
      std::string::npos)
      << must;
  EXPECT_NE(must.find("\nDeviations from SHOULD (1) — reported, not failed:\n"), std::string::npos);
  EXPECT_NE(
      must.find(
          "\nInconclusive (1) — never a pass, never a failure:\n\n"
          "TencentEcmStopInstances.HonoursTheDocumentedRateLimit  MUST  inconclusive\n"
          "  inconclusive: the burst reached 12 calls in one second with a 250 ms round trip; "
          "twice the limit (40) never landed inside one window\n"),
      std::string::npos)
      << must;
  const std::string should = render_summary(with_gate(load_data(kAssertions), "should"));
  EXPECT_EQ(
      should.rfind("Gate: MUST and SHOULD assertions (a deviation from SHOULD fails the run)\n", 0),
      0u);
  EXPECT_NE(should.find("\nDeviations from SHOULD (1) — they fail the run under this gate:\n"),
            std::string::npos);
}

TEST(ReportSummary, AFailureBlockSaysWhatWasExpectedWhatCameBackWhereItRestsAndHowToReplay) {
  const json r = load_data(kAssertions);
  EXPECT_EQ(
      failure_block(case_of(r, "TencentLighthouseStopInstances.RejectsDuplicateIds"), {300, 200}),
      "TencentLighthouseStopInstances.RejectsDuplicateIds  SHOULD  deviation\n"
      "  SHOULD  duplicate ids get InvalidParameterValue.Duplicated\n"
      "    expected InvalidParameterValue.Duplicated (HTTP 200); got InvalidParameterValue (HTTP "
      "200)\n"
      "    the wire reference says (protocols.md § A6): \"InvalidParameterValue.Duplicated: the "
      "instance ID list contains duplicates.\"\n"
      "  replay: cloudconform run --only 'TencentLighthouseStopInstances.RejectsDuplicateIds'\n");
  const std::string summary = render_summary(r);
  EXPECT_NE(summary.find(
                "\nAlibabaEcsStopInstance.RejectsAStoppedInstance  MUST  fail\n"
                "  MUST  a STOPPED instance is refused\n"
                "    expected IncorrectInstanceStatus (HTTP 403); got ok 200 (RequestId 78427EA1)\n"
                "    the document says (004_57f0ed9f944b1d02.txt): \"Stops an Elastic Compute "
                "Service (ECS) instance in the Running state."),
            std::string::npos)
      << summary;
  // A failed OBSERVED assertion (an inference) is recorded, never shown as a failure.
  EXPECT_EQ(summary.find("expected one accepted; got two accepted"), std::string::npos);
  // An older suite's failure: its message made readable, its passages, an --only replay.
  const std::string old = render_summary(load_data(kStoppedAccepted));
  EXPECT_NE(
      old.find("\nAlibabaEcsStopInstance.RejectsAStoppedInstance  MUST  fail\n"
               "  MUST  the call was accepted (ok 200 (RequestId "
               "78427EA1-8F9C-4B0F-AA44-DE00C75E573D)); "
               "the document expects IncorrectInstanceStatus (HTTP 403) or IncorrectInstanceStatus "
               "(HTTP 403)\n"
               "    a refused call must change nothing; the instance is now Stopping\n"
               "    the document says (004_57f0ed9f944b1d02.txt): \"Stops an Elastic"),
      std::string::npos)
      << old;
  EXPECT_NE(
      old.find(
          "  replay: cloudconform run --only 'AlibabaEcsStopInstance.RejectsAStoppedInstance'\n"),
      std::string::npos);
}

TEST(ReportSummary, AFailingPropertyShowsItsShrunkCaseAndItsReplayCommand) {
  const std::string block = failure_block(
      case_of(load_data(kAssertions), "AlibabaEcsStopInstances.GeneratedBatchesAgreeWithTheModel"),
      {300, 200});
  EXPECT_EQ(
      block,
      "AlibabaEcsStopInstances.GeneratedBatchesAgreeWithTheModel  MUST  fail\n"
      "  MUST  every answer is one the model of the documents allows\n"
      "    expected a refusal of 101 ids (the limit is 100); got ok 200 and 101 instances "
      "Stopping\n"
      "    the document says (003_9f1ba8e6535b1fb6.txt): \"You can stop up to 100 instances at a "
      "time.\"\n"
      "  smallest failing case after 14 shrinks (37 cases run, seed 1234567): "
      "{\"ids\":101,\"params\":{\"BatchOptimization\":\"AllTogether\"},\"states\":[\"RUNNING\"]}\n"
      "  replay: cloudconform replay "
      "replays/AlibabaEcsStopInstances.GeneratedBatchesAgreeWithTheModel.json\n"
      "  again: RC_PARAMS=\"seed=1234567\" cloudconform run --only "
      "'AlibabaEcsStopInstances.GeneratedBatchesAgreeWithTheModel'\n");
}

// GoogleTest's words and the build tree's paths, wherever a report could show them.
const std::regex kGoogleTestText(
    R"((^|\n)\s*(Value of:|Actual:|Expected:|Expected equality|Which is:)|suites/[^\s]*\.cpp:\d+)");

TEST(ReportFailureText, NoReportShowsGoogleTestText) {
  ASSERT_TRUE(std::regex_search(load_data(kStoppedAccepted).dump(), std::regex("Value of:")))
      << "the real failing run must hold GoogleTest text, or this test could not fail";
  for (const auto& name : data_files()) {
    for (const char* gate : {"must", "should"}) {
      const json r = with_gate(load_data(name), gate);
      auto reports = all_reports(r);
      reports.push_back({"summary", render_summary(r)});
      for (const auto& [report, text] : reports) {
        // HTML and XML escape the newline-sensitive text the same way: search the raw text.
        EXPECT_FALSE(std::regex_search(text, kGoogleTestText)) << name << " " << report;
        EXPECT_EQ(text.find("Value of:"), std::string::npos) << name << " " << report;
        EXPECT_EQ(text.find("Which is:"), std::string::npos) << name << " " << report;
      }
    }
  }
}

TEST(ReportFailureText, NothingIsCutMidWord) {
  const json r = load_data(kAssertions);
  const json long_case = case_of(r, "AlibabaEcsStopInstance.DryRunChangesNothing");
  const std::string message = long_case["message"];
  ASSERT_GT(char_count(message), 300u);
  const std::string block = failure_block(long_case, {300, 200});
  // Each shortened line ends in whole words, then " …"; the block says where the full text is.
  const std::regex shortened_line(R"(\n {2,4}[^\n]*? …)");
  size_t cuts = 0;
  for (auto it = std::sregex_iterator(block.begin(), block.end(), shortened_line);
       it != std::sregex_iterator(); ++it, ++cuts) {
    std::string kept = it->str().substr(1);
    kept = kept.substr(kept.find_first_not_of(' '));
    kept = kept.substr(0, kept.size() - std::string(" …").size());
    if (kept.rfind("MUST  ", 0) == 0) kept = kept.substr(6);
    if (kept.rfind("the document says (", 0) == 0) kept = kept.substr(kept.find(": \"") + 3);
    const std::string source = kept.rfind("expected", 0) == 0
                                   ? message
                                   : long_case["provenance"][0]["passage"].get<std::string>();
    ASSERT_EQ(source.rfind(kept, 0), 0u) << kept;
    const char next = source[kept.size()];
    EXPECT_TRUE(next == ' ' || next == '\n')
        << "cut inside a word: …" << kept.substr(kept.size() - 20);
  }
  EXPECT_EQ(cuts, 2u) << block;
  EXPECT_NE(block.find("\n  (shortened; the full text is in report.html and results.json)\n"),
            std::string::npos);
  // The summary, the Markdown and the junit message attribute shorten the same way.
  for (const std::string& text : {render_summary(r), all_reports(r)[1].second}) {
    for (size_t p = text.find("…"); p != std::string::npos; p = text.find("…", p + 1))
      EXPECT_TRUE(p > 0 && (text[p - 1] == ' ' || text[p - 1] == '\n')) << text.substr(p - 40, 45);
  }
  EXPECT_EQ(shorten("alpha beta gamma", 12), "alpha beta …");
  EXPECT_EQ(shorten("alpha beta gamma", 16), "alpha beta gamma");
  EXPECT_EQ(shorten("{\"a\":1,\"b\":2,\"c\":3}", 14), "{\"a\":1,\"b\":2, …");
}

TEST(ReportFailureText, ReadableMessagesKeepTheSuitesWordsOnly) {
  EXPECT_EQ(readable_message(
                "Value of: is_one_of_documented(o, documented)\n"
                "  Actual: false (accepted; expects X (HTTP 403))\nExpected: true\n"
                "Expected equality of these values:\n  after->state\n    Which is: \"STOPPING\"\n"
                "  \"STOPPED\"\na refused call must change nothing"),
            "accepted; expects X (HTTP 403)\na refused call must change nothing");
  EXPECT_EQ(readable_message("/work/main/suites/status.cpp:118: Failure\nexpected X; got Y"),
            "expected X; got Y");
  EXPECT_EQ(readable_message("expected X; got Y\nsuites/batch.cpp:42: Failure"),
            "expected X; got Y");
  EXPECT_EQ(readable_message("expected X\n  indented by the suite"),
            "expected X\n  indented by the suite");
}

TEST(ReportGate, DifferencesFailTheRunOnlyUnderTheDifferentialGate) {
  const json r = load_compared();
  EXPECT_EQ(gated_exit_status(read_results(r)), 0);  // reported, never failed without the gate
  EXPECT_EQ(exit_status(r), 0);                      // the verdicts' gate is left as it was
  const json gated = compared_under_gate();
  EXPECT_EQ(gated_exit_status(read_results(gated)), 1);
  EXPECT_EQ(gated["gate"], "must");  // older readers still read a gate they know
  json none = gated;
  none["differential"]["differences"] = json::array();
  EXPECT_EQ(gated_exit_status(read_results(none)), 0);
  json harness = gated;
  harness["cases"][0]["outcome"] = "harness_error";
  EXPECT_EQ(gated_exit_status(read_results(harness)), 2);  // a harness error still outranks
  json failing = r;
  failing["cases"][0]["outcome"] = "fail";
  EXPECT_EQ(gated_exit_status(read_results(failing)), 1);  // and verdicts still count without it
}

TEST(ReportGate, TheVerdictSaysWhenDifferencesFailTheRun) {
  EXPECT_EQ(gated_verdict(read_results(load_compared())),
            "Conformant: 3 of 3 checks met the documents");
  EXPECT_EQ(gated_verdict(read_results(compared_under_gate())),
            "Conformant: 3 of 3 checks met the documents; fails --gate differential: 4 differences "
            "from the recorded target");
  EXPECT_EQ(differential_line(read_results(load_compared())),
            "Differs from the recorded target: 4 differences over 3 compared cases "
            "(embedded-emulator \"cloudconform reference emulator\", recorded "
            "2026-12-05T01:00:00Z) — reported, not failed (no --gate differential)");
  json without = load_compared();
  without.erase("differential");
  EXPECT_EQ(differential_line(read_results(without)), "");
}

TEST(ReportSummary, ListsTheDifferencesFromTheRecordedTargetApartFromTheVerdicts) {
  const std::string s = render_summary(load_compared());
  EXPECT_NE(
      s.find("\nDiffers from the recorded target (4) — reported, not failed (no --gate "
             "differential):\n  snapshot snapshots/faithful: embedded-emulator \"cloudconform "
             "reference emulator\", recorded 2026-12-05T01:00:00Z; 3 cases compared, 1 not in "
             "the snapshot, 2 of the snapshot's not run\n"),
      std::string::npos)
      << s;
  EXPECT_NE(s.find("\nTencentCvmStopInstances.RejectsANonexistentInstance  exchange 1 "
                   "(StopInstances)  /response/body/Response/Error/Code\n"
                   "    recorded: InvalidInstanceId.NotFound\n"
                   "    observed: InvalidInstanceId.Malformed\n"
                   "    rule: equal: the HTTP status"),
            std::string::npos)
      << s;
  EXPECT_NE(
      s.find("state sequence  /states/<i0>\n    recorded: [\"RUNNING\",\"STOPPING\",\"STOPPED\"]\n"
             "    observed: [\"RUNNING\",\"STOPPED\"]\n"),
      std::string::npos)
      << s;
  EXPECT_NE(s.find("    observed: (absent)\n"), std::string::npos);
  EXPECT_EQ(s.find("CANARY"), std::string::npos);
  EXPECT_EQ(count(s, "Failures ("), 0u);  // never mixed with the verdicts
  const std::string gated = render_summary(compared_under_gate());
  EXPECT_NE(gated.find("\nDiffers from the recorded target (4) — they fail the run under --gate "
                       "differential:\n"),
            std::string::npos);
}

TEST(ReportSummary, CapsTheListOfDifferencesWithACount) {
  json r = load_compared();
  json& all = r["differential"]["differences"];
  while (all.size() < 27) all.push_back(all[0]);
  const std::string s = render_summary(r);
  EXPECT_EQ(count(s, "    recorded: "), 20u);
  EXPECT_NE(s.find("\n… and 7 more (report.html and results.json list every one)\n"),
            std::string::npos);
}

}  // namespace
}  // namespace cc::reports::testing
