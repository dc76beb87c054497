#pragma once
// What the snapshot tests read: the catalogue, a real run (data/run.json), the report tests'
// canary file, and a fresh directory per test to write snapshots into.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "harness/core/catalogue.h"
#include "harness/core/json_reader.h"

namespace cc::snapshot::testing {

inline const core::Catalogue& catalogue() {
  static const core::Catalogue c =
      core::load_catalogue(std::string(CLOUDCONFORM_FIXTURES_DIR) + "/apis");
  return c;
}

// Nine cases of a real run against the reference emulator, one of them a property case.
inline nlohmann::json run() {
  return core::read_json_file(std::string(CC_SNAPSHOT_TEST_DATA) + "/run.json", "test");
}

inline std::string read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("missing test data: " + path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// A directory of its own for the running test, emptied first.
inline std::string fresh_dir() {
  const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
  const auto dir = std::filesystem::temp_directory_path() / "cc_snapshot_tests" /
                   (std::string(info->test_suite_name()) + "." + info->name());
  std::filesystem::remove_all(dir);
  return dir.string();
}

// Every file under `dir`, concatenated: what a leak check must search.
inline std::string all_text(const std::string& dir) {
  std::string out;
  for (const auto& f : std::filesystem::recursive_directory_iterator(dir))
    if (f.is_regular_file()) out += read_text(f.path().string());
  return out;
}

// The case with an id in a results file (it must be there).
inline nlohmann::json& case_in(nlohmann::json& results, const std::string& id) {
  for (auto& c : results["cases"])
    if (c["id"] == id) return c;
  throw std::runtime_error("no case " + id + " in the test data");
}

}  // namespace cc::snapshot::testing
