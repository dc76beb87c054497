#pragma once
// The Alibaba Cloud ECS RPC adapter: signature V2 (HMAC-SHA1, params in the query or a form
// body) or V3 (ACS3-HMAC-SHA256, x-acs-* headers), and the error envelope
// {RequestId, HostId, Code, Message, Recommend} that arrives with a 4xx/5xx status.
#include <functional>
#include <string>

#include "harness/core/api_client.h"
#include "harness/core/http_client.h"

namespace cc::alibaba {

struct ClientConfig {
  core::Credentials credentials;
  std::string region;  // RegionId added to APIs that take it, unless the call gives one
  std::function<core::Endpoint(const core::Api&)> endpoint;
  core::HttpOptions http;
};

class Client : public core::ApiClient {
 public:
  Client(ClientConfig config, core::CallContext context);
  core::Outcome call(const core::Api& api, const nlohmann::json& params,
                     const core::CallStyle& style = {}) override;
  core::HttpRequest build(const core::Api& api, const nlohmann::json& params,
                          const core::CallStyle& style);

 private:
  ClientConfig config_;
  core::CallContext context_;
  core::HttpClient http_;
  core::Redactor redactor_;
};

core::Outcome parse_response(const core::HttpResponse& response);

}  // namespace cc::alibaba
