#pragma once
// The Tencent Cloud API 3.0 adapter: signs with TC3-HMAC-SHA256 (POST JSON by default, GET
// supported) or signature v1 (HmacSHA1/HmacSHA256, GET or POST form), and parses the
// {"Response": {...}} envelope, where errors arrive with HTTP 200.
#include <functional>
#include <string>

#include "harness/core/api_client.h"
#include "harness/core/http_client.h"

namespace cc::tencent {

struct ClientConfig {
  core::Credentials credentials;
  std::string region;  // X-TC-Region; empty = not sent
  std::function<core::Endpoint(const core::Api&)> endpoint;
  core::HttpOptions http;
};

class Client : public core::ApiClient {
 public:
  Client(ClientConfig config, core::CallContext context);
  core::Outcome call(const core::Api& api, const nlohmann::json& params,
                     const core::CallStyle& style = {}) override;

  // The signed wire request, without sending it (tests and `replay` print it).
  core::HttpRequest build(const core::Api& api, const nlohmann::json& params,
                          const core::CallStyle& style);

 private:
  ClientConfig config_;
  core::CallContext context_;
  core::HttpClient http_;
  core::Redactor redactor_;
};

// Parses a Tencent envelope into the uniform outcome (also used by tests of the emulator).
core::Outcome parse_response(const core::HttpResponse& response);

}  // namespace cc::tencent
