#include "suites/runner.h"
#include "suites/output_dir.h"
#include "suites/parallel.h"
#include "suites/reachability.h"
#include "suites/selection.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>
#include <set>

#include "harness/core/encoding.h"
#include "harness/core/json_reader.h"
#include "harness/snapshot/compare.h"
#include "reports/differential.h"
#include "reports/expectations.h"
#include "reports/model.h"
#include "reports/results_view.h"
#include "reports/summary.h"
#include "reports/write.h"
#include "suites/behaviours.h"
#include "suites/coverage.h"
#include "suites/findings.h"
#include "suites/finish.h"
#include "suites/interrupts.h"
#include "suites/results_listener.h"
#include "suites/worker_process.h"

namespace cc::suites {

std::optional<core::Catalogue> load_catalogue_at(const CatalogueLocation& where) {
  try {
    return core::load_catalogue(where.dir + "/apis");
  } catch (const core::DataError& e) {
    std::cerr << "cloudconform: " << e.what() << "\n"
              << "  in the catalogue " << where.describe() << "\n";
    return std::nullopt;
  }
}

target::TargetConfig config_for(const core::Catalogue& catalogue, const std::string& base_url,
                                const emu::Account& account) {
  target::TargetConfig cfg;
  for (const core::Api* api : catalogue.subjects())
    cfg.endpoints[api->product] = core::Endpoint{base_url, api->hosts.front()};
  for (const auto& [provider, key] : account.keys) cfg.accounts[provider].credentials = key;
  return cfg;
}

namespace {

// "URL" or "PRODUCT=URL" (--endpoint), checked: a product of the catalogue, an http(s) URL.
bool parse_endpoints(const std::vector<std::string>& specs, RunInputs& in) {
  std::set<std::string> products;
  for (const core::Api& a : in.catalogue.apis) products.insert(a.product);
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
      in.all_url = url;
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
    in.product_urls[product] = url;
  }
  return true;
}

bool check_gate_and_include(const RunOptions& options) {
  if (options.gate != "must" && options.gate != "should") {
    std::cerr << "cloudconform: --gate is \"must\" (failed MUST assertions fail the run) or "
                 "\"should\" (deviations too), not \""
              << options.gate << "\"\n";
    return false;
  }
  for (const std::string& family : options.include)
    if (family != "rate-limits") {
      std::cerr << "cloudconform: --include knows \"rate-limits\", not \"" << family << "\"\n";
      return false;
    }
  return true;
}

// --record DIR is checked before anything runs: a long run against a real account must not be
// thrown away at its end because its snapshot cannot be written. A directory holding other files
// is refused too: a snapshot replaces an earlier snapshot, never anything else.
bool check_record_dir(const std::string& dir) {
  namespace fs = std::filesystem;
  const fs::path path(dir);
  auto refuse = [&dir](const std::string& why) {
    std::cerr << "cloudconform: --record " << dir << ": " << why << "\n";
    return false;
  };
  std::error_code ec;
  if (fs::exists(path, ec) && !fs::is_directory(path, ec)) return refuse("not a directory");
  if (fs::is_directory(path, ec) && !fs::is_empty(path, ec) &&
      !fs::exists(path / "snapshot.json", ec))
    return refuse(
        "holds files but no snapshot.json (a snapshot is written into a new or empty "
        "directory, or over an earlier snapshot)");
  for (const fs::path& where : {path, path / "cases"})
    if (const auto why = prepare_output_dir(where.string()))
      return refuse(where.string() + ": " + *why);
  return true;
}

// --compare-to DIR is read before anything runs: a malformed snapshot is bad usage, named by file
// and JSON pointer, not a surprise after the last case.
bool read_compare_to(const RunOptions& options, RunInputs& in) {
  if (options.differential_gate && options.compare_to.empty()) {
    std::cerr << "cloudconform: --gate differential needs --compare-to DIR (the snapshot whose "
                 "differences fail the run)\n";
    return false;
  }
  if (options.compare_to.empty()) return true;
  try {
    in.compare_to = snapshot::read_snapshot(options.compare_to);
  } catch (const std::exception& e) {  // core::DataError: file and pointer; or the filesystem's
    std::cerr << "cloudconform: --compare-to " << options.compare_to << ": " << e.what() << "\n";
    return false;
  }
  return true;
}

// The profile --target names. A real account without --allow-mutations runs read-only: its
// allowlisted instances are observed and dry-run, never changed.
bool read_profile(const RunOptions& options, bool with_credentials, RunInputs& in) {
  try {
    in.profile = with_credentials
                     ? read_target_profile(options.target_file, in.catalogue, options.cli_profile)
                     : target::load_profile(options.target_file, in.catalogue);
    in.read_only = in.profile->real_account() && !options.allow_mutations;
  } catch (const core::DataError& e) {
    std::cerr << "cloudconform: " << e.what() << "\n";
    return false;
  }
  if (!in.all_url.empty()) {
    std::cerr << "cloudconform: with --target, --endpoint names a product (PRODUCT=URL); the "
                 "profile says the rest\n";
    return false;
  }
  if (in.read_only && options.worker_file.empty())  // a worker's parent has said it
    std::cerr << "cloudconform: " << options.target_file << " is a real " << in.profile->config.kind
              << " account and --allow-mutations is not given: a read-only run (only read and "
                 "dry-run calls"
                 " reach its instances; cases that would change one are not supported)\n";
  return true;
}

// A profile's own target, reached where --endpoint PRODUCT=URL says (a proxy, a private
// endpoint, an emulator standing in for the service), still named by its official host.
target::TargetConfig profile_target(const target::Profile& profile,
                                    const std::map<std::string, std::string>& product_urls,
                                    const std::string& cacert) {
  target::TargetConfig cfg = profile.config;
  if (!cacert.empty()) cfg.http.ca_file = cacert;
  for (const auto& [product, url] : product_urls) {
    auto it = cfg.endpoints.find(product);
    std::string host = it == cfg.endpoints.end() ? "" : it->second.host;
    if (host.empty() && it != cfg.endpoints.end()) host = core::url_authority(it->second.url);
    cfg.endpoints[product] = core::Endpoint{url, host};
  }
  if (!profile.probe_url.empty() &&
      target::ControlPlane::answers(profile.probe_url, &cfg.control_plane_absent, cfg.http))
    cfg.control_plane = profile.probe_url;
  return cfg;
}

// An external emulator: one URL for all, products overridden one by one.
target::TargetConfig external_target(const core::Catalogue& catalogue, const TargetChoice& c) {
  const std::string base = c.all_url.empty() ? c.product_urls.begin()->second : c.all_url;
  target::TargetConfig cfg = config_for(catalogue, base, emu::default_account());
  cfg.http.ca_file = c.cacert;
  if (c.all_url.empty())
    for (auto it = cfg.endpoints.begin(); it != cfg.endpoints.end();)
      it = c.product_urls.count(it->first) ? std::next(it) : cfg.endpoints.erase(it);
  for (const auto& [product, url] : c.product_urls) cfg.endpoints[product].url = url;
  cfg.kind = "emulator";
  cfg.name = c.all_url.empty() ? "emulator at " + base : base;
  if (target::ControlPlane::answers(base, &cfg.control_plane_absent, cfg.http))
    cfg.control_plane = base;
  return cfg;
}

}  // namespace

