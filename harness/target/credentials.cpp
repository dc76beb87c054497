#include "harness/target/credentials.h"

#include <cstdlib>
#include <filesystem>

#include "harness/core/json_reader.h"

namespace cc::target {
namespace {

constexpr const char* kPrefix = "credentials";

std::optional<std::string> non_empty(const Environment& env, const std::string& name) {
  if (!env) return std::nullopt;
  auto v = env(name);
  if (v && v->empty()) return std::nullopt;
  return v;
}

// The SDKs' variables: id and secret come together or not at all; the token is optional.
std::optional<FoundCredentials> from_environment(const Environment& env, const std::string& id_var,
                                                 const std::string& secret_var,
                                                 const std::string& token_var) {
  auto id = non_empty(env, id_var);
  auto secret = non_empty(env, secret_var);
  if (!id && !secret) return std::nullopt;
  if (!id || !secret)
    throw core::DataError("[" + std::string(kPrefix) +
                          ".incomplete] environment: " + (id ? id_var : secret_var) +
                          " is set but " + (id ? secret_var : id_var) + " is not");
  return FoundCredentials{{*id, *secret, non_empty(env, token_var).value_or("")}, "environment"};
}

// Absent, null or a string; anything else names the file and pointer.
std::optional<std::string> optional_string(core::JsonReader& r, const std::string& key) {
  auto v = r.optional(key);
  if (!v) return std::nullopt;
  return v->as_string();
}

std::string required_string(core::JsonReader& r, const std::string& key) {
  std::string v = r.string(key);
  if (v.empty()) r.fail("empty", "must not be empty", key);
  return v;
}

}  // namespace

Environment process_environment() {
  return [](const std::string& name) -> std::optional<std::string> {
    const char* v = std::getenv(name.c_str());
    if (!v) return std::nullopt;
    return std::string(v);
  };
}

std::optional<FoundCredentials> tencent_credentials(const CredentialLookup& lookup) {
  if (auto e = from_environment(lookup.env, "TENCENTCLOUD_SECRET_ID", "TENCENTCLOUD_SECRET_KEY",
                                "TENCENTCLOUD_SESSION_TOKEN"))
    return e;
  // tccli: one file per profile, {"secretId", "secretKey", "token"} (and keys of its own).
  const std::string profile = lookup.profile.empty() ? "default" : lookup.profile;
  const std::string path = lookup.home + "/.tccli/" + profile + ".credential";
  if (!std::filesystem::exists(path)) {
    if (lookup.profile.empty()) return std::nullopt;
    throw core::DataError("[" + std::string(kPrefix) + ".no_profile] " + path +
                          ": no tccli profile \"" + profile + "\"");
  }
  const nlohmann::json doc = core::read_json_file(path, kPrefix);
  core::JsonReader r(doc, path, kPrefix);
  r.expect_object();
  FoundCredentials found;
  found.credentials.id = required_string(r, "secretId");
  found.credentials.secret = required_string(r, "secretKey");
  found.credentials.token = optional_string(r, "token").value_or("");
  found.source = path;
  // No r.done(): the file belongs to tccli, which keeps more in it than we read.
  return found;
}

std::optional<FoundCredentials> alibaba_credentials(const CredentialLookup& lookup) {
  if (auto e = from_environment(lookup.env, "ALIBABA_CLOUD_ACCESS_KEY_ID",
                                "ALIBABA_CLOUD_ACCESS_KEY_SECRET", "ALIBABA_CLOUD_SECURITY_TOKEN"))
    return e;
  // aliyun CLI: {"current": NAME, "profiles": [{"name", "mode", "access_key_id", ...}]}.
  const std::string path = lookup.home + "/.aliyun/config.json";
  if (!std::filesystem::exists(path)) {
    if (lookup.profile.empty()) return std::nullopt;
    throw core::DataError("[" + std::string(kPrefix) + ".no_profile] " + path +
                          ": no aliyun config for profile \"" + lookup.profile + "\"");
  }
  const nlohmann::json doc = core::read_json_file(path, kPrefix);
  core::JsonReader r(doc, path, kPrefix);
  r.expect_object();
  const std::string wanted =
      lookup.profile.empty() ? optional_string(r, "current").value_or("default") : lookup.profile;
  for (core::JsonReader& p : r.array("profiles")) {
    p.expect_object();
    if (optional_string(p, "name").value_or("") != wanted) continue;
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
  throw core::DataError("[" + std::string(kPrefix) + ".no_profile] " + path +
                        ": /profiles: no profile named \"" + wanted + "\"");
}

std::string masked_id(const std::string& id) {
  if (id.size() <= 8) return std::string(id.size(), '*');
  return id.substr(0, 4) + "..." + id.substr(id.size() - 4);
}

}  // namespace cc::target
