// The inherent waits of a full run, read from its results.json: the time the suite would still
// spend against an infinitely fast target with a harness that costs nothing. The run's wall time
// is judged against it (bench/README.md, benchmark 2).
//
// Four kinds of wait, and where each comes from:
//   pacing       every call of an API with a documented rate limit waits for its slot at
//                pace_fraction (0.8, TargetConfig) of the limit. Replayed here, per API, over the
//                calls the run recorded (transcripts, in case order) with calls that take no time.
//   quiet        each rate-limit case lets three windows of 1100 ms pass (suites/rate_limits.cpp;
//                not recorded: constants here).
//   rate phase   its first phase makes `limit` calls paced at 80 % of the limit:
//                (limit - 1) / (0.8 * limit) s (not recorded; the limit is the recorded burst's
//                calls / 2), then the burst, whose duration is recorded.
//   transitions  each passing case of kTransitionCases waits one transition time
//                (target.transition_ms) for its stop to complete.
// Not counted (so the ratio errs high, never low): calls recorded without their requests
// (property cases list their answers only, and some of their stages are unpaced), and their
// waits for transitions. bench/README.md says so, and a second ratio leaves those cases' time
// out of the wall time.
//
// usage: bench_suite_waits RESULTS.json WALL_MS
// Prints the parts, then "inherent_ms=I wall_ms=W ratio=R".
#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <fstream>
#include <iostream>
#include <limits>
#include <map>
#include <string>

#include "harness/core/catalogue.h"

namespace {

using nlohmann::json;

constexpr double kPaceFraction = 0.8;           // target::TargetConfig::pace_fraction
constexpr double kQuietWindowsMs = 3 * 1100.0;  // suites/rate_limits.cpp
constexpr double kRatePhaseShare = 0.8;         // suites/rate_limits.cpp, phase 1
// Behaviours that wait for a stop to complete (suites/status_preconditions.cpp, concurrency.cpp).
constexpr std::array<const char*, 3> kTransitionCases = {"StopsARunningInstance",
                                                         "ReportsTheStopAsItsLatestOperation",
                                                         "AcceptsOnlyOneOfTwoSimultaneousStops"};

std::string header(const json& headers, const std::string& name) {
  for (const auto& h : headers) {
    if (!h.is_array() || h.size() != 2) continue;
    std::string k = h[0].get<std::string>();
    std::transform(k.begin(), k.end(), k.begin(), [](unsigned char c) { return std::tolower(c); });
    if (k == name) return h[1].get<std::string>();
  }
  return "";
}

// "Action=X" in a query string or form body.
std::string action_param(const std::string& s) {
  for (size_t at = s.find("Action="); at != std::string::npos; at = s.find("Action=", at + 1)) {
    if (at > 0 && s[at - 1] != '?' && s[at - 1] != '&') continue;
    const size_t end = s.find('&', at);
    return s.substr(at + 7, end == std::string::npos ? std::string::npos : end - at - 7);
  }
  return "";
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: bench_suite_waits RESULTS.json WALL_MS\n";
    return 2;
  }
  std::ifstream in(argv[1]);
  const json run = json::parse(in, nullptr, false);
  if (!run.is_object() || !run.contains("cases")) {
    std::cerr << "bench_suite_waits: " << argv[1] << " is not a results.json\n";
    return 2;
  }
  const double wall_ms = std::stod(argv[2]);
  const double transition = run["target"].value("transition_ms", 0.0);

  // The pacing interval of every rate-limited API, by the Host and action a request carries.
  const cc::core::Catalogue catalogue = cc::core::load_catalogue(CLOUDCONFORM_FIXTURES_DIR "/apis");
  std::map<std::pair<std::string, std::string>, std::pair<std::string, double>> limited;
  for (const auto& api : catalogue.apis)
    if (api.rate_limit.requests_per_second)
      for (const auto& host : api.hosts)
        limited[{host, api.action}] = {
            api.id, 1000.0 / (kPaceFraction * *api.rate_limit.requests_per_second)};

  double t = 0, pacing = 0, quiet = 0, rate_phase = 0, burst = 0, transitions = 0;
  double unrecorded_ms = 0;  // durations of the cases whose calls are not recorded
  int paced_calls = 0, rate_cases = 0, transition_cases = 0, unrecorded_calls = 0;
  std::map<std::string, double> next_slot;  // by API id: when its pacer lets the next call go
  for (const auto& c : run["cases"]) {
    if (c.value("family", "") == "rate_limit") {
      // Unpaced by the target's pacers; its own waits are fixed by the case.
      for (const auto& o : c.value("observations", json::array())) {
        if (o.value("what", "") != "burst") continue;
        const double limit = o["value"].value("calls", 0.0) / 2;
        const double phase = limit > 0 ? 1000.0 * (limit - 1) / (kRatePhaseShare * limit) : 0;
        const double b = o["value"].value("duration_ms", 0.0);
        quiet += kQuietWindowsMs;
        rate_phase += phase;
        burst += b;
        t += kQuietWindowsMs + phase + b;
        ++rate_cases;
      }
      continue;
    }
    for (const auto& e : c.value("transcript", json::array())) {
      const json& req = e.value("request", json::object());
      std::string host = header(req.value("headers", json::array()), "host");
      host = host.substr(0, host.find(':'));
      std::string action = header(req.value("headers", json::array()), "x-tc-action");
      if (action.empty()) action = action_param(req.value("url", "") + "&" + req.value("body", ""));
      auto it = limited.find({host, action});
      if (it == limited.end()) continue;
      const auto& [id, interval] = it->second;
      auto slot = next_slot.try_emplace(id, -std::numeric_limits<double>::infinity()).first;
      const double wait = std::max(0.0, slot->second - t);
      pacing += wait;
      t += wait;
      slot->second = t + interval;
      ++paced_calls;
    }
    if (c.contains("answers") && c.value("transcript", json::array()).empty()) {
      unrecorded_calls += static_cast<int>(c["answers"].size());
      unrecorded_ms += c.value("duration_ms", 0.0);
    }
    const std::string behaviour = c.value("behaviour", "");
    for (const char* name : kTransitionCases) {
      if (behaviour == name && c.value("outcome", "") == "pass") {
        transitions += transition;
        t += transition;
        ++transition_cases;
      }
    }
  }
  double cases_ms = 0;
  for (const auto& c : run["cases"]) cases_ms += c.value("duration_ms", 0.0);
  const double inherent = pacing + quiet + rate_phase + burst + transitions;
  std::cout << "cases=" << run["cases"].size() << " cases_ms=" << cases_ms
            << " run_duration_ms=" << run.value("duration_ms", 0.0) << "\n"
            << "pacing_ms=" << pacing << " (" << paced_calls
            << " recorded calls to rate-limited APIs at " << kPaceFraction * 100
            << " % of the limit; " << unrecorded_calls
            << " calls of property cases not recorded, not counted)\n"
            << "rate_limit_cases=" << rate_cases << " quiet_ms=" << quiet
            << " rate_phase_ms=" << rate_phase << " burst_ms=" << burst << "\n"
            << "transition_cases=" << transition_cases << " transition_ms=" << transitions << "\n"
            << "without the cases whose calls are not recorded (" << unrecorded_ms
            << " ms): ratio=" << (inherent > 0 ? (wall_ms - unrecorded_ms) / inherent : 0) << "\n"
            << "inherent_ms=" << inherent << " wall_ms=" << wall_ms
            << " ratio=" << (inherent > 0 ? wall_ms / inherent : 0) << "\n";
  return inherent > 0 ? 0 : 1;
}
