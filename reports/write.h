#pragma once
// Writes the reports of a run next to its results.json: junit.xml, report.md, report.html —
// one table (report_files) that the writer, the `report` commands and the run's last lines
// all use, so a new report is added in one place.
#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "reports/results_view.h"

namespace cc::reports {

// One report file: its name and what renders it.
struct ReportFile {
  const char* name;  // "junit.xml"
  std::string (*render)(const Results&);
};

// junit.xml, report.md, report.html — in the order they are written and listed.
const std::vector<ReportFile>& report_files();

// "junit.xml, report.md and report.html" (for help text).
std::string report_file_names();
// "<dir>/junit.xml, <dir>/report.md, <dir>/report.html" (what was written where).
std::string report_file_paths(const std::string& dir);

// Writes every report_files() entry into out_dir, each atomically (written beside, then renamed);
// std::runtime_error when a file cannot be written.
void write_all_reports(const Results& results, const std::string& out_dir);
// Reads the results first (results_view.h): core::DataError, naming out_dir/results.json and the
// JSON pointer, on malformed results.
void write_all_reports(const nlohmann::json& results, const std::string& out_dir);

}  // namespace cc::reports
