#pragma once
// Getting instances into the state a case needs, and putting the allowlisted ones back at the
// end of a run. Everything goes through Target, so the guards apply to every call made here.
#include <set>
#include <string>
#include <vector>

#include "harness/core/catalogue.h"

namespace cc::target {

class Target;
struct Arrangement;
struct Restoration;

class Arranger {
 public:
  Arranger(Target& target, const core::Catalogue& catalogue)
      : target_(target), catalogue_(catalogue) {}

  // See Target::arrange.
  Arrangement arrange(const core::Api& api, const std::string& state,
                      const std::vector<std::string>& attributes, int count,
                      const std::set<std::string>& taken);
  // Waits for the instance to settle, then stops or starts it to reach `state` (RUNNING or
  // STOPPED) and waits for that; HarnessError when it cannot.
  void bring(const core::Api& api, const std::string& id, const std::string& state);
  // Each allowlisted instance a mutating call named, brought back to its first state.
  std::vector<Restoration> restore();

 private:
  // Why the public APIs cannot arrange this (only a control plane can); empty when they can.
  std::string beyond_public_apis(const std::string& state,
                                 const std::vector<std::string>& attributes) const;
  std::vector<std::string> candidates(const core::Api& api,
                                      const std::set<std::string>& taken) const;
  Arrangement pick(const core::Api& api, const std::string& state,
                   const std::vector<std::string>& candidates, int count);

  Target& target_;
  const core::Catalogue& catalogue_;
};

}  // namespace cc::target
