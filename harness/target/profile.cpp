#include "harness/target/profile.h"

#include <regex>
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

// Official endpoints: Tencent's `<service>.tencentcloudapi.com` (the catalogue's host, nearest
// region; the region goes in the signed request), Alibaba's regional `ecs.<region>.aliyuncs.com`.
void official_endpoints(TargetConfig& cfg, const core::Catalogue& catalogue,
                        const std::string& provider) {
  for (const core::Api& a : catalogue.apis) {
    if (a.provider != provider || cfg.endpoints.count(a.product)) continue;
    const std::string host = provider == "alibaba"
                                 ? a.product + "." + cfg.alibaba_region + ".aliyuncs.com"
                                 : a.hosts.front();
    cfg.endpoints[a.product] = core::Endpoint{"https://" + host, ""};
  }
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
    p.probe_url = urls.begin()->second;
    if (auto all = urls.find("cvm"); all != urls.end()) p.probe_url = all->second;
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
      for (const core::Api* a : apis)
        fits = fits || std::regex_match(inst.id, std::regex(a->instance_id.pattern));
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

Profile load_profile(const std::string& path, const core::Catalogue& catalogue) {
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
  } else if (kind == "tencent") {
    p.config.tencent_region = r.string("region");
    official_endpoints(p.config, catalogue, "tencent");
  } else if (kind == "alibaba") {
    p.config.alibaba_region = r.string("region");
    const std::string signing = optional_string(r, "signing").value_or("V3");
    if (signing == "V3")
      p.config.alibaba_scheme = "ACS3-HMAC-SHA256";
    else if (signing == "V2")
      p.config.alibaba_scheme = "V2-HMAC-SHA1";
    else
      r.fail("bad_value", "expected \"V2\" or \"V3\"", "signing");
    official_endpoints(p.config, catalogue, "alibaba");
  } else {
    r.fail("unknown_kind",
           "expected embedded-emulator, emulator, tencent or alibaba, found \"" + kind + "\"",
           "kind");
  }
  read_instances(p, r, catalogue);
  if (p.real_account() && !p.config.allowlist)
    r.fail("missing",
           "a real account needs \"instances\": the only instances the suite may stop or start");
  r.done();
  return p;
}

void apply_credentials(Profile& p, const CredentialLookup& lookup,
                       const core::Credentials& emulator_tencent,
                       const core::Credentials& emulator_alibaba) {
  const bool real = p.real_account();
  auto fill = [&](const std::string& provider, std::optional<FoundCredentials> found,
                  const core::Credentials& fallback, core::Credentials& into, std::string& source,
                  const std::string& how) {
    if (found) {
      into = found->credentials;
      source = found->source;
    } else if (real && p.config.kind == provider) {
      throw core::DataError("[" + std::string(kPrefix) + ".no_credentials] " + p.file +
                            ": /kind: a " + provider + " account needs credentials: " + how);
    } else {
      into = fallback;
      source = real ? "none" : "the emulator's well-known keys";
    }
  };
  // Only the provider a real account belongs to is looked up: its credentials are all it needs.
  if (!real || p.config.kind == "tencent")
    fill("tencent", tencent_credentials(lookup), emulator_tencent, p.config.tencent,
         p.tencent_source,
         "set TENCENTCLOUD_SECRET_ID and TENCENTCLOUD_SECRET_KEY, or give a tccli --profile");
  if (!real || p.config.kind == "alibaba")
    fill("alibaba", alibaba_credentials(lookup), emulator_alibaba, p.config.alibaba,
         p.alibaba_source,
         "set ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET, or give an aliyun "
         "--profile");
}

}  // namespace cc::target
