// The cloudconform command: run the suites, serve the emulator, read results, check the
// catalogue.
#include <CLI/CLI.hpp>

#include <csignal>
#include <iostream>

#include "emulator/emulator.h"
#include "harness/alibaba/client.h"
#include "harness/core/catalogue.h"
#include "harness/core/encoding.h"
#include "harness/core/json_reader.h"
#include "harness/tencent/client.h"
#include "reports/commands.h"
#include "suites/replay.h"
#include "suites/runner.h"

namespace {

int emulate(const std::string& listen, const std::string& fixtures,
            const std::vector<std::string>& deviations, long transition_ms, bool rate_limits,
            const std::vector<std::string>& overrides, const std::vector<std::string>& accounts,
            const std::vector<std::string>& variations, long latency_ms) {
  const size_t colon = listen.rfind(':');
  if (colon == std::string::npos) {
    std::cerr << "cloudconform emulate: --listen wants ADDRESS:PORT, e.g. 127.0.0.1:0\n";
    return 2;
  }
  const std::string port = listen.substr(colon + 1);
  if (port.empty() || port.size() > 5 ||
      port.find_first_not_of("0123456789") != std::string::npos || std::stoul(port) > 65535) {
    std::cerr << "cloudconform emulate: \"" << port
              << "\" is not a port (0-65535; 0 picks a free one)\n";
    return 2;
  }
  cc::core::Catalogue catalogue = cc::core::load_catalogue(fixtures + "/apis");
  cc::emu::EmulatorOptions o;
  o.address = listen.substr(0, colon);
  o.port = static_cast<std::uint16_t>(std::stoul(port));
  o.deviations = deviations;
  o.variations = variations;
  o.latency = std::chrono::milliseconds(latency_ms);
  try {
    cc::emu::Variations checked(variations);  // an unknown name is bad usage, with the list
  } catch (const std::invalid_argument& e) {
    std::cerr << "cloudconform emulate: " << e.what() << "\n";
    return 2;
  }
  o.transition_time = std::chrono::milliseconds(transition_ms);
  o.rate_limits = rate_limits;
  for (const auto& spec : accounts) {
    const std::vector<std::string> f = cc::core::split(spec, ':');
    if (f.size() != 5 || f[0].empty() || (f[1].empty() != f[2].empty()) ||
        (f[3].empty() != f[4].empty())) {
      std::cerr << "cloudconform emulate: --account wants "
                   "ALIAS:TENCENT_ID:TENCENT_KEY:ALIBABA_ID:ALIBABA_SECRET\n";
      return 2;
    }
    o.accounts.push_back({f[0], f[1], f[2], f[3], f[4]});
  }
  for (const auto& spec : overrides) {
    const size_t eq = spec.find('=');
    char* end = nullptr;
    const double v = eq == std::string::npos ? 0 : std::strtod(spec.c_str() + eq + 1, &end);
    if (eq == std::string::npos || !catalogue.find(spec.substr(0, eq)) || *end != '\0') {
      std::cerr << "cloudconform emulate: --rate-limit wants API=N with an API id of the "
                   "catalogue, not \""
                << spec << "\"\n";
      return 2;
    }
    o.rate_limit_overrides[spec.substr(0, eq)] = v;
  }
  // Block the signals before any thread starts, then wait for one: a clean stop on Ctrl-C.
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
  cc::emu::Emulator emulator(catalogue, o);
  try {
    emulator.start();
  } catch (const std::exception& e) {
    std::cerr << "cloudconform emulate: cannot listen on " << listen << ": " << e.what() << "\n";
    return 2;
  }
  const cc::emu::Account a = cc::emu::default_account();
  std::cout << "cloudconform emulator listening on " << emulator.base_url() << "\n"
            << "  Tencent SecretId " << a.tencent_secret_id << "  SecretKey "
            << a.tencent_secret_key << "\n"
            << "  Alibaba AccessKeyId " << a.alibaba_access_key_id << "  AccessKeySecret "
            << a.alibaba_access_key_secret << "\n"
            << "  control plane " << emulator.base_url() << "/_cloudconform/v1/info\n"
            << std::flush;
  int sig = 0;
  sigwait(&set, &sig);
  emulator.stop();
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"cloudconform: conformance suite for cloud \"stop instances\" APIs"};
  app.require_subcommand(1);
  const std::string default_fixtures = CLOUDCONFORM_FIXTURES_DIR;
  auto replay_cmd = cc::suites::add_replay_command(app);

