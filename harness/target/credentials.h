#pragma once
// Credentials as users already keep them for the official SDKs and CLIs: each provider module
// reads its own (provider::Provider::credentials, harness/provider/credentials.h). What the
// target adds is how an id is shown in messages.
#include <string>

#include "harness/provider/credentials.h"

namespace cc::target {

using provider::CredentialLookup;
using provider::Environment;
using provider::FoundCredentials;
using provider::process_environment;

// An id with its middle hidden ("AKID…1234"), for messages; a secret is never shown at all.
std::string masked_id(const std::string& id);

}  // namespace cc::target
