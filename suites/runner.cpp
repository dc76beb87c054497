#include "suites/runner.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iostream>

#include "emulator/emulator.h"
#include "harness/core/encoding.h"
#include "harness/core/json_reader.h"
#include "harness/target/profile.h"
#include "reports/expectations.h"
#include "reports/model.h"
#include "reports/summary.h"
#include "reports/write.h"
#include "suites/behaviours.h"
#include "suites/coverage.h"
#include "suites/results_listener.h"

namespace cc::suites {

target::TargetConfig config_for(const core::Catalogue& catalogue, const std::string& base_url,
                                const emu::Account& account) {
  target::TargetConfig cfg;
  for (const core::Api* api : catalogue.subjects())
    cfg.endpoints[api->product] = core::Endpoint{base_url, api->hosts.front()};
  cfg.tencent = {account.tencent_secret_id, account.tencent_secret_key, ""};
  cfg.alibaba = {account.alibaba_access_key_id, account.alibaba_access_key_secret, ""};
  return cfg;
}

namespace {

// The catalogue of `fixtures_dir` (empty = the build's fixtures/); a malformed file is reported
// in one line naming file and pointer.
bool load(const std::string& fixtures_dir, core::Catalogue& catalogue) {
  const std::string fixtures = fixtures_dir.empty() ? CLOUDCONFORM_FIXTURES_DIR : fixtures_dir;
  try {
    catalogue = core::load_catalogue(fixtures + "/apis");
    return true;
  } catch (const core::DataError& e) {
    std::cerr << "cloudconform: " << e.what() << "\n";
    return false;
  }
}

bool has_control_plane(const std::string& base_url) {
  core::HttpClient http(core::HttpOptions{std::chrono::milliseconds(2000), std::chrono::milliseconds(5000)});
  core::HttpResponse r = http.send({"GET", base_url + "/_cloudconform/v1/info", {}, ""});
  return r.received() && r.status == 200;
}

}  // namespace

int run(const RunOptions& options) {
  core::Catalogue catalogue;
  if (!load(options.fixtures_dir, catalogue)) return 2;

  // Known failures are read before anything runs: a malformed file is bad usage, not a verdict.
  nlohmann::json expectations;
  try {
    if (!options.expectations_file.empty()) expectations = reports::load_expectations(options.expectations_file);
  } catch (const core::DataError& e) {
    std::cerr << "cloudconform: " << e.what() << "\n";
    return 2;
  }

  // A target profile is read before anything runs. A real account is refused outright without
  // --allow-mutations: the first, strict step (no read-only subset yet).
  std::optional<target::Profile> profile;
  if (!options.target_file.empty()) {
    if (!options.endpoint.empty()) {
      std::cerr << "cloudconform: give --target or --endpoint, not both\n";
      return 2;
    }
    try {
      profile = target::load_profile(options.target_file, catalogue);
      if (profile->real_account() && !options.allow_mutations) {
        std::cerr << "cloudconform: " << options.target_file << " is a " << profile->config.kind
                  << " account and the suite stops and starts instances there; pass --allow-mutations to allow it"
                  << " (only the profile's allowlisted instances are ever named)\n";
        return 2;
      }
      const emu::Account acc = emu::default_account();
      const target::Environment env = target::process_environment();
      target::apply_credentials(*profile, {env, env("HOME").value_or(""), options.cli_profile},
                                {acc.tencent_secret_id, acc.tencent_secret_key, ""},
                                {acc.alibaba_access_key_id, acc.alibaba_access_key_secret, ""});
    } catch (const core::DataError& e) {
      std::cerr << "cloudconform: " << e.what() << "\n";
      return 2;
    }
  }

  std::unique_ptr<emu::Emulator> emulator;
  target::TargetConfig cfg;
  const auto started = std::chrono::system_clock::now();
  try {
    if (profile && profile->config.kind != "embedded-emulator") {
      cfg = profile->config;
      if (!profile->probe_url.empty() && has_control_plane(profile->probe_url)) cfg.control_plane = profile->probe_url;
    } else if (options.endpoint.empty()) {
      emu::EmulatorOptions eo;
      eo.transition_time = options.transition_time;
      eo.deviations = options.deviations;
      emulator = std::make_unique<emu::Emulator>(catalogue, eo);
      emulator->start();
      cfg = config_for(catalogue, emulator->base_url(), emu::default_account());
      cfg.kind = "embedded-emulator";
      cfg.name = "cloudconform reference emulator" +
                 std::string(options.deviations.empty() ? "" : " (with deviations)");
      cfg.control_plane = emulator->base_url();
      if (profile) cfg.allowlist = profile->config.allowlist;
    } else {
      cfg = config_for(catalogue, options.endpoint, emu::default_account());
      cfg.kind = "emulator";
      cfg.name = options.endpoint;
      if (has_control_plane(options.endpoint)) cfg.control_plane = options.endpoint;
    }
  } catch (const std::exception& e) {
    std::cerr << "cloudconform: cannot start the target: " << e.what() << "\n";
    return 2;
  }
  cfg.settle_timeout = options.settle_timeout;
  cfg.http.total_timeout = std::chrono::milliseconds(15000);

  target::Target target(catalogue, cfg, core::system_context());
  core::RunRecord run;
  run.suite_version = CLOUDCONFORM_VERSION;
  run.catalogue_hash = core::catalogue_hash(catalogue);
  run.target = target.identity();
  if (emulator) {
    run.target["deviations"] = options.deviations;
    run.target["transition_ms"] = options.transition_time.count();
  }
  run.started_at = core::utc_iso8601(std::chrono::duration_cast<std::chrono::seconds>(started.time_since_epoch()).count());

  SuiteContext ctx{catalogue, target, run};
  ctx.out_dir = options.out_dir;
  register_behaviours(ctx, all_behaviours(catalogue));

  std::vector<std::string> args = {"cloudconform"};
  args.insert(args.end(), options.gtest_args.begin(), options.gtest_args.end());
  if (!options.only.empty()) args.push_back("--gtest_filter=" + options.only);
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  int argc = static_cast<int>(argv.size());
  ::testing::InitGoogleTest(&argc, argv.data());
  ::testing::UnitTest::GetInstance()->listeners().Append(new ResultsListener(run));
  (void)RUN_ALL_TESTS();
  if (emulator) emulator->stop();

  // Cases filtered out by --gtest_filter never ran: they are not part of this run's results.
  std::erase_if(run.cases, [](const core::CaseRecord& c) { return c.outcome.empty(); });
  // A mistyped filter must not read as "conformant": a run that judged nothing is bad usage.
  if (run.cases.empty()) {
    std::cerr << "cloudconform: no case matches the selection" << (options.only.empty() ? "" : " --only '" + options.only + "'")
              << " (cloudconform list shows every case)\n";
    return 2;
  }
  run.duration_ms = std::chrono::duration<double, std::milli>(std::chrono::system_clock::now() - started).count();
  run.coverage = error_code_coverage(catalogue, run);
  // Every failure says how to see it again, alone, against the same target.
  for (auto& c : run.cases) {
    if (c.outcome != "fail" && c.outcome != "harness_error") continue;
    c.replay = "cloudconform run --only '" + c.id + "'";
    if (!options.endpoint.empty()) c.replay += " --endpoint " + options.endpoint;
    if (!options.target_file.empty()) c.replay += " --target " + options.target_file;
    for (const auto& d : options.deviations) c.replay += " --deviation " + d;
  }

  nlohmann::json results = run.to_json();
  if (!expectations.is_null()) reports::apply_expectations(results, expectations, options.expectations_file);
  std::error_code ec;
  std::filesystem::create_directories(options.out_dir, ec);
  const std::string path = options.out_dir + "/results.json";
  std::ofstream out(path);
  out << results.dump(2) << "\n";
  if (!out) {
    std::cerr << "cloudconform: cannot write " << path << "\n";
    return 2;
  }
  out.close();
  try {
    reports::write_all_reports(results, options.out_dir);
  } catch (const std::exception& e) {
    std::cerr << "cloudconform: cannot write the reports: " << e.what() << "\n";
    return 2;
  }
  std::cout << "\n" << reports::render_summary(results) << coverage_line(run.coverage) << "\n"
            << "results: " << path << "\nreports: " << options.out_dir << "/report.html, report.md, junit.xml\n";
  return reports::exit_status(results);
}

int list(const std::string& fixtures_dir, bool with_provenance) {
  core::Catalogue catalogue;
  if (!load(fixtures_dir, catalogue)) return 2;
  std::size_t n = 0;
  for (const core::Api* api : catalogue.subjects())
    for (const Behaviour& b : all_behaviours(catalogue)) {
      if (!b.applies(*api)) continue;
      const auto provenance = b.provenance(*api);
      std::cout << api->id << "." << b.name << "\t" << b.family << "\t" << level_of(provenance) << "\n";
      if (with_provenance)
        for (const auto& p : provenance)
          std::cout << "    " << p.source << (p.file.empty() ? "" : " " + p.file)
                    << (p.section.empty() ? "" : " " + p.section) << ": "
                    << (p.passage.empty() ? p.note : p.passage) << "\n";
      ++n;
    }
  std::cout << n << " cases\n";
  return 0;
}

}  // namespace cc::suites
