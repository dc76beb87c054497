#pragma once
// The behaviour families. Each returns the behaviours it checks; registration makes one case
// per subject API and behaviour.
#include <regex>
#include <vector>

#include "suites/case.h"

namespace cc::suites {

std::vector<Behaviour> status_behaviours();

inline std::vector<Behaviour> all_behaviours() {
  std::vector<Behaviour> all;
  for (auto& b : status_behaviours()) all.push_back(std::move(b));
  return all;
}

}  // namespace cc::suites
