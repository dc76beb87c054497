#pragma once
// The Tencent Cloud API 3.0 adapter: signs with TC3-HMAC-SHA256 (POST JSON by default, GET
// supported) or signature v1 (HmacSHA1/HmacSHA256, GET or POST form), and parses the
// {"Response": {...}} envelope, where errors arrive with HTTP 200.
#include <functional>
#include <string>

#include "harness/core/wire_client.h"

namespace cc::tencent {

using ClientConfig = core::ClientConfig;

class Client : public core::WireClient {
 public:
  Client(ClientConfig config, core::CallContext context);
  core::HttpRequest build(const core::Api& api, const nlohmann::json& params,
                          const core::CallStyle& style) override;
  core::Outcome parse(const core::HttpResponse& response) const override;

 private:
  // TC3's derived key for the last date and service signed for: three of the four HMACs of a
  // signature, the same for every call of a day to one product (the secret is the config's).
  struct DerivedKey {
    std::string date, service, key;
  };
  const std::string& derived_key(const std::string& date, const std::string& service);
  DerivedKey last_key_;
};

}  // namespace cc::tencent
