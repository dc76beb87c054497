// Issue 15 point 4: every report says what the selection did not run — "not exercised", never
// "not triggerable" — and lists no API the run judged no case of as covered.
#include <gtest/gtest.h>

#include "reports/coverage.h"
#include "reports/html.h"
#include "reports/markdown.h"
#include "tests/reports/test_data.h"

namespace cc::reports::testing {
namespace {

using nlohmann::json;

json code(const std::string& c, const std::string& trigger, const char* key, const char* why) {
  json out = {
      {"code", c}, {"http_status", 400}, {"trigger", trigger}, {"triggered_by", json::array()}};
  if (key) out[key] = why;
  return out;
}

// Four cases of one API out of 200, as `run --only` records them; the coverage also lists an API
// with no case, as runs before issue 15 did for every API of the catalogue.
json four_case_run() {
  const json clean = load_data(kClean);
  json r = clean;
  r["cases"] = json::array();
  for (const auto& c : clean["cases"])
    if (c["api"] == "TencentCvmStopInstances" && r["cases"].size() < 4) r["cases"].push_back(c);
  r["selection"] = {{"only", "TencentCvmStopInstances.*"},
                    {"cases", 4},
                    {"of", 200},
                    {"apis", {"TencentCvmStopInstances"}}};
  const json documented = {code("InvalidInstanceId.NotFound", "id.not_found", "not_exercised",
                                "not run: the selection left out the cases that arrange it"),
                           code("InternalError", "server.internal", "not_triggerable",
                                "a server-side failure: no request causes it"),
                           // What an older run wrote for a code no case of its arranged.
                           code("InvalidInstanceId.Malformed", "id.malformed", "not_triggerable",
                                "no case of this run arranges its condition (id.malformed)")};
  r["coverage"] = {
      {"TencentCvmStopInstances", {{"documented", documented}, {"undocumented", json::array()}}},
      {"TencentLighthouseStopInstances",
       {{"documented", {code("X", "id.not_found", nullptr, nullptr)}},
        {"undocumented", json::array()}}}};
  return r;
}

const char* const kCvmLine =
    "0 of 3 documented codes triggered (2 not exercised by this selection, 1 not triggerable by a "
    "black-box client)";

TEST(Coverage, AFourCaseRunSaysNotExercisedNotNotTriggerable) {
  const Results r = read_results(four_case_run());
  const ApiCoverage& cvm = r.coverage.at("TencentCvmStopInstances");
  EXPECT_EQ(cvm.not_exercised_count(), 2);
  EXPECT_EQ(cvm.not_triggerable_count(), 1);
  EXPECT_EQ(coverage_counts(cvm), kCvmLine);
  const auto lines = coverage_lines(r);
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[0].second, std::string(kCvmLine) + ", no undocumented code seen");
}

TEST(Coverage, AnOlderRunsNoCaseArrangesReasonIsReadAsNotExercised) {
  const Results r = read_results(four_case_run());
  const DocumentedCode& malformed = r.coverage.at("TencentCvmStopInstances").documented->at(2);
  EXPECT_FALSE(malformed.not_triggerable.has_value());
  EXPECT_EQ(malformed.not_exercised, "no case of this run arranges its condition (id.malformed)");
}

TEST(Coverage, AnApiNoCaseJudgedIsNotRunNotCovered) {
  const Results r = read_results(four_case_run());
  EXPECT_TRUE(api_was_run(r, "TencentCvmStopInstances"));
  EXPECT_FALSE(api_was_run(r, "TencentLighthouseStopInstances"));
  const auto lines = coverage_lines(r);
  EXPECT_EQ(lines[1],
            std::make_pair(std::string("TencentLighthouseStopInstances"),
                           std::string("not run: no case of this API was in the selection")));
}

TEST(Coverage, APartialSelectionIsNamedUnderTheMatrix) {
  EXPECT_EQ(matrix_not_run_note(read_results(four_case_run())),
            "Partial selection: judged 4 of 200 cases (--only 'TencentCvmStopInstances.*'); APIs "
            "and families without a cell were not run.");
  EXPECT_EQ(matrix_not_run_note(read_results(load_data(kClean))), "");
  json whole = load_data(kClean);
  whole["selection"] = {{"only", nullptr}, {"cases", 42}, {"of", 42}, {"apis", json::array()}};
  EXPECT_EQ(matrix_not_run_note(read_results(whole)), "");
}

TEST(Coverage, MarkdownAndHtmlSayTheSame) {
  const json r = four_case_run();
  const std::string md = render_markdown(r);
  EXPECT_NE(md.find(std::string("- TencentCvmStopInstances: ") + kCvmLine), std::string::npos)
      << md;
  EXPECT_NE(md.find("- TencentLighthouseStopInstances: not run: no case of this API was in the "
                    "selection"),
            std::string::npos);
  const std::string html = render_html(r);
  EXPECT_NE(html.find(std::string("<p>") + kCvmLine + ", 0 undocumented codes seen.</p>"),
            std::string::npos);
  EXPECT_NE(html.find("<tr class=\"notrun\"><td><code>InvalidInstanceId.NotFound</code>"),
            std::string::npos);
  EXPECT_NE(html.find("not exercised: no case of this run arranges its condition (id.malformed)"),
            std::string::npos);
  EXPECT_NE(html.find("not triggerable: a server-side failure"), std::string::npos);
  EXPECT_NE(html.find("<h3>TencentLighthouseStopInstances</h3>\n<p class=\"muted\">Not run: no "
                      "case of this API was in the selection.</p>"),
            std::string::npos);
  EXPECT_EQ(html.find("not triggerable: no case of this run"), std::string::npos);
}

}  // namespace
}  // namespace cc::reports::testing
