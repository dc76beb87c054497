#include "suites/replay.h"

#include <fstream>
#include <iostream>

#include "emulator/emulator.h"
#include "suites/properties/scenario.h"
#include "suites/properties/stage.h"
#include "suites/runner.h"

namespace cc::suites {

using nlohmann::json;

namespace {

void print_exchanges(std::vector<json>& exchanges) {
  for (const auto& e : exchanges) {
    const json& rq = e.value("request", json::object());
    const json& rs = e.value("response", json::object());
    std::cout << "  > " << rq.value("method", "") << " " << rq.value("url", "");
    if (!rq.value("body", "").empty()) std::cout << "  " << rq.value("body", "");
    std::cout << "\n  < " << rs.value("status", 0) << "  " << rs.value("body", "") << "\n";
  }
  exchanges.clear();
}

}  // namespace

int replay(const ReplayOptions& options) {
  const std::string fixtures =
      options.fixtures_dir.empty() ? CLOUDCONFORM_FIXTURES_DIR : options.fixtures_dir;
  core::Catalogue catalogue;
  properties::Scenario scenario;
  json file;
  try {
    catalogue = core::load_catalogue(fixtures + "/apis");
    std::ifstream in(options.file);
    if (!in) throw std::runtime_error("cannot read " + options.file);
    file = json::parse(in);
    scenario = properties::Scenario::from_json(file);
    if (!catalogue.find(scenario.api))
      throw std::runtime_error("/api: no API " + scenario.api + " in the catalogue");
  } catch (const std::exception& e) {
    std::cerr << "cloudconform replay: " << options.file << ": " << e.what() << "\n";
    return 2;
  }

  std::unique_ptr<emu::Emulator> emulator;
  target::TargetConfig cfg;
  try {
    if (options.endpoint.empty()) {
      emu::EmulatorOptions eo;
      eo.transition_time = std::chrono::milliseconds(options.transition_ms);
      eo.deviations = options.deviations;
      emulator = std::make_unique<emu::Emulator>(catalogue, eo);
      emulator->start();
      cfg = config_for(catalogue, emulator->base_url(), emu::default_account());
      cfg.kind = "embedded-emulator";
      cfg.name = "cloudconform reference emulator";
      cfg.control_plane = emulator->base_url();
    } else {
      cfg = config_for(catalogue, options.endpoint, emu::default_account());
      cfg.kind = "emulator";
      cfg.name = options.endpoint;
      core::HttpClient http(
          core::HttpOptions{std::chrono::milliseconds(2000), std::chrono::milliseconds(5000)});
      core::HttpResponse r =
          http.send({"GET", options.endpoint + "/_cloudconform/v1/info", {}, ""});
      if (r.received() && r.status == 200) cfg.control_plane = options.endpoint;
    }
  } catch (const std::exception& e) {
    std::cerr << "cloudconform replay: cannot start the target: " << e.what() << "\n";
    return 2;
  }
  cfg.settle_timeout = std::chrono::milliseconds(options.settle_ms);
  target::Target target(catalogue, cfg, core::system_context());
  std::vector<json> exchanges;
  target.set_transcript(&exchanges);

  std::cout << "replay " << options.file << " against " << cfg.name << "\n";
  if (file.contains("case")) std::cout << "case " << file["case"].get<std::string>() << "\n";
  int status = 0;
  try {
    // The stage the property ran in: rate limits off, and the transition time it used.
    std::optional<long long> transition;
    if (file.contains("/stage/transition_ms"_json_pointer))
      transition = file["/stage/transition_ms"_json_pointer].get<long long>();
    properties::PropertyStage stage(target, transition);
    properties::RunnerOptions ro;
    ro.unpaced = stage.unpaced();
    ro.wait_bound = std::chrono::milliseconds(file.value("wait_bound_ms", 2000));
    ro.poll = std::chrono::milliseconds(10);
    ro.transcript = &exchanges;
    properties::ScenarioRunner runner(catalogue, target, ro);
    std::cout << "arrange:";
    for (const auto& i : scenario.instances) std::cout << " " << i.label << "=" << i.state;
    std::cout << "\n";
    runner.arrange(scenario);
    exchanges.clear();  // arranging goes through the control plane, not the API
    int n = 0;
    for (const auto& step : scenario.steps) {
      std::cout << "step " << ++n << ": " << runner.bind(step).dump() << "\n";
      const properties::StepResult r = runner.step(step);
      print_exchanges(exchanges);
      std::cout << "  = " << r.printout.dump() << "\n";
      if (!r.agrees) {
        std::cout << "DISAGREES with the model: " << r.message << "\n";
        status = 1;
        break;
      }
      std::cout << "  agrees (" << r.outcome_class << ")\n";
    }
  } catch (const target::HarnessError& e) {
    std::cerr << "cloudconform replay: harness error: " << e.what() << "\n";
    status = 2;
  }
  if (status == 0) std::cout << "the target agrees with the model on every step\n";
  if (emulator) emulator->stop();
  return status;
}

ReplayCommand::ReplayCommand(CLI::App& app) : options_(std::make_shared<ReplayOptions>()) {
  sub_ = app.add_subcommand(
      "replay", "re-run a property's replay file (results/replays/<case>.json) and judge it");
  sub_->add_option("FILE", options_->file, "the replay file")->required();
  sub_->add_option("--endpoint", options_->endpoint,
                   "base URL of an external target instead of the embedded emulator");
  sub_->add_option("--fixtures", options_->fixtures_dir,
                   "fixtures directory (default: the source tree's)");
  sub_->add_option("--deviation", options_->deviations, "make the embedded emulator deviate");
  sub_->add_option("--transition-ms", options_->transition_ms,
                   "embedded emulator: duration of STOPPING/STARTING")
      ->capture_default_str();
  sub_->add_option("--settle-ms", options_->settle_ms,
                   "how long an instance may take to reach its final state")
      ->capture_default_str();
}

std::optional<int> ReplayCommand::run() const {
  if (!*sub_) return std::nullopt;
  return replay(*options_);
}

}  // namespace cc::suites
