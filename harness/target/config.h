#pragma once
// What a Target is told about the target it talks to: endpoints, accounts (one per provider),
// control plane, the guards' allowlist and read-only mode, pacing and deadlines.
#include <nlohmann/json.hpp>

#include <chrono>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "harness/core/api_client.h"
#include "harness/core/catalogue.h"
#include "harness/core/http_client.h"
#include "harness/provider/provider.h"

namespace cc::target {

struct TargetConfig {
  // embedded-emulator | emulator | a provider's name (a real account of that provider)
  std::string kind = "embedded-emulator";
  std::string name;                                 // shown in reports
  std::map<std::string, core::Endpoint> endpoints;  // by product: cvm, lighthouse, ecm, ecs
  std::string control_plane;                        // base URL of /_cloudconform/v1; empty = none
  std::string control_plane_absent;  // why there is none (probe's answer), for the header
  // By provider name (provider::Provider::name): credentials, region and signing scheme. A
  // provider without an entry signs with empty credentials in its default region.
  std::map<std::string, provider::Account> accounts;
  core::HttpOptions http;
  std::chrono::milliseconds settle_timeout{30000};  // bound for reaching a final state
  std::chrono::milliseconds poll_interval{50};
  // Client-side pacing under each documented rate limit (0 = off): every family except the
  // rate-limit one stays below the limit, deterministically.
  double pace_fraction = 0.8;
  // The instances mutating calls may name, keyed by API id or product; nullopt = no limit (the
  // emulators). Enforced in Target below the suites: see Target::refuse_unless_allowed.
  std::optional<std::map<std::string, std::set<std::string>>> allowlist;
  // Allowlisted instances the profile limits to dry runs (role "dry-run"): observed and named
  // in dry-run calls only, never stopped or started.
  std::set<std::string> dry_run_only;
  // A real account without --allow-mutations: every allowlisted instance is dry-run only.
  bool read_only = false;
  // Told of every call that passed the guards, just before it is sent (`cloudconform plan`
  // counts them); `changes` lists the allowlisted instances a non-dry-run mutating call names.
  std::function<void(const core::Api& api, const nlohmann::json& params,
                     const std::vector<std::string>& changes)>
      on_call;
};

// The config with an account for every provider of `providers`, each region defaulted to the
// provider's.
TargetConfig with_accounts(TargetConfig config, const provider::Registry& providers);

}  // namespace cc::target
