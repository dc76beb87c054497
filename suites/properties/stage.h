#pragma once
// The property stage on a target with a control plane: its rate limits off (generated cases
// make many calls quickly) and, where asked, short transitions (so waits for eventual states
// stay within the stage's budget); the previous settings are restored afterwards.
#include <nlohmann/json.hpp>

#include <optional>
#include <string>

#include "harness/target/control_plane.h"
#include "harness/target/target.h"

namespace cc::suites::properties {

class PropertyStage {
 public:
  PropertyStage(const target::Target& target, std::optional<long long> transition_ms);
  ~PropertyStage();
  PropertyStage(const PropertyStage&) = delete;
  PropertyStage& operator=(const PropertyStage&) = delete;

  // Whether the target's rate limits are off, so calls need no client-side pacing.
  bool unpaced() const { return unpaced_; }
  // What the stage changed, for the case record.
  nlohmann::json settings() const { return settings_; }

 private:
  target::ControlPlane control_;
  nlohmann::json previous_;
  nlohmann::json settings_ = nlohmann::json::object();
  bool unpaced_ = false;
};

}  // namespace cc::suites::properties
