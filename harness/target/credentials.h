#pragma once
// Credentials as users already keep them for the official SDKs and CLIs: the SDKs' environment
// variables first, then the CLIs' own files (tccli's ~/.tccli/<profile>.credential, the aliyun
// CLI's ~/.aliyun/config.json), selected by a profile name. Never from target files or the
// command line, so a secret never sits in a file the suite writes or a shell history.
#include <functional>
#include <optional>
#include <string>

#include "harness/core/api_client.h"

namespace cc::target {

// Reads one environment variable; nullopt when unset. A parameter, not getenv, so tests give
// their own environment.
using Environment = std::function<std::optional<std::string>(const std::string&)>;
Environment process_environment();

struct CredentialLookup {
  Environment env;
  std::string home;     // where .tccli/ and .aliyun/ live (tests: a temporary directory)
  std::string profile;  // CLI profile name; empty = tccli "default", aliyun's "current"
};

struct FoundCredentials {
  core::Credentials credentials;
  std::string source;  // "environment" or the file it came from: for messages, never the secret
};

// nullopt when neither the environment nor the CLI file has any. Throws core::DataError
// (naming the variable, or the file and JSON pointer) when what is there is incomplete or
// malformed, or when the named profile does not exist.
std::optional<FoundCredentials> tencent_credentials(const CredentialLookup& lookup);
std::optional<FoundCredentials> alibaba_credentials(const CredentialLookup& lookup);

// An id with its middle hidden ("AKID…1234"), for messages; a secret is never shown at all.
std::string masked_id(const std::string& id);

}  // namespace cc::target
