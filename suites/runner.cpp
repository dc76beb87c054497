#include "suites/runner.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iostream>

#include "emulator/emulator.h"
#include "harness/core/encoding.h"
#include "harness/core/json_reader.h"
#include "reports/summary.h"
#include "suites/behaviours.h"
#include "suites/results_listener.h"

namespace cc::suites {
namespace {

// Every product served by one base URL, each with the Host its real endpoint has, so the
// requests look exactly like the ones real services get.
target::TargetConfig config_for(const core::Catalogue& catalogue, const std::string& base_url,
                                const emu::Account& account) {
  target::TargetConfig cfg;
  for (const core::Api* api : catalogue.subjects())
    cfg.endpoints[api->product] = core::Endpoint{base_url, api->hosts.front()};
  cfg.tencent = {account.tencent_secret_id, account.tencent_secret_key, ""};
  cfg.alibaba = {account.alibaba_access_key_id, account.alibaba_access_key_secret, ""};
  return cfg;
}

bool has_control_plane(const std::string& base_url) {
  core::HttpClient http(core::HttpOptions{std::chrono::milliseconds(2000), std::chrono::milliseconds(5000)});
  core::HttpResponse r = http.send({"GET", base_url + "/_cloudconform/v1/info", {}, ""});
  return r.received() && r.status == 200;
}

}  // namespace

int run(const RunOptions& options) {
  const std::string fixtures = options.fixtures_dir.empty() ? CLOUDCONFORM_FIXTURES_DIR : options.fixtures_dir;
  core::Catalogue catalogue;
  try {
    catalogue = core::load_catalogue(fixtures + "/apis");
  } catch (const core::DataError& e) {
    std::cerr << "cloudconform: " << e.what() << "\n";
    return 2;
  }

  std::unique_ptr<emu::Emulator> emulator;
  target::TargetConfig cfg;
  const auto started = std::chrono::system_clock::now();
  try {
    if (options.endpoint.empty()) {
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
  register_behaviours(ctx, all_behaviours(catalogue));

  std::vector<std::string> args = {"cloudconform"};
  args.insert(args.end(), options.gtest_args.begin(), options.gtest_args.end());
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  int argc = static_cast<int>(argv.size());
  ::testing::InitGoogleTest(&argc, argv.data());
  ::testing::UnitTest::GetInstance()->listeners().Append(new ResultsListener(run));
  (void)RUN_ALL_TESTS();
  if (emulator) emulator->stop();

  // Cases filtered out by --gtest_filter never ran: they are not part of this run's results.
  std::erase_if(run.cases, [](const core::CaseRecord& c) { return c.outcome.empty(); });
  run.duration_ms = std::chrono::duration<double, std::milli>(std::chrono::system_clock::now() - started).count();

  std::error_code ec;
  std::filesystem::create_directories(options.out_dir, ec);
  const std::string path = options.out_dir + "/results.json";
  std::ofstream out(path);
  out << run.to_json().dump(2) << "\n";
  if (!out) {
    std::cerr << "cloudconform: cannot write " << path << "\n";
    return 2;
  }
  out.close();
  std::cout << "\n" << reports::render_summary(reports::load_results(path)) << "results: " << path << "\n";

  const nlohmann::json s = run.summary();
  if (s["harness_error"].get<int>() > 0) return 2;
  if (s["fail"].get<int>() > 0) return 1;
  return 0;
}

}  // namespace cc::suites
