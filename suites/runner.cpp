#include "suites/runner.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <set>

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
#include "suites/findings.h"
#include "suites/interrupts.h"
#include "suites/plan.h"
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
  core::HttpClient http(
      core::HttpOptions{std::chrono::milliseconds(2000), std::chrono::milliseconds(5000)});
  core::HttpResponse r = http.send({"GET", base_url + "/_cloudconform/v1/info", {}, ""});
  return r.received() && r.status == 200;
}

// "URL" or "PRODUCT=URL" (--endpoint), checked: a product of the catalogue, an http(s) URL.
bool parse_endpoints(const core::Catalogue& catalogue, const std::vector<std::string>& specs,
                     std::string& all, std::map<std::string, std::string>& per_product) {
  std::set<std::string> products;
  for (const core::Api& a : catalogue.apis) products.insert(a.product);
  for (const std::string& spec : specs) {
    const size_t eq = spec.find('=');
    const std::string url = eq == std::string::npos ? spec : spec.substr(eq + 1);
    if (url.rfind("http://", 0) != 0 && url.rfind("https://", 0) != 0) {
      std::cerr << "cloudconform: --endpoint wants URL or PRODUCT=URL with an http:// or https:// "
                   "URL, not \""
                << spec << "\"\n";
      return false;
    }
    if (eq == std::string::npos) {
      all = url;
      continue;
    }
    const std::string product = spec.substr(0, eq);
    if (!products.count(product)) {
      std::string known;
      for (const auto& p : products) known += (known.empty() ? "" : ", ") + p;
      std::cerr << "cloudconform: --endpoint " << spec << ": no product \"" << product << "\" ("
                << known << ")\n";
      return false;
    }
    per_product[product] = url;
  }
  return true;
}

// A gtest filter: the selection, minus the families a real account runs only when asked.
std::string case_filter(const core::Catalogue& catalogue, const RunOptions& options,
                        bool real_account) {
  std::string filter = options.only;
  const bool rate_limits = std::find(options.include.begin(), options.include.end(),
                                     "rate-limits") != options.include.end();
  if (!real_account || rate_limits) return filter;
  std::string excluded;
  for (const Behaviour& b : all_behaviours(catalogue))
    if (b.family == "rate_limit") excluded += (excluded.empty() ? "*." : ":*.") + b.name;
  if (excluded.empty()) return filter;
  if (filter.empty()) return "*-" + excluded;
  return filter + (filter.find('-') == std::string::npos ? "-" : ":") + excluded;
}

// Every failure says how to see it again, alone, against the same target.
std::string replay_line(const RunOptions& options, const std::string& id) {
  std::string line = "cloudconform run --only '" + id + "'";
  for (const auto& e : options.endpoints) line += " --endpoint " + e;
  if (!options.target_file.empty()) line += " --target " + options.target_file;
  if (options.allow_mutations) line += " --allow-mutations";
  for (const auto& d : options.deviations) line += " --deviation " + d;
  for (const auto& v : options.variations) line += " --variation " + v;
  if (options.latency_ms > 0) line += " --latency-ms " + std::to_string(options.latency_ms);
  return line;
}

}  // namespace

