#include <gtest/gtest.h>

#include <regex>

#include "reports/html.h"
#include "reports/model.h"
#include "tests/differential/compared_data.h"
#include "tests/reports/test_data.h"
#include "tests/reports/xml_check.h"

namespace cc::reports::testing {
namespace {

using nlohmann::json;

// Every string of the results with "http" and "//" defaced, so whatever URL is left came from the
// renderer.
json without_urls(json v) {
  if (v.is_string()) {
    std::string s = v;
    for (size_t p = s.find("http"); p != std::string::npos; p = s.find("http", p))
      s.replace(p, 4, "hxxp");
    for (size_t p = s.find("//"); p != std::string::npos; p = s.find("//", p))
      s.replace(p, 2, "/_/");
    return s;
  }
  if (v.is_structured())
    for (auto& item : v) item = without_urls(item);
  return v;
}

// The text of the element with an id, up to the next section.
std::string section(const std::string& html, const std::string& id) {
  const size_t at = html.find("<section id=\"" + id + "\">");
  if (at == std::string::npos) return "";
  return html.substr(at, html.find("</section>", at) - at);
}

TEST(HtmlReport, HasEverySectionWithItsStableId) {
  for (const auto& name : data_files()) {
    const std::string html = render_html(load_data(name));
    for (const auto& id :
         {"identity", "matrix", "cases", "coverage", "observations", "rate-limits"})
      EXPECT_EQ(count(html, "id=\"" + std::string(id) + "\""), 1u) << name << " #" << id;
    EXPECT_EQ(html_section_ids().size(), 6u);
  }
}

TEST(HtmlReport, IsSelfContained) {
  for (const auto& name : data_files()) {
    const std::string html = render_html(without_urls(load_data(name)));
    EXPECT_EQ(html.find("http://"), std::string::npos) << name;
    EXPECT_EQ(html.find("https://"), std::string::npos) << name;
    EXPECT_EQ(html.find("//"), html.find("// ")) << name;  // no protocol-relative URL either
    for (const char* fetches :
         {" src=", "<link", "@import", "url(", "<iframe", "<object", "<embed"})
      EXPECT_EQ(html.find(fetches), std::string::npos) << name << ": " << fetches;
    // Links stay in the page.
    const std::string real = render_html(load_data(name));
    const std::regex href("href=\"([^\"]*)\"");
    for (auto it = std::sregex_iterator(real.begin(), real.end(), href);
         it != std::sregex_iterator(); ++it)
      EXPECT_EQ((*it)[1].str().rfind('#', 0), 0u) << name << ": " << (*it)[1].str();
  }
}

TEST(HtmlReport, IsWellFormed) {
  for (const auto& name : data_files()) {
    const std::string html = render_html(load_data(name));
    EXPECT_EQ(html.rfind("<!DOCTYPE html>", 0), 0u);
    EXPECT_EQ(xml_problem(html, true), "") << name;
  }
}

TEST(HtmlReport, EscapesEverythingTakenFromTheResults) {
  json r = load_data(kCanary);
  const std::string evil = "<script>alert(1)</script>\"'&";
  r["target"]["name"] = evil;
  r["cases"][1]["message"] = evil;
  r["cases"][1]["transcript"][0]["response"]["body"] = evil;
  r["cases"][1]["transcript"][0]["request"]["headers"].push_back({"X-Evil", evil});
  r["cases"][2]["observations"][0]["value"] = evil;
  r["cases"][1]["provenance"][0]["passage"] = evil;
  r["coverage"]["TencentCvmStopInstances"]["undocumented"][0]["code"] = evil;
  const std::string html = render_html(r);
  EXPECT_EQ(count(html, "<script>"), 1u);  // the page's own
  EXPECT_EQ(html.find("alert(1)</script>"), std::string::npos);
  EXPECT_GE(count(html, "&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;&amp;"), 7u);
  EXPECT_EQ(xml_problem(html, true), "");
}

TEST(HtmlReport, ShowsVerdictIdentitySuiteAndTimings) {
  const json r = load_data(kStoppedAccepted);
  const std::string html = render_html(r);
  EXPECT_NE(html.find("<header class=\"verdict status-1\""), std::string::npos);
  EXPECT_NE(html.find("<p>Non-conformant: "), std::string::npos);
  const std::string id = section(html, "identity");
  EXPECT_NE(id.find(r["suite"]["catalogue_hash"].get<std::string>()), std::string::npos);
  EXPECT_NE(id.find("cloudconform " + r["suite"]["version"].get<std::string>()), std::string::npos);
  EXPECT_NE(id.find(r["target"]["name"].get<std::string>()), std::string::npos);
  EXPECT_NE(id.find(format_ms(r["duration_ms"].get<double>())), std::string::npos);
  EXPECT_NE(id.find("Slowest cases"), std::string::npos);
  EXPECT_NE(render_html(load_data(kClean)).find("<header class=\"verdict status-0\""),
            std::string::npos);
}

TEST(HtmlReport, ColoursTheMatrixCellsByTheShareThatMet) {
  const json r = load_data(kStoppedAccepted);
  const std::string m = section(render_html(r), "matrix");
  const Matrix expected = compute_matrix(r);
  int full = 0, other = 0;
  for (const auto& [api, row] : expected.cells)
    for (const auto& [family, cell] : row)
      (cell.judged && cell.met == cell.judged ? full : other) += cell.judged > 0;
  EXPECT_EQ(static_cast<int>(count(m, "class=\"cell p-full\" title=")), full);
  EXPECT_EQ(static_cast<int>(count(m, "class=\"cell p-part\" title=") +
                             count(m, "class=\"cell p-none\" title=")),
            other);
  EXPECT_GT(other, 0);
  EXPECT_NE(m.find(format_percent(expected.overall.percent()) + "</td></tr>\n</table>"),
            std::string::npos);
}

TEST(HtmlReport, DrillsDownIntoEachCaseWithItsTranscript) {
  const json r = load_data(kStoppedAccepted);
  const std::string cases = section(render_html(r), "cases");
  EXPECT_EQ(count(cases, "<details class=\"case\""), r["cases"].size());
  for (const auto& c : r["cases"]) {
    const std::string anchor = "id=\"case-" + c["id"].get<std::string>() + "\" data-outcome=\"" +
                               c["outcome"].get<std::string>() + "\"";
    EXPECT_NE(cases.find(anchor), std::string::npos) << c["id"];
  }
  // Failures come first.
  EXPECT_LT(cases.find("data-outcome=\"fail\""), cases.find("data-outcome=\"pass\""));
  EXPECT_NE(cases.find("<h4>What the documents say</h4>"), std::string::npos);
  EXPECT_NE(cases.find("<blockquote>"), std::string::npos);
  // Request bodies pretty-printed: JSON indented over several lines.
  EXPECT_NE(cases.find("<details class=\"exchange\"><summary>#1 POST "), std::string::npos);
  EXPECT_NE(cases.find("{\n  &quot;"), std::string::npos);
}

TEST(HtmlReport, ShowsTheErrorCodeCoverageAndFlagsUndocumentedCodes) {
  const std::string cov = section(render_html(load_data(kCanary)), "coverage");
  EXPECT_NE(cov.find("<h3>TencentCvmStopInstances</h3>\n<p>2 of 3 documented codes triggered (1 "
                     "not triggerable by a black-box client), 1 undocumented code seen.</p>"),
            std::string::npos)
      << cov;
  EXPECT_NE(cov.find("<tr class=\"undocumented\"><td><code>UnknownParameter</code>"),
            std::string::npos);
  EXPECT_NE(cov.find("not triggerable: no input makes a target fail internally"),
            std::string::npos);
  EXPECT_NE(cov.find("<a href=\"#case-TencentCvmStopInstances.RejectsAStoppedInstance\">"),
            std::string::npos);
  // Alibaba's code was answered with 200 where the page documents 403.
  EXPECT_NE(cov.find("200 <b class=\"o-fail\">≠ documented</b>"), std::string::npos);
}

TEST(HtmlReport, FallsBackToTheCodesSeenWithoutCoverage) {
  json r = load_data(kCanary);
  r.erase("coverage");
  const std::string cov = section(render_html(r), "coverage");
  EXPECT_NE(cov.find("<code>InvalidInstanceId.NotFound</code>"), std::string::npos) << cov;
  for (auto& c : r["cases"]) c.erase("answers");
  EXPECT_NE(section(render_html(r), "coverage").find("records no error-code coverage"),
            std::string::npos);
}

TEST(HtmlReport, TabulatesTheObservations) {
  const json r = load_data(kClean);
  int n = 0;
  for (const auto& c : r["cases"])
    n += static_cast<int>(c.value("observations", json::array()).size());
  ASSERT_GT(n, 0);
  const std::string obs = section(render_html(r), "observations");
  EXPECT_EQ(static_cast<int>(count(obs, "<tr><td><a href=\"#case-")), n);
  for (const auto& id : ids_with(r, "observed"))
    EXPECT_NE(obs.find(">" + id + "</a>"), std::string::npos) << id;
}

TEST(HtmlReport, DrawsABurstChartForEveryRateLimitCase) {
  for (const char* name : {kClean, kNeverThrottles}) {
    const json r = load_data(name);
    int bursts = 0, bars = 0;
    for (const auto& c : r["cases"])
      for (const auto& o : c.value("observations", json::array()))
        if (o["what"] == "burst") {
          ++bursts;
          bars += 2 * std::max<int>(10, static_cast<int>(o["value"]["bins_100ms"].size()));
        }
    ASSERT_GT(bursts, 0) << name;
    const std::string rl = section(render_html(r), "rate-limits");
    EXPECT_EQ(static_cast<int>(count(rl, "data-burst=\"1\"")), bursts) << name;
    EXPECT_EQ(static_cast<int>(count(rl, "<rect class=\"bar ")), bars) << name;
    EXPECT_EQ(static_cast<int>(count(rl, ">ms since the burst started (100 ms bins)</text>")),
              bursts);
    EXPECT_EQ(static_cast<int>(count(rl, ">throttled</text>")), bursts);  // the legend
  }
}

TEST(HtmlReport, ChartBarsFollowTheBins) {
  // Canary burst: 20 accepted + 5 throttled in the first 100 ms, 15 throttled in the next.
  const std::string rl = section(render_html(load_data(kCanary)), "rate-limits");
  EXPECT_NE(rl.find("<title>0–100 ms: 20 accepted</title>"), std::string::npos);
  EXPECT_NE(rl.find("<title>0–100 ms: 5 throttled</title>"), std::string::npos);
  EXPECT_NE(rl.find("<title>100–200 ms: 15 throttled</title>"), std::string::npos);
  EXPECT_NE(rl.find("<title>900–1000 ms: 0 accepted</title>"), std::string::npos);
  // The tallest bar spans the plot (180 px), the others in proportion to it (y axis to 20).
  EXPECT_NE(rl.find("height=\"180.0\" fill=\"#2da44e\"><title>0–100 ms: 20 accepted"),
            std::string::npos)
      << rl;
  EXPECT_NE(rl.find("height=\"45.0\" fill=\"#cf222e\"><title>0–100 ms: 5 throttled"),
            std::string::npos);
  EXPECT_NE(rl.find("40 calls (twice the documented 20/s)"), std::string::npos);
}

// The <details> of one case, up to its end.
std::string case_html(const std::string& html, const std::string& id) {
  const size_t at = html.find("<details class=\"case\" id=\"case-" + id + "\"");
  if (at == std::string::npos) return "";
  return html.substr(at, html.find("</details>\n<details class=\"case\"", at) - at);
}

TEST(HtmlReport, StatesTheGateInTheHeaderAndTheIdentity) {
  const std::string must = render_html(load_data(kAssertions));
  EXPECT_NE(
      must.find("<p class=\"gate\">Gate: MUST assertions (deviations from SHOULD are reported, not "
                "failed)</p>"),
      std::string::npos);
  EXPECT_NE(section(must, "identity").find("<tr><th>gate</th><td>Gate: MUST assertions"),
            std::string::npos);
  EXPECT_NE(must.find("<header class=\"verdict status-1\""), std::string::npos);
  const std::string should = render_html(with_gate(load_data(kClean), "should"));
  EXPECT_NE(
      should.find("<p class=\"gate\">Gate: MUST and SHOULD assertions (a deviation from SHOULD "
                  "fails the run)</p>"),
      std::string::npos);
}

TEST(HtmlReport, ShowsEveryAssertionFailedFirstWithItsLevelAndPassage) {
  const std::string c = case_html(render_html(load_data(kAssertions)),
                                  "AlibabaEcsStopInstance.RejectsAStoppedInstance");
  ASSERT_FALSE(c.empty());
  EXPECT_NE(c.find("<h4>Assertions (4, 3 failed)</h4>"), std::string::npos) << c;
  const size_t failed_must = c.find(
      "<tr class=\"failed\"><td class=\"held\">✗</td><td><span class=\"badge "
      "l-MUST\">MUST</span>");
  const size_t failed_should = c.find(
      "<tr class=\"failed\"><td class=\"held\">✗</td><td><span "
      "class=\"badge l-SHOULD\">SHOULD</span>");
  const size_t passed = c.find("<tr class=\"passed\">");
  EXPECT_LT(failed_must, failed_should);
  EXPECT_LT(failed_should, passed);
  EXPECT_NE(passed, std::string::npos);
  EXPECT_NE(
      c.find("<code>refused</code><div>a STOPPED instance is refused</div></td><td>expected "
             "IncorrectInstanceStatus (HTTP 403); got ok 200 (RequestId 78427EA1)</td><td><div "
             "class=\"small muted\">the document says "
             "(004_57f0ed9f944b1d02.txt)</div><blockquote>Stops an "
             "Elastic Compute Service"),
      std::string::npos)
      << c;
  // Why it failed, above everything else: each failed assertion with its level and passages.
  EXPECT_NE(c.find("<div class=\"failure\">\n<h4>Why it failed</h4>\n<p><span class=\"badge "
                   "l-MUST\">MUST</span><b>a STOPPED instance is refused</b></p>\n<pre "
                   "class=\"message\">expected IncorrectInstanceStatus (HTTP 403); got ok 200"),
            std::string::npos)
      << c;
  EXPECT_NE(
      c.find("the wire reference says (protocols.md § B6)</div><blockquote>Every error response"),
      std::string::npos);
  EXPECT_EQ(c.find("Value of:"), std::string::npos);
  EXPECT_EQ(c.find("status.cpp"), std::string::npos);
  EXPECT_NE(c.find("<b>Replay:</b> <code>cloudconform run --only &#39;AlibabaEcsStopInstance."
                   "RejectsAStoppedInstance&#39; --deviation stop-accepts-any-state</code>"),
            std::string::npos);
}

TEST(HtmlReport, ShowsDeviationsAndInconclusiveCasesForWhatTheyAre) {
  const json r = load_data(kAssertions);
  const std::string html = render_html(r);
  const std::string dev = case_html(html, "TencentLighthouseStopInstances.RejectsDuplicateIds");
  EXPECT_NE(
      dev.find(
          "data-outcome=\"deviation\"><summary><span class=\"badge o-deviation\">deviation</span>"),
      std::string::npos)
      << dev;
  EXPECT_NE(
      dev.find("<div class=\"failure deviation\">\n<h4>Why it deviated (only SHOULD assertions "
               "failed)</h4>"),
      std::string::npos);
  EXPECT_NE(
      dev.find("the real service was seen (tencent-cvm-2022-09.json, scenario O2, step 3)</div>"
               "<blockquote>LatestOperationState was SUCCESS"),
      std::string::npos)
      << dev;
  const std::string inc = case_html(html, "TencentEcmStopInstances.HonoursTheDocumentedRateLimit");
  EXPECT_NE(inc.find("<span class=\"badge o-inconclusive\">inconclusive</span>"),
            std::string::npos);
  EXPECT_NE(inc.find("<p><b>Inconclusive:</b> the burst reached 12 calls in one second"),
            std::string::npos)
      << inc;
  EXPECT_EQ(inc.find("Why it failed"), std::string::npos);
  const std::string prop =
      case_html(html, "AlibabaEcsStopInstances.GeneratedBatchesAgreeWithTheModel");
  EXPECT_NE(prop.find("<pre class=\"message\">expected a refusal of 101 ids"), std::string::npos)
      << prop;
  EXPECT_NE(prop.find("<b>Property:</b> smallest failing case after 14 shrinks"),
            std::string::npos);
  EXPECT_NE(prop.find("<b>Replay:</b> <code>cloudconform replay replays/"), std::string::npos);
  // Order: failures, unexpected passes, deviations, harness errors, inconclusive, …, passes.
  const std::string cases = section(html, "cases");
  EXPECT_LT(cases.find("data-outcome=\"fail\""), cases.find("data-outcome=\"deviation\""));
  EXPECT_LT(cases.find("data-outcome=\"deviation\""), cases.find("data-outcome=\"inconclusive\""));
  EXPECT_LT(cases.find("data-outcome=\"inconclusive\""), cases.find("data-outcome=\"pass\""));
  EXPECT_NE(cases.find("<button data-filter=\"deviation\">deviation (1)</button>"),
            std::string::npos);
  EXPECT_NE(cases.find("<button data-filter=\"inconclusive\">inconclusive (1)</button>"),
            std::string::npos);
  // The matrix: a deviation-only cell is amber and says so.
  EXPECT_NE(section(html, "matrix")
                .find("<td class=\"cell p-part\" title=\"0 of 1 met, 1 deviation from "
                      "SHOULD\">0/1</td>"),
            std::string::npos);
}

TEST(HtmlReport, SaysSoWhenNoCaseMeasuredABurst) {
  json r = load_data(kStoppedAccepted);
  json kept = json::array();
  for (const auto& c : r["cases"])
    if (c["family"] != "rate_limit") kept.push_back(c);
  r["cases"] = kept;
  EXPECT_NE(section(render_html(r), "rate-limits").find("No case of this run measured a burst."),
            std::string::npos);
}

TEST(HtmlReport, HasADifferentialSectionOnlyWhenTheRunWasCompared) {
  const std::string html = render_html(load_compared());
  EXPECT_EQ(count(html, "<section id=\"differential\">"), 1u);
  EXPECT_NE(html.find("data-sections=\"identity matrix cases coverage observations rate-limits "
                      "differential\""),
            std::string::npos);
  EXPECT_NE(html.find("<a href=\"#differential\">differences</a>"), std::string::npos);
  EXPECT_EQ(xml_problem(html, true), "");
  json without = load_compared();
  without.erase("differential");
  const std::string plain = render_html(without);
  EXPECT_EQ(plain.find("differential"), std::string::npos);
  EXPECT_EQ(xml_problem(plain, true), "");
}

TEST(HtmlReport, ShowsEachDifferenceWithBothValuesAndItsRule) {
  const std::string s = section(render_html(load_compared()), "differential");
  EXPECT_NE(s.find("<h2>Differs from the recorded target (4)</h2>"), std::string::npos);
  EXPECT_EQ(count(s, "<tr><td><a href=\"#case-"), kDifferences);
  EXPECT_NE(s.find("<td><code>/response/body/Response/Error/Code</code></td>"), std::string::npos);
  EXPECT_NE(s.find("<pre>InvalidInstanceId.NotFound</pre>"), std::string::npos);
  EXPECT_NE(s.find("<pre>InvalidInstanceId.Malformed</pre>"), std::string::npos);
  EXPECT_NE(s.find("<code>/states/&lt;i0&gt;</code>"), std::string::npos);  // escaped
  EXPECT_NE(s.find("<pre>(absent)</pre>"), std::string::npos);
  EXPECT_NE(s.find("title=\"equal: the HTTP status"), std::string::npos);
  EXPECT_NE(s.find("Cases of the snapshot this run did not run (2)"), std::string::npos);
  EXPECT_NE(s.find("recorded target date"), std::string::npos);
  EXPECT_EQ(s.find("CANARY"), std::string::npos);
  // The case itself points to its differences, beside its outcome.
  EXPECT_NE(section(render_html(load_compared()), "cases")
                .find("<a class=\"small\" href=\"#differential\">differs from the recorded target "
                      "(2)</a>"),
            std::string::npos);
}

TEST(HtmlReport, TheVerdictTurnsRedWhenDifferencesFailTheRun) {
  EXPECT_NE(render_html(load_compared()).find("class=\"verdict status-0\""), std::string::npos);
  const std::string gated = render_html(compared_under_gate());
  EXPECT_NE(gated.find("class=\"verdict status-1\""), std::string::npos);
  EXPECT_NE(gated.find("fails --gate differential: 4 differences"), std::string::npos);
}

}  // namespace
}  // namespace cc::reports::testing