std::optional<RunInputs> read_inputs(const RunOptions& options, bool with_credentials) {
  RunInputs in;
  std::optional<core::Catalogue> catalogue = load_catalogue_at(options.catalogue);
  if (!catalogue) return std::nullopt;
  in.catalogue = std::move(*catalogue);
  if (!parse_endpoints(options.endpoints, in) || !check_gate_and_include(options))
    return std::nullopt;
  // Known failures are read before anything runs: a malformed file is bad usage, not a verdict.
  try {
    if (!options.expectations_file.empty())
      in.expectations = reports::load_expectations(options.expectations_file);
  } catch (const core::DataError& e) {
    std::cerr << "cloudconform: " << e.what() << "\n";
    return std::nullopt;
  }
  if (!options.target_file.empty() && !read_profile(options, with_credentials, in))
    return std::nullopt;
  if (!read_compare_to(options, in)) return std::nullopt;
  if (!options.record_dir.empty() && !check_record_dir(options.record_dir)) return std::nullopt;
  if (!options.cacert.empty() && !std::ifstream(options.cacert)) {
    std::cerr << "cloudconform: --cacert " << options.cacert << ": cannot read it\n";
    return std::nullopt;
  }
  if (const auto why = only_problem(options.only, options.only_given, case_ids(in.catalogue))) {
    std::cerr << "cloudconform: " << *why << "\n";
    return std::nullopt;
  }
  return in;
}

target::Profile read_target_profile(const std::string& file, const core::Catalogue& catalogue,
                                    const std::string& cli_profile) {
  target::Profile profile = target::load_profile(file, catalogue);
  const target::Environment env = target::process_environment();
  target::apply_credentials(profile, {env, env("HOME").value_or(""), cli_profile},
                            emu::default_account().keys);
  return profile;
}

