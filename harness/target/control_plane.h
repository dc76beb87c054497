#pragma once
// The one client of an emulator's control plane (/_cloudconform/v1, emulator/README.md): the
// harness's only way to reach it, for the target, the runner, replays, rehearsals and the
// property stages alike. A failure throws HarnessError naming what was refused.
#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "harness/core/http_client.h"

namespace cc::target {

class ControlPlane {
 public:
  // `base_url`: the emulator's address (the control plane is under /_cloudconform/v1 there).
  explicit ControlPlane(std::string base_url = {}, core::HttpOptions http = {});

  // Whether `base_url` has a control plane: GET /info answers 200 with a JSON object within a
  // few seconds. `why_not`, when given, receives the reason it has none (the run header says it:
  // "HTTP 404", "not JSON", the transport error), so a wrong URL is not silently "no control
  // plane".
  static bool answers(const std::string& base_url, std::string* why_not = nullptr,
                      const core::HttpOptions& http = {});

  const std::string& base_url() const { return base_; }
  // `count` new instances of `product` in `state`, with `attributes` (security_locked…).
  std::vector<std::string> create_instances(const std::string& product, const std::string& state,
                                            const std::vector<std::string>& attributes = {},
                                            int count = 1);
  // The emulator's run-time settings (GET /config), and a change to them (POST /config),
  // which answers the settings now in force.
  nlohmann::json config();
  nlohmann::json change_config(const nlohmann::json& change);

 private:
  std::string url(const std::string& path) const { return base_ + "/_cloudconform/v1" + path; }
  std::string base_;
  core::HttpClient http_;
};

}  // namespace cc::target
