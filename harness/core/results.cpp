#include "harness/core/results.h"

#include <fstream>
#include <sstream>

#include "harness/core/crypto.h"

namespace cc::core {

nlohmann::json CaseRecord::to_json() const {
  nlohmann::json prov = nlohmann::json::array();
  for (const auto& p : provenance) prov.push_back(p.to_json());
  nlohmann::json j = {{"id", id},
                      {"api", api},
                      {"behaviour", behaviour},
                      {"family", family},
                      {"level", level},
                      {"outcome", outcome},
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

nlohmann::json RunRecord::summary() const {
  nlohmann::json s = {{"total", cases.size()}, {"pass", 0},         {"fail", 0},
                      {"deviation", 0},        {"inconclusive", 0}, {"observed", 0},
                      {"not_supported", 0},    {"harness_error", 0}};
  for (const auto& c : cases)
    if (s.contains(c.outcome)) s[c.outcome] = s[c.outcome].get<int>() + 1;
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
      {"started_at", started_at},
      {"duration_ms", duration_ms},
      {"summary", summary()},
      {"coverage", coverage},
      {"restore", restore},
      {"cases", cs}};
  if (!interrupted.empty()) out["interrupted"] = interrupted;
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