  cc::suites::RunOptions run_opts;
  long transition_ms = 300, settle_ms = 30000, request_timeout_ms = 15000, case_timeout_ms = 120000;
  auto* run =
      app.add_subcommand("run", "run the suites (default target: the embedded reference emulator)");
  run->add_option("--out", run_opts.out_dir, "directory for results.json")->capture_default_str();
  run->add_option("--fixtures", run_opts.fixtures_dir,
                  "fixtures directory (default: the source tree's)");
  run->add_option("--endpoint", run_opts.endpoints,
                  "URL: an external emulator instead of the embedded one; PRODUCT=URL (cvm, "
                  "lighthouse, ecm, ecs): "
                  "where that product is reached (with --target: official Host kept)");
  run->add_option("--deviation", run_opts.deviations,
                  "make the embedded emulator deviate (negative controls)");
  run->add_option("--transition-ms", transition_ms,
                  "embedded emulator: duration of STOPPING/STARTING")
      ->capture_default_str();
  run->add_option("--variation", run_opts.variations,
                  "embedded emulator: a behaviour the documents allow (emulate --list-variations); "
                  "the run must stay conformant");
  run->add_option(
         "--latency-ms", run_opts.latency_ms,
         "embedded emulator: hold every cloud-API answer this long (a region's round trip)")
      ->check(CLI::Range(0L, 600000L))
      ->capture_default_str();
  run->add_option("--settle-ms", settle_ms,
                  "how long an instance may take to reach its final state")
      ->capture_default_str();
  run->add_option("--request-timeout-ms", request_timeout_ms,
                  "each HTTP request to the target, connect included")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  run->add_option("--case-timeout-ms", case_timeout_ms,
                  "each case: once passed, its next call ends it as a harness error")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  run->add_option("--expectations", run_opts.expectations_file,
                  "known failures of this target (fixtures/expectations/<target>.json): expected "
                  "failures keep the run conformant");
  run->add_option("--only", run_opts.only,
                  "run only these cases: ids or globs, ':'-separated, '-' excludes (e.g. "
                  "'*.RejectsDuplicateIds')");
  run->add_option("--target", run_opts.target_file,
                  "a target profile (fixtures/targets/README.md): an emulator or a real account");
  run->add_option("--profile", run_opts.cli_profile,
                  "tccli / aliyun CLI profile for the credentials (after the environment)");
  run->add_flag("--allow-mutations", run_opts.allow_mutations,
                "let a real account's allowlisted instances be stopped and started");
  run->add_option("--gate", run_opts.gate,
                  "what fails the run (exit 1): must = a failed MUST assertion; should = a "
                  "deviation from a SHOULD too")
      ->capture_default_str();
  run->add_option("--include", run_opts.include, "opt-in families on a real account: rate-limits");
  run->allow_extras();  // --gtest_* flags pass through to GoogleTest

  cc::suites::RunOptions plan_opts;
  plan_opts.rehearse = true;
  auto* plan = app.add_subcommand(
      "plan",
      "print the calls a run against a target profile would make, and how long the "
      "documented rate limits make it take, without contacting the target");
  plan->add_option("--target", plan_opts.target_file, "the target profile")->required();
  plan->add_option("--only", plan_opts.only, "as for run");
  plan->add_option("--include", plan_opts.include, "as for run: rate-limits");
  plan->add_flag("--allow-mutations", plan_opts.allow_mutations,
                 "plan the mutating run (default: the read-only one)");
  plan->add_option("--fixtures", plan_opts.fixtures_dir,
                   "fixtures directory (default: the source tree's)");

