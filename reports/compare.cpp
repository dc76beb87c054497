// The comparison model: rows per case over the union of the files, scores per API x target,
// coverage side by side, and the warnings a reader needs before trusting a difference.
#include "reports/compare.h"

#include <algorithm>
#include <set>
#include <tuple>

#include "reports/coverage.h"

namespace cc::reports {
namespace {

// One row per case id in the union of the files; API and family come from the first file that
// ran the case (a case id names its API, so files do not disagree on it).
std::vector<CompareRow> union_rows(const std::vector<Side>& sides) {
  std::map<std::string, CompareRow> rows;
  for (size_t i = 0; i < sides.size(); ++i) {
    for (const Case& c : sides[i].results.cases) {
      auto [it, fresh] = rows.try_emplace(c.id);
      CompareRow& row = it->second;
      if (fresh) row = {c.id, c.api, to_string(c.family), std::vector<Verdict>(sides.size())};
      row.verdicts[i] = {c.outcome, c.level};
    }
  }
  std::vector<CompareRow> out;
  for (auto& [id, row] : rows) {
    for (const Verdict& v : row.verdicts)
      row.disagree |= outcome_token(v) != outcome_token(row.verdicts.front());
    out.push_back(std::move(row));
  }
  // Disagreements first: they are what a comparison is read for.
  std::stable_sort(out.begin(), out.end(), [](const CompareRow& a, const CompareRow& b) {
    if (a.disagree != b.disagree) return a.disagree;
    return std::tie(a.api, a.family, a.id) < std::tie(b.api, b.family, b.id);
  });
  return out;
}

// Met over judged per API and overall, counted as compute_matrix counts (model.h), so a column
// here agrees with that target's own report.
void score(Comparison& c) {
  const size_t n = c.sides.size();
  c.overall.assign(n, Cell{});
  for (const CompareRow& row : c.rows) c.scores[row.api].resize(n);
  for (size_t i = 0; i < n; ++i) {
    const Matrix m = compute_matrix(c.sides[i].results);
    for (const auto& [api, cell] : m.per_api) c.scores[api][i] = cell;
    c.overall[i] = m.overall;
  }
}

CoverageCounts counts_of(const Results& r, const std::string& api,
                         const std::map<std::string, std::map<std::string, SeenCode>>& seen) {
  CoverageCounts out;
  const auto it = r.coverage.find(api);
  if (it != r.coverage.end()) {
    out = {true, it->second.documented_count(), it->second.triggered_count(),
           it->second.not_triggerable_count(), it->second.undocumented_count()};
    out.not_exercised = it->second.not_exercised_count();
  }
  const auto s = seen.find(api);
  out.codes_seen = s == seen.end() ? 0 : static_cast<int>(s->second.size());
  return out;
}

// Whether a side triggered each documented code of an API (nullopt: the side did not run the API
// or recorded no coverage of it).
std::map<std::string, std::optional<bool>> triggered_codes(const Results& r,
                                                           const std::string& api) {
  std::map<std::string, std::optional<bool>> out;
  const auto it = r.coverage.find(api);
  if (it == r.coverage.end() || !it->second.documented) return out;
  for (const DocumentedCode& d : *it->second.documented)
    out[d.code] = out[d.code].value_or(false) || d.triggered();
  return out;
}

void code_differences(Comparison& c, const std::string& api, const std::vector<bool>& ran) {
  std::map<std::string, std::vector<std::optional<bool>>> codes;
  for (size_t i = 0; i < c.sides.size(); ++i) {
    if (!ran[i]) continue;
    for (const auto& [code, hit] : triggered_codes(c.sides[i].results, api)) {
      auto& per_side = codes[code];
      per_side.resize(c.sides.size());
      per_side[i] = hit;
    }
  }
  for (auto& [code, per_side] : codes) {
    std::set<bool> values;
    for (const auto& v : per_side)
      if (v) values.insert(*v);
    if (values.size() > 1) c.code_differences.push_back({api, code, per_side});
  }
}

void coverage(Comparison& c) {
  const size_t n = c.sides.size();
  std::vector<std::set<std::string>> ran_apis(n);
  std::vector<std::map<std::string, std::map<std::string, SeenCode>>> seen(n);
  for (size_t i = 0; i < n; ++i) {
    for (const Case& k : c.sides[i].results.cases) ran_apis[i].insert(k.api);
    seen[i] = codes_seen(c.sides[i].results);
  }
  for (const auto& [api, _] : c.scores) {
    auto& per_side = c.coverage[api];
    per_side.resize(n);
    std::vector<bool> ran(n);
    for (size_t i = 0; i < n; ++i) {
      ran[i] = ran_apis[i].count(api) > 0;
      if (ran[i]) per_side[i] = counts_of(c.sides[i].results, api, seen[i]);
    }
    code_differences(c, api, ran);
  }
}

// "catalogue hashes differ: a 31121a72…, b 159f614c…" when the files name more than one value.
std::optional<std::string> differing(const std::vector<Side>& sides, const std::string& what,
                                     std::optional<std::string> Results::*field) {
  std::set<std::string> values;
  std::string listed;
  for (const Side& s : sides) {
    const std::string v = (s.results.*field).value_or("unknown");
    values.insert(v);
    listed += (listed.empty() ? "" : ", ") + s.label + " " + v;
  }
  if (values.size() < 2) return std::nullopt;
  return what + " differ: " + listed;
}

}  // namespace

std::string outcome_token(const Verdict& v) {
  return v.outcome ? to_string(*v.outcome) : "not_run";
}

std::string verdict_text(const Verdict& v) {
  if (!v.outcome) return "not run";
  return to_string(*v.outcome) + (v.level ? " (" + to_string(*v.level) + ")" : "");
}

std::string score_text(const Cell& cell) {
  if (cell.judged == 0) return cell.cases == 0 ? "not run" : "n/a";
  return std::to_string(cell.met) + "/" + std::to_string(cell.judged) + " (" +
         format_percent(cell.percent()) + ")";
}

std::vector<std::string> column_names(const Comparison& c) {
  constexpr size_t kMaxLabel = 24;
  bool short_labels = true;
  for (const Side& s : c.sides) short_labels &= s.label.size() <= kMaxLabel;
  std::vector<std::string> out;
  for (size_t i = 0; i < c.sides.size(); ++i)
    out.push_back(short_labels ? c.sides[i].label : "#" + std::to_string(i + 1));
  return out;
}

Comparison compare_results(std::vector<Side> sides) {
  Comparison c;
  c.sides = std::move(sides);
  c.rows = union_rows(c.sides);
  for (const CompareRow& row : c.rows) c.disagreements += row.disagree ? 1 : 0;
  score(c);
  coverage(c);
  if (auto w = differing(c.sides, "catalogue hashes", &Results::catalogue_hash))
    c.warnings.push_back(*w +
                         " (the files were made from different catalogues: a difference "
                         "may come from the documents, not the targets)");
  if (auto w = differing(c.sides, "suite versions", &Results::suite_version))
    c.warnings.push_back(*w);
  return c;
}

}  // namespace cc::reports
