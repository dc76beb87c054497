#include <gtest/gtest.h>

#include "reports/junit.h"
#include "reports/model.h"
#include "tests/differential/compared_data.h"
#include "tests/reports/test_data.h"
#include "tests/reports/xml_check.h"

namespace cc::reports::testing {
namespace {

using nlohmann::json;

// The <testcase> element of one case, up to its end tag.
std::string testcase_of(const std::string& xml, const std::string& api,
                        const std::string& behaviour) {
  const size_t at = xml.find("<testcase classname=\"" + api + "\" name=\"" + behaviour + "\"");
  if (at == std::string::npos) return "";
  return xml.substr(at, xml.find("</testcase>", at) - at);
}

TEST(JunitReport, HasOneTestcasePerCaseNamedByApiAndBehaviour) {
  const json r = load_data(kClean);
  const std::string xml = render_junit(r);
  ASSERT_GT(r["cases"].size(), 10u);
  EXPECT_EQ(count(xml, "<testcase "), r["cases"].size());
  for (const auto& c : r["cases"])
    EXPECT_FALSE(testcase_of(xml, c["api"], c["behaviour"]).empty()) << c["id"];
  EXPECT_EQ(count(xml, "<failure"), 0u);
}

TEST(JunitReport, IsWellFormedXmlForEveryDataFile) {
  for (const auto& name : data_files()) {
    const std::string xml = render_junit(load_data(name));
    EXPECT_EQ(xml_problem(xml), "") << name;
  }
}

TEST(JunitReport, MarksAFailureWithItsMessage) {
  const json r = load_data(kStoppedAccepted);
  const std::string xml = render_junit(r);
  const auto failed = ids_with(r, "fail");
  ASSERT_FALSE(failed.empty());
  EXPECT_EQ(count(xml, "<failure "), failed.size());
  for (const auto& c : r["cases"]) {
    if (c["outcome"] != "fail") continue;
    const std::string tc = testcase_of(xml, c["api"], c["behaviour"]);
    EXPECT_NE(tc.find("<failure message=\""), std::string::npos) << c["id"];
    EXPECT_NE(tc.find("type=\"fail\""), std::string::npos) << c["id"];
    EXPECT_NE(tc.find("replay: "), std::string::npos) << c["id"];
    EXPECT_NE(tc.find("the document says ("), std::string::npos) << c["id"];
  }
}

TEST(JunitReport, EscapesTheMessageAndKeepsItsProvenance) {
  const std::string tc = testcase_of(render_junit(load_data(kCanary)), "AlibabaEcsStopInstance",
                                     "RejectsAStoppedInstance");
  EXPECT_NE(
      tc.find(
          "message=\"expected IncorrectInstanceStatus with HTTP 403 &lt;b&gt;bold&lt;/b&gt; &amp; "
          "&quot;quotes&quot;\""),
      std::string::npos)
      << tc;
  EXPECT_NE(
      tc.find("the document says (004_57f0ed9f944b1d02.txt): &quot;IncorrectInstanceStatus&quot;"),
      std::string::npos)
      << tc;
  EXPECT_NE(tc.find("replay: cloudconform run --only "
                    "&#39;AlibabaEcsStopInstance.RejectsAStoppedInstance&#39;"),
            std::string::npos)
      << tc;
}

TEST(JunitReport, UsesSkippedErrorAndFailureForTheOtherOutcomes) {
  const std::string xml = render_junit(load_data(kCanary));
  EXPECT_NE(testcase_of(xml, "AlibabaEcsStopInstances", "DryRunChangesNothing")
                .find("<skipped message=\"not supported"),
            std::string::npos);
  EXPECT_NE(testcase_of(xml, "TencentLighthouseStopInstances", "RejectsDuplicateIds")
                .find("<error message=\""),
            std::string::npos);
  EXPECT_NE(testcase_of(xml, "TencentCvmStopInstances", "RejectsAStaleTimestamp")
                .find("<skipped message=\"expected failure: clock window not implemented"),
            std::string::npos);
  EXPECT_NE(testcase_of(xml, "TencentCvmStopInstances", "RejectsAWrongSignature")
                .find("<failure message=\"unexpected pass: "),
            std::string::npos);
  EXPECT_NE(xml.find("<testsuites name=\"cloudconform\" tests=\"8\" failures=\"2\" errors=\"1\" "
                     "skipped=\"2\""),
            std::string::npos)
      << xml.substr(0, 300);
}

TEST(JunitReport, PassesObservedCasesWithTheirObservationsInSystemOut) {
  const std::string tc = testcase_of(render_junit(load_data(kCanary)), "TencentEcmStopInstances",
                                     "RejectsANonexistentInstance");
  EXPECT_EQ(tc.find("<failure"), std::string::npos);
  EXPECT_NE(
      tc.find("<system-out>answer to a nonexistent id: InvalidInstanceId.NotFound (HTTP 200)"),
      std::string::npos)
      << tc;
}

TEST(JunitReport, StripsCharactersXmlCannotHold) {
  json r = load_data(kCanary);
  r["cases"][1]["message"] = std::string("nul \x00 bell \x07 bad utf8 \xC3\x28 end ]]> <x>", 38);
  r["cases"][1]["id"] = "Alibaba<&>\"'.Odd";
  const std::string xml = render_junit(r);
  EXPECT_EQ(xml_problem(xml), "");
  EXPECT_NE(xml.find("nul  bell  bad utf8 \xEF\xBF\xBD( end ]]&gt; &lt;x&gt;"), std::string::npos);
}

TEST(JunitReport, HeadlinesSkipGoogleTestBoilerplate) {
  EXPECT_EQ(headline("Value of: ok(o)\n  Actual: false (accepted; expects X (HTTP 403))\nExpected: "
                     "true\nmore"),
            "accepted; expects X (HTTP 403)");
  EXPECT_EQ(
      headline("Expected: (a) >= (1), actual: 0 vs 1\n20 calls were all accepted\nExpected: (b)"),
      "20 calls were all accepted");
  EXPECT_EQ(headline("Value of: o.ok\n  Actual: true\nExpected: false\na batch fails as a whole"),
            "a batch fails as a whole");
  EXPECT_EQ(headline("plain message\nsecond"), "plain message");
  EXPECT_EQ(headline("Expected: only boilerplate"), "");  // nothing a reader can use
}

TEST(JunitReport, ADeviationPassesUnderTheMustGateAndFailsUnderTheShouldGate) {
  const json r = load_data(kAssertions);
  const std::string must = render_junit(r);
  const std::string tc = testcase_of(must, "TencentLighthouseStopInstances", "RejectsDuplicateIds");
  EXPECT_EQ(tc.find("<failure"), std::string::npos) << tc;
  EXPECT_NE(tc.find("<property name=\"outcome\" value=\"deviation\"/>"), std::string::npos) << tc;
  EXPECT_NE(
      tc.find("<property name=\"deviation\" value=\"expected InvalidParameterValue.Duplicated"),
      std::string::npos)
      << tc;
  EXPECT_NE(tc.find("<system-out>deviation from SHOULD (reported, not failed under the MUST gate)\n"
                    "TencentLighthouseStopInstances.RejectsDuplicateIds  SHOULD  deviation\n"),
            std::string::npos)
      << tc;
  EXPECT_NE(
      must.find("<property name=\"gate\" value=\"Gate: MUST assertions (deviations from SHOULD "
                "are reported, not failed)\"/>"),
      std::string::npos);
  EXPECT_NE(must.find("<testsuites name=\"cloudconform\" tests=\"7\" failures=\"3\" errors=\"0\" "
                      "skipped=\"1\""),
            std::string::npos)
      << must.substr(0, 300);

  const std::string should = render_junit(with_gate(r, "should"));
  const std::string gated =
      testcase_of(should, "TencentLighthouseStopInstances", "RejectsDuplicateIds");
  EXPECT_NE(
      gated.find("<failure message=\"expected InvalidParameterValue.Duplicated (HTTP 200); got "
                 "InvalidParameterValue (HTTP 200)\" type=\"deviation\">"),
      std::string::npos)
      << gated;
  EXPECT_EQ(gated.find("<system-out>deviation"), std::string::npos);
  EXPECT_NE(
      should.find("value=\"Gate: MUST and SHOULD assertions (a deviation from SHOULD fails the "
                  "run)\""),
      std::string::npos);
  EXPECT_NE(should.find("<testsuites name=\"cloudconform\" tests=\"7\" failures=\"4\""),
            std::string::npos);
  EXPECT_EQ(xml_problem(should), "");
}

TEST(JunitReport, AnInconclusiveCaseIsSkippedWithItsReason) {
  const std::string tc = testcase_of(render_junit(load_data(kAssertions)),
                                     "TencentEcmStopInstances", "HonoursTheDocumentedRateLimit");
  EXPECT_NE(
      tc.find("<skipped message=\"inconclusive: the burst reached 12 calls in one second with a "
              "250 ms round trip; twice the limit (40) never landed inside one window\"/>"),
      std::string::npos)
      << tc;
  EXPECT_EQ(tc.find("<failure"), std::string::npos);
}

TEST(JunitReport, FailureTextGivesEachFailedAssertionWithItsLevelPassageAndReplay) {
  const std::string tc = testcase_of(render_junit(load_data(kAssertions)), "AlibabaEcsStopInstance",
                                     "RejectsAStoppedInstance");
  EXPECT_NE(tc.find("<failure message=\"expected IncorrectInstanceStatus (HTTP 403); got ok 200 "
                    "(RequestId 78427EA1)\" type=\"fail\">"),
            std::string::npos)
      << tc;
  // MUST before SHOULD, each with its message and passage; the GoogleTest text reduced to its why.
  const size_t must = tc.find(
      "  MUST  a STOPPED instance is refused\n    expected IncorrectInstanceStatus "
      "(HTTP 403); got ok 200 (RequestId 78427EA1)\n    the document says "
      "(004_57f0ed9f944b1d02.txt): &quot;Stops an Elastic");
  const size_t should = tc.find(
      "  SHOULD  the refusal carries IncorrectInstanceStatus with HTTP 403\n"
      "    expected IncorrectInstanceStatus (HTTP 403); got no error code\n");
  EXPECT_NE(must, std::string::npos) << tc;
  EXPECT_NE(should, std::string::npos) << tc;
  EXPECT_LT(must, should);
  EXPECT_NE(tc.find("the wire reference says (protocols.md § B6): &quot;Every error response"),
            std::string::npos);
  EXPECT_NE(
      tc.find(
          "  replay: cloudconform run --only &#39;AlibabaEcsStopInstance.RejectsAStoppedInstance"
          "&#39; --deviation stop-accepts-any-state\n"),
      std::string::npos);
}

TEST(JunitReport, AFailingPropertyShowsItsShrunkCaseAndItsReplayFile) {
  const std::string tc =
      testcase_of(render_junit(load_data(kAssertions)), "AlibabaEcsStopInstances",
                  "GeneratedBatchesAgreeWithTheModel");
  EXPECT_NE(
      tc.find("<failure message=\"expected a refusal of 101 ids (the limit is 100); got ok 200 "
              "and 101 instances Stopping\""),
      std::string::npos)
      << tc;
  EXPECT_NE(tc.find("smallest failing case after 14 shrinks (37 cases run, seed 1234567): "
                    "{&quot;ids&quot;:101"),
            std::string::npos)
      << tc;
  EXPECT_NE(tc.find("replay: cloudconform replay "
                    "replays/AlibabaEcsStopInstances.GeneratedBatchesAgreeWithTheModel.json\n"),
            std::string::npos)
      << tc;
  EXPECT_EQ(tc.find("Failed"), std::string::npos) << tc;
}

TEST(JunitReport, XmlCheckerRejectsWhatIsNotWellFormed) {
  // The checker the tests above rely on must be able to fail.
  EXPECT_EQ(xml_problem("<a><b x=\"1\">t &amp; u</b></a>"), "");
  EXPECT_NE(xml_problem("<a><b></a></b>"), "");
  EXPECT_NE(xml_problem("<a>&nbsp;</a>"), "");
  EXPECT_NE(xml_problem("<a x=1></a>"), "");
  EXPECT_NE(xml_problem("<a>\x01</a>"), "");
  EXPECT_NE(xml_problem("<a>\xC3\x28</a>"), "");
  EXPECT_NE(xml_problem("<a></a><b></b>"), "");
  EXPECT_NE(xml_problem("<a>"), "");
  EXPECT_NE(xml_problem("<a x=\"1\" x=\"2\"/>"), "");
}

TEST(JunitReport, ReportsDifferencesAsDifferentialTestcasesPassingWithoutTheGate) {
  const std::string xml = render_junit(load_compared());
  EXPECT_EQ(xml_problem(xml), "");
  EXPECT_EQ(count(xml, "<testsuite name=\"Differential\""), 1u);
  for (const char* id : {kFieldCase, kStatesCase, kSecretCase})
    EXPECT_FALSE(testcase_of(xml, "Differential", id).empty()) << id;
  EXPECT_EQ(count(xml, "<testcase classname=\"Differential\""), 3u);
  EXPECT_EQ(count(xml, "<failure"), 0u);
  const std::string tc = testcase_of(xml, "Differential", kFieldCase);
  EXPECT_NE(tc.find("<system-out>differs from embedded-emulator &quot;cloudconform reference "
                    "emulator&quot;, recorded 2026-12-05T01:00:00Z (snapshot snapshots/faithful)\n"
                    "\nexchange 1 (StopInstances) /response/body/Response/Error/Code\n"
                    "  recorded: InvalidInstanceId.NotFound\n"
                    "  observed: InvalidInstanceId.Malformed\n  rule: equal: "),
            std::string::npos)
      << tc;
  EXPECT_NE(xml.find("<testsuites name=\"cloudconform\" tests=\"6\" failures=\"0\""),
            std::string::npos)
      << xml;
  EXPECT_EQ(xml.find("CANARY"), std::string::npos);
}

TEST(JunitReport, ReportsDifferencesAsFailuresUnderTheDifferentialGate) {
  const std::string xml = render_junit(compared_under_gate());
  EXPECT_EQ(xml_problem(xml), "");
  EXPECT_EQ(count(xml, "<failure message=\""), 3u);
  EXPECT_EQ(count(xml, "type=\"differential\""), 3u);
  EXPECT_NE(testcase_of(xml, "Differential", kStatesCase)
                .find("<failure message=\"2 differences from the recorded target: state sequence "
                      "/states/&lt;i0&gt;\" type=\"differential\">"),
            std::string::npos)
      << xml;
  EXPECT_NE(xml.find("<testsuites name=\"cloudconform\" tests=\"6\" failures=\"3\""),
            std::string::npos);
  json none = compared_under_gate();
  none["differential"]["differences"] = json::array();
  const std::string empty = render_junit(none);
  EXPECT_EQ(xml_problem(empty), "");
  EXPECT_EQ(count(empty, "<testcase classname=\"Differential\""), 0u);
}

}  // namespace
}  // namespace cc::reports::testing
