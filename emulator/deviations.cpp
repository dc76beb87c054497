#include "emulator/deviations.h"

#include <algorithm>
#include <stdexcept>

namespace cc::emu {

namespace {

// The conformance deviations, in the order --list-deviations prints them (two tables only to
// keep each short), then the transport faults.
std::vector<DeviationInfo> deviations_listed_first() {
  return {
      {Deviation::stop_accepts_any_state, "stop-accepts-any-state",
       "only RUNNING instances may be stopped: a STOPPED instance is accepted"},
      {Deviation::stop_never_completes, "stop-never-completes",
       "a stopped instance stays STOPPING forever instead of reaching STOPPED"},
      {Deviation::stop_ignored, "stop-ignored",
       "the call is accepted but the instance stays RUNNING"},
      {Deviation::duplicates_accepted, "duplicates-accepted",
       "duplicate instance ids are accepted where the document rejects them"},
      {Deviation::undocumented_codes, "undocumented-codes",
       "errors carry an undocumented code instead of the documented one"},
      {Deviation::not_found_accepted, "not-found-accepted",
       "a well-formed id that names no instance is accepted"},
      {Deviation::never_throttles, "never-throttles",
       "calls above the documented rate are never throttled"},
      {Deviation::batch_limit_ignored, "batch-limit-ignored",
       "more ids than the batch limit (101) are accepted"},
      {Deviation::dry_run_mutates, "dry-run-mutates",
       "a dry run that passes also performs the stop"},
      {Deviation::success_first_dry_run_validates, "success-first-dry-run-validates",
       "SuccessFirst with DryRun validates instead of always answering DRYRUN.SUCCESS"},
      {Deviation::wrong_not_found_code, "wrong-not-found-code",
       "a well-formed nonexistent id gets the malformed-id code"},
      {Deviation::skips_stopping, "skips-stopping",
       "an accepted stop lands in STOPPED at once, never showing STOPPING"},
      {Deviation::all_together_partial, "all-together-partial",
       "an AllTogether batch with a bad instance still stops the good ones"},
      {Deviation::wrong_alibaba_status, "wrong-alibaba-status",
       "Alibaba errors come with HTTP 500 instead of their documented status"},
  };
}

std::vector<DeviationInfo> deviations_listed_next() {
  return {
      {Deviation::accepts_bad_signature, "accepts-bad-signature",
       "requests with a wrong signature are served"},
      {Deviation::accepts_stale_timestamp, "accepts-stale-timestamp",
       "requests signed outside the time window are served"},
      {Deviation::drops_request_id, "drops-request-id", "successful responses carry no RequestId"},
      {Deviation::latest_operation_never_succeeds, "latest-operation-never-succeeds",
       "LatestOperationState stays OPERATING after the stop completes"},
      {Deviation::throttles_at_half_limit, "throttles-at-half-limit",
       "calls are throttled at half the documented rate"},
      {Deviation::attributes_ignored, "attributes-ignored",
       "instance attributes (security lock, arrears, local disks…) never refuse a stop"},
      {Deviation::refusals_mutate, "refusals-mutate",
       "a stop refused for an instance's state or attributes still starts the transition"},
      {Deviation::malformed_ids_looked_up, "malformed-ids-looked-up",
       "malformed ids are looked up and answered as not found"},
      {Deviation::empty_batch_accepted, "empty-batch-accepted",
       "a missing or empty id list is accepted and does nothing"},
      {Deviation::batch_limit_off_by_one, "batch-limit-off-by-one",
       "a batch of exactly the documented limit is refused as too many"},
      {Deviation::enum_values_unchecked, "enum-values-unchecked",
       "values outside a documented enumeration are accepted"},
      {Deviation::dry_run_skips_validation, "dry-run-skips-validation",
       "a dry run answers the dry-run code without validating the request"},
      {Deviation::success_first_all_together, "success-first-all-together",
       "SuccessFirst behaves as AllTogether: one bad instance fails the batch"},
      {Deviation::stop_accepts_stopping, "stop-accepts-stopping",
       "a STOPPING instance can be stopped again"},
      {Deviation::throttled_calls_mutate, "throttled-calls-mutate",
       "a throttled call still performs its action"},
      {Deviation::repeats_request_id, "repeats-request-id",
       "every answer carries the same RequestId"},
      {Deviation::instance_report_missing, "instance-report-missing",
       "a batch answer omits its documented per-instance report (InstanceResponses)"},
      {Deviation::bare_error_envelope, "bare-error-envelope",
       "error answers lack the envelope's message (and Alibaba's HostId)"},
      {Deviation::unknown_requests_misreported, "unknown-requests-misreported",
       "unknown actions, versions and parameters are answered as internal errors"},
      {Deviation::error_without_code, "error-without-code",
       "error answers lack the error Code member"},
      {Deviation::error_without_message, "error-without-message",
       "error answers lack the error Message member"},
      {Deviation::tencent_error_unwrapped, "tencent-error-unwrapped",
       "Tencent errors come as {\"Error\": …, \"RequestId\": …} without the Response wrapper"},
      {Deviation::alibaba_error_under_200, "alibaba-error-under-200",
       "Alibaba errors keep their body but come with HTTP 200"},
      {Deviation::timestamp_window_wide, "timestamp-window-wide",
       "signatures up to 30 minutes off are accepted by Tencent, 45 by Alibaba (documented: 5 and "
       "15)"},
      {Deviation::timestamp_window_narrow, "timestamp-window-narrow",
       "requests signed more than 60 seconds off are refused (documented: 5 and 15 minutes)"},
      {Deviation::accepts_replayed_nonce, "accepts-replayed-nonce",
       "an Alibaba SignatureNonce used before is accepted again"},
  };
}

// Transport faults (emulator/faults.h): they break no documented behaviour but make answers
// unusable; the suite must end each affected case as a harness error, never a verdict.
std::vector<DeviationInfo> transport_faults() {
  return {
      {Deviation::fault_slow, "fault-slow",
       "transport fault, not a conformance deviation: every cloud answer is held 60 s, beyond the "
       "client's timeout"},
      {Deviation::fault_reset, "fault-reset",
       "transport fault, not a conformance deviation: every cloud request's connection is reset "
       "(TCP RST) instead of answered"},
      {Deviation::fault_truncated, "fault-truncated",
       "transport fault, not a conformance deviation: every cloud answer promises its full "
       "Content-Length, sends half and closes"},
      {Deviation::fault_not_json, "fault-not-json",
       "transport fault, not a conformance deviation: every cloud answer's body is plain text, not "
       "JSON (Content-Type still JSON)"},
      {Deviation::fault_huge_body, "fault-huge-body",
       "transport fault, not a conformance deviation: every cloud answer is padded to a 50 MB "
       "body"},
      {Deviation::fault_wrong_content_type, "fault-wrong-content-type",
       "transport fault, not a conformance deviation: every cloud answer comes as text/html"},
      {Deviation::fault_five_xx_storm, "fault-5xx-storm",
       "transport fault, not a conformance deviation: every cloud request gets HTTP 503 with an "
       "HTML page"},
      {Deviation::fault_other_request, "fault-other-request",
       "transport fault, not a conformance deviation: a cloud request gets the last successful "
       "answer to another API of its provider"},
  };
}

}  // namespace

const std::vector<DeviationInfo>& known_deviations() {
  static const std::vector<DeviationInfo> all = [] {
    std::vector<DeviationInfo> out = deviations_listed_first();
    for (auto more : {deviations_listed_next(), transport_faults()})
      out.insert(out.end(), more.begin(), more.end());
    return out;
  }();
  return all;
}

const std::string& name_of(Deviation d) {
  for (const auto& i : known_deviations())
    if (i.deviation == d) return i.name;
  throw std::logic_error("a deviation without a name");
}

Deviation parse_deviation(const std::string& name) {
  for (const auto& i : known_deviations())
    if (i.name == name) return i.deviation;
  std::string all;
  for (const auto& i : known_deviations()) all += (all.empty() ? "" : ", ") + i.name;
  throw std::invalid_argument("unknown deviation \"" + name + "\" (known: " + all + ")");
}

bool is_fault(Deviation d) { return name_of(d).rfind("fault-", 0) == 0; }

void Deviations::set(const std::vector<std::string>& names) {
  std::uint64_t parsed = 0;
  for (const auto& n : names)
    parsed |= std::uint64_t{1} << static_cast<unsigned>(parse_deviation(n));
  active_.store(parsed, std::memory_order_release);
}

bool Deviations::any_fault() const {
  if (active_.load(std::memory_order_acquire) == 0) return false;  // asked on every request
  for (const auto& i : known_deviations())
    if (has(i.deviation) && is_fault(i.deviation)) return true;
  return false;
}

std::vector<std::string> Deviations::active() const {
  const std::uint64_t bits = active_.load(std::memory_order_acquire);
  std::vector<std::string> out;
  for (const auto& i : known_deviations())
    if ((bits >> static_cast<unsigned>(i.deviation)) & 1u) out.push_back(i.name);
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace cc::emu