int run(const RunOptions& options) {
  // Before any thread exists: Ctrl-C winds the run down instead of killing it (interrupts.h).
  Interrupts interrupts;
  core::Catalogue catalogue;
  if (!load(options.fixtures_dir, catalogue)) return 2;
  std::string all_url;
  std::map<std::string, std::string> product_urls;
  if (!parse_endpoints(catalogue, options.endpoints, all_url, product_urls)) return 2;
  if (options.gate != "must" && options.gate != "should") {
    std::cerr << "cloudconform: --gate is \"must\" (failed MUST assertions fail the run) or "
                 "\"should\" (deviations too), not \""
              << options.gate << "\"\n";
    return 2;
  }
  for (const std::string& family : options.include)
    if (family != "rate-limits") {
      std::cerr << "cloudconform: --include knows \"rate-limits\", not \"" << family << "\"\n";
      return 2;
    }

  // Known failures are read before anything runs: a malformed file is bad usage, not a verdict.
  nlohmann::json expectations;
  try {
    if (!options.expectations_file.empty())
      expectations = reports::load_expectations(options.expectations_file);
  } catch (const core::DataError& e) {
    std::cerr << "cloudconform: " << e.what() << "\n";
    return 2;
  }

  // A target profile is read before anything runs. A real account without --allow-mutations
  // runs read-only: its allowlisted instances are observed and dry-run, never changed.
  std::optional<target::Profile> profile;
  bool read_only = false;
  if (!options.target_file.empty()) {
    try {
      profile = target::load_profile(options.target_file, catalogue);
      read_only = profile->real_account() && !options.allow_mutations;
      const emu::Account acc = emu::default_account();
      const target::Environment env = target::process_environment();
      // A plan contacts nothing but its stand-in: it needs no credentials.
      if (!options.rehearse)
        target::apply_credentials(*profile, {env, env("HOME").value_or(""), options.cli_profile},
                                  {acc.tencent_secret_id, acc.tencent_secret_key, ""},
                                  {acc.alibaba_access_key_id, acc.alibaba_access_key_secret, ""});
    } catch (const core::DataError& e) {
      std::cerr << "cloudconform: " << e.what() << "\n";
      return 2;
    }
    if (!all_url.empty()) {
      std::cerr << "cloudconform: with --target, --endpoint names a product (PRODUCT=URL); the "
                   "profile says the rest\n";
      return 2;
    }
    if (read_only)
      std::cerr << "cloudconform: " << options.target_file << " is a real " << profile->config.kind
                << " account and --allow-mutations is not given: a read-only run (only read and "
                   "dry-run calls"
                   " reach its instances; cases that would change one are not supported)\n";
  }

  if (options.rehearse && !profile) {
    std::cerr << "cloudconform plan: --target PROFILE is required\n";
    return 2;
  }

  std::unique_ptr<emu::Emulator> emulator;
  target::TargetConfig cfg;
  Rehearsal rehearsal;
  const auto started = std::chrono::system_clock::now();
  try {
    if (options.rehearse) {
      emu::EmulatorOptions eo;
      eo.transition_time =
          std::chrono::milliseconds(0);  // the plan measures pacing, not the account's speed
      emulator = std::make_unique<emu::Emulator>(catalogue, eo);
      emulator->start();
      cfg = profile->config;
      rehearsal.stand_in(*emulator, catalogue, cfg);
      cfg.on_call = [&rehearsal](const core::Api& api, const nlohmann::json& params,
                                 const std::vector<std::string>& changes) {
        rehearsal.record(api, params, changes);
      };
    } else if (profile && profile->config.kind != "embedded-emulator") {
      cfg = profile->config;
      // Reached elsewhere (a proxy, a private endpoint, an emulator standing in for the
      // service), still named by its official host.
      for (const auto& [product, url] : product_urls) {
        auto it = cfg.endpoints.find(product);
        std::string host = it == cfg.endpoints.end() ? "" : it->second.host;
        if (host.empty() && it != cfg.endpoints.end()) host = core::url_authority(it->second.url);
        cfg.endpoints[product] = core::Endpoint{url, host};
      }
      if (!profile->probe_url.empty() && has_control_plane(profile->probe_url))
        cfg.control_plane = profile->probe_url;
    } else if (all_url.empty() && product_urls.empty()) {
      emu::EmulatorOptions eo;
      eo.transition_time = options.transition_time;
      eo.deviations = options.deviations;
      eo.variations = options.variations;
      eo.latency = std::chrono::milliseconds(options.latency_ms);
      emulator = std::make_unique<emu::Emulator>(catalogue, eo);
      emulator->start();
      cfg = config_for(catalogue, emulator->base_url(), emu::default_account());
      cfg.kind = "embedded-emulator";
      cfg.name = "cloudconform reference emulator" +
                 std::string(options.deviations.empty() ? "" : " (with deviations)");
      cfg.control_plane = emulator->base_url();
      if (profile) {
        cfg.allowlist = profile->config.allowlist;
        cfg.dry_run_only = profile->config.dry_run_only;
      }
    } else {
      // An external emulator: one URL for all, products overridden one by one.
      cfg = config_for(catalogue, all_url.empty() ? product_urls.begin()->second : all_url,
                       emu::default_account());
      if (all_url.empty())
        for (auto it = cfg.endpoints.begin(); it != cfg.endpoints.end();)
          it = product_urls.count(it->first) ? std::next(it) : cfg.endpoints.erase(it);
      for (const auto& [product, url] : product_urls) cfg.endpoints[product].url = url;
      cfg.kind = "emulator";
      cfg.name = all_url.empty() ? "emulator at " + product_urls.begin()->second : all_url;
      const std::string probe = all_url.empty() ? product_urls.begin()->second : all_url;
      if (has_control_plane(probe)) cfg.control_plane = probe;
    }
  } catch (const std::exception& e) {
    std::cerr << "cloudconform: cannot start the target: " << e.what() << "\n";
    return 2;
  }
  cfg.settle_timeout = options.settle_timeout;
  cfg.http.total_timeout = options.request_timeout;
  cfg.http.connect_timeout = std::min(cfg.http.connect_timeout, options.request_timeout);
  cfg.read_only = read_only;

  target::Target target(catalogue, cfg, core::system_context());
  interrupts.on_first([&target](const std::string& why) { target.interrupt(why); });
  core::RunRecord run;
  run.suite_version = CLOUDCONFORM_VERSION;
  run.catalogue_hash = core::catalogue_hash(catalogue);
  run.target = target.identity();
  if (emulator) {
    run.target["deviations"] = options.deviations;
    run.target["variations"] = options.variations;
    run.target["latency_ms"] = options.latency_ms;
    run.target["transition_ms"] = options.transition_time.count();
  }
  run.gate = options.gate;
  run.started_at = core::utc_iso8601(
      std::chrono::duration_cast<std::chrono::seconds>(started.time_since_epoch()).count());

  // The header says what is judged and what fails the run, before anything runs.
  if (!options.rehearse)
    std::cout << "cloudconform " << CLOUDCONFORM_VERSION << " against "
              << run.target.value("name", std::string("the target")) << " ("
              << run.target.value("kind", std::string("?")) << ")\n"
              << (options.gate == "should" ? "gate: should — a failed MUST assertion or a "
                                             "deviation from a SHOULD fails the run"
                                           : "gate: must — a failed MUST assertion fails the run; "
                                             "deviations from SHOULD are reported")
              << "\n"
              << std::flush;
  SuiteContext ctx{catalogue, target, run};
  ctx.out_dir = options.out_dir;
  ctx.case_timeout = options.case_timeout;
  register_behaviours(ctx, all_behaviours(catalogue));

  std::vector<std::string> args = {"cloudconform"};
  args.insert(args.end(), options.gtest_args.begin(), options.gtest_args.end());
  const std::string filter = case_filter(catalogue, options, profile && profile->real_account());
  if (!filter.empty()) args.push_back("--gtest_filter=" + filter);
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  int argc = static_cast<int>(argv.size());
  ::testing::InitGoogleTest(&argc, argv.data());
  // The suite prints its own verdicts (suites/results_listener.h); GoogleTest's printer would
  // show its expression text and source paths.
  delete ::testing::UnitTest::GetInstance()->listeners().Release(
      ::testing::UnitTest::GetInstance()->listeners().default_result_printer());
  ::testing::UnitTest::GetInstance()->listeners().Append(new ResultsListener(
      run, [&options](const std::string& id) { return replay_line(options, id); },
      options.rehearse));
  // The verdicts are in `run`, recorded case by case; GoogleTest's own status adds nothing.
  [[maybe_unused]] const int gtest_status = RUN_ALL_TESTS();
  // However the cases ended (verdicts, harness errors, an interrupt): put back what changed.
  for (const target::Restoration& r : target.restore()) {
    run.restore.push_back(r.to_json());
    if (!r.restored)
      std::cerr << "cloudconform: could not put " << r.id << " back to " << r.was << " (now "
                << r.now << "): " << r.message << "\n";
  }
  run.interrupted = interrupts.reason();
  if (emulator) emulator->stop();
  if (options.rehearse) {
    rehearsal.print(
        std::cout, catalogue, cfg, options.target_file,
        std::chrono::duration<double, std::milli>(std::chrono::system_clock::now() - started)
            .count());
    return run.interrupted.empty() ? 0 : 130;
  }

  // Cases filtered out by --gtest_filter never ran: they are not part of this run's results.
  std::erase_if(run.cases, [](const core::CaseRecord& c) { return c.outcome.empty(); });
  // A mistyped filter must not read as "conformant": a run that judged nothing is bad usage.
  if (run.cases.empty() && run.interrupted.empty()) {
    std::cerr << "cloudconform: no case matches the selection"
              << (options.only.empty() ? "" : " --only '" + options.only + "'")
              << " (cloudconform list shows every case)\n";
    return 2;
  }
  run.duration_ms =
      std::chrono::duration<double, std::milli>(std::chrono::system_clock::now() - started).count();
  run.coverage = error_code_coverage(catalogue, run);
  nlohmann::json results = run.to_json();
  // Findings about the APIs this run judged, not the whole catalogue.
  std::set<std::string> judged;
  for (const auto& c : run.cases) judged.insert(c.api);
  results["findings"] = nlohmann::json::array();
  for (const auto& f : document_vs_recording(catalogue))
    if (judged.count(f.value("api", ""))) results["findings"].push_back(f);
  if (!expectations.is_null())
    reports::apply_expectations(results, expectations, options.expectations_file);
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
  std::cout << "\n"
            << reports::render_summary(results) << coverage_line(run.coverage) << "\n"
            << "results: " << path << "\nreports: " << options.out_dir
            << "/report.html, report.md, junit.xml\n";
  if (!run.interrupted.empty()) {
    std::cerr << "cloudconform: " << run.interrupted << "\n";
    const int status = reports::exit_status(results);
    return status == 3 ? 3 : 130;  // instances left changed still say so
  }
  return reports::exit_status(results);
}

int list(const std::string& fixtures_dir, bool with_provenance) {
  core::Catalogue catalogue;
  if (!load(fixtures_dir, catalogue)) return 2;
  std::size_t n = 0;
  for (const core::Api* api : catalogue.subjects())
    for (const Behaviour& b : all_behaviours(catalogue)) {
      if (!b.applies(*api)) continue;
      const std::vector<Claim> claims = claims_of(catalogue, b, *api);
      std::cout << api->id << "." << b.name << "\t" << b.family << "\t"
                << to_string(case_level(claims)) << "\n";
      if (with_provenance)
        for (const Claim& c : claims) {
          std::cout << "  " << to_string(c.level()) << "  " << c.key << ": " << c.what << "\n";
          for (const auto& p : c.rests_on)
            std::cout << "    " << p.source << (p.file.empty() ? "" : " " + p.file)
                      << (p.section.empty() ? "" : " " + p.section) << ": "
                      << (p.passage.empty() ? p.note : p.passage) << "\n";
        }
      ++n;
    }
  std::cout << n << " cases\n";
  return 0;
}

}  // namespace cc::suites
