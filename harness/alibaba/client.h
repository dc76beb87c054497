#pragma once
// The Alibaba Cloud ECS RPC adapter: signature V2 (HMAC-SHA1, params in the query or a form
// body) or V3 (ACS3-HMAC-SHA256, x-acs-* headers), and the error envelope
// {RequestId, HostId, Code, Message, Recommend} that arrives with a 4xx/5xx status.
#include <functional>
#include <string>

#include "harness/core/wire_client.h"

namespace cc::alibaba {

using ClientConfig = core::ClientConfig;

class Client : public core::WireClient {
 public:
  Client(ClientConfig config, core::CallContext context);
  core::HttpRequest build(const core::Api& api, const nlohmann::json& params,
                          const core::CallStyle& style) override;
  core::Outcome parse(const core::HttpResponse& response) const override;
};

}  // namespace cc::alibaba
