// Fuzz target: an expectations file (fixtures/expectations/README.md), as `report --expectations
// FILE` and `run --expectations FILE` read it — validate_expectations (unknown fields, types,
// empty reasons, case patterns that are not regular expressions), then apply_expectations on a
// small results file (tests/reports/data/canary.json: every outcome the classification turns on)
// and the reports' own reading of the result. A malformed file must be refused with a
// core::DataError naming file and pointer; any other exception, a crash or a sanitizer finding
// is a bug, and so is a classified file the reports then refuse.
//
// Input: the file's text. What is not JSON is the JSON reader's refusal and stops there.
#include <nlohmann/json.hpp>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "harness/core/json_reader.h"
#include "reports/expectations.h"
#include "reports/results_view.h"
#include "reports/summary.h"

namespace {

using nlohmann::json;

[[noreturn]] void bug(const std::string& what) {
  std::fprintf(stderr, "expectations_file: %s\n", what.c_str());
  std::abort();
}

const json& results() {
  static const json r = cc::core::read_json_file(
      std::string(CLOUDCONFORM_TESTS_DIR) + "/reports/data/canary.json", "results");
  return r;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const json expectations = json::parse(data, data + size, nullptr, false);
  if (expectations.is_discarded()) return 0;
  json classified;
  try {
    cc::reports::validate_expectations(expectations, "expectations.json");
    classified = results();  // copied only for a file the checks let through
    cc::reports::apply_expectations(classified, expectations, "expectations.json");
  } catch (const cc::core::DataError&) {
    return 0;  // the expected refusal of a malformed file
  } catch (const std::exception& e) {
    bug(std::string("not a DataError: ") + e.what());
  }
  // A file the checks let through classifies into a results file the reports read.
  try {
    (void)cc::reports::render_summary(cc::reports::read_results(classified, "results.json"));
  } catch (const std::exception& e) {
    bug(std::string("the classified results do not read back: ") + e.what());
  }
  return 0;
}
