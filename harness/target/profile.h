#pragma once
// Target profiles (fixtures/targets/README.md): which target a run talks to — the embedded
// emulator, an external emulator, a Tencent Cloud or an Alibaba Cloud account — and which
// instances the suite may touch there. Credentials are never in a profile: they come from
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
  TargetConfig config;    // kind, name, endpoints, regions, scheme, allowlist
  std::string probe_url;  // an emulator whose control plane is to be probed at /info; empty = none
  std::map<std::string, std::vector<AllowedInstance>> instances;  // by API id or product
  std::string tencent_source, alibaba_source;  // where the credentials came from (never the secret)

  // Tencent and Alibaba accounts: real instances, real bills.
  bool real_account() const { return config.kind == "tencent" || config.kind == "alibaba"; }
};

// Reads and validates a profile; every problem is a core::DataError naming the file and JSON
// pointer (unknown key, unknown kind, an instance id that does not fit its API's pattern…).
Profile load_profile(const std::string& path, const core::Catalogue& catalogue);

// Fills the profile's credentials from `lookup` (environment first, then the CLI profile).
// A real account without credentials for its provider is a DataError; an emulator keeps
// `emulator_tencent`/`emulator_alibaba` (its well-known, non-secret keys) for what is not found.
void apply_credentials(Profile& profile, const CredentialLookup& lookup,
                       const core::Credentials& emulator_tencent,
                       const core::Credentials& emulator_alibaba);

}  // namespace cc::target
