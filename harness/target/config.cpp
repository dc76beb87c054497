#include "harness/target/config.h"

#include <utility>

namespace cc::target {

TargetConfig with_accounts(TargetConfig cfg, const provider::Registry& providers) {
  // The deprecated fields (TargetConfig::tencent, ::alibaba), by the modules they belong to.
  const std::pair<std::string, const core::Credentials*> deprecated[] = {{"tencent", &cfg.tencent},
                                                                         {"alibaba", &cfg.alibaba}};
  for (const auto& [name, credentials] : deprecated)
    if (!credentials->id.empty() && cfg.accounts[name].credentials.id.empty())
      cfg.accounts[name].credentials = *credentials;
  for (const provider::Provider* p : providers.all()) {
    provider::Account& a = cfg.accounts[p->name()];
    if (a.region.empty()) a.region = p->default_region();
  }
  return cfg;
}

}  // namespace cc::target
