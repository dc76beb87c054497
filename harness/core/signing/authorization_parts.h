#pragma once
// The Authorization header both TC3 and ACS3 send: "<SCHEME> Credential=..., SignedHeaders=...,
// Signature=...", parts separated by commas, blanks around a part ignored, other keys skipped
// (protocols.md A3, B5). One reading for both schemes; each checks its own Credential.
#include <string_view>

#include "harness/core/encoding.h"

namespace cc::core {

struct AuthorizationParts {
  bool well_formed = false;  // the scheme's prefix, then key=value parts only
  std::string_view credential, signed_headers, signature;  // views into the header
};

// A part without '=' stops the reading: the parts read before it are kept, not well formed.
inline AuthorizationParts authorization_parts(std::string_view header, std::string_view prefix) {
  AuthorizationParts a;
  if (header.substr(0, prefix.size()) != prefix) return a;
  const std::string_view rest = header.substr(prefix.size());
  size_t pos = 0;
  while (pos < rest.size()) {
    const size_t comma = rest.find(',', pos);
    const std::string_view part =
        trimmed(rest.substr(pos, comma == std::string_view::npos ? rest.npos : comma - pos));
    pos = comma == std::string_view::npos ? rest.size() : comma + 1;
    const size_t eq = part.find('=');
    if (eq == std::string_view::npos) return a;
    const std::string_view key = part.substr(0, eq), value = part.substr(eq + 1);
    if (key == "Credential")
      a.credential = value;
    else if (key == "SignedHeaders")
      a.signed_headers = value;
    else if (key == "Signature")
      a.signature = value;
  }
  a.well_formed = true;
  return a;
}

}  // namespace cc::core
