#pragma once
// The behaviour families. Each returns the behaviours it checks; registration makes one case
// per subject API and behaviour.
#include <regex>
#include <vector>

#include "suites/case.h"

namespace cc::suites {

std::vector<Behaviour> status_behaviours();
std::vector<Behaviour> batch_and_dry_run_behaviours();
std::vector<Behaviour> authentication_behaviours(const core::Catalogue& catalogue);
std::vector<Behaviour> rate_limit_behaviours(const core::Catalogue& catalogue);

inline std::vector<Behaviour> all_behaviours(const core::Catalogue& catalogue) {
  std::vector<Behaviour> all;
  // The rate-limit family runs last for each API: it spends that API's budget.
  for (auto family : {status_behaviours(), batch_and_dry_run_behaviours(), authentication_behaviours(catalogue),
                      rate_limit_behaviours(catalogue)})
    for (auto& b : family) all.push_back(std::move(b));
  return all;
}

}  // namespace cc::suites
