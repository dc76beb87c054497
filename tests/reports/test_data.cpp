#include "tests/reports/test_data.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "reports/html.h"
#include "reports/junit.h"
#include "reports/markdown.h"

namespace cc::reports::testing {

std::string data_path(const std::string& name) {
  return std::string(CC_REPORTS_TEST_DATA) + "/" + name;
}

std::string read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in)
    throw std::runtime_error("test data missing: " + path +
                             " (see tests/reports/data/regenerate.sh)");
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

nlohmann::json load_data(const std::string& name) {
  return nlohmann::json::parse(read_text(data_path(name)));
}

std::vector<std::string> data_files() {
  std::vector<std::string> out;
  for (const auto& e : std::filesystem::directory_iterator(CC_REPORTS_TEST_DATA))
    if (e.path().extension() == ".json") out.push_back(e.path().filename().string());
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<std::pair<std::string, std::string>> all_reports(const nlohmann::json& results) {
  return {{"junit.xml", render_junit(results)},
          {"report.md", render_markdown(results)},
          {"report.html", render_html(results)}};
}

std::vector<std::string> ids_with(const nlohmann::json& results, const std::string& outcome) {
  std::vector<std::string> out;
  for (const auto& c : results["cases"])
    if (c["outcome"] == outcome) out.push_back(c["id"]);
  return out;
}

nlohmann::json with_gate(nlohmann::json results, const std::string& gate) {
  results["gate"] = gate;
  return results;
}

nlohmann::json case_of(const nlohmann::json& results, const std::string& id) {
  for (const auto& c : results["cases"])
    if (c["id"] == id) return c;
  return nullptr;
}

}  // namespace cc::reports::testing
