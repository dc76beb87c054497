#pragma once
// A target: the endpoints of the APIs, the accounts to sign with, and — when the target has
// one — a control plane to arrange instances. The suites talk only to this. Target itself is
// the one safety choke point every call passes: interrupt and deadline, allowlist, read-only
// mode, the first state of what a call may change (for restore), pacing, dispatch to the
// provider's client, the transcript. Observing (observer.h), arranging and restoring
// (arranger.h) and the control plane (control_plane.h) live beside it and call through it.
// Target faults (unreachable, garbage, no describe answer) throw HarnessError: they are
// harness errors in the report, never conformance verdicts.
#include <nlohmann/json.hpp>

#include <atomic>
#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "harness/core/api_client.h"
#include "harness/core/catalogue.h"
#include "harness/core/pacer.h"
#include "harness/core/wire_client.h"
#include "harness/provider/provider.h"
#include "harness/target/config.h"
#include "harness/target/control_plane.h"
#include "harness/target/errors.h"
#include "harness/target/observer.h"

namespace cc::target {

// The harness error a call that got no answer ends with: "<what>: <transport error>", a timeout
// kept apart from other faults by its kind.
HarnessError harness_error_of(const std::string& what, const core::Outcome& outcome);

// What Target::arrange could do: the ids, or why this target cannot provide them.
struct Arrangement {
  std::vector<std::string> ids;
  std::string not_supported;  // non-empty = nothing was arranged, and why
};

// An allowlisted instance the run changed, and whether it was put back (Target::restore).
struct Restoration {
  std::string api, id;
  std::string was, now;  // canonical states: first seen, and after restoring
  bool restored = false;
  std::string message;  // what went wrong, when it was not restored
  nlohmann::json to_json() const;
};

// A call signed differently from the target's own: other credentials, a skewed clock, a nonce
// of the caller's choosing (a replay: Alibaba's SignatureNonce / x-acs-signature-nonce).
struct CallVariant {
  std::optional<core::Credentials> credentials;
  std::int64_t clock_skew_seconds = 0;  // added to the clock the request is signed with
  // Every nonce the client asks for while building this call; nullopt = a fresh one. Tencent's
  // v1 signing derives its integer Nonce from the first 8 characters, so give hex digits.
  std::optional<std::string> nonce;
};

class Target {
 public:
  // `providers`: the modules that sign and read each API's calls (Api::provider names one).
  Target(const core::Catalogue& catalogue, TargetConfig config, core::CallContext context,
         const provider::Registry& providers = provider::builtin());
  ~Target();

  // Paced under the API's documented rate limit (see TargetConfig::pace_fraction). A target
  // that throttles a paced call anyway (a limit below the documented one) gets the call again,
  // slower, after a quiet second — up to three tries; throttled_retries() counts them, so the
  // suites can record it while the rate-limit family judges it.
  core::Outcome call(const core::Api& api, const nlohmann::json& params,
                     const core::CallStyle& style = {});
  // Not paced: for the rate-limit family, which measures the limit itself.
  core::Outcome call_unpaced(const core::Api& api, const nlohmann::json& params,
                             const core::CallStyle& style = {});
  // Two calls released at the same moment on two connections (concurrency checks).
  std::pair<core::Outcome, core::Outcome> call_together(const core::Api& a,
                                                        const nlohmann::json& pa,
                                                        const core::Api& b,
                                                        const nlohmann::json& pb);
  // Calls all released at the same moment, each on its own connection (a burst that
  // must land inside one rate window whatever the round trip; two stops that must overlap).
  // Each answer comes with when it was sent and received, so a case can tell whether the calls
  // really were in flight together.
  struct Timed {
    core::Outcome outcome;
    std::chrono::steady_clock::time_point sent, received;
  };
  // `paced`: each call first waits its turn under the documented rate, as call() does.
  std::vector<Timed> call_concurrently(const core::Api& api,
                                       const std::vector<nlohmann::json>& params,
                                       bool paced = false);
  core::Outcome call_as(const core::Api& api, const nlohmann::json& params,
                        const CallVariant& variant);
  // Parameters naming these instances for `api` (batch list or single id).
  nlohmann::json id_params(const core::Api& api, const std::vector<std::string>& ids) const;
  // For a request the harness builds and sends below Target (the signing properties change raw
  // bytes): the guards call() applies — interrupt, deadline, allowlist, read-only, first states —
  // for these parameters, so nothing sent around Target escapes them. Throws as call() would.
  void admit(const core::Api& api, const nlohmann::json& params) { guard(api, params); }
  // The client of the API's provider, with this target's endpoints and account, on a connection
  // of its own: for the requests the harness builds and sends below Target (admit() them first).
  std::unique_ptr<core::WireClient> wire_client(const core::Api& api,
                                                core::CallContext context) const {
    return make_client(api, std::move(context), nullptr);
  }

  std::size_t throttled_retries() const { return throttled_retries_; }

  // With an allowlist, every instance id a mutating call (any API whose kind is not a describe
  // kind) names must be allowlisted for the API or its product, created by this Target's
  // control plane, declared here, or have the shape of a made-up nonexistent id (the prefix,
  // then zeros and at most six digits: suites/instance_ids.cpp). Strings with no id-shaped part
  // (malformed ids) cannot name an instance and pass. Anything else throws HarnessError before
  // a byte is sent.
  void declare_synthetic(const std::string& id) { synthetic_.insert(id); }

