#include "reports/merge.h"

#include <algorithm>
#include <map>
#include <set>

#include "harness/core/json_reader.h"
#include "reports/coverage.h"
#include "reports/model.h"

namespace cc::reports {
namespace {

using nlohmann::json;

[[noreturn]] void refuse(const Shard& s, const std::string& what, const std::string& pointer,
                         const std::string& detail) {
  throw core::DataError("[results." + what + "] " + s.file + ": " + pointer + ": " + detail);
}

// Fields that must agree for the shards to be parts of one run.
void check_same(const Shard& first, const Shard& other) {
  for (const char* p :
       {"/suite/version", "/suite/catalogue_hash", "/target/kind", "/target/name"}) {
    const json::json_pointer ptr(p);
    const json a = first.results.contains(ptr) ? first.results[ptr] : json();
    const json b = other.results.contains(ptr) ? other.results[ptr] : json();
    if (a != b)
      refuse(other, "merge_mismatch", p,
             "is " + b.dump() + " but " + a.dump() + " in " + first.file +
                 "; shards of one run share suite, catalogue and target");
  }
  // A file without a gate was gated on MUST: compared as such, so old and new shards agree. The
  // shards are documents here (merge writes a document), checked by validate_results.
  if (first.results.value("differential_gate", false) !=
      other.results.value("differential_gate", false))
    refuse(other, "merge_mismatch", "/differential_gate",
           "differs from " + first.file + "; shards of one run share --gate differential");
  if (gate_of(first.results) != gate_of(other.results))
    refuse(other, "merge_mismatch", "/gate",
           "is \"" + gate_of(other.results) + "\" but \"" + gate_of(first.results) + "\" in " +
               first.file + "; shards of one run share the gate");
}

// What the shards judged together: cases summed, out of the most any shard had (each shard of
// one suite counts the same cases), APIs united, each --only pattern listed once. Null when a
// shard did not record its selection (older runs): the whole cannot be told then.
json merged_selection(const std::vector<Shard>& shards) {
  int cases = 0, of = 0;
  std::set<std::string> apis;
  std::vector<std::string> only;
  for (const auto& s : shards) {
    const json& sel = s.results.contains("selection") ? s.results["selection"] : json();
    if (!sel.is_object()) return json();
    cases += sel.value("cases", 0);
    of = std::max(of, sel.value("of", 0));
    for (const auto& api : sel.value("apis", json::array())) apis.insert(api.get<std::string>());
    const json& pattern = sel.contains("only") ? sel["only"] : json();
    if (pattern.is_string() && std::find(only.begin(), only.end(), pattern) == only.end())
      only.push_back(pattern);
  }
  std::string patterns;
  for (const auto& p : only) patterns += (patterns.empty() ? "" : ", ") + p;
  return {{"only", only.empty() ? json() : json(patterns)},
          {"cases", cases},
          {"of", of},
          {"apis", apis}};
}

// The selection and the coverage of the merged file say the same: once the shards make a whole
// run, no code is "left out by the selection".
void merge_selection(const std::vector<Shard>& shards, json& merged) {
  const json selection = merged_selection(shards);
  if (selection.is_null()) {
    merged.erase("selection");
    return;
  }
  merged["selection"] = selection;
  if (selection["cases"].get<int>() >= selection["of"].get<int>() && merged.contains("coverage"))
    reword_for_whole_run(merged["coverage"]);
}

// The shards' comparisons with a snapshot (run --compare-to: results "differential") as the one
// the whole run would have made, or none when no shard was compared. Nothing is lost: the shards'
// cases are disjoint, so every difference is kept (ordered by case, as the cases are), "compared"
// is summed, "not_in_snapshot" united, and "not_run" is what every shard left out — the snapshot's
// cases no shard ran. Shards compared with different snapshots (identity or rules), or some
// compared and some not, are refused rather than kept side by side: a results file holds one
// comparison, which --gate differential and every report read as the whole run's, and keeping
// only one would drop the other's differences.
json merged_differential(const std::vector<Shard>& shards) {
  const Shard& first = shards.front();
  const bool compared = first.results.contains("differential");
  std::set<std::string> dirs, not_in_snapshot, not_run;
  json differences = json::array();
  int count = 0;
  for (size_t i = 0; i < shards.size(); ++i) {
    const Shard& s = shards[i];
    if (s.results.contains("differential") != compared)
      refuse(s, "merge_mismatch", "/differential",
             std::string(compared ? "absent" : "present") + " but " +
                 (compared ? "present" : "absent") + " in " + first.file +
                 "; shards of one run are all compared with one snapshot (--compare-to), or none");
    if (!compared) continue;
    const json& d = s.results["differential"];
    for (const char* p : {"/snapshot/target", "/rules"}) {
      const json::json_pointer ptr(std::string("/differential") + p);
      if (s.results.value(ptr, json()) != first.results.value(ptr, json()))
        refuse(s, "merge_mismatch", ptr.to_string(),
               "differs from " + first.file +
                   "; shards compared with different snapshots cannot make one comparison");
    }
    dirs.insert(d.value("/snapshot/dir"_json_pointer, std::string()));
    count += d.value("compared", 0);
    for (const auto& id : d.value("not_in_snapshot", json::array())) not_in_snapshot.insert(id);
    std::set<std::string> left;
    for (const auto& id : d.value("not_run", json::array()))
      if (i == 0 || not_run.count(id)) left.insert(id);
    not_run = std::move(left);
    for (const auto& one : d.value("differences", json::array())) differences.push_back(one);
  }
  if (!compared) return json();
  std::stable_sort(differences.begin(), differences.end(), [](const json& a, const json& b) {
    return a.value("case", "") < b.value("case", "");
  });
  std::string dir;  // one snapshot, perhaps at a different path on each shard's machine
  for (const auto& d : dirs) dir += (dir.empty() ? "" : ", ") + d;
  json merged = first.results["differential"];
  merged["snapshot"]["dir"] = dir;
  merged["compared"] = count;
  merged["not_in_snapshot"] = not_in_snapshot;
  merged["not_run"] = not_run;
  merged["differences"] = differences;
  return merged;
}

}  // namespace

json merge_results(const std::vector<Shard>& shards) {
  if (shards.empty()) throw core::DataError("[results.merge] no shard to merge");
  for (const auto& s : shards) validate_results(s.results, s.file);
  json merged = shards.front().results;
  merged.erase("progress");  // a live view of one shard, meaningless for the whole
  merged["cases"] = json::array();
  merged["coverage"] = json::object();
  merged["restore"] = json::array();
  merged["shards"] = json::array();
  std::map<std::string, std::string> owner;  // case id -> shard file
  double longest = 0, sum = 0;
  std::string earliest;
  bool any_coverage = false;
  for (const auto& s : shards) {
    check_same(shards.front(), s);
    const json& cases = s.results["cases"];
    for (size_t i = 0; i < cases.size(); ++i) {
      const std::string id = cases[i]["id"];
      auto [it, fresh] = owner.try_emplace(id, s.file);
      if (!fresh)
        refuse(s, "duplicate_case", "/cases/" + std::to_string(i) + "/id",
               "case " + id + " is also in " + it->second + "; shards must be disjoint");
      merged["cases"].push_back(cases[i]);
    }
    // Each shard put back what it changed; the merged report lists every one of them.
    for (const auto& r : s.results.value("restore", json::array())) merged["restore"].push_back(r);
    if (s.results.contains("coverage") && s.results["coverage"].is_object()) {
      merged["coverage"] = merge_coverage(merged["coverage"], s.results["coverage"]);
      any_coverage = true;
    }
    const double ms = s.results.value("duration_ms", 0.0);
    longest = std::max(longest, ms);
    sum += ms;
    const std::string started = s.results.value("started_at", "");
    if (!started.empty() && (earliest.empty() || started < earliest))
      earliest = started;  // ISO 8601 UTC sorts
    merged["shards"].push_back(
        {{"file", s.file}, {"started_at", started}, {"duration_ms", ms}, {"cases", cases.size()}});
  }
  if (!any_coverage) merged.erase("coverage");
  merge_selection(shards, merged);
  if (json differential = merged_differential(shards); !differential.is_null())
    merged["differential"] = std::move(differential);
  std::stable_sort(merged["cases"].begin(), merged["cases"].end(),
                   [](const json& a, const json& b) {
                     return a["id"].get<std::string>() < b["id"].get<std::string>();
                   });
  merged["started_at"] = earliest;
  merged["duration_ms"] = longest;
  merged["duration_sum_ms"] = sum;
  recompute_summary(merged);
  return merged;
}

}  // namespace cc::reports
