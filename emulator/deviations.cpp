#include "emulator/deviations.h"

#include "emulator/faults.h"

#include <stdexcept>

namespace cc::emu {

const std::vector<DeviationInfo>& known_deviations() {
  static const std::vector<DeviationInfo> list = {
      {"stop-accepts-any-state",
       "only RUNNING instances may be stopped: a STOPPED instance is accepted"},
      {"stop-never-completes",
       "a stopped instance stays STOPPING forever instead of reaching STOPPED"},
      {"stop-ignored", "the call is accepted but the instance stays RUNNING"},
      {"duplicates-accepted",
       "duplicate instance ids are accepted where the document rejects them"},
      {"undocumented-codes", "errors carry an undocumented code instead of the documented one"},
      {"not-found-accepted", "a well-formed id that names no instance is accepted"},
      {"never-throttles", "calls above the documented rate are never throttled"},
      {"batch-limit-ignored", "more ids than the batch limit (101) are accepted"},
      {"dry-run-mutates", "a dry run that passes also performs the stop"},
      {"success-first-dry-run-validates",
       "SuccessFirst with DryRun validates instead of always answering DRYRUN.SUCCESS"},
      {"wrong-not-found-code", "a well-formed nonexistent id gets the malformed-id code"},
      {"skips-stopping", "an accepted stop lands in STOPPED at once, never showing STOPPING"},
      {"all-together-partial",
       "an AllTogether batch with a bad instance still stops the good ones"},
      {"wrong-alibaba-status",
       "Alibaba errors come with HTTP 500 instead of their documented status"},
      {"accepts-bad-signature", "requests with a wrong signature are served"},
      {"accepts-stale-timestamp", "requests signed outside the time window are served"},
      {"drops-request-id", "successful responses carry no RequestId"},
      {"latest-operation-never-succeeds",
       "LatestOperationState stays OPERATING after the stop completes"},
      {"throttles-at-half-limit", "calls are throttled at half the documented rate"},
      {"attributes-ignored",
       "instance attributes (security lock, arrears, local disks…) never refuse a stop"},
      {"refusals-mutate",
       "a stop refused for an instance's state or attributes still starts the transition"},
      {"malformed-ids-looked-up", "malformed ids are looked up and answered as not found"},
      {"empty-batch-accepted", "a missing or empty id list is accepted and does nothing"},
      {"batch-limit-off-by-one", "a batch of exactly the documented limit is refused as too many"},
      {"enum-values-unchecked", "values outside a documented enumeration are accepted"},
      {"dry-run-skips-validation",
       "a dry run answers the dry-run code without validating the request"},
      {"success-first-all-together",
       "SuccessFirst behaves as AllTogether: one bad instance fails the batch"},
      {"stop-accepts-stopping", "a STOPPING instance can be stopped again"},
      {"throttled-calls-mutate", "a throttled call still performs its action"},
      {"repeats-request-id", "every answer carries the same RequestId"},
      {"instance-report-missing",
       "a batch answer omits its documented per-instance report (InstanceResponses)"},
      {"bare-error-envelope", "error answers lack the envelope's message (and Alibaba's HostId)"},
      {"unknown-requests-misreported",
       "unknown actions, versions and parameters are answered as internal errors"},
      {"error-without-code", "error answers lack the error Code member"},
      {"error-without-message", "error answers lack the error Message member"},
      {"tencent-error-unwrapped",
       "Tencent errors come as {\"Error\": …, \"RequestId\": …} without the Response wrapper"},
      {"alibaba-error-under-200", "Alibaba errors keep their body but come with HTTP 200"},
      {"timestamp-window-wide",
       "signatures up to 30 minutes off are accepted by Tencent, 45 by Alibaba (documented: 5 and "
       "15)"},
      {"timestamp-window-narrow",
       "requests signed more than 60 seconds off are refused (documented: 5 and 15 minutes)"},
      {"accepts-replayed-nonce", "an Alibaba SignatureNonce used before is accepted again"},
  };
  // The transport faults (emulator/faults.h) are reached the same way, with no plumbing of their
  // own.
  static const std::vector<DeviationInfo> all = [] {
    std::vector<DeviationInfo> out = list;
    out.insert(out.end(), fault_deviations().begin(), fault_deviations().end());
    return out;
  }();
  return all;
}

void Deviations::set(const std::vector<std::string>& names) {
  for (const auto& n : names) {
    bool known = false;
    for (const auto& d : known_deviations()) known = known || d.name == n;
    if (!known) {
      std::string all;
      for (const auto& d : known_deviations()) all += (all.empty() ? "" : ", ") + d.name;
      throw std::invalid_argument("unknown deviation \"" + n + "\" (known: " + all + ")");
    }
  }
  std::lock_guard lock(mu_);
  active_ = std::set<std::string>(names.begin(), names.end());
}

bool Deviations::has(const std::string& name) const {
  std::lock_guard lock(mu_);
  return active_.count(name) > 0;
}

std::set<std::string> Deviations::active() const {
  std::lock_guard lock(mu_);
  return active_;
}

}  // namespace cc::emu
