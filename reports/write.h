#pragma once
// Writes the reports of a run next to its results.json: junit.xml, report.md, report.html.
#include <nlohmann/json.hpp>

#include <string>

namespace cc::reports {

// Throws core::DataError (naming out_dir/results.json and the JSON pointer) on malformed
// results, std::runtime_error when a file cannot be written.
void write_all_reports(const nlohmann::json& results, const std::string& out_dir);

}  // namespace cc::reports
