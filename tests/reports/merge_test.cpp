#include <gtest/gtest.h>

#include <set>

#include "harness/core/json_reader.h"
#include "reports/merge.h"
#include "reports/results_view.h"
#include "tests/reports/test_data.h"

namespace cc::reports::testing {
namespace {

using nlohmann::json;

// GoogleTest's sharding: case i runs in shard i % n.
std::vector<Shard> shards_of(const json& r, int n) {
  std::vector<Shard> out;
  for (int s = 0; s < n; ++s) {
    json part = r;
    part["cases"] = json::array();
    for (size_t i = 0; i < r["cases"].size(); ++i)
      if (static_cast<int>(i % n) == s) part["cases"].push_back(r["cases"][i]);
    part["duration_ms"] = 1000.0 * (s + 1);
    part["started_at"] = "2026-01-01T00:00:0" + std::to_string(9 - s) + "Z";
    out.push_back({"shard" + std::to_string(s) + ".json", part});
  }
  return out;
}

std::vector<std::string> sorted_ids(const json& r) {
  std::vector<std::string> ids;
  for (const auto& c : r["cases"]) ids.push_back(c["id"]);
  std::sort(ids.begin(), ids.end());
  return ids;
}

std::string merge_error(const std::vector<Shard>& shards) {
  try {
    merge_results(shards);
  } catch (const core::DataError& e) {
    return e.what();
  }
  return "";
}

TEST(ReportMerge, TwoHalvesGiveBackTheFilesCases) {
  for (const char* name : {kClean, kStoppedAccepted}) {
    const json r = load_data(name);
    const json merged = merge_results(shards_of(r, 2));
    EXPECT_EQ(sorted_ids(merged), sorted_ids(r)) << name;
    std::map<std::string, json> original;
    for (const auto& c : r["cases"]) original[c["id"]] = c;
    for (const auto& c : merged["cases"]) EXPECT_EQ(c, original[c["id"]]) << c["id"];
    EXPECT_EQ(merged["summary"], merge_results({{"whole", r}})["summary"]);
    EXPECT_EQ(merged["summary"]["total"], r["cases"].size());
  }
}

TEST(ReportMerge, GivesTheSameFileWhateverTheOrderOfTheShards) {
  auto shards = shards_of(load_data(kStoppedAccepted), 3);
  const json a = merge_results(shards);
  std::reverse(shards.begin(), shards.end());
  json b = merge_results(shards);
  EXPECT_EQ(a["cases"], b["cases"]);
  EXPECT_EQ(a["summary"], b["summary"]);
}

TEST(ReportMerge, RecordsTheLongestShardAndTheSumOfDurations) {
  const json merged = merge_results(shards_of(load_data(kClean), 3));
  EXPECT_EQ(merged["duration_ms"], 3000.0);
  EXPECT_EQ(merged["duration_sum_ms"], 6000.0);
  EXPECT_EQ(merged["started_at"], "2026-01-01T00:00:07Z");
  EXPECT_EQ(merged["shards"].size(), 3u);
}

TEST(ReportMerge, RefusesACaseInTwoShards) {
  auto shards = shards_of(load_data(kClean), 2);
  shards[1].results["cases"].push_back(shards[0].results["cases"][0]);
  const std::string id = shards[0].results["cases"][0]["id"];
  const size_t at = shards[1].results["cases"].size() - 1;
  EXPECT_EQ(merge_error(shards), "[results.duplicate_case] shard1.json: /cases/" +
                                     std::to_string(at) + "/id: case " + id +
                                     " is also in shard0.json; shards must be disjoint");
}

TEST(ReportMerge, RefusesShardsOfDifferentCatalogues) {
  auto shards = shards_of(load_data(kClean), 2);
  shards[1].results["suite"]["catalogue_hash"] = "other";
  EXPECT_NE(merge_error(shards).find(
                "[results.merge_mismatch] shard1.json: /suite/catalogue_hash: is \"other\""),
            std::string::npos);
}

TEST(ReportMerge, RefusesAMalformedShardNamingIt) {
  auto shards = shards_of(load_data(kClean), 2);
  shards[1].results["cases"][0]["outcome"] = "maybe";
  EXPECT_EQ(merge_error(shards),
            "[results.bad_value] shard1.json: /cases/0/outcome: unknown outcome \"maybe\"");
}

TEST(ReportMerge, RefusesShardsOfDifferentGatesAndKeepsTheNewOutcomes) {
  auto shards = shards_of(load_data(kAssertions), 2);
  EXPECT_EQ(merge_error(shards), "");
  const json merged = merge_results(shards);
  EXPECT_EQ(merged["summary"]["deviation"], 1);
  EXPECT_EQ(merged["summary"]["inconclusive"], 1);
  shards[0].results["gate"] = "must";  // the same as no gate
  EXPECT_EQ(merge_error(shards), "");
  shards[1].results["gate"] = "should";
  EXPECT_EQ(merge_error(shards),
            "[results.merge_mismatch] shard1.json: /gate: is \"should\" but "
            "\"must\" in shard0.json; shards of one run share the gate");
}

TEST(ReportMerge, UnitesTheCoverage) {
  const json r = load_data(kCanary);
  auto shards = shards_of(r, 2);
  // Shard 1 triggered the code shard 0 could not, with another status, and saw a second
  // undocumented code.
  json& cov1 = shards[1].results["coverage"]["TencentCvmStopInstances"];
  cov1["documented"][2]["triggered_by"] = {"TencentCvmStopInstances.Fault"};
  cov1["documented"][2]["status_seen"] = {500};
  cov1["documented"][0]["triggered_by"] = {"TencentCvmStopInstances.Other"};
  cov1["undocumented"].push_back({{"code", "Weird"}, {"http_status", 200}, {"seen_in", {"X.Y"}}});
  const json merged = merge_results(shards)["coverage"]["TencentCvmStopInstances"];
  const json& internal = merged["documented"][2];
  EXPECT_EQ(internal["triggered_by"], json({"TencentCvmStopInstances.Fault"}));
  EXPECT_FALSE(internal.contains("not_triggerable"));
  EXPECT_EQ(internal["status_seen"], json({500}));
  EXPECT_EQ(
      merged["documented"][0]["triggered_by"],
      json({"TencentCvmStopInstances.RejectsAStoppedInstance", "TencentCvmStopInstances.Other"}));
  EXPECT_EQ(merged["documented"].size(), 3u);
  EXPECT_EQ(merged["undocumented"].size(), 2u);
  EXPECT_EQ(merged["undocumented"][0]["seen_in"],
            json({"TencentCvmStopInstances.StopsARunningInstance"}));
  // Untouched, a code nobody triggered keeps its reason.
  EXPECT_TRUE(merge_results(shards_of(r, 2))["coverage"]["TencentCvmStopInstances"]["documented"][2]
                  .contains("not_triggerable"));
}

// Shards of one run: each judged its part of the cases out of all of them, and each recorded
// the codes it did not reach as left out by its selection.
std::vector<Shard> shards_with_selection(const json& r, int n) {
  auto shards = shards_of(r, n);
  for (auto& s : shards) {
    std::set<std::string> apis;
    for (const auto& c : s.results["cases"]) apis.insert(c["api"].get<std::string>());
    s.results["selection"] = {{"only", nullptr},
                              {"cases", s.results["cases"].size()},
                              {"of", r["cases"].size()},
                              {"apis", apis}};
  }
  return shards;
}

TEST(ReportMerge, MergesTheSelections) {
  const json r = load_data(kCanary);
  auto shards = shards_with_selection(r, 2);
  shards[1].results["selection"]["apis"] = {"TencentCvmStopInstances"};
  shards[1].results["selection"]["of"] = 3;  // the largest count wins
  const json merged = merge_results(shards)["selection"];
  EXPECT_EQ(merged["cases"], r["cases"].size());
  EXPECT_EQ(merged["of"], r["cases"].size());
  EXPECT_TRUE(merged["only"].is_null());
  std::set<std::string> apis = {"TencentCvmStopInstances"};
  for (const auto& api : shards[0].results["selection"]["apis"]) apis.insert(api);
  EXPECT_EQ(merged["apis"], json(apis));
  EXPECT_FALSE(read_results(merge_results(shards)).selection->partial());
  // Two --only runs merged: both patterns listed, still partial.
  shards[0].results["selection"]["only"] = "A.*";
  shards[1].results["selection"]["only"] = "B.*";
  shards[0].results["selection"]["of"] = shards[1].results["selection"]["of"] = 1000;
  const json two = merge_results(shards)["selection"];
  EXPECT_EQ(two["only"], "A.*, B.*");
  EXPECT_EQ(two["of"], 1000);
  // A shard that did not record its selection: the whole cannot be told.
  shards[1].results.erase("selection");
  EXPECT_FALSE(merge_results(shards).contains("selection"));
}

TEST(ReportMerge, ACodeOneShardTriggeredIsTriggeredAndTheRestIsNotExercisedByTheWhole) {
  const json r = load_data(kCanary);
  auto shards = shards_with_selection(r, 2);
  const json left_out = "not run: the selection left out the cases that arrange it";
  for (auto& s : shards) {
    json& documented = s.results["coverage"]["TencentCvmStopInstances"]["documented"];
    documented[0]["triggered_by"] = json::array();
    documented[0]["not_exercised"] = left_out;
    documented[1]["triggered_by"] = json::array();
    documented[1]["not_exercised"] = left_out;
  }
  shards[1].results["coverage"]["TencentCvmStopInstances"]["documented"][0]["triggered_by"] = {
      "TencentCvmStopInstances.RejectsAStoppedInstance"};
  const json merged = merge_results(shards);
  const json& documented = merged["coverage"]["TencentCvmStopInstances"]["documented"];
  EXPECT_FALSE(documented[0].contains("not_exercised")) << documented[0];
  // The shards together ran every case: no selection left this code out.
  EXPECT_EQ(documented[1]["not_exercised"], "no case of this run arranges its condition (" +
                                                documented[1]["trigger"].get<std::string>() + ")");
  EXPECT_EQ(documented[2]["not_triggerable"],
            r["coverage"]["TencentCvmStopInstances"]["documented"][2]["not_triggerable"]);
  const Results read = read_results(merged);
  EXPECT_EQ(read.coverage.at("TencentCvmStopInstances").not_exercised_count(), 1);
  // Half of the run is still a partial selection: the reason stays.
  auto half = shards_with_selection(r, 2);
  half[0].results["coverage"]["TencentCvmStopInstances"]["documented"][1]["not_exercised"] =
      left_out;
  half[0].results["coverage"]["TencentCvmStopInstances"]["documented"][1]["triggered_by"] =
      json::array();
  half[0].results["selection"]["of"] = 1000;
  EXPECT_EQ(merge_results(
                {half[0]})["coverage"]["TencentCvmStopInstances"]["documented"][1]["not_exercised"],
            left_out);
}

}  // namespace
}  // namespace cc::reports::testing
