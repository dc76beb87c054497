#include "suites/coverage.h"

#include <map>
#include <set>

namespace cc::suites {

using nlohmann::json;

namespace {

// Why no case produces a code whose trigger no request can arrange; empty when some request can.
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

// The run judged fewer cases than the suite has (--only, --gtest_filter, a shard): a code it did
// not reach may be arranged by a case it left out. Runs without a recorded selection were whole.
bool partial_selection(const core::RunRecord& run) {
  const json& s = run.selection;
  return s.is_object() && s.value("cases", 0) < s.value("of", 0);
}

// Why this run did not reach a code that some request can cause.
std::string not_exercised(const std::string& trigger, bool partial) {
  if (partial) return "not run: the selection left out the cases that arrange it";
  return "no case of this run arranges its condition (" + trigger + ")";
}

// Who saw which code, with which status, on one API.
struct Seen {
  std::map<std::string, std::set<std::string>> cases_by_code;
  std::map<std::string, std::set<int>> statuses_by_code;
};

Seen seen_on(const std::string& api, const core::RunRecord& run) {
  Seen out;
  for (const auto& c : run.cases)
    for (const auto& a : c.answers)
      if (a.value("api", "") == api && !a.value("ok", true)) {
        const std::string code = a.value("code", "");
        out.cases_by_code[code].insert(c.id);
        out.statuses_by_code[code].insert(a.value("http_status", 0));
      }
  return out;
}

json documented_codes(const core::Api& api, Seen& seen, bool partial) {
  json documented = json::array();
  std::set<std::string> listed;
  for (const auto& e : api.errors) {
    // A code listed twice (two causes) is one code on the wire.
    if (!listed.insert(e.code + "/" + std::to_string(e.http_status)).second) continue;
    json entry = {{"code", e.code}, {"http_status", e.http_status}, {"trigger", e.trigger}};
    if (auto it = seen.cases_by_code.find(e.code); it != seen.cases_by_code.end()) {
      entry["triggered_by"] = it->second;
      entry["status_seen"] = seen.statuses_by_code[e.code];
    } else {
      entry["triggered_by"] = json::array();
      // Only what no black-box client can arrange is "not triggerable"; the rest was not run.
      const std::string why = not_triggerable(e.trigger);
      if (why.empty())
        entry["not_exercised"] = not_exercised(e.trigger, partial);
      else
        entry["not_triggerable"] = why;
    }
    documented.push_back(std::move(entry));
  }
  return documented;
}

}  // namespace

json error_code_coverage(const core::Catalogue& catalogue, const core::RunRecord& run) {
  json out = json::object();
  // Only the APIs some case of the run judged: an API the selection left out is not covered.
  std::set<std::string> judged;
  for (const auto& c : run.cases) judged.insert(c.api);
  const bool partial = partial_selection(run);
  for (const core::Api* api : catalogue.subjects()) {
    if (!judged.count(api->id)) continue;
    Seen seen = seen_on(api->id, run);
    json documented = documented_codes(*api, seen, partial);
    std::set<std::string> known;
    for (const auto& e : api->errors) known.insert(e.code);
    for (const auto& e : catalogue.common_errors(api->provider).errors) known.insert(e.code);
    json undocumented = json::array();
    for (const auto& [code, cases] : seen.cases_by_code)
      if (!known.count(code))
        undocumented.push_back(
            {{"code", code}, {"http_status", seen.statuses_by_code[code]}, {"seen_in", cases}});
    out[api->id] = {{"documented", documented}, {"undocumented", undocumented}};
  }
  return out;
}

std::string coverage_line(const json& coverage) {
  std::size_t documented = 0, triggered = 0, not_run = 0, untriggerable = 0, undocumented = 0;
  for (const auto& [_, api] : coverage.items()) {
    for (const auto& e : api["documented"]) {
      ++documented;
      triggered += !e["triggered_by"].empty();
      not_run += e.contains("not_exercised");
      untriggerable += e.contains("not_triggerable");
    }
    undocumented += api["undocumented"].size();
  }
  std::string why;
  if (not_run) why = std::to_string(not_run) + " not exercised by this selection";
  if (untriggerable)
    why += (why.empty() ? "" : ", ") + std::to_string(untriggerable) + " not triggerable";
  return "error codes: " + std::to_string(triggered) + " of " + std::to_string(documented) +
         " documented codes triggered" + (why.empty() ? "" : " (" + why + ")") + ", " +
         std::to_string(undocumented) + " undocumented";
}

}  // namespace cc::suites
