// report merge and a run's comparison with a snapshot (results "differential", run --compare-to):
// shards compared with one snapshot give back the whole run's comparison; shards that cannot make
// one comparison are refused (reports/merge.cpp says why).
#include <gtest/gtest.h>

#include <set>

#include "reports/merge.h"
#include "reports/results_view.h"
#include "tests/differential/compared_data.h"

namespace cc::reports::testing {
namespace {

using nlohmann::json;

// The shard of the compared run (data/compared.json) holding the cases `take`, with the
// comparison that shard alone would have made with the same snapshot: its cases' differences,
// "compared" its cases, "not_run" the snapshot's cases it does not have. `extra` goes to its
// not_in_snapshot.
Shard shard_of(const json& whole, const std::set<size_t>& take, const std::string& file,
               const json& extra) {
  json part = whole;
  part["cases"] = json::array();
  std::set<std::string> ids;
  for (size_t i = 0; i < whole["cases"].size(); ++i)
    if (take.count(i)) {
      part["cases"].push_back(whole["cases"][i]);
      ids.insert(whole["cases"][i]["id"].get<std::string>());
    }
  json& d = part["differential"];
  d["compared"] = ids.size();
  d["not_in_snapshot"] = extra;
  d["differences"] = json::array();
  for (const json& one : whole["differential"]["differences"])
    if (ids.count(one["case"].get<std::string>())) d["differences"].push_back(one);
  std::set<std::string> not_run;
  for (const json& id : whole["differential"]["not_run"]) not_run.insert(id.get<std::string>());
  for (const json& c : whole["cases"])
    if (!ids.count(c["id"].get<std::string>())) not_run.insert(c["id"].get<std::string>());
  d["not_run"] = not_run;
  return {file, part};
}

std::vector<Shard> two_shards() {
  const json whole = load_compared();
  return {shard_of(whole, {0}, "a.json", whole["differential"]["not_in_snapshot"]),
          shard_of(whole, {1, 2}, "b.json", json::array())};
}

std::multiset<std::string> differences_of(const json& differential) {
  std::multiset<std::string> out;
  for (const json& d : differential["differences"]) out.insert(d.dump());
  return out;
}

std::string merge_error(const std::vector<Shard>& shards) {
  try {
    merge_results(shards);
  } catch (const core::DataError& e) {
    return e.what();
  }
  return "";
}

TEST(ReportMergeDifferential, ShardsComparedWithOneSnapshotGiveTheWholeRunsComparison) {
  const json whole = load_compared();
  const json merged = merge_results(two_shards());
  ASSERT_TRUE(merged.contains("differential")) << "the comparison was dropped";
  const json& d = merged["differential"];
  EXPECT_EQ(d["compared"], 3);
  // The snapshot's cases no shard ran (sorted, as a comparison lists them).
  EXPECT_EQ(d["not_run"].get<std::set<std::string>>(),
            whole["differential"]["not_run"].get<std::set<std::string>>());
  EXPECT_EQ(d["not_run"].size(), 2u);
  EXPECT_EQ(d["not_in_snapshot"], whole["differential"]["not_in_snapshot"]);
  EXPECT_EQ(differences_of(d), differences_of(whole["differential"]));
  EXPECT_EQ(d["snapshot"], whole["differential"]["snapshot"]);
  EXPECT_EQ(d["rules"], whole["differential"]["rules"]);
  // Every report reads it as the run's, with all its differences.
  const Results view = read_results(merged, "merged.json");
  ASSERT_TRUE(view.differential.has_value());
  EXPECT_EQ(view.differential->differences.size(), kDifferences);
  EXPECT_EQ(view.differential->compared, 3);
}

TEST(ReportMergeDifferential, GivesTheSameComparisonWhateverTheOrderOfTheShards) {
  std::vector<Shard> shards = two_shards();
  const json forward = merge_results(shards);
  std::swap(shards[0], shards[1]);
  EXPECT_EQ(merge_results(shards)["differential"], forward["differential"]);
}

TEST(ReportMergeDifferential, KeepsEveryPathOfTheOneSnapshot) {
  std::vector<Shard> shards = two_shards();
  shards[1].results["differential"]["snapshot"]["dir"] = "/elsewhere/faithful";
  EXPECT_EQ(merge_results(shards)["differential"]["snapshot"]["dir"],
            "/elsewhere/faithful, snapshots/faithful");
}

TEST(ReportMergeDifferential, RefusesShardsComparedWithDifferentSnapshots) {
  std::vector<Shard> shards = two_shards();
  shards[1].results["differential"]["snapshot"]["target"]["date"] = "2026-12-06T00:00:00Z";
  EXPECT_EQ(merge_error(shards),
            "[results.merge_mismatch] b.json: /differential/snapshot/target: differs from a.json; "
            "shards compared with different snapshots cannot make one comparison");
}

TEST(ReportMergeDifferential, RefusesAComparedShardBesideOneThatWasNot) {
  std::vector<Shard> shards = two_shards();
  shards[1].results.erase("differential");
  EXPECT_EQ(merge_error(shards),
            "[results.merge_mismatch] b.json: /differential: absent but present in a.json; shards "
            "of one run are all compared with one snapshot (--compare-to), or none");
}

TEST(ReportMergeDifferential, RefusesShardsThatDifferInTheDifferentialGate) {
  std::vector<Shard> shards = two_shards();
  shards[0].results["differential_gate"] = true;
  EXPECT_EQ(merge_error(shards),
            "[results.merge_mismatch] b.json: /differential_gate: differs from a.json; shards of "
            "one run share --gate differential");
  shards[1].results["differential_gate"] = true;
  EXPECT_EQ(merge_results(shards)["differential_gate"], true);
}

}  // namespace
}  // namespace cc::reports::testing
