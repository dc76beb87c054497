#pragma once
// One provider module: everything the harness knows about Tencent Cloud or Alibaba Cloud that
// is not product data (products, hosts, id formats and actions come from the catalogue alone).
// The rest of the harness asks a Registry for the module the catalogue names (Api::provider) and
// never tests a provider's name itself.
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "harness/core/api_client.h"
#include "harness/core/catalogue.h"
#include "harness/core/wire_client.h"
#include "harness/provider/credentials.h"

namespace cc::provider {

// One provider's account on a target: what its calls are signed with and where they go.
struct Account {
  core::Credentials credentials;
  std::string region;  // empty = the provider's default region (Provider::default_region)
  std::string scheme;  // signing scheme when a call names none; empty = the provider's default
};

// A profile's choice of signing ("signing": "V3") and the scheme it means.
struct SigningChoice {
  std::string name;    // as a target profile spells it
  std::string scheme;  // the scheme the client signs with
};

class Provider {
 public:
  virtual ~Provider() = default;

  // As the catalogue spells it (Api::provider) and a target profile's "kind" names an account.
  virtual std::string name() const = 0;
  // For people: the provider's name and what its SDKs call a key's id and secret.
  virtual std::string display_name() const = 0;
  virtual std::pair<std::string, std::string> key_names() const = 0;

  // The adapter that signs, sends and reads this provider's calls. A WireClient, so callers that
  // only print the signed request (`cloudconform sign`, replays) can build() without sending.
  virtual std::unique_ptr<core::WireClient> make_client(core::ClientConfig config,
                                                        core::CallContext context) const = 0;

  // Signing schemes and request styles the adapter knows; the first of each is its default.
  virtual std::vector<std::string> schemes() const = 0;
  virtual std::vector<std::string> styles() const = 0;
  std::string default_scheme() const { return schemes().front(); }
  std::string default_style() const { return styles().front(); }
  // The region calls name when the target names none (an emulator answers any).
  virtual std::string default_region() const = 0;
  // What a target profile may give as "signing"; the first is the default. Empty: a profile of
  // this provider names no signing (its calls use default_scheme()).
  virtual std::vector<SigningChoice> profile_signing() const { return {}; }

  // Where users keep this provider's credentials (the SDKs' environment variables, the CLI's
  // files). nullopt when there are none; core::DataError when what is there is malformed.
  virtual std::optional<FoundCredentials> credentials(const CredentialLookup& lookup) const = 0;
  // How a user provides them, for the message when a real account has none.
  virtual std::string credentials_hint() const = 0;
  // The key naming the credentials' id in a run's target identity (results.json).
  virtual std::string identity_key() const = 0;

  // The official host of an API's product in a region (a real account's endpoint).
  virtual std::string official_host(const core::Api& api, const std::string& region) const = 0;
};

// The provider modules a run knows, by name. A value, not a global: whoever needs providers is
// given a Registry (builtin() for the two this project ships).
class Registry {
 public:
  Registry() = default;
  explicit Registry(std::vector<std::shared_ptr<const Provider>> modules);

  // nullptr when no module has that name.
  const Provider* find(std::string_view name) const;
  // Throws core::DataError naming the provider when no module has that name.
  const Provider& at(std::string_view name) const;
  std::vector<const Provider*> all() const;
  // "tencent, alibaba": for messages listing what is known.
  std::string names() const;

 private:
  std::vector<std::shared_ptr<const Provider>> modules_;
};

// The modules built into cloudconform (Tencent Cloud, Alibaba Cloud): a constant table.
const Registry& builtin();

}  // namespace cc::provider
