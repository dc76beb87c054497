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

std::string Rehearsal::in_profile_ids(std::string text) const {
  for (const auto& [stand_in, id] : real_of_)
    for (size_t at = text.find(stand_in); at != std::string::npos;
         at = text.find(stand_in, at + id.size()))
      text.replace(at, stand_in.size(), id);
  return text;
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

double Rehearsal::print_requests(std::ostream& out, const core::Catalogue& catalogue,
                                 const target::TargetConfig& cfg) const {
  std::size_t total = 0;
  for (const auto& [_, n] : requests_) total += n;
  out << "\nRequests (" << total << " in all):\n";
  double least_s = 0;
  for (const auto& [id, n] : requests_) {
    const core::Api* api = catalogue.find(id);
    char line[256];
    if (api && api->rate_limit.requests_per_second && cfg.pace_fraction > 0) {
      const double rate =
          static_cast<double>(*api->rate_limit.requests_per_second) * cfg.pace_fraction;
      const double least = n > 1 ? static_cast<double>(n - 1) / rate : 0.0;
      least_s += least;
      std::snprintf(
          line, sizeof line, "  %-36s %6zu  documented %lld/s, paced at %.1f/s: at least %.1f s\n",
          id.c_str(), n, static_cast<long long>(*api->rate_limit.requests_per_second), rate, least);
    } else {
      std::snprintf(line, sizeof line, "  %-36s %6zu  no documented limit\n", id.c_str(), n);
    }
    out << line;
  }
  return least_s;
}

void Rehearsal::print(std::ostream& out, const core::Catalogue& catalogue,
                      const target::TargetConfig& cfg, const std::string& profile_file,
                      double wall_ms, int round_trip_ms) const {
  out << "cloudconform plan: " << profile_file << " (" << cfg.kind
      << (cfg.read_only ? ", read-only" : ", mutations allowed")
      << "), rehearsed against the embedded emulator with every allowlisted instance RUNNING\n\n";
  out << "Calls that would change an allowlisted instance (" << changes_.size() << "):\n";
  if (changes_.empty()) out << "  none\n";
  for (const auto& c : changes_) out << "  " << c << "\n";
  const double least_s = print_requests(out, catalogue, cfg);
  std::size_t total = 0;
  for (const auto& [_, n] : requests_) total += n;
  // The APIs run one after another, so the run takes at least the sum of their paced times;
  // the rehearsal's own wall time also holds the quiet windows and transitions.
  const double expected_s = std::max(wall_ms / 1000.0, least_s);
  const double real_s = expected_s + static_cast<double>(total) * round_trip_ms / 1000.0;
  char tail[512];
  std::snprintf(
      tail, sizeof tail,
      "\nExpected duration: %.1f s under the documented rate limits (paced as the run will be).\n"
      "On a real account: about %.0f s at %d ms a round trip (--round-trip-ms), plus the "
      "account's own time\nfor %zu stops and %zu starts, with Describe polls while they settle.\n"
      "Property cases run for a time budget: their request counts vary from run to run.\n",
      expected_s, real_s, round_trip_ms, stops_, starts_);
  out << tail;
}

namespace {

// An allowlist entry that looks copied from the example profile (ins-xxxxxxxx) rather than an
// instance of the account: the rehearsal would plan for it all the same.
bool looks_like_a_placeholder(const std::string& id) {
  const std::string tail = id.substr(id.find('-') == std::string::npos ? 0 : id.find('-') + 1);
  const bool one_letter =
      tail.size() >= 4 && tail.find_first_not_of(tail.front()) == std::string::npos;
  return one_letter || id.find("example") != std::string::npos ||
         id.find("placeholder") != std::string::npos;
}

void warn_about_placeholders(const target::TargetConfig& cfg, const std::string& profile) {
  for (const auto& [api, ids] : cfg.allowlist.value_or(decltype(cfg.allowlist)::value_type{}))
    for (const auto& id : ids)
      if (looks_like_a_placeholder(id))
        std::cerr << "cloudconform plan: warning: " << profile << ": the allowlisted id " << id
                  << " (" << api << ") looks like a placeholder, not an instance of the account\n";
}

// What the plan adds about the cases themselves: those the run could not judge, and those the
// rehearsal failed. Returns the plan's exit status (0, or 1 when the rehearsal failed cases).
int print_case_outcomes(std::ostream& out, const core::RunRecord& run, const Rehearsal& rehearsal) {
  std::vector<const core::CaseRecord*> unsupported, failed;
  for (const auto& c : run.cases) {
    if (c.outcome == core::CaseOutcome::NotSupported) unsupported.push_back(&c);
    if (c.outcome == core::CaseOutcome::Fail || c.outcome == core::CaseOutcome::HarnessError)
      failed.push_back(&c);
  }
  auto first_line = [&](const std::string& m) {
    return rehearsal.in_profile_ids(m.substr(0, m.find('\n')));
  };
  out << "\nCases the run could not judge with this profile (" << unsupported.size() << "):\n";
  if (unsupported.empty()) out << "  none\n";
  for (const auto* c : unsupported) out << "  " << c->id << ": " << first_line(c->message) << "\n";
  if (failed.empty()) return 0;
  out << "\nCases the rehearsal failed (" << failed.size()
      << "): the run would fail them too, or the profile is wrong:\n";
  for (const auto* c : failed)
    out << "  " << c->id << " (" << core::to_string(*c->outcome) << "): " << first_line(c->message)
        << "\n";
  return 1;
}

}  // namespace

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
  warn_about_placeholders(in->profile->config, options.target_file);

  target::Target target(in->catalogue, made.config, core::system_context());
  interrupts.on_first([&target](const std::string& why) { target.interrupt(why); });
  core::RunRecord run;  // the cases' records; a plan writes no results
  SuiteContext ctx{in->catalogue, target, run};
  ctx.out_dir = ro.out_dir;
  ctx.case_timeout = ro.case_timeout;
  {
    // Nothing but the plan on stdout: the cases' progress goes to stderr while they rehearse.
    std::streambuf* const plan_out = std::cout.rdbuf(std::cerr.rdbuf());
    run_cases(ctx, ro, in->profile->real_account(), true);
    std::cout.rdbuf(plan_out);
  }
  made.emulator->stop();
  std::erase_if(run.cases, [](const core::CaseRecord& c) { return !c.outcome; });
  if (run.cases.empty() && interrupts.reason().empty()) {
    std::cerr << "cloudconform plan: no case matches the selection"
              << (options.only.empty() ? "" : " --only '" + options.only + "'")
              << " for this profile (cloudconform list shows every case)\n";
    return 2;
  }
  rehearsal.print(
      std::cout, in->catalogue, made.config, options.target_file,
      std::chrono::duration<double, std::milli>(std::chrono::system_clock::now() - started).count(),
      options.round_trip_ms);
  const int status = print_case_outcomes(std::cout, run, rehearsal);
  return interrupts.reason().empty() ? status : 130;
}

}  // namespace cc::suites