MadeTarget make_target(const core::Catalogue& catalogue, const TargetChoice& choice) {
  MadeTarget made;
  const bool external_profile =
      choice.profile && choice.profile->config.kind != "embedded-emulator";
  if (external_profile && !choice.stand_in) {
    made.config = profile_target(*choice.profile, choice.product_urls, choice.cacert);
    return made;
  }
  if (!choice.stand_in && (!choice.all_url.empty() || !choice.product_urls.empty())) {
    made.config = external_target(catalogue, choice);
    return made;
  }
  made.emulator = std::make_unique<emu::Emulator>(catalogue, choice.embedded);
  made.emulator->start();
  if (choice.stand_in) {  // the plan points the profile's own config at it (suites/plan.h)
    made.config = choice.profile->config;
    return made;
  }
  made.config = config_for(catalogue, made.emulator->base_url(), emu::default_account());
  made.config.kind = "embedded-emulator";
  made.config.name = choice.embedded_name;
  made.config.control_plane = made.emulator->base_url();
  if (choice.profile) {
    made.config.allowlist = choice.profile->config.allowlist;
    made.config.dry_run_only = choice.profile->config.dry_run_only;
  }
  return made;
}

std::string case_filter(const core::Catalogue& catalogue, const RunOptions& options,
                        bool real_account) {
  std::string filter = options.only;
  const bool rate_limits = std::find(options.include.begin(), options.include.end(),
                                     "rate-limits") != options.include.end();
  if (!real_account || rate_limits) return filter;
  std::string excluded;
  for (const Behaviour& b : all_behaviours(catalogue))
    if (b.family == core::Family::RateLimit) excluded += (excluded.empty() ? "*." : ":*.") + b.name;
  if (excluded.empty()) return filter;
  if (filter.empty()) return "*-" + excluded;
  return filter + (filter.find('-') == std::string::npos ? "-" : ":") + excluded;
}

void run_cases(SuiteContext& ctx, const RunOptions& options, bool real_account, bool quiet) {
  register_behaviours(ctx, all_behaviours(ctx.catalogue));
  std::vector<std::string> args = {"cloudconform"};
  args.insert(args.end(), options.gtest_args.begin(), options.gtest_args.end());
  const std::string filter = case_filter(ctx.catalogue, options, real_account);
  if (!filter.empty()) args.push_back("--gtest_filter=" + filter);
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  int argc = static_cast<int>(argv.size());
  ::testing::InitGoogleTest(&argc, argv.data());
  // The suite prints its own verdicts (suites/results_listener.h); GoogleTest's printer would
  // show its expression text and source paths.
  auto& listeners = ::testing::UnitTest::GetInstance()->listeners();
  delete listeners.Release(listeners.default_result_printer());
  ListenerOptions listening;
  listening.replay = [&options](const std::string& id) { return replay_line(options, id); };
  listening.replay_file = [&options, &ctx](const std::string& id, const std::string& file) {
    return replay_file_line(options, ctx.catalogue, id, file);
  };
  listening.quiet = quiet;
  listening.fail_fast = options.fail_fast;
  listening.gate = options.gate;
  listening.stop = [&ctx](const std::string& why) { ctx.target.interrupt(why); };
  // Already read and checked by read_inputs: a known failure does not stop --fail-fast.
  if (!options.expectations_file.empty())
    listening.expectations = reports::load_expectations(options.expectations_file);
  listeners.Append(new ResultsListener(ctx.run, std::move(listening)));
  // The verdicts are in ctx.run, recorded case by case; GoogleTest's own status adds nothing.
  [[maybe_unused]] const int gtest_status = RUN_ALL_TESTS();
  // However the cases ended (verdicts, harness errors, an interrupt): put back what changed.
  for (const target::Restoration& r : ctx.target.restore()) {
    ctx.run.restore.push_back(r.to_json());
    if (!r.restored)
      std::cerr << "cloudconform: could not put " << r.id << " back to " << r.was << " (now "
                << r.now << "): " << r.message << "\n";
  }
}

