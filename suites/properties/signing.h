#pragma once
// Signed requests built by the harness itself, sent as they are or with one byte changed in a
// signed part: the signing properties look at the wire, below what Target::call offers.
#include <nlohmann/json.hpp>

#include <memory>
#include <string>

#include "harness/core/wire_client.h"
#include "harness/target/target.h"

namespace cc::suites::properties {

class SigningClient {
 public:
  SigningClient(const target::Target& target, const core::Api& api);
  core::HttpRequest build(const nlohmann::json& params, const core::CallStyle& style);
  core::Outcome send(const core::HttpRequest& request, std::vector<nlohmann::json>* transcript);

 private:
  const core::Api& api_;
  std::unique_ptr<core::WireClient> client_;
  core::HttpClient http_;
};

// Changes one byte of a signed part of the request — a character of the signature itself
// ("signature"), or of the instance id `marker` among the signed parameters ("id") — into
// another character of the same kind, so the request stays well formed. `position` picks
// which character (modulo how many there are). Returns what it changed, or "" when the part
// is not in the request.
std::string corrupt(core::HttpRequest& request, const std::string& part, const std::string& marker,
                    std::size_t position);

}  // namespace cc::suites::properties
