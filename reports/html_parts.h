#pragma once
// The sections of report.html, one function each, over results already prepared for reports
// (validated and redacted, see prepare.h). Every string from the results goes through
// xml_escape.
#include <nlohmann/json.hpp>

#include <string>

namespace cc::reports::html {

std::string identity(const nlohmann::json& r);
std::string matrix(const nlohmann::json& r);
std::string cases(const nlohmann::json& r);
std::string coverage(const nlohmann::json& r);
std::string observations(const nlohmann::json& r);
std::string rate_limits(const nlohmann::json& r);

// An inline SVG bar chart of a "burst" observation's bins_100ms (accepted vs throttled per
// 100 ms), with axis labels and a legend.
std::string burst_chart(const nlohmann::json& burst, const std::string& title);

// Shared pieces.
std::string esc(const std::string& s);
std::string case_anchor(const std::string& case_id);  // "case-<id>", safe as an id
std::string case_link(const std::string& case_id);    // <a href="#case-…">id</a>
std::string outcome_badge(const std::string& outcome);
std::string json_text(const nlohmann::json& v);  // strings as they are, the rest as JSON

}  // namespace cc::reports::html
