#include "harness/target/config.h"

namespace cc::target {

TargetConfig with_accounts(TargetConfig cfg, const provider::Registry& providers) {
  for (const provider::Provider* p : providers.all()) {
    provider::Account& a = cfg.accounts[p->name()];
    if (a.region.empty()) a.region = p->default_region();
  }
  return cfg;
}

}  // namespace cc::target
