#include "harness/provider/credentials.h"

#include <cstdlib>

namespace cc::provider {
namespace {

std::optional<std::string> non_empty(const Environment& env, const std::string& name) {
  if (!env) return std::nullopt;
  auto v = env(name);
  if (v && v->empty()) return std::nullopt;
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

std::optional<FoundCredentials> from_environment(const Environment& env, const std::string& id_var,
                                                 const std::string& secret_var,
                                                 const std::string& token_var) {
  auto id = non_empty(env, id_var);
  auto secret = non_empty(env, secret_var);
  if (!id && !secret) return std::nullopt;
  if (!id || !secret)
    throw core::DataError("[" + std::string(kCredentialsPrefix) +
                          ".incomplete] environment: " + (id ? id_var : secret_var) +
                          " is set but " + (id ? secret_var : id_var) + " is not");
  return FoundCredentials{{*id, *secret, non_empty(env, token_var).value_or("")}, "environment"};
}

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

}  // namespace cc::provider