namespace {

TargetChoice choice_for(const RunOptions& options, const RunInputs& in) {
  TargetChoice choice;
  choice.profile = in.profile ? &*in.profile : nullptr;
  choice.all_url = in.all_url;
  choice.product_urls = in.product_urls;
  choice.cacert = options.cacert;
  choice.embedded.transition_time = options.transition_time;
  choice.embedded.deviations = options.deviations;
  choice.embedded.variations = options.variations;
  choice.embedded.latency = std::chrono::milliseconds(options.latency_ms);
  if (!options.deviations.empty()) choice.embedded_name += " (with deviations)";
  return choice;
}

// The target the options name, bounded by the run's timeouts; nullopt after saying why it
// could not be made.
std::optional<MadeTarget> bounded_target(const RunOptions& options, const RunInputs& in) {
  MadeTarget made;
  try {
    made = make_target(in.catalogue, choice_for(options, in));
  } catch (const std::exception& e) {
    std::cerr << "cloudconform: cannot start the target: " << e.what() << "\n";
    return std::nullopt;
  }
  made.config.settle_timeout = options.settle_timeout;
  made.config.http.total_timeout = options.request_timeout;
  made.config.http.connect_timeout =
      std::min(made.config.http.connect_timeout, options.request_timeout);
  made.config.read_only = in.read_only;
  return made;
}

// run --worker FILE: one product's cases of a parallel run (suites/parallel.h), judged quietly and
// written to FILE with the restorations; the header, findings, reports and closing are the
// parent's, and so is the reachability probe (it found the target reachable).
int run_worker(const RunOptions& options, const RunInputs& in, MadeTarget& made,
               Interrupts& interrupts) {
  abort_if_asked(selected_products(in.catalogue, options.only));
  target::Target target(in.catalogue, made.config, core::system_context());
  interrupts.on_first([&target](const std::string& why) { target.interrupt(why); });
  core::RunRecord run;
  SuiteContext ctx{in.catalogue, target, run};
  ctx.out_dir = options.out_dir;
  ctx.case_timeout = options.case_timeout;
  run_cases(ctx, options, in.profile && in.profile->real_account(), true);
  run.interrupted = interrupts.reason();
  if (made.emulator) made.emulator->stop();
  return write_worker_file(run, options.worker_file) ? 0 : 2;
}

// The selected cases: in this process one after another, or product by product side by side in
// worker processes (suites/parallel.h); either way their records end up in ctx.run in the
// registered order.
void judge(SuiteContext& ctx, const RunOptions& options, const RunInputs& in,
           const TargetTraits& traits, Interrupts& interrupts) {
  const bool real_account = in.profile && in.profile->real_account();
  const std::vector<Share> shares =
      shares_of(in.catalogue, case_filter(in.catalogue, options, real_account));
  const int jobs = jobs_for(options, in, shares.size(), traits);
  if (jobs > 1) {
    run_in_workers(ctx, options, shares, jobs, interrupts);
  } else {
    run_cases(ctx, options, real_account, false);
  }
}

}  // namespace

int run(const RunOptions& options) {
  // Before any thread exists: Ctrl-C winds the run down instead of killing it (interrupts.h).
  Interrupts interrupts;
  std::optional<RunInputs> in = read_inputs(options, true);
  if (!in) return 2;
  const bool worker = !options.worker_file.empty();
  if (const auto why = worker ? std::nullopt : prepare_output_dir(options.out_dir)) {
    std::cerr << "cloudconform: --out " << options.out_dir << ": " << *why << "\n";
    return 2;
  }
  const auto started = std::chrono::system_clock::now();
  std::optional<MadeTarget> made = bounded_target(options, *in);
  if (!made) return 2;
  if (worker) return run_worker(options, *in, *made, interrupts);
  const std::optional<std::string> unreachable =
      made->emulator
          ? std::nullopt
          : unreachable_endpoint(made->config, selected_products(in->catalogue, options.only));

  target::Target target(in->catalogue, made->config, core::system_context());
  interrupts.on_first([&target](const std::string& why) { target.interrupt(why); });
  // Said once, up front; the cases still end (at once, without a request) as harness errors in
  // a written report, so an unreachable target is never mistaken for a verdict.
  if (unreachable) std::cerr << "cloudconform: cannot reach the target: " << *unreachable << "\n";
  core::RunRecord run =
      start_record(in->catalogue, target, options, made->emulator != nullptr, started);
  print_header(run, options);
  print_reach(std::cout, made->config, made->emulator != nullptr);
  print_snapshots(*in, options);
  SuiteContext ctx{in->catalogue, target, run};
  ctx.out_dir = options.out_dir;
  ctx.case_timeout = options.case_timeout;
  ctx.unreachable = unreachable.value_or("");
  const bool embedded = made->emulator != nullptr;
  judge(ctx, options, *in, {embedded, !made->config.control_plane.empty(), unreachable.has_value()},
        interrupts);
  // This process's signal, else a worker's own (one sent a SIGTERM alone cuts the run short too).
  if (const std::string reason = interrupts.reason(); !reason.empty()) run.interrupted = reason;
  if (made->emulator) made->emulator->stop();
  return finish(run, *in, options, started);
}

}  // namespace cc::suites
