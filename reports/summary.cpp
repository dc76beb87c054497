#include "reports/summary.h"

#include <iomanip>
#include <sstream>

#include "harness/core/json_reader.h"
#include "reports/model.h"

namespace cc::reports {

using nlohmann::json;

json load_results(const std::string& path) {
  json doc = core::read_json_file(path, "results");
  validate_results(doc, path);
  return doc;
}

std::string render_summary(const json& results) {
  // Cells count cases that met the documents (pass, observed) over cases that were judged.
  const Matrix m = compute_matrix(results);
  std::ostringstream out;
  out << std::left << std::setw(34) << "API";
  for (const auto& f : m.families) out << std::setw(12) << f;
  out << "overall\n";
  for (const auto& [api, row] : m.cells) {
    out << std::setw(34) << api;
    for (const auto& f : m.families) {
      auto it = row.find(f);
      std::string cell =
          it == row.end() || it->second.judged == 0
              ? "-"
              : std::to_string(it->second.met) + "/" + std::to_string(it->second.judged);
      out << std::setw(12) << cell;
    }
    const Cell& a = m.per_api.at(api);
    out << (a.judged ? format_percent(a.percent()) : "-") << "\n";
  }
  const json s = count_outcomes(results["cases"]);
  out << "\n"
      << s["pass"].get<int>() << " passed, " << s["fail"].get<int>() << " failed, "
      << s["observed"].get<int>() << " observed, " << s["not_supported"].get<int>()
      << " not supported, " << s["harness_error"].get<int>() << " harness errors";
  if (s["expected_fail"].get<int>() > 0)
    out << ", " << s["expected_fail"].get<int>() << " expected failures";
  if (s["unexpected_pass"].get<int>() > 0)
    out << ", " << s["unexpected_pass"].get<int>() << " unexpected passes";
  out << "\n" << verdict(results) << "\n";
  for (const auto& c : results["cases"]) {
    const std::string outcome = c["outcome"];
    if (!non_conformant(outcome) && outcome != "harness_error") continue;
    std::string msg = c.value("message", "");
    if (msg.size() > 300) msg = msg.substr(0, 300) + "...";
    out << "  " << outcome << ": " << c["id"].get<std::string>() << "\n    " << msg << "\n";
  }
  return out.str();
}

std::string render_outcomes(const json& results) {
  std::string out;
  for (const auto& c : results["cases"])
    out += c["id"].get<std::string>() + " " + c.value("level", "MUST") + " " +
           c["outcome"].get<std::string>() + "\n";
  return out;
}

std::string case_outcome(const json& results, const std::string& case_id) {
  for (const auto& c : results["cases"])
    if (c["id"] == case_id) return c["outcome"];
  return "absent";
}

}  // namespace cc::reports
