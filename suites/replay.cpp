#include "suites/replay.h"

#include <fstream>
#include <iostream>

#include "emulator/emulator.h"
#include "harness/core/json_reader.h"
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

// Arranges the scenario's instances, then runs its steps in order, printing each exchange;
// stops at the first step the model disagrees with (1). A harness error is 2.
// The members the replay reads beside the scenario, checked before anything starts: a mistyped
// one is named by pointer, never a JSON library exception halfway through.
void check_run_members(const json& file) {
  auto count = [&file](const json::json_pointer& at) {
    if (file.contains(at) && !(file[at].is_number_integer() && file[at].get<long long>() >= 0))
      throw std::runtime_error(at.to_string() + ": expected a whole number of milliseconds");
  };
  count(json::json_pointer("/stage/transition_ms"));
  count(json::json_pointer("/wait_bound_ms"));
  if (file.contains("case") && !file["case"].is_string())
    throw std::runtime_error("/case: expected the case id");
}

int replay_steps(const core::Catalogue& catalogue, target::Target& target, const json& file,
                 const properties::Scenario& scenario, std::vector<json>& exchanges) {
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
  return status;
}

// The profile --target names: an emulator's (its endpoints, credentials and allowlist), never a
// real account's — a replay arranges its instances through an emulator's control plane and puts
// nothing back, which an account with real instances must not be given.
std::optional<target::Profile> replay_profile(const ReplayOptions& options,
                                              const core::Catalogue& catalogue) {
  if (options.target_file.empty()) return std::nullopt;
  if (!options.endpoint.empty())
    throw std::runtime_error("--endpoint and --target: the profile names the endpoints");
  target::Profile profile =
      read_target_profile(options.target_file, catalogue, options.cli_profile);
  if (profile.real_account())
    throw std::runtime_error(options.target_file + " is a real " + profile.config.kind +
                             " account: replay arranges its instances through an emulator's "
                             "control plane and restores nothing, so it replays against emulators "
                             "only (the run's `again:` line replays it, under the run's safety)");
  return profile;
}

}  // namespace

int replay(const ReplayOptions& options) {
  core::Catalogue catalogue;
  properties::Scenario scenario;
  json file;
  std::optional<target::Profile> profile;
  try {
    catalogue = core::load_catalogue(options.catalogue.dir + "/apis");
    // Read as every input file is: a syntax error is a line and column, not a parser's code.
    file = core::read_json_file(options.file, "replay");
    scenario = properties::Scenario::from_json(file);
    check_run_members(file);
    if (!catalogue.find(scenario.api))
      throw std::runtime_error("/api: no API " + scenario.api + " in the catalogue");
  } catch (const std::exception& e) {
    std::cerr << "cloudconform replay: " << options.file << ": " << e.what() << "\n";
    return 2;
  }
  try {  // a profile's problems name its own file (core::DataError) or say what is refused
    profile = replay_profile(options, catalogue);
  } catch (const std::exception& e) {
    std::cerr << "cloudconform replay: " << e.what() << "\n";
    return 2;
  }

  // The embedded emulator, or every product at --endpoint: the run's own make_target.
  TargetChoice choice;
  choice.profile = profile ? &*profile : nullptr;
  choice.all_url = options.endpoint;
  choice.embedded.transition_time = std::chrono::milliseconds(options.transition_ms);
  choice.embedded.deviations = options.deviations;
  choice.embedded.variations = options.variations;
  choice.embedded.latency = std::chrono::milliseconds(options.latency_ms);
  choice.cacert = options.cacert;
  MadeTarget made;
  try {
    made = make_target(catalogue, choice);
  } catch (const std::exception& e) {
    std::cerr << "cloudconform replay: cannot start the target: " << e.what() << "\n";
    return 2;
  }
  target::TargetConfig& cfg = made.config;
  cfg.settle_timeout = std::chrono::milliseconds(options.settle_ms);
  target::Target target(catalogue, cfg, core::system_context());
  std::vector<json> exchanges;
  target.set_transcript(&exchanges);

  std::cout << "replay " << options.file << " against " << cfg.name << "\n";
  if (file.contains("case")) std::cout << "case " << file["case"].get<std::string>() << "\n";
  const int status = replay_steps(catalogue, target, file, scenario, exchanges);
  if (status == 0) std::cout << "the target agrees with the model on every step\n";
  if (made.emulator) made.emulator->stop();
  return status;
}

}  // namespace cc::suites
