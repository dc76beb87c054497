// compare.json (schema cloudconform.compare/1, reports/README.md "compare.json"): the comparison
// for machines. Per-target values are arrays in the order of "targets", so a consumer indexes
// them instead of repeating labels.
#include "reports/compare.h"

namespace cc::reports {
namespace {

using nlohmann::json;

json optional_text(const std::optional<std::string>& s) { return s ? json(*s) : json(); }

json target_json(const Side& s) {
  const Results& r = s.results;
  json endpoints = json::array();
  if (r.endpoints)
    for (const Endpoint& e : *r.endpoints)
      endpoints.push_back({{"product", e.product}, {"url", e.url}, {"host", e.host}});
  return {{"label", s.label},
          {"file", s.file},
          {"name", optional_text(r.target_name)},
          {"kind", optional_text(r.target_kind)},
          {"endpoints", endpoints},
          {"suite_version", optional_text(r.suite_version)},
          {"catalogue_hash", optional_text(r.catalogue_hash)},
          {"started_at", optional_text(r.started_at)},
          {"cases", r.cases.size()}};
}

json row_json(const CompareRow& row) {
  json targets = json::array();
  for (const Verdict& v : row.verdicts)
    targets.push_back(
        {{"outcome", outcome_token(v)}, {"level", v.level ? json(to_string(*v.level)) : json()}});
  return {{"id", row.id},
          {"api", row.api},
          {"family", row.family},
          {"disagree", row.disagree},
          {"targets", targets}};
}

json cell_json(const Cell& c, int not_run) {
  return {{"met", c.met},
          {"judged", c.judged},
          {"cases", c.cases},
          {"not_run", not_run},
          {"deviations", c.deviations},
          {"percent", c.judged == 0 ? json() : json(c.percent())}};
}

json scores_json(const Comparison& c) {
  std::map<std::string, int> cases_per_api;
  for (const CompareRow& row : c.rows) ++cases_per_api[row.api];
  json out = json::object();
  for (const auto& [api, cells] : c.scores) {
    json per = json::array();
    for (const Cell& cell : cells) per.push_back(cell_json(cell, cases_per_api[api] - cell.cases));
    out[api] = per;
  }
  return out;
}

json coverage_json(const Comparison& c) {
  json out = json::object();
  for (const auto& [api, per_side] : c.coverage) {
    json per = json::array();
    for (const auto& counts : per_side) {
      if (!counts) {
        per.push_back(nullptr);
        continue;
      }
      json one = {{"recorded", counts->recorded}, {"codes_seen", counts->codes_seen}};
      if (counts->recorded)
        one.update({{"documented", counts->documented},
                    {"triggered", counts->triggered},
                    {"not_triggerable", counts->not_triggerable},
                    {"not_exercised", counts->not_exercised},
                    {"undocumented", counts->undocumented}});
      per.push_back(one);
    }
    out[api] = per;
  }
  return out;
}

json code_differences_json(const Comparison& c) {
  json out = json::array();
  for (const CodeDifference& d : c.code_differences) {
    json per = json::array();
    for (const auto& t : d.triggered) per.push_back(t ? json(*t) : json());
    out.push_back({{"api", d.api}, {"code", d.code}, {"triggered", per}});
  }
  return out;
}

}  // namespace

json compare_json(const Comparison& c) {
  json targets = json::array(), rows = json::array(), overall = json::array();
  for (const Side& s : c.sides) targets.push_back(target_json(s));
  for (const CompareRow& row : c.rows) rows.push_back(row_json(row));
  for (size_t i = 0; i < c.overall.size(); ++i)
    overall.push_back(
        cell_json(c.overall[i], static_cast<int>(c.rows.size()) - c.overall[i].cases));
  return {
      {"schema", "cloudconform.compare/1"},
      {"targets", targets},
      {"warnings", c.warnings},
      {"summary",
       {{"cases", c.rows.size()}, {"disagreements", c.disagreements}, {"targets", c.sides.size()}}},
      {"cases", rows},
      {"scores", scores_json(c)},
      {"overall", overall},
      {"coverage", coverage_json(c)},
      {"code_differences", code_differences_json(c)}};
}

}  // namespace cc::reports
