#pragma once
// The behaviour families. Each returns the behaviours it checks; registration makes one case
// per subject API and behaviour. Families that generate cases from the catalogue (one per
// state, attribute or enumerated parameter) take it as an argument.
#include <regex>
#include <set>
#include <vector>

#include "suites/case.h"

namespace cc::suites {

std::vector<Behaviour> status_behaviours(const core::Catalogue& catalogue);
std::vector<Behaviour> instance_error_behaviours(const core::Catalogue& catalogue);
std::vector<Behaviour> batch_behaviours(const core::Catalogue& catalogue);
std::vector<Behaviour> dry_run_behaviours(const core::Catalogue& catalogue);
std::vector<Behaviour> protocol_behaviours(const core::Catalogue& catalogue);
std::vector<Behaviour> authentication_behaviours(const core::Catalogue& catalogue);
std::vector<Behaviour> concurrency_behaviours(const core::Catalogue& catalogue);
std::vector<Behaviour> property_behaviours(const core::Catalogue& catalogue);  // suites/properties/
std::vector<Behaviour> rate_limit_behaviours(const core::Catalogue& catalogue);

inline std::vector<Behaviour> all_behaviours(const core::Catalogue& catalogue) {
  std::vector<Behaviour> all;
  // Dry runs first: on a real account (Alibaba's DryRun checks permissions and parameters) a
  // misconfiguration shows before anything is stopped. The rate-limit family runs last for each
  // API: it spends that API's budget.
  for (auto family : {dry_run_behaviours(catalogue), status_behaviours(catalogue),
                      instance_error_behaviours(catalogue), batch_behaviours(catalogue),
                      protocol_behaviours(catalogue), authentication_behaviours(catalogue),
                      concurrency_behaviours(catalogue), property_behaviours(catalogue),
                      rate_limit_behaviours(catalogue)})
    for (auto& b : family) all.push_back(std::move(b));
  return all;
}

}  // namespace cc::suites