  std::string list_fixtures;
  bool list_provenance = false;
  auto* list =
      app.add_subcommand("list", "print every case (id, family, level) without running anything");
  list->add_option("--fixtures", list_fixtures, "fixtures directory (default: the source tree's)");
  list->add_flag("--provenance", list_provenance, "also print the passages each case rests on");

  std::string listen = "127.0.0.1:0", emu_fixtures = default_fixtures;
  std::vector<std::string> emu_deviations, emu_rate_limits;
  long emu_transition = 300;
  bool emu_no_limits = false, list_deviations = false, list_variations = false;
  std::vector<std::string> emu_variations;
  long emu_latency = 0;
  auto* em = app.add_subcommand("emulate", "serve the reference emulator");
  em->add_option("--rate-limit", emu_rate_limits,
                 "API=N: calls per second for an API (0 = unlimited)");
  em->add_flag("--no-rate-limits", emu_no_limits, "serve without the documented rate limits");
  std::vector<std::string> emu_accounts;
  em->add_option(
      "--account", emu_accounts,
      "ALIAS:TENCENT_SECRET_ID:TENCENT_SECRET_KEY:ALIBABA_ACCESS_KEY_ID:ALIBABA_ACCESS_KEY_SECRET, "
      "an extra account with its own instances and rate budgets");
  em->add_flag("--list-deviations", list_deviations,
               "list the deviations and what each breaks, then exit");
  em->add_option("--listen", listen, "ADDRESS:PORT (port 0 picks a free one)")
      ->capture_default_str();
  em->add_option("--fixtures", emu_fixtures, "fixtures directory");
  em->add_option("--deviation", emu_deviations, "deviate from the documents (negative controls)");
  em->add_option("--transition-ms", emu_transition, "duration of STOPPING/STARTING")
      ->capture_default_str();
  em->add_option("--variation", emu_variations,
                 "a behaviour the documents allow, which the suite must accept");
  em->add_flag("--list-variations", list_variations,
               "list the variations and what each shows, then exit");
  em->add_option("--latency-ms", emu_latency,
                 "hold every cloud-API answer this long (a region's round trip)")
      ->check(CLI::Range(0L, 600000L))
      ->capture_default_str();

  auto* report = app.add_subcommand("report", "read, write, compare and merge results files");
  auto report_commands = cc::reports::add_report_commands(*report);

  std::string sign_api, sign_params = "{}", sign_endpoint, sign_style, sign_scheme;
  auto* sign = app.add_subcommand(
      "sign", "print a signed request for the emulator's default account (benchmarks, debugging)");
  sign->add_option("--api", sign_api, "catalogue id, e.g. TencentCvmDescribeInstances")->required();
  sign->add_option("--params", sign_params, "the API parameters as a JSON object")
      ->capture_default_str();
  sign->add_option("--endpoint", sign_endpoint,
                   "base URL the request goes to, e.g. http://127.0.0.1:8080")
      ->required();
  sign->add_option("--style", sign_style,
                   "POST-JSON | GET-QUERY | POST-FORM (default: the provider's)");
  sign->add_option("--scheme", sign_scheme,
                   "signing scheme (default: TC3-HMAC-SHA256 / ACS3-HMAC-SHA256)");

