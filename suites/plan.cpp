#include "suites/plan.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <set>

#include "harness/core/api_client.h"
#include "harness/target/control_plane.h"
#include "suites/interrupts.h"
#include "suites/runner.h"

namespace cc::suites {

using nlohmann::json;

void Rehearsal::stand_in(emu::Emulator& emulator, const core::Catalogue& catalogue,
                         target::TargetConfig& cfg) {
  target::ControlPlane control(emulator.base_url());
  std::map<std::string, std::set<std::string>> allowlist;
  std::set<std::string> dry_run_only;
  for (const auto& [key, ids] :
       cfg.allowlist.value_or(std::map<std::string, std::set<std::string>>{})) {
    const core::Api* api = catalogue.find(key);
    const std::string product = api ? api->product : key;
    for (const std::string& id : ids) {
      std::string stand_in;
      try {
        stand_in = control.create_instances(product, "RUNNING").at(0);
      } catch (const target::HarnessError& e) {
        throw target::HarnessError("the rehearsal emulator: " + std::string(e.what()));
      }
      real_of_[stand_in] = id;
      allowlist[key].insert(stand_in);
      if (cfg.dry_run_only.count(id)) dry_run_only.insert(stand_in);
    }
  }
  cfg.allowlist = allowlist;
  cfg.dry_run_only = dry_run_only;
  for (auto& [product, endpoint] : cfg.endpoints) {
    if (endpoint.host.empty()) endpoint.host = core::url_authority(endpoint.url);
    endpoint.url = emulator.base_url();
  }
  for (const auto& [provider, key] : emu::default_account().keys)
    cfg.accounts[provider].credentials = key;
  cfg.control_plane.clear();
}

std::string Rehearsal::real(const std::string& emulator_id) const {
  auto it = real_of_.find(emulator_id);
  return it == real_of_.end() ? emulator_id : it->second;
}

void Rehearsal::record(const core::Api& api, const json&, const std::vector<std::string>& changes) {
  ++requests_[api.id];
  if (changes.empty()) return;
  const ::testing::TestInfo* t = ::testing::UnitTest::GetInstance()->current_test_info();
  std::string line =
      (t ? std::string(t->test_suite_name()) + "." + t->name() : std::string("restore")) + ": " +
      api.id;
  for (const std::string& id : changes) line += " " + real(id);
  changes_.push_back(line);
  (api.kind == "start" ? starts_ : stops_) += changes.size();
}

void Rehearsal::print(std::ostream& out, const core::Catalogue& catalogue,
                      const target::TargetConfig& cfg, const std::string& profile_file,
                      double wall_ms) const {
  out << "cloudconform plan: " << profile_file << " (" << cfg.kind
      << (cfg.read_only ? ", read-only" : ", mutations allowed")
      << "), rehearsed against the embedded emulator with every allowlisted instance RUNNING\n\n";
  out << "Calls that would change an allowlisted instance (" << changes_.size() << "):\n";
  if (changes_.empty()) out << "  none\n";
  for (const auto& c : changes_) out << "  " << c << "\n";
  std::size_t total = 0;
  for (const auto& [_, n] : requests_) total += n;
  out << "\nRequests (" << total << " in all):\n";
  for (const auto& [id, n] : requests_) {
    const core::Api* api = catalogue.find(id);
    char line[256];
    if (api && api->rate_limit.requests_per_second && cfg.pace_fraction > 0) {
      const double rate =
          static_cast<double>(*api->rate_limit.requests_per_second) * cfg.pace_fraction;
      std::snprintf(line, sizeof line,
                    "  %-36s %6zu  documented %lld/s, paced at %.1f/s: at least %.1f s\n",
                    id.c_str(), n, static_cast<long long>(*api->rate_limit.requests_per_second),
                    rate, n > 1 ? static_cast<double>(n - 1) / rate : 0.0);
    } else {
      std::snprintf(line, sizeof line, "  %-36s %6zu  no documented limit\n", id.c_str(), n);
    }
    out << line;
  }
  char tail[320];
  std::snprintf(
      tail, sizeof tail,
      "\nExpected duration: %.1f s under the documented rate limits (the rehearsal, paced as the "
      "run will be),\n"
      "plus the account's own time for %zu stops and %zu starts, with Describe polls while they "
      "settle.\n"
      "Property cases run for a time budget: their request counts vary from run to run.\n",
      wall_ms / 1000.0, stops_, starts_);
  out << tail;
}

int plan(const PlanOptions& options) {
  // Before any thread exists: Ctrl-C winds the rehearsal down (interrupts.h).
  Interrupts interrupts;
  RunOptions ro;  // the run being planned: run's defaults but for what plan takes
  ro.catalogue = options.catalogue;
  ro.target_file = options.target_file;
  ro.only = options.only;
  ro.include = options.include;
  ro.allow_mutations = options.allow_mutations;
  std::optional<RunInputs> in = read_inputs(ro, false);
  if (!in) return 2;
  const auto started = std::chrono::system_clock::now();
  TargetChoice choice;
  choice.profile = &*in->profile;
  choice.stand_in = true;
  choice.embedded.transition_time = std::chrono::milliseconds(0);  // pacing, not the account
  Rehearsal rehearsal;
  MadeTarget made;
  try {
    made = make_target(in->catalogue, choice);
    rehearsal.stand_in(*made.emulator, in->catalogue, made.config);
  } catch (const std::exception& e) {
    std::cerr << "cloudconform: cannot start the target: " << e.what() << "\n";
    return 2;
  }
  made.config.on_call = [&rehearsal](const core::Api& api, const json& params,
                                     const std::vector<std::string>& changes) {
    rehearsal.record(api, params, changes);
  };
  made.config.settle_timeout = ro.settle_timeout;
  made.config.http.total_timeout = ro.request_timeout;
  made.config.http.connect_timeout = std::min(made.config.http.connect_timeout, ro.request_timeout);
  made.config.read_only = in->read_only;

  target::Target target(in->catalogue, made.config, core::system_context());
  interrupts.on_first([&target](const std::string& why) { target.interrupt(why); });
  core::RunRecord run;  // the cases' records; a plan writes no results
  SuiteContext ctx{in->catalogue, target, run};
  ctx.out_dir = ro.out_dir;
  ctx.case_timeout = ro.case_timeout;
  run_cases(ctx, ro, in->profile->real_account(), true);
  made.emulator->stop();
  rehearsal.print(
      std::cout, in->catalogue, made.config, options.target_file,
      std::chrono::duration<double, std::milli>(std::chrono::system_clock::now() - started)
          .count());
  return interrupts.reason().empty() ? 0 : 130;
}

}  // namespace cc::suites
