#include "harness/provider/tencent.h"

#include <filesystem>

#include "harness/tencent/client.h"

namespace cc::provider {

std::unique_ptr<core::WireClient> Tencent::make_client(core::ClientConfig config,
                                                       core::CallContext context) const {
  return std::make_unique<tencent::Client>(std::move(config), std::move(context));
}

// TC3 first: the API 3.0 default. v1 signs GET or a form body (HmacSHA1 unless HmacSHA256).
std::vector<std::string> Tencent::schemes() const {
  return {"TC3-HMAC-SHA256", "HmacSHA1", "HmacSHA256"};
}

std::vector<std::string> Tencent::styles() const { return {"POST-JSON", "GET-QUERY", "POST-FORM"}; }

std::optional<FoundCredentials> Tencent::credentials(const CredentialLookup& lookup) const {
  if (auto e = from_environment(lookup.env, "TENCENTCLOUD_SECRET_ID", "TENCENTCLOUD_SECRET_KEY",
                                "TENCENTCLOUD_SESSION_TOKEN"))
    return e;
  // tccli: one file per profile, {"secretId", "secretKey", "token"} (and keys of its own).
  const std::string profile = lookup.profile.empty() ? "default" : lookup.profile;
  const std::string path = lookup.home + "/.tccli/" + profile + ".credential";
  if (!std::filesystem::exists(path)) {
    if (lookup.profile.empty()) return std::nullopt;
    throw core::DataError("[" + std::string(kCredentialsPrefix) + ".no_profile] " + path +
                          ": no tccli profile \"" + profile + "\"");
  }
  const nlohmann::json doc = core::read_json_file(path, kCredentialsPrefix);
  core::JsonReader r(doc, path, kCredentialsPrefix);
  r.expect_object();
  FoundCredentials found;
  found.credentials.id = required_string(r, "secretId");
  found.credentials.secret = required_string(r, "secretKey");
  found.credentials.token = optional_string(r, "token").value_or("");
  found.source = path;
  // No r.done(): the file belongs to tccli, which keeps more in it than we read.
  return found;
}

std::string Tencent::credentials_hint() const {
  return "set TENCENTCLOUD_SECRET_ID and TENCENTCLOUD_SECRET_KEY, or give a tccli --profile";
}

// `<service>.tencentcloudapi.com`, the catalogue's host: the nearest region answers, and the
// region itself goes in the signed request (X-TC-Region).
std::string Tencent::official_host(const core::Api& api, const std::string&) const {
  return api.hosts.front();
}

}  // namespace cc::provider
