#pragma once
// report.html: one self-contained page (inline CSS, script and SVG; no external URL) with stable
// section ids: #identity (target, suite, timings), #matrix (API x family, coloured, with
// percentages), #differential (only when the run was compared with a snapshot: the differences
// from the recorded target, reports/differential.h), #cases (drill-down per case with provenance,
// observations and the redacted transcript), #coverage (error-code coverage per API), #observations
// (what the target did where the documents are silent) and #rate-limits (accepted vs throttled per
// 100 ms, inline SVG).
#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "reports/results_view.h"

namespace cc::reports {

std::string render_html(const Results& results);
std::string render_html(const nlohmann::json& results);  // read (results_view.h), then rendered

// The section ids, in page order; the page's own script checks each exists.
const std::vector<std::string>& html_section_ids();

}  // namespace cc::reports
