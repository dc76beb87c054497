#include "suites/properties/stage.h"

namespace cc::suites::properties {

using nlohmann::json;

PropertyStage::PropertyStage(const target::Target& target, std::optional<long long> transition_ms)
    : base_(target.config().control_plane), http_(target.config().http) {
  if (base_.empty()) return;
  core::HttpResponse r = http_.send({"GET", base_ + "/_cloudconform/v1/config", {}, ""});
  json cfg = r.received() && r.status == 200 ? json::parse(r.body, nullptr, false) : json();
  if (!cfg.is_object())
    throw target::HarnessError("control plane: cannot read /_cloudconform/v1/config");
  previous_ = {
      {"rate_limits", {{"enabled", cfg.value("/rate_limits/enabled"_json_pointer, true)}}}};
  json change = {{"rate_limits", {{"enabled", false}}}};
  if (transition_ms && cfg.contains("transition_ms")) {
    previous_["transition_ms"] = cfg["transition_ms"];
    change["transition_ms"] = *transition_ms;
  }
  post(change);
  settings_ = change;
  unpaced_ = true;
}

PropertyStage::~PropertyStage() {
  if (previous_.is_null()) return;
  try {
    post(previous_);
  } catch (const std::exception&) {
    // A destructor cannot report; the next case reading the config sees what is left.
  }
}

json PropertyStage::post(const json& body) {
  core::HttpResponse r = http_.send({"POST",
                                     base_ + "/_cloudconform/v1/config",
                                     {{"Content-Type", "application/json"}},
                                     body.dump()});
  if (!r.received() || r.status != 200)
    throw target::HarnessError("control plane refused " + body.dump() + ": HTTP " +
                               std::to_string(r.status) + " " + r.body);
  return json::parse(r.body, nullptr, false);
}

}  // namespace cc::suites::properties
