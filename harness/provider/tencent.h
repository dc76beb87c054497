#pragma once
// The Tencent Cloud module: API 3.0 (TC3-HMAC-SHA256, signature v1), tccli's credentials, the
// `<service>.tencentcloudapi.com` hosts the catalogue names.
#include "harness/provider/provider.h"

namespace cc::provider {

class Tencent : public Provider {
 public:
  std::string name() const override { return "tencent"; }
  std::string display_name() const override { return "Tencent"; }
  std::pair<std::string, std::string> key_names() const override {
    return {"SecretId", "SecretKey"};
  }
  std::unique_ptr<core::WireClient> make_client(core::ClientConfig config,
                                                core::CallContext context) const override;
  std::vector<std::string> schemes() const override;
  std::vector<std::string> styles() const override;
  std::string default_region() const override { return "ap-guangzhou"; }
  std::optional<FoundCredentials> credentials(const CredentialLookup& lookup) const override;
  std::string credentials_hint() const override;
  std::string identity_key() const override { return "tencent_secret_id"; }
  std::string official_host(const core::Api& api, const std::string& region) const override;
};

}  // namespace cc::provider
