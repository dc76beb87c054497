#pragma once
// Credentials as users already keep them for the official SDKs and CLIs: the SDKs' environment
// variables first, then the CLIs' own files, selected by a profile name. Never from target files
// or the command line, so a secret never sits in a file the suite writes or a shell history.
// Each provider module reads its own sources (Provider::credentials); what they share is here.
#include <functional>
#include <optional>
#include <string>

#include "harness/core/api_client.h"
#include "harness/core/json_reader.h"

namespace cc::provider {

// Reads one environment variable; nullopt when unset. A parameter, not getenv, so tests give
// their own environment.
using Environment = std::function<std::optional<std::string>(const std::string&)>;
Environment process_environment();

struct CredentialLookup {
  Environment env;
  std::string home;     // where the CLIs keep their files (tests: a temporary directory)
  std::string profile;  // CLI profile name; empty = the CLI's own default
};

struct FoundCredentials {
  core::Credentials credentials;
  std::string source;  // "environment" or the file it came from: for messages, never the secret
};

// The prefix of every credentials DataError ("[credentials.incomplete] …").
inline constexpr const char* kCredentialsPrefix = "credentials";

// The SDKs' variables: id and secret come together or not at all (a DataError naming the one
// that is missing); the token is optional.
std::optional<FoundCredentials> from_environment(const Environment& env, const std::string& id_var,
                                                 const std::string& secret_var,
                                                 const std::string& token_var);
// Absent, null or a string; anything else names the file and pointer.
std::optional<std::string> optional_string(core::JsonReader& r, const std::string& key);
// A string that must not be empty.
std::string required_string(core::JsonReader& r, const std::string& key);

}  // namespace cc::provider
