#pragma once
// Defence in depth: the suite redacts secrets before it writes results.json, and the reports
// never reintroduce any — they also hide what is secret by its very name (tokens, secret keys,
// passwords, signatures, Authorization), in case a results file was written by a careless
// suite or edited by hand. Rendering a report must never be the step that leaks a credential.
#include <nlohmann/json.hpp>

#include <string>
#include <string_view>

namespace cc::reports {

// A header, parameter or field whose value is a secret by its name: ends in secret, token,
// password, secretkey or privatekey; or is signature, authorization, cookie. Ids (SecretId,
// AccessKeyId) are not secrets.
bool sensitive_name(std::string_view name);

// Keeps the scheme, Credential and SignedHeaders of an Authorization value; the rest is ***.
std::string redact_authorization(std::string_view value);

// A JSON body's sensitive fields (at any depth) and a form body's or query's sensitive
// parameters become ***; anything else is returned as it came.
std::string redact_body(std::string_view body);
std::string redact_url(std::string_view url);

// A transcript entry {request, response} with the above applied to headers, URL and bodies.
nlohmann::json redact_exchange(const nlohmann::json& exchange);

// The target identity without any field whose name is sensitive (at any depth).
nlohmann::json public_identity(const nlohmann::json& target);

}  // namespace cc::reports