  std::string cat_fixtures = default_fixtures, shared = CLOUDCONFORM_SHARED_DIR;
  auto* cat = app.add_subcommand("catalogue", "check the API catalogue and its provenance");
  cat->add_option("--fixtures", cat_fixtures, "fixtures directory");
  cat->add_option("--shared", shared,
                  "directory with seeds/ and reference/ to check passages against");

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : 2;
  }

  try {
    if (auto rc = replay_cmd.run()) return *rc;
    if (*run) {
      run_opts.transition_time = std::chrono::milliseconds(transition_ms);
      run_opts.settle_timeout = std::chrono::milliseconds(settle_ms);
      run_opts.request_timeout = std::chrono::milliseconds(request_timeout_ms);
      run_opts.case_timeout = std::chrono::milliseconds(case_timeout_ms);
      for (const auto& extra : run->remaining()) {
        if (extra.rfind("--gtest_", 0) != 0) {
          std::cerr << "cloudconform run: unknown argument " << extra << "\n";
          return 2;
        }
        run_opts.gtest_args.push_back(extra);
      }
      return cc::suites::run(run_opts);
    }
    if (*plan) return cc::suites::run(plan_opts);
    if (*list) return cc::suites::list(list_fixtures, list_provenance);
    if (*em && list_deviations) {
      for (const auto& d : cc::emu::known_deviations())
        std::cout << d.name << "\t" << d.breaks << "\n";
      return 0;
    }
    if (*em && list_variations) {
      for (const auto& v : cc::emu::known_variations())
        std::cout << v.name << "\t" << v.allows << "\n";
      return 0;
    }
    if (*em)
      return emulate(listen, emu_fixtures, emu_deviations, emu_transition, !emu_no_limits,
                     emu_rate_limits, emu_accounts, emu_variations, emu_latency);
    if (auto status = report_commands->run()) return *status;
    if (*sign) {
      cc::core::Catalogue c = cc::core::load_catalogue(default_fixtures + "/apis");
      const cc::core::Api* api = c.find(sign_api);
      if (!api) {
        std::cerr << "cloudconform sign: no API " << sign_api << " in the catalogue\n";
        return 2;
      }
      const nlohmann::json params = nlohmann::json::parse(sign_params, nullptr, false);
      if (params.is_discarded() || !params.is_object()) {
        std::cerr << "cloudconform sign: --params must be a JSON object\n";
        return 2;
      }
      const cc::emu::Account a = cc::emu::default_account();
      auto endpoint = [&](const cc::core::Api& x) {
        return cc::core::Endpoint{sign_endpoint, x.hosts.front()};
      };
      cc::core::HttpRequest req;
      if (api->provider == "tencent") {
        cc::tencent::Client client(
            {{a.tencent_secret_id, a.tencent_secret_key, ""}, "ap-guangzhou", endpoint, {}},
            cc::core::system_context());
        req = client.build(*api, params, {sign_style, sign_scheme});
      } else {
        cc::alibaba::Client client({{a.alibaba_access_key_id, a.alibaba_access_key_secret, ""},
                                    "cn-hangzhou",
                                    endpoint,
                                    {}},
                                   cc::core::system_context());
        req = client.build(*api, params, {sign_style, sign_scheme});
      }
      nlohmann::json headers = nlohmann::json::object();
      for (const auto& [k, v] : req.headers) headers[k] = v;
      std::cout << nlohmann::json{{"method", req.method},
                                  {"url", req.url},
                                  {"headers", headers},
                                  {"body", req.body}}
                       .dump()
                << "\n";
      return 0;
    }
    if (*cat) {
      cc::core::Catalogue c = cc::core::load_catalogue(cat_fixtures + "/apis");
      auto problems = cc::core::verify_provenance(c, shared);
      for (const auto& p : problems) std::cout << p << "\n";
      std::cout << c.apis.size() << " APIs, " << c.subjects().size() << " subjects; "
                << problems.size() << " provenance problems\n";
      return problems.empty() ? 0 : 1;
    }
  } catch (const cc::core::DataError& e) {
    std::cerr << "cloudconform: " << e.what() << "\n";
    return 2;
  } catch (const std::exception& e) {
    std::cerr << "cloudconform: " << e.what() << "\n";
    return 2;
  }
  return 2;
}