  bool has_control_plane() const { return !config_.control_plane.empty(); }
  // Instances in `state` for a case, none of them in `taken`: created by the control plane when
  // the target has one; otherwise chosen among the allowlisted instances and brought to the
  // state through the public Stop/Start APIs (RUNNING and STOPPED only). A read-only run only
  // takes instances already in the state. Throws HarnessError when the target misbehaves.
  Arrangement arrange(const core::Api& api, const std::string& state,
                      const std::vector<std::string>& attributes, int count,
                      const std::set<std::string>& taken);
  // Every allowlisted instance a mutating call named is first observed (the state the run
  // found it in); restore() puts each back in that state and waits for it, and reports each.
  // It runs even after interrupt().
  std::vector<Restoration> restore();
  // From any thread (a signal watcher): every later call throws HarnessError(why), so the run
  // winds down quickly; restore() still works.
  void interrupt(const std::string& why);
  // A deadline for the calls to come (the suites' per-case timeout): once it has passed, every
  // call throws HarnessError(`what`) before anything is sent. nullopt = none.
  void set_deadline(std::optional<std::chrono::steady_clock::time_point> at,
                    std::string what = {}) {
    deadline_ = at;
    deadline_what_ = std::move(what);
  }
  // New instances through the control plane (control_plane.h); the allowlist then admits them.
  std::vector<std::string> create_instances(const core::Api& api, const std::string& state,
                                            const std::vector<std::string>& attributes = {},
                                            int count = 1);
  // The instance as the product's Describe API reports it; nullopt when it lists no such id.
  std::optional<ObservedInstance> observe(const core::Api& api, const std::string& id) {
    return Observer(*this, catalogue_).observe(api, id);
  }
  // Polls until `done` holds or the settle timeout passes; returns the last observation.
  ObservedInstance await(const core::Api& api, const std::string& id,
                         const std::function<bool(const ObservedInstance&)>& done) {
    return Observer(*this, catalogue_).await(api, id, done);
  }

  // Exchanges go to this transcript until it is changed (nullptr = nowhere).
  void set_transcript(std::vector<nlohmann::json>* transcript) { transcript_ = transcript; }
  std::vector<nlohmann::json>* transcript() const { return transcript_; }
  nlohmann::json identity() const;
  const TargetConfig& config() const { return config_; }
  // The account a provider's calls are signed with (every provider of the registry has one).
  const provider::Account& account(const std::string& provider) const;
  // The first state of each allowlisted instance a mutating call named, in the order met.
  struct FirstState {
    std::string id;
    const core::Api* api;  // the catalogue's stop API of its product
    std::string state;
  };
  std::vector<FirstState> first_states() const;

 private:
  core::ApiClient& client(const core::Api& api);
  void pace(const core::Api& api);
  // Before any call goes out: interrupted? allowlisted? and the first state of each
  // allowlisted instance a mutating call names, for restore().
  void guard(const core::Api& api, const nlohmann::json& params);
  void refuse_unless_allowed(const core::Api& api, const nlohmann::json& params) const;
  // Refuses what a read-only run may not change, and notes each allowlisted instance's first
  // state; `changes` gets the allowlisted ids the call may change.
  void remember_first_states(const core::Api& api, const nlohmann::json& params,
                             std::vector<std::string>& changes);
  bool allowed(const core::Api& api, const std::string& id) const;
  bool listed(const core::Api& api, const std::string& id) const;  // in the profile's allowlist
  bool is_dry_run(const core::Api& api, const nlohmann::json& params) const;
  // A client of the API's provider on its own connection; `credentials` replace the account's.
  std::unique_ptr<core::WireClient> make_client(const core::Api& api, core::CallContext context,
                                                const core::Credentials* credentials) const;
  core::CallStyle with_scheme(const core::Api& api, core::CallStyle style) const;
  core::Endpoint endpoint(const core::Api& api) const;

  const core::Catalogue& catalogue_;
  TargetConfig config_;
  std::vector<nlohmann::json>* transcript_ = nullptr;
  std::mutex transcript_mu_;                   // call_together records from two threads
  std::map<std::string, core::Pacer> pacers_;  // by API id
  std::size_t throttled_retries_ = 0;
  std::set<std::string> synthetic_;                       // declared nonexistent ids
  std::map<std::string, std::set<std::string>> created_;  // by product, via the control plane
  struct FirstSeen {
    const core::Api* api;
    std::string state;
  };
  std::map<std::string, FirstSeen>
      first_seen_;  // allowlisted ids mutating calls named, in order met
  std::vector<std::string> first_seen_order_;
  std::atomic<bool> interrupted_{false};
  std::optional<std::chrono::steady_clock::time_point> deadline_;  // set_deadline
  std::string deadline_what_;
  std::string interrupt_reason_;
  std::mutex interrupt_mu_;
  core::CallContext context_;
  const provider::Registry& providers_;
  std::map<std::string, std::unique_ptr<core::WireClient>> clients_;  // by provider
  ControlPlane control_;
};

}  // namespace cc::target
