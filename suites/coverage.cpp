#include "suites/coverage.h"

#include <map>
#include <set>

namespace cc::suites {

using nlohmann::json;

namespace {

// Why no case produces a code whose trigger no request can arrange.
std::string not_triggerable(const std::string& trigger) {
  if (trigger.rfind("server.", 0) == 0) return "a server-side failure: no request causes it";
  if (trigger == "auth.permission")
    return "needs an account without the permission; the suite uses one account";
  if (trigger == "other")
    return "the documents name no condition a request or an instance state can arrange";
  if (trigger == "request.conflict")
    return "needs a conflicting concurrent request the documents do not describe";
  return "";
}

}  // namespace

json error_code_coverage(const core::Catalogue& catalogue, const core::RunRecord& run) {
  json out = json::object();
  for (const core::Api* api : catalogue.subjects()) {
    // Who saw which code, with which status, on this API.
    std::map<std::string, std::set<std::string>> cases_by_code;
    std::map<std::string, std::set<int>> statuses_by_code;
    for (const auto& c : run.cases)
      for (const auto& a : c.answers)
        if (a.value("api", "") == api->id && !a.value("ok", true)) {
          const std::string code = a.value("code", "");
          cases_by_code[code].insert(c.id);
          statuses_by_code[code].insert(a.value("http_status", 0));
        }
    json documented = json::array();
    std::set<std::string> known;
    std::set<std::string> listed;
    for (const auto& e : api->errors) {
      known.insert(e.code);
      // A code listed twice (two causes) is one code on the wire.
      if (!listed.insert(e.code + "/" + std::to_string(e.http_status)).second) continue;
      json entry = {{"code", e.code}, {"http_status", e.http_status}, {"trigger", e.trigger}};
      if (auto it = cases_by_code.find(e.code); it != cases_by_code.end()) {
        entry["triggered_by"] = it->second;
        entry["status_seen"] = statuses_by_code[e.code];
      } else {
        entry["triggered_by"] = json::array();
        const std::string why = not_triggerable(e.trigger);
        entry["not_triggerable"] =
            why.empty() ? "no case of this run arranges its condition (" + e.trigger + ")" : why;
      }
      documented.push_back(std::move(entry));
    }
    for (const auto& e : catalogue.common_errors(api->provider).errors) known.insert(e.code);
    json undocumented = json::array();
    for (const auto& [code, cases] : cases_by_code)
      if (!known.count(code))
        undocumented.push_back(
            {{"code", code}, {"http_status", statuses_by_code[code]}, {"seen_in", cases}});
    out[api->id] = {{"documented", documented}, {"undocumented", undocumented}};
  }
  return out;
}

std::string coverage_line(const json& coverage) {
  std::size_t documented = 0, triggered = 0, undocumented = 0;
  for (const auto& [_, api] : coverage.items()) {
    for (const auto& e : api["documented"]) {
      ++documented;
      triggered += !e["triggered_by"].empty();
    }
    undocumented += api["undocumented"].size();
  }
  return "error codes: " + std::to_string(triggered) + " of " + std::to_string(documented) +
         " documented codes triggered, " + std::to_string(undocumented) + " undocumented";
}

}  // namespace cc::suites
