#include "harness/provider/alibaba.h"

#include <filesystem>

#include "harness/alibaba/client.h"

namespace cc::provider {

namespace {

// One profile of the aliyun CLI's config, when its mode is one the suite can use.
FoundCredentials read_profile(core::JsonReader& p, const std::string& path) {
  // AK: a long-lived key pair; StsToken: the same plus a session token. Other modes (RAM
  // role, ECS instance role, external) need a credentials service the suite does not call.
  const std::string mode = optional_string(p, "mode").value_or("AK");
  if (mode != "AK" && mode != "StsToken")
    p.fail("unsupported_mode", "mode \"" + mode + "\" is not supported; use AK or StsToken",
           "mode");
  FoundCredentials found;
  found.credentials.id = required_string(p, "access_key_id");
  found.credentials.secret = required_string(p, "access_key_secret");
  found.credentials.token = optional_string(p, "sts_token").value_or("");
  if (mode == "StsToken" && found.credentials.token.empty())
    p.fail("empty", "mode StsToken needs one", "sts_token");
  found.source = path;
  return found;
}

}  // namespace

std::unique_ptr<core::WireClient> Alibaba::make_client(core::ClientConfig config,
                                                       core::CallContext context) const {
  return std::make_unique<alibaba::Client>(std::move(config), std::move(context));
}

std::vector<std::string> Alibaba::schemes() const { return {"ACS3-HMAC-SHA256", "V2-HMAC-SHA1"}; }

std::vector<std::string> Alibaba::styles() const { return {"POST-FORM", "GET-QUERY"}; }

std::vector<SigningChoice> Alibaba::profile_signing() const {
  return {{"V3", "ACS3-HMAC-SHA256"}, {"V2", "V2-HMAC-SHA1"}};
}

std::optional<FoundCredentials> Alibaba::credentials(const CredentialLookup& lookup) const {
  if (auto e = from_environment(lookup.env, "ALIBABA_CLOUD_ACCESS_KEY_ID",
                                "ALIBABA_CLOUD_ACCESS_KEY_SECRET", "ALIBABA_CLOUD_SECURITY_TOKEN"))
    return e;
  // aliyun CLI: {"current": NAME, "profiles": [{"name", "mode", "access_key_id", ...}]}.
  const std::string path = lookup.home + "/.aliyun/config.json";
  if (!std::filesystem::exists(path)) {
    if (lookup.profile.empty()) return std::nullopt;
    throw core::DataError("[" + std::string(kCredentialsPrefix) + ".no_profile] " + path +
                          ": no aliyun config for profile \"" + lookup.profile + "\"");
  }
  const nlohmann::json doc = core::read_json_file(path, kCredentialsPrefix);
  core::JsonReader r(doc, path, kCredentialsPrefix);
  r.expect_object();
  const std::string wanted =
      lookup.profile.empty() ? optional_string(r, "current").value_or("default") : lookup.profile;
  for (core::JsonReader& p : r.array("profiles")) {
    p.expect_object();
    if (optional_string(p, "name").value_or("") == wanted) return read_profile(p, path);
  }
  throw core::DataError("[" + std::string(kCredentialsPrefix) + ".no_profile] " + path +
                        ": /profiles: no profile named \"" + wanted + "\"");
}

std::string Alibaba::credentials_hint() const {
  return "set ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET, or give an aliyun "
         "--profile";
}

// Regional endpoints: `<product>.<region>.aliyuncs.com`.
std::string Alibaba::official_host(const core::Api& api, const std::string& region) const {
  return api.product + "." + region + ".aliyuncs.com";
}

}  // namespace cc::provider
