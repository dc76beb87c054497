#include "suites/properties/stage.h"

namespace cc::suites::properties {

using nlohmann::json;

PropertyStage::PropertyStage(const target::Target& target, std::optional<long long> transition_ms)
    : control_(target.config().control_plane, target.config().http) {
  if (control_.base_url().empty()) return;
  const json cfg = control_.config();
  previous_ = {
      {"rate_limits", {{"enabled", cfg.value("/rate_limits/enabled"_json_pointer, true)}}}};
  json change = {{"rate_limits", {{"enabled", false}}}};
  if (transition_ms && cfg.contains("transition_ms")) {
    previous_["transition_ms"] = cfg["transition_ms"];
    change["transition_ms"] = *transition_ms;
  }
  control_.change_config(change);
  settings_ = change;
  unpaced_ = true;
}

PropertyStage::~PropertyStage() {
  if (previous_.is_null()) return;
  try {
    control_.change_config(previous_);
  } catch (const std::exception&) {
    // A destructor cannot report; the next case reading the config sees what is left.
  }
}

}  // namespace cc::suites::properties
