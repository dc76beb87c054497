#include "reports/coverage.h"

#include <algorithm>
#include <set>

namespace cc::reports {
namespace {

using nlohmann::json;

const json kEmpty = json::array();
const char* const kApiNotRun = "not run: no case of this API was in the selection";
// How suites/coverage.cpp words a code a partial selection did not reach.
const char* const kLeftOut = "not run: the selection left out";

// Appends the items of `from` to `into` that it does not hold yet, keeping first-seen order.
void unite(json& into, const json& from) {
  if (!into.is_array()) into = json::array();
  if (!from.is_array()) return;
  for (const auto& v : from)
    if (std::find(into.begin(), into.end(), v) == into.end()) into.push_back(v);
}

std::string trigger_of(const json& d) {
  return d.contains("trigger") && d["trigger"].is_string() ? d["trigger"].get<std::string>() : "?";
}

bool triggered(const json& d) {
  return d.contains("triggered_by") && d["triggered_by"].is_array() && !d["triggered_by"].empty();
}

std::string code_key(const json& entry) {
  return entry.value("code", "") + "\x1f" +
         (entry.contains("http_status") ? entry["http_status"].dump() : "");
}

// Unites two lists of code entries keyed by (code, http_status), with `merge_one` combining
// entries present in both.
template <typename F>
json merge_entries(const json& a, const json& b, F merge_one) {
  json out = json::array();
  std::map<std::string, size_t> index;
  for (const json* list : {&a, &b}) {
    if (!list->is_array()) continue;
    for (const auto& e : *list) {
      auto [it, fresh] = index.try_emplace(code_key(e), out.size());
      if (fresh)
        out.push_back(e);
      else
        merge_one(out[it->second], e);
    }
  }
  return out;
}

}  // namespace

std::map<std::string, std::map<std::string, SeenCode>> codes_seen(const Results& results) {
  std::map<std::string, std::map<std::string, SeenCode>> out;
  for (const Case& c : results.cases) {
    for (const Answer& a : c.answers) {
      const std::string code = a.code.value_or("");
      if (code.empty()) continue;
      // An answer may come from another API the case called (a Describe to check the state).
      SeenCode& s = out[a.api.value_or(c.api)][code];
      if (a.http_status.is_number_integer()) {
        const int st = a.http_status;
        if (std::find(s.statuses.begin(), s.statuses.end(), st) == s.statuses.end())
          s.statuses.push_back(st);
      }
      if (std::find(s.cases.begin(), s.cases.end(), c.id) == s.cases.end()) s.cases.push_back(c.id);
    }
  }
  return out;
}

std::string coverage_counts(const ApiCoverage& c) {
  std::string why;
  if (c.not_exercised_count() > 0)
    why = std::to_string(c.not_exercised_count()) + " not exercised by this selection";
  if (c.not_triggerable_count() > 0)
    why += (why.empty() ? "" : ", ") + std::to_string(c.not_triggerable_count()) +
           " not triggerable by a black-box client";
  return std::to_string(c.triggered_count()) + " of " + std::to_string(c.documented_count()) +
         " documented codes triggered" + (why.empty() ? "" : " (" + why + ")");
}

std::string partial_selection(const Results& results) {
  if (!results.selection || !results.selection->partial()) return "";
  const Selection& s = *results.selection;
  return "judged " + std::to_string(s.cases) + " of " + std::to_string(s.of) + " cases" +
         (s.only ? " (--only '" + *s.only + "')" : "");
}

std::string matrix_not_run_note(const Results& results) {
  const std::string partial = partial_selection(results);
  if (partial.empty()) return "";
  return "Partial selection: " + partial + "; APIs and families without a cell were not run.";
}

bool api_was_run(const Results& results, const std::string& api) {
  return std::any_of(results.cases.begin(), results.cases.end(),
                     [&](const Case& c) { return c.api == api; });
}

std::vector<std::pair<std::string, std::string>> coverage_lines(const Results& results) {
  std::vector<std::pair<std::string, std::string>> out;
  const auto& coverage = results.coverage;
  for (const auto& [api, c] : coverage) {
    if (!api_was_run(results, api)) {
      out.emplace_back(api, kApiNotRun);
      continue;
    }
    std::string line = coverage_counts(c);
    const int u = c.undocumented_count();
    line += u == 0
                ? ", no undocumented code seen"
                : ", " + std::to_string(u) + " undocumented code" + (u == 1 ? "" : "s") + " seen";
    out.emplace_back(api, line);
  }
  if (!coverage.empty()) return out;
  for (const auto& [api, codes] : codes_seen(results))
    out.emplace_back(api, "coverage not recorded; " + std::to_string(codes.size()) +
                              " error codes seen in answers");
  return out;
}

json merge_coverage(const json& a, const json& b) {
  json out = json::object();
  std::set<std::string> apis;
  for (const json* c : {&a, &b})
    if (c->is_object())
      for (const auto& [api, _] : c->items()) apis.insert(api);
  for (const auto& api : apis) {
    const json& x = a.is_object() && a.contains(api) ? a[api] : json::object();
    const json& y = b.is_object() && b.contains(api) ? b[api] : json::object();
    json documented =
        merge_entries(x.value("documented", kEmpty), y.value("documented", kEmpty),
                      [](json& into, const json& from) {
                        unite(into["triggered_by"], from.value("triggered_by", kEmpty));
                        unite(into["status_seen"], from.value("status_seen", kEmpty));
                        for (const char* why : {"not_triggerable", "not_exercised"})
                          if (!into.contains(why) && from.contains(why)) into[why] = from[why];
                      });
    // A code one shard did not reach but another triggered is triggered.
    for (auto& d : documented)
      if (triggered(d)) {
        d.erase("not_triggerable");
        d.erase("not_exercised");
      }
    json undocumented =
        merge_entries(x.value("undocumented", kEmpty), y.value("undocumented", kEmpty),
                      [](json& into, const json& from) {
                        unite(into["seen_in"], from.value("seen_in", kEmpty));
                      });
    json entry = x.is_object() ? x : json::object();
    entry.update(y);  // keep any other per-API field either shard has
    entry["documented"] = documented;
    entry["undocumented"] = undocumented;
    out[api] = entry;
  }
  return out;
}

void reword_for_whole_run(json& coverage) {
  if (!coverage.is_object()) return;
  for (auto& [api, entry] : coverage.items()) {
    if (!entry.is_object() || !entry.contains("documented")) continue;
    for (auto& d : entry["documented"]) {
      if (!d.is_object() || !d.contains("not_exercised") || !d["not_exercised"].is_string())
        continue;
      if (d["not_exercised"].get<std::string>().rfind(kLeftOut, 0) == 0)
        d["not_exercised"] = "no case of this run arranges its condition (" + trigger_of(d) + ")";
    }
  }
}

}  // namespace cc::reports
