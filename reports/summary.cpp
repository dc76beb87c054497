#include "reports/summary.h"

#include <iomanip>
#include <map>
#include <set>
#include <sstream>

#include "harness/core/json_reader.h"

namespace cc::reports {

using nlohmann::json;

json load_results(const std::string& path) {
  json doc = core::read_json_file(path, "results");
  core::JsonReader r(doc, path, "results");
  r.expect_object();
  if (r.string("schema") != "cloudconform.results/1")
    r.fail("bad_value", "schema must be cloudconform.results/1", "schema");
  for (core::JsonReader c : r.array("cases")) {
    c.string("id");
    c.string("api");
    c.string("family");
    c.string("outcome");
  }
  return doc;
}

std::string render_summary(const json& results) {
  // Cells count cases that met the documents (pass or observed) over cases that ran.
  std::set<std::string> families;
  std::map<std::string, std::map<std::string, std::pair<int, int>>> cells;
  std::vector<const json*> problems;
  for (const auto& c : results["cases"]) {
    const std::string outcome = c["outcome"];
    families.insert(c["family"].get<std::string>());
    auto& cell = cells[c["api"]][c["family"]];
    if (outcome == "not_supported") continue;
    cell.second++;
    if (outcome == "pass" || outcome == "observed") cell.first++;
    else problems.push_back(&c);
  }
  std::ostringstream out;
  out << std::left << std::setw(34) << "API";
  for (const auto& f : families) out << std::setw(12) << f;
  out << "\n";
  for (const auto& [api, row] : cells) {
    out << std::setw(34) << api;
    for (const auto& f : families) {
      auto it = row.find(f);
      std::string cell = it == row.end() || it->second.second == 0
                             ? "-"
                             : std::to_string(it->second.first) + "/" + std::to_string(it->second.second);
      out << std::setw(12) << cell;
    }
    out << "\n";
  }
  const json& s = results["summary"];
  out << "\n" << s.value("pass", 0) << " passed, " << s.value("fail", 0) << " failed, " << s.value("observed", 0)
      << " observed, " << s.value("not_supported", 0) << " not supported, " << s.value("harness_error", 0)
      << " harness errors\n";
  for (const json* c : problems) {
    std::string msg = c->value("message", "");
    if (msg.size() > 300) msg = msg.substr(0, 300) + "...";
    out << "  " << (*c)["outcome"].get<std::string>() << ": " << (*c)["id"].get<std::string>() << "\n    " << msg << "\n";
  }
  return out.str();
}

std::string render_outcomes(const json& results) {
  std::string out;
  for (const auto& c : results["cases"])
    out += c["id"].get<std::string>() + " " + c.value("level", "MUST") + " " + c["outcome"].get<std::string>() + "\n";
  return out;
}

std::string case_outcome(const json& results, const std::string& case_id) {
  for (const auto& c : results["cases"])
    if (c["id"] == case_id) return c["outcome"];
  return "absent";
}

}  // namespace cc::reports
