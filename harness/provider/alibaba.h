#pragma once
// The Alibaba Cloud module: ECS RPC (signature V3 ACS3-HMAC-SHA256, V2 HMAC-SHA1), the aliyun
// CLI's credentials, the regional `<product>.<region>.aliyuncs.com` hosts.
#include "harness/provider/provider.h"

namespace cc::provider {

class Alibaba : public Provider {
 public:
  std::string name() const override { return "alibaba"; }
  std::string display_name() const override { return "Alibaba"; }
  std::pair<std::string, std::string> key_names() const override {
    return {"AccessKeyId", "AccessKeySecret"};
  }
  std::unique_ptr<core::WireClient> make_client(core::ClientConfig config,
                                                core::CallContext context) const override;
  std::vector<std::string> schemes() const override;
  std::vector<std::string> styles() const override;
  std::string default_region() const override { return "cn-hangzhou"; }
  std::vector<SigningChoice> profile_signing() const override;
  std::optional<FoundCredentials> credentials(const CredentialLookup& lookup) const override;
  std::string credentials_hint() const override;
  std::string identity_key() const override { return "alibaba_access_key_id"; }
  std::string official_host(const core::Api& api, const std::string& region) const override;
};

}  // namespace cc::provider
