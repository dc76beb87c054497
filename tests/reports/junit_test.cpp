#include <gtest/gtest.h>

#include "reports/junit.h"
#include "reports/model.h"
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
    EXPECT_NE(tc.find("provenance:"), std::string::npos) << c["id"];
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
  EXPECT_NE(tc.find("seed 004_57f0ed9f944b1d02.txt: &quot;IncorrectInstanceStatus&quot;"),
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
  EXPECT_EQ(headline("Expected: only boilerplate"), "Expected: only boilerplate");
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

}  // namespace
}  // namespace cc::reports::testing
