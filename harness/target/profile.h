#pragma once
// Target profiles (fixtures/targets/README.md): which target a run talks to — the embedded
// emulator, an external emulator, or an account of a provider (kind: the provider's name) — and
// which instances the suite may touch there. Credentials are never in a profile: they come from
// where users keep them already (credentials.h).
#include <map>
#include <string>
#include <vector>

#include "harness/core/catalogue.h"
#include "harness/target/credentials.h"
#include "harness/target/target.h"

namespace cc::target {

struct AllowedInstance {
  std::string id;
  std::string role = "stop-target";  // "stop-target": stopped and started; "dry-run": dry runs only
};

struct Profile {
  std::string file;
  TargetConfig config;    // kind, name, endpoints, accounts (region, scheme), allowlist
  std::string probe_url;  // an emulator whose control plane is to be probed at /info; empty = none
  std::map<std::string, std::vector<AllowedInstance>> instances;  // by API id or product
  // Where each provider's credentials came from (never the secret), by provider name.
  std::map<std::string, std::string> credential_sources;
  std::string provider;  // the provider of a real account; empty for an emulator
  // "jobs": how many products a run judges side by side by default (suites/parallel.h); 0 = not
  // given (a real account: 1, since its limits are the account's; an emulator: one per product).
  int jobs = 0;

  // A provider's account: real instances, real bills.
  bool real_account() const { return !provider.empty(); }
};

// Reads and validates a profile; every problem is a core::DataError naming the file and JSON
// pointer (unknown key, unknown kind, an instance id that does not fit its API's pattern…).
// A kind that names a module of `providers` is a real account of that provider.
Profile load_profile(const std::string& path, const core::Catalogue& catalogue,
                     const provider::Registry& providers = provider::builtin());

// Fills the profile's credentials from `lookup` (environment first, then the CLI profile), each
// provider's from its module. A real account without credentials for its provider is a
// DataError; an emulator keeps `emulator_keys` (its well-known, non-secret keys, by provider)
// for what is not found.
void apply_credentials(Profile& profile, const CredentialLookup& lookup,
                       const std::map<std::string, core::Credentials>& emulator_keys,
                       const provider::Registry& providers = provider::builtin());

}  // namespace cc::target
