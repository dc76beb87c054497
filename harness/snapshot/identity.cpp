// The identity of a recorded target (normalise.h): built from named public fields only, so no
// field a results file may hold by mistake (a secret key, a session token) can reach it.
#include "harness/core/encoding.h"
#include "harness/snapshot/normalise.h"

namespace cc::snapshot {

namespace {

using nlohmann::json;

// Where a request names its region: Tencent's header, Alibaba's parameter.
const char* const kRegionHeader = "x-tc-region";
const char* const kRegionParam = "RegionId";

json endpoints(const json& target) {
  json out = json::object();
  const json all = target.value("endpoints", json::object());
  for (const auto& [product, ep] : all.items())
    if (ep.is_object() && ep.contains("host") && ep["host"].is_string()) out[product] = ep["host"];
  return out;
}

// Key ids by the field that holds them (tencent_secret_id, alibaba_access_key_id), hashed:
// two snapshots of one account match, and the id itself is not published.
json accounts(const json& target) {
  json out = json::object();
  for (const auto& [key, v] : target.items()) {
    const bool id = key.size() > 3 && key.compare(key.size() - 3, 3, "_id") == 0;
    if (id && v.is_string() && !v.get<std::string>().empty())
      out[key] = hashed(v.get<std::string>());
  }
  return out;
}

std::string region_of(const json& request) {
  const json headers = request.value("headers", json::object());
  for (const auto& [k, v] : headers.items())
    if (core::to_lower(k) == kRegionHeader && v.is_string()) return v.get<std::string>();
  for (const char* part : {"params", "query"})
    if (const json p = request.value(part, json::object());
        p.is_object() && p.contains(kRegionParam))
      if (p[kRegionParam].is_string()) return p[kRegionParam].get<std::string>();
  return "";
}

json regions(const std::map<std::string, json>& cases, const core::Catalogue& catalogue) {
  json out = json::object();
  for (const auto& [_, c] : cases) {
    const core::Api* api = catalogue.find(c.value("api", ""));
    if (!api || out.contains(api->product)) continue;
    for (const auto& e : c["exchanges"])
      if (const std::string r = region_of(e["request"]); !r.empty()) {
        out[api->product] = r;
        break;
      }
  }
  return out;
}

}  // namespace

json identity_of(const json& results, const std::map<std::string, json>& cases,
                 const core::Catalogue& catalogue) {
  const json target = results.value("target", json::object());
  const json suite = results.value("suite", json::object());
  return {{"kind", target.value("kind", "")},
          {"name", target.value("name", "")},
          {"endpoints", endpoints(target)},
          {"region", regions(cases, catalogue)},
          {"suite_version", suite.value("version", "")},
          {"catalogue_hash", suite.value("catalogue_hash", "")},
          {"date", results.value("started_at", "")},
          {"account", accounts(target)}};
}

}  // namespace cc::snapshot
