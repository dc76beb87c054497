#include "harness/core/results.h"

#include <fstream>
#include <sstream>

#include "harness/core/crypto.h"
#include "harness/core/json_reader.h"

namespace cc::core {

std::string to_string(CaseOutcome o) {
  switch (o) {
    case CaseOutcome::Pass:
      return "pass";
    case CaseOutcome::Fail:
      return "fail";
    case CaseOutcome::Deviation:
      return "deviation";
    case CaseOutcome::Inconclusive:
      return "inconclusive";
    case CaseOutcome::Observed:
      return "observed";
    case CaseOutcome::NotSupported:
      return "not_supported";
    case CaseOutcome::HarnessError:
      return "harness_error";
    case CaseOutcome::ExpectedFail:
      return "expected_fail";
    case CaseOutcome::UnexpectedPass:
      return "unexpected_pass";
  }
  return "harness_error";
}

const std::vector<CaseOutcome>& all_case_outcomes() {
  static const std::vector<CaseOutcome> all = {
      CaseOutcome::Pass,         CaseOutcome::Fail,         CaseOutcome::Deviation,
      CaseOutcome::Inconclusive, CaseOutcome::Observed,     CaseOutcome::NotSupported,
      CaseOutcome::HarnessError, CaseOutcome::ExpectedFail, CaseOutcome::UnexpectedPass};
  return all;
}

const std::vector<CaseOutcome>& suite_case_outcomes() {
  static const std::vector<CaseOutcome> suite(all_case_outcomes().begin(),
                                              all_case_outcomes().begin() + 7);
  return suite;
}

std::optional<CaseOutcome> parse_case_outcome(std::string_view name) {
  for (CaseOutcome o : all_case_outcomes())
    if (to_string(o) == name) return o;
  return std::nullopt;
}

std::string to_string(Family family) {
  switch (family) {
    case Family::Status:
      return "status";
    case Family::Errors:
      return "errors";
    case Family::Batch:
      return "batch";
    case Family::Duplicates:
      return "duplicates";
    case Family::DryRun:
      return "dry_run";
    case Family::Protocol:
      return "protocol";
    case Family::Concurrency:
      return "concurrency";
    case Family::RateLimit:
      return "rate_limit";
    case Family::Properties:
      return "properties";
  }
  return "status";
}

const std::vector<Family>& all_families() {
  static const std::vector<Family> all = {
      Family::Status,   Family::Errors,      Family::Batch,     Family::Duplicates, Family::DryRun,
      Family::Protocol, Family::Concurrency, Family::RateLimit, Family::Properties};
  return all;
}

std::optional<Family> parse_family(std::string_view name) {
  for (Family f : all_families())
    if (to_string(f) == name) return f;
  return std::nullopt;
}

std::string to_string(Level level) {
  switch (level) {
    case Level::Must:
      return "MUST";
    case Level::Should:
      return "SHOULD";
    case Level::Observed:
      return "OBSERVED";
  }
  return "OBSERVED";
}

std::optional<Level> parse_level(std::string_view name) {
  for (Level l : {Level::Must, Level::Should, Level::Observed})
    if (to_string(l) == name) return l;
  return std::nullopt;
}

nlohmann::json CaseRecord::to_json() const {
  nlohmann::json prov = nlohmann::json::array();
  for (const auto& p : provenance) prov.push_back(p.to_json());
  nlohmann::json j = {{"id", id},
                      {"api", api},
                      {"behaviour", behaviour},
                      {"family", to_string(family)},
                      {"level", to_string(level)},
                      {"outcome", outcome ? to_string(*outcome) : ""},
                      {"message", message},
                      {"provenance", prov},
                      {"observations", observations},
                      {"transcript", transcript},
                      {"answers", answers},
                      {"duration_ms", duration_ms}};
  if (!replay.empty()) j["replay"] = replay;
  if (!harness_error.empty()) j["harness_error"] = harness_error;
  if (!inconclusive.empty()) j["inconclusive"] = inconclusive;
  j["assertions"] = assertions;
  if (!rapidcheck.is_null()) j["rapidcheck"] = rapidcheck;
  return j;
}

namespace {

Provenance provenance_from_json(const nlohmann::json& j) {
  Provenance p;
  p.source = j.value("source", std::string());
  p.file = j.value("file", std::string());
  p.section = j.value("section", std::string());
  p.scenario = j.value("scenario", std::string());
  p.step = j.value("step", -1);
  p.passage = j.value("passage", std::string());
  p.pointer = j.value("pointer", std::string());
  p.value = j.value("value", nlohmann::json());
  p.note = j.value("note", std::string());
  return p;
}

template <typename T>
T parsed(std::optional<T> value, const std::string& what, const std::string& id) {
  if (!value) throw DataError("[results.case] " + id + ": unknown " + what);
  return *value;
}

}  // namespace

CaseRecord CaseRecord::from_json(const nlohmann::json& j) {
  try {
    CaseRecord c;
    c.id = j.at("id").get<std::string>();
    c.api = j.at("api").get<std::string>();
    c.behaviour = j.at("behaviour").get<std::string>();
    c.family = parsed(parse_family(j.at("family").get<std::string>()), "family", c.id);
    c.level = parsed(parse_level(j.at("level").get<std::string>()), "level", c.id);
    const std::string outcome = j.value("outcome", std::string());
    if (!outcome.empty()) c.outcome = parsed(parse_case_outcome(outcome), "outcome", c.id);
    c.message = j.value("message", std::string());
    for (const auto& p : j.value("provenance", nlohmann::json::array()))
      c.provenance.push_back(provenance_from_json(p));
    c.observations = j.value("observations", nlohmann::json::array());
    for (const auto& t : j.value("transcript", nlohmann::json::array())) c.transcript.push_back(t);
    c.answers = j.value("answers", nlohmann::json::array());
    c.replay = j.value("replay", std::string());
    c.duration_ms = j.value("duration_ms", 0.0);
    c.harness_error = j.value("harness_error", std::string());
    c.inconclusive = j.value("inconclusive", std::string());
    c.assertions = j.value("assertions", nlohmann::json::array());
    c.rapidcheck = j.value("rapidcheck", nlohmann::json());
    return c;
  } catch (const nlohmann::json::exception& e) {
    throw DataError(std::string("[results.case] ") + e.what());
  }
}

nlohmann::json RunRecord::summary() const {
  // The suite's own outcomes only: expected_fail and unexpected_pass come from an expectations
  // file, which recounts (reports/expectations.h).
  nlohmann::json s = {{"total", cases.size()}};
  for (CaseOutcome o : suite_case_outcomes()) s[to_string(o)] = 0;
  for (const auto& c : cases)
    if (c.outcome) s[to_string(*c.outcome)] = s[to_string(*c.outcome)].get<int>() + 1;
  return s;
}

nlohmann::json RunRecord::to_json() const {
  nlohmann::json cs = nlohmann::json::array();
  for (const auto& c : cases) cs.push_back(c.to_json());
  nlohmann::json out = {
      {"schema", "cloudconform.results/1"},
      {"suite",
       {{"name", "cloudconform"}, {"version", suite_version}, {"catalogue_hash", catalogue_hash}}},
      {"target", target},
      {"gate", gate},
      {"jobs", jobs},
      {"started_at", started_at},
      {"duration_ms", duration_ms},
      {"summary", summary()},
      {"coverage", coverage},
      {"restore", restore},
      {"cases", cs}};
  if (!interrupted.empty()) out["interrupted"] = interrupted;
  if (!selection.is_null()) out["selection"] = selection;
  return out;
}

std::string catalogue_hash(const Catalogue& catalogue) {
  // Hash the files' bytes in load order: any change of any fact changes the hash.
  std::string all;
  auto add = [&](const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    all += sha256(s.str());
  };
  for (const auto& a : catalogue.apis) add(a.file);
  for (const auto& [_, c] : catalogue.common) add(c.file);
  return sha256_hex(all);
}

}  // namespace cc::core
