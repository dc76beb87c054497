// Fuzz target: what `cloudconform report` does with a results.json a user hands it — read and
// check it (read_results: types, outcomes, levels, gate, duplicates, redaction), then everything
// the report commands make of it: summary and outcomes, the verdict and exit status, diff
// (against itself and against a copy with its cases reversed), merge (the file as two shards of
// its cases), write (junit.xml, report.md, report.html, rendered in memory). A malformed file
// must be refused with a core::DataError naming file and pointer; any other exception, a crash
// or a sanitizer finding is a bug, and so is a diff of a file with itself that finds a change.
//
// Input: the file's text. What is not JSON is the JSON reader's refusal and stops there.
#include <nlohmann/json.hpp>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "harness/core/json_reader.h"
#include "reports/diff.h"
#include "reports/merge.h"
#include "reports/model.h"
#include "reports/summary.h"
#include "reports/write.h"

namespace {

using nlohmann::json;

[[noreturn]] void bug(const std::string& what) {
  std::fprintf(stderr, "results_reader: %s\n", what.c_str());
  std::abort();
}

// The file's cases as two shards (even and odd positions), as `report merge` gets them.
std::vector<cc::reports::Shard> shards_of(const json& doc) {
  json a = json::object();  // the document but its cases, which are most of it: not copied twice
  for (const auto& [key, value] : doc.items())
    if (key != "cases") a[key] = value;
  a["cases"] = json::array();
  json b = a;
  const json& cases = doc["cases"];
  for (std::size_t i = 0; i < cases.size(); ++i) (i % 2 ? b : a)["cases"].push_back(cases[i]);
  return {{"shard-0.json", a}, {"shard-1.json", b}};
}

void report_everything(const json& doc) {
  using namespace cc::reports;
  const Results results = read_results(doc, "results.json");
  (void)render_summary(results);
  (void)render_outcomes(results);
  (void)verdict(results);
  (void)exit_status(results);
  for (const ReportFile& file : report_files()) (void)file.render(results);
  const ResultsDiff same = diff_results(results, results);
  if (!same.regressions.empty() || !same.fixes.empty() || !same.new_cases.empty() ||
      !same.removed_cases.empty() || !same.outcome_changes.empty())
    bug("a diff of a file with itself finds a change");
  (void)render_diff_text(same, "base.json", "new.json", true);
  (void)render_diff_markdown(same, "base.json", "new.json", false);
  const auto cases = doc.find("cases");  // read_results checked it is an array, when present
  if (cases != doc.end() && cases->size() >= 2) {
    const json merged = merge_results(shards_of(doc));
    (void)render_summary(read_results(merged, "merged.json"));
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const json doc = json::parse(data, data + size, nullptr, false);
  if (doc.is_discarded()) return 0;
  try {
    report_everything(doc);
  } catch (const cc::core::DataError&) {
    // the expected refusal of a malformed file (a merge refuses shards that do not fit, too)
  } catch (const std::exception& e) {
    bug(std::string("not a DataError: ") + e.what());
  }
  return 0;
}
