// report compare: the model (rows, scores, coverage, warnings), its refusals, and the three files
// it writes. Real runs from tests/reports/data and small hand-made results files.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "harness/core/json_reader.h"
#include "reports/compare.h"
#include "reports/summary.h"

namespace cc::reports {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

std::string data(const std::string& name) { return std::string(CC_REPORTS_TEST_DATA) + "/" + name; }

// A fresh directory per test, named after it.
fs::path scratch() {
  const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
  const fs::path dir = fs::temp_directory_path() / "cc_compare_tests" /
                       (std::string(info->test_suite_name()) + "." + info->name());
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

// A results file with cases "<api>.<behaviour>" -> outcome (family status, level MUST).
json results(const std::vector<std::pair<std::string, std::string>>& cases,
             const std::string& hash = "aaaa", const std::string& version = "0.1.0") {
  json out = {{"schema", "cloudconform.results/1"},
              {"suite", {{"name", "cloudconform"}, {"version", version}, {"catalogue_hash", hash}}},
              {"target", {{"kind", "emulator"}, {"name", "hand-made"}}},
              {"started_at", "2026-12-05T00:00:00Z"},
              {"cases", json::array()}};
  for (const auto& [id, outcome] : cases)
    out["cases"].push_back({{"id", id},
                            {"api", id.substr(0, id.find('.'))},
                            {"family", "status"},
                            {"level", "MUST"},
                            {"outcome", outcome}});
  return out;
}

Side side(const std::string& label, const json& r) {
  return {label, label + ".json", read_results(r, label)};
}

std::string write(const fs::path& dir, const std::string& name, const std::string& text) {
  fs::create_directories((dir / name).parent_path());
  std::ofstream(dir / name) << text;
  return (dir / name).string();
}

std::string read(const fs::path& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

const CompareRow& row_of(const Comparison& c, const std::string& id) {
  for (const CompareRow& row : c.rows)
    if (row.id == id) return row;
  throw std::runtime_error("no row " + id);
}

TEST(Compare, PutsTheCasesWhereTargetsDisagreeFirst) {
  const Results clean = load_results(data("clean.json"));
  const Results broken = load_results(data("stop-accepts-any-state.json"));
  std::set<std::string> differing;
  for (const Case& a : clean.cases)
    for (const Case& b : broken.cases)
      if (a.id == b.id && a.outcome != b.outcome) differing.insert(a.id);
  ASSERT_FALSE(differing.empty());
  const Comparison c = compare_results({{"clean", "c", clean}, {"broken", "b", broken}});
  EXPECT_EQ(c.disagreements, static_cast<int>(differing.size()));
  for (size_t i = 0; i < c.rows.size(); ++i) {
    SCOPED_TRACE(c.rows[i].id);
    EXPECT_EQ(c.rows[i].disagree, i < differing.size());
    EXPECT_EQ(c.rows[i].disagree, differing.count(c.rows[i].id) > 0);
  }
}

TEST(Compare, GroupsRowsByApiAndFamilyWithinEachKind) {
  const Comparison c =
      compare_results({side("a", results({{"B.x", "pass"}, {"A.y", "pass"}, {"A.x", "fail"}})),
                       side("b", results({{"B.x", "pass"}, {"A.y", "pass"}, {"A.x", "pass"}}))});
  ASSERT_EQ(c.rows.size(), 3u);
  EXPECT_EQ(c.rows[0].id, "A.x");  // the disagreement
  EXPECT_EQ(c.rows[1].id, "A.y");
  EXPECT_EQ(c.rows[2].id, "B.x");
}

TEST(Compare, ShowsACaseAbsentFromAFileAsNotRunNeverDropsIt) {
  const Comparison c =
      compare_results({side("a", results({{"A.x", "pass"}, {"A.only", "pass"}})),
                       side("b", results({{"A.x", "pass"}, {"B.other", "fail"}}))});
  ASSERT_EQ(c.rows.size(), 3u);
  const CompareRow& only = row_of(c, "A.only");
  EXPECT_TRUE(only.disagree);
  EXPECT_FALSE(only.verdicts[1].run());
  EXPECT_EQ(verdict_text(only.verdicts[1]), "not run");
  EXPECT_EQ(outcome_token(only.verdicts[1]), "not_run");
  EXPECT_FALSE(row_of(c, "B.other").verdicts[0].run());
  EXPECT_FALSE(row_of(c, "A.x").disagree);
  EXPECT_EQ(c.disagreements, 2);
}

TEST(Compare, CountsTheCasesMetPerApiAndTargetAsEachTargetsOwnReportDoes) {
  const Comparison c = compare_results(
      {side("a",
            results(
                {{"A.1", "pass"}, {"A.2", "fail"}, {"A.3", "not_supported"}, {"A.4", "observed"}})),
       side("b", results({{"A.1", "pass"}, {"A.2", "pass"}, {"B.1", "deviation"}}))});
  const Cell& a = c.scores.at("A")[0];
  EXPECT_EQ(a.met, 2);
  EXPECT_EQ(a.judged, 3);
  EXPECT_EQ(a.cases, 4);
  const Cell& b = c.scores.at("A")[1];
  EXPECT_EQ(b.met, 2);
  EXPECT_EQ(b.judged, 2);
  EXPECT_EQ(c.scores.at("B")[0].cases, 0);  // not run: never a score of 0
  EXPECT_EQ(score_text(c.scores.at("B")[0]), "not run");
  EXPECT_EQ(c.scores.at("B")[1].deviations, 1);
  EXPECT_EQ(score_text(a), "2/3 (67%)");
  EXPECT_EQ(c.overall[1].met, 2);
  EXPECT_EQ(c.overall[1].judged, 3);
}

TEST(Compare, AgreesWithEachRealRunsMatrix) {
  std::vector<Side> sides;
  for (const char* f : {"clean.json", "stop-accepts-any-state.json", "never-throttles.json"})
    sides.push_back({f, f, load_results(data(f))});
  const Comparison c = compare_results(sides);
  for (size_t i = 0; i < sides.size(); ++i) {
    const Matrix m = compute_matrix(sides[i].results);
    for (const auto& [api, cell] : m.per_api) {
      SCOPED_TRACE(api + " " + sides[i].label);
      EXPECT_EQ(c.scores.at(api)[i].met, cell.met);
      EXPECT_EQ(c.scores.at(api)[i].judged, cell.judged);
    }
  }
}

TEST(Compare, WarnsWhenTheCatalogueHashesDiffer) {
  const Comparison same = compare_results(
      {side("a", results({{"A.1", "pass"}})), side("b", results({{"A.1", "pass"}}))});
  EXPECT_TRUE(same.warnings.empty());
  const Comparison differ = compare_results({side("a", results({{"A.1", "pass"}}, "aaaa")),
                                             side("b", results({{"A.1", "pass"}}, "bbbb"))});
  ASSERT_EQ(differ.warnings.size(), 1u);
  EXPECT_NE(differ.warnings[0].find("catalogue hashes differ: a aaaa, b bbbb"), std::string::npos);
  EXPECT_NE(render_compare_markdown(differ).find("catalogue hashes differ"), std::string::npos);
  EXPECT_NE(render_compare_html(differ).find("class=\"warning\""), std::string::npos);
  EXPECT_EQ(compare_json(differ)["warnings"].size(), 1u);
}

TEST(Compare, WarnsWhenTheSuiteVersionsDiffer) {
  const Comparison c = compare_results({side("a", results({{"A.1", "pass"}}, "h", "0.1.0")),
                                        side("b", results({{"A.1", "pass"}}, "h", "0.2.0"))});
  ASSERT_EQ(c.warnings.size(), 1u);
  EXPECT_NE(c.warnings[0].find("suite versions differ"), std::string::npos);
}

TEST(Compare, ShowsNoCoverageForAnApiATargetDidNotRun) {
  const Results canary = load_results(data("canary.json"));
  ASSERT_FALSE(canary.coverage.empty());
  json other = results({{"AlibabaEcsStopInstance.Whatever", "pass"}});
  const Comparison c = compare_results({{"canary", "canary", canary}, side("other", other)});
  const auto& cvm = c.coverage.at("TencentCvmStopInstances");
  ASSERT_TRUE(cvm[0].has_value());
  EXPECT_TRUE(cvm[0]->recorded);
  EXPECT_EQ(cvm[0]->documented, canary.coverage.at("TencentCvmStopInstances").documented_count());
  EXPECT_EQ(cvm[0]->triggered, canary.coverage.at("TencentCvmStopInstances").triggered_count());
  EXPECT_FALSE(cvm[1].has_value());
  ASSERT_TRUE(c.coverage.at("AlibabaEcsStopInstance")[1].has_value());
  EXPECT_FALSE(c.coverage.at("AlibabaEcsStopInstance")[1]->recorded);
}

class CompareInput : public ::testing::Test {
 protected:
  void SetUp() override {
    dir = scratch();
    a = write(dir, "a/results.json", results({{"A.1", "pass"}}).dump());
    b = write(dir, "b/results.json", results({{"A.1", "fail"}}).dump());
  }
  // The message of the DataError compare_command throws ("" when it does not).
  std::string refusal(const CompareOptions& o) {
    std::ostringstream out;
    try {
      compare_command(o, out);
    } catch (const core::DataError& e) {
      return e.what();
    }
    return "";
  }
  fs::path dir;
  std::string a, b;
};

TEST_F(CompareInput, RefusesFewerThanTwoFiles) {
  EXPECT_NE(refusal({{a}, {}, dir / "out"}).find("at least two results files"), std::string::npos);
}

TEST_F(CompareInput, RefusesAnUnreadableFileNamingIt) {
  const std::string missing = (dir / "missing.json").string();
  EXPECT_NE(refusal({{a, missing}, {}, dir / "out"}).find(missing), std::string::npos);
}

TEST_F(CompareInput, RefusesAnInvalidResultsFileNamingIt) {
  const std::string bad =
      write(dir, "bad.json", R"({"schema": "cloudconform.results/1", "cases": 3})");
  const std::string message = refusal({{a, bad}, {}, dir / "out"});
  EXPECT_NE(message.find(bad), std::string::npos) << message;
  const std::string not_json = write(dir, "text.json", "not json");
  EXPECT_NE(refusal({{not_json, a}, {}, dir / "out"}).find(not_json), std::string::npos);
}

TEST_F(CompareInput, RefusesALabelNamingAFileNotGiven) {
  const std::string message = refusal({{a, b}, {"x=" + (dir / "c.json").string()}, dir / "out"});
  EXPECT_NE(message.find("is not one of the results files given"), std::string::npos) << message;
  EXPECT_NE(refusal({{a, b}, {"no-equals-sign"}, dir / "out"}).find("NAME=FILE"),
            std::string::npos);
}

TEST_F(CompareInput, RefusesDuplicateLabels) {
  const std::string message = refusal({{a, b}, {"same=" + a, "same=" + b}, dir / "out"});
  EXPECT_NE(message.find("two results files have the label \"same\""), std::string::npos)
      << message;
  EXPECT_NE(refusal({{a, b}, {"x=" + a, "y=" + a}, dir / "out"}).find("labelled twice"),
            std::string::npos);
}

TEST_F(CompareInput, RefusesAFileGivenTwice) {
  EXPECT_NE(refusal({{a, (dir / "a").string()}, {}, dir / "out"}).find("given twice"),
            std::string::npos);
}

TEST_F(CompareInput, TakesADirectoryForItsResultsJsonAndLabelsByEitherSpelling) {
  const std::vector<Side> sides = load_sides(
      {{(dir / "a").string(), b}, {"faithful=" + a, "broken=" + (dir / "b").string()}, ""});
  ASSERT_EQ(sides.size(), 2u);
  EXPECT_EQ(sides[0].file, a);
  EXPECT_EQ(sides[0].label, "faithful");
  EXPECT_EQ(sides[1].label, "broken");
}

TEST_F(CompareInput, LabelsATargetByItsNameAndFileByDefault) {
  const std::vector<Side> sides = load_sides({{a, b}, {}, ""});
  EXPECT_EQ(sides[0].label, "hand-made (" + a + ")");
}

TEST_F(CompareInput, WritesThreeFilesAndSaysWhatItCompared) {
  std::ostringstream out;
  EXPECT_EQ(compare_command({{a, b}, {"good=" + a, "bad=" + b}, (dir / "out").string()}, out), 0);
  for (const char* f : {"compare.html", "compare.md", "compare.json"}) {
    EXPECT_TRUE(fs::exists(dir / "out" / f)) << f;
    EXPECT_NE(out.str().find("wrote " + (dir / "out" / f).string() + "\n"), std::string::npos);
  }
  EXPECT_NE(out.str().find("1 case, 1 disagreement, 2 targets: good, bad\n"), std::string::npos)
      << out.str();
  const json j = json::parse(read(dir / "out" / "compare.json"));
  EXPECT_EQ(j["schema"], "cloudconform.compare/1");
  EXPECT_EQ(j["cases"][0]["targets"][1]["outcome"], "fail");
  EXPECT_EQ(j["scores"]["A"][1]["judged"], 1);
}

TEST(Compare, NumbersTheColumnsWhenALabelIsLong) {
  const json r = results({{"A.1", "pass"}});
  EXPECT_EQ(column_names(compare_results({side("a", r), side("b", r)})),
            (std::vector<std::string>{"a", "b"}));
  const Comparison c =
      compare_results({side("a", r), side("emulator (/a/long/path/results.json)", r)});
  EXPECT_EQ(column_names(c), (std::vector<std::string>{"#1", "#2"}));
  EXPECT_NE(render_compare_markdown(c).find("| case | family | #1 | #2 |\n|---|---|---|---|\n"),
            std::string::npos);
}

TEST(CompareMarkdown, ListsTheDisagreementsBeforeTheAgreements) {
  const Comparison c =
      compare_results({side("a", results({{"A.same", "pass"}, {"Z.differs", "pass"}})),
                       side("b", results({{"A.same", "pass"}, {"Z.differs", "fail"}}))});
  const std::string md = render_compare_markdown(c);
  ASSERT_NE(md.find("Z.differs"), std::string::npos);
  EXPECT_LT(md.find("Z.differs"), md.find("A.same"));
  EXPECT_LT(md.find("### Disagreements"), md.find("### Cases met per API"));
  EXPECT_LT(md.find("### Cases met per API"), md.find("Agreements ("));
}

TEST(CompareMarkdown, StaysWithinACommentsSizeAndCountsWhatItLeftOut) {
  std::vector<std::pair<std::string, std::string>> many_a, many_b;
  for (int i = 0; i < 3000; ++i) {
    const std::string id = "SomeRatherLongApiName.SomeRatherLongBehaviourName" + std::to_string(i);
    many_a.push_back({id, "pass"});
    many_b.push_back({id, i % 2 ? "fail" : "pass"});
  }
  const Comparison c = compare_results({side("a", results(many_a)), side("b", results(many_b))});
  const std::string md = render_compare_markdown(c);
  EXPECT_LE(md.size(), kCompareMarkdownBudget);
  EXPECT_NE(md.find("more cases (compare.html and compare.json list every case)"),
            std::string::npos);
  EXPECT_EQ(compare_json(c)["cases"].size(), 3000u);  // the JSON keeps every case
}

TEST(CompareHtml, IsSelfContainedAndMarksEveryRow) {
  const Comparison c =
      compare_results({side("a", results({{"A.same", "pass"}, {"Z.differs", "pass"}})),
                       side("b <b>", results({{"A.same", "pass"}}))});
  const std::string page = render_compare_html(c);
  for (const char* outside : {"src=", "<link", "@import", "url("})
    EXPECT_EQ(page.find(outside), std::string::npos) << outside;
  EXPECT_NE(page.find("data-disagreements=\"1\""), std::string::npos);
  EXPECT_NE(page.find("data-case=\"Z.differs\" data-disagree=\"1\""), std::string::npos);
  EXPECT_NE(page.find("data-case=\"A.same\" data-disagree=\"0\""), std::string::npos);
  EXPECT_LT(page.find("Z.differs"), page.find("A.same"));
  EXPECT_NE(page.find("b &lt;b&gt;"), std::string::npos);
  EXPECT_EQ(page.find("b <b>"), std::string::npos);
}

}  // namespace
}  // namespace cc::reports
