#pragma once
// What the APIs do, provider-neutral and driven by the catalogue: which state an action
// accepts, which transition it causes, and which documented code answers each violation (by
// the trigger vocabulary of fixtures/apis/SCHEMA.md). The front ends only translate wire
// formats into ActionRequests and ActionResults back into envelopes.
#include <nlohmann/json.hpp>

#include <atomic>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "emulator/deviations.h"
#include "emulator/id_pattern.h"
#include "emulator/rate_limiter.h"
#include "emulator/variations.h"
#include "emulator/world.h"
#include "harness/core/catalogue.h"

namespace cc::emu {

struct ActionRequest {
  const core::Api* api = nullptr;
  std::string account;
  nlohmann::json params;  // typed as the catalogue says, where the wire allowed it
  std::string request_id;
  std::int64_t epoch = 0;  // wall-clock seconds, for creation times in Describe
};

struct ActionResult {
  bool ok = true;
  std::string code, message;
  int http_status = 200;
  // Success fields at the catalogue's pointers; null until one is set (an empty object made for
  // every result, refusals included, was an allocation each). The front ends read null as {}.
  nlohmann::json data;
};

// Rate limits: the documented ones by default, each overridable (a value <= 0 = unlimited).
struct RateLimitConfig {
  bool enabled = true;
  std::map<std::string, double> overrides;  // by API id
};

class Behaviour {
 public:
  Behaviour(const core::Catalogue& catalogue, World& world, const Deviations& deviations,
            const Variations& variations);
  void set_rate_limits(RateLimitConfig config);
  RateLimitConfig rate_limits() const;
  // The per-second limit in force for an API, nullopt = none.
  std::optional<double> limit_for(const core::Api& api) const;
  void reset_rate_windows() { limiter_.reset(); }
  // The next `count` calls of an API answer this documented code (the API's own or the
  // provider's common one). Reaches codes no input can trigger (internal errors, permission).
  // Returns an error text when the code is not documented for the API.
  std::string inject_fault(const core::Api& api, const std::string& code, int count);
  void clear_faults();
  ActionResult handle(const ActionRequest& request);
  // An error answer for a trigger: the API's documented code, else a related documented one,
  // else the provider's common code.
  ActionResult error(const core::Api& api, const std::string& trigger,
                     const std::string& detail) const;

 private:
  // A stop or start: decided, applied and journaled (World::journal) — with `answered`, the
  // answer the caller gets instead of the decision's (a deviation that acts on throttled calls).
  ActionResult transition(const ActionRequest& r, const ActionResult* answered = nullptr);
  ActionResult decide(const ActionRequest& r, const ActionResult* answered, bool& applied);
  std::optional<ActionResult> check_parameters(const core::Api& api,
                                               const nlohmann::json& params) const;
  std::optional<ActionResult> read_ids(const core::Api& api, const nlohmann::json& params,
                                       std::vector<std::string>& ids) const;
  std::optional<ActionResult> check_request(const core::Api& api, const nlohmann::json& params,
                                            std::vector<std::string>& ids) const;
  struct Verdict {
    std::string id;
    Instance* inst;
    std::optional<ActionResult> failure;
  };
  std::optional<ActionResult> refusal_of(const ActionRequest& r, const std::string& id,
                                         const Instance* inst) const;
  void begin(const ActionRequest& r, Instance& inst);
  nlohmann::json reported(const core::Api& api, const Verdict& v,
                          const std::string& previous) const;
  ActionResult apply(const ActionRequest& r, const std::vector<std::string>& ids, bool dry_run,
                     Operation& op);
  // A journal entry at world time `at`; the request's fields go in as `source(r)`.
  Operation operation(std::chrono::steady_clock::time_point at) const;
  static OperationSource source(const ActionRequest& r);
  static std::string_view journaled_code(const ActionResult* answered, const ActionResult& result);
  ActionResult describe(const ActionRequest& r);
  nlohmann::json render_instance(const core::Api& api, const Instance& inst) const;
  // A state refusal's documented code when the catalogue files none under the state's triggers.
  const core::ErrorEntry* state_refusal_fallback(const core::Api& api) const;
  // Whether an accepted stop reports LatestOperationState SUCCESS at once, while STOPPING.
  bool succeeds_while_stopping(const core::Api& api) const;

  ActionResult throttled(const core::Api& api) const;
  const IdPattern& id_pattern(const core::Api& api) const;

  const core::Catalogue& catalogue_;
  // Each API's instance id pattern, compiled once: compiling per call was ~40 % of a stop. In
  // the catalogue's order (id_pattern() finds an API's by its position, not by its id).
  std::vector<IdPattern> id_patterns_;
  World& world_;
  const Deviations& deviations_;
  const Variations& variations_;
  RateLimiter limiter_;
  mutable std::mutex config_mu_;
  RateLimitConfig rate_limits_;
  struct Fault {
    const core::ErrorEntry* entry;
    int remaining;
  };
  std::map<std::string, std::vector<Fault>> faults_;  // by API id, under config_mu_
  std::atomic<int> fault_entries_{0};                 // entries of faults_, read without the lock
};

}  // namespace cc::emu
