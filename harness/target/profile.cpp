#include "harness/target/profile.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>

#include "harness/core/json_reader.h"

namespace cc::target {
namespace {

constexpr const char* kPrefix = "target";

std::optional<std::string> optional_string(core::JsonReader& r, const std::string& key) {
  auto v = r.optional(key);
  if (!v) return std::nullopt;
  return v->as_string();
}

// "cacert": a private CA's PEM bundle, relative to the profile's directory, checked readable
// now so that a typo is named before any request rather than as a TLS failure of every case.
void read_ca_file(Profile& p, core::JsonReader& r) {
  const std::optional<std::string> given = optional_string(r, "cacert");
  if (!given) return;
  std::filesystem::path file(*given);
  if (file.is_relative()) file = std::filesystem::path(p.file).parent_path() / file;
  if (!std::ifstream(file)) r.fail("unreadable", "cannot read " + file.string(), "cacert");
  p.config.http.ca_file = file.string();
}

// "jobs": workers side by side (one per product at most). A real account's rate limits are its
// own, so only its owner may say how many products it can take at once.
void read_jobs(Profile& p, core::JsonReader& r) {
  if (!r.optional("jobs")) return;
  const long long jobs = r.integer("jobs");
  if (jobs < 1 || jobs > 64)
    r.fail("bad_value", "expected an integer from 1 to 64, found " + std::to_string(jobs), "jobs");
  p.jobs = static_cast<int>(jobs);
}

bool is_url(const std::string& s) {
  return s.rfind("http://", 0) == 0 || s.rfind("https://", 0) == 0;
}

std::string url_at(core::JsonReader& r, const std::string& key) {
  std::string url = r.string(key);
  if (!is_url(url))
    r.fail("bad_url", "expected an http:// or https:// URL, found \"" + url + "\"", key);
  while (!url.empty() && url.back() == '/') url.pop_back();
  return url;
}

std::set<std::string> products(const core::Catalogue& catalogue, const std::string& provider = "") {
  std::set<std::string> out;
  for (const core::Api& a : catalogue.apis)
    if (provider.empty() || a.provider == provider) out.insert(a.product);
  return out;
}

// Official endpoints, as the provider's module names them for each product in the region.
void official_endpoints(TargetConfig& cfg, const core::Catalogue& catalogue,
                        const provider::Provider& provider) {
  const std::string& region = cfg.accounts[provider.name()].region;
  for (const core::Api& a : catalogue.apis) {
    if (a.provider != provider.name() || cfg.endpoints.count(a.product)) continue;
    cfg.endpoints[a.product] = core::Endpoint{"https://" + provider.official_host(a, region), ""};
  }
}

// "a, b or c".
std::string one_of(const std::vector<std::string>& names) {
  std::string out;
  for (std::size_t i = 0; i < names.size(); ++i)
    out += (i == 0 ? "" : i + 1 == names.size() ? " or " : ", ") + names[i];
  return out;
}

// A real account of `provider`: its region, its signing (when the provider offers a choice),
// its official endpoints.
void account_settings(Profile& p, core::JsonReader& r, const core::Catalogue& catalogue,
                      const provider::Provider& provider) {
  p.provider = provider.name();
  provider::Account& account = p.config.accounts[provider.name()];
  account.region = r.string("region");
  const std::vector<provider::SigningChoice> choices = provider.profile_signing();
  if (!choices.empty()) {
    const std::string signing = optional_string(r, "signing").value_or(choices.front().name);
    std::vector<std::string> names;
    for (const auto& c : choices) {
      names.push_back("\"" + c.name + "\"");
      if (c.name == signing) account.scheme = c.scheme;
    }
    std::sort(names.begin(), names.end());
    if (account.scheme.empty()) r.fail("bad_value", "expected " + one_of(names), "signing");
  }
  official_endpoints(p.config, catalogue, provider);
}

// An emulator serves the requests as the real services get them: the official Host header, its
// own address in the URL.
void emulator_endpoints(Profile& p, core::JsonReader& r, const core::Catalogue& catalogue) {
  std::map<std::string, std::string> urls;
  if (auto all = optional_string(r, "endpoint")) {
    if (!is_url(*all))
      r.fail("bad_url", "expected an http:// or https:// URL, found \"" + *all + "\"", "endpoint");
    for (const std::string& product : products(catalogue)) urls[product] = url_at(r, "endpoint");
  }
  if (auto per = r.optional("endpoints")) {
    per->expect_object();
    const auto known = products(catalogue);
    for (const auto& [product, _] : per->value().items()) {
      if (!known.count(product))
        per->fail("unknown_product", "no API in the catalogue has product \"" + product + "\"",
                  product);
      urls[product] = url_at(*per, product);
    }
    per->done();
  }
  if (urls.empty())
    r.fail("missing",
           "an emulator needs \"endpoint\" (one URL for all) or \"endpoints\" (per product)");
  for (const core::Api& a : catalogue.apis)
    if (auto u = urls.find(a.product); u != urls.end())
      p.config.endpoints[a.product] = core::Endpoint{u->second, a.hosts.front()};
  // The control plane: "probe" (default) asks <endpoint>/_cloudconform/v1/info, "none" runs
  // without one, a URL names it.
  const std::string control = optional_string(r, "control_plane").value_or("probe");
  if (control == "probe") {
    // Any endpoint will do (one emulator serves them all): the first, by product name.
    p.probe_url = urls.begin()->second;
  } else if (is_url(control)) {
    p.config.control_plane = control;
  } else if (control != "none") {
    r.fail("bad_value", "expected \"probe\", \"none\" or a URL", "control_plane");
  }
}

void read_instances(Profile& p, core::JsonReader& r, const core::Catalogue& catalogue) {
  auto node = r.optional("instances");
  if (!node) return;
  node->expect_object();
  std::map<std::string, std::set<std::string>> allow;
  for (const auto& [key, _] : node->value().items()) {
    // The patterns the ids must fit: the API's, or those of every API of the product.
    std::vector<const core::Api*> apis;
    if (const core::Api* a = catalogue.find(key)) apis.push_back(a);
    for (const core::Api& a : catalogue.apis)
      if (a.product == key && !a.instance_id.pattern.empty()) apis.push_back(&a);
    if (apis.empty())
      node->fail("unknown_api", "neither an API id nor a product of the catalogue", key);
    for (core::JsonReader& item : node->array(key)) {
      AllowedInstance inst;
      if (item.value().is_string()) {
        inst.id = item.as_string();
      } else {
        item.expect_object();
        inst.id = item.string("id");
        inst.role = optional_string(item, "role").value_or("stop-target");
        // What the suite may do with it: stop and start it (and put it back), or only observe it
        // and name it in dry-run calls.
        if (inst.role != "stop-target" && inst.role != "dry-run")
          item.fail(
              "bad_role",
              "expected \"stop-target\" (the default) or \"dry-run\", found \"" + inst.role + "\"",
              "role");
        if (inst.role == "dry-run") p.config.dry_run_only.insert(inst.id);
        item.done();
      }
      bool fits = false;
      for (const core::Api* a : apis) fits = fits || a->instance_id.well_formed(inst.id);
      if (!fits)
        item.fail("bad_id", "\"" + inst.id + "\" does not fit the documented id pattern of " + key);
      allow[key].insert(inst.id);
      p.instances[key].push_back(inst);
    }
  }
  node->done();
  p.config.allowlist = std::move(allow);
}

}  // namespace

Profile load_profile(const std::string& path, const core::Catalogue& catalogue,
                     const provider::Registry& providers) {
  const nlohmann::json doc = core::read_json_file(path, kPrefix);
  core::JsonReader r(doc, path, kPrefix);
  r.expect_object();
  Profile p;
  p.file = path;
  p.config.kind = r.string("kind");
  p.config.name = optional_string(r, "name").value_or(path);
  const std::string& kind = p.config.kind;
  if (kind == "embedded-emulator") {
    // Nothing to read: the runner starts it.
  } else if (kind == "emulator") {
    emulator_endpoints(p, r, catalogue);
  } else if (const provider::Provider* provider = providers.find(kind)) {
    account_settings(p, r, catalogue, *provider);
  } else {
    std::vector<std::string> kinds = {"embedded-emulator", "emulator"};
    for (const provider::Provider* known : providers.all()) kinds.push_back(known->name());
    r.fail("unknown_kind", "expected " + one_of(kinds) + ", found \"" + kind + "\"", "kind");
  }
  read_instances(p, r, catalogue);
  read_ca_file(p, r);
  read_jobs(p, r);
  if (p.real_account() && !p.config.allowlist)
    r.fail("missing",
           "a real account needs \"instances\": the only instances the suite may stop or start");
  r.done();
  return p;
}

void apply_credentials(Profile& p, const CredentialLookup& lookup,
                       const std::map<std::string, core::Credentials>& emulator_keys,
                       const provider::Registry& providers) {
  const bool real = p.real_account();
  for (const provider::Provider* provider : providers.all()) {
    // Only the provider a real account belongs to is looked up: its credentials are all it needs.
    if (real && p.provider != provider->name()) continue;
    core::Credentials& into = p.config.accounts[provider->name()].credentials;
    std::string& source = p.credential_sources[provider->name()];
    if (std::optional<FoundCredentials> found = provider->credentials(lookup)) {
      into = found->credentials;
      source = found->source;
    } else if (real) {
      throw core::DataError("[" + std::string(kPrefix) + ".no_credentials] " + p.file +
                            ": /kind: a " + provider->name() +
                            " account needs credentials: " + provider->credentials_hint());
    } else {
      auto keys = emulator_keys.find(provider->name());
      into = keys == emulator_keys.end() ? core::Credentials{} : keys->second;
      source = "the emulator's well-known keys";
    }
  }
}

}  // namespace cc::target
