#pragma once
// The sections of report.html, one function each, over the results as read (checked and
// redacted, see results_view.h). Every string from the results goes through
// xml_escape.
#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "reports/results_view.h"

namespace cc::reports::html {

std::string identity(const Results& r);
std::string matrix(const Results& r);
std::string cases(const Results& r);
std::string coverage(const Results& r);
std::string observations(const Results& r);
std::string rate_limits(const Results& r);

// An inline SVG bar chart of a "burst" observation's bins_100ms (accepted vs throttled per
// 100 ms), with axis labels and a legend.
std::string burst_chart(const Burst& burst, const std::string& title);

// Shared pieces.
// The palette, tables, score cells and outcome badges report.html and compare.html share, so
// the two pages read alike.
extern const char* const kBaseStyle;
std::string esc(const std::string& s);
std::string case_anchor(const std::string& case_id);  // "case-<id>", safe as an id
std::string case_link(const std::string& case_id);    // <a href="#case-…">id</a>
std::string outcome_badge(CaseOutcome outcome);
// The outcomes by name, in alphabetical order: the order the counts are listed in.
std::vector<CaseOutcome> outcomes_by_name();
std::string json_text(const nlohmann::json& v);  // strings as they are, the rest as JSON

}  // namespace cc::reports::html
