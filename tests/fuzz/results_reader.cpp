// Fuzz target: what `cloudconform report` does with a results.json a user hands it — read and
// check it (read_results: types, outcomes, levels, gate, duplicates, redaction), then one of the
// things the report commands make of it: summary, outcomes, the verdict and exit status, one of
// the report files (junit.xml, report.md, report.html, rendered in memory), diff (of the file
// with itself), merge (the file as two shards of its cases). A malformed file must be refused
// with a core::DataError naming file and pointer, whatever the command; any other exception, a
// crash or a sanitizer finding is a bug, and so is a diff of a file with itself that finds a
// change.
//
// Input: byte 0 picks the command (modulo how many there are), as catalogue_loader's picks the
// file's role; the rest is the file's text. What is not JSON is the JSON reader's refusal and
// stops there. One command per input, as `cloudconform report` runs one per invocation: every
// command on every input made each input cost all of them (2,800 inputs a second), while an
// input that reaches a new path of one renderer is kept for that renderer alone.
#include <nlohmann/json.hpp>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

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

void same_file_diff(const cc::reports::Results& results) {
  using namespace cc::reports;
  const ResultsDiff same = diff_results(results, results);
  if (!same.regressions.empty() || !same.fixes.empty() || !same.new_cases.empty() ||
      !same.removed_cases.empty() || !same.outcome_changes.empty())
    bug("a diff of a file with itself finds a change");
  (void)render_diff_text(same, "base.json", "new.json", true);
  (void)render_diff_markdown(same, "base.json", "new.json", false);
}

void merge_shards(const json& doc) {
  const auto cases = doc.find("cases");  // read_results checked it is an array, when present
  if (cases == doc.end() || cases->size() < 2) return;
  const json merged = cc::reports::merge_results(shards_of(doc));
  (void)cc::reports::render_summary(cc::reports::read_results(merged, "merged.json"));
}

// Reads the file, then runs the command `pick` names: the report files first, then summary,
// outcomes, verdict, diff and merge.
void report(const json& doc, std::uint8_t pick) {
  using namespace cc::reports;
  const Results results = read_results(doc, "results.json");
  const std::vector<ReportFile>& files = report_files();
  const std::size_t command = pick % (files.size() + 5);
  if (command < files.size()) {
    (void)files[command].render(results);
    return;
  }
  switch (command - files.size()) {
    case 0:
      (void)render_summary(results);
      break;
    case 1:
      (void)render_outcomes(results);
      break;
    case 2:
      (void)verdict(results);
      (void)exit_status(results);
      break;
    case 3:
      same_file_diff(results);
      break;
    default:
      merge_shards(doc);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 1) return 0;
  const json doc = json::parse(data + 1, data + size, nullptr, false);
  if (doc.is_discarded()) return 0;
  try {
    report(doc, data[0]);
  } catch (const cc::core::DataError&) {
    // the expected refusal of a malformed file (a merge refuses shards that do not fit, too)
  } catch (const std::exception& e) {
    bug(std::string("not a DataError: ") + e.what());
  }
  return 0;
}
