#pragma once
// report.md: short enough for a pull-request comment — the verdict, the matrix (API x family,
// passed/judged, percentages), the failures with their replay lines, how many observations,
// and one line of error-code coverage per API.
#include <nlohmann/json.hpp>

#include <string>

namespace cc::reports {

std::string render_markdown(const nlohmann::json& results);

}  // namespace cc::reports
