#pragma once
// report.md: short enough for a pull-request comment — the verdict and the gate, the matrix (API x
// family, passed/judged, percentages), the failures and deviations (each failed assertion with
// its level and passage, and the replay line), inconclusive cases with their reason, the
// differences from a recorded target when the run was compared with one, how many
// observations, and one line of error-code coverage per API.
#include <nlohmann/json.hpp>

#include <string>

#include "reports/results_view.h"

namespace cc::reports {

std::string render_markdown(const Results& results);
std::string render_markdown(const nlohmann::json& results);  // read (results_view.h), then rendered

}  // namespace cc::reports
